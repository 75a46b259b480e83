"""Time proposing a summit-sized banquet's seating plan, its checks, and its place cards.

    python benchmarks/bench_seating.py [--repeat N] [--guests N]

A gala dinner of the summit visit: the first N people (600 by default) at a head
table of 12 and round tables of 10, proposed à la française and as a working meal;
then the seating checks, the JSON round trip of the plan, and the place cards PDF.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import generate_summit

from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.precedence import event_order
from visitplanner.domain.protocol_checks import check_seating
from visitplanner.domain.seating import propose, tables_from_spec
from visitplanner.exports.protocol_pdf import seating_pdf


def best_of(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str]) -> int:
    """Report the best time of each step."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--guests", type=int, default=600)
    args = parser.parse_args(argv)
    data = generate_summit()
    event = data.events[0]
    event.participant_ids = [p.id for p in data.people[: args.guests]]
    rounds = math.ceil((args.guests - 12) / 10)
    tables = tables_from_spec(",".join(["head:12"] + ["round:10"] * rounds))
    order = event_order(data, event)
    for strategy in SeatingStrategy:
        seconds, plan = best_of(
            args.repeat,
            lambda s=strategy: propose(SeatingPlan(tables=tables), s, order, data.delegations),
        )
        assert isinstance(plan, SeatingPlan)
        print(f"propose {strategy.value}: {len(plan.seated_ids())} seated, {seconds * 1000:.0f} ms")
        event.seating = plan
    seconds, found = best_of(args.repeat, lambda: list(check_seating(data, [event])))
    print(f"seating checks: {len(found)} findings, {seconds * 1000:.0f} ms")  # type: ignore[arg-type]
    seconds, pdf = best_of(1, lambda: seating_pdf(data, event, "fr"))
    print(f"place cards and chart: {len(pdf) // 1024} KiB, {seconds:.1f} s")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
