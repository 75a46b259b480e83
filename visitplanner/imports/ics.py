"""Read events from another calendar (the host ministry's agenda, a hotel booking).

The file is checked line by line before anything is read from it: size, text
encoding, content lines, and components opened, closed and nested as RFC 5545
allows. Each property is then read with icalendar's own value parsers, so that any
problem is reported with the line it is on. Times: TZID (IANA, old IANA, Windows
and Outlook names; see `ics_zones`), UTC, floating (in X-WR-TIMEZONE, else the
visit's zone) and all-day. A repeating event is expanded only within the visit's
dates, with a cap. Nothing here touches a visit: `services/calendar_import.py`
decides what to add, update or skip.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Final, NoReturn
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr
from icalendar.parser import Contentline
from icalendar.prop import vDDDTypes, vDuration, vGeo, vRecur

from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Visit
from visitplanner.domain.values import LANGUAGES
from visitplanner.i18n import _
from visitplanner.imports.ics_zones import resolve_tzid

#: The largest file read (10 MB): a year of a busy agenda is well under 1 MB.
MAX_FILE_BYTES: Final = 10 * 1024 * 1024
#: How deep components may nest (VCALENDAR > VEVENT > VALARM is 3).
MAX_DEPTH: Final = 5
#: How many events a file may hold.
MAX_EVENTS: Final = 20_000
#: How many occurrences of one repeating event are added within the visit's dates.
MAX_OCCURRENCES: Final = 100
#: How many occurrences of a rule are looked at before giving up (a rule from 1990
#: repeating every minute would otherwise take minutes to reach the visit).
MAX_RULE_STEPS: Final = 20_000

#: Where each component may stand (its parent); others (X-, IANA) may stand anywhere.
_PARENTS: Final[dict[str, set[str | None]]] = {
    "VCALENDAR": {None},
    "VEVENT": {"VCALENDAR"},
    "VTODO": {"VCALENDAR"},
    "VJOURNAL": {"VCALENDAR"},
    "VFREEBUSY": {"VCALENDAR"},
    "VTIMEZONE": {"VCALENDAR"},
    "VALARM": {"VEVENT", "VTODO"},
    "STANDARD": {"VTIMEZONE"},
    "DAYLIGHT": {"VTIMEZONE"},
}
_NAME_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True, slots=True)
class ForeignEvent:
    """One event (or one occurrence of a repeating event) read from a calendar file."""

    uid: str
    line: int
    title: str
    lang: str | None
    description: str
    location: str
    geo: tuple[float, float] | None
    start: datetime
    end: datetime
    all_day: bool
    status: str
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """Something in the file that is not brought in, and why."""

    line: int
    title: str
    reason: str


@dataclass(slots=True)
class ForeignCalendar:
    """What a calendar file holds, as far as the programme can take it."""

    events: list[ForeignEvent] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    number: int
    text: str


@dataclass(slots=True)
class _Block:
    """A component: its name, the line of its BEGIN, its properties and its children."""

    name: str
    line: int
    properties: list[_Line] = field(default_factory=list)
    children: list[_Block] = field(default_factory=list)


#: The years a date of an imported event may fall in; outside, the file is refused
#: with the line, not carried into the visit (year 1 or 9999 are mistakes, not plans).
_FIRST_YEAR = 1900
_LAST_YEAR = 2200
#: The longest event imported: a visit's programme holds no event longer than a year.
_LONGEST = timedelta(days=366)


def _fail(name: str, line: int | None, problem: str) -> NoReturn:
    where = _("{file}, line {line}").format(file=name, line=line) if line else name
    raise InputError(_("{where}: {problem}").format(where=where, problem=problem))


def read_calendar(path: Path, visit: Visit) -> ForeignCalendar:
    """The events of the calendar file at `path` for `visit`, or an InputError naming
    the problem and its line."""
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _too_large(name, size)
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _fail(name, None, _("cannot read ({reason})").format(reason=exc.strerror or exc))
    return parse_calendar(raw, name, visit)


def _too_large(name: str, size: int) -> NoReturn:
    megabyte = 1024 * 1024
    _fail(
        name,
        None,
        _("too large ({size} MB; the limit is {limit} MB)").format(
            size=size // megabyte, limit=MAX_FILE_BYTES // megabyte
        ),
    )


def parse_calendar(raw: bytes, name: str, visit: Visit) -> ForeignCalendar:
    """The events of a calendar file's bytes (`name` is for messages)."""
    if len(raw) > MAX_FILE_BYTES:
        _too_large(name, len(raw))
    text = _decode(raw, name)
    calendars = _structure(_unfold(text), name)
    found = ForeignCalendar()
    for calendar in calendars:
        _Reader(calendar, name, visit, found).read()
    return found


