"""Seating plans: tables with numbered seats, hand moves, a room's tables from a description.

The proposal (the two strategies, WORKING and OFFICIAL, and the constraints it keeps)
lives in seating_proposal.py; `propose`, `outward` and `honour_order` are re-exported here.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from typing import Final

from visitplanner.domain import table_geometry as _geometry
from visitplanner.domain.arrangements import (
    Seat,
    SeatingPlan,
    SeatSide,
    Table,
    TableShape,
)
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.seating_proposal import honour_order, outward, propose
from visitplanner.i18n import _

__all__ = ["honour_order", "outward", "propose"]

#: Metres between two seats along a table (for the chart).
SEAT_PITCH: Final = 0.7


# --- tables ---------------------------------------------------------------------------


def long_table(
    name: str,
    per_side: int,
    ends: int = 0,
    x: float = 0.0,
    y: float = 0.0,
    *,
    one_side: bool = False,
    shape: TableShape = TableShape.LONG,
) -> Table:
    """A long table with `per_side` seats on each long side (on the north side only if
    `one_side`) and `ends` at each end; `shape` IMPERIAL rounds its ends."""
    if per_side < 1 or ends < 0:
        raise DomainError(_("a long table needs a seat on each side"))
    seats = [Seat(1, SeatSide.NORTH, i) for i in range(per_side)]
    seats += [Seat(1, SeatSide.EAST, i) for i in range(ends)]
    if not one_side:
        seats += [Seat(1, SeatSide.SOUTH, i) for i in reversed(range(per_side))]
    seats += [Seat(1, SeatSide.WEST, i) for i in reversed(range(ends))]
    for number, seat in enumerate(seats, start=1):  # clockwise from the north-west
        seat.number = number
    return Table(name=name, shape=shape, x=x, y=y, seats=seats)


def imperial_table(
    name: str, per_side: int, ends: int = 1, x: float = 0.0, y: float = 0.0
) -> Table:
    """An imperial table: long with rounded ends, `per_side` seats on each side and `ends`
    on each rounded end."""
    return long_table(name, per_side, ends, x, y, shape=TableShape.IMPERIAL)


def u_table(
    name: str, base: int, arms: int, inside: int = 0, x: float = 0.0, y: float = 0.0
) -> Table:
    """A U-shaped table open to the south: `base` seats along the outside of its base,
    `arms` along the outside of each arm, `inside` along the inner side of the base."""
    if base < 1 or arms < 1 or inside < 0:
        raise DomainError(_("a U-shaped table needs seats on its base and its arms"))
    seats = [Seat(1, SeatSide.NORTH, i) for i in range(base)]
    seats += [Seat(1, SeatSide.EAST, i) for i in range(arms)]
    seats += [Seat(1, SeatSide.SOUTH, i) for i in reversed(range(inside))]
    seats += [Seat(1, SeatSide.WEST, i) for i in reversed(range(arms))]
    for number, seat in enumerate(seats, start=1):
        seat.number = number
    return Table(name=name, shape=TableShape.U, x=x, y=y, seats=seats)


def round_table(name: str, count: int, x: float = 0.0, y: float = 0.0) -> Table:
    """A round table of `count` seats, numbered clockwise from the top."""
    if count < 2:
        raise DomainError(_("a round table needs two seats at least"))
    seats = [Seat(i + 1, SeatSide.ROUND, i) for i in range(count)]
    return Table(name=name, shape=TableShape.ROUND, x=x, y=y, seats=seats)


def head_table(name: str, count: int, x: float = 0.0, y: float = 0.0) -> Table:
    """A table of honour: `count` seats in one row facing the room (south)."""
    if count < 1:
        raise DomainError(_("a head table needs a seat"))
    seats = [Seat(i + 1, SeatSide.NORTH, i) for i in range(count)]
    return Table(name=name, shape=TableShape.HEAD, x=x, y=y, seats=seats)


def renumber(tables: Iterable[Table]) -> None:
    """Number every seat from 1, table after table, keeping each table's own order."""
    number = 1
    for table in tables:
        for seat in sorted(table.seats, key=lambda s: s.number):
            seat.number = number
            number += 1


