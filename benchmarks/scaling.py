"""How the command line's work grows with the visit: 1x, 3x and 10x the summit.

    python benchmarks/scaling.py [--scales 1 3 10] [--repeat 2] [--folder DIR]

Writes the summit visit at each scale (`summit.py --scale`; kept in --folder to be
reused), then runs each piece of work as an officer would, in a fresh process, and
measures its wall time and peak memory (`ru_maxrss` of the child): opening and loading
the visit, the plan checks, `export-json`, `export-ics` of the whole visit beside a
process using icalendar alone (the floor), `version` and `changes`; and the briefing
book beside plain platypus pages (its floor, `bench_briefing.py`) on the summit at a
tenth of each scale (0.1x, 0.3x and 1x for 1x, 3x and 10x: the summit's book is some
5,000 pages, ten times the summit would be 50,000). The plan checks are set beside
their floor: every participation grouped by person and each person's events walked in
time order, in plain Python (the least any check of moves and overlaps must do). The
window is launched on the same file (`bench_window.py`: to its first paint, and to the
visit on screen, beside a bare PySide6 window), and the programme list's and the
roster's filters are typed into (`bench_timeline.py --filter-only`,
`bench_roster_filter.py`: the worst keystroke, beside a naive QTableView behind
QSortFilterProxyModel typed the same keys). It prints the work / floor / ours / ratio /
goal table at each scale, then the growth of each line and of its floor: the slope of
log(time) against log(size) between the smallest and the largest scale, where 1.0 is
linear and nothing may exceed n log n (about 1.1 over 1x to 10x).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ics import FLOOR_PROCESS

ROOT = Path(__file__).resolve().parents[1]

#: The briefing book is measured on a visit this fraction of each scale (a tenth: the
#: summit's own book at 10x).
BOOK_SHARE = 0.1

LOAD = """
import sys
from pathlib import Path
from visitplanner.services.visit_files import read_visit
read_visit(Path(sys.argv[1]))
"""

CHECKS = """
import sys, time
from pathlib import Path
from visitplanner.domain.checks import check_plan
from visitplanner.services.visit_files import read_visit
data = read_visit(Path(sys.argv[1]))
start = time.perf_counter()
check_plan(data)
print(time.perf_counter() - start)
"""

#: The floor of the checks: each person's events in time order, walked pair by pair,
#: comparing where one ends and the next begins (what the checks of moves do, less
#: everything they look up).
CHECKS_FLOOR = """
import sys, time
from collections import defaultdict
from pathlib import Path
from visitplanner.services.visit_files import read_visit
data = read_visit(Path(sys.argv[1]))
start = time.perf_counter()
instants = {e.id: (e.start.timestamp(), e.end.timestamp()) for e in data.events}
by_person = defaultdict(list)
for event in data.events:
    for person in event.participant_ids:
        by_person[person].append(event)
close = 0
for events in by_person.values():
    events.sort(key=lambda e: instants[e.id])
    for before, after in zip(events, events[1:]):
        gap = instants[after.id][0] - instants[before.id][1]
        if before.venue_id != after.venue_id and gap < 3600:
            close += 1
print(time.perf_counter() - start)
"""

#: The floor of opening and loading: every row of every table read with sqlite3 alone.
LOAD_FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
for table in tables:
    conn.execute(f"SELECT * FROM {table}").fetchall()
"""


@dataclass
class Measure:
    """One piece of work at one scale."""

    seconds: float
    peak_mb: float


@dataclass
class Line:
    """One row of the table: the work, its goal, and its figures by scale."""

    work: str
    goal: str
    ours: dict[float, Measure] = field(default_factory=dict)
    floor: dict[float, Measure] = field(default_factory=dict)


