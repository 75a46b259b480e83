"""The entities of a visit: who comes, where they go, what happens when.

Entities are plain mutable dataclasses identified by a UUID given at creation.
Times are aware datetimes carrying their IANA zone (`zoneinfo.ZoneInfo`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, TypeVar

from visitplanner.domain.address import AddressForms
from visitplanner.domain.arrangements import PlacementPosition, SeatingPlan, StepKind, Wreath
from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.contacts import EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.decree import DecreePosition, GuestPlacement
from visitplanner.domain.errors import DomainError, NotFoundError
from visitplanner.domain.flags import FlagHonour, valid_flag
from visitplanner.domain.gifts import Gift, valid_currency
from visitplanner.domain.ids import new_id
from visitplanner.domain.rooming import RoomType, Stay
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.domain.values import (
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
    instant,
    require_zoned,
    zone,
    zone_name,
)
from visitplanner.domain.version_store import FrozenProgramme
from visitplanner.i18n import N_, _


@dataclass(slots=True)
class Organiser:
    """The protocol office that organises the visit (the ORGANIZER of calendars)."""

    name: LocalizedText = field(default_factory=LocalizedText)
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass(slots=True)
class Visit:
    """The visit itself: its title, dates, home zone and handling marking."""

    title: LocalizedText
    start_date: date
    end_date: date
    tz: str = "Europe/Paris"
    marking: str = ""
    languages: tuple[str, ...] = ("fr", "uk", "en")
    organiser: Organiser = field(default_factory=Organiser)
    notes: str = ""
    #: The value above which a public official declares a gift received (whole units of
    #: `gift_currency`; None: no threshold set, nothing to declare). Internal.
    gift_threshold: int | None = None
    #: The currency of the threshold, and of every gift that names none.
    gift_currency: str = "EUR"
    #: Whom to call in an emergency: duty officer, embassy, security, hospitals by day.
    emergency: EmergencyContacts = field(default_factory=EmergencyContacts)
    #: Whose national flag takes the place of honour at ceremonies and meals (domain/flags.py).
    flag_honour: FlagHonour = FlagHonour.HOST
    #: Where a visiting delegation stands against host authorities of equal grade.
    guest_placement: GuestPlacement = GuestPlacement.AFTER_HOST
    #: The version of the décret's order of precedence the visit follows ("": the latest).
    decree_version: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        zone(self.tz)
        if self.end_date < self.start_date:
            raise DomainError(_("the visit ends before it starts"))
        if not self.languages:
            raise DomainError(_("a visit needs at least one language"))
        if self.gift_threshold is not None and self.gift_threshold < 0:
            raise DomainError(_("a gift threshold cannot be negative"))
        if not self.gift_currency or not valid_currency(self.gift_currency):
            raise DomainError(
                _("a currency is three capital letters (EUR, UAH): {found}").format(
                    found=self.gift_currency
                )
            )

    @property
    def main_language(self) -> str:
        """The language text falls back to when a version is missing."""
        return self.languages[0]


@dataclass(slots=True)
class Delegation:
    """A delegation: one side of the visit, with a head and an order of precedence."""

    name: LocalizedText
    side: Side = Side.GUEST
    country: str = ""
    head_id: str | None = None
    position: int = 0
    notes: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Accreditation:
    """What security services ask for. Private: never in a shareable export."""

    passport_name: str = ""
    birth_date: date | None = None
    nationality: str = ""
    passport_number: str = ""
    passport_expiry: date | None = None

    def __bool__(self) -> bool:
        return any(
            (
                self.passport_name,
                self.birth_date,
                self.nationality,
                self.passport_number,
                self.passport_expiry,
            )
        )


@dataclass(slots=True)
class TravelLeg:
    """How a person arrives or leaves: carrier, number, time (with its zone) and place.

    For an arrival, `time` and `place` are when and where the person arrives (the
    landing at CDG); for a departure, when and where the person leaves.
    """

    carrier: str = ""
    number: str = ""
    time: datetime | None = None
    place: str = ""

    def __post_init__(self) -> None:
        if self.time is not None:
            require_zoned(self.time, N_("a travel time"))

    def __bool__(self) -> bool:
        return bool(self.carrier or self.number or self.time or self.place)


@dataclass(slots=True)
class Person:
    """A member of a delegation, or an authority who belongs to none."""

    family_name: str
    given_name: str = ""
    family_name_native: str = ""
    given_name_native: str = ""
    patronymic_native: str = ""
    latin_derived: bool = False
    civility: Civility = Civility.NONE
    title: LocalizedText = field(default_factory=LocalizedText)
    function: LocalizedText = field(default_factory=LocalizedText)
    organisation: LocalizedText = field(default_factory=LocalizedText)
    delegation_id: str | None = None
    role: str = Role.MEMBER
    grade: Grade = Grade.MEMBER
    rank: int = 0
    languages: tuple[str, ...] = ()
    duty_phone: str = ""
    duty_email: str = ""
    private_phone: str = ""
    biography: LocalizedText = field(default_factory=LocalizedText)
    photo: bytes | None = None
    photo_type: str = ""
    dietary: Need = Need.UNKNOWN
    dietary_detail: LocalizedText = field(default_factory=LocalizedText)
    step_free: Need = Need.UNKNOWN
    accessibility_detail: LocalizedText = field(default_factory=LocalizedText)
    accreditation: Accreditation = field(default_factory=Accreditation)
    arrival: TravelLeg = field(default_factory=TravelLeg)
    departure: TravelLeg = field(default_factory=TravelLeg)
    notes: str = ""
    sample: bool = False
    #: The officer's own forms of address (empty: as the rules propose; domain/address.py).
    address_forms: AddressForms = field(default_factory=AddressForms)
    #: A French authority's position in the décret's order of precedence (None: a
    #: foreign guest, or no position); the merged order ranks authorities by it.
    precedence_position: DecreePosition | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not (self.family_name.strip() or self.family_name_native.strip()):
            raise DomainError(_("a person needs a family name"))
        # A language spoken is listed once ("uk, en, uk" is "uk, en").
        self.languages = tuple(dict.fromkeys(self.languages))
        if (self.photo is None) != (not self.photo_type):
            raise DomainError(_("a photo needs its type, and a type needs a photo"))

    @property
    def needs_step_free(self) -> bool:
        """Whether the person is known to need step-free access."""
        return self.step_free is Need.GIVEN

    def latin_name(self) -> str:
        """Given name then family name, in Latin script."""
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    def native_name(self) -> str:
        """Given name, patronymic and family name in the native script, where known."""
        parts = (self.given_name_native, self.patronymic_native, self.family_name_native)
        return " ".join(p for p in parts if p)

    def display_name(self) -> str:
        """The name to show in a list: Latin where known, else native."""
        return self.latin_name() or self.native_name()

    def formal_name(self) -> str:
        """Given name and family name in capitals, as protocol lists print it."""
        family = (self.family_name or self.family_name_native).upper()
        given = self.given_name or self.given_name_native
        return f"{given} {family}".strip()


@dataclass(slots=True)
class Venue:
    """A place where events happen; its access and security notes have a version per
    language (printed in the book's language)."""

    name: LocalizedText
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str = ""
    contact_phone: str = ""
    capacity: int | None = None
    step_free: Access = Access.UNKNOWN
    access_notes: LocalizedText = field(default_factory=LocalizedText)
    security_notes: LocalizedText = field(default_factory=LocalizedText)
    travel_minutes: dict[str, int] = field(default_factory=dict)
    sample: bool = False
    id: str = field(default_factory=new_id)
    #: A hotel: people stay there (domain/rooming.py), in rooms of `room_types`.
    hotel: bool = False
    room_types: list[RoomType] = field(default_factory=list)
    #: The language of its rooming list ("": the language of its country).
    rooming_language: str = ""

    def __post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise DomainError(_("coordinates need both a latitude and a longitude"))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise DomainError(_("latitude {value} is out of range").format(value=self.latitude))
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise DomainError(_("longitude {value} is out of range").format(value=self.longitude))
        if self.capacity is not None and self.capacity < 0:
            raise DomainError(_("a capacity cannot be negative"))
        if any(minutes < 0 for minutes in self.travel_minutes.values()):
            raise DomainError(_("a travel time cannot be negative"))
        if self.rooming_language not in ("", "fr", "uk", "en"):
            raise DomainError(_("unknown language {lang!r}").format(lang=self.rooming_language))

    def full_address(self) -> str:
        """Street, postcode and city on one line."""
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.address, town, self.country) if p)


