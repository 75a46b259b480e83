"""A generated summit-sized visit to measure against: 60 delegations, 3,000 people,
5,000 events, 300 venues, with participants, vehicles and travel times.

    python benchmarks/summit.py OUT.visit [--seed N]

The plan is mostly sound (people are booked only when free), like a real one,
so the checks have realistic work and a realistic number of findings.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from visitplanner.domain import ceremony, seating
from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.model import (
    Delegation,
    Event,
    Interpretation,
    Person,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.precedence import event_order
from visitplanner.domain.rooming import Billing, RoomType, Stay
from visitplanner.domain.values import (
    Access,
    EventKind,
    EventStatus,
    Grade,
    InterpretationMode,
    LocalizedText,
    Need,
    Role,
    Side,
)

PARIS = ZoneInfo("Europe/Paris")
FIRST_DAY = date(2026, 6, 1)
DAYS = 4
LANGS = ("fr", "en", "uk", "de", "es", "it", "pl", "ar", "zh", "pt")
GRADES = [
    Grade.MINISTER,
    Grade.DEPUTY_MINISTER,
    Grade.AMBASSADOR,
    Grade.SENIOR_OFFICIAL,
    Grade.DIRECTOR,
    Grade.DEPUTY_DIRECTOR,
    Grade.ADVISER,
    Grade.OFFICER,
    Grade.MEMBER,
]


@dataclass(frozen=True)
class SummitSize:
    """How big the generated visit is."""

    delegations: int = 60
    people_per_delegation: int = 50
    events: int = 5000
    venues: int = 300
    vehicles_per_delegation: int = 4
    #: Hotels, each with four room types; every person has a stay in one of them.
    hotels: int = 12

    @classmethod
    def scaled(cls, scale: float) -> SummitSize:
        """The summit `scale` times over: delegations (so people), events and venues."""
        base = cls()
        return cls(
            delegations=max(1, round(base.delegations * scale)),
            events=max(1, round(base.events * scale)),
            venues=max(2, round(base.venues * scale)),
            hotels=max(1, round(base.hotels * scale)),
        )


def generate_summit(size: SummitSize = SummitSize(), seed: int = 2026) -> VisitData:
    """A summit-sized visit; the same seed gives the same visit."""
    rng = random.Random(seed)
    visit = Visit(
        title=LocalizedText(fr="Sommet de Paris", en="Paris Summit", uk="Паризький саміт"),
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=DAYS - 1),
        marking="Diffusion restreinte",
    )
    venues = []
    for n in range(size.venues):
        venues.append(
            Venue(
                name=LocalizedText(fr=f"Salle {n + 1}", en=f"Room {n + 1}"),
                address=f"{n + 1} rue du Sommet",
                postcode="75008",
                city="Paris",
                latitude=48.86 + rng.uniform(-0.05, 0.05),
                longitude=2.34 + rng.uniform(-0.08, 0.08),
                capacity=rng.choice([20, 40, 80, 200, 500]),
                step_free=rng.choice(
                    [Access.YES, Access.YES, Access.YES, Access.UNKNOWN, Access.NO]
                ),
            )
        )
    for venue in venues:  # travel times to the ten nearest venues

        def dist(other: Venue, venue: Venue = venue) -> float:
            return math.hypot(
                (other.latitude or 0) - (venue.latitude or 0),
                (other.longitude or 0) - (venue.longitude or 0),
            )

        nearest = sorted((v for v in venues if v is not venue), key=dist)[:10]
        venue.travel_minutes = {v.id: 5 + int(dist(v) * 400) for v in nearest}

    delegations, people, vehicles = [], [], []
    members: dict[str, list[Person]] = {}
    fleet: dict[str, list[Vehicle]] = {}
    for d in range(size.delegations):
        delegation = Delegation(
            name=LocalizedText(en=f"Delegation {d + 1}", fr=f"Délégation {d + 1}"),
            side=Side.HOST if d == 0 else Side.GUEST,
            position=d,
        )
        delegations.append(delegation)
        native = rng.choice(LANGS)
        group = []
        for r in range(size.people_per_delegation):
            person = Person(
                family_name=f"Family{d:02d}x{r:03d}",
                given_name=rng.choice(["Anna", "Oleh", "Marie", "Jean", "Olena", "Piotr", "Li"]),
                family_name_native=f"Прізвище{d:02d}{r:03d}",
                delegation_id=delegation.id,
                role=Role.HEAD if r == 0 else rng.choice([Role.MEMBER, Role.STAFF, Role.SECURITY]),
                grade=GRADES[min(r // 6, len(GRADES) - 1)],
                rank=r + 1,
                languages=(native, "en") if rng.random() < 0.7 else (native,),
                dietary=rng.choice([Need.NONE, Need.NONE, Need.GIVEN, Need.UNKNOWN]),
                step_free=Need.GIVEN if rng.random() < 0.03 else Need.NONE,
                duty_phone=f"+33 6 {d:02d} {r:02d} 00 00",
            )
            group.append(person)
        delegation.head_id = group[0].id
        members[delegation.id] = group
        people.extend(group)
        fleet[delegation.id] = [
            Vehicle(
                label=LocalizedText.same(f"D{d + 1}-{v + 1}"),
                convoy_position=v + 1,
                plate=f"AA-{d:03d}-{v:02d}",
                wheelchair=Access.YES if v == 0 else Access.NO,
            )
            for v in range(size.vehicles_per_delegation)
        ]
        vehicles.extend(fleet[delegation.id])

    # The programme is laid on 30-minute slots from 08:00 to 22:00: a person, a
    # venue or a vehicle is booked only in free slots, as an officer would.
    slots_per_day = 28
    busy: dict[str, set[int]] = defaultdict(set)
    events: list[Event] = []
    kinds = [EventKind.MEETING] * 6 + [EventKind.TRANSFER] * 2 + [EventKind.MEAL, EventKind.VISIT]
    while len(events) < size.events:
        day = rng.randrange(DAYS)
        length = rng.choice([1, 2, 2, 3])
        first = rng.randrange(slots_per_day - length)
        taken = {day * slots_per_day + first + k for k in range(length)}
        # A slot of rest after each event leaves time to move on.
        reserved = taken | {max(taken) + 1}
        host = rng.choice(delegations)
        guest = rng.choice(delegations)
        kind = rng.choice(kinds)
        wanted = rng.randint(3, 10)
        pool = members[host.id] + (members[guest.id] if guest is not host else [])
        chosen = [
            p for p in rng.sample(pool, min(len(pool), wanted * 3)) if not busy[p.id] & reserved
        ][:wanted]
        if len(chosen) < 2:
            continue
        venue = rng.choice(venues)
        if busy[venue.id] & taken:
            continue
        rides: list[Vehicle] = []
        if kind is EventKind.TRANSFER:
            rides = [v for v in fleet[host.id] if not busy[v.id] & reserved][:2]
        langs = {lang for p in chosen for lang in p.languages}
        interpretation = (
            Interpretation(InterpretationMode.SIMULTANEOUS, tuple(sorted(langs)))
            if rng.random() < 0.8 and len(langs) > 1
            else Interpretation()
        )
        when = FIRST_DAY + timedelta(days=day)
        start = datetime(when.year, when.month, when.day, 8, 0, tzinfo=PARIS) + timedelta(
            minutes=30 * first
        )
        event = Event(
            title=LocalizedText(
                en=f"{kind.value.title()} {len(events) + 1}", fr=f"{kind.value} {len(events) + 1}"
            ),
            start=start,
            end=start + timedelta(minutes=30 * length - rng.choice([0, 5, 15])),
            kind=kind,
            status=EventStatus.CONFIRMED if rng.random() < 0.9 else EventStatus.DRAFT,
            venue_id=venue.id,
            participant_ids=[p.id for p in chosen],
            vehicle_ids=[v.id for v in rides],
            interpretation=interpretation,
        )
        for item in [*chosen, *rides]:
            busy[item.id] |= reserved
        busy[venue.id] |= taken
        events.append(event)
    data = VisitData(
        visit=visit,
        delegations=delegations,
        people=people,
        venues=venues,
        vehicles=vehicles,
        events=events,
    )
    add_rooming(data, size.hotels, random.Random(seed + 1))
    return data


def add_rooming(data: VisitData, hotels: int, rng: random.Random) -> None:
    """Make `hotels` hotels (after the other venues, with their own random numbers, so the
    programme stays as it was) and a stay for every person: a delegation in one hotel,
    heads in suites, the two of a pair of security officers in a twin room, wheelchair
    users in accessible rooms, the others in single rooms; a room number for most."""
    if hotels < 1:
        return
    made = []
    for n in range(hotels):
        types = [
            RoomType(name=LocalizedText(fr="Chambre simple", en="Single room"), capacity=1),
            RoomType(name=LocalizedText(fr="Chambre twin", en="Twin room"), capacity=2),
            RoomType(name=LocalizedText(fr="Suite", en="Suite"), capacity=2),
            RoomType(
                name=LocalizedText(fr="Chambre accessible", en="Accessible room"),
                capacity=1,
                step_free=True,
            ),
        ]
        made.append(
            Venue(
                name=LocalizedText(fr=f"Hôtel du Sommet {n + 1}", en=f"Summit Hotel {n + 1}"),
                address=f"{n + 1} avenue des Hôtels",
                postcode="75008",
                city="Paris",
                country="France",
                hotel=True,
                room_types=types,
            )
        )
    data.venues.extend(made)
    last = data.visit.end_date
    check_in = datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, 14, tzinfo=PARIS)
    check_out = datetime(last.year, last.month, last.day, 11, tzinfo=PARIS)
    by_delegation: dict[str | None, list[Person]] = defaultdict(list)
    for person in data.people:
        by_delegation[person.delegation_id].append(person)
    rooms: dict[str, int] = defaultdict(int)
    for index, (_delegation, group) in enumerate(by_delegation.items()):
        hotel = made[index % len(made)]
        single, twin, suite, accessible = hotel.room_types
        pending: Stay | None = None
        for person in group:
            rooms[hotel.id] += 1
            count = rooms[hotel.id]
            number = f"{count // 50 + 1}{count % 50:02d}" if rng.random() < 0.8 else ""
            stay = Stay(
                person_id=person.id,
                hotel_id=hotel.id,
                check_in=check_in,
                check_out=check_out,
                room_number=number,
                late_arrival=rng.random() < 0.05,
                billing=Billing.HOST if person.role == Role.HEAD else Billing.GUEST,
            )
            if person.role == Role.HEAD:
                stay.room_type_id = suite.id
            elif person.needs_step_free:
                stay.room_type_id = accessible.id
            elif person.role == Role.SECURITY and pending is None:
                pending = stay
                stay.room_type_id = twin.id
            elif person.role == Role.SECURITY and pending is not None:
                stay.room_type_id = twin.id
                stay.shares_with_id = pending.person_id
                stay.room_number = pending.room_number
                pending = None
            else:
                stay.room_type_id = single.id
            data.stays.append(stay)


def arrange(data: VisitData, ceremony_every: int = 3) -> None:
    """Give the visit's protocol arrangements, as an officer would: a proposed seating
    plan (tables of 8) at every meal, and every `ceremony_every`-th visit turned into a
    ceremony with a wreath per delegation and everyone placed (wreath party, rows)."""
    visits = 0
    for event in data.events:
        order = event_order(data, event)
        if event.kind is EventKind.MEAL:
            tables = [
                seating.table_for(min(8, len(order) - n), f"Table {n // 8 + 1}")
                for n in range(0, len(order), 8)
            ]
            seating.renumber(tables)
            plan = SeatingPlan(SeatingStrategy.OFFICIAL, tables)
            event.seating = seating.propose(plan, plan.strategy, order, data.delegations)
        elif event.kind is EventKind.VISIT:
            visits += 1
            if visits % ceremony_every == 0:
                event.kind = EventKind.CEREMONY
                event.wreaths = ceremony.template_wreaths(data, event)
                event.placement = ceremony.placement_template(data, event)


def main(argv: list[str]) -> int:
    """Write a summit-sized visit file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit (3, 10 ...)")
    args = parser.parse_args(argv)
    from visitplanner.services.visit_files import write_visit

    data = generate_summit(SummitSize.scaled(args.scale), seed=args.seed)
    write_visit(args.out, data)
    print(
        f"{args.out}: {len(data.delegations)} delegations, {len(data.people)} people, "
        f"{len(data.events)} events, {len(data.venues)} venues, {len(data.vehicles)} vehicles, "
        f"{sum(len(e.participant_ids) for e in data.events)} participations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
