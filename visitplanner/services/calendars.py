"""Export calendars: the whole visit, a delegation, a person, or one file per person.

Planning an export (`plan_export`) changes nothing: it says which files and which
events; the window shows its counts. Writing the files (`write_calendars`) needs no
visit file, so the window runs it off the GUI thread: it serialises each event once,
compares that with what the calendars' memory holds for the file's variant, and sets
the sequences in the plan; then `remember_export` writes the new sequences and what
each calendar held, in one transaction, so that the next export updates what apps
imported. Deleted events that a calendar held (`calendar_ghosts`) go out cancelled.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from visitplanner.domain.calendars import (
    UTC,
    CalendarContents,
    CalendarItem,
    Scope,
    ScopeKind,
    calendar_contents,
    calendar_items,
    drivers,
    events_by_person,
    highest_sequences,
    people_of,
    plan_marks,
    variant,
)
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import CalendarMemory, Event, ExportMark, RunningOrderItem, VisitData
from visitplanner.domain.privacy import for_profile, private_fields
from visitplanner.domain.values import LANGUAGES, Profile
from visitplanner.exports.files import make_private_folder, write_private
from visitplanner.exports.ics import CalendarWriter, IcsOptions
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.services.progress import Progress, silent
from visitplanner.services.visit_files import calendar_ghosts
from visitplanner.storage.journal import EntityChange
from visitplanner.storage.repository import VisitRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: one calendar (`scope`), or one file per person (`per_person`)."""

    scope: Scope = field(default_factory=lambda: Scope(ScopeKind.VISIT))
    per_person: bool = False
    profile: Profile = Profile.SHAREABLE
    lang: str | None = None
    drafts: bool = False
    alarm_minutes: int | None = None

    def language(self, data: VisitData) -> str:
        """The language of the texts: the one asked for, else the visit's main one."""
        lang = self.lang or data.visit.main_language
        if lang not in LANGUAGES:
            raise InputError(_("unknown language {lang!r}").format(lang=lang))
        return lang


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """One file of an export: its file name, its name in apps, and its events."""

    filename: str
    title: str
    contents: CalendarContents


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """The files an export writes; nothing written yet. `marks`, the sequences it
    sets, are filled in when its files are rendered (`render_calendars`)."""

    request: ExportRequest
    lang: str
    files: list[CalendarFile]
    marks: dict[tuple[str, str], ExportMark]
    now: datetime
    #: The last content of the deleted events that its calendars held, by id.
    ghosts: dict[str, Event] = field(default_factory=dict)

    @property
    def variant(self) -> str:
        """The variant of the calendars its files belong to (language and profile)."""
        return variant(self.lang, self.request.profile)

    @property
    def event_count(self) -> int:
        """How many different events the files hold (cancelled ones included)."""
        return len({e.id for f in self.files for e in f.contents.events})

    @property
    def cancelled_count(self) -> int:
        """How many of them go out as cancelled."""
        return len(
            {
                e.id
                for f in self.files
                for e in f.contents.events
                if e.cancelled or e.id not in f.contents.held
            }
        )

    @property
    def updated_count(self) -> int:
        """How many events get a higher sequence than their last export (known once
        the files are rendered)."""
        return sum(1 for mark in self.marks.values() if mark.sequence > 0)


_UNSAFE = re.compile(r"[^\w.-]+")


def safe_filename(name: str) -> str:
    """A file name made of letters (any script), digits, dots and dashes."""
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFC", name)).strip("-.")
    return cleaned[:60] or "calendar"


def _title(data: VisitData, lang: str, scope: Scope) -> str:
    visit = data.visit.title.get(lang, data.visit.main_language)
    if scope.kind is ScopeKind.DELEGATION:
        name = data.delegation(scope.ident or "").name.get(lang, data.visit.main_language)
        return f"{visit} — {name}"
    if scope.kind is ScopeKind.PERSON:
        person = data.person(scope.ident or "")
        shown = person.native_name() if lang == "uk" and person.native_name() else None
        return f"{visit} — {shown or person.display_name()}"
    return visit


def _scopes(data: VisitData, request: ExportRequest) -> list[Scope]:
    if not request.per_person:
        if request.scope.ident is not None:  # a name that no longer exists: a clear error
            if request.scope.kind is ScopeKind.PERSON:
                data.person(request.scope.ident)
            else:
                data.delegation(request.scope.ident)
        return [request.scope]
    vehicle_drivers = drivers(data)
    involved: set[str] = set()
    for event in data.events:
        involved |= people_of(event, vehicle_drivers)
    remembered = {key.partition(":")[2] for key in data.calendars.sent if key.startswith("person:")}
    return [Scope(ScopeKind.PERSON, p.id) for p in data.people if p.id in involved | remembered]


def plan_export(
    data: VisitData,
    request: ExportRequest,
    now: datetime | None = None,
    ghosts: dict[str, Event] | None = None,
) -> ExportPlan:
    """What an export would write (`ghosts`: see `calendar_ghosts`). Changes nothing."""
    lang = request.language(data)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    ghosts = ghosts or {}
    files = []
    by_person = events_by_person(data, request.drafts) if request.per_person else None
    for scope in _scopes(data, request):
        contents = calendar_contents(data, scope, request.drafts, by_person, ghosts)
        if request.per_person and not contents.events:
            continue
        title = _title(data, lang, scope)
        filename = safe_filename(title.partition(" — ")[2] or title)
        if scope.ident is not None and request.per_person:
            filename = f"{filename}-{scope.ident[:8]}"
        files.append(CalendarFile(f"{filename}.ics", title, contents))
    return ExportPlan(request, lang, files, {}, moment, ghosts)