@dataclass(slots=True)
class Vehicle:
    """A car or minibus of the convoy; its name and notes have a version per language
    (printed in the book's language, shown in the window's)."""

    label: LocalizedText
    convoy_position: int = 0
    plate: str = ""
    driver_id: str | None = None
    driver_name: str = ""
    duty_phone: str = ""
    seats: int | None = None
    wheelchair: Access = Access.UNKNOWN
    notes: LocalizedText = field(default_factory=LocalizedText)
    sample: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.seats is not None and self.seats < 0:
            raise DomainError(_("a vehicle cannot have a negative number of seats"))


@dataclass(slots=True)
class Interpretation:
    """Interpretation arranged for an event."""

    mode: InterpretationMode = InterpretationMode.NONE
    languages: tuple[str, ...] = ()
    interpreter_ids: list[str] = field(default_factory=list)

    @property
    def arranged(self) -> bool:
        """Whether any interpretation is arranged."""
        return self.mode is not InterpretationMode.NONE


@dataclass(slots=True)
class RunningOrderItem:
    """One line of a minute-by-minute running order: time, action, who, where.

    `kind` says what the line is (an arrival, a wreath laid ...) and `person_ids` who
    it concerns, so that the ceremony checks can read who arrives and leaves when.
    """

    at: datetime
    action: LocalizedText
    who: LocalizedText = field(default_factory=LocalizedText)
    where: LocalizedText = field(default_factory=LocalizedText)
    kind: StepKind = StepKind.OTHER
    person_ids: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        require_zoned(self.at, N_("a running-order time"))
        if len(set(self.person_ids)) != len(self.person_ids):
            raise DomainError(_("a running-order line lists the same person twice"))


