"""Hypothesis strategies that build valid random visits, for round-trip tests.

`visit_data()` is the one most tests want: a whole `VisitData` whose references all
resolve (participants, interpreters, vehicles, venues, delegation heads, travel times),
with names in Latin and Cyrillic, apostrophes, quotes, markup, emoji and newlines,
and times in several IANA zones around the DST changes. Sizes stay small so that a
hundred examples run in a few seconds.

Times are whole seconds (the visit file stores no fractions) and are made as UTC
instants shown in a zone, so they always exist on the local clock.
"""

from __future__ import annotations

import dataclasses
import string
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from visitplanner.domain.address import AddressForms, AddressUse
from visitplanner.domain.arrangements import (
    FeatureKind,
    Grouping,
    PlacementArea,
    PlacementPosition,
    Room,
    RoomFeature,
    Seat,
    SeatingOptions,
    SeatingPlan,
    SeatingStrategy,
    SeatRole,
    SeatSide,
    StepKind,
    Table,
    TableShape,
    Wreath,
)
from visitplanner.domain.car_seats import CAR_SEATS, CarAssignment, CarSeat
from visitplanner.domain.contacts import Contact, DayHospital, EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.decree import DecreeList, DecreePosition, GuestPlacement, decree_for
from visitplanner.domain.flags import FlagHonour
from visitplanner.domain.gifts import Gift, GiftStatus
from visitplanner.domain.model import (
    Accreditation,
    CalendarMemory,
    Delegation,
    Event,
    ExportMark,
    Interpretation,
    Organiser,
    Person,
    ProgrammeVersion,
    RunningOrderItem,
    TravelLeg,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.rooming import Billing, RoomType, Stay
from visitplanner.domain.seating_rules import SINGLE, ConstraintKind, SeatingConstraint
from visitplanner.domain.values import (
    LANGUAGES,
    Access,
    Civility,
    EventKind,
    EventStatus,
    Grade,
    InterpretationMode,
    LocalizedText,
    Need,
    PressAccess,
    Role,
    Side,
)
from visitplanner.domain.version_store import ProgrammeText
from visitplanner.exports.visit_json import programme_to_json

#: The zones a generated visit uses: home, guests' home, a stopover, UTC, far away.
ZONES: Final = ("Europe/Paris", "Europe/Kyiv", "Europe/Warsaw", "UTC", "America/New_York")

#: Texts that broke naive code elsewhere: scripts, apostrophes, quotes, markup, emoji.
AWKWARD_TEXTS: Final = (
    "Наталія Калмикова",
    "Олег Шиманський",
    "Мʼясоїдов",
    "Дем’яненко",
    "D'Artagnan",
    "Ministère des Armées et des Anciens combattants",
    'Le "dîner de travail"',
    "<b>&amp; <script>alert(1)</script>",
    "Rufo 🇫🇷🇺🇦 ✈️",
    "ligne 1\nligne 2\r\nрядок 3",
    "  espaces  ",
    "Œuvre — «guillemets» ‘single’",
    "\t",
)

_ALPHABET: Final = st.sampled_from(
    string.ascii_letters
    + string.digits
    + " -.,;:!?/()&<>\"'ʼ’\n\t"
    + "éèêàçôœÉÇ"
    + "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"
    + "😀🎖️🇺🇦"
)


@cache
def texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """A short text: empty, awkward, or random Latin and Cyrillic with punctuation."""
    return st.one_of(
        st.just(""),
        st.sampled_from(AWKWARD_TEXTS),
        st.text(_ALPHABET, max_size=max_size),
    )


@cache
def names() -> st.SearchStrategy[str]:
    """A name that is never blank."""
    return st.one_of(
        st.sampled_from(AWKWARD_TEXTS[:9]),
        st.text(_ALPHABET, min_size=1, max_size=12).filter(str.strip),
    )


@cache
def localized_texts(required: bool = False) -> st.SearchStrategy[LocalizedText]:
    """A multilingual text with some of its French, Ukrainian and English versions."""
    return _localized_texts(required)


@st.composite
def _localized_texts(draw: st.DrawFn, required: bool) -> LocalizedText:
    parts = {lang: draw(texts()) for lang in LANGUAGES}
    if required and not any(parts.values()):
        parts["fr"] = draw(names())
    return LocalizedText(**parts)


@cache
def zones() -> st.SearchStrategy[ZoneInfo]:
    """One of the zones a visit meets."""
    return st.sampled_from(ZONES).map(ZoneInfo)


#: First days of generated visits: the seed visit, and weeks that hold a DST change.
_VISIT_STARTS: Final = (date(2026, 5, 6), date(2026, 3, 27), date(2026, 10, 23))


@st.composite
def zoned_times(draw: st.DrawFn, around: date = _VISIT_STARTS[0]) -> datetime:
    """A whole-second time within a week of `around`, shown in one of `ZONES`."""
    base = datetime(around.year, around.month, around.day, tzinfo=UTC) - timedelta(days=2)
    offset = draw(st.integers(min_value=0, max_value=7 * 24 * 60)) * 60
    offset += draw(st.sampled_from((0, 0, 0, 1, 59)))
    return (base + timedelta(seconds=offset)).astimezone(draw(zones()))


def _ids(draw: st.DrawFn, count: int, taken: set[str]) -> list[str]:
    """`count` fresh UUIDs, none in `taken` (which grows): ids are unique visit-wide."""
    found = [str(u) for u in draw(st.lists(st.uuids(version=4), min_size=count, max_size=count))]
    assume(len(set(found)) == count and taken.isdisjoint(found))  # never loop on a repeat
    taken.update(found)
    return found


def _some(draw: st.DrawFn, pool: list[str], max_size: int = 3) -> list[str]:
    """A few distinct ids from `pool`, in a random order."""
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), max_size=max_size, unique=True))


