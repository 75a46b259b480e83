"""The demo's protocol arrangements: the working dinner's seating plan, the ceremony's placement.

Both are proposed by the application's own rules (domain.seating, domain.ceremony) from
the demo's people, as an officer would get them with `seating --propose` and
`ceremony --template`, then given stable ids so the demo is the same on every build.
Two seats at the west end of the dinner table are on the dais step of the Cercle's
salon: the proposal keeps the wheelchair users away from them. The veteran who must be
accompanied at all times (his accessibility note says so) has a hard "next to"
constraint with the delegation's doctor, which the proposal keeps.
"""

from __future__ import annotations

from visitplanner.demo.common import demo_id, event_id
from visitplanner.domain import ceremony, seating
from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import event_order
from visitplanner.domain.seating_proposal import propose_plan
from visitplanner.domain.seating_rules import ConstraintKind, SeatingConstraint
from visitplanner.domain.values import Role

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
    constraints = _dinner_constraints(data, dinner)
    data.seating_constraints += constraints
    dinner.seating = propose_plan(
        plan,
        SeatingStrategy.WORKING,
        event_order(data, dinner),
        data.delegations,
        dinner.interpretation.interpreter_ids,
        constraints,
    ).plan


def _dinner_constraints(data: VisitData, dinner: Event) -> list[SeatingConstraint]:
    """The doctor beside the veteran whose note says she accompanies him at all times."""
    present = [data.person(i) for i in dinner.participant_ids]
    veteran = next(
        p
        for p in present
        if p.role == Role.VETERAN and "accompagné en permanence" in p.accessibility_detail.fr
    )
    doctor = next(
        p for p in present if p.role == Role.MEDICAL and p.delegation_id == veteran.delegation_id
    )
    return [
        SeatingConstraint(
            id=demo_id("dinner:constraint:doctor"),
            event_id=dinner.id,
            kind=ConstraintKind.NEXT_TO,
            person_id=veteran.id,
            other_id=doctor.id,
            hard=True,
        )
    ]


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
