"""Checks of the rooming: someone of a visiting delegation without a room on a night of
their visit, a stay that does not cover a person's arrival and departure, a room over
its type's capacity, and a wheelchair user in a room type without step-free access.

A person's nights run from the evening of their arrival to the eve of their departure,
each named by its evening's date in the visit's zone; they are known only when both
travel legs have a time. A room is a hotel's room number (stays of one number at the
same time), or a room shared (`Stay.shares_with_id`). One pass over the stays, grouped
by person and by hotel: linear in their number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.model import Person
from visitplanner.domain.rooming import Stay, room_type_of
from visitplanner.domain.values import Side, instant
from visitplanner.i18n import _, current_language, format_date


def rooming_findings(ix: CheckIndex) -> Iterator[Finding]:
    """Every finding of the visit's stays."""
    data = ix.data
    by_person: dict[str, list[Stay]] = defaultdict(list)
    for stay in data.stays:
        by_person[stay.person_id].append(stay)
    guests = {d.id for d in data.delegations if d.side is Side.GUEST}
    for person in ix.people.values():
        if person.delegation_id in guests:
            yield from _nights(ix, person, by_person.get(person.id, []))
    yield from _rooms(ix)
    yield from _step_free(ix)


def _day(ix: CheckIndex, day: date) -> str:
    """A night or a day as a message names it, in the officer's language ("6 May")."""
    return format_date(day, "d MMMM")


def _nights(ix: CheckIndex, person: Person, stays: list[Stay]) -> Iterator[Finding]:
    arrival, departure = person.arrival.time, person.departure.time
    if arrival is None or departure is None:
        return
    first = arrival.astimezone(ix.home).date()
    leaving = departure.astimezone(ix.home).date()
    if leaving <= first:
        return  # no night: there and back in a day
    key = (arrival.astimezone(ix.home).isoformat(),)
    if not stays:
        count = (leaving - first).days
        last = first + timedelta(days=count - 1)
        yield Finding(
            FindingKind.ROOM_MISSING,
            Severity.ERROR,
            (
                _("{person} has no room for the night of {first} (no stay)")
                if count == 1
                else _(
                    "{person} has no room for the {count} nights from {first} to {last} (no stay)"
                )
            ).format(
                person=ix.person_name(person.id),
                count=count,
                first=_day(ix, first),
                last=_day(ix, last),
            ),
            person_ids=(person.id,),
            sort_key=key,
        )
        return
    if len(stays) == 1:  # the usual case, checked without a set of nights
        check_in, check_out = stays[0].check_in.date(), stays[0].check_out.date()
    else:
        check_in = min(stay.check_in.date() for stay in stays)
        check_out = max(stay.check_out.date() for stay in stays)
    hotels = tuple(dict.fromkeys(stay.hotel_id for stay in stays))
    if check_in > first or check_out < leaving:
        yield Finding(
            FindingKind.STAY_NOT_COVERING,
            Severity.WARNING,
            _(
                "{person}: stays from {check_in} to {check_out}, but arrives on {arrival} "
                "and leaves on {departure}"
            ).format(
                person=ix.person_name(person.id),
                check_in=_day(ix, check_in),
                check_out=_day(ix, check_out),
                arrival=_day(ix, first),
                departure=_day(ix, leaving),
            ),
            person_ids=(person.id,),
            venue_ids=hotels,
            sort_key=key,
        )
    if len(stays) == 1:
        return  # one stay covers every night of its own span
    # Nights inside the stays' span left without a room (between two hotels).
    covered = {night for stay in stays for night in stay.nights()}
    night = max(first, check_in)
    while night < min(leaving, check_out):
        if night not in covered:
            yield Finding(
                FindingKind.ROOM_MISSING,
                Severity.ERROR,
                _("{person} has no room for the night of {night}").format(
                    person=ix.person_name(person.id), night=_day(ix, night)
                ),
                person_ids=(person.id,),
                venue_ids=hotels,
                sort_key=(night.isoformat(),),
            )
        night += timedelta(days=1)


class _Rooms:
    """Stays joined into rooms (union-find over stay ids)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, ident: str) -> str:
        root = self.parent.setdefault(ident, ident)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[ident] = root
        return root

    def join(self, one: str, other: str) -> None:
        self.parent[self.find(one)] = self.find(other)


def _overlap(one: Stay, other: Stay) -> bool:
    return instant(one.check_in) < instant(other.check_out) and instant(other.check_in) < instant(
        one.check_out
    )


def _rooms(ix: CheckIndex) -> Iterator[Finding]:
    data = ix.data
    hotels = {v.id: v for v in data.venues}
    rooms = _Rooms()
    by_number: dict[tuple[str, str], list[Stay]] = defaultdict(list)
    by_person_hotel: dict[tuple[str, str], list[Stay]] = defaultdict(list)
    for stay in data.stays:
        rooms.find(stay.id)
        if stay.room_number.strip():
            by_number[(stay.hotel_id, stay.room_number.strip().casefold())].append(stay)
        by_person_hotel[(stay.person_id, stay.hotel_id)].append(stay)
    for group in by_number.values():
        for i, stay in enumerate(group):
            for other in group[i + 1 :]:
                if _overlap(stay, other):
                    rooms.join(stay.id, other.id)
    for stay in data.stays:
        if stay.shares_with_id is None:
            continue
        for other in by_person_hotel.get((stay.shares_with_id, stay.hotel_id), []):
            if _overlap(stay, other):
                rooms.join(stay.id, other.id)
    members: dict[str, list[Stay]] = defaultdict(list)
    for stay in data.stays:
        members[rooms.find(stay.id)].append(stay)
    for room in members.values():
        people = list(dict.fromkeys(s.person_id for s in room))
        if len(people) < 2:
            continue
        hotel = hotels.get(room[0].hotel_id)
        if hotel is None:
            continue
        types = [room_type_of(hotel.room_types, s.room_type_id) for s in room]
        capacities = [t.capacity for t in types if t is not None]
        if not capacities or len(people) <= max(capacities):
            continue
        names = ", ".join(ix.person_name(p) for p in people)
        number = next((s.room_number for s in room if s.room_number), "")
        yield Finding(
            FindingKind.ROOM_OVER_CAPACITY,
            Severity.ERROR,
            _("{people}: {count} in one room for {capacity} at {hotel}{number}").format(
                count=len(people),
                capacity=max(capacities),
                hotel=ix.venue_name(hotel.id),
                number=f" ({number})" if number else "",
                people=names,
            ),
            person_ids=tuple(people),
            venue_ids=(hotel.id,),
            sort_key=(min(s.check_in for s in room).isoformat(),),
        )


def _step_free(ix: CheckIndex) -> Iterator[Finding]:
    hotels = {v.id: v for v in ix.data.venues}
    for stay in ix.data.stays:
        person = ix.people.get(stay.person_id)
        hotel = hotels.get(stay.hotel_id)
        if person is None or hotel is None:
            continue
        if not (stay.step_free or person.needs_step_free):
            continue
        room_type = room_type_of(hotel.room_types, stay.room_type_id)
        if room_type is None or room_type.step_free:
            continue
        yield Finding(
            FindingKind.ROOM_NOT_STEP_FREE,
            Severity.ERROR,
            _("{person} needs a step-free room, but “{room}” at {hotel} is not").format(
                person=ix.person_name(person.id),
                room=room_type.name.get(current_language(), ix.lang),
                hotel=ix.venue_name(hotel.id),
            ),
            person_ids=(person.id,),
            venue_ids=(hotel.id,),
            sort_key=(stay.check_in.isoformat(),),
        )