def _maybe(draw: st.DrawFn, pool: list[str]) -> str | None:
    return draw(st.none() | st.sampled_from(pool)) if pool else None


def _travel(draw: st.DrawFn, around: date) -> TravelLeg:
    if draw(st.booleans()):
        return TravelLeg()
    return TravelLeg(
        carrier=draw(st.sampled_from(("", "LOT", "Air France", "Укрзалізниця"))),
        number=draw(st.sampled_from(("", "LO335", "AF1047", "№ 749"))),
        time=draw(st.none() | zoned_times(around)),
        place=draw(texts()),
    )


def _person(draw: st.DrawFn, ident: str, delegations: list[str], around: date) -> Person:
    latin = draw(st.booleans())
    photo = draw(st.none() | st.binary(max_size=48))
    return Person(
        id=ident,
        family_name=draw(names()) if latin else draw(texts()),
        given_name=draw(texts()),
        family_name_native=draw(texts()) if latin else draw(names()),
        given_name_native=draw(texts()),
        patronymic_native=draw(texts()),
        latin_derived=draw(st.booleans()),
        civility=draw(st.sampled_from(Civility)),
        title=draw(localized_texts()),
        function=draw(localized_texts()),
        organisation=draw(localized_texts()),
        delegation_id=_maybe(draw, delegations),
        role=draw(st.sampled_from(Role) | st.sampled_from(("chauffeur", "aide de camp ʼ", ""))),
        grade=draw(st.sampled_from(Grade)),
        rank=draw(st.integers(min_value=-5, max_value=99)),
        languages=tuple(draw(st.lists(st.sampled_from(("fr", "uk", "en", "pl")), max_size=3))),
        duty_phone=draw(st.sampled_from(("", "+33 1 23 45 67 89", "+380 44 123 4567"))),
        duty_email=draw(st.sampled_from(("", "media@dicod.fr", "о.шиманський@mva.gov.ua"))),
        private_phone=draw(texts()),
        biography=draw(localized_texts()),
        photo=photo,
        photo_type="" if photo is None else draw(st.sampled_from(("image/jpeg", "image/png"))),
        dietary=draw(st.sampled_from(Need)),
        dietary_detail=draw(localized_texts()),
        step_free=draw(st.sampled_from(Need)),
        accessibility_detail=draw(localized_texts()),
        accreditation=Accreditation(
            passport_name=draw(texts()),
            birth_date=draw(st.none() | st.dates(date(1940, 1, 1), date(2008, 12, 31))),
            nationality=draw(st.sampled_from(("", "UKR", "FRA"))),
            passport_number=draw(st.sampled_from(("", "FX123456", "ЕР 654321"))),
            passport_expiry=draw(st.none() | st.dates(date(2026, 1, 1), date(2036, 12, 31))),
        ),
        arrival=_travel(draw, around),
        departure=_travel(draw, around),
        notes=draw(texts(40)),
        sample=draw(st.booleans()),
        address_forms=draw(_address_forms()),
        precedence_position=draw(st.none() | decree_positions()),
    )


