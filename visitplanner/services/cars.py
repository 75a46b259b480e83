"""Use cases of the car plan: propose it for a movement, move people by hand, take a
seat back. Each is one undoable operation on the movement's car assignments.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from visitplanner.domain import car_plan
from visitplanner.domain.car_seats import CarAssignment, SeatKey
from visitplanner.domain.errors import DomainError, InputError, NotFoundError
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import PrecedenceIndex
from visitplanner.i18n import _, current_language
from visitplanner.operations.edits import DeleteEntities, Entity, ReplaceEntities, SaveEntity

Operation = ReplaceEntities | DeleteEntities


def movement(data: VisitData, query: str) -> Event:
    """The movement (a transfer) that `query` names (its title, a unique part of it, or
    its id), or an InputError saying why not."""
    event = find_event(data, query)
    if not car_plan.is_movement(event):
        raise InputError(
            _("“{title}” is not a transfer: only transfers have a car plan").format(
                title=event.title.get(current_language(), data.visit.main_language)
            )
        )
    return event


def movements(data: VisitData) -> list[Event]:
    """Every transfer of the programme, by start (the visit's own order)."""
    return [e for e in data.events if car_plan.is_movement(e)]


def assignments_of(data: VisitData, event: Event) -> list[CarAssignment]:
    """The car assignments of one movement."""
    return [a for a in data.car_assignments if a.event_id == event.id]


def propose_operation(
    data: VisitData,
    event: Event,
    replace: bool = False,
    index: PrecedenceIndex | None = None,
) -> ReplaceEntities | None:
    """The proposal for `event` as one edit: the passengers without a car get one; with
    `replace`, every assignment of the movement is made again (hand-made ones too).
    None when there is nothing to change."""
    current = assignments_of(data, event)
    keep = [] if replace else current
    made = car_plan.propose(data, event, keep, index)
    if replace:
        # A person who keeps the same seat keeps the same assignment (and its id).
        earlier = {(a.person_id, a.vehicle_id, a.seat_key): a for a in current}
        for n, new in enumerate(made):
            same = earlier.pop((new.person_id, new.vehicle_id, new.seat_key), None)
            if same is not None:
                made[n] = same
        doomed: list[Entity] = list(earlier.values())
        saves = [SaveEntity(a) for a in made if a not in current]
    else:
        doomed, saves = [], [SaveEntity(a) for a in made]
    if not doomed and not saves:
        return None
    return ReplaceEntities(copy.deepcopy(doomed), saves, _("Propose the car plan"))


def move_operation(
    data: VisitData,
    event: Event,
    person_id: str,
    vehicle_id: str,
    seat: SeatKey | None = None,
) -> ReplaceEntities | None:
    """Put a person in a vehicle of the movement, in `seat` (else the first free seat).

    Someone already in that seat takes the mover's former seat (a swap), or, when the
    mover had none, is left without a car. None when nothing changes."""
    data.person(person_id)
    current = assignments_of(data, event)
    car = next((c for c in car_plan.cars(data, event, current) if c.vehicle.id == vehicle_id), None)
    if car is None:
        raise DomainError(_("the vehicle is not one of the movement's"))
    mine = next((a for a in current if a.person_id == person_id), None)
    if seat is None:
        if mine is not None and mine.vehicle_id == vehicle_id:
            return None
        free = car.free_seats()
        if not free:
            raise DomainError(
                _("{vehicle} is full: drop the person on a seat to swap").format(
                    vehicle=car.vehicle.label.get(current_language(), data.visit.main_language)
                )
            )
        seat = free[0]
    if mine is not None and mine.vehicle_id == vehicle_id and mine.seat_key == seat:
        return None
    other = car.taken.get(seat)
    saves: list[SaveEntity] = []
    doomed: list[Entity] = []
    if other is not None and other.person_id != person_id:
        if mine is not None:
            saves.append(_moved(other, mine.vehicle_id, mine.seat_key))
        else:
            doomed.append(copy.deepcopy(other))
    if mine is not None:
        saves.append(_moved(mine, vehicle_id, seat))
    else:
        saves.append(SaveEntity(car_plan.assignment_at(event.id, vehicle_id, person_id, seat)))
    after = {a.id: a for a in current if a.id not in {d.id for d in doomed}}
    after.update({s.after.id: s.after for s in saves if isinstance(s.after, CarAssignment)})
    car_plan.require_valid(data, event, after.values())
    return ReplaceEntities(doomed, saves, _("Change a seat in the car plan"))


def _moved(assignment: CarAssignment, vehicle_id: str, seat: SeatKey) -> SaveEntity:
    after = car_plan.assignment_at(
        assignment.event_id, vehicle_id, assignment.person_id, seat, assignment.id
    )
    return SaveEntity(after=after, before=assignment)


def unassign_operation(data: VisitData, event: Event, person_ids: Sequence[str]) -> DeleteEntities:
    """Take people out of the movement's cars (they are left without a car)."""
    wanted = set(person_ids)
    doomed = [a for a in assignments_of(data, event) if a.person_id in wanted]
    if not doomed:
        raise NotFoundError(_("nobody to take out of the cars"))
    return DeleteEntities(list(copy.deepcopy(doomed)), [], _("Take out of the car plan"))
