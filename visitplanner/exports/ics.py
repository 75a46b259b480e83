"""Calendar files (RFC 5545, METHOD:PUBLISH) that every calendar app reads right.

`CalendarWriter` turns calendar items (see `visitplanner.domain.calendars`) into the
bytes of a `.ics` file: each event under a stable UID with its SEQUENCE, its start
and end with their TZID, and a VTIMEZONE with yearly rules for each zone used (see
`ics_timezones`). User text goes into the file only through icalendar's escaping.

The writer takes a visit already passed through `privacy.for_profile`, so that a
shareable file cannot hold a private field. Each event is serialised once per
writer and reused in every file that holds it (3,000 personal calendars share
their events), which keeps the bytes of an event the same in every file.

An event is serialised without DTSTAMP, SEQUENCE and LAST-MODIFIED first: those bytes
are what the calendars' memory compares (`digest`) to tell whether the event changed
for apps, and the three lines are put in after its UID for each file.

The programme version in force is named once per file (X-WR-CALDESC), not in every
event's description: issuing a version changes no event, so raises no SEQUENCE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from icalendar import Alarm, Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from visitplanner import __version__
from visitplanner.domain.calendars import UTC, CalendarItem, digest
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, Venue, VisitData
from visitplanner.domain.values import (
    LANGUAGES,
    EventKind,
    EventStatus,
    InterpretationMode,
    PressAccess,
    Role,
    zone_name,
)
from visitplanner.exports.changes import issued_version_label
from visitplanner.exports.ics_timezones import vtimezone_bytes
from visitplanner.i18n import N_, format_time_in_zone, gettext_in

#: The suffix of the UIDs of our events: "<event uuid>@visitplanner".
UID_DOMAIN: Final = "visitplanner"
_END: Final = b"END:VCALENDAR\r\n"
#: C0 control characters other than tab and line breaks: not allowed in a content line.
_CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STATUS: Final = {
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.DRAFT: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_uid(event: Event) -> str:
    """The UID of an event in every calendar file: from its UUID, so it never changes."""
    return f"{event.id}@{UID_DOMAIN}"


class _Text(vText):
    """A TEXT value escaped by icalendar, keeping a typed backslash-N as written.

    icalendar reads "\\N" in the text itself as an escaped line break; `text()` marks
    such a backslash with NUL (which user text never holds once cleaned) and the
    mark becomes an escaped backslash here.
    """

    def to_ical(self) -> bytes:
        return bytes(super().to_ical()).replace(b"\x00", b"\\\\")


def text(value: str) -> _Text:
    """User text as an iCalendar TEXT value: line breaks unified, control characters
    dropped (they would break the line), everything else escaped by icalendar."""
    cleaned = _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _Text(cleaned.replace("\\N", "\x00N"))


def _utc(moment: datetime) -> bytes:
    """A moment as a UTC DATE-TIME value ("20260507T153000Z"), to the second."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode("ascii")


def _unambiguous(moment: datetime) -> datetime:
    """`moment` as written with its TZID, or in UTC when its clock time is ambiguous.

    At the autumn change 02:30 in Paris happens twice; RFC 5545 takes the first, some
    parsers the second. Only UTC says which one was meant, to every app.
    """
    if moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment


@dataclass(frozen=True, slots=True)
class IcsOptions:
    """How calendar files are written: the language of texts and an optional reminder."""

    lang: str
    alarm_minutes: int | None = None


