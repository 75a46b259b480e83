"""Import a calendar into the programme: first a plan (add, update, skip), then one edit.

`plan_import` reads the file and says, event by event, what would be added, what
would be updated (an event imported before under the same UID, or one of our own
events coming back) and what is skipped, and why; nothing is written. The window
shows that plan; `apply_import` then writes it as ONE undoable operation, so that
Edit > Undo takes the whole import back. Each skip has its kind (outside the visit's
dates, an event or a line that cannot be read, an unknown time zone...), and
`skip_summary` counts them for the command line and the window alike.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from visitplanner.domain.ids import is_uuid
from visitplanner.domain.labels import label
from visitplanner.domain.lookup import normalise
from visitplanner.domain.model import Event, Venue, VisitData
from visitplanner.domain.values import LANGUAGES, EventKind, EventStatus, LocalizedText
from visitplanner.exports.ics import UID_DOMAIN
from visitplanner.i18n import _, gettext_in
from visitplanner.imports.ics import ForeignCalendar, ForeignEvent, SkipKind, read_calendar
from visitplanner.operations.change import Change
from visitplanner.operations.edits import SaveEntity, SaveMany
from visitplanner.operations.session import VisitSession

log = logging.getLogger(__name__)


class Action(StrEnum):
    """What the import does with one event of the file."""

    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """One line of the preview: an event of the file and what happens to it."""

    action: Action
    line: int
    title: str
    start: datetime | None
    reason: str
    after: Event | None = None
    before: Event | None = None
    skip: SkipKind | None = None


@dataclass(slots=True)
class ImportPlan:
    """What importing a calendar would do; nothing is written until it is applied."""

    source: str
    items: list[PlannedEvent] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)

    def count(self, action: Action) -> int:
        """How many events get `action`."""
        return sum(1 for item in self.items if item.action is action)

    def skipped_by_kind(self) -> dict[SkipKind, int]:
        """How many items are skipped, for each kind of skip found (in a fixed order)."""
        counts = dict.fromkeys(SkipKind, 0)
        for item in self.items:
            if item.action is Action.SKIP:
                counts[item.skip or SkipKind.UNREADABLE_EVENT] += 1
        return {kind: count for kind, count in counts.items() if count}

    @property
    def empty(self) -> bool:
        """Whether applying the plan would change nothing."""
        return not any(item.action is not Action.SKIP for item in self.items)


def _own_id(uid: str) -> str | None:
    """The event id in a UID we wrote ("<uuid>@visitplanner"), else None."""
    ident, _sep, domain = uid.partition("@")
    return ident if domain == UID_DOMAIN and is_uuid(ident) else None


def _kind(categories: tuple[str, ...]) -> EventKind:
    """The kind an event's categories name, in any language (our own files write one)."""
    wanted = {normalise(c) for c in categories}
    for kind in EventKind:
        if any(normalise(label(kind, lang)) in wanted for lang in LANGUAGES):
            return kind
    return EventKind.MEETING


def _status(status: str) -> EventStatus:
    if status == "CANCELLED":
        return EventStatus.CANCELLED
    if status == "TENTATIVE":
        return EventStatus.DRAFT
    return EventStatus.CONFIRMED


