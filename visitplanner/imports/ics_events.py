"""The events of one VCALENDAR, read one by one: what cannot be read is left out.

Each property is read with icalendar's own value parsers. An event whose start is
missing, whose date, duration or repeat rule cannot be read or is absurd, or whose
TZID is defined nowhere (see `ics_zones`) is left out with the line of the problem
and the reason; the other events of the file are still read. A repeating event
(RRULE, RDATE with dates, times or PERIODs, EXDATE, changed occurrences) is expanded
only within the visit's dates, with a cap, in the wall-clock time of its own zone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr
from icalendar.prop import vDDDTypes, vDuration, vGeo, vRecur

from visitplanner.domain.model import Visit
from visitplanner.domain.values import LANGUAGES
from visitplanner.i18n import _, ngettext
from visitplanner.imports.ics_lines import Block, Line, SkipKind, SkippedItem
from visitplanner.imports.ics_zones import Zone, ZoneBook

#: How many occurrences of one repeating event are added within the visit's dates.
MAX_OCCURRENCES: Final = 100
#: How many occurrences of a rule are looked at before giving up (a rule from 1990
#: repeating every minute would otherwise take minutes to reach the visit).
MAX_RULE_STEPS: Final = 20_000
#: The years a date of an imported event may fall in; outside, the event is left out
#: with the line, not carried into the visit (year 1 or 9999 are mistakes, not plans).
_FIRST_YEAR: Final = 1900
_LAST_YEAR: Final = 2200
#: The longest event imported: a visit's programme holds no event longer than a year.
_LONGEST: Final = timedelta(days=366)


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


@dataclass(slots=True)
class ForeignCalendar:
    """What a calendar file holds, as far as the programme can take it."""

    events: list[ForeignEvent] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)


class Unreadable(Exception):
    """An event (or a line of the calendar) that cannot be read: left out, with why."""

    def __init__(self, line: int, reason: str, kind: SkipKind = SkipKind.UNREADABLE_EVENT) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True, slots=True)
class _Moment:
    """A time read from the file: in the zone whose rules it follows, and as shown."""

    rules: datetime
    shown: datetime
    all_day: bool


def _short(value: str) -> str:
    return value[:40]


class EventReader:
    """Reads the events of one VCALENDAR into a ForeignCalendar."""

    def __init__(self, calendar: Block, visit: Visit, out: ForeignCalendar) -> None:
        self.calendar = calendar
        self.visit = visit
        self.out = out
        self.floating = ZoneInfo(visit.tz)
        #: The rules floating times follow: X-WR-TIMEZONE's, which may be a VTIMEZONE's.
        self.floating_rules: tzinfo = self.floating
        self.zones = ZoneBook([b for b in calendar.children if b.name == "VTIMEZONE"])
        self.window = (
            datetime.combine(visit.start_date, time(0), self.floating),
            datetime.combine(visit.end_date + timedelta(days=1), time(0), self.floating),
        )

    def skip(self, line: int, title: str, reason: str, kind: SkipKind) -> None:
        self.out.skipped.append(SkippedItem(line, title, reason, kind))

    def read(self) -> None:
        """Read the calendar's events into the output, leaving out what cannot be read."""
        for line in self.calendar.properties:
            if line.name == "X-WR-TIMEZONE":
                zone = self.zones.resolve(line.value)
                if zone is not None:
                    self.floating = zone.shown or self.floating
                    self.floating_rules = zone.rules
                else:
                    reason = _("unknown time zone “{zone}”").format(zone=line.value)
                    self.skip(line.number, line.name, reason, SkipKind.UNKNOWN_ZONE)
        series: dict[str, list[Block]] = {}
        for block in self.calendar.children:
            if block.name == "VEVENT":
                found = block.first("UID")
                key = found.value.strip() if found else ""
                key = key or f"line-{block.line}"
                series.setdefault(key, []).append(block)  # no UID: cannot be matched later
            elif block.name in ("VTODO", "VJOURNAL"):
                reason = _("a task or a note, not an event")
                self.skip(block.line, block.name, reason, SkipKind.NOT_AN_EVENT)
        for uid, blocks in series.items():
            self.read_series(uid, blocks)

    def zone(self, tzid: str, line: int) -> Zone:
        found = self.zones.resolve(tzid)
        if found is None:
            raise Unreadable(
                line, _("unknown time zone “{zone}”").format(zone=tzid), SkipKind.UNKNOWN_ZONE
            )
        return found

    def moment(self, line: Line, value: str | None = None) -> _Moment:
        """A DTSTART, DTEND, RECURRENCE-ID, RDATE or EXDATE value as an aware time."""
        value = line.value if value is None else value
        try:
            parsed = vDDDTypes.from_ical(value)  # type: ignore[no-untyped-call]
        except ValueError:
            parsed = None
        if isinstance(parsed, date) and not _FIRST_YEAR <= parsed.year <= _LAST_YEAR:
            raise Unreadable(
                line.number,
                _(
                    "a date out of range (year {year}; a visit lies between {first} and {last})"
                ).format(year=parsed.year, first=_FIRST_YEAR, last=_LAST_YEAR),
            )
        if isinstance(parsed, datetime):
            if parsed.tzinfo is not None:  # UTC: it repeats in UTC, shown in the floating zone
                return _Moment(parsed, parsed.astimezone(self.floating), False)
            if "TZID" in line.params:
                zone = self.zone(line.params["TZID"], line.number)
                rules = parsed.replace(tzinfo=zone.rules)
                return _Moment(rules, rules.astimezone(zone.shown or self.floating), False)
            rules = parsed.replace(tzinfo=self.floating_rules)
            return _Moment(rules, rules.astimezone(self.floating), False)
        if isinstance(parsed, date):
            shown = datetime.combine(parsed, time(0), self.floating)
            return _Moment(shown, shown, True)
        raise Unreadable(
            line.number, _("not a date or time: {value!r}").format(value=_short(value))
        )

    def read_series(self, uid: str, blocks: list[Block]) -> None:
        """The events of one UID: the master (expanded if it repeats) and its overrides."""
        masters = [b for b in blocks if b.first("RECURRENCE-ID") is None]
        replaced: set[datetime] = set()
        for block in blocks:
            rid = block.first("RECURRENCE-ID")
            if rid is None:
                continue
            try:
                moment = self.moment(rid)
                replaced.add(moment.rules.astimezone(UTC))
                self.add(self.event(block, f"{uid}#{_stamp(moment.rules)}"))
            except Unreadable as problem:
                self.skip(problem.line, block.title(), problem.reason, problem.kind)
        for block in masters[:1]:
            try:
                event, rules = self.event_and_rules(block, uid)
                if rules is None:
                    self.add(event)
                else:
                    self.expand(block, event, rules, replaced)
            except Unreadable as problem:
                self.skip(problem.line, block.title(), problem.reason, problem.kind)
        for block in masters[1:]:
            reason = _("the same UID appears twice")
            self.skip(block.line, block.title(), reason, SkipKind.DUPLICATE)

    def add(self, event: ForeignEvent) -> None:
        start, end = self.window
        if not (event.start < end and (event.end > start or event.start >= start)):
            dates = f"{self.visit.start_date.isoformat()} – {self.visit.end_date.isoformat()}"
            reason = _("outside the visit's dates ({dates})").format(dates=dates)
            self.skip(event.line, event.title, reason, SkipKind.OUTSIDE_DATES)
        else:
            self.out.events.append(event)

    def event(self, block: Block, uid: str) -> ForeignEvent:
        return self.event_and_rules(block, uid)[0]

    def event_and_rules(self, block: Block, uid: str) -> tuple[ForeignEvent, _Moment | None]:
        """One VEVENT read, its times resolved, and its start when it repeats."""
        values: dict[str, Any] = {}
        start: _Moment | None = None
        end: datetime | None = None
        duration: timedelta | None = None
        lang: str | None = None
        repeats = False
        for line in block.properties:
            prop, params, value = line.name, line.params, line.value
            if prop == "DTSTART":
                start = self.moment(line)
            elif prop == "DTEND":
                end = self.moment(line).shown
            elif prop == "DURATION":
                duration = _duration(line, value)
            elif prop == "SUMMARY":
                values["title"] = value
                code = params.get("LANGUAGE", "").lower()[:2]
                lang = code if code in LANGUAGES else None
            elif prop in ("DESCRIPTION", "LOCATION", "STATUS"):
                values[prop.lower()] = value
            elif prop == "CATEGORIES":
                values["categories"] = tuple(c.strip() for c in value.split(",") if c.strip())
            elif prop == "GEO":
                values["geo"] = _geo(value)
            elif prop in ("RRULE", "RDATE"):
                repeats = True
        if start is None:
            raise Unreadable(block.line, _("an event without a start (DTSTART)"))
        begin, all_day = start.shown, start.all_day
        if duration is not None and abs(duration) > _LONGEST:
            raise Unreadable(
                block.line,
                _("an event lasting more than a year ({days} days)").format(days=duration.days),
            )
        if end is None:
            end = begin + (
                duration if duration is not None else timedelta(days=1 if all_day else 0)
            )
        _check_length(block.line, begin, end)
        geo = values.get("geo")
        if geo is not None and not (-90 <= geo[0] <= 90 and -180 <= geo[1] <= 180):
            geo = None
        event = ForeignEvent(
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
        return event, start if repeats else None

    def expand(
        self, block: Block, event: ForeignEvent, first: _Moment, replaced: set[datetime]
    ) -> None:
        """The occurrences of a repeating event within the visit's dates, capped."""
        rules_tz = first.rules.tzinfo
        shown_tz = event.start.tzinfo
        assert rules_tz is not None and shown_tz is not None
        local_start = first.rules.replace(tzinfo=None)
        length = event.end - event.start
        rules = rruleset()
        periods: list[tuple[datetime, timedelta]] = []
        excluded: set[datetime] = set()
        rule = block.first("RRULE")
        if rule is None:
            rules.rdate(local_start)  # RFC 5545: DTSTART is the first occurrence
        else:
            rules.rrule(self.rule(rule, local_start, rules_tz))
        for line in block.properties:
            if line.name not in ("EXDATE", "RDATE"):
                continue
            for value in line.value.split(","):
                if line.name == "RDATE" and "/" in value:
                    periods.append(self.period(line, value, rules_tz))
                    continue
                moment = self.moment(line, value)
                local = moment.rules.astimezone(rules_tz).replace(tzinfo=None)
                if line.name == "EXDATE":
                    rules.exdate(local)
                    excluded.add(local)
                else:
                    rules.rdate(local)
        window_start, window_end = self.window
        found: dict[datetime, tuple[datetime, timedelta]] = {}
        where = rule.number if rule is not None else block.line

        # Wall-clock bounds a day wider than the window: most occurrences of a long rule
        # are ruled out without converting them (a zone from a VTIMEZONE is slow to ask).
        near_start = window_start.astimezone(rules_tz).replace(tzinfo=None) - timedelta(days=1)
        near_end = window_end.astimezone(rules_tz).replace(tzinfo=None) + timedelta(days=1)

        def keep(local: datetime, span: timedelta) -> None:
            if local + span < near_start or local >= near_end:
                return
            start = local.replace(tzinfo=rules_tz)
            instant = start.astimezone(UTC)
            if start + span <= window_start or start >= window_end or instant in replaced:
                return
            found.setdefault(instant, (start, span))

        overflow = 0
        for step, local in enumerate(_occurrences(rules)):
            if step >= MAX_RULE_STEPS:
                reason = _("repeats too often to expand (more than {count} times)").format(
                    count=MAX_RULE_STEPS
                )
                self.skip(where, event.title, reason, SkipKind.REPEAT_LIMIT)
                break
            if local >= near_end:
                break
            if len(found) < MAX_OCCURRENCES:
                keep(local, length)
            elif local < near_end - timedelta(days=1):  # in time order: the rest only count
                overflow += 1
        for local, span in periods:
            if local not in excluded:
                keep(local, span)
        ordered = sorted(found.values(), key=lambda pair: pair[0].timestamp())
        for start, span in ordered[:MAX_OCCURRENCES]:
            uid = f"{event.uid}#{_stamp(start)}"
            shown = start.astimezone(shown_tz)
            self.out.events.append(replace(event, uid=uid, start=shown, end=shown + span))
        dropped = overflow + max(0, len(ordered) - MAX_OCCURRENCES)
        if dropped:
            reason = ngettext(
                "{count} more occurrence beyond the limit of {limit}",
                "{count} more occurrences beyond the limit of {limit}",
                dropped,
            ).format(count=dropped, limit=MAX_OCCURRENCES)
            self.skip(where, event.title, reason, SkipKind.REPEAT_LIMIT)

    def rule(self, rule: Line, local_start: datetime, rules_tz: tzinfo) -> Any:
        """The RRULE for dateutil, its UNTIL in DTSTART's wall-clock time."""
        try:
            recur = vRecur.from_ical(rule.value)
            until = recur.get("UNTIL")
            if until:
                last = until[0]
                if isinstance(last, datetime) and last.tzinfo is not None:
                    last = last.astimezone(rules_tz).replace(tzinfo=None)
                elif not isinstance(last, datetime):
                    last = datetime.combine(last, time(23, 59, 59))
                recur["UNTIL"] = [last]
            return rrulestr(recur.to_ical().decode(), dtstart=local_start)
        except (ValueError, TypeError, OverflowError) as exc:
            raise Unreadable(
                rule.number,
                _("a repeat rule that cannot be read ({detail})").format(detail=exc),
            ) from exc

    def period(self, line: Line, value: str, rules_tz: tzinfo) -> tuple[datetime, timedelta]:
        """An RDATE PERIOD (start/end or start/duration): its local start and length."""
        begin, _sep, finish = value.partition("/")
        start = self.moment(line, begin).rules
        if finish.lstrip("+-")[:1].upper() == "P":
            span = _duration(line, finish)
        else:
            span = self.moment(line, finish).rules - start
        _check_length(line.number, start, start + span)
        return start.astimezone(rules_tz).replace(tzinfo=None), span


def _geo(value: str) -> tuple[float, float] | None:
    """GEO's coordinates; None where they cannot be read (the place is kept without)."""
    try:
        latitude, longitude = vGeo.from_ical(value)
    except ValueError:
        return None
    return float(latitude), float(longitude)


def _duration(line: Line, value: str) -> timedelta:
    try:
        found = vDuration.from_ical(value)  # type: ignore[no-untyped-call]
    except ValueError:
        found = None
    if not isinstance(found, timedelta):
        raise Unreadable(line.number, _("not a duration: {value!r}").format(value=_short(value)))
    return found


def _check_length(line: int, begin: datetime, end: datetime) -> None:
    if end - begin > _LONGEST:
        raise Unreadable(
            line,
            _("an event lasting more than a year ({days} days)").format(days=(end - begin).days),
        )
    if end.timestamp() < begin.timestamp():
        raise Unreadable(line, _("an event that ends before it starts"))


def _occurrences(rules: rruleset) -> Iterator[datetime]:
    return itertools.islice(iter(rules), MAX_RULE_STEPS + 1)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
