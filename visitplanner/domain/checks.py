"""Plan checks: pure functions that turn a list of events into a plan an officer can trust.

Each check reads a `VisitData` and yields `Finding`s. None is quadratic in the
number of events or people: overlaps are found by sorting each person's (venue's,
vehicle's) events and sweeping once; look-ups over the whole visit (people, venues,
delegations) are built once per run, never per event. Cancelled events are left out
of every check.

The checks come in units that read few entities: one event's own checks, one
person's (venue's, vehicle's) overlaps, one person's moves. `plan_checker` runs them
and, after an edit, runs again only those whose entities changed.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from enum import StrEnum
from typing import Final

from visitplanner.domain.model import Event, Person, Venue, VisitData
from visitplanner.domain.precedence import PrecedenceIndex
from visitplanner.domain.values import Access, EventKind, EventStatus, Need, instant, zone
from visitplanner.i18n import _, current_language, format_time, ngettext

#: Assumed speed across town when only coordinates are known (straight line).
TOWN_SPEED_KMH: Final = 20.0
#: Assumed time to leave one place and board the next vehicle.
BOARDING_MINUTES: Final = 10


class Severity(StrEnum):
    """How serious a finding is: an error must be fixed; a warning deserves a look."""

    ERROR = "error"
    WARNING = "warning"


class FindingKind(StrEnum):
    """What a check found."""

    PERSON_OVERLAP = "person-overlap"
    VENUE_DOUBLE_BOOKED = "venue-double-booked"
    TRAVEL_TIME = "travel-time"
    OUTSIDE_DATES = "outside-dates"
    STEP_FREE_MISSING = "step-free-missing"
    STEP_FREE_UNKNOWN = "step-free-unknown"
    DIETARY_UNKNOWN = "dietary-unknown"
    NO_INTERPRETATION = "no-interpretation"
    VEHICLE_OVERLAP = "vehicle-overlap"
    NO_VENUE = "no-venue"
    SEATED_TWICE = "seated-twice"
    SEAT_NOT_STEP_FREE = "seat-not-step-free"
    SEAT_DIETARY_UNKNOWN = "seat-dietary-unknown"
    UNSEATED = "unseated"
    SEATED_ABSENT = "seated-absent"
    WREATH_ORDER = "wreath-order"
    ARRIVAL_ORDER = "arrival-order"
    DEPARTURE_ORDER = "departure-order"
    PLACEMENT_NOT_WHEELCHAIR = "placement-not-wheelchair"
    PLACED_TWICE = "placed-twice"
    RUNNING_ORDER_TIMES = "running-order-times"
    CAR_OVER_CAPACITY = "car-over-capacity"
    CAR_NOT_WHEELCHAIR = "car-not-wheelchair"
    CAR_TWICE = "car-twice"
    CAR_MISSING = "car-missing"
    CAR_NOT_IN_MOVEMENT = "car-not-in-movement"
    GIFT_UNDECLARED = "gift-undeclared"
    NO_DUTY_OFFICER = "no-duty-officer"
    NO_HOSPITAL = "no-hospital"
    ROOM_MISSING = "room-missing"
    STAY_NOT_COVERING = "stay-not-covering"
    ROOM_OVER_CAPACITY = "room-over-capacity"
    ROOM_NOT_STEP_FREE = "room-not-step-free"
    PRECEDENCE_CONTRADICTION = "precedence-contradiction"
    SEATING_CONSTRAINT = "seating-constraint"


@dataclass(frozen=True)
class Finding:
    """One problem in the plan: what, how serious, a message, and what it involves."""

    kind: FindingKind
    severity: Severity
    message: str
    event_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    venue_ids: tuple[str, ...] = ()
    vehicle_ids: tuple[str, ...] = ()
    sort_key: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: What the finding is about without whom it concerns ("“A” (07/05 09:00) and “B”
    #: (07/05 09:30)"): findings of one cause are shown as one (see `finding_groups`).
    cause: str = field(default="", compare=False, repr=False)
    #: The gifts of the register it is about (a gift not declared).
    gift_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The finding as plain data (for `check --json`)."""
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "message": self.message,
            "events": list(self.event_ids),
            "people": list(self.person_ids),
            "venues": list(self.venue_ids),
            "vehicles": list(self.vehicle_ids),
            "gifts": list(self.gift_ids),
        }