_EVENT_START: Final = N_("an event's start")
_EVENT_END: Final = N_("an event's end")
_EVENT_MODIFIED: Final = N_("an event's modification time")
_SAME_PARTICIPANT: Final = N_("an event lists the same participant twice")
_SAME_VEHICLE: Final = N_("an event lists the same vehicle twice")
_SAME_INTERPRETER: Final = N_("an event lists the same interpreter twice")
_SAME_IN_PRECEDENCE: Final = N_("an event's order of precedence lists the same person twice")


@dataclass(slots=True)
class Event:
    """One event of the programme. Start and end each carry an IANA zone.

    A travel leg may start in one zone (Europe/Warsaw) and end in another. For a
    transfer or a travel leg, `venue_id` is where it starts (the pick-up point)
    and `destination_id` where it ends; other events take place at `venue_id`.

    Protocol arrangements: `precedence_ids` is the officer's own order of precedence
    for the event (it wins over the computed one), `seating` a meal's seating plan,
    `wreaths` (in the order they are laid) and `placement` a ceremony's. Its notes
    have a version per language, as its title does.
    """

    title: LocalizedText
    start: datetime
    end: datetime
    kind: EventKind = EventKind.MEETING
    status: EventStatus = EventStatus.DRAFT
    venue_id: str | None = None
    destination_id: str | None = None
    participant_ids: list[str] = field(default_factory=list)
    vehicle_ids: list[str] = field(default_factory=list)
    press: PressAccess = PressAccess.UNKNOWN
    dress_code: LocalizedText = field(default_factory=LocalizedText)
    purpose: LocalizedText = field(default_factory=LocalizedText)
    interpretation: Interpretation = field(default_factory=Interpretation)
    responsible_id: str | None = None
    notes: LocalizedText = field(default_factory=LocalizedText)
    running_order: list[RunningOrderItem] = field(default_factory=list)
    precedence_ids: list[str] = field(default_factory=list)
    seating: SeatingPlan | None = None
    wreaths: list[Wreath] = field(default_factory=list)
    placement: list[PlacementPosition] = field(default_factory=list)
    modified: datetime | None = None
    source_uid: str = ""
    sample: bool = False
    #: The flags hoisted, in order of precedence (empty: as proposed; domain/flags.py).
    flags: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        # Made for every event of every load (50,000 at ten times a summit): the
        # messages are marked once, below the class, and lists of one are not checked.
        require_zoned(self.start, _EVENT_START)
        require_zoned(self.end, _EVENT_END)
        if instant(self.end) < instant(self.start):
            raise DomainError(_("an event ends before it starts"))
        if self.modified is not None:
            require_zoned(self.modified, _EVENT_MODIFIED)
        for ids, twice in (
            (self.participant_ids, _SAME_PARTICIPANT),
            (self.vehicle_ids, _SAME_VEHICLE),
            (self.interpretation.interpreter_ids, _SAME_INTERPRETER),
            (self.precedence_ids, _SAME_IN_PRECEDENCE),
        ):
            if len(ids) > 1 and len(set(ids)) != len(ids):
                raise DomainError(_(twice))
        if self.flags:
            self._check_flags()

    def _check_flags(self) -> None:
        for code in self.flags:
            if not valid_flag(code):
                raise DomainError(
                    _(
                        "a flag is a country code of two capital letters (FR, UA, EU): {found}"
                    ).format(found=code)
                )
        if len(set(self.flags)) != len(self.flags):
            raise DomainError(_("an event lists the same flag twice"))

    def part_ids(self) -> Iterator[str]:
        """The ids of the event's parts: running-order lines, tables, seats, wreaths, places."""
        for line in self.running_order:
            yield line.id
        if self.seating is not None:
            for table in self.seating.tables:
                yield table.id
                for seat in table.seats:
                    yield seat.id
        for wreath in self.wreaths:
            yield wreath.id
        for position in self.placement:
            yield position.id

    def copy_with_new_ids(self) -> Event:
        """A deep copy that is a new event: new ids for it and every part of it.

        Parts keep their content (running order, tables and seats, wreaths,
        places); ids are unique in the whole visit, so a copy cannot share them.
        """
        twin = copy.deepcopy(self)
        twin.id = new_id()
        for line in twin.running_order:
            line.id = new_id()
        if twin.seating is not None:
            for table in twin.seating.tables:
                table.id = new_id()
                for seat in table.seats:
                    seat.id = new_id()
        for wreath in twin.wreaths:
            wreath.id = new_id()
        for position in twin.placement:
            position.id = new_id()
        return twin

    @property
    def end_place_id(self) -> str | None:
        """Where the participants are when the event ends."""
        return self.destination_id or self.venue_id

    @property
    def tz(self) -> str:
        """The zone of the event's start (the zone it is planned in)."""
        return zone_name(self.start)

    @property
    def cancelled(self) -> bool:
        """Whether the event is cancelled."""
        return self.status is EventStatus.CANCELLED


