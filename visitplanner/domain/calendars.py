"""Which events a calendar holds, and when an event's SEQUENCE rises.

A calendar is the whole visit, one delegation or one person. Calendar apps keep an
imported event under its UID and replace it only by a version with a higher (or
equal and newer) SEQUENCE, so each event has one sequence, the same in every file:
it rises when what apps show of the event (times, zones, place, status, title)
changed since it was last exported. An event that a calendar's last file held and
that no longer belongs to it is sent again as cancelled, never silently dropped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import CalendarMemory, Event, ExportMark, VisitData
from visitplanner.domain.values import EventStatus, instant, zone_name
from visitplanner.i18n import _

UTC: Final = ZoneInfo("UTC")

#: The key under which the whole visit's calendar is remembered.
VISIT_CALENDAR: Final = "visit"


class ScopeKind(StrEnum):
    """What a calendar covers."""

    VISIT = "visit"
    DELEGATION = "delegation"
    PERSON = "person"


@dataclass(frozen=True, slots=True)
class Scope:
    """One calendar: the whole visit, or the events of one delegation or one person."""

    kind: ScopeKind
    ident: str | None = None

    def __post_init__(self) -> None:
        if (self.kind is ScopeKind.VISIT) != (self.ident is None):
            raise DomainError(_("only a delegation or a person calendar names whose it is"))

    @property
    def key(self) -> str:
        """How the visit file remembers this calendar ("visit", "person:<id>")."""
        return VISIT_CALENDAR if self.ident is None else f"{self.kind}:{self.ident}"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One event as a calendar file holds it."""

    event: Event
    sequence: int
    cancelled: bool
    last_modified: datetime


def fingerprint(event: Event) -> str:
    """A digest of what calendar apps show of an event: times, zones, place, status, title."""
    parts = [
        instant(event.start),
        instant(event.end),
        zone_name(event.start),
        zone_name(event.end),
        event.venue_id or "",
        event.destination_id or "",
        str(event.status),
        event.title.to_dict(keep_empty=True),
    ]
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def drivers(data: VisitData) -> dict[str, str]:
    """The driver of each vehicle that has one, by vehicle id."""
    return {v.id: v.driver_id for v in data.vehicles if v.driver_id}


def people_of(event: Event, vehicle_drivers: Mapping[str, str]) -> set[str]:
    """Whose calendar an event belongs in: participants, interpreters, the officer
    responsible and the drivers of its vehicles."""
    found = set(event.participant_ids) | set(event.interpretation.interpreter_ids)
    if event.responsible_id:
        found.add(event.responsible_id)
    found.update(vehicle_drivers[v] for v in event.vehicle_ids if v in vehicle_drivers)
    return found


def sort_key(event: Event) -> tuple[float, str]:
    """Calendar order: by start instant, then by id (so that files are stable)."""
    return (instant(event.start), event.id)


def events_by_person(data: VisitData, drafts: bool = False) -> dict[str, list[Event]]:
    """Each person's events, in calendar order: one pass for a thousand personal files."""
    vehicle_drivers = drivers(data)
    found: dict[str, list[Event]] = {}
    for event in sorted(data.events, key=sort_key):
        if drafts or event.status is not EventStatus.DRAFT:
            for person in people_of(event, vehicle_drivers):
                found.setdefault(person, []).append(event)
    return found


def events_in_scope(
    data: VisitData,
    scope: Scope,
    drafts: bool = False,
    by_person: dict[str, list[Event]] | None = None,
) -> list[Event]:
    """The events a calendar holds now, in calendar order; drafts only if asked for.

    `by_person` (from `events_by_person`, same `drafts`) saves a pass per person."""
    if by_person is not None and scope.kind is ScopeKind.PERSON:
        return list(by_person.get(scope.ident or "", []))
    shown = [e for e in data.events if drafts or e.status is not EventStatus.DRAFT]
    if scope.kind is ScopeKind.VISIT:
        chosen = shown
    else:
        if scope.kind is ScopeKind.PERSON:
            people = {scope.ident}
        else:
            people = {p.id for p in data.people if p.delegation_id == scope.ident}
        vehicle_drivers = drivers(data)
        chosen = [e for e in shown if people & people_of(e, vehicle_drivers)]
    return sorted(chosen, key=sort_key)


def plan_marks(
    memory: CalendarMemory, events: Iterable[Event], now: datetime
) -> dict[str, ExportMark]:
    """The marks to remember after exporting `events`: new ones, and those whose
    event changed since its last export (sequence + 1). Nothing is written here."""
    changed: dict[str, ExportMark] = {}
    for event in events:
        if event.id in changed:
            continue
        digest = fingerprint(event)
        old = memory.marks.get(event.id)
        if old is None:
            changed[event.id] = ExportMark(0, digest, now.astimezone(UTC))
        elif old.fingerprint != digest:
            changed[event.id] = ExportMark(old.sequence + 1, digest, now.astimezone(UTC))
    return changed


@dataclass(frozen=True, slots=True)
class CalendarContents:
    """The events of one calendar file: those it holds now, and those it drops."""

    scope: Scope
    events: list[Event]
    held: frozenset[str]

    @property
    def remembered(self) -> frozenset[str]:
        """The event ids to remember this file contained (dropped ones too, so that
        each later file says again that they are cancelled, and bytes stay the same)."""
        return frozenset(e.id for e in self.events)


def calendar_contents(
    data: VisitData,
    scope: Scope,
    drafts: bool = False,
    by_person: dict[str, list[Event]] | None = None,
) -> CalendarContents:
    """What a calendar file holds: its events now, and the events its last file held
    that still exist but belong to it no more (a person taken off an event, an event
    put back to draft), which it sends as cancelled."""
    current = events_in_scope(data, scope, drafts, by_person)
    held = frozenset(e.id for e in current)
    previous = data.calendars.sent.get(scope.key, frozenset())
    gone = [e for e in data.events if e.id in previous and e.id not in held] if previous else []
    return CalendarContents(scope, sorted([*current, *gone], key=sort_key), held)


def calendar_items(
    contents: CalendarContents, marks: Mapping[str, ExportMark]
) -> list[CalendarItem]:
    """The items of a calendar file; `marks` holds a mark for each of its events."""
    items = []
    for event in contents.events:
        mark = marks[event.id]
        items.append(
            CalendarItem(
                event=event,
                sequence=mark.sequence,
                cancelled=event.cancelled or event.id not in contents.held,
                last_modified=(event.modified or mark.exported).astimezone(UTC),
            )
        )
    return items