@st.composite
def _address_forms(draw: st.DrawFn) -> AddressForms:
    """A person's own forms of address: mostly none, some in one language or another."""
    if draw(st.booleans()):
        return AddressForms()
    return AddressForms(**{use.value: draw(localized_texts()) for use in AddressUse})


def decree_positions() -> st.SearchStrategy[DecreePosition]:
    """A position of the latest décret (an unknown id now and then, as a newer file's)."""
    decree = decree_for("")
    known = [DecreePosition(kind, p.id) for kind in DecreeList for p in decree.positions(kind)]
    unknown = st.builds(DecreePosition, st.sampled_from(DecreeList), st.just("poste-inconnu"))
    return st.sampled_from(known) | unknown


def _venue(draw: st.DrawFn, ident: str, venues: list[str]) -> Venue:
    located = draw(st.booleans())
    others = [v for v in venues if v != ident]
    return Venue(
        id=ident,
        name=draw(localized_texts(required=True)),
        address=draw(texts()),
        postcode=draw(st.sampled_from(("", "75007", "01001"))),
        city=draw(st.sampled_from(("", "Paris", "Київ", "Warszawa"))),
        country=draw(st.sampled_from(("", "FR", "UA"))),
        latitude=draw(st.floats(-90, 90)) if located else None,
        longitude=draw(st.floats(-180, 180)) if located else None,
        contact_name=draw(texts()),
        contact_phone=draw(texts()),
        capacity=draw(st.none() | st.integers(min_value=0, max_value=5000)),
        step_free=draw(st.sampled_from(Access)),
        access_notes=draw(localized_texts()),
        security_notes=draw(localized_texts()),
        travel_minutes={v: draw(st.integers(0, 240)) for v in _some(draw, others)},
        sample=draw(st.booleans()),
    )


def _vehicle(draw: st.DrawFn, ident: str, people: list[str]) -> Vehicle:
    return Vehicle(
        id=ident,
        label=draw(localized_texts(required=True)),
        convoy_position=draw(st.integers(0, 20)),
        plate=draw(st.sampled_from(("", "AB-123-CD", "АА 1234 ВВ"))),
        driver_id=_maybe(draw, people),
        driver_name=draw(texts()),
        duty_phone=draw(texts()),
        seats=draw(st.none() | st.integers(0, 60)),
        wheelchair=draw(st.sampled_from(Access)),
        notes=draw(localized_texts()),
        sample=draw(st.booleans()),
    )


