"""What changed between two programmes, as text (the command line, the window) and as
JSON (`changes --json`), in a chosen language.

Times are written in the visit's zone with the day ("jeudi 7 mai 2026 09:30"), places
by venue name, people by name (in Cyrillic in Ukrainian when they have it).
"""

from __future__ import annotations

from typing import Any

from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.values import zone
from visitplanner.domain.versions import ProgrammeChanges, ProgrammeVersion, latest_version
from visitplanner.i18n import N_, format_date, format_datetime, format_time, gettext_in


def issued_version_label(data: VisitData, lang: str) -> str | None:
    """ "Programme version 2 of 7 May 2026" for the latest version issued, else None."""
    last = latest_version(data.versions)
    if last is None:
        return None
    when = format_date(last.issued.astimezone(zone(data.visit.tz)).date(), "long", lang)
    return gettext_in(lang, N_("Programme version {number} of {date}")).format(
        number=last.number, date=when
    )


class ChangeWords:
    """Names, times and places of the two programmes, in one language."""

    def __init__(self, old: VisitData, new: VisitData, lang: str) -> None:
        self.lang = lang
        self.main = new.visit.main_language
        self.zone = zone(new.visit.tz)
        self.people: dict[str, Person] = {p.id: p for p in [*old.people, *new.people]}
        self.venues = {v.id: v for v in [*old.venues, *new.venues]}
        self._new_venues = {v.id: v for v in new.venues}
        self._old_venues = {v.id: v for v in old.venues}

    def t(self, message: str) -> str:
        """An English message in this language."""
        return gettext_in(self.lang, message)

    def title(self, event: Event) -> str:
        """An event's title."""
        return event.title.get(self.lang, self.main)

    def when(self, event: Event) -> str:
        """An event's day and hours in the visit's zone."""
        start, end = event.start.astimezone(self.zone), event.end.astimezone(self.zone)
        day = format_date(start.date(), "EEEE d MMMM", self.lang)
        hours = f"{format_time(start, self.lang)}–{format_time(end, self.lang)}"
        return f"{day} {hours}"

    def place(self, event: Event, old: bool = False) -> str:
        """An event's venue by name (as it was named in that programme), or ""."""
        venues = self._old_venues if old else self._new_venues
        venue = venues.get(event.venue_id or "") or self.venues.get(event.venue_id or "")
        return venue.name.get(self.lang, self.main) if venue else ""

    def where(self, event: Event, old: bool = False) -> str:
        """Day, hours and place of an event."""
        place = self.place(event, old)
        return f"{self.when(event)}, {place}" if place else self.when(event)

    def person(self, ident: str) -> str:
        """A person's name."""
        person = self.people.get(ident)
        if person is None:
            return ident
        if self.lang == "uk" and person.native_name():
            return person.native_name()
        return person.display_name()

    def version(self, version: ProgrammeVersion) -> str:
        """ "version 2 of 7 May 2026" in this language."""
        return self.t(N_("version {number} of {date}")).format(
            number=version.number,
            date=format_datetime(version.issued.astimezone(self.zone), "long", self.lang),
        )


def changes_heading(
    words: ChangeWords, since: ProgrammeVersion, to: ProgrammeVersion | None
) -> str:
    """ "Changes since version 1 of … (to the current programme)"."""
    if to is None:
        return words.t(N_("Changes since {version}, to the current programme")).format(
            version=words.version(since)
        )
    return words.t(N_("Changes from {version} to {other}")).format(
        version=words.version(since), other=words.version(to)
    )


def changes_sections(words: ChangeWords, changes: ProgrammeChanges) -> list[tuple[str, list[str]]]:
    """The changes as (heading, lines), per kind of change then per person."""
    t = words.t
    sections: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            sections.append((heading, lines))

    add(t(N_("Events added")), [f"{words.title(e)} — {words.where(e)}" for e in changes.added])
    add(
        t(N_("Events cancelled")),
        [f"{words.title(e)} — {words.where(e)}" for e in changes.cancelled],
    )
    add(
        t(N_("Events taken out of the programme")),
        [f"{words.title(e)} — {words.where(e, old=True)}" for e in changes.removed],
    )
    add(
        t(N_("Events moved")),
        [
            t(N_("{title}: was {old}, now {new}")).format(
                title=words.title(m.new), old=words.where(m.old, old=True), new=words.where(m.new)
            )
            for m in changes.moved
        ],
    )
    add(
        t(N_("Events renamed")),
        [
            f"{words.title(m.old)} → {words.title(m.new)} ({words.when(m.new)})"
            for m in changes.retitled
        ],
    )
    people_lines = []
    for change in changes.people:
        parts = []
        if change.added:
            names = ", ".join(words.person(i) for i in change.added)
            parts.append(t(N_("added: {names}")).format(names=names))
        if change.removed:
            names = ", ".join(words.person(i) for i in change.removed)
            parts.append(t(N_("taken off: {names}")).format(names=names))
        people_lines.append(
            f"{words.title(change.event)} ({words.when(change.event)}): " + "; ".join(parts)
        )
    add(t(N_("Participants")), people_lines)
    for ident in sorted(changes.by_person, key=words.person):
        mine = changes.by_person[ident]
        lines = [
            t(N_("new: {event}")).format(event=f"{words.title(e)} — {words.where(e)}")
            for e in mine.added
        ]
        lines += [
            t(N_("no longer: {event}")).format(event=f"{words.title(e)} — {words.where(e)}")
            for e in mine.removed
        ]
        lines += [
            t(N_("changed: {event}")).format(event=f"{words.title(e)} — {words.where(e)}")
            for e in mine.changed
        ]
        add(t(N_("For {name}")).format(name=words.person(ident)), lines)
    return sections


def changes_text(
    words: ChangeWords,
    changes: ProgrammeChanges,
    since: ProgrammeVersion,
    to: ProgrammeVersion | None,
) -> str:
    """The changes as plain text (ends with a newline)."""
    lines = [changes_heading(words, since, to)]
    if since.note:
        lines.append(since.note)
    sections = changes_sections(words, changes)
    if not sections:
        lines += ["", words.t(N_("Nothing changed."))]
    for heading, items in sections:
        # The colon is a message: French sets it off with a space ("ajoutés :").
        lines += ["", words.t(N_("{heading}:")).format(heading=heading)]
        lines += [f"  - {item}" for item in items]
    return "\n".join(lines) + "\n"


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title.to_dict(),
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "venue_id": event.venue_id,
        "status": str(event.status),
    }


def changes_to_dict(changes: ProgrammeChanges, since: int, to: int | None) -> dict[str, Any]:
    """The changes as JSON-ready data (ids, times in ISO 8601 with their offset)."""
    return {
        "since": since,
        "to": to,
        "added": [_event(e) for e in changes.added],
        "cancelled": [_event(e) for e in changes.cancelled],
        "removed": [_event(e) for e in changes.removed],
        "moved": [{"old": _event(m.old), "new": _event(m.new)} for m in changes.moved],
        "retitled": [{"old": _event(m.old), "new": _event(m.new)} for m in changes.retitled],
        "participants": [
            {"event_id": c.event.id, "added": c.added, "removed": c.removed} for c in changes.people
        ],
        "people": [
            {
                "person_id": ident,
                "added": [e.id for e in mine.added],
                "removed": [e.id for e in mine.removed],
                "changed": [e.id for e in mine.changed],
            }
            for ident, mine in sorted(changes.by_person.items())
        ],
    }
