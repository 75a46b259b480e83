"""Checks of the car plan: a car over capacity, a wheelchair user in a car without
access, someone in two cars of one movement, someone riding in a car of a movement
they do not take part in or in a vehicle that is not the movement's, and, once a
movement's plan is started, someone taking part in it who is left without a car.

One pass over the assignments (grouped by movement), then one over each planned
movement's passengers: linear in the size of the plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC

from visitplanner.domain import car_plan
from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.model import Event
from visitplanner.domain.values import Access, Role
from visitplanner.i18n import _, ngettext


def car_findings(ix: CheckIndex) -> Iterator[Finding]:
    """Every finding of the car plan of the movements not cancelled."""
    plans = car_plan.by_event(ix.data.car_assignments)
    for event_id, assignments in plans.items():
        event = ix.by_id.get(event_id)
        if event is not None:
            yield from movement_findings(ix, event, assignments)


def movement_findings(
    ix: CheckIndex, event: Event, assignments: list[CarAssignment]
) -> Iterator[Finding]:
    """The findings of one movement's car plan."""
    title, when = ix.title(event), ix.when(event)
    key = (event.start.astimezone(UTC).isoformat(),)
    taking_part = set(event.participant_ids)
    own = set(event.vehicle_ids)
    riding: dict[str, list[str]] = defaultdict(list)
    load: Counter[str] = Counter()
    for assignment in assignments:
        person_id, vehicle_id = assignment.person_id, assignment.vehicle_id
        riding[person_id].append(vehicle_id)
        load[vehicle_id] += 1
        person = ix.people.get(person_id)
        vehicle = ix.vehicles.get(vehicle_id)
        name, car = ix.person_name(person_id), ix.vehicle_label(vehicle_id)
        if vehicle_id not in own or person_id not in taking_part:
            stray = (
                _("{person} rides in {vehicle} for “{event}” ({when}), a vehicle it does not use")
                if vehicle_id not in own
                else _("{person} rides in {vehicle} for “{event}” ({when}) but does not take part")
            )
            yield Finding(
                FindingKind.CAR_NOT_IN_MOVEMENT,
                Severity.WARNING,
                stray.format(person=name, vehicle=car, event=title, when=when),
                event_ids=(event.id,),
                person_ids=(person_id,),
                vehicle_ids=(vehicle_id,),
                sort_key=key,
            )
        if (
            person is not None
            and vehicle is not None
            and person.needs_step_free
            and vehicle.wheelchair is not Access.YES
        ):
            known = vehicle.wheelchair is Access.NO
            yield Finding(
                FindingKind.CAR_NOT_WHEELCHAIR,
                Severity.ERROR if known else Severity.WARNING,
                (
                    _(
                        "{person} needs wheelchair access, and {vehicle} has none "
                        "(“{event}”, {when})"
                    )
                    if known
                    else _(
                        "{person} needs wheelchair access, and whether {vehicle} has it is "
                        "unknown (“{event}”, {when})"
                    )
                ).format(person=name, vehicle=car, event=title, when=when),
                event_ids=(event.id,),
                person_ids=(person_id,),
                vehicle_ids=(vehicle_id,),
                sort_key=key,
            )
    for vehicle_id, count in load.items():
        vehicle = ix.vehicles.get(vehicle_id)
        if vehicle is not None and vehicle.seats is not None and count > vehicle.seats:
            yield Finding(
                FindingKind.CAR_OVER_CAPACITY,
                Severity.ERROR,
                _(
                    "{vehicle} is over capacity at “{event}” ({when}): passengers {count}, "
                    "seats {seats}"
                ).format(
                    vehicle=ix.vehicle_label(vehicle_id),
                    count=count,
                    seats=vehicle.seats,
                    event=title,
                    when=when,
                ),
                event_ids=(event.id,),
                vehicle_ids=(vehicle_id,),
                sort_key=key,
            )
    for person_id, vehicles in riding.items():
        if len(vehicles) > 1:
            yield Finding(
                FindingKind.CAR_TWICE,
                Severity.ERROR,
                ngettext(
                    "{person} is in {count} car of “{event}” ({when})",
                    "{person} is in {count} cars of “{event}” ({when})",
                    len(vehicles),
                ).format(
                    person=ix.person_name(person_id), count=len(vehicles), event=title, when=when
                ),
                event_ids=(event.id,),
                person_ids=(person_id,),
                vehicle_ids=tuple(dict.fromkeys(vehicles)),
                sort_key=key,
            )
    driving = {v.driver_id for i in event.vehicle_ids if (v := ix.vehicles.get(i)) and v.driver_id}
    missing = [
        pid
        for pid in event.participant_ids
        if pid not in riding
        and pid not in driving
        and (p := ix.people.get(pid)) is not None
        and p.role != Role.DRIVER
    ]
    if missing:
        yield Finding(
            FindingKind.CAR_MISSING,
            Severity.WARNING,
            _("without a car for “{event}” ({when}): {people}").format(
                event=title, when=when, people=", ".join(ix.person_name(p) for p in missing)
            ),
            event_ids=(event.id,),
            person_ids=tuple(missing),
            sort_key=key,
        )
