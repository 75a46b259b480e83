"""Programme versions on a summit: what each costs in the file, `version`, `changes`.

    python benchmarks/bench_versions.py [--scale S] [--versions N] [--moved K]
                                        [--before CHECKOUT]

Writes the summit visit, then N times: moves K events (a quarter of an hour later,
straight in the file) and runs `visitplanner version` in a child process, measuring its
wall time and its peak memory (the child's ru_maxrss). After the last version, runs
`visitplanner changes` (since the latest, and since version 1) the same way. Reports the
file's size after each version, what the file keeps of each version, and the floor: a
process that only reads the visit (what every command pays before its own work). With
`--before CHECKOUT` (another checkout, such as the main branch before a change), the
same steps run with that checkout's code first, in the same run, so the two are compared
on the same machine at the same time.
Goal (issue 17): a version < 1 MB for a few moved events; `version` and `changes`
< 1 s and < 150 MB at the 10th.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
OURS = BENCHMARKS.parent

#: Written by a child with the checkout's code: the summit at a scale, as a visit file.
_WRITE = """
import sys
sys.path.insert(0, {benchmarks!r})
from pathlib import Path
from summit import SummitSize, generate_summit
from visitplanner.services.visit_files import write_visit
write_visit(Path({path!r}), generate_summit(SummitSize.scaled({scale!r})))
"""


@dataclass(frozen=True)
class Run:
    """One child process: its wall time (s) and peak memory (MB)."""

    seconds: float
    peak_mb: float


def child(code: Path, args: list[str]) -> Run:
    """Run `python args` with `code` first on the path; its time and peak memory."""
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args], cwd=code, env=env, stdout=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{args}: exit {process.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux


def _later(utc: str) -> str:
    """A time as the file keeps it (`2026-06-01T14:30:00Z`), a quarter of an hour later."""
    moment = datetime.fromisoformat(utc.replace("Z", "+00:00")) + timedelta(minutes=15)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_bytes(path: Path, number: int) -> int:
    """What the file keeps of version `number`'s programme (column `programme` since
    migration 0006, whole `snapshot` before)."""
    conn = sqlite3.connect(path)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(programme_version)")}
        column = "programme" if "programme" in columns else "snapshot"
        query = f"SELECT length(CAST({column} AS BLOB)) FROM programme_version WHERE number = ?"
        return int(conn.execute(query, (number,)).fetchone()[0])
    finally:
        conn.close()


def move_events(path: Path, round_: int, moved: int) -> None:
    """Move `moved` events a quarter of an hour later, straight in the file."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, start_utc, end_utc FROM event ORDER BY id").fetchall()
        step = max(1, len(rows) // max(1, moved))
        for ident, start, end in rows[round_ * 7 % step :: step][:moved]:
            later = [_later(start), _later(end)]
            conn.execute(
                "UPDATE event SET start_utc = ?, end_utc = ? WHERE id = ?", (*later, ident)
            )
        conn.commit()
    finally:
        conn.close()


def measure(code: Path, label: str, args: argparse.Namespace, folder: Path) -> None:
    """Every step with the code of `code`, printed as a table."""
    path = folder / f"{label}.visit"
    script = _WRITE.format(benchmarks=str(BENCHMARKS), scale=args.scale, path=str(path))
    child(code, ["-c", script])
    size = path.stat().st_size
    print(f"\n## {label} ({code})\n")
    print(f"visit file without versions: {size / 1e6:.1f} MB\n")
    print("| version | file size | version kept in | `version` time | `version` peak |")
    print("| --- | --- | --- | --- | --- |")
    for number in range(1, args.versions + 1):
        if number > 1:
            move_events(path, number, args.moved)
        run = child(code, ["-m", "visitplanner", "version", str(path), "--note", f"v{number}"])
        size = path.stat().st_size
        kept = stored_bytes(path, number)
        print(
            f"| {number} | {size / 1e6:.1f} MB | {kept / 1e3:,.0f} kB | "
            f"{run.seconds:.2f} s | {run.peak_mb:.0f} MB |"
        )
    move_events(path, 0, args.moved)
    latest = child(code, ["-m", "visitplanner", "changes", str(path)])
    first = child(code, ["-m", "visitplanner", "changes", str(path), "--since", "1"])
    reading = (
        "import sys; from pathlib import Path; "
        "from visitplanner.services.visit_files import read_visit; read_visit(Path(sys.argv[1]))"
    )
    floor = child(code, ["-c", reading, str(path)])
    print()
    print(f"`changes` since the latest: {latest.seconds:.2f} s, {latest.peak_mb:.0f} MB peak")
    print(f"`changes --since 1`: {first.seconds:.2f} s, {first.peak_mb:.0f} MB peak")
    print(
        f"floor, reading the visit alone (start-up, open, load): {floor.seconds:.2f} s, "
        f"{floor.peak_mb:.0f} MB peak"
    )


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the summit's size")
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--moved", type=int, default=5, help="events moved between versions")
    parser.add_argument("--before", type=Path, help="another checkout to measure first")
    args = parser.parse_args(argv)
    print(
        f"summit x{args.scale:g}, {args.versions} versions, {args.moved} events moved before each"
    )
    with tempfile.TemporaryDirectory() as folder:
        if args.before is not None:
            measure(args.before.resolve(), "before", args, Path(folder))
        measure(OURS, "ours", args, Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
