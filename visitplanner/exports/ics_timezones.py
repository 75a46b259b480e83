"""VTIMEZONE components with yearly rules, as Google Calendar and Outlook write them.

icalendar's `add_missing_timezones()` lists every change of offset as an RDATE;
ical.js (Thunderbird) and vobject read that form an hour off for May 2026 in Paris.
Every calendar app reads the form Google and Outlook write: one STANDARD and one
DAYLIGHT observance, each with a DTSTART in 1970 and an RRULE (FREQ=YEARLY;
BYMONTH=3;BYDAY=-1SU). The rules are found from the zone's own transitions in
`zoneinfo` for the years the calendar's events fall in, and checked against every
transition of those years; a zone whose changes follow no yearly rule there gets
one observance per change instead (still no RDATE list).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

#: The year of the first onset of each rule, as Google Calendar writes it.
RULE_YEAR: Final = 1970
_DAY: Final = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of a zone's offset: when (UTC), from which offset to which, and its name."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str

    @property
    def local(self) -> datetime:
        """The wall-clock time of the change on the clock before it (naive), as RFC 5545
        writes an observance's DTSTART."""
        return (self.at + self.before).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class _Rule:
    """A yearly rule: the `nth` (or last, -1) `weekday` of `month` at a wall-clock time."""

    month: int
    weekday: int
    nth: int
    clock: timedelta

    def day_in(self, year: int) -> datetime:
        """The wall-clock moment the rule gives in `year` (naive)."""
        weeks = calendar.monthcalendar(year, self.month)
        days = [w[self.weekday] for w in weeks if w[self.weekday]]
        day = days[self.nth - 1] if self.nth > 0 else days[-1]
        return datetime(year, self.month, day) + self.clock

    def rrule(self) -> dict[str, object]:
        """The RRULE value, as icalendar takes it."""
        weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.weekday]
        return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{self.nth}{weekday}"}


def transitions(tz: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of offset or name of `tz` from 1 January `first_year` to the end
    of `last_year`, found day by day and then to the second."""
    start = datetime(first_year, 1, 1, tzinfo=UTC) - _DAY
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC) + _DAY
    found = []
    moment = start
    state = _state(tz, moment)
    while moment < end:
        following = moment + _DAY
        then = _state(tz, following)
        if then != state:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(tz, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(Transition(high, state[0], then[0], then[1]))
        moment, state = following, then
    return [t for t in found if first_year <= t.local.year <= last_year]


def _state(tz: ZoneInfo, moment: datetime) -> tuple[timedelta, str]:
    local = moment.astimezone(tz)
    return local.utcoffset() or timedelta(0), local.tzname() or ""


def _rule_of(change: Transition, last: bool) -> _Rule:
    local = change.local
    nth = -1 if last else (local.day - 1) // 7 + 1
    clock = local - datetime(local.year, local.month, local.day)
    return _Rule(local.month, local.weekday(), nth, clock)


def _rules(changes: list[Transition], first_year: int, last_year: int) -> list[_Rule] | None:
    """The yearly rules that give exactly `changes` in every year, or None."""
    first = [c for c in changes if c.local.year == first_year]
    if len(first) != 2 or len(changes) != 2 * (last_year - first_year + 1):
        return None
    rules = []
    for index, change in enumerate(first):
        days_left = calendar.monthrange(change.local.year, change.local.month)[1]
        candidates = [_rule_of(change, last=True)] if change.local.day > days_left - 7 else []
        candidates.append(_rule_of(change, last=False))
        for rule in candidates:
            if all(rule.day_in(c.local.year) == c.local for c in changes[index::2]):
                rules.append(rule)
                break
        else:
            return None
    return rules


def _observance(
    daylight: bool, before: timedelta, after: timedelta, name: str, start: datetime
) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if daylight else TimezoneStandard()
    part.add("TZOFFSETFROM", before)
    part.add("TZOFFSETTO", after)
    part.add("TZNAME", name)
    part.add("DTSTART", start)
    return part


@cache
def vtimezone(key: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of the IANA zone `key`, right for every time from `first_year`
    to `last_year`. Cached: callers must not change it."""
    tz = ZoneInfo(key)
    component = Timezone()
    component.add("TZID", key)
    component.add("X-LIC-LOCATION", key)
    changes = transitions(tz, first_year, last_year)
    if not changes:
        offset, name = _state(tz, datetime(first_year, 7, 1, tzinfo=UTC))
        component.add_component(_observance(False, offset, offset, name, datetime(RULE_YEAR, 1, 1)))
        return component
    rules = _rules(changes, first_year, last_year)
    if rules is not None:
        summer = max(changes[:2], key=lambda c: c.after)
        for change, rule in zip(changes[:2], rules, strict=True):
            onset = rule.day_in(RULE_YEAR)
            part = _observance(change is summer, change.before, change.after, change.name, onset)
            part.add("RRULE", rule.rrule())
            component.add_component(part)
        return component
    # No yearly rule (a zone that changed its rules in these years): the offset in
    # force before the first change, then each change as an observance of its own.
    first = changes[0]
    opening = _state(tz, first.at - timedelta(seconds=1))
    component.add_component(
        _observance(False, opening[0], opening[0], opening[1], datetime(RULE_YEAR, 1, 1))
    )
    for change in changes:
        daylight = change.after > change.before
        component.add_component(
            _observance(daylight, change.before, change.after, change.name, change.local)
        )
    return component


@cache
def vtimezone_bytes(key: str, first_year: int, last_year: int) -> bytes:
    """`vtimezone(...)` serialised (CRLF lines, folded): the same bytes every time."""
    return bytes(vtimezone(key, first_year, last_year).to_ical())
