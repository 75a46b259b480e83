"""Where a table and its seats are in the room, in metres: the one geometry the chart on
screen and the printed plan both draw, so that what is printed to scale is what was seen.

A table is laid out around its centre, north up, then turned `rotation` degrees clockwise
and moved to (x, y) (x east, y south of the room's centre). Each shape's size comes from
its seats (`SEAT_PITCH` a place along a side, `ROUND_PITCH` around a round table) unless
the table was given a length (a round table's diameter); resizing a table changes how
many seats it has, and the seats kept keep their ids (and their sitters).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from visitplanner.domain.arrangements import Seat, SeatSide, Table, TableShape
from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _

#: Metres a seat takes along a straight side.
SEAT_PITCH: Final = 0.7
#: Metres a seat takes along a round table's edge.
ROUND_PITCH: Final = 0.57
#: How far a seat's centre is from the table's edge.
SEAT_OFFSET: Final = 0.35
#: The depth of a long or imperial table, of a head table, of a U's band.
LONG_DEPTH: Final = 0.9
HEAD_DEPTH: Final = 0.8
U_BAND: Final = 0.8
#: The smallest round table.
MIN_DIAMETER: Final = 0.9

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Footprint:
    """A table's outline and its seats, in room metres."""

    outline: list[Point]
    seats: list[tuple[Seat, Point]]
    centre: Point


# --- sizes --------------------------------------------------------------------------------


def _count(table: Table, side: SeatSide) -> int:
    return sum(1 for s in table.seats if s.side is side)


def size(table: Table) -> tuple[float, float]:
    """The table's (length, depth) in metres, before it is turned (a round table's are
    both its diameter; a U's depth is the length of its arms)."""
    if table.shape is TableShape.ROUND:
        diameter = table.length or max(
            MIN_DIAMETER, _count(table, SeatSide.ROUND) * ROUND_PITCH / math.pi
        )
        return diameter, diameter
    longest = max(_count(table, SeatSide.NORTH), _count(table, SeatSide.SOUTH), 1)
    if table.shape is TableShape.HEAD:
        return table.length or longest * SEAT_PITCH, HEAD_DEPTH
    if table.shape is TableShape.U:
        arms = max(_count(table, SeatSide.WEST), _count(table, SeatSide.EAST), 1)
        inner = _count(table, SeatSide.SOUTH)
        need = max(_count(table, SeatSide.NORTH) * SEAT_PITCH, inner * SEAT_PITCH + 2 * U_BAND)
        return table.length or max(need, 2 * U_BAND + SEAT_PITCH), U_BAND + arms * SEAT_PITCH
    ends = max(_count(table, SeatSide.WEST), _count(table, SeatSide.EAST))
    depth = max(LONG_DEPTH, ends * SEAT_PITCH)
    if table.shape is TableShape.IMPERIAL:
        return table.length or longest * SEAT_PITCH + depth, depth
    return table.length or longest * SEAT_PITCH, depth


# --- the drawing, before it is turned ----------------------------------------------------


def _along(count: int, start: float, span: float) -> list[float]:
    """`count` centres spread evenly over [start, start + span]."""
    return [start + (i + 0.5) * span / count for i in range(count)]


def _local_outline(table: Table, length: float, depth: float) -> list[Point]:
    if table.shape is TableShape.ROUND:
        r = length / 2
        return [
            (r * math.cos(2 * math.pi * k / 48), r * math.sin(2 * math.pi * k / 48))
            for k in range(48)
        ]
    if table.shape is TableShape.IMPERIAL:
        r = depth / 2
        straight = max(length - depth, 0.0) / 2
        east = [(straight + r * math.cos(a), r * math.sin(a)) for a in _arc(-90, 90)]
        west = [(-straight + r * math.cos(a), r * math.sin(a)) for a in _arc(90, 270)]
        return east + west
    h, d = length / 2, depth / 2
    if table.shape is TableShape.U:
        b = U_BAND
        return [
            (-h, -d),
            (h, -d),
            (h, d),
            (h - b, d),
            (h - b, -d + b),
            (-h + b, -d + b),
            (-h + b, d),
            (-h, d),
        ]
    return [(-h, -d), (h, -d), (h, d), (-h, d)]


def _arc(start: float, end: float, steps: int = 12) -> list[float]:
    return [math.radians(start + (end - start) * k / steps) for k in range(steps + 1)]