def table_for(people: int, name: str) -> Table:
    """A long table just large enough for `people`: half on each side, no end seats."""
    return long_table(name, max(2, math.ceil(people / 2)))


# --- moving by hand -------------------------------------------------------------------


def move(plan: SeatingPlan, person_id: str, seat_id: str) -> SeatingPlan:
    """A copy of `plan` with `person_id` at `seat_id`; whoever sat there takes their old seat.

    A locked seat keeps its person: moving someone onto it, or out of it, is refused.
    """
    moved = copy.deepcopy(plan)
    target = moved.seat(seat_id)
    source = moved.seat_of(person_id)
    if source is target:
        return moved
    for seat in (target, source):
        if seat is not None and seat.locked:
            raise DomainError(_("seat {number} is locked").format(number=seat.number))
    displaced = target.person_id
    target.person_id = person_id
    if source is not None:
        source.person_id = displaced
    return moved


def unseat(plan: SeatingPlan, person_id: str) -> SeatingPlan:
    """A copy of `plan` where `person_id` has no seat."""
    changed = copy.deepcopy(plan)
    for _table, seat in changed.seats():
        if seat.person_id == person_id:
            if seat.locked:
                raise DomainError(_("seat {number} is locked").format(number=seat.number))
            seat.person_id = None
    return changed


def set_locked(plan: SeatingPlan, seat_id: str, locked: bool) -> SeatingPlan:
    """A copy of `plan` with the seat `seat_id` locked or unlocked."""
    changed = copy.deepcopy(plan)
    changed.seat(seat_id).locked = locked
    return changed


# --- a room's tables from a short description -----------------------------------------

#: Metres between the centres of two round tables of the room's grid.
_ROUND_SPACING: Final = 3.5


def tables_from_spec(spec: str, name: str = "{n}") -> list[Table]:
    """Tables from a description such as "long:8", "long:8+1", "head:7,round:10,round:10".

    long:N has N seats on each long side (+E at each end), imperial:N too (+1 at each
    rounded end unless told); round:N, head:N and u:N have N seats.
    `name` names each table ({n} is its number). The head table is put at the top of the
    room, round tables in rows of three below it; seats are numbered across the room.
    """
    tables: list[Table] = []
    y = 0.0
    rounds = 0
    for index, part in enumerate(p.strip() for p in spec.split(",")):
        shape, _sep, size = part.partition(":")
        seats, _plus, ends = size.partition("+")
        if (
            not seats.isdigit()
            or (ends and not ends.isdigit())
            or (ends and shape not in ("long", "imperial"))
        ):
            raise InputError(
                _(
                    "not a table: “{part}” (long:8, long:8+1, round:10, head:6, imperial:6 or u:12)"
                ).format(part=part)
            )
        label = name.format(n=index + 1)
        count = int(seats)
        if count < 1 or count > 200:
            raise InputError(_("a table has 1 to 200 seats: “{part}”").format(part=part))
        if shape == "long":
            tables.append(long_table(label, count, int(ends or 0), 0.0, y))
            y += 3.0
        elif shape == "head":
            tables.append(head_table(label, count, 0.0, y))
            y += 2.5
        elif shape == "imperial":
            tables.append(imperial_table(label, count, int(ends or 1), 0.0, y))
            y += 3.0
        elif shape == "u":
            table = u_table(label, 1, 1, x=0.0, y=y + 1.5)
            _geometry.reseat(table, _geometry.counts_for_seats(table, max(count, 3)))
            tables.append(table)
            y += 2.0 + _geometry.size(table)[1]
        elif shape == "round":
            column = rounds % 3
            if column == 0 and rounds:
                y += _ROUND_SPACING
            tables.append(round_table(label, max(count, 2), (column - 1) * _ROUND_SPACING, y + 1))
            rounds += 1
        else:
            raise InputError(
                _(
                    "not a table: “{part}” (long:8, long:8+1, round:10, head:6, imperial:6 or u:12)"
                ).format(part=part)
            )
    renumber(tables)
    return tables