def _event(draw: st.DrawFn, ident: str, ids: set[str], data: VisitData, around: date) -> Event:
    people = [p.id for p in data.people]
    start = draw(zoned_times(around))
    length = timedelta(minutes=draw(st.integers(min_value=0, max_value=600)))
    end = (start.astimezone(UTC) + length).astimezone(draw(zones()))
    # Python compares two times of one zone by their wall clocks, fold ignored, so
    # across the autumn change a later end can look earlier (see the report on Event).
    assume(end.tzinfo is not start.tzinfo or end.replace(tzinfo=None) >= start.replace(tzinfo=None))
    lines = draw(st.integers(min_value=0, max_value=3))
    running_order = [
        RunningOrderItem(
            id=line_id,
            at=draw(zoned_times(around)),
            action=draw(localized_texts(required=True)),
            who=draw(localized_texts()),
            where=draw(localized_texts()),
            kind=draw(st.sampled_from(StepKind)),
            person_ids=_some(draw, people),
        )
        for line_id in _ids(draw, lines, ids)
    ]
    return Event(
        id=ident,
        title=draw(localized_texts(required=True)),
        start=start,
        end=end,
        kind=draw(st.sampled_from(EventKind)),
        status=draw(st.sampled_from(EventStatus)),
        venue_id=_maybe(draw, [v.id for v in data.venues]),
        destination_id=_maybe(draw, [v.id for v in data.venues]),
        participant_ids=_some(draw, people, max_size=5),
        vehicle_ids=_some(draw, [v.id for v in data.vehicles]),
        press=draw(st.sampled_from(PressAccess)),
        dress_code=draw(localized_texts()),
        purpose=draw(localized_texts()),
        interpretation=Interpretation(
            mode=draw(st.sampled_from(InterpretationMode)),
            languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True))),
            interpreter_ids=_some(draw, people, max_size=2),
        ),
        responsible_id=_maybe(draw, people),
        notes=draw(localized_texts()),
        running_order=running_order,
        precedence_ids=_some(draw, people),
        seating=draw(st.none() | _seating(ids, people)),
        wreaths=[
            Wreath(
                id=ident,
                ribbon=draw(localized_texts()),
                layer_ids=_some(draw, people, max_size=2),
                carrier_ids=_some(draw, people, max_size=2),
            )
            for ident in _ids(draw, draw(st.integers(0, 2)), ids)
        ],
        placement=[
            PlacementPosition(
                id=ident,
                area=draw(st.sampled_from(PlacementArea)),
                row=draw(st.integers(1, 4)),
                place=draw(st.integers(1, 12)),
                label=draw(texts()),
                wheelchair=draw(st.booleans()),
                person_id=_maybe(draw, people),
            )
            for ident in _ids(draw, draw(st.integers(0, 3)), ids)
        ],
        modified=draw(st.none() | zoned_times(around)),
        source_uid=draw(st.sampled_from(("", "040000008200E00074C5B7101A82E008@outlook", "a;b,c"))),
        sample=draw(st.booleans()),
        flags=tuple(draw(st.lists(st.sampled_from(("FR", "UA", "EU", "PL")), unique=True))),
    )


@st.composite
def _seating(draw: st.DrawFn, ids: set[str], people: list[str]) -> SeatingPlan:
    """A seating plan of 0-2 tables, seats numbered across the plan, some taken, some locked."""
    tables = []
    number = 0
    for table_id in _ids(draw, draw(st.integers(0, 2)), ids):
        seats = []
        for seat_id in _ids(draw, draw(st.integers(0, 4)), ids):
            number += 1
            seats.append(
                Seat(
                    id=seat_id,
                    number=number,
                    side=draw(st.sampled_from(SeatSide)),
                    position=draw(st.integers(0, 9)),
                    label=draw(texts()),
                    step_free=draw(st.booleans()),
                    locked=draw(st.booleans()),
                    person_id=_maybe(draw, people),
                    reserved=draw(st.sampled_from(SeatRole)),
                    near_exit=draw(st.booleans()),
                )
            )
        tables.append(
            Table(
                id=table_id,
                name=draw(texts()),
                shape=draw(st.sampled_from(TableShape)),
                x=draw(st.integers(-20, 20)) / 2,
                y=draw(st.integers(-20, 20)) / 2,
                seats=seats,
                rotation=draw(st.integers(0, 23)) * 15.0,
                length=draw(st.integers(0, 40)) / 4,
                number=draw(st.none() | st.integers(1, 99)),
            )
        )
    features = [
        RoomFeature(
            id=ident,
            kind=draw(st.sampled_from(FeatureKind)),
            label=draw(texts()),
            x=draw(st.integers(-20, 20)) / 2,
            y=draw(st.integers(-20, 20)) / 2,
            width=draw(st.integers(0, 8)) / 2,
            depth=draw(st.integers(0, 8)) / 2,
        )
        for ident in _ids(draw, draw(st.integers(0, 2)), ids)
    ]
    room = Room(
        name=draw(texts()),
        width=draw(st.integers(0, 80)) / 2,
        depth=draw(st.integers(0, 80)) / 2,
        features=features,
    )
    options = SeatingOptions(draw(st.sampled_from(Grouping)), draw(st.sampled_from(Grouping)))
    return SeatingPlan(
        strategy=draw(st.sampled_from(SeatingStrategy)), tables=tables, room=room, options=options
    )