@dataclass(frozen=True, slots=True)
class ExportMark:
    """How an event stood when it was last exported to a calendar, in one variant
    (language and profile) of the calendars.

    `sequence` is its SEQUENCE; `fingerprint` is a digest of every property written
    for it but DTSTAMP, SEQUENCE and LAST-MODIFIED; `exported` is when that sequence
    was set (UTC).
    """

    sequence: int
    fingerprint: str
    exported: datetime

    def __post_init__(self) -> None:
        if self.sequence < 0:
            raise DomainError(_("a calendar sequence cannot be negative"))
        require_zoned(self.exported, N_("an export time"))


@dataclass(slots=True)
class CalendarMemory:
    """What the visit remembers of the calendars it exported, so updates replace.

    `marks` holds an ExportMark per (event id, variant): a variant is a language and a
    profile ("fr/shareable"), as each has its own texts; the variant "" is a mark
    written before variants were told apart. Marks are kept when the event is deleted,
    so that its cancellation and an undone deletion go on from its sequence.
    `sent` holds, per calendar ("visit", "delegation:<id>", "person:<id>"), the ids of
    the events its last file contained, and `dropped` those of them it sent as
    cancelled for that calendar alone (a person taken off an event).
    `ghosts` holds the last content of deleted events that some calendar held, when
    the visit's journal does not (a visit made from its JSON format).
    """

    marks: dict[tuple[str, str], ExportMark] = field(default_factory=dict)
    sent: dict[str, frozenset[str]] = field(default_factory=dict)
    dropped: dict[str, frozenset[str]] = field(default_factory=dict)
    ghosts: dict[str, Event] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PublishedResource:
    """One event as a CalDAV server holds it, in one calendar collection.

    `collection` is the collection's URL, `resource` the event's name in it
    ("<UID>.ics"); `etag` is the ETag the server gave when it accepted the resource
    ("" when it gave none); `digest` is a fingerprint of the event sent (but DTSTAMP)
    ("" when the server holds something else: changed there since); `sent` is when it
    was accepted (UTC). Not part of `VisitData`: it describes a server, is read only
    by publishing, and is neither undone nor carried by the JSON format.
    """

    collection: str
    resource: str
    etag: str
    digest: str
    sent: datetime