class CalendarWriter:
    """Builds the calendar files of one visit, in one language, at one moment."""

    def __init__(self, data: VisitData, options: IcsOptions, stamp: datetime) -> None:
        self.data = data
        self.options = options
        self.stamp = stamp.astimezone(UTC).replace(microsecond=0)
        self._main = data.visit.main_language
        self._venues = {v.id: v for v in data.venues}
        self._people = {p.id: p for p in data.people}
        self._liaison = [p for p in data.people if str(p.role) == Role.LIAISON]
        years = [data.visit.start_date.year, data.visit.end_date.year]
        for event in data.events:
            years += [event.start.year, event.end.year]
        self._years = (min(years), max(years))
        self._cores: dict[tuple[str, bool], bytes] = {}
        self._stamp_line = b"DTSTAMP:" + _utc(self.stamp) + b"\r\n"
        #: "Programme version 2 of 7 May 2026" once a version is issued: in every file.
        self._version = issued_version_label(data, options.lang)

    # -- the file ----------------------------------------------------------------

    def calendar(self, items: Sequence[CalendarItem], name: str) -> bytes:
        """The bytes of a calendar file holding `items`, called `name` in apps."""
        return self._file(items, [self.vevent_bytes(item) for item in items], "PUBLISH", name)

    def message(self, item: CalendarItem, method: str, attendee: Person) -> bytes:
        """An iTIP message (RFC 5546) about one event for one person: METHOD REQUEST
        or CANCEL, the event as every calendar file holds it, with the person as its
        ATTENDEE. The organiser (the protocol office) needs an e-mail address."""
        if method not in ("REQUEST", "CANCEL"):
            raise ValueError(f"not an iTIP method we send: {method}")
        component = self.vevent(item)
        address = vCalAddress(f"mailto:{attendee.duty_email}")
        address.params["CN"] = vText(_CONTROLS.sub("", self._name(attendee).replace("\n", " ")))
        address.params["ROLE"] = vText("REQ-PARTICIPANT")
        if method == "REQUEST":
            address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        component.add("ATTENDEE", address)
        return self._file([item], [bytes(component.to_ical())], method, None)

    def _file(
        self, items: Sequence[CalendarItem], events: list[bytes], method: str, name: str | None
    ) -> bytes:
        head = Calendar()
        head.add("PRODID", f"-//VisitPlanner//VisitPlanner {__version__}//EN")
        head.add("VERSION", "2.0")
        head.add("CALSCALE", "GREGORIAN")
        head.add("METHOD", method)
        if name is not None:
            head.add("X-WR-CALNAME", text(name))
            head.add("X-WR-TIMEZONE", self.data.visit.tz)
            if self._version:
                head.add("X-WR-CALDESC", text(self._version))
        opening = bytes(head.to_ical())
        if not opening.endswith(_END):  # icalendar's own form; a change there is a bug here
            raise RuntimeError("unexpected calendar serialisation")
        parts = [opening[: -len(_END)]]
        zones = sorted({zone_name(m) for i in items for m in (i.event.start, i.event.end)})
        parts += [vtimezone_bytes(key, *self._years) for key in zones if key != "UTC"]
        parts += events
        parts.append(_END)
        return b"".join(parts)

    def vevent_bytes(self, item: CalendarItem) -> bytes:
        """One event serialised: its core (the same in every file of this writer) with
        DTSTAMP, SEQUENCE and LAST-MODIFIED put in after its UID."""
        core = self.core(item.event, item.cancelled)
        uid_end = core.index(b"\r\n", core.index(b"\r\nUID:") + 2) + 2
        stamps = b"".join(
            (
                self._stamp_line,
                b"SEQUENCE:%d\r\n" % item.sequence,
                b"LAST-MODIFIED:" + _utc(item.last_modified) + b"\r\n",
            )
        )
        return core[:uid_end] + stamps + core[uid_end:]

    def core(self, event: Event, cancelled: bool) -> bytes:
        """An event as every file of this writer says it, but for DTSTAMP, SEQUENCE and
        LAST-MODIFIED."""
        key = (event.id, cancelled)
        found = self._cores.get(key)
        if found is None:
            found = self._cores[key] = bytes(self._component(event, cancelled).to_ical())
        return found

    def digest(self, event: Event, cancelled: bool) -> str:
        """The fingerprint the calendars' memory keeps of what files say of `event`."""
        return digest(self.core(event, cancelled))

    # -- one event ---------------------------------------------------------------

    def vevent(self, item: CalendarItem) -> VEvent:
        """The VEVENT of one calendar item, whole."""
        component = self._component(item.event, item.cancelled)
        component.add("DTSTAMP", self.stamp)
        component.add("SEQUENCE", item.sequence)
        component.add("LAST-MODIFIED", item.last_modified.replace(microsecond=0))
        return component

    def _component(self, event: Event, cancelled: bool) -> VEvent:
        """The VEVENT of an event without DTSTAMP, SEQUENCE and LAST-MODIFIED."""
        lang = self.options.lang
        component = VEvent()
        component.add("UID", event_uid(event))
        component.add("DTSTART", _unambiguous(event.start))
        component.add("DTEND", _unambiguous(event.end))
        title = event.title.get(lang, self._main)
        # Say which language the title is in (a fallback's own), so that importing the
        # file back replaces that version and no other.
        written_in = next(
            (code for code in (lang, self._main, *LANGUAGES) if event.title.has(code)), lang
        )
        component.add("SUMMARY", text(title), parameters={"LANGUAGE": written_in})
        venue = self._venues.get(event.venue_id or "")
        if venue is not None:
            component.add("LOCATION", text(self._place(venue)))
            if venue.latitude is not None and venue.longitude is not None:
                component.add("GEO", (venue.latitude, venue.longitude))
        description = self._description(event, cancelled)
        if description:
            component.add("DESCRIPTION", text(description))
        status = EventStatus.CANCELLED if cancelled else event.status
        component.add("STATUS", _STATUS[status])
        component.add("CATEGORIES", [text(label(event.kind, lang))])
        organiser = self.data.visit.organiser
        if organiser.email:
            address = vCalAddress(f"mailto:{organiser.email}")
            name = organiser.name.get(lang, self._main)
            if name:
                address.params["CN"] = vText(_CONTROLS.sub("", name.replace("\n", " ")))
            component.add("ORGANIZER", address)
        minutes = self.options.alarm_minutes
        if minutes is not None and not cancelled:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", text(title))
            alarm.add("TRIGGER", timedelta(minutes=-minutes))
            component.add_component(alarm)
        return component

    def _say(self, message: str) -> str:
        return gettext_in(self.options.lang, message)

    def _place(self, venue: Venue) -> str:
        name = venue.name.get(self.options.lang, self._main)
        address = venue.full_address()
        return f"{name}, {address}" if address else name

    def _name(self, person: Person) -> str:
        if self.options.lang == "uk" and person.native_name():
            return person.native_name()
        return person.display_name()

    def _description(self, event: Event, cancelled: bool) -> str:
        """Purpose, practical facts, the duty contact and a ceremony's running order."""
        lang, say = self.options.lang, self._say
        blocks: list[list[str]] = []
        if cancelled:
            blocks.append([say(N_("CANCELLED"))])
        purpose = event.purpose.get(lang, self._main)
        if purpose:
            blocks.append([purpose])
        facts: list[str] = []
        destination = self._venues.get(event.destination_id or "")
        if destination is not None and event.kind in (EventKind.TRANSFER, EventKind.TRAVEL):
            facts.append(say(N_("Destination: {place}")).format(place=self._place(destination)))
        dress = event.dress_code.get(lang, self._main)
        if dress:
            facts.append(say(N_("Dress code: {text}")).format(text=dress))
        if event.press is not PressAccess.UNKNOWN:
            facts.append(say(N_("Press: {text}")).format(text=label(event.press, lang)))
        interpretation = event.interpretation
        if interpretation.mode is not InterpretationMode.NONE:
            mode = label(interpretation.mode, lang)
            if interpretation.languages:
                mode += " (" + ", ".join(interpretation.languages) + ")"
            facts.append(say(N_("Interpretation: {text}")).format(text=mode))
        venue = self._venues.get(event.venue_id or "")
        if venue is not None:
            contact = " ".join(p for p in (venue.contact_name, venue.contact_phone) if p)
            if contact:
                facts.append(say(N_("Contact on site: {text}")).format(text=contact))
            security = venue.security_notes.get(lang, self._main)
            if security:  # private: present in an internal file only
                facts.append(say(N_("Security: {text}")).format(text=security))
        facts += self._duty_contacts(event)
        if facts:
            blocks.append(facts)
        if event.kind is EventKind.CEREMONY and event.running_order:
            lines = [say(N_("Running order:"))]
            for line in sorted(event.running_order, key=lambda x: (x.at.timestamp(), x.id)):
                when = format_time_in_zone(line.at, zone_name(event.start), lang)
                parts = [line.action.get(lang, self._main)]
                parts += [t for t in (line.who.get(lang, self._main),) if t]
                parts += [t for t in (line.where.get(lang, self._main),) if t]
                lines.append(f"{when} " + " — ".join(parts))
            blocks.append(lines)
        return "\n\n".join("\n".join(block) for block in blocks)

    def _duty_contacts(self, event: Event) -> list[str]:
        """The liaison officers' duty phone and e-mail (never a private phone)."""
        present = [
            self._people[i]
            for i in event.participant_ids
            if i in self._people and str(self._people[i].role) == Role.LIAISON
        ]
        lines = []
        for officer in present or self._liaison:
            reach = [c for c in (officer.duty_phone, officer.duty_email) if c]
            if not reach:
                continue
            lines.append(
                self._say(N_("Liaison officer: {name}, {contacts}")).format(
                    name=self._name(officer), contacts=", ".join(reach)
                )
            )
        return lines