def _for_profile(data: VisitData, profile: Profile) -> VisitData:
    """The visit as `profile` may show it, through `privacy.for_profile`.

    Events and running orders hold no private field, so they are not copied (a
    summit's 5,000 events took most of the export's time to copy); should one ever
    be declared private, the whole visit goes through the copy again.
    """
    if private_fields(Event) or private_fields(RunningOrderItem):
        return for_profile(data, profile)
    # Versions: only their number and date are named in the files; their programmes,
    # kept in the file compressed, are not rebuilt.
    bare = replace(data, events=[], calendars=CalendarMemory())
    shown = for_profile(bare, profile)
    shown.events = data.events
    return shown


def render_items(
    data: VisitData, plan: ExportPlan, progress: Progress | None = None, more_steps: int = 0
) -> tuple[CalendarWriter, list[tuple[CalendarFile, list[CalendarItem]]]]:
    """The writer of `plan`'s files and the items of each, from the visit as its profile
    may show it; sets the plan's marks: a sequence rises where what the files say of an
    event changed since the last export in the same variant. (`publish` puts each item
    as a resource of its own.) `progress` counts the events, and `more_steps` after."""
    progress = progress or silent()
    shown = _for_profile(data, plan.request.profile)
    writer = CalendarWriter(shown, IcsOptions(plan.lang, plan.request.alarm_minutes), plan.now)
    by_id = {**plan.ghosts, **{e.id: e for e in shown.events}}
    memory = data.calendars
    # What each event held (or deleted) says now, serialised once for every file.
    digests: dict[str, str] = {}
    reinstated: set[str] = set()
    total = len({e.id for f in plan.files for e in f.contents.events}) + more_steps
    for item in plan.files:
        contents = item.contents
        for event in contents.events:
            ident = event.id
            if ident in digests or not (ident in contents.held or ident in contents.ghosts):
                continue
            shown_event = by_id[ident]
            digests[ident] = writer.digest(shown_event, ident in contents.ghosts or event.cancelled)
            progress.step(len(digests), total)
        reinstated |= memory.dropped.get(contents.scope.key, frozenset()) & contents.held
    highest = highest_sequences(memory)
    marks = plan_marks(memory, digests, plan.variant, plan.now, reinstated, highest)
    plan.marks.clear()
    plan.marks.update(marks)
    known = {**memory.marks, **marks}
    itemised = []
    for item in plan.files:
        contents = CalendarContents(
            item.contents.scope,
            [by_id[e.id] for e in item.contents.events],
            item.contents.held,
            item.contents.ghosts,
        )
        itemised.append((item, calendar_items(contents, known, plan.variant, highest)))
    return writer, itemised


def render_calendars(
    data: VisitData, plan: ExportPlan, progress: Progress | None = None
) -> list[tuple[CalendarFile, bytes]]:
    """The bytes of every file of `plan` (see `render_items`, which sets its marks)."""
    progress = progress or silent()
    writer, itemised = render_items(data, plan, progress, len(plan.files))
    done = len({e.id for f in plan.files for e in f.contents.events})
    total = done + len(itemised)
    rendered = []
    for number, (item, items) in enumerate(itemised):
        progress.step(done + number, total, item.title)
        rendered.append((item, writer.calendar(items, item.title)))
    progress.step(total, total)
    return rendered


def write_calendars(
    data: VisitData, plan: ExportPlan, out: Path, progress: Progress | None = None
) -> list[Path]:
    """Write the files of `plan`: to the file `out`, or into the folder `out` for one
    file per person. Needs no visit file (the window runs it off the GUI thread)."""
    rendered = render_calendars(data, plan, progress)
    if not plan.request.per_person:
        write_private(out, rendered[0][1], text=True)
        return [out]
    make_private_folder(out)
    written = []
    for item, payload in rendered:
        path = out / item.filename
        write_private(path, payload)
        written.append(path)
    return written


def remember_export(session: VisitSession, plan: ExportPlan) -> None:
    """Remember the sequences set and what each calendar held, in one transaction.

    A visit open read-only (another copy edits it) remembers nothing: the files are
    written all the same, and the copy that edits will number its next export.
    """
    if session.read_only:
        log.info("read-only visit: the export's sequences are not remembered")
        return

    def write(repo: VisitRepository) -> None:
        repo.save_marks(plan.marks)
        for item in plan.files:
            contents = item.contents
            repo.save_sent(contents.scope.key, contents.remembered, contents.dropped)

    summary = [
        EntityChange(
            "calendar_sent",
            item.contents.scope.key,
            None,
            {"events": len(item.contents.remembered)},
        )
        for item in plan.files
    ]
    session.record(_("Remember the calendars exported"), write, [("calendars", "sent")], summary)


def export_calendars(
    session: VisitSession, request: ExportRequest, out: Path, progress: Progress | None = None
) -> tuple[ExportPlan, list[Path]]:
    """Plan, write and remember an export (what the command line does)."""
    plan = plan_export(session.data, request, ghosts=calendar_ghosts(session))
    written = write_calendars(session.data, plan, out, progress)
    remember_export(session, plan)
    log.info("exported %d events in %d calendar files", plan.event_count, len(written))
    return plan, written