@dataclass(frozen=True, slots=True)
class ProgrammeVersion:
    """One issued programme version: its number (1, 2...), when it was issued (UTC),
    the officer's note, and the programme as it stood, frozen: the JSON of the visit
    format (see `visitplanner.domain.versions`), rebuilt only when asked for (see
    `visitplanner.domain.version_store`)."""

    number: int
    issued: datetime
    note: str
    programme: FrozenProgramme

    @property
    def snapshot(self) -> str:
        """The programme's JSON text (rebuilt from the file each time it is asked for)."""
        return self.programme.text()

    def __post_init__(self) -> None:
        if self.number < 1:
            raise DomainError(
                _("a version number starts at 1, not {number}").format(number=self.number)
            )
        if self.issued.utcoffset() is None:
            raise DomainError(_("a version's issue time needs its zone"))


_E = TypeVar("_E", Delegation, Person, Venue, Vehicle, Event)


@dataclass(slots=True)
class VisitData:
    """A whole visit loaded in memory: the aggregate every export and check reads."""

    visit: Visit
    delegations: list[Delegation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    calendars: CalendarMemory = field(default_factory=CalendarMemory)
    versions: list[ProgrammeVersion] = field(default_factory=list)
    #: The car plan: who rides in which vehicle and seat of each movement.
    car_assignments: list[CarAssignment] = field(default_factory=list)
    #: The gifts register: gifts offered and received.
    gifts: list[Gift] = field(default_factory=list)
    #: The distribution list: the numbered copies printed, and who holds each (internal).
    copies: list[BookCopy] = field(default_factory=list)
    #: Who stays in which hotel, from when to when (domain/rooming.py).
    stays: list[Stay] = field(default_factory=list)
    #: The meals' seating constraints (next to, near an exit ...).
    seating_constraints: list[SeatingConstraint] = field(default_factory=list)

    def delegation(self, ident: str) -> Delegation:
        """The delegation with id `ident`."""
        return _by_id(self.delegations, ident, N_("no delegation with id {found}"))

    def person(self, ident: str) -> Person:
        """The person with id `ident`."""
        return _by_id(self.people, ident, N_("no person with id {found}"))

    def venue(self, ident: str) -> Venue:
        """The venue with id `ident`."""
        return _by_id(self.venues, ident, N_("no venue with id {found}"))

    def vehicle(self, ident: str) -> Vehicle:
        """The vehicle with id `ident`."""
        return _by_id(self.vehicles, ident, N_("no vehicle with id {found}"))

    def event(self, ident: str) -> Event:
        """The event with id `ident`."""
        return _by_id(self.events, ident, N_("no event with id {found}"))

    def stays_of(self, person_id: str) -> list[Stay]:
        """A person's stays, by check-in."""
        found = [s for s in self.stays if s.person_id == person_id]
        return sorted(found, key=lambda s: instant(s.check_in))

    def members(self, delegation_id: str | None) -> list[Person]:
        """The people of a delegation in its order of precedence (rank, then name)."""
        found = [p for p in self.people if p.delegation_id == delegation_id]
        return sorted(found, key=lambda p: (p.rank, p.family_name, p.given_name))

    def events_of(self, person_id: str) -> list[Event]:
        """The events a person takes part in, by start time."""
        found = [e for e in self.events if person_id in e.participant_ids]
        return sorted(found, key=lambda e: instant(e.start))

    def all_ids(self) -> Iterator[str]:
        """Every entity id in the visit (events' lines, tables, seats, wreaths, places too)."""
        yield self.visit.id
        for group in (self.delegations, self.people, self.venues, self.vehicles, self.events):
            for item in group:
                yield item.id
        for assignment in self.car_assignments:
            yield assignment.id
        for gift in self.gifts:
            yield gift.id
        for copy_ in self.copies:
            yield copy_.id
        for stay in self.stays:
            yield stay.id
        for venue in self.venues:
            for room_type in venue.room_types:
                yield room_type.id
        for constraint in self.seating_constraints:
            yield constraint.id
        for event in self.events:
            yield from event.part_ids()


def _by_id(items: Iterable[_E], ident: str, missing: str) -> _E:
    """The item with id `ident`; `missing` (marked with N_) says none has it ({found})."""
    for item in items:
        if item.id == ident:
            return item
    raise NotFoundError(_(missing).format(found=ident))