def run(args: list[str], cwd: Path, code: Path | None = None) -> tuple[Measure, str]:
    """Run a Python child (importing visitplanner from the checkout `code` if given);
    its wall time, peak memory and standard output."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        # Files, not pipes: a child that says much would fill a pipe no one reads yet.
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, *args],
            stdout=out_file,
            stderr=err_file,
            cwd=cwd,
            env={
                **os.environ,
                "LANGUAGE": "en",
                **({"PYTHONPATH": str(code)} if code is not None else {}),
            },
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read().decode(), err_file.read().decode()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{args}: failed\n{err}")
    return Measure(took, usage.ru_maxrss / 1024), out


def best(repeat: int, args: list[str], cwd: Path) -> tuple[Measure, str]:
    """The fastest of `repeat` runs (and the highest peak among them)."""
    runs = [run(args, cwd) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r[0].seconds)
    peak = max(r[0].peak_mb for r in runs)
    return Measure(fastest[0].seconds, peak), fastest[1]


def visit_at(scale: float, folder: Path) -> Path:
    """The summit visit at `scale`, written once into `folder`."""
    path = folder / f"summit-{scale:g}x.visit"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "summit.py"),
                str(path),
                "--scale",
                str(scale),
            ],
            check=True,
            capture_output=True,
        )
    return path


def _copy(source: Path, target: Path) -> None:
    """A scratch copy of the visit through SQLite's backup API, as every copy is made."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def measure(scales: list[float], repeat: int, folder: Path) -> list[Line]:
    """Every line of the table at every scale."""
    lines = {
        "load": Line("open and load the visit", "< 2 s at 10x"),
        "checks": Line("plan checks (in the process, after loading)", "< 0.3 s at 1x, linear"),
        "json": Line("export-json, whole process", "< 400 MB at 10x"),
        "ics": Line("export-ics of the whole visit, whole process", "<= 1.3x the floor"),
        "version": Line("version (the second)", "< 1 s, < 150 MB"),
        "changes": Line("changes since version 1", "< 1 s, < 150 MB"),
        "book": Line("briefing book at a tenth of the scale (build)", "<= 2x, < 400 MB at 1x"),
        "paint": Line("window: launch to first paint", "< 1 s at 1x, < 2 s at 10x"),
        "window": Line("window: launch to the visit on screen", "-"),
        "programme": Line("programme list filter, worst keystroke", "< 50 ms"),
        "roster": Line("roster filter, worst keystroke", "< 50 ms"),
    }
    cli = ["-m", "visitplanner"]
    for scale in scales:
        visit = visit_at(scale, folder)
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            copy = work / "v.visit"
            _copy(visit, copy)
            lines["load"].ours[scale], _ = best(repeat, ["-c", LOAD, str(copy)], work)
            lines["load"].floor[scale], _ = best(repeat, ["-c", LOAD_FLOOR, str(copy)], work)
            measured, out = best(repeat, ["-c", CHECKS, str(copy)], work)
            lines["checks"].ours[scale] = Measure(float(out.strip()), measured.peak_mb)
            measured, out = best(repeat, ["-c", CHECKS_FLOOR, str(copy)], work)
            lines["checks"].floor[scale] = Measure(float(out.strip()), measured.peak_mb)
            lines["json"].ours[scale], _ = best(
                repeat, [*cli, "export-json", str(copy), "-o", str(work / "v.json")], work
            )
            lines["ics"].ours[scale], _ = best(
                repeat, [*cli, "export-ics", str(copy), "-o", str(work / "a.ics")], work
            )
            lines["ics"].floor[scale], _ = best(
                repeat, ["-c", FLOOR_PROCESS, str(copy), str(work / "b.ics")], work
            )
            run([*cli, "version", str(copy)], work)
            lines["version"].ours[scale], _ = run([*cli, "version", str(copy)], work)
            lines["changes"].ours[scale], _ = best(
                repeat, [*cli, "changes", str(copy), "--since", "1"], work
            )
            window(lines, scale, copy, repeat)
        lines["book"].ours[scale], lines["book"].floor[scale] = book_and_floor(scale * BOOK_SHARE)
        print(f"{scale:g}x done", file=sys.stderr)
    return list(lines.values())


