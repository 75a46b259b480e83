"""The car plan of a visit: who rides in which vehicle and seat of each movement.

Pure functions over a `VisitData`: a movement's cars in convoy order with their seats,
the rules an assignment keeps (`problems`), a person's car, and a proposal built from
the order of precedence. Nothing here is quadratic: a movement's assignments are
grouped once, a proposal fills the cars with one pointer that only moves forward.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from visitplanner.domain.car_seats import CAR_SEATS, CarAssignment, CarSeat, SeatKey
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Event, Person, Vehicle, VisitData
from visitplanner.domain.precedence import PrecedenceIndex, event_order
from visitplanner.domain.values import Access, EventKind, Role
from visitplanner.i18n import N_, _

#: The seats assumed for a vehicle whose number of seats is not known: a saloon car.
DEFAULT_SEATS: Final = 3
#: The free role that marks the delegation's doctor (as the demo and the rosters write it).
MEDICAL_ROLE: Final = "medical"

_SEAT_LABELS: Final = {
    CarSeat.REAR_RIGHT: N_("rear right"),
    CarSeat.REAR_LEFT: N_("rear left"),
    CarSeat.FRONT: N_("front passenger"),
    CarSeat.REAR_MIDDLE: N_("rear middle"),
}


def seat_label(seat: CarSeat, number: int | None = None) -> str:
    """A seat in words, in the user's language ("rear right", "seat 4")."""
    if seat is CarSeat.NUMBERED:
        return _("seat {number}").format(number=number)
    return _(_SEAT_LABELS[seat])


def seat_text(seat: CarSeat) -> str:
    """A named seat's words, marked for translation (for exports in a chosen language)."""
    return _SEAT_LABELS.get(seat, "")


def is_movement(event: Event) -> bool:
    """Whether people are assigned to cars for `event` (a transfer by road)."""
    return event.kind is EventKind.TRANSFER


def seats_of(vehicle: Vehicle) -> list[SeatKey]:
    """A vehicle's passenger seats in their order of honour: a car's named seats (up to
    four), a minibus's numbered ones (more than four)."""
    count = DEFAULT_SEATS if vehicle.seats is None else vehicle.seats
    if count <= len(CAR_SEATS):
        return [(seat, 0) for seat in CAR_SEATS[:count]]
    return [(CarSeat.NUMBERED, n) for n in range(1, count + 1)]


def assignment_at(
    event_id: str, vehicle_id: str, person_id: str, seat: SeatKey, ident: str | None = None
) -> CarAssignment:
    """An assignment in the seat `seat` ((kind, number)); `ident` keeps an existing one's id."""
    kind, number = seat
    given = {} if ident is None else {"id": ident}
    return CarAssignment(
        event_id=event_id,
        vehicle_id=vehicle_id,
        person_id=person_id,
        seat=kind,
        number=number if kind is CarSeat.NUMBERED else None,
        **given,
    )


def by_event(assignments: Iterable[CarAssignment]) -> dict[str, list[CarAssignment]]:
    """The assignments of each movement, in the order they are listed."""
    found: dict[str, list[CarAssignment]] = defaultdict(list)
    for assignment in assignments:
        found[assignment.event_id].append(assignment)
    return found


def convoy(data: VisitData, event: Event) -> list[Vehicle]:
    """A movement's vehicles in convoy order (their rank, then as the event lists them)."""
    vehicles = {v.id: v for v in data.vehicles}
    found = [vehicles[i] for i in event.vehicle_ids if i in vehicles]
    return sorted(found, key=lambda v: v.convoy_position)


def drivers_of(vehicles: Iterable[Vehicle]) -> set[str]:
    """The people who drive these vehicles (they ride in no passenger seat)."""
    return {v.driver_id for v in vehicles if v.driver_id}


def passengers(
    data: VisitData,
    event: Event,
    vehicles: Sequence[Vehicle] | None = None,
    index: PrecedenceIndex | None = None,
) -> list[Person]:
    """Who rides as a passenger in a movement, in its order of precedence: its
    participants but the drivers (of its vehicles, or anyone whose role is driver)."""
    driving = drivers_of(convoy(data, event) if vehicles is None else vehicles)
    return [
        p
        for p in event_order(data, event, index=index)
        if p.id not in driving and p.role != Role.DRIVER
    ]


@dataclass
class Car:
    """One vehicle of a movement with who sits where."""

    vehicle: Vehicle
    seats: list[SeatKey]
    taken: dict[SeatKey, CarAssignment] = field(default_factory=dict)

    def free_seats(self) -> list[SeatKey]:
        """The seats nobody holds, in their order of honour."""
        return [seat for seat in self.seats if seat not in self.taken]

    def riders(self) -> list[CarAssignment]:
        """Who rides in it, by seat (its own seats in order, then any other seat held)."""
        known = [self.taken[s] for s in self.seats if s in self.taken]
        extra = sorted(
            (a for s, a in self.taken.items() if s not in self.seats), key=lambda a: a.seat_key
        )
        return known + extra