class _Planner:
    """Builds an ImportPlan for one visit."""

    def __init__(self, data: VisitData, source: str) -> None:
        self.data = data
        self.main = data.visit.main_language
        self.plan = ImportPlan(source)
        self.now = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
        self.by_source = {e.source_uid: e for e in data.events if e.source_uid}
        self.by_id = {e.id: e for e in data.events}
        self.venue_names: dict[str, Venue] = {}
        for venue in data.venues:
            for name in venue.name.to_dict().values():
                self.venue_names.setdefault(normalise(name), venue)
        self.seen: set[str] = set()

    def venue_for(self, found: ForeignEvent) -> str | None:
        """The venue a LOCATION names: a known venue, else a new one (made once)."""
        location = found.location
        if not location:
            return None
        key = normalise(location)
        for name, venue in self.venue_names.items():
            if key == name or key.startswith(name + ","):
                return venue.id
        name, _sep, address = location.partition(",")
        venue = Venue(
            name=LocalizedText.from_dict({self.main: name.strip()}), address=address.strip()
        )
        if found.geo is not None:
            venue.latitude, venue.longitude = found.geo
        self.plan.venues.append(venue)
        self.venue_names[key] = venue
        return venue.id

    def add(self, found: ForeignEvent) -> None:
        when = found.start
        if found.uid in self.seen:
            self.skip(found, _("the same event appears twice in the file"), SkipKind.DUPLICATE)
            return
        self.seen.add(found.uid)
        own = _own_id(found.uid)
        before = self.by_source.get(found.uid) or (self.by_id.get(own) if own else None)
        lang = found.lang or self.main
        if before is None:
            if found.status == "CANCELLED":
                self.skip(found, _("cancelled, and not in the programme"), SkipKind.CANCELLED)
                return
            title = found.title or gettext_in(self.main, "(no title)")
            after = Event(
                title=LocalizedText.from_dict({lang: title}),
                purpose=LocalizedText.from_dict(
                    {lang: found.description} if found.description else {}
                ),
                start=found.start,
                end=found.end,
                kind=_kind(found.categories),
                status=_status(found.status),
                venue_id=self.venue_for(found),
                modified=self.now,
                source_uid=found.uid if own is None else "",
            )
            reason = _("all day") if found.all_day else ""
            self.plan.items.append(PlannedEvent(Action.ADD, found.line, title, when, reason, after))
            return
        after = copy.deepcopy(before)
        after.start, after.end = found.start, found.end
        after.status = _status(found.status)
        if found.title:
            after.title = after.title.replace(lang, found.title)
        if found.description and own is None:  # our own files describe, they hold no purpose
            after.purpose = after.purpose.replace(lang, found.description)
        if found.location:
            after.venue_id = self.venue_for(found)
        if replace(after, modified=None) == replace(before, modified=None):
            self.skip(found, _("unchanged"), SkipKind.UNCHANGED)
            return
        after.modified = self.now
        title = after.title.get(lang, self.main)
        changes = self.differences(before, after)
        self.plan.items.append(
            PlannedEvent(Action.UPDATE, found.line, title, when, changes, after, before)
        )

    def differences(self, before: Event, after: Event) -> str:
        words = []
        if (before.start, before.end) != (after.start, after.end) or before.tz != after.tz:
            words.append(_("time"))
        if before.status != after.status:
            words.append(label(after.status))
        if before.title != after.title:
            words.append(_("title"))
        if before.purpose != after.purpose:
            words.append(_("description"))
        if before.venue_id != after.venue_id:
            words.append(_("place"))
        return ", ".join(words)

    def skip(self, found: ForeignEvent, reason: str, kind: SkipKind) -> None:
        self.plan.items.append(
            PlannedEvent(Action.SKIP, found.line, found.title, found.start, reason, skip=kind)
        )


def plan_from(data: VisitData, calendar: ForeignCalendar, source: str) -> ImportPlan:
    """The plan for the events read from a calendar file."""
    planner = _Planner(data, source)
    for found in calendar.events:
        planner.add(found)
    for skipped in calendar.skipped:
        planner.plan.items.append(
            PlannedEvent(
                Action.SKIP, skipped.line, skipped.title, None, skipped.reason, skip=skipped.kind
            )
        )
    planner.plan.items.sort(
        key=lambda item: (item.line, item.start.timestamp() if item.start else 0)
    )
    used = {item.after.venue_id for item in planner.plan.items if item.after is not None}
    planner.plan.venues = [v for v in planner.plan.venues if v.id in used]
    return planner.plan


def _skip_counts() -> dict[SkipKind, str]:
    return {
        SkipKind.OUTSIDE_DATES: _("outside the visit's dates: {count}"),
        SkipKind.UNREADABLE_EVENT: _("events that cannot be read: {count}"),
        SkipKind.UNREADABLE_LINE: _("lines that cannot be read: {count}"),
        SkipKind.UNKNOWN_ZONE: _("unknown time zone: {count}"),
        SkipKind.NOT_AN_EVENT: _("tasks or notes: {count}"),
        SkipKind.REPEAT_LIMIT: _("repeats beyond the limits: {count}"),
        SkipKind.DUPLICATE: _("twice in the file: {count}"),
        SkipKind.CANCELLED: _("cancelled, not in the programme: {count}"),
        SkipKind.UNCHANGED: _("unchanged: {count}"),
    }


def skip_summary(plan: ImportPlan) -> str:
    """The skips counted by kind ("outside the visit's dates: 2, lines that cannot be
    read: 1"), or an empty string when nothing is skipped."""
    words = _skip_counts()
    return ", ".join(
        words[kind].format(count=count) for kind, count in plan.skipped_by_kind().items()
    )


def plan_import(data: VisitData, path: Path) -> ImportPlan:
    """What importing the calendar file at `path` would do. Writes nothing. What cannot
    be read is skipped with its line and reason; a file that is not a calendar at all
    raises an InputError naming the file."""
    return plan_from(data, read_calendar(path, data.visit), path.name)


def import_operation(plan: ImportPlan) -> SaveMany:
    """The plan as one undoable edit: new venues first, then the events."""
    edits = [SaveEntity(venue) for venue in plan.venues]
    edits += [
        SaveEntity(item.after, item.before)
        for item in plan.items
        if item.after is not None and item.action is not Action.SKIP
    ]
    return SaveMany(edits, _("Import calendar {name}").format(name=plan.source))


def apply_import(session: VisitSession, plan: ImportPlan) -> tuple[SaveMany, Change]:
    """Write the plan to the visit in one transaction; the operation can be undone."""
    operation = import_operation(plan)
    change = session.apply(operation)
    log.info(
        "imported %s: %d added, %d updated, %d skipped",
        plan.source,
        plan.count(Action.ADD),
        plan.count(Action.UPDATE),
        plan.count(Action.SKIP),
    )
    return operation, change
