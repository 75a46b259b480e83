"""An encrypted summit against a plain one, side by side: open, an edit, checks, export.

    python benchmarks/bench_encryption.py [--repeat N] [--scale S]

Writes the summit visit twice to a temporary folder (not timed): in clear, and
encrypted with SQLCipher 4 (sqlcipher3). Then reports the best of N runs of each
step on each file:

- open: open the visit for editing and read it into domain objects, the key derived
  from the passphrase each time (PBKDF2-HMAC-SHA512, 256,000 iterations: what every
  process opening the file pays once);
- edit: one change to a person, journaled and committed (`synchronous=FULL`), the
  median of 25;
- checks: what `visitplanner check` does: open read-only, read, run every plan check;
- export-json: what `visitplanner export-json` does.

Then the command line as the officer runs it, start to finish, each command a new
process (best of N): `visitplanner check` and `visitplanner export-json`, the
passphrase in VISITPLANNER_PASSPHRASE. A process derives the key once; it starts doing
so before it loads the command's modules (visitplanner/__main__.py), so the two
overlap on a machine with two cores.

Goal (issue 21): encrypted within 1.3x of plain for each step.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout's VisitPlanner

from summit import SummitSize, generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import export_json, write_visit
from visitplanner.storage import keys

PASSPHRASE = "a passphrase an office would choose"
TARGET = 1.3


class Variant:
    """One file opened one way: plain; encrypted with the key derived for each step (as
    a new process does); encrypted with the key known (as the window's worker, its
    backup and a second session find it once the passphrase was given)."""

    def __init__(self, path: Path, encrypted: bool, derive: bool, folder: Path) -> None:
        self.path, self.encrypted, self.derive, self.folder = path, encrypted, derive, folder
        self.times: dict[str, list[float]] = {}
        with path.open("rb") as handle:
            self.salt = handle.read(16)  # an encrypted file's salt
        self._fresh()
        self.session = VisitSession.open(path)
        self._edits = 0

    def _fresh(self) -> None:
        if self.derive:
            keys.forget_derived(self.salt)
        if self.encrypted:
            keys.remember(self.path, PASSPHRASE)

    def open(self) -> None:
        self._fresh()
        VisitSession.open(self.path).close()

    def edit(self) -> None:
        self._fresh()
        person = self.session.data.people[0]
        self._edits += 1
        edited = dataclasses.replace(person, notes=f"edit {self._edits}")
        self.session.apply(SaveEntity(edited, person))

    def checks(self) -> None:
        self._fresh()
        reading = VisitSession.open(self.path, read_only=True)
        try:
            check_plan(reading.data)
        finally:
            reading.close()

    def export(self) -> None:
        self._fresh()
        export_json(self.path, self.folder / f"{self.path.stem}.json")

    def run(self, step: str, action: Callable[[], None]) -> None:
        """Time one run of `action` as `step`."""
        start = time.perf_counter()
        action()
        self.times.setdefault(step, []).append(time.perf_counter() - start)


def measure(variants: list[Variant], repeat: int) -> None:
    """Each step on each variant in turn, `repeat` times over (edits 5 times as often):
    the machine's load then weighs on all of them alike."""
    for _ in range(repeat):
        for variant in variants:
            variant.run("open", variant.open)
        for _ in range(5):
            for variant in variants:
                variant.run("edit", variant.edit)
        for variant in variants:
            variant.run("checks", variant.checks)
        for variant in variants:
            variant.run("export-json", variant.export)
    for variant in variants:
        variant.session.close()


def figure(times: list[float], step: str) -> float:
    """The best run of a step; the median of the edits (an fsync varies run to run)."""
    return statistics.median(times) if step == "edit" else min(times)


def command_line(plain: Path, secret: Path, folder: Path, repeat: int) -> dict[str, list[float]]:
    """Each command, start to finish in a new process, on the plain and the encrypted
    file in turn, `repeat` times: the best wall time of each."""
    environment = dict(os.environ, VISITPLANNER_PASSPHRASE=PASSPHRASE)
    commands = {
        "check": lambda path: ["check", str(path)],
        "export-json": lambda path: ["export-json", str(path), "-o", str(folder / "out.json")],
    }
    best: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, words in commands.items():
            for column, path in enumerate((plain, secret)):
                (folder / "out.json").unlink(missing_ok=True)
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "visitplanner", *words(path)],
                    env=environment,
                    capture_output=True,
                    check=False,
                )
                seconds = time.perf_counter() - start
                if done.returncode not in (0, 1):  # 1: the check found errors
                    raise SystemExit(done.stderr.decode())
                row = best.setdefault(name, [float("inf"), float("inf")])
                row[column] = min(row[column], seconds)
    return best


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the summit")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        data = generate_summit(SummitSize.scaled(args.scale))
        plain, secret = folder / "plain.visit", folder / "encrypted.visit"
        write_visit(plain, data)
        write_visit(secret, data, passphrase=PASSPHRASE)
        twin = folder / "encrypted-twin.visit"  # its own file: edits from two sessions clash
        write_visit(twin, data, passphrase=PASSPHRASE)
        keys.forget_all()
        start = time.perf_counter()
        keys.raw_key(PASSPHRASE, secret.read_bytes()[:16])
        derive = time.perf_counter() - start
        keys.forget_all()
        print(
            f"summit x{args.scale}: {len(data.people)} people, {len(data.events)} events; "
            f"{plain.stat().st_size / 1e6:.1f} MB in clear, "
            f"{secret.stat().st_size / 1e6:.1f} MB encrypted; key derivation {derive * 1000:.0f} ms"
        )
        variants = [
            Variant(plain, encrypted=False, derive=False, folder=folder),
            Variant(secret, encrypted=True, derive=True, folder=folder),
            Variant(twin, encrypted=True, derive=False, folder=folder),
        ]
        measure(variants, args.repeat)
        keys.forget_all()
        processes = command_line(plain, secret, folder, args.repeat)
        clear, hidden, known = (
            {step: figure(times, step) for step, times in v.times.items()} for v in variants
        )
    print(
        f"{'step':<12} {'plain':>8} {'encrypted':>10} {'ratio':>6} {'key known':>10} {'ratio':>6}"
        f"  (target <= {TARGET}x)"
    )
    worst = worst_known = 0.0
    for step, seconds in clear.items():
        ratio = hidden[step] / seconds if seconds else 0.0
        ratio_known = known[step] / seconds if seconds else 0.0
        worst, worst_known = max(worst, ratio), max(worst_known, ratio_known)
        print(
            f"{step:<12} {seconds * 1000:>6.0f}ms {hidden[step] * 1000:>8.0f}ms {ratio:>5.2f}x"
            f" {known[step] * 1000:>8.0f}ms {ratio_known:>5.2f}x"
        )
    print(f"worst ratio: {worst:.2f}x (key derived each time), {worst_known:.2f}x (key known)")
    print(f"{'command, start to finish':<28} {'plain':>8} {'encrypted':>10} {'ratio':>6}")
    worst_command = 0.0
    for name, (clear_s, hidden_s) in processes.items():
        ratio = hidden_s / clear_s
        worst_command = max(worst_command, ratio)
        print(
            f"{'visitplanner ' + name:<28} {clear_s * 1000:>6.0f}ms {hidden_s * 1000:>8.0f}ms"
            f" {ratio:>5.2f}x"
        )
    print(f"worst command ratio: {worst_command:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
