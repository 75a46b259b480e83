"""Where each event of the programme goes on the timeline: its day, its minutes, its lane.

Pure Python (no Qt): the timeline widget turns this into pixels. Events are
placed in the visit's zone on a wall-clock axis; an event over midnight gives one
segment per day. Overlapping segments of a day are spread over lanes by interval
partitioning (sort by start, a heap of the lanes' ends): O(n log n).

The work is in two steps so that a filter does not redo what it cannot change:
`place_events` sorts the events and cuts them into days once per change of the
programme; `lay_out` keeps the pieces the filter shows and spreads each day over
lanes, reusing the day of the previous layout when it shows the same pieces.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from visitplanner.domain.model import Event, Visit
from visitplanner.domain.values import instant

#: The axis shows at least 07:00–24:00; earlier events extend it (whole hours).
DEFAULT_FIRST_MINUTE: Final = 7 * 60
DAY_MINUTES: Final = 24 * 60
#: A short (or zero-length) event still gets a block this long, so it can be read and hit.
MIN_BLOCK_MINUTES: Final = 15
#: An event longer than this is cut: a mistyped year must not make a year of columns.
MAX_DAYS_PER_EVENT: Final = 31


@dataclass(slots=True, eq=False)
class Segment:
    """The part of one event that falls on one day of the timeline."""

    event: Event
    day: int  # index into ProgrammeLayout.days
    start: int  # minutes after the day's midnight, wall clock in the visit's zone
    end: int  # minutes after midnight, at most DAY_MINUTES, at least start + MIN_BLOCK_MINUTES
    first: bool  # the event starts on this day
    last: bool  # the event ends on this day
    lane: int = 0
    lanes: int = 1  # lanes of the group of overlapping segments it belongs to
    cache: dict[str, object] = field(default_factory=dict)  # texts, rects: per layout


@dataclass(slots=True)
class ProgrammeLayout:
    """The days shown, their segments lane by lane, and the range of the time axis."""

    days: list[date]
    outside: list[bool]  # per day: outside the visit's dates
    segments: list[list[Segment]]  # per day, by start then lane
    lanes: list[int]  # per day: how many lanes the day needs
    first_minute: int
    by_event: dict[str, list[Segment]]
    order: list[str]  # event ids in time order (start, then end, then title): for Tab

    def segment_of(self, event_id: str) -> Segment | None:
        """The first segment of an event shown, or None when it is not shown."""
        found = self.by_event.get(event_id)
        return found[0] if found else None


def _visit_days(visit: Visit) -> list[date]:
    count = (visit.end_date - visit.start_date).days + 1
    return [visit.start_date + timedelta(days=n) for n in range(count)]


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _split(event: Event, home: ZoneInfo) -> list[tuple[date, int, int, bool, bool]]:
    """(day, start, end, first, last) for each day the event covers, in `home` time."""
    start = event.start.astimezone(home)
    end = event.end.astimezone(home)
    parts: list[tuple[date, int, int, bool, bool]] = []
    day = start.date()
    last_day = end.date()
    if last_day > day and _minutes(end) == 0 and end.second == 0:
        last_day -= timedelta(days=1)  # ends at midnight: nothing on the next day
    while day <= last_day and len(parts) < MAX_DAYS_PER_EVENT:
        begin = _minutes(start) if day == start.date() else 0
        finish = _minutes(end) if day == end.date() else DAY_MINUTES
        parts.append((day, begin, finish, day == start.date(), day == last_day))
        day += timedelta(days=1)
    return parts


def _padded(begin: int, finish: int) -> tuple[int, int]:
    """Start and end made at least MIN_BLOCK_MINUTES long, inside the day."""
    finish = max(finish, begin + MIN_BLOCK_MINUTES)
    if finish > DAY_MINUTES:
        return DAY_MINUTES - MIN_BLOCK_MINUTES, DAY_MINUTES
    return begin, finish


def assign_lanes(segments: list[Segment]) -> int:
    """Give each segment of one day a lane so overlapping ones sit side by side.

    Segments must be sorted by start. A freed lane is reused (lowest first). Each
    segment's `lanes` is the number of lanes its group of transitively overlapping
    segments needs, so a lone event takes the whole width of its day. Returns
    the number of lanes the day needs.
    """
    busy: list[tuple[int, int]] = []  # (end, lane) of segments still running
    free: list[int] = []  # lanes of the group that are free again
    group: list[Segment] = []
    group_lanes = 0
    group_end = -1
    day_lanes = 0
    for seg in segments:
        if group and seg.start >= group_end:  # nothing runs any more: a new group
            for member in group:
                member.lanes = group_lanes
            group, group_lanes, busy, free = [], 0, [], []
        while busy and busy[0][0] <= seg.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            seg.lane = heapq.heappop(free)
        else:
            seg.lane = group_lanes
            group_lanes += 1
        heapq.heappush(busy, (seg.end, seg.lane))
        group.append(seg)
        group_end = max(group_end, seg.end)
        day_lanes = max(day_lanes, group_lanes)
    for member in group:
        member.lanes = group_lanes
    return day_lanes


#: One event's part of one day: (event, day, start minute, end minute, first, last).
Piece = tuple[Event, date, int, int, bool, bool]


@dataclass(slots=True)
class Placement:
    """The programme sorted and cut into days, before any filter: made once per change."""

    events: list[Event]  # in time order (start, then end, then title)
    pieces: list[Piece]  # in the same order


def place_events(visit: Visit, events: Iterable[Event]) -> Placement:
    """Sort `events` and cut each into its days, in the visit's zone."""
    home = ZoneInfo(visit.tz)
    ordered = sorted(events, key=lambda e: (instant(e.start), instant(e.end), e.title.fr, e.id))
    pieces: list[Piece] = []
    for event in ordered:
        for day, begin, finish, first, last in _split(event, home):
            begin, finish = _padded(begin, finish)
            pieces.append((event, day, begin, finish, first, last))
    return Placement(ordered, pieces)