def window(lines: dict[str, Line], scale: float, visit: Path, repeat: int) -> None:
    """The window's lines at `scale`: its launch (best of `repeat`) and the worst
    keystroke of each filter, each beside its floor, on the offscreen platform."""
    folder = ROOT / "benchmarks"
    runs = (
        ("bench_window.py", ["--repeat", str(repeat)], ("first_paint", "floor"), "paint"),
        (
            "bench_timeline.py",
            ["--filter-only", "--repeat", "2"],
            ("worst", "floor_worst"),
            "programme",
        ),
        ("bench_roster_filter.py", ["--repeat", "1"], ("worst", "floor_worst"), "roster"),
    )
    for script, extra, (ours, floor), key in runs:
        measured, out = run(
            [str(folder / script), "--visit", str(visit), "--json", *extra], ROOT, ROOT
        )
        figures = json.loads(out.strip().splitlines()[-1])
        lines[key].ours[scale] = Measure(figures[ours], measured.peak_mb)
        lines[key].floor[scale] = Measure(figures[floor], measured.peak_mb)
        if key == "paint":
            lines["window"].ours[scale] = Measure(figures["window"], measured.peak_mb)
            lines["window"].floor[scale] = Measure(figures[floor], measured.peak_mb)


def book_and_floor(scale: float) -> tuple[Measure, Measure]:
    """The briefing book of the summit at `scale` and its plain platypus floor, each
    built once in a child process (`bench_briefing.py`): build time, peak memory."""
    script = str(ROOT / "benchmarks" / "bench_briefing.py")
    _took, out = run([script, "--child", "book", "--scale", str(scale)], ROOT, ROOT)
    book = json.loads(out.strip().splitlines()[-1])
    _took, out = run([script, "--child", "floor", "--pages", str(book["pages"])], ROOT, ROOT)
    floor = json.loads(out.strip().splitlines()[-1])
    return Measure(book["seconds"], book["peak_mb"]), Measure(floor["seconds"], floor["peak_mb"])


def slope(figures: dict[float, Measure], scales: list[float]) -> str:
    """The exponent of the time's growth between the smallest and largest scale."""
    low, high = min(scales), max(scales)
    if low == high or low not in figures or high not in figures:
        return "-"
    ratio = figures[high].seconds / figures[low].seconds
    return f"{math.log(ratio) / math.log(high / low):.2f}"


def print_tables(lines: list[Line], scales: list[float]) -> None:
    """The work / floor / ours / ratio / goal table, then the growth table."""
    print("| work | scale | floor | ours | ratio | peak | goal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for line in lines:
        for scale in scales:
            ours = line.ours[scale]
            floor = line.floor.get(scale)
            shown_floor = shown(floor.seconds) if floor else "-"
            ratio = f"{ours.seconds / floor.seconds:.2f}" if floor else "-"
            print(
                f"| {line.work} | {scale:g}x | {shown_floor} | {shown(ours.seconds)} | {ratio} "
                f"| {ours.peak_mb:.0f} MB | {line.goal} |"
            )
    print()
    header = " | ".join(f"{s:g}x" for s in scales)
    print(f"| work | {header} | slope | floor's slope |")
    print("| --- |" + " ---: |" * (len(scales) + 2))
    for line in lines:
        cells = " | ".join(f"{shown(line.ours[s].seconds)}" for s in scales)
        print(
            f"| {line.work} | {cells} | {slope(line.ours, scales)} | {slope(line.floor, scales)} |"
        )


def shown(seconds: float) -> str:
    """Seconds, or milliseconds below a tenth of a second."""
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds:.2f} s"


def main(argv: list[str]) -> int:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 3.0, 10.0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="keep the generated visits here")
    args = parser.parse_args(argv)
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        lines = measure(args.scales, args.repeat, args.folder)
    else:
        with tempfile.TemporaryDirectory() as folder:
            lines = measure(args.scales, args.repeat, Path(folder))
    print_tables(lines, args.scales)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
