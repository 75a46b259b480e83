"""Time opening a summit-sized visit, loading it into domain objects, and checking it.

    python benchmarks/bench_checks.py [--repeat N] [--scale S]

Writes the summit visit to a temporary folder first (not timed), then reports
the best of N runs of each step: every check from scratch (the command line's
`check`, and the window's first run), and the window's re-check after one event
is moved (`PlanChecker`: only what the edit touched is checked again). Targets:
open and load under 1 s; all checks under 0.3 s at 1x, growing linearly; the
window runs them in a worker thread.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import SummitSize, generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.domain.plan_checker import PlanChecker, snapshot
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply delegations and events (linearity)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        data = generate_summit(SummitSize.scaled(args.scale))
        write_visit(path, data)
        size_mb = path.stat().st_size / 1e6

        def open_and_load() -> VisitSession:
            session = VisitSession.open(path)
            session.close()
            return session

        load_time, session = best_of(args.repeat, open_and_load)
        loaded = session.data  # type: ignore[attr-defined]
        check_time, findings = best_of(args.repeat, lambda: check_plan(loaded))
        recheck_time, rechecked = recheck_after_one_move(loaded, args.repeat)
    kinds = Counter(f.severity.value for f in findings)  # type: ignore[attr-defined]
    print(
        f"summit visit: {len(loaded.people)} people, {len(loaded.events)} events, "
        f"{len(loaded.venues)} venues, {len(loaded.vehicles)} vehicles, "
        f"{sum(len(e.participant_ids) for e in loaded.events)} participations, {size_mb:.1f} MB"
    )
    print(f"open + load into domain objects: {load_time * 1000:.0f} ms (target < 1000 ms)")
    print(
        f"all plan checks: {check_time * 1000:.0f} ms (target < 300 ms at 1x, linear); "
        f"{kinds['error']} errors, {kinds['warning']} warnings"
    )
    print(
        f"re-check after moving one event: {recheck_time * 1000:.0f} ms "
        f"({rechecked} of the units checked again)"
    )
    return 0


def recheck_after_one_move(data: object, repeat: int) -> tuple[float, str]:
    """The best time of the window's re-check after one event moves 30 minutes (as the
    session does it: a new event object in a new list), and how much it checked again."""
    visit = snapshot(data)  # type: ignore[arg-type]
    checker = PlanChecker()
    checker.run(visit)
    times = []
    for n in range(repeat):
        where = (n * 37) % len(visit.events)
        event = visit.events[where]
        later = timedelta(minutes=30)
        visit.events = list(visit.events)
        visit.events[where] = dataclasses.replace(
            event, start=event.start + later, end=event.end + later
        )
        start = time.perf_counter()
        checker.run(snapshot(visit))
        times.append(time.perf_counter() - start)
    run = checker.last_run
    return min(times), f"{run.rechecked:,} of {run.units:,}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
