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

import bisect
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


#: One event's part of one day: (event, day, start minute, end minute, first, last).
Piece = tuple[Event, date, int, int, bool, bool]
#: How events are ordered: start, end, French title, id (instants: see domain.values.instant).
SortKey = tuple[float, float, str, str]


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
    pieces: list[list[Piece]] = field(default_factory=list)  # per day: what it was made of

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
    return span_days(event.start, event.end, home)


def span_days(
    begin: datetime, finish: datetime, home: ZoneInfo
) -> list[tuple[date, int, int, bool, bool]]:
    """(day, start, end, first, last) for each day from `begin` to `finish` covers, in `home`
    time (also where a dragged event would go)."""
    start = begin.astimezone(home)
    end = finish.astimezone(home)
    parts: list[tuple[date, int, int, bool, bool]] = []
    day = start.date()
    last_day = end.date()
    if last_day > day and _minutes(end) == 0 and end.second == 0:
        last_day -= timedelta(days=1)  # ends at midnight: nothing on the next day
    while day <= last_day and len(parts) < MAX_DAYS_PER_EVENT:
        begin_minute = _minutes(start) if day == start.date() else 0
        finish_minute = _minutes(end) if day == end.date() else DAY_MINUTES
        parts.append((day, begin_minute, finish_minute, day == start.date(), day == last_day))
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


def _key(event: Event) -> SortKey:
    return (instant(event.start), instant(event.end), event.title.fr, event.id)


@dataclass(slots=True)
class Placement:
    """The programme sorted and cut into days, before any filter: made once per change
    of the whole programme, and patched (`update`) when a few events change."""

    home: ZoneInfo
    events: list[Event]  # in time order (start, then end, then title)
    keys: list[SortKey]  # each event's sort key, in the same order
    by_day: dict[date, list[Piece]]  # each day's pieces, in the same order

    @property
    def pieces(self) -> list[Piece]:
        """Every piece, day by day."""
        return [piece for day in sorted(self.by_day) for piece in self.by_day[day]]

    def _pieces_of(self, event: Event) -> list[Piece]:
        pieces = []
        for day, begin, finish, first, last in _split(event, self.home):
            begin, finish = _padded(begin, finish)
            pieces.append((event, day, begin, finish, first, last))
        return pieces

    def update(self, gone: Iterable[Event], came: Iterable[Event]) -> set[date]:
        """Take the events `gone` out and put the events `came` in (a few: an edit, an
        undo); the days whose pieces changed."""
        touched: set[date] = set()
        for event in gone:
            key = _key(event)
            at = bisect.bisect_left(self.keys, key)
            if at < len(self.keys) and self.keys[at] == key and self.events[at] is event:
                del self.keys[at], self.events[at]
            else:  # its key no longer says where it is: look for it
                at = next(n for n, e in enumerate(self.events) if e is event)
                del self.keys[at], self.events[at]
            for piece in self._pieces_of(event):
                day = piece[1]
                touched.add(day)
                self.by_day[day] = [p for p in self.by_day.get(day, []) if p[0] is not event]
        for event in came:
            key = _key(event)
            at = bisect.bisect_left(self.keys, key)
            self.keys.insert(at, key)
            self.events.insert(at, event)
            for piece in self._pieces_of(event):
                day = piece[1]
                # A new list, never one changed in place: a layout tells days apart by them.
                pieces = list(self.by_day.get(day, [])) if day not in touched else self.by_day[day]
                touched.add(day)
                bisect.insort(pieces, piece, key=lambda p: _key(p[0]))
                self.by_day[day] = pieces
        for day in touched:
            if not self.by_day[day]:
                del self.by_day[day]
        return touched


def place_events(visit: Visit, events: Iterable[Event]) -> Placement:
    """Sort `events` and cut each into its days, in the visit's zone."""
    home = ZoneInfo(visit.tz)
    keyed = sorted(((_key(e), e) for e in events), key=lambda pair: pair[0])
    placement = Placement(home, [e for _k, e in keyed], [k for k, _e in keyed], {})
    by_day = placement.by_day
    for event in placement.events:
        for piece in placement._pieces_of(event):
            by_day.setdefault(piece[1], []).append(piece)
    return placement


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
        chosen = placement.by_day
        order = [e.id for e in placement.events]
    else:
        chosen = {}
        for day, day_pieces in placement.by_day.items():
            kept_pieces = [piece for piece in day_pieces if piece[0].id in shown]
            if kept_pieces:
                chosen[day] = kept_pieces
        order = [e.id for e in placement.events if e.id in shown]
    days = sorted(set(_visit_days(visit)) | set(chosen))
    before: dict[date, tuple[list[Segment], int, list[Piece]]] = {}
    if previous is not None:
        before = {
            day: (segs, count, pieces)
            for day, segs, count, pieces in zip(
                previous.days, previous.segments, previous.lanes, previous.pieces, strict=True
            )
        }
    per_day: list[list[Segment]] = []
    lanes: list[int] = []
    per_day_pieces: list[list[Piece]] = []
    for n, day in enumerate(days):
        day_pieces = chosen.get(day, [])
        per_day_pieces.append(day_pieces)
        kept = before.get(day)
        # The same pieces (the same event objects, the same minutes): the day as it was.
        if kept is not None and (kept[2] is day_pieces or kept[2] == day_pieces):
            for seg in kept[0]:
                seg.day = n
            per_day.append(kept[0])
            lanes.append(kept[1])
            continue
        # A piece already shown keeps its segment (and the texts fitted to it): an edit
        # of one event repaints the day without making every block's lines again.
        known = {(id(s.event), s.start, s.end): s for s in kept[0]} if kept is not None else {}
        segs = []
        for e, _d, start, end, first, last in day_pieces:
            seen = known.get((id(e), start, end))
            if seen is None or (seen.first, seen.last) != (first, last):
                seen = Segment(e, n, start, end, first, last)
            else:
                seen.day = n
            segs.append(seen)
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
        pieces=per_day_pieces,
    )


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