@st.composite
def visit_data(draw: st.DrawFn, max_people: int = 6, max_events: int = 5) -> VisitData:
    """A whole valid visit, every reference resolving, every id unique visit-wide.

    0-3 delegations, 0-`max_people` people (Latin and Cyrillic names, photos as
    small bytes, travel legs in other zones), 0-4 venues with travel minutes between
    them, 0-3 vehicles, 0-`max_events` events with participants, interpreters,
    vehicles and a running order. Use it for any round trip: JSON, the visit file.
    """
    ids: set[str] = set()
    first = draw(st.sampled_from(_VISIT_STARTS))
    visit = Visit(
        id=_ids(draw, 1, ids)[0],
        title=draw(localized_texts(required=True)),
        start_date=first,
        end_date=first + timedelta(days=draw(st.integers(0, 5))),
        tz=draw(st.sampled_from(ZONES)),
        marking=draw(st.sampled_from(("", "DIFFUSION RESTREINTE", "Для службового користування"))),
        languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, unique=True))),
        organiser=Organiser(
            name=draw(localized_texts()),
            email=draw(st.sampled_from(("", "protocole@defense.gouv.fr"))),
            phone=draw(texts()),
            address=draw(texts()),
        ),
        notes=draw(texts(40)),
        gift_threshold=draw(st.none() | st.integers(0, 10_000)),
        gift_currency=draw(st.sampled_from(("EUR", "UAH", "USD"))),
        emergency=_emergency(draw, first),
        flag_honour=draw(st.sampled_from(FlagHonour)),
        guest_placement=draw(st.sampled_from(GuestPlacement)),
        decree_version=draw(st.sampled_from(("", "2024-03-01"))),
    )
    data = VisitData(visit=visit)
    delegation_ids = _ids(draw, draw(st.integers(0, 3)), ids)
    person_ids = _ids(draw, draw(st.integers(0, max_people)), ids)
    data.people = [_person(draw, i, delegation_ids, first) for i in person_ids]
    data.delegations = [
        Delegation(
            id=ident,
            name=draw(localized_texts(required=True)),
            side=draw(st.sampled_from(Side)),
            country=draw(st.sampled_from(("", "UA", "FR"))),
            head_id=_maybe(draw, person_ids),
            position=position,
            notes=draw(texts()),
        )
        for position, ident in enumerate(delegation_ids)
    ]
    venue_ids = _ids(draw, draw(st.integers(0, 4)), ids)
    data.venues = [_venue(draw, i, venue_ids) for i in venue_ids]
    data.vehicles = [
        _vehicle(draw, i, person_ids) for i in _ids(draw, draw(st.integers(0, 3)), ids)
    ]
    event_ids = _ids(draw, draw(st.integers(0, max_events)), ids)
    data.events = [_event(draw, i, ids, data, first) for i in event_ids]
    data.car_assignments = _car_plan(draw, data, ids)
    data.gifts = [
        _gift(draw, i, person_ids, event_ids, first)
        for i in _ids(draw, draw(st.integers(0, 3)), ids)
    ]
    data.copies = [
        _book_copy(draw, i, person_ids, first) for i in _ids(draw, draw(st.integers(0, 3)), ids)
    ]
    data.stays = _rooming(draw, data, ids)
    data.seating_constraints = _seating_constraints(draw, data, ids)
    data.calendars = _calendar_memory(draw, event_ids + _ids(draw, 1, ids), data, first)
    data.versions = _versions(draw, data, first)
    return data