def cars(
    data: VisitData, event: Event, assignments: Iterable[CarAssignment] | None = None
) -> list[Car]:
    """A movement's cars in convoy order, each with its seats and who holds them
    (`assignments`: the movement's, else read from the visit)."""
    if assignments is None:
        assignments = [a for a in data.car_assignments if a.event_id == event.id]
    found = [Car(v, seats_of(v)) for v in convoy(data, event)]
    by_vehicle = {car.vehicle.id: car for car in found}
    for assignment in assignments:
        car = by_vehicle.get(assignment.vehicle_id)
        if car is not None:
            car.taken.setdefault(assignment.seat_key, assignment)
    return found


def problems(
    data: VisitData, event: Event, assignments: Iterable[CarAssignment]
) -> Iterator[tuple[CarAssignment, str]]:
    """What breaks the car plan's rules among a movement's assignments: the event must
    be a movement, the vehicle one of its own, a person in one seat only, a seat held
    by one person."""
    own = set(event.vehicle_ids)
    people: set[str] = set()
    seats: set[tuple[str, SeatKey]] = set()
    for assignment in assignments:
        if not is_movement(event):
            yield assignment, _("only a transfer has a car plan")
        elif assignment.vehicle_id not in own:
            yield assignment, _("the vehicle is not one of the movement's")
        elif assignment.person_id in people:
            yield assignment, _("a person rides in one seat of a movement only")
        elif (assignment.vehicle_id, assignment.seat_key) in seats:
            yield assignment, _("two people in the same seat")
        people.add(assignment.person_id)
        seats.add((assignment.vehicle_id, assignment.seat_key))


def require_valid(data: VisitData, event: Event, assignments: Iterable[CarAssignment]) -> None:
    """Raise a DomainError naming the first broken rule (see `problems`)."""
    for _assignment, problem in problems(data, event, assignments):
        raise DomainError(problem)


@dataclass(frozen=True)
class TheirCar:
    """A person's car for one movement, as a briefing prints it."""

    vehicle: Vehicle
    seat: CarSeat
    number: int | None
    driver: str

    @property
    def plate(self) -> str:
        """The vehicle's plate."""
        return self.vehicle.plate

    @property
    def duty_phone(self) -> str:
        """The car's duty phone."""
        return self.vehicle.duty_phone


def driver_of(vehicle: Vehicle, people: Mapping[str, Person]) -> str:
    """The driver's name: the person of the roster, or the name typed."""
    person = people.get(vehicle.driver_id or "")
    return person.formal_name() if person is not None else vehicle.driver_name


class CarIndex:
    """The car plan looked up by movement and by person, built once (one pass over the
    assignments): what a book asks for each person and each movement."""

    def __init__(self, data: VisitData) -> None:
        self.data = data
        self.vehicles: dict[str, Vehicle] = {v.id: v for v in data.vehicles}
        self.people: dict[str, Person] = {p.id: p for p in data.people}
        self.by_event = by_event(data.car_assignments)
        self.mine: dict[tuple[str, str], CarAssignment] = {
            (a.person_id, a.event_id): a for a in data.car_assignments
        }

    def their_car(self, person_id: str, event_id: str) -> TheirCar | None:
        """The car and seat of `person_id` for the movement `event_id` (None: no car)."""
        assignment = self.mine.get((person_id, event_id))
        vehicle = self.vehicles.get(assignment.vehicle_id) if assignment else None
        if assignment is None or vehicle is None:
            return None
        driver = driver_of(vehicle, self.people)
        return TheirCar(vehicle, assignment.seat, assignment.number, driver)

    def movement_cars(self, event: Event) -> list[Car]:
        """A movement's cars in convoy order with who sits where."""
        found = [
            Car(self.vehicles[i], seats_of(self.vehicles[i]))
            for i in event.vehicle_ids
            if i in self.vehicles
        ]
        found.sort(key=lambda car: car.vehicle.convoy_position)
        by_vehicle = {car.vehicle.id: car for car in found}
        for assignment in self.by_event.get(event.id, ()):
            car = by_vehicle.get(assignment.vehicle_id)
            if car is not None:
                car.taken.setdefault(assignment.seat_key, assignment)
        return found


def their_car(data: VisitData, person_id: str, event_id: str) -> TheirCar | None:
    """The car and seat of `person_id` for the movement `event_id` (None: none assigned).
    For many look-ups, build one `CarIndex`."""
    return CarIndex(data).their_car(person_id, event_id)


def assigned_plates(data: VisitData) -> dict[str, list[str]]:
    """The plates of the vehicles each person is assigned to, and of the vehicle each
    driver drives (each plate once, in convoy order; cancelled movements left out): what
    an accreditation lists."""
    vehicles = {v.id: v for v in data.vehicles}
    cancelled = {e.id for e in data.events if e.cancelled}
    found: dict[str, set[str]] = defaultdict(set)
    for assignment in data.car_assignments:
        if assignment.event_id not in cancelled:
            found[assignment.person_id].add(assignment.vehicle_id)
    for vehicle in data.vehicles:
        if vehicle.driver_id:
            found[vehicle.driver_id].add(vehicle.id)
    order = {v.id: (v.convoy_position, n) for n, v in enumerate(data.vehicles)}
    plates: dict[str, list[str]] = {}
    for person, ids in found.items():
        known = sorted((i for i in ids if i in vehicles), key=order.__getitem__)
        listed = list(dict.fromkeys(vehicles[i].plate for i in known if vehicles[i].plate))
        if listed:
            plates[person] = listed
    return plates