class _Spans(dict[str, tuple[float, float]]):
    """Each event's (start, end) instants, computed the first time they are asked for:
    converting zoned times is the checks' main cost, and a re-check converts only
    the events it looks at."""

    def __init__(self, events: Mapping[str, Event]) -> None:
        super().__init__()
        self._events = events

    def __missing__(self, ident: str) -> tuple[float, float]:
        event = self._events[ident]
        span = self[ident] = (instant(event.start), instant(event.end))
        return span


class CheckIndex:
    """Look-ups shared by the checks, built once per run (passes over the visit, never
    one per event)."""

    def __init__(self, data: VisitData) -> None:
        self.data = data
        self.lang = data.visit.main_language
        self.events = [e for e in data.events if e.status is not EventStatus.CANCELLED]
        self.by_id = {e.id: e for e in self.events}
        self.precedence = PrecedenceIndex(data)
        self.people = self.precedence.people
        self.venues = {v.id: v for v in data.venues}
        self.vehicles = {v.id: v for v in data.vehicles}
        self.home = zone(data.visit.tz)
        self.spans = _Spans(self.by_id)
        # Travel times by (from, to) venue: many people make the same move.
        self.journeys: dict[tuple[str, str], tuple[int, bool] | None] = {}
        #: Each venue's own travel times, and its latitude and longitude in radians with
        #: the cosine of its latitude (None without coordinates): one look-up per venue
        #: of a move (ten summits make 270,000 different moves between 3,000 venues).
        self.places = {v.id: (v.travel_minutes, _radians(v)) for v in data.venues}
        #: A transfer's own move when it allows less than the drive (None when it does
        #: not), worked out once for all its passengers.
        self.transfer_moves: dict[str, Move | None] = {}

    def title(self, event: Event) -> str:
        return event.title.get(current_language(), self.lang)

    def person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.display_name() if person else person_id

    def venue_name(self, venue_id: str) -> str:
        venue = self.venues.get(venue_id)
        return venue.name.get(current_language(), self.lang) if venue else venue_id

    def vehicle_label(self, vehicle_id: str) -> str:
        vehicle = self.vehicles.get(vehicle_id)
        return vehicle.label.get(current_language(), self.lang) if vehicle else vehicle_id

    def when(self, event: Event) -> str:
        local = event.start.astimezone(self.home)
        return f"{local:%d/%m} {format_time(local)}"


def _radians(venue: Venue) -> tuple[float, float, float] | None:
    """A venue's latitude and longitude in radians and the cosine of its latitude."""
    if venue.latitude is None or venue.longitude is None:
        return None
    lat = math.radians(venue.latitude)
    return lat, math.radians(venue.longitude), math.cos(lat)


def _overlapping(
    events: Iterable[Event], spans: Mapping[str, tuple[float, float]]
) -> Iterator[tuple[Event, Event]]:
    """Pairs (earlier, later) of overlapping events, by one sweep over start times."""
    ordered = sorted(events, key=lambda e: spans[e.id])
    latest: Event | None = None
    latest_end = 0.0
    for event in ordered:
        start, end = spans[event.id]
        if latest is not None and start < latest_end:
            yield latest, event
        if latest is None or end > latest_end:
            latest, latest_end = event, end


