"""Time issuing a programme version, rebuilding one, and the changes, on a summit.

    python benchmarks/bench_versions.py [--repeat N]

Reports the best of N runs: freezing the programme as JSON (what `version` stores),
reading a version back (what `changes` and "Open read-only" do), and the diff of two
summit programmes with a tenth of the events moved. Target: each under 1 s.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import generate_summit

from visitplanner.domain.model import ProgrammeVersion
from visitplanner.domain.versions import diff_programmes
from visitplanner.exports.visit_json import programme_to_json
from visitplanner.services.versions import programme_of


def best_of(repeat: int, step: object) -> tuple[float, object]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    data = generate_summit()
    later = copy.deepcopy(data)
    for event in later.events[::10]:
        event.start += timedelta(minutes=30)
        event.end += timedelta(minutes=30)
    freeze, text = best_of(args.repeat, lambda: programme_to_json(data))
    snapshot = str(text)
    version = ProgrammeVersion(1, data.events[0].start, "", snapshot)
    rebuild, _old = best_of(args.repeat, lambda: programme_of(version))
    diff, found = best_of(args.repeat, lambda: diff_programmes(data, later))
    moved = len(found.moved)  # type: ignore[attr-defined]
    print(f"summit: {len(data.people)} people, {len(data.events)} events")
    print(f"freeze the programme (JSON, {len(snapshot) / 1e6:.1f} MB): {freeze:.3f} s")
    print(f"rebuild a version: {rebuild:.3f} s")
    print(f"diff ({moved} events moved): {diff:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