def _contact(draw: st.DrawFn) -> Contact:
    return Contact(name=draw(texts()), address=draw(texts()), phone=draw(texts()))


def _emergency(draw: st.DrawFn, first: date) -> EmergencyContacts:
    """Emergency contacts, maybe empty, with hospitals on some of the first days."""
    days = draw(st.lists(st.integers(0, 5), max_size=3, unique=True))
    hospitals = tuple(
        DayHospital(first + timedelta(days=n), draw(texts()), draw(texts()), draw(texts()))
        for n in sorted(days)
    )
    return EmergencyContacts(_contact(draw), _contact(draw), _contact(draw), hospitals)


def _book_copy(draw: st.DrawFn, ident: str, people: list[str], around: date) -> BookCopy:
    """A numbered copy held by a person of the visit or someone named, maybe back."""
    total = draw(st.integers(1, 20))
    returned = draw(st.none() | st.just(around + timedelta(days=3)))
    return BookCopy(
        id=ident,
        number=draw(st.integers(1, total)),
        total=total,
        printed_on=around,
        holder_id=_maybe(draw, people),
        holder_name=draw(texts()),
        edition=draw(texts()),
        returned_on=returned,
        destroyed_on=draw(st.none() | st.just(around + timedelta(days=4))),
    )


def _seating_constraints(
    draw: st.DrawFn, data: VisitData, ids: set[str]
) -> list[SeatingConstraint]:
    """Up to three constraints of the meals, naming one person or two different people."""
    people = [p.id for p in data.people]
    if not data.events or len(people) < 2:
        return []
    found = []
    for ident in _ids(draw, draw(st.integers(0, 3)), ids):
        kind = draw(st.sampled_from(ConstraintKind))
        first, second = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
        found.append(
            SeatingConstraint(
                id=ident,
                event_id=draw(st.sampled_from(data.events)).id,
                kind=kind,
                person_id=first,
                other_id=None if kind in SINGLE else second,
                hard=draw(st.booleans()),
            )
        )
    return found


def _car_plan(draw: st.DrawFn, data: VisitData, ids: set[str]) -> list[CarAssignment]:
    """Car assignments for the transfers with vehicles: some of their participants,
    each once, in distinct seats (named, or numbered for a minibus)."""
    found = []
    for event in data.events:
        if event.kind is not EventKind.TRANSFER or not event.vehicle_ids:
            continue
        taken: set[tuple[str, CarSeat, int]] = set()
        for person_id in _some(draw, event.participant_ids, max_size=4):
            vehicle_id = draw(st.sampled_from(event.vehicle_ids))
            seat = draw(st.sampled_from((*CAR_SEATS, CarSeat.NUMBERED)))
            number = draw(st.integers(1, 12)) if seat is CarSeat.NUMBERED else None
            if (vehicle_id, seat, number or 0) in taken:
                continue
            taken.add((vehicle_id, seat, number or 0))
            found.append(
                CarAssignment(
                    id=_ids(draw, 1, ids)[0],
                    event_id=event.id,
                    vehicle_id=vehicle_id,
                    person_id=person_id,
                    seat=seat,
                    number=number,
                )
            )
    return found


def _gift(draw: st.DrawFn, ident: str, people: list[str], events: list[str], around: date) -> Gift:
    """A gift between people of the visit or named institutions, maybe declared."""
    declared = draw(st.booleans())
    return Gift(
        id=ident,
        description=draw(localized_texts()),
        giver_id=_maybe(draw, people),
        giver_name=draw(texts()),
        recipient_id=_maybe(draw, people),
        recipient_name=draw(texts()),
        event_id=_maybe(draw, events),
        status=draw(st.sampled_from(GiftStatus)),
        value=draw(st.none() | st.integers(0, 100_000)),
        currency=draw(st.sampled_from(("", "EUR", "UAH"))),
        keeper_id=_maybe(draw, people),
        declared=declared,
        declared_on=draw(st.none() | st.dates(date(2026, 1, 1), date(2027, 1, 1)))
        if declared
        else None,
        notes=draw(texts(40)),
        at=draw(st.none() | zoned_times(around)),
    )


