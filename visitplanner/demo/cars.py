"""The demo's car plan: who rides in which vehicle and seat of each transfer.

As the minister's car says in its notes: the minister in the rear right seat, her
interpreter beside her (rear left), her security officer in front. The veterans ride
in the accessible minibus with their doctor (seated by hand, as an officer would keep
the group together); everyone else is seated by the proposal
(domain/car_plan.py), by precedence in convoy order. Ids are stable (demo.common).
"""

from __future__ import annotations

from visitplanner.demo.common import demo_id, person_id, vehicle_id
from visitplanner.domain import car_plan
from visitplanner.domain.car_seats import CarAssignment, CarSeat
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import PrecedenceIndex

#: Who sits where in the minister's car, when they take part in the transfer.
_MINISTER_CAR = (
    ("kalmykova", CarSeat.REAR_RIGHT),
    ("shevchuk", CarSeat.REAR_LEFT),
    ("marchenko", CarSeat.FRONT),
)
#: Who rides in the accessible minibus, in its numbered seats: the veterans (those in
#: wheelchairs first) and their doctor.
_MINIBUS = ("kovalenko", "melnyk", "boiko", "bondar", "tkachuk")


def plan_cars(data: VisitData) -> VisitData:
    """Give every transfer of the demo its car plan."""
    index = PrecedenceIndex(data)
    for event in data.events:
        if car_plan.is_movement(event):
            data.car_assignments += _movement(data, event, index)
    return data


def _movement(data: VisitData, event: Event, index: PrecedenceIndex) -> list[CarAssignment]:
    def ident(person: str) -> str:
        return demo_id(f"car:{event.id}:{person}")

    kept: list[CarAssignment] = []
    car = vehicle_id("minister")
    if car in event.vehicle_ids and person_id("kalmykova") in event.participant_ids:
        kept += [
            CarAssignment(event.id, car, person_id(key), seat, id=ident(person_id(key)))
            for key, seat in _MINISTER_CAR
            if person_id(key) in event.participant_ids
        ]
    bus = vehicle_id("minibus")
    if bus in event.vehicle_ids:
        riding = [key for key in _MINIBUS if person_id(key) in event.participant_ids]
        kept += [
            CarAssignment(
                event.id, bus, person_id(key), CarSeat.NUMBERED, number, id=ident(person_id(key))
            )
            for number, key in enumerate(riding, start=1)
        ]
    return kept + car_plan.propose(data, event, kept, index, ident)
