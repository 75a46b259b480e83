"""Move an event in time, or change its start or end, as one undoable edit.

What the timeline's drags and Alt+arrow keys do. The event is patched as it was
loaded: its participants, vehicles, wreaths, placement, seating and precedence stay.
A move keeps the duration and shifts the running order by the same amount (the
ceremony's minute-by-minute plan follows it); a change of the start or the end alone
leaves the running order where it is (the checks say if a line falls outside).
Each end keeps its own zone: a travel leg leaving Warsaw still leaves in Warsaw time.
Times snap to a grid of `STEP_MINUTES` on the wall clock of the visit's zone.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from visitplanner.domain.model import Event
from visitplanner.domain.values import instant, zone_name
from visitplanner.operations.edits import SaveEntity

#: The grid the timeline's drags and keys snap to, in minutes.
STEP_MINUTES: Final = 5
DAY_MINUTES: Final = 24 * 60


def _now() -> datetime:
    return datetime.now(UTC).astimezone(ZoneInfo("UTC")).replace(microsecond=0)


def wall(day: date, minute: int, home: ZoneInfo) -> datetime:
    """The aware time `minute` minutes after `day`'s midnight on `home`'s wall clock
    (24:00 is the next day's midnight)."""
    moment = datetime(day.year, day.month, day.day, tzinfo=home) + timedelta(minutes=minute)
    # Wall-clock arithmetic; made real (a time in a spring gap moves past it).
    return moment.astimezone(UTC).astimezone(home)


def snap(minute: int, step: int = STEP_MINUTES) -> int:
    """`minute` rounded to the nearest multiple of `step`."""
    return (minute + step // 2) // step * step


def step_from(minute: int, direction: int, step: int = STEP_MINUTES) -> int:
    """The next multiple of `step` after `minute` (direction 1) or before it (-1)."""
    if direction > 0:
        return minute - minute % step + step
    return minute - (minute % step or step)


def local(moment: datetime, home: ZoneInfo) -> tuple[date, int]:
    """The day and the minute of `moment` on `home`'s wall clock."""
    here = moment.astimezone(home)
    return here.date(), here.hour * 60 + here.minute


def moved_to(event: Event, start: datetime) -> tuple[datetime, datetime]:
    """The start and end of `event` moved to begin at `start`, its duration kept,
    each end in its own zone."""
    duration = timedelta(seconds=instant(event.end) - instant(event.start))
    begin = start.astimezone(ZoneInfo(zone_name(event.start)))
    # In UTC: an aware sum is wall-clock arithmetic, an hour off across a change of time.
    end = (start.astimezone(UTC) + duration).astimezone(ZoneInfo(zone_name(event.end)))
    return begin, end


def rescheduled(event: Event, start: datetime, end: datetime, label: str) -> SaveEntity | None:
    """The edit giving `event` these times (each written in its end's own zone), or None
    when they are the times it has. A move (the same duration) shifts its running order
    with it; a change of one end leaves the running order alone."""
    start = start.astimezone(ZoneInfo(zone_name(event.start)))
    end = end.astimezone(ZoneInfo(zone_name(event.end)))
    if instant(start) == instant(event.start) and instant(end) == instant(event.end):
        return None
    after = copy.deepcopy(event)
    shift = timedelta(seconds=instant(start) - instant(event.start))
    duration_kept = instant(end) - instant(start) == instant(event.end) - instant(event.start)
    if duration_kept and shift:
        for line in after.running_order:
            zone = line.at.tzinfo
            line.at = (line.at.astimezone(UTC) + shift).astimezone(zone)
    after = replace(after, start=start, end=end, modified=_now())
    return SaveEntity(after, event, label=label)