def grouped(
    events: Iterable[Event], keys: Callable[[Event], Iterable[str]]
) -> dict[str, list[Event]]:
    """`events` by each of their keys (a person, a venue ...), in their order."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for key in keys(event):
            groups[key].append(event)
    return groups


def person_keys(event: Event) -> Iterable[str]:
    """The people an event concerns: its participants."""
    return event.participant_ids


def venue_keys(event: Event) -> Iterable[str]:
    """The venue an event is booked at."""
    return [event.venue_id] if event.venue_id else []


def vehicle_keys(event: Event) -> Iterable[str]:
    """The vehicles an event needs."""
    return event.vehicle_ids


def _double_bookings(
    ix: CheckIndex,
    key: str,
    events: Iterable[Event],
    kind: FindingKind,
    message: str,
    name: str,
    ids_field: str,
) -> list[Finding]:
    """One finding per pair of overlapping events among `events`, which share `key`
    (a person, a venue ...).

    `message` names the thing as {name}, the events as {first} and {second} with
    their times; `ids_field` is the Finding field that gets the key.
    """
    return [
        Finding(
            kind,
            Severity.ERROR,
            message.format(
                name=name,
                first=ix.title(first),
                first_time=ix.when(first),
                second=ix.title(second),
                second_time=ix.when(second),
            ),
            event_ids=(first.id, second.id),
            sort_key=(first.start.astimezone(UTC).isoformat(), key),
            cause=_("“{first}” ({first_time}) and “{second}” ({second_time})").format(
                first=ix.title(first),
                first_time=ix.when(first),
                second=ix.title(second),
                second_time=ix.when(second),
            ),
            **{ids_field: (key,)},
        )
        for first, second in _overlapping(events, ix.spans)
    ]


def person_overlaps(ix: CheckIndex, person_id: str, events: Iterable[Event]) -> list[Finding]:
    """A person in two overlapping events (`events`: the person's)."""
    return _double_bookings(
        ix,
        person_id,
        events,
        FindingKind.PERSON_OVERLAP,
        _(
            "{name} is in two events at once: “{first}” ({first_time}) and “{second}” "
            "({second_time})"
        ),
        ix.person_name(person_id),
        "person_ids",
    )


def venue_double_bookings(ix: CheckIndex, venue_id: str, events: Iterable[Event]) -> list[Finding]:
    """A venue with two overlapping events (`events`: the venue's)."""
    return _double_bookings(
        ix,
        venue_id,
        events,
        FindingKind.VENUE_DOUBLE_BOOKED,
        _("{name} is booked twice: “{first}” ({first_time}) and “{second}” ({second_time})"),
        ix.venue_name(venue_id),
        "venue_ids",
    )


def vehicle_overlaps(ix: CheckIndex, vehicle_id: str, events: Iterable[Event]) -> list[Finding]:
    """A vehicle in two places at once (`events`: the vehicle's)."""
    return _double_bookings(
        ix,
        vehicle_id,
        events,
        FindingKind.VEHICLE_OVERLAP,
        _(
            "{name} is needed in two places at once: “{first}” ({first_time}) and “{second}” "
            "({second_time})"
        ),
        ix.vehicle_label(vehicle_id),
        "vehicle_ids",
    )


def distance_km(a: Venue, b: Venue) -> float | None:
    """Great-circle distance between two venues, when both have coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def travel_minutes(a: Venue, b: Venue) -> tuple[int, bool] | None:
    """Minutes needed from `a` to `b`, and whether that is an estimate.

    The venues' own travel times come first (either direction); else an estimate
    from their coordinates: straight-line distance at TOWN_SPEED_KMH plus
    BOARDING_MINUTES. None when neither is known.
    """
    known = a.travel_minutes.get(b.id, b.travel_minutes.get(a.id))
    if known is not None:
        return known, False
    km = distance_km(a, b)
    if km is None:
        return None
    return math.ceil(km / TOWN_SPEED_KMH * 60) + BOARDING_MINUTES, True


#: A move with too little time: (event, next event or itself, from venue), the time
#: available, and the travel time needed (minutes, estimated).
Move = tuple[tuple[str, str, str], timedelta, tuple[int, bool]]


def short_moves(ix: CheckIndex, events: Iterable[Event]) -> list[Move]:
    """The moves with too little time in one person's events (`events`)."""
    found: list[Move] = []
    spans, journeys, transfer_moves = ix.spans, ix.journeys, ix.transfer_moves
    timed = [(spans[event.id], event) for event in events]
    timed.sort(key=_SPAN)
    for _span, event in timed:
        if event.kind is EventKind.TRANSFER:
            ident = event.id
            move = transfer_moves[ident] if ident in transfer_moves else _transfer_move(ix, event)
            if move is not None:
                found.append(move)
    for ((_start, end), before), ((start, _end), after) in itertools.pairwise(timed):
        here, there = before.destination_id or before.venue_id, after.venue_id
        if not here or not there or here == there:
            continue
        seconds = start - end
        if seconds < 0:
            continue  # an overlap, reported as such
        key = (here, there)
        needed = journeys[key] if key in journeys else _needed_between(ix, key)
        if needed is None or seconds >= needed[0] * 60 + 1:
            continue  # ample time (the exact check below settles the last second)
        short = _needed(ix, here, there, after.start - before.end)
        if short is not None:
            found.append(((before.id, after.id, here), after.start - before.end, short))
    return found


_SPAN: Final = operator.itemgetter(0)


def _transfer_move(ix: CheckIndex, event: Event) -> Move | None:
    """A transfer must itself last as long as the drive it stands for (a flight's
    length is the airline's business, not a matter of town traffic)."""
    move: Move | None = None
    if event.destination_id and event.venue_id and event.destination_id != event.venue_id:
        needed = _needed(ix, event.venue_id, event.destination_id, event.end - event.start)
        if needed is not None:
            move = ((event.id, event.id, event.venue_id), event.end - event.start, needed)
    ix.transfer_moves[event.id] = move
    return move


def _needed_between(ix: CheckIndex, key: tuple[str, str]) -> tuple[int, bool] | None:
    needed = ix.journeys[key] = _journey(ix, *key)
    return needed


def _needed(ix: CheckIndex, here: str, there: str, available: timedelta) -> tuple[int, bool] | None:
    """The travel time from `here` to `there` when `available` is shorter, else None."""
    key = (here, there)
    if key in ix.journeys:
        needed = ix.journeys[key]
    else:
        needed = ix.journeys[key] = _journey(ix, here, there)
    if needed is None or available.total_seconds() >= needed[0] * 60:
        return None
    return needed


def _journey(ix: CheckIndex, here: str, there: str) -> tuple[int, bool] | None:
    """`travel_minutes` between two venues, their coordinates in radians computed once
    per run (a summit has tens of thousands of moves between a few hundred venues)."""
    places = ix.places
    if here not in places or there not in places:
        return None
    (times_here, one), (times_there, other) = places[here], places[there]
    known = times_here.get(there)
    if known is None:
        known = times_there.get(here)
    if known is not None:
        return known, False
    if one is None or other is None:
        return None
    (lat1, lon1, cos1), (lat2, lon2, cos2) = one, other
    h = math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2
    km = 2 * 6371.0 * math.asin(math.sqrt(h))
    return math.ceil(km / TOWN_SPEED_KMH * 60) + BOARDING_MINUTES, True


def travel_findings(ix: CheckIndex, moves: Mapping[str, Iterable[Move]]) -> Iterator[Finding]:
    """One finding per move with too little time, naming everyone who makes it (in the
    order of the first event's participants); `moves` are each person's."""
    found: dict[tuple[str, str, str], tuple[list[str], timedelta, tuple[int, bool]]] = {}
    for person_id, own in moves.items():
        for key, gap, needed in own:
            found.setdefault(key, ([], gap, needed))[0].append(person_id)
    for (first_id, second_id, here), (people, gap, needed) in found.items():
        first, second = ix.by_id[first_id], ix.by_id[second_id]
        place = {ident: n for n, ident in enumerate(first.participant_ids)}
        people.sort(key=place.__getitem__)
        there = second.venue_id if first_id != second_id else first.destination_id
        minutes, estimated = needed
        estimate = (
            _(" (estimated from the distance at {speed} km/h plus {board} minutes)").format(
                speed=int(TOWN_SPEED_KMH), board=BOARDING_MINUTES
            )
            if estimated
            else ""
        )
        if first_id == second_id:
            message = _(
                "“{first}” allows {gap} minutes from {a} to {b}; the journey takes "
                "{needed} minutes{estimate}"
            )
        else:
            message = _(
                "{gap} minutes to get from {a} (“{first}”) to {b} (“{second}”); the journey "
                "takes {needed} minutes{estimate}; concerns {people}"
            )
        yield Finding(
            FindingKind.TRAVEL_TIME,
            Severity.WARNING,
            message.format(
                gap=int(gap.total_seconds() // 60),
                a=ix.venue_name(here),
                first=ix.title(first),
                b=ix.venue_name(there or ""),
                second=ix.title(second),
                needed=minutes,
                estimate=estimate,
                people=", ".join(ix.person_name(pid) for pid in people),
            ),
            event_ids=(first_id,) if first_id == second_id else (first_id, second_id),
            person_ids=tuple(people),
            venue_ids=(here, there or ""),
            sort_key=(second.start.astimezone(UTC).isoformat(),),
        )


def date_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """An event outside the visit's dates, in the visit's zone.

    Travel legs may start the day before and end the day after.
    """
    visit = ix.data.visit
    first: date = visit.start_date
    last: date = visit.end_date
    if event.kind is EventKind.TRAVEL:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    start = event.start.astimezone(ix.home).date()
    end = (event.end - timedelta(microseconds=1)).astimezone(ix.home).date()
    end = max(start, end)
    if start < first or end > last:
        yield Finding(
            FindingKind.OUTSIDE_DATES,
            Severity.ERROR,
            _("“{event}” ({when}) is outside the visit's dates").format(
                event=ix.title(event), when=ix.when(event)
            ),
            event_ids=(event.id,),
            sort_key=(event.start.astimezone(UTC).isoformat(),),
        )


def step_free_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """A participant who needs step-free access at a venue without it, or unknown."""
    venue = ix.venues.get(event.venue_id or "")
    if venue is None or venue.step_free is Access.YES:
        return
    needing = [
        pid
        for pid in event.participant_ids
        if (person := ix.people.get(pid)) is not None and person.needs_step_free
    ]
    if not needing:
        return
    names = ", ".join(ix.person_name(pid) for pid in needing)
    if venue.step_free is Access.NO:
        kind, severity = FindingKind.STEP_FREE_MISSING, Severity.ERROR
        message = ngettext(
            "{venue} has no step-free access, and {people} needs it for “{event}”",
            "{venue} has no step-free access, and {people} need it for “{event}”",
            len(needing),
        )
    else:
        kind, severity = FindingKind.STEP_FREE_UNKNOWN, Severity.WARNING
        message = ngettext(
            "whether {venue} has step-free access is unknown, and {people} needs it for “{event}”",
            "whether {venue} has step-free access is unknown, and {people} need it for “{event}”",
            len(needing),
        )
    yield Finding(
        kind,
        severity,
        message.format(venue=ix.venue_name(venue.id), people=names, event=ix.title(event)),
        event_ids=(event.id,),
        person_ids=tuple(needing),
        venue_ids=(venue.id,),
        sort_key=(event.start.astimezone(UTC).isoformat(),),
    )


def dietary_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """A meal whose participants' dietary needs are unknown.

    Those seated in the meal's seating plan are named by seat, by `check_seating_plans`.
    """
    if event.kind is not EventKind.MEAL:
        return
    seated = set(event.seating.seated_ids()) if event.seating else set()
    unknown = [
        pid
        for pid in event.participant_ids
        if (person := ix.people.get(pid)) is not None
        and person.dietary is Need.UNKNOWN
        and pid not in seated
    ]
    if unknown:
        yield Finding(
            FindingKind.DIETARY_UNKNOWN,
            Severity.WARNING,
            _("dietary needs unknown for “{event}”: {people}").format(
                event=ix.title(event),
                people=", ".join(ix.person_name(pid) for pid in unknown),
            ),
            event_ids=(event.id,),
            person_ids=tuple(unknown),
            sort_key=(event.start.astimezone(UTC).isoformat(),),
        )


def _working_languages(people: Iterable[Person]) -> list[frozenset[str]]:
    return [frozenset(p.languages) for p in people if p.languages]


def interpretation_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """An event whose participants share no working language, with no interpretation."""
    if event.interpretation.arranged or event.kind in (EventKind.TRAVEL, EventKind.TRANSFER):
        return
    interpreters = set(event.interpretation.interpreter_ids)
    people = [
        ix.people[pid]
        for pid in event.participant_ids
        if pid in ix.people and pid not in interpreters
    ]
    languages = _working_languages(people)
    if len(languages) < 2 or frozenset.intersection(*languages):
        return
    spoken = sorted(set().union(*languages))
    yield Finding(
        FindingKind.NO_INTERPRETATION,
        Severity.WARNING,
        _(
            "“{event}” brings together speakers of {languages} with no common language, "
            "and no interpretation is arranged"
        ).format(event=ix.title(event), languages=", ".join(spoken)),
        event_ids=(event.id,),
        sort_key=(event.start.astimezone(UTC).isoformat(),),
    )


def venue_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """A confirmed event with no venue."""
    if event.status is EventStatus.CONFIRMED and not event.venue_id:
        yield Finding(
            FindingKind.NO_VENUE,
            Severity.WARNING,
            _("“{event}” ({when}) is confirmed but has no venue").format(
                event=ix.title(event), when=ix.when(event)
            ),
            event_ids=(event.id,),
            sort_key=(event.start.astimezone(UTC).isoformat(),),
        )


def seating_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """Seating plans (see protocol_checks)."""
    # Imported here: protocol_checks builds on this module's Finding.
    from visitplanner.domain.protocol_checks import seating_findings as check

    return check(ix.data, event, ix.precedence)


def ceremony_findings(ix: CheckIndex, event: Event) -> Iterator[Finding]:
    """Wreaths, arrivals, departures and placement (see protocol_checks)."""
    from visitplanner.domain.protocol_checks import ceremony_findings as check

    return check(ix.data, event, ix.precedence)


#: The checks of one event alone: its findings depend on the event, the visit, the
#: people it names (and their delegations) and its venue, nothing else.
EVENT_CHECKS: Final = (
    date_findings,
    step_free_findings,
    dietary_findings,
    interpretation_findings,
    venue_findings,
    seating_findings,
    ceremony_findings,
)


def event_findings(ix: CheckIndex, event: Event) -> list[Finding]:
    """Every finding of the checks of one event alone (`EVENT_CHECKS`); a check that
    cannot apply to the event is not called (a summit has thousands of plain events)."""
    found = list(date_findings(ix, event))
    if event.venue_id:
        found += step_free_findings(ix, event)
    elif event.status is EventStatus.CONFIRMED:
        found += venue_findings(ix, event)
    if event.kind is EventKind.MEAL:
        found += dietary_findings(ix, event)
    if not event.interpretation.arranged and event.kind not in (
        EventKind.TRAVEL,
        EventKind.TRANSFER,
    ):
        found += interpretation_findings(ix, event)
    if event.seating is not None:
        found += seating_findings(ix, event)
    if event.wreaths or event.running_order or event.placement:
        found += ceremony_findings(ix, event)
    return found


_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1}


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then by time; the rest of the finding breaks ties, so that the
    order never depends on the order the checks ran in."""
    return sorted(
        findings,
        key=lambda f: (
            _SEVERITY_ORDER[f.severity],
            f.sort_key,
            f.kind.value,
            f.message,
            f.event_ids,
            f.person_ids,
            f.venue_ids,
            f.vehicle_ids,
        ),
    )


def check_plan(data: VisitData) -> list[Finding]:
    """Every finding of every check, errors first, then by time.

    A run from scratch of the `PlanChecker` that the window keeps to re-check only
    what an edit touched: the same checks give the same findings either way.
    """
    from visitplanner.domain.plan_checker import PlanChecker

    return PlanChecker(remember=False).run(data)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def finding_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """Each finding as a line ("error: [person-overlap] …"), as `check` prints them."""
    words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
    for finding in findings:
        yield f"{words[finding.severity]}: [{finding.kind.value}] {finding.message}"