def _decode(raw: bytes, name: str) -> str:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        _fail(name, line, _("binary data, not a calendar (a NUL byte)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = f"0x{raw[exc.start]:02x}"
        _fail(name, line, _("not UTF-8 text (byte {byte})").format(byte=byte))


def _unfold(text: str) -> list[_Line]:
    """Content lines with the number of the line each starts on; folded lines joined."""
    lines: list[_Line] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and lines:
            lines[-1].text += physical[1:]
        elif physical.strip():
            lines.append(_Line(number, physical))
    return lines


def _structure(lines: list[_Line], name: str) -> list[_Block]:
    """The components of the file, checked: balanced, nested as allowed, named lines."""
    if not lines or lines[0].text.strip().upper() != "BEGIN:VCALENDAR":
        first = lines[0].number if lines else 1
        _fail(name, first, _("not a calendar file (it does not start with BEGIN:VCALENDAR)"))
    top: list[_Block] = []
    stack: list[_Block] = []
    events = 0
    for line in lines:
        key, sep, _rest = line.text.partition(":")
        head = key.split(";", 1)[0].strip()
        if not sep or not head or not set(head) <= _NAME_CHARS:
            shown = line.text if len(line.text) <= 40 else line.text[:37] + "..."
            _fail(name, line.number, _("not a calendar line: {text!r}").format(text=shown))
        word = head.upper()
        if word == "BEGIN":
            component = line.text[len(key) + 1 :].strip().upper()
            parent = stack[-1].name if stack else None
            allowed = _PARENTS.get(component)
            if not component or (allowed is not None and parent not in allowed):
                where = parent or _("the top level")
                _fail(
                    name,
                    line.number,
                    _("BEGIN:{name} is not allowed in {where}").format(name=component, where=where),
                )
            if parent is None and component != "VCALENDAR":
                _fail(
                    name, line.number, _("BEGIN:{name} outside the calendar").format(name=component)
                )
            if len(stack) >= MAX_DEPTH:
                _fail(name, line.number, _("components nested too deeply"))
            if component == "VEVENT":
                events += 1
                if events > MAX_EVENTS:
                    _fail(name, line.number, _("more than {count} events").format(count=MAX_EVENTS))
            block = _Block(component, line.number)
            (stack[-1].children if stack else top).append(block)
            stack.append(block)
        elif word == "END":
            component = line.text[len(key) + 1 :].strip().upper()
            if not stack or stack[-1].name != component:
                expected = f"END:{stack[-1].name}" if stack else _("nothing")
                _fail(
                    name,
                    line.number,
                    _("END:{name} where {expected} was expected").format(
                        name=component, expected=expected
                    ),
                )
            stack.pop()
        elif not stack:
            _fail(name, line.number, _("a property outside the calendar"))
        else:
            stack[-1].properties.append(line)
    if stack:
        _fail(
            name,
            stack[-1].line,
            _("BEGIN:{name} is never closed").format(name=stack[-1].name),
        )
    return top


def _parts(line: _Line, name: str) -> tuple[str, dict[str, str], str]:
    try:
        prop, params, value = Contentline(line.text).parts()  # type: ignore[no-untyped-call]
    except ValueError as exc:
        _fail(name, line.number, _("a line that cannot be read ({detail})").format(detail=exc))
    return prop.upper(), {k.upper(): str(v) for k, v in params.items()}, str(value)


class _Reader:
    """Reads the events of one VCALENDAR into a ForeignCalendar."""

    def __init__(self, calendar: _Block, name: str, visit: Visit, out: ForeignCalendar) -> None:
        self.calendar = calendar
        self.name = name
        self.visit = visit
        self.out = out
        self.floating = ZoneInfo(visit.tz)
        tz = visit.tz
        first = datetime.combine(visit.start_date, time(0), ZoneInfo(tz))
        self.window = (
            first,
            datetime.combine(visit.end_date + timedelta(days=1), time(0), ZoneInfo(tz)),
        )

    def fail(self, line: _Line | int, problem: str) -> NoReturn:
        _fail(self.name, line if isinstance(line, int) else line.number, problem)

    def read(self) -> None:
        for line in self.calendar.properties:
            prop, _params, value = _parts(line, self.name)
            if prop == "X-WR-TIMEZONE":
                self.floating = self.zone(value, line)
        series: dict[str, list[_Block]] = {}
        for block in self.calendar.children:
            if block.name == "VEVENT":
                uid = self.uid_of(block)
                series.setdefault(uid, []).append(block)
            elif block.name in ("VTODO", "VJOURNAL"):
                self.out.skipped.append(
                    SkippedItem(block.line, block.name, _("a task or a note, not an event"))
                )
        for uid, blocks in series.items():
            self.read_series(uid, blocks)

    def uid_of(self, block: _Block) -> str:
        for line in block.properties:
            prop, _params, value = _parts(line, self.name)
            if prop == "UID" and value.strip():
                return value.strip()
        return f"line-{block.line}"  # no UID: the event cannot be matched again later

    def zone(self, tzid: str, line: _Line) -> ZoneInfo:
        found = resolve_tzid(tzid)
        if found is None:
            self.fail(line, _("unknown time zone “{zone}”").format(zone=tzid))
        return ZoneInfo(found)

    def moment(self, line: _Line) -> tuple[datetime, bool]:
        """A DTSTART, DTEND or RECURRENCE-ID as an aware time, and whether it is a date."""
        _prop, params, value = _parts(line, self.name)
        try:
            parsed = vDDDTypes.from_ical(value)  # type: ignore[no-untyped-call]
        except ValueError:
            self.fail(line, _("not a date or time: {value!r}").format(value=value[:40]))
        if isinstance(parsed, date) and not _FIRST_YEAR <= parsed.year <= _LAST_YEAR:
            self.fail(
                line,
                _(
                    "a date out of range (year {year}; a visit lies between {first} and {last})"
                ).format(year=parsed.year, first=_FIRST_YEAR, last=_LAST_YEAR),
            )
        if isinstance(parsed, datetime):
            if parsed.tzinfo is not None:  # UTC
                return parsed.astimezone(UTC).astimezone(self.floating), False
            tz = self.zone(params["TZID"], line) if "TZID" in params else self.floating
            return parsed.replace(tzinfo=tz), False
        if isinstance(parsed, date):
            return datetime.combine(parsed, time(0), self.floating), True
        self.fail(line, _("not a date or time: {value!r}").format(value=value[:40]))

    def read_series(self, uid: str, blocks: list[_Block]) -> None:
        masters = [b for b in blocks if not self.has(b, "RECURRENCE-ID")]
        overrides = [b for b in blocks if self.has(b, "RECURRENCE-ID")]
        replaced: set[datetime] = set()
        for block in overrides:
            rid_line = self.first(block, "RECURRENCE-ID")
            assert rid_line is not None
            rid, _day = self.moment(rid_line)
            replaced.add(rid.astimezone(UTC))
            self.add(self.event(block, f"{uid}#{_stamp(rid)}"))
        for block in masters[:1]:
            rule = self.first(block, "RRULE")
            event = self.event(block, uid)
            if rule is None:
                self.add(event)
            else:
                self.expand(block, event, rule, replaced)
        for block in masters[1:]:
            self.out.skipped.append(
                SkippedItem(block.line, self.title_of(block), _("the same UID appears twice"))
            )

    def has(self, block: _Block, prop: str) -> bool:
        return self.first(block, prop) is not None

    def first(self, block: _Block, prop: str) -> _Line | None:
        for line in block.properties:
            if line.text[: len(prop)].upper() == prop and line.text[len(prop) : len(prop) + 1] in (
                ":",
                ";",
            ):
                return line
        return None

    def title_of(self, block: _Block) -> str:
        line = self.first(block, "SUMMARY")
        return _parts(line, self.name)[2] if line else ""

    def add(self, event: ForeignEvent) -> None:
        start, end = self.window
        if not (event.start < end and (event.end > start or event.start >= start)):
            dates = f"{self.visit.start_date.isoformat()} – {self.visit.end_date.isoformat()}"
            self.out.skipped.append(
                SkippedItem(
                    event.line,
                    event.title,
                    _("outside the visit's dates ({dates})").format(dates=dates),
                )
            )
        else:
            self.out.events.append(event)

    def event(self, block: _Block, uid: str) -> ForeignEvent:
        """One VEVENT read, its times resolved."""
        values: dict[str, Any] = {}
        start: tuple[datetime, bool] | None = None
        end: datetime | None = None
        duration: timedelta | None = None
        lang: str | None = None
        for line in block.properties:
            prop, params, value = _parts(line, self.name)
            if prop == "DTSTART":
                start = self.moment(line)
            elif prop == "DTEND":
                end = self.moment(line)[0]
            elif prop == "DURATION":
                try:
                    duration = vDuration.from_ical(value)  # type: ignore[no-untyped-call]
                except ValueError:
                    self.fail(line, _("not a duration: {value!r}").format(value=value[:40]))
            elif prop == "SUMMARY":
                values["title"] = value
                code = params.get("LANGUAGE", "").lower()[:2]
                lang = code if code in LANGUAGES else None
            elif prop in ("DESCRIPTION", "LOCATION", "STATUS"):
                values[prop.lower()] = value
            elif prop == "CATEGORIES":
                values["categories"] = tuple(c.strip() for c in value.split(",") if c.strip())
            elif prop == "GEO":
                try:
                    values["geo"] = tuple(vGeo.from_ical(value))
                except ValueError:
                    self.fail(line, _("not coordinates: {value!r}").format(value=value[:40]))
        if start is None:
            self.fail(block.line, _("an event without a start (DTSTART)"))
        begin, all_day = start
        if duration is not None and abs(duration) > _LONGEST:
            self.fail(
                block.line,
                _("an event lasting more than a year ({days} days)").format(days=duration.days),
            )
        if end is None:
            end = begin + (
                duration if duration is not None else timedelta(days=1 if all_day else 0)
            )
        if end - begin > _LONGEST:
            self.fail(
                block.line,
                _("an event lasting more than a year ({days} days)").format(
                    days=(end - begin).days
                ),
            )
        if end.timestamp() < begin.timestamp():
            self.fail(block.line, _("an event that ends before it starts"))
        geo = values.get("geo")
        if geo is not None and not (-90 <= geo[0] <= 90 and -180 <= geo[1] <= 180):
            geo = None
        return ForeignEvent(
            uid=uid,
            line=block.line,
            title=values.get("title", "").strip(),
            lang=lang,
            description=values.get("description", "").strip(),
            location=values.get("location", "").strip(),
            geo=geo,
            start=begin,
            end=end,
            all_day=all_day,
            status=values.get("status", "").strip().upper(),
            categories=values.get("categories", ()),
        )

    def expand(
        self, block: _Block, event: ForeignEvent, rule: _Line, replaced: set[datetime]
    ) -> None:
        """The occurrences of a repeating event within the visit's dates, capped."""
        tz = event.start.tzinfo
        assert isinstance(tz, ZoneInfo)
        first = event.start.replace(tzinfo=None)
        length = event.end - event.start
        rules = rruleset()
        try:
            recur = vRecur.from_ical(_parts(rule, self.name)[2])
            until = recur.get("UNTIL")
            if until:  # dateutil wants UNTIL in DTSTART's kind: a wall-clock time here
                last = until[0]
                if isinstance(last, datetime) and last.tzinfo is not None:
                    last = last.astimezone(tz).replace(tzinfo=None)
                elif not isinstance(last, datetime):
                    last = datetime.combine(last, time(23, 59, 59))
                recur["UNTIL"] = [last]
            rules.rrule(rrulestr(recur.to_ical().decode(), dtstart=first))
        except (ValueError, TypeError) as exc:
            self.fail(rule, _("a repeat rule that cannot be read ({detail})").format(detail=exc))
        for line in block.properties:
            prop = _parts(line, self.name)[0]
            if prop in ("EXDATE", "RDATE"):
                for value in _parts(line, self.name)[2].split(","):
                    moment = self.moment(
                        _Line(line.number, f"{line.text.split(':', 1)[0]}:{value}")
                    )
                    local = moment[0].astimezone(tz).replace(tzinfo=None)
                    (rules.exdate if prop == "EXDATE" else rules.rdate)(local)
        window_start, window_end = self.window
        kept = 0
        dropped = 0
        for step, local in enumerate(_occurrences(rules)):
            if step >= MAX_RULE_STEPS:
                self.out.skipped.append(
                    SkippedItem(
                        rule.number,
                        event.title,
                        _("repeats too often to expand (more than {count} times)").format(
                            count=MAX_RULE_STEPS
                        ),
                    )
                )
                break
            start = local.replace(tzinfo=tz)
            if start >= window_end:
                break
            if start + length <= window_start or start.astimezone(UTC) in replaced:
                continue
            if kept >= MAX_OCCURRENCES:
                dropped += 1
                continue
            kept += 1
            uid = f"{event.uid}#{_stamp(start)}"
            self.out.events.append(replace(event, uid=uid, start=start, end=start + length))
        if dropped:
            self.out.skipped.append(
                SkippedItem(
                    rule.number,
                    event.title,
                    _("{count} more occurrences beyond the limit of {limit}").format(
                        count=dropped, limit=MAX_OCCURRENCES
                    ),
                )
            )


def _occurrences(rules: rruleset) -> Iterator[datetime]:
    return itertools.islice(iter(rules), MAX_RULE_STEPS + 1)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