def _rooming(draw: st.DrawFn, data: VisitData, ids: set[str]) -> list[Stay]:
    """Some venues made hotels with room types, and stays in them for some people."""
    hotels = [v for v in data.venues if draw(st.booleans())]
    for venue in hotels:
        venue.hotel = True
        venue.rooming_language = draw(st.sampled_from(("", "fr", "uk", "en")))
        venue.room_types = [
            RoomType(
                id=ident,
                name=draw(localized_texts()),
                capacity=draw(st.integers(1, 4)),
                step_free=draw(st.booleans()),
            )
            for ident in _ids(draw, draw(st.integers(0, 3)), ids)
        ]
    people = [p.id for p in data.people]
    if not hotels or not people:
        return []
    stays = []
    for ident in _ids(draw, draw(st.integers(0, 4)), ids):
        hotel = draw(st.sampled_from(hotels))
        check_in = draw(zoned_times(data.visit.start_date))
        nights = draw(st.integers(1, 4))
        person = draw(st.sampled_from(people))
        stays.append(
            Stay(
                id=ident,
                person_id=person,
                hotel_id=hotel.id,
                room_type_id=_maybe(draw, [t.id for t in hotel.room_types]),
                room_number=draw(st.sampled_from(("", "12", "1201B"))),
                check_in=check_in,
                check_out=(check_in.astimezone(UTC) + timedelta(days=nights)).astimezone(
                    check_in.tzinfo
                ),
                shares_with_id=_maybe(draw, [p for p in people if p != person]),
                step_free=draw(st.booleans()),
                late_arrival=draw(st.booleans()),
                billing=draw(st.sampled_from(Billing)),
                notes=draw(texts(40)),
            )
        )
    return stays


def _versions(draw: st.DrawFn, data: VisitData, around: date) -> list[ProgrammeVersion]:
    """Up to two issued versions: the programme with its first events only, then all."""
    utc = ZoneInfo("UTC")
    found = []
    for number in range(1, draw(st.integers(0, 2)) + 1):
        kept = draw(st.integers(0, len(data.events)))
        programme = dataclasses.replace(data, events=data.events[:kept], versions=[])
        found.append(
            ProgrammeVersion(
                number=number,
                issued=draw(zoned_times(around)).astimezone(utc).replace(microsecond=0),
                note=draw(texts(30)),
                programme=ProgrammeText(programme_to_json(programme)),
            )
        )
    return found


def _calendar_memory(
    draw: st.DrawFn, event_ids: list[str], data: VisitData, around: date
) -> CalendarMemory:
    """Marks for some events (one of them deleted since), and calendars that were sent."""
    utc = ZoneInfo("UTC")
    variants = ("", "fr/shareable", "uk/internal", "en/shareable")
    marks = {
        (ident, draw(st.sampled_from(variants))): ExportMark(
            sequence=draw(st.integers(0, 40)),
            fingerprint=draw(st.sampled_from(("", "0f3a", "Ω"))),
            exported=draw(zoned_times(around)).astimezone(utc),
        )
        for ident in _some(draw, event_ids, max_size=4)
    }
    keys = ["visit"] + [f"person:{p.id}" for p in data.people]
    keys += [f"delegation:{d.id}" for d in data.delegations]
    sent = {key: frozenset(_some(draw, event_ids)) for key in _some(draw, keys)}
    dropped = {
        key: frozenset(_some(draw, sorted(ids), max_size=2))
        for key, ids in sent.items()
        if ids and draw(st.booleans())
    }
    dropped = {key: ids for key, ids in dropped.items() if ids}
    return CalendarMemory(marks=marks, sent=sent, dropped=dropped)
