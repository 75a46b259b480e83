"""An encrypted summit against a plain one, side by side: open, an edit, checks, export.

    python benchmarks/bench_encryption.py [--repeat N] [--scale S]

Writes the summit visit twice to a temporary folder (not timed): in clear, and
encrypted with SQLCipher 4 (sqlcipher3). Then reports the best of N runs of each
step on each file:

- open: open the visit for editing and read it into domain objects, the key derived
  from the passphrase each time (PBKDF2-HMAC-SHA512, 256,000 iterations: what every
  process opening the file pays once);
- edit: one change to a person, journaled and committed (`synchronous=FULL`);
- checks: what `visitplanner check` does: open read-only, read, run every plan check;
- export-json: what `visitplanner export-json` does.

Goal (issue 21): encrypted within 1.3x of plain for each step.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import SummitSize, generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import export_json, write_visit
from visitplanner.storage import keys

PASSPHRASE = "a passphrase an office would choose"
TARGET = 1.3


def best_of(repeat: int, step: Callable[[], object]) -> float:
    """The shortest time of `repeat` runs of `step`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(
    path: Path, encrypted: bool, repeat: int, folder: Path, derive: bool = True
) -> dict[str, float]:
    """The time of each step on the visit at `path`; the key derived anew for each step
    (as a new process does), or with `derive` False known already (as the window's
    worker, its backup and a second session find it once the passphrase was given)."""

    def fresh() -> None:
        if derive:
            keys.forget_all()
        if encrypted:
            keys.set_asker(lambda _path: PASSPHRASE)

    def open_and_read() -> None:
        fresh()
        VisitSession.open(path).close()

    fresh()
    session = VisitSession.open(path)
    counter = iter(range(1_000_000))

    def edit() -> None:
        person = session.data.people[0]
        session.apply(
            SaveEntity(dataclasses.replace(person, notes=f"edit {next(counter)}"), person)
        )

    def checks() -> None:
        fresh()
        reading = VisitSession.open(path, read_only=True)
        try:
            check_plan(reading.data)
        finally:
            reading.close()

    def export() -> None:
        fresh()
        export_json(path, folder / f"{path.stem}.json")

    try:
        figures = {
            "open": best_of(repeat, open_and_read),
            "edit": best_of(repeat, edit),
            "checks": best_of(repeat, checks),
            "export-json": best_of(repeat, export),
        }
    finally:
        session.close()
    keys.forget_all()
    return figures


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
        clear = measure(plain, False, args.repeat, folder)
        hidden = measure(secret, True, args.repeat, folder)
        known = measure(secret, True, args.repeat, folder, derive=False)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