def lay_out(
    visit: Visit,
    placement: Placement,
    shown: Collection[str] | None = None,
    previous: ProgrammeLayout | None = None,
) -> ProgrammeLayout:
    """Lay out the events of `placement` whose ids are in `shown` (all for None).

    A day of `previous` showing the very same pieces keeps its segments (and
    their lanes and texts): a filter re-lays out only the days it changes.
    """
    if shown is None:
        pieces = placement.pieces
        order = [e.id for e in placement.events]
    else:
        pieces = [piece for piece in placement.pieces if piece[0].id in shown]
        order = [e.id for e in placement.events if e.id in shown]
    days = sorted(set(_visit_days(visit)) | {piece[1] for piece in pieces})
    index = {day: n for n, day in enumerate(days)}
    per_day_pieces: list[list[Piece]] = [[] for _ in days]
    for piece in pieces:
        per_day_pieces[index[piece[1]]].append(piece)
    before: dict[date, tuple[list[Segment], int]] = {}
    if previous is not None:
        before = {
            day: (segs, count)
            for day, segs, count in zip(
                previous.days, previous.segments, previous.lanes, strict=True
            )
        }
    per_day: list[list[Segment]] = []
    lanes: list[int] = []
    for n, (day, day_pieces) in enumerate(zip(days, per_day_pieces, strict=True)):
        kept = before.get(day)
        if kept is not None and _same(kept[0], day_pieces):
            for seg in kept[0]:
                seg.day = n
            per_day.append(kept[0])
            lanes.append(kept[1])
            continue
        segs = [
            Segment(e, n, start, end, first, last) for e, _d, start, end, first, last in day_pieces
        ]
        segs.sort(key=lambda s: (s.start, -s.end))
        lanes.append(assign_lanes(segs) if segs else 0)
        segs.sort(key=lambda s: (s.start, s.lane))
        per_day.append(segs)
    earliest = DEFAULT_FIRST_MINUTE
    by_event: dict[str, list[Segment]] = {}
    for segs in per_day:  # days in order: an event's segments come first day first
        if segs:
            earliest = min(earliest, segs[0].start - segs[0].start % 60)
        for seg in segs:
            by_event.setdefault(seg.event.id, []).append(seg)
    return ProgrammeLayout(
        days=days,
        outside=[not visit.start_date <= day <= visit.end_date for day in days],
        segments=per_day,
        lanes=lanes,
        first_minute=earliest,
        by_event=by_event,
        order=order,
    )


def _same(segments: list[Segment], pieces: list[Piece]) -> bool:
    """Whether a day's segments are those of `pieces` (the same events, the same minutes)."""
    if len(segments) != len(pieces):
        return False
    mine = {(id(seg.event), seg.start, seg.end) for seg in segments}
    return mine == {(id(p[0]), p[2], p[3]) for p in pieces}


def build_layout(
    visit: Visit,
    events: Iterable[Event],
    keep: Callable[[Event], bool] | None = None,
) -> ProgrammeLayout:
    """Lay out `events` (those `keep` accepts) on the visit's days, in the visit's zone.

    The days are the visit's own plus any other day an event falls on (a travel
    leg the day before); days outside the visit are flagged in `outside`.
    """
    return lay_out(visit, place_events(visit, [e for e in events if keep is None or keep(e)]))
