"""Time proposing a state dinner with constraints, beside a floor that only sorts and fills.

    python benchmarks/bench_proposal.py [--repeat N] [--guests N] [--constraints N] [--json]

600 people of the summit visit (every delegation) at 60 round tables of 10, each table
with two seats near an exit and one a wheelchair cannot reach; 50 constraints of every
kind on random pairs, three in four hard. Proposed à la française and as a working
meal (`propose_plan`: the strategy across the tables, then the constraints mended),
then the plan's check of the same constraints; each strategy without constraints too.
The floor seats the same people in precedence order at the seats in number order: what
any proposal costs at least.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import SummitSize, generate_summit

from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.model import Person
from visitplanner.domain.precedence import event_order
from visitplanner.domain.seating import tables_from_spec
from visitplanner.domain.seating_proposal import Proposal, propose_plan
from visitplanner.domain.seating_rules import SINGLE, ConstraintKind, SeatingConstraint, broken


def best_of(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def constraints(order: list[Person], count: int, event_id: str) -> list[SeatingConstraint]:
    """`count` constraints cycling through every kind, on random people (seeded)."""
    rnd = random.Random(2026)
    kinds = list(ConstraintKind)
    found = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        first, second = rnd.sample(order, 2)
        other = None if kind in SINGLE else second.id
        found.append(SeatingConstraint(event_id, kind, first.id, other, hard=i % 4 != 3))
    return found


def floor(plan: SeatingPlan, order: list[Person]) -> SeatingPlan:
    """Sort and fill: everyone in precedence order at the seats in number order."""
    seats = [seat for _table, seat in plan.seats()]
    for seat, person in zip(seats, order, strict=False):
        seat.person_id = person.id
    return plan


def main(argv: list[str]) -> int:
    """Report the best time of each step."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--guests", type=int, default=600)
    parser.add_argument("--constraints", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    data = generate_summit(SummitSize(delegations=12, events=1, venues=2))
    event = data.events[0]
    step = max(1, len(data.people) // args.guests)
    event.participant_ids = [p.id for p in data.people[::step][: args.guests]]
    order = event_order(data, event)
    tables = tables_from_spec(",".join(["round:10"] * max(1, -(-args.guests // 10))))
    for table in tables:
        for seat in table.seats[:2]:
            seat.near_exit = True
        table.seats[-1].step_free = False
    wishes = constraints(order, args.constraints, event.id)
    figures: dict[str, float] = {}
    seconds, _plan = best_of(args.repeat, lambda: floor(SeatingPlan(tables=list(tables)), order))
    figures["floor_ms"] = seconds * 1000
    lines = [f"floor (sort and fill): {len(order)} seated, {seconds * 1000:.1f} ms"]
    for strategy in SeatingStrategy:
        seconds, _bare = best_of(
            args.repeat,
            lambda s=strategy: propose_plan(SeatingPlan(tables=tables), s, order, data.delegations),
        )
        figures[f"propose_{strategy.value}_bare_ms"] = seconds * 1000
        lines.append(f"propose {strategy.value} without constraints: {seconds * 1000:.0f} ms")
        seconds, result = best_of(
            args.repeat,
            lambda s=strategy: propose_plan(
                SeatingPlan(tables=tables), s, order, data.delegations, (), wishes
            ),
        )
        assert isinstance(result, Proposal)
        hard = sum(1 for b in result.unmet if b.constraint.hard)
        figures[f"propose_{strategy.value}_ms"] = seconds * 1000
        figures[f"unmet_hard_{strategy.value}"] = hard
        lines.append(
            f"propose {strategy.value}: {len(result.plan.seated_ids())} seated, "
            f"{len(wishes)} constraints, {hard} hard and {len(result.unmet) - hard} soft "
            f"not kept, {seconds * 1000:.0f} ms ({seconds / figures['floor_ms'] * 1000:.0f}x "
            "the floor)"
        )
        plan = result.plan
    seconds, found = best_of(args.repeat, lambda: broken(plan, wishes, str))
    figures["check_ms"] = seconds * 1000
    lines.append(f"check of the constraints: {len(found)} broken, {seconds * 1000:.1f} ms")  # type: ignore[arg-type]
    print(json.dumps(figures, indent=2) if args.json else "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
