"""Plan checks: pure functions that turn a list of events into a plan an officer can trust.

Each check reads a `VisitData` and yields `Finding`s. None is quadratic in the
number of events or people: overlaps are found by sorting each person's (venue's,
vehicle's) events and sweeping once. Cancelled events are left out of every check.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from enum import StrEnum
from typing import Final

from visitplanner.domain.model import Event, Person, Venue, VisitData
from visitplanner.domain.values import Access, EventKind, EventStatus, Need, instant, zone
from visitplanner.i18n import _, current_language, format_time

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
        }


class _Index:
    """Look-ups shared by the checks, built once per run."""

    def __init__(self, data: VisitData) -> None:
        self.data = data
        self.lang = data.visit.main_language
        self.events = [e for e in data.events if e.status is not EventStatus.CANCELLED]
        self.people = {p.id: p for p in data.people}
        self.venues = {v.id: v for v in data.venues}
        self.home = zone(data.visit.tz)
        # Instants computed once: converting zoned times is the checks' main cost.
        self.spans = {e.id: (instant(e.start), instant(e.end)) for e in self.events}

    def title(self, event: Event) -> str:
        return event.title.get(current_language(), self.lang)

    def person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.display_name() if person else person_id

    def venue_name(self, venue_id: str) -> str:
        venue = self.venues.get(venue_id)
        return venue.name.get(current_language(), self.lang) if venue else venue_id

    def when(self, event: Event) -> str:
        local = event.start.astimezone(self.home)
        return f"{local:%d/%m} {format_time(local)}"


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


def _grouped(
    events: Iterable[Event], keys: Callable[[Event], Iterable[str]]
) -> dict[str, list[Event]]:
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for key in keys(event):
            groups[key].append(event)
    return groups


def _double_bookings(
    ix: _Index,
    keys: Callable[[Event], Iterable[str]],
    kind: FindingKind,
    message: str,
    name: Callable[[str], str],
    ids_field: str,
) -> Iterator[Finding]:
    """One finding per pair of overlapping events sharing a key (a person, a venue ...).

    `message` names the thing as {name}, the events as {first} and {second} with
    their times; `ids_field` is the Finding field that gets the key.
    """
    for key, events in _grouped(ix.events, keys).items():
        for first, second in _overlapping(events, ix.spans):
            yield Finding(
                kind,
                Severity.ERROR,
                message.format(
                    name=name(key),
                    first=ix.title(first),
                    first_time=ix.when(first),
                    second=ix.title(second),
                    second_time=ix.when(second),
                ),
                event_ids=(first.id, second.id),
                sort_key=(first.start.astimezone(UTC).isoformat(), key),
                **{ids_field: (key,)},
            )


def check_person_overlaps(ix: _Index) -> Iterator[Finding]:
    """A person in two overlapping events."""
    return _double_bookings(
        ix,
        lambda e: e.participant_ids,
        FindingKind.PERSON_OVERLAP,
        _(
            "{name} is in two events at once: “{first}” ({first_time}) and “{second}” "
            "({second_time})"
        ),
        ix.person_name,
        "person_ids",
    )


def check_venue_double_booking(ix: _Index) -> Iterator[Finding]:
    """A venue with two overlapping events."""
    return _double_bookings(
        ix,
        lambda e: [e.venue_id] if e.venue_id else [],
        FindingKind.VENUE_DOUBLE_BOOKED,
        _("{name} is booked twice: “{first}” ({first_time}) and “{second}” ({second_time})"),
        ix.venue_name,
        "venue_ids",
    )


def check_vehicle_overlaps(ix: _Index) -> Iterator[Finding]:
    """A vehicle in two places at once."""
    labels = {v.id: v.label for v in ix.data.vehicles}
    return _double_bookings(
        ix,
        lambda e: e.vehicle_ids,
        FindingKind.VEHICLE_OVERLAP,
        _(
            "{name} is needed in two places at once: “{first}” ({first_time}) and “{second}” "
            "({second_time})"
        ),
        lambda key: labels.get(key, key),
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


def _short_moves(
    ix: _Index,
) -> dict[tuple[str, str, str], tuple[list[str], timedelta, tuple[int, bool]]]:
    """Moves with too little time, keyed by (event, next event or itself, from venue)."""
    found: dict[tuple[str, str, str], tuple[list[str], timedelta, tuple[int, bool]]] = {}
    by_person = _grouped(ix.events, lambda e: e.participant_ids)
    for person_id, events in by_person.items():
        ordered = sorted(events, key=lambda e: ix.spans[e.id])
        for event in ordered:
            # A transfer must itself last as long as the drive it stands for (a flight's
            # length is the airline's business, not a matter of town traffic).
            if (
                event.kind is EventKind.TRANSFER
                and event.destination_id
                and event.venue_id
                and event.destination_id != event.venue_id
            ):
                move = _needed(ix, event.venue_id, event.destination_id, event.end - event.start)
                if move is not None:
                    key = (event.id, event.id, event.venue_id)
                    found.setdefault(key, ([], event.end - event.start, move))[0].append(person_id)
        for before, after in itertools.pairwise(ordered):
            here, there = before.end_place_id, after.venue_id
            if not here or not there or here == there:
                continue
            gap = after.start - before.end
            if gap < timedelta(0):
                continue  # an overlap, reported as such
            move = _needed(ix, here, there, gap)
            if move is not None:
                key = (before.id, after.id, here)
                found.setdefault(key, ([], gap, move))[0].append(person_id)
    return found


def _needed(ix: _Index, here: str, there: str, available: timedelta) -> tuple[int, bool] | None:
    """The travel time from `here` to `there` when `available` is shorter, else None."""
    a, b = ix.venues.get(here), ix.venues.get(there)
    if a is None or b is None:
        return None
    needed = travel_minutes(a, b)
    if needed is None or available >= timedelta(minutes=needed[0]):
        return None
    return needed


def check_travel_times(ix: _Index) -> Iterator[Finding]:
    """Too little time to get from one of a person's venues to the next.

    The place a person is at after an event is its destination for a transfer or a
    travel leg, else its venue. A transfer shorter than its drive is flagged too.
    One finding per move, naming everyone who makes it.
    """
    events = {e.id: e for e in ix.events}
    for (first_id, second_id, here), (people, gap, needed) in _short_moves(ix).items():
        first, second = events[first_id], events[second_id]
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


def check_dates(ix: _Index) -> Iterator[Finding]:
    """An event outside the visit's dates, in the visit's zone.

    Travel legs may start the day before and end the day after.
    """
    visit = ix.data.visit
    for event in ix.events:
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


def check_step_free(ix: _Index) -> Iterator[Finding]:
    """A participant who needs step-free access at a venue without it, or unknown."""
    for event in ix.events:
        venue = ix.venues.get(event.venue_id or "")
        if venue is None or venue.step_free is Access.YES:
            continue
        needing = [
            pid
            for pid in event.participant_ids
            if (person := ix.people.get(pid)) is not None and person.needs_step_free
        ]
        if not needing:
            continue
        names = ", ".join(ix.person_name(pid) for pid in needing)
        if venue.step_free is Access.NO:
            kind, severity = FindingKind.STEP_FREE_MISSING, Severity.ERROR
            message = _("{venue} has no step-free access, and {people} need it for “{event}”")
        else:
            kind, severity = FindingKind.STEP_FREE_UNKNOWN, Severity.WARNING
            message = _(
                "whether {venue} has step-free access is unknown, and {people} need it "
                "for “{event}”"
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


def check_dietary(ix: _Index) -> Iterator[Finding]:
    """A meal whose participants' dietary needs are unknown.

    Those seated in the meal's seating plan are named by seat, by `check_seating_plans`.
    """
    for event in ix.events:
        if event.kind is not EventKind.MEAL:
            continue
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


def check_interpretation(ix: _Index) -> Iterator[Finding]:
    """An event whose participants share no working language, with no interpretation."""
    for event in ix.events:
        if event.interpretation.arranged or event.kind in (EventKind.TRAVEL, EventKind.TRANSFER):
            continue
        interpreters = set(event.interpretation.interpreter_ids)
        people = [
            ix.people[pid]
            for pid in event.participant_ids
            if pid in ix.people and pid not in interpreters
        ]
        languages = _working_languages(people)
        if len(languages) < 2 or frozenset.intersection(*languages):
            continue
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


def check_venues(ix: _Index) -> Iterator[Finding]:
    """A confirmed event with no venue."""
    for event in ix.events:
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


def check_seating_plans(ix: _Index) -> Iterator[Finding]:
    """Seating plans (see protocol_checks)."""
    # Imported here: protocol_checks builds on this module's Finding.
    from visitplanner.domain.protocol_checks import check_seating

    return check_seating(ix.data, ix.events)


def check_ceremonies(ix: _Index) -> Iterator[Finding]:
    """Wreaths, arrivals, departures and placement (see protocol_checks)."""
    from visitplanner.domain.protocol_checks import check_ceremonies as check

    return check(ix.data, ix.events)


CHECKS: Final = (
    check_person_overlaps,
    check_venue_double_booking,
    check_vehicle_overlaps,
    check_travel_times,
    check_dates,
    check_step_free,
    check_dietary,
    check_interpretation,
    check_venues,
    check_seating_plans,
    check_ceremonies,
)


def check_plan(data: VisitData) -> list[Finding]:
    """Every finding of every check, errors first, then by time."""
    ix = _Index(data)
    findings = [finding for check in CHECKS for finding in check(ix)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.sort_key, f.kind.value))


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)