def _local_seats(table: Table, length: float, depth: float) -> list[tuple[Seat, Point]]:
    o = SEAT_OFFSET
    h, d = length / 2, depth / 2
    placed: list[tuple[Seat, Point]] = []
    if table.shape is TableShape.ROUND:
        ring = table.side(SeatSide.ROUND)
        for index, seat in enumerate(ring):
            a = -math.pi / 2 + 2 * math.pi * index / len(ring)
            placed.append((seat, ((h + o) * math.cos(a), (h + o) * math.sin(a))))
        return placed
    north, south = table.side(SeatSide.NORTH), table.side(SeatSide.SOUTH)
    west, east = table.side(SeatSide.WEST), table.side(SeatSide.EAST)
    if table.shape is TableShape.U:
        b = U_BAND
        xs = _along(len(north), -h, length)
        placed += [(s, (x, -d - o)) for s, x in zip(north, xs, strict=True)]
        inner = _along(len(south), -h + b, length - 2 * b)
        placed += [(s, (x, -d + b + o)) for s, x in zip(south, inner, strict=True)]
        arm_y = _along(len(east), -d + b, depth - b)
        placed += [(s, (h + o, y)) for s, y in zip(east, arm_y, strict=True)]
        arm_y = _along(len(west), -d + b, depth - b)
        placed += [(s, (-h - o, y)) for s, y in zip(west, arm_y, strict=True)]
        return placed
    straight = max(length - depth, 0.0) if table.shape is TableShape.IMPERIAL else length
    placed += [
        (s, (x, -d - o))
        for s, x in zip(north, _along(len(north), -straight / 2, straight), strict=True)
    ]
    placed += [
        (s, (x, d + o))
        for s, x in zip(south, _along(len(south), -straight / 2, straight), strict=True)
    ]
    if table.shape is TableShape.IMPERIAL:
        r = d + o
        for row, sign in ((east, 1.0), (west, -1.0)):
            for seat, a in zip(row, _along(len(row), -90, 180), strict=True):
                t = math.radians(a)
                placed.append((seat, (sign * (straight / 2 + r * math.cos(t)), r * math.sin(t))))
        return placed
    placed += [(s, (h + o, y)) for s, y in zip(east, _along(len(east), -d, depth), strict=True)]
    placed += [(s, (-h - o, y)) for s, y in zip(west, _along(len(west), -d, depth), strict=True)]
    return placed


def turn(point: Point, degrees: float) -> Point:
    """`point` turned clockwise (y points south) about the origin."""
    a = math.radians(degrees)
    x, y = point
    return x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)


_NORMALS: Final = {
    SeatSide.NORTH: (0.0, -1.0),
    SeatSide.SOUTH: (0.0, 1.0),
    SeatSide.EAST: (1.0, 0.0),
    SeatSide.WEST: (-1.0, 0.0),
}


def outward(table: Table, seat: Seat) -> Point:
    """The direction from the table towards a seat's sitter (a unit vector, turned with
    the table): where a name is written beside its seat."""
    if seat.side is SeatSide.ROUND:
        ring = table.side(SeatSide.ROUND)
        a = -math.pi / 2 + 2 * math.pi * ring.index(seat) / max(len(ring), 1)
        return turn((math.cos(a), math.sin(a)), table.rotation)
    normal = _NORMALS[seat.side]
    if table.shape is TableShape.U and seat.side is SeatSide.SOUTH:
        normal = (0.0, 1.0)  # the base's inner side faces into the U
    return turn(normal, table.rotation)


def directions(table: Table) -> dict[str, Point]:
    """`outward` of every seat of `table`, by seat id (one pass over the table)."""
    found: dict[str, Point] = {}
    ring = table.side(SeatSide.ROUND)
    for index, seat in enumerate(ring):
        a = -math.pi / 2 + 2 * math.pi * index / len(ring)
        found[seat.id] = turn((math.cos(a), math.sin(a)), table.rotation)
    for seat in table.seats:
        if seat.side is not SeatSide.ROUND:
            found[seat.id] = turn(_NORMALS[seat.side], table.rotation)
    return found


def footprint(table: Table) -> Footprint:
    """The table's outline and seats in the room, turned and placed."""
    length, depth = size(table)

    def place(p: Point) -> Point:
        x, y = turn(p, table.rotation)
        return table.x + x, table.y + y

    return Footprint(
        outline=[place(p) for p in _local_outline(table, length, depth)],
        seats=[(s, place(p)) for s, p in _local_seats(table, length, depth)],
        centre=(table.x, table.y),
    )