# --- the proposal ---------------------------------------------------------------------


def _wheelchair(person: Person) -> bool:
    return person.needs_step_free


def _fits(car: Car, person: Person) -> bool:
    return not _wheelchair(person) or car.vehicle.wheelchair is Access.YES


class _Filler:
    """Seats people car after car in convoy order: one pointer per kind of car (any,
    wheelchair-accessible) that only moves forward, so a proposal is linear."""

    def __init__(self, cars: list[Car]) -> None:
        self.cars = cars
        self.free = {id(car): car.free_seats() for car in cars}
        self.next = {False: 0, True: 0}

    def room(self, car: Car) -> int:
        return len(self.free[id(car)])

    def take(self, car: Car, seat: SeatKey | None = None) -> SeatKey:
        free = self.free[id(car)]
        chosen = seat if seat is not None and seat in free else free[0]
        free.remove(chosen)
        return chosen

    def first_with_room(self, person: Person, needed: int = 1) -> Car | None:
        """The first car in convoy order that fits `person` and has `needed` free seats."""
        accessible = _wheelchair(person)
        start = self.next[accessible]
        for n in range(start, len(self.cars)):
            car = self.cars[n]
            if _fits(car, person) and self.room(car) >= needed:
                if needed == 1:
                    self.next[accessible] = n
                return car
        if needed == 1:
            self.next[accessible] = len(self.cars)
        return None


def propose(
    data: VisitData,
    event: Event,
    keep: Iterable[CarAssignment] = (),
    index: PrecedenceIndex | None = None,
    ident: Callable[[str], str] | None = None,
) -> list[CarAssignment]:
    """New assignments for the passengers of `event` that `keep` (the hand-made ones
    kept) leaves without a car, from the order of precedence:

    - the principal (first in precedence) in the rear right seat of the lead car (the
      first of the convoy with a free seat that fits them),
    - an interpreter (of the principal's delegation first) beside the principal, when
      the principal's car has room,
    - the doctor (role "medical") in the car of the veteran who must be accompanied (a
      veteran who needs step-free access, else the first veteran),
    - other wheelchair users in cars with wheelchair access,
    - everyone else by precedence, filling the cars in convoy order.

    Nobody is put in a car without wheelchair access if they need one; who cannot be
    seated is left without a car (the checks say so). `ident` gives each new assignment's
    id from its person's (new UUIDs by default).
    """
    kept = list(keep)
    fleet = cars(data, event, kept)
    placed = {a.person_id for a in kept}
    filler = _Filler(fleet)
    order = [
        p for p in passengers(data, event, [c.vehicle for c in fleet], index) if p.id not in placed
    ]
    made: list[CarAssignment] = []

    def seat(person: Person, car: Car | None, wanted: SeatKey | None = None) -> Car | None:
        if car is None or person.id in placed or not _fits(car, person) or not filler.room(car):
            return None
        key = filler.take(car, wanted)
        given = ident(person.id) if ident is not None else None
        made.append(assignment_at(event.id, car.vehicle.id, person.id, key, given))
        placed.add(person.id)
        return car

    if not order:
        return made
    principal = order[0]
    interpreter = _interpreter_for(principal, order[1:])
    lead = filler.first_with_room(principal)
    seat(principal, lead, (CarSeat.REAR_RIGHT, 0))
    if interpreter is not None and lead is not None and filler.room(lead):
        seat(interpreter, lead, (CarSeat.REAR_LEFT, 0))
    doctor = next((p for p in order if p.role == MEDICAL_ROLE and p.id not in placed), None)
    veteran = _veteran_to_accompany(order, placed)
    if doctor is not None and veteran is not None:
        pair = filler.first_with_room(veteran, 2)
        if pair is not None and _fits(pair, doctor):
            seat(veteran, pair)
            seat(doctor, pair)
    for person in order:
        if _wheelchair(person):
            seat(person, filler.first_with_room(person))
    for person in order:
        seat(person, filler.first_with_room(person))
    return made


def _interpreter_for(principal: Person, others: Sequence[Person]) -> Person | None:
    """The interpreter who rides with the principal: of their delegation first."""
    interpreters = [p for p in others if p.role == Role.INTERPRETER]
    own = [p for p in interpreters if p.delegation_id == principal.delegation_id]
    chosen = own or interpreters
    return chosen[0] if chosen else None


def _veteran_to_accompany(order: Sequence[Person], placed: set[str]) -> Person | None:
    """The veteran the doctor rides with: one who needs step-free access first."""
    veterans = [p for p in order if p.role == Role.VETERAN and p.id not in placed]
    needing = [p for p in veterans if _wheelchair(p)]
    chosen = needing or veterans
    return chosen[0] if chosen else None
