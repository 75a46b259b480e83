"""Which events a calendar holds, and when an event's SEQUENCE rises.

A calendar is the whole visit, one delegation or one person. Calendar apps keep an
imported event under its UID and replace it only by a version with a higher
SEQUENCE (RFC 5546: one at the same SEQUENCE may be ignored). Files come in variants,
a language and a profile ("fr/shareable"), each with its own texts; in each variant an
event has one sequence, the same in every file. It rises when anything written for
the event changes (a digest of every property but DTSTAMP, SEQUENCE and
LAST-MODIFIED, see `exports.ics`), once however many files are written, and never
otherwise.

Nothing disappears silently. An event that a calendar's last file held goes on being
sent to it as cancelled: deleted (its last content from the journal), or still in the
visit but no longer in this calendar (a person taken off it: "dropped", one above the
event's sequence in that calendar alone). A dropped event that comes back to the
calendar rises by two, above the cancellation it got.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import CalendarMemory, Event, ExportMark, VisitData
from visitplanner.domain.values import EventStatus, instant
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


def variant(lang: str, profile: str) -> str:
    """The variant of the calendars a file belongs to: its language and its profile."""
    return f"{lang}/{profile}"


def digest(written: bytes) -> str:
    """The fingerprint of what a file says of an event (its properties as written,
    without DTSTAMP, SEQUENCE and LAST-MODIFIED)."""
    return hashlib.sha256(written).hexdigest()[:32]


def highest_sequences(memory: CalendarMemory) -> dict[str, int]:
    """The highest sequence each event was given, in any variant."""
    highest: dict[str, int] = {}
    for (ident, _variant), mark in memory.marks.items():
        if mark.sequence > highest.get(ident, -1):
            highest[ident] = mark.sequence
    return highest


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
    memory: CalendarMemory,
    digests: Mapping[str, str],
    in_variant: str,
    now: datetime,
    reinstated: Collection[str] = (),
    highest: Mapping[str, int] | None = None,
) -> dict[tuple[str, str], ExportMark]:
    """The marks to remember after exporting events whose files say `digests` (by event
    id) in the variant `in_variant`: a new event starts at 0, or one above what another
    variant gave it; a changed one rises by one; one that comes back to a calendar that
    had it dropped rises by two. Nothing is written here."""
    if highest is None:
        highest = highest_sequences(memory)
    changed: dict[tuple[str, str], ExportMark] = {}
    moment = now.astimezone(UTC)
    for ident, fingerprint in digests.items():
        key = (ident, in_variant)
        old = memory.marks.get(key)
        rise = 2 if ident in reinstated else 1
        if old is None:
            base = highest.get(ident)
            changed[key] = ExportMark(0 if base is None else base + rise, fingerprint, moment)
        elif old.fingerprint != fingerprint or ident in reinstated:
            changed[key] = ExportMark(old.sequence + rise, fingerprint, moment)
    return changed


def sequence_of(
    marks: Mapping[tuple[str, str], ExportMark],
    highest: Mapping[str, int],
    ident: str,
    in_variant: str,
) -> int:
    """An event's sequence in a variant (else the highest it had in any; 0 if none)."""
    mark = marks.get((ident, in_variant))
    return mark.sequence if mark is not None else highest.get(ident, 0)


@dataclass(frozen=True, slots=True)
class CalendarContents:
    """The events of one calendar file: those it holds now, those still in the visit
    that it drops (sent as cancelled for it alone), and deleted ones (`ghosts`, sent as
    cancelled in every calendar that held them)."""

    scope: Scope
    events: list[Event]
    held: frozenset[str]
    ghosts: frozenset[str] = frozenset()

    @property
    def remembered(self) -> frozenset[str]:
        """The event ids to remember this file contained (dropped and deleted ones too,
        so that each later file says again that they are cancelled)."""
        return frozenset(e.id for e in self.events)

    @property
    def dropped(self) -> frozenset[str]:
        """The events still in the visit that this file sends as cancelled for itself."""
        return frozenset(
            e.id for e in self.events if e.id not in self.held and e.id not in self.ghosts
        )


def calendar_contents(
    data: VisitData,
    scope: Scope,
    drafts: bool = False,
    by_person: dict[str, list[Event]] | None = None,
    ghosts: Mapping[str, Event] | None = None,
) -> CalendarContents:
    """What a calendar file holds: its events now, the events its last file held that
    still exist but belong to it no more (a person taken off an event, an event put
    back to draft), and those its last file held that were deleted since (`ghosts`:
    their last content by id), all of which it sends as cancelled."""
    current = events_in_scope(data, scope, drafts, by_person)
    held = frozenset(e.id for e in current)
    previous = data.calendars.sent.get(scope.key, frozenset())
    gone = [e for e in data.events if e.id in previous and e.id not in held] if previous else []
    dead = [g for i, g in (ghosts or {}).items() if i in previous]
    return CalendarContents(
        scope,
        sorted([*current, *gone, *dead], key=sort_key),
        held,
        frozenset(g.id for g in dead),
    )


def calendar_items(
    contents: CalendarContents,
    marks: Mapping[tuple[str, str], ExportMark],
    in_variant: str,
    highest: Mapping[str, int],
) -> list[CalendarItem]:
    """The items of a calendar file in `in_variant`; `marks` holds a mark for each
    event it holds and each deleted one, in that variant. A dropped event goes out one
    above its sequence: the cancellation is news to this calendar alone."""
    items = []
    dropped = contents.dropped
    for event in contents.events:
        mark = marks.get((event.id, in_variant))
        sequence = sequence_of(marks, highest, event.id, in_variant)
        exported = mark.exported if mark is not None else event.modified
        items.append(
            CalendarItem(
                event=event,
                sequence=sequence + 1 if event.id in dropped else sequence,
                cancelled=event.cancelled or event.id not in contents.held,
                last_modified=(event.modified or exported or _EPOCH).astimezone(UTC),
            )
        )
    return items


#: The LAST-MODIFIED of an event known neither by its edits nor by an export.
_EPOCH: Final = datetime(2000, 1, 1, tzinfo=UTC)