def bounds(tables: list[Table]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in metres around every table and seat."""
    xs: list[float] = []
    ys: list[float] = []
    for table in tables:
        shape = footprint(table)
        for x, y in [*shape.outline, *(p for _s, p in shape.seats)]:
            xs.append(x)
            ys.append(y)
    if not xs:
        return 0.0, 0.0, 0.0, 0.0
    return (
        min(xs) - SEAT_OFFSET,
        min(ys) - SEAT_OFFSET,
        max(xs) + SEAT_OFFSET,
        max(ys) + SEAT_OFFSET,
    )


# --- seats clockwise, and how many -------------------------------------------------------


def clockwise(table: Table) -> list[Seat]:
    """A table's seats clockwise from the north-west (from the top for a round table): the
    order they are numbered in."""
    if table.shape is TableShape.ROUND:
        return table.side(SeatSide.ROUND)
    # A U: along the base, down the east arm, back along the base's inner side, up the
    # west arm.
    return [
        *table.side(SeatSide.NORTH),
        *table.side(SeatSide.EAST),
        *reversed(table.side(SeatSide.SOUTH)),
        *reversed(table.side(SeatSide.WEST)),
        *table.side(SeatSide.ROUND),
    ]


def reseat(table: Table, counts: dict[SeatSide, int]) -> None:
    """Give each side of `table` `counts[side]` seats: the first ones kept (ids, sitters,
    locks), new ones added, the last ones taken away. A locked seat is not taken away.

    Seat numbers are then the table's own, from 1 (the plan renumbers across tables).
    """
    kept: list[Seat] = []
    for side in SeatSide:
        row = table.side(side)
        wanted = counts.get(side, 0)
        for seat in row[wanted:]:
            if seat.locked:
                raise DomainError(
                    _("seat {number} is locked: unlock it to take it away").format(
                        number=seat.number
                    )
                )
        row = row[:wanted]
        for position, seat in enumerate(row):
            seat.position = position
        row += [Seat(1, side, position) for position in range(len(row), wanted)]
        kept += row
    table.seats = kept
    table.seats = clockwise(table)  # kept in the order they are numbered, as a file reads
    for number, seat in enumerate(table.seats, start=1):
        seat.number = number


def seat_counts(table: Table) -> dict[SeatSide, int]:
    """How many seats each side of `table` has."""
    return {side: _count(table, side) for side in SeatSide if _count(table, side)}


def counts_for_length(table: Table, length: float) -> dict[SeatSide, int]:
    """How many seats each side has once `table` is `length` metres long (a diameter)."""
    now = seat_counts(table)
    if table.shape is TableShape.ROUND:
        return {SeatSide.ROUND: max(2, int(math.pi * length / ROUND_PITCH + 1e-9))}
    if table.shape is TableShape.U:
        result = dict(now)
        result[SeatSide.NORTH] = max(1, int(length / SEAT_PITCH + 1e-9))
        if now.get(SeatSide.SOUTH):
            result[SeatSide.SOUTH] = max(1, int((length - 2 * U_BAND) / SEAT_PITCH + 1e-9))
        return result
    depth = size(table)[1]
    straight = length - depth if table.shape is TableShape.IMPERIAL else length
    per_side = max(1, int(straight / SEAT_PITCH + 1e-9))
    result = dict(now)
    for side in (SeatSide.NORTH, SeatSide.SOUTH):
        if now.get(side) or (side is SeatSide.NORTH and table.shape is TableShape.HEAD):
            result[side] = per_side
    return result


def counts_for_seats(table: Table, total: int) -> dict[SeatSide, int]:
    """How many seats each side has once `table` has `total` seats, ends kept as they are
    (a U's seats go round its outside, its inner side kept)."""
    if total < 1:
        raise DomainError(_("a table needs a seat"))
    now = seat_counts(table)
    if table.shape is TableShape.ROUND:
        if total < 2:
            raise DomainError(_("a round table needs two seats at least"))
        return {SeatSide.ROUND: total}
    if table.shape is TableShape.HEAD:
        return {SeatSide.NORTH: total}
    if table.shape is TableShape.U:
        inner = now.get(SeatSide.SOUTH, 0)
        outside = max(total - inner, 3)
        arm = max(1, outside // 4)
        return {SeatSide.WEST: arm, SeatSide.EAST: arm, SeatSide.NORTH: outside - 2 * arm} | (
            {SeatSide.SOUTH: inner} if inner else {}
        )
    ends: dict[SeatSide, int] = {
        s: n for s, n in now.items() if s in (SeatSide.WEST, SeatSide.EAST)
    }
    sides = [s for s in (SeatSide.NORTH, SeatSide.SOUTH) if now.get(s)] or [SeatSide.NORTH]
    rest = total - sum(ends.values())
    if rest < len(sides):
        raise DomainError(_("a table needs a seat on each side"))
    result: dict[SeatSide, int] = dict(ends)
    for index, side in enumerate(sides):
        result[side] = rest // len(sides) + (1 if index < rest % len(sides) else 0)
    return result
