"""The demo's protocol arrangements: the working dinner's seating plan, the ceremony's placement.

Both are proposed by the application's own rules (domain.seating, domain.ceremony) from
the demo's people, as an officer would get them with `seating --propose` and
`ceremony --template`, then given stable ids so the demo is the same on every build.
Two seats at the west end of the dinner table are on the dais step of the Cercle's
salon: the proposal keeps the wheelchair users away from them.
"""

from __future__ import annotations

from visitplanner.demo.common import demo_id, event_id
from visitplanner.domain import ceremony, seating
from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.model import VisitData
from visitplanner.domain.precedence import event_order

#: Seats on each long side of the dinner table (the dinner has 15 guests).
_DINNER_SEATS_PER_SIDE = 8


def _dinner_plan(data: VisitData) -> None:
    dinner = data.event(event_id("dinner"))
    table = seating.long_table("Table d’honneur", _DINNER_SEATS_PER_SIDE)
    table.id = demo_id("dinner:table:1")
    for seat in table.seats:
        seat.id = demo_id(f"dinner:seat:{seat.number}")
        # The west end of the table stands on the dais step of the salon.
        seat.step_free = seat.position > 0
    plan = SeatingPlan(strategy=SeatingStrategy.WORKING, tables=[table])
    dinner.seating = seating.propose(
        plan,
        SeatingStrategy.WORKING,
        event_order(data, dinner),
        data.delegations,
        dinner.interpretation.interpreter_ids,
    )


def _ceremony_placement(data: VisitData) -> None:
    event = data.event(event_id("ceremony"))
    event.placement = ceremony.placement_template(data, event)
    for position in event.placement:
        key = f"ceremony:place:{position.area}:{position.row}:{position.place}"
        position.id = demo_id(key)


def arrange(data: VisitData) -> VisitData:
    """Add the dinner's seating plan and the ceremony's placement to the demo `data`."""
    _dinner_plan(data)
    _ceremony_placement(data)
    return data
