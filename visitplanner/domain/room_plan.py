"""Edits of a meal's room: tables added, duplicated, deleted, moved, turned, resized,
renamed, laid out in a grid; seats reserved, marked step-free or not, cleared; a person
shifted into a row of seats.

Each edit is a pure function returning a changed copy of the plan (the caller saves it
as one undoable operation). Seat and table ids never change: a table made smaller loses
its last seats (and who sat there goes back to the people without a seat), the others
keep their ids and their sitters. Seats are numbered across the room, table by table,
clockwise at each table.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Final

from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import (
    Room,
    Seat,
    SeatingPlan,
    SeatRole,
    Table,
    TableShape,
)
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.ids import new_id
from visitplanner.domain.seating import (
    head_table,
    imperial_table,
    long_table,
    round_table,
    u_table,
)
from visitplanner.i18n import _

#: Metres left free between two tables of a grid (an aisle with chairs pushed back).
AISLE: Final = 1.2
#: The steps of a table's rotation from the keyboard and the mouse (free with a modifier).
ROTATION_STEP: Final = 15.0
#: The most seats a table may have.
MAX_SEATS: Final = 200


def new_table(shape: TableShape, seats: int, name: str, *, one_side: bool = False) -> Table:
    """A table of `shape` with about `seats` seats, at the room's centre."""
    if not 1 <= seats <= MAX_SEATS:
        raise InputError(_("a table has 1 to 200 seats"))
    if shape is TableShape.ROUND:
        return round_table(name, max(seats, 2))
    if shape is TableShape.HEAD:
        return head_table(name, seats)
    if shape is TableShape.IMPERIAL:
        return imperial_table(name, max(1, (seats - 2 + 1) // 2), 1 if seats >= 4 else 0)
    if shape is TableShape.U:
        table = u_table(name, 1, 1)
        geometry.reseat(table, geometry.counts_for_seats(table, max(seats, 3)))
        return table
    if one_side:
        return long_table(name, seats, one_side=True)
    table = long_table(name, max(1, seats // 2))
    geometry.reseat(table, geometry.counts_for_seats(table, max(seats, 2)))
    return table


def renumber(plan: SeatingPlan) -> None:
    """Number every seat from 1, table after table, clockwise at each table."""
    number = 1
    for table in plan.tables:
        for seat in geometry.clockwise(table):
            seat.number = number
            number += 1


def _edit(plan: SeatingPlan, change: Callable[[SeatingPlan], None]) -> SeatingPlan:
    changed = copy.deepcopy(plan)
    change(changed)
    return changed


def _next_name(plan: SeatingPlan) -> tuple[str, int]:
    numbers = [t.number for t in plan.tables if t.number is not None]
    numbers += [int(t.name) for t in plan.tables if t.name.isdigit()]
    number = max(numbers, default=0) + 1
    return str(number), number


def add_tables(
    plan: SeatingPlan, shape: TableShape, seats: int, count: int = 1, *, one_side: bool = False
) -> SeatingPlan:
    """`count` new tables numbered after the others, put below the tables there are."""
    if not 1 <= count <= 200:
        raise InputError(_("add 1 to 200 tables at a time"))

    def change(p: SeatingPlan) -> None:
        _left, _top, _right, bottom = geometry.bounds(p.tables)
        added = []
        for _index in range(count):
            name, number = _next_name(p)
            table = new_table(shape, seats, name, one_side=one_side)
            table.number = number
            p.tables.append(table)
            added.append(table)
        width, depth = _cell(added)
        columns = _columns(len(added), p.room.width, width)
        for index, table in enumerate(added):
            row, column = divmod(index, columns)
            table.x = (column - (columns - 1) / 2) * width
            table.y = (bottom + depth / 2 if p.tables[:-count] else 0.0) + row * depth
        renumber(p)

    return _edit(plan, change)


def _cell(tables: list[Table]) -> tuple[float, float]:
    """The width and depth a table of `tables` takes in a grid, aisle included."""
    width = depth = 0.0
    for table in tables:
        left, top, right, bottom = geometry.bounds([_unturned(table)])
        width, depth = max(width, right - left), max(depth, bottom - top)
    return width + AISLE, depth + AISLE


def _unturned(table: Table) -> Table:
    shadow = copy.copy(table)
    shadow.x = shadow.y = 0.0
    return shadow


def _columns(count: int, room_width: float, cell_width: float) -> int:
    if room_width > 0:
        return max(1, min(count, int(room_width / cell_width)))
    return max(1, math.ceil(math.sqrt(count)))


def arrange_grid(plan: SeatingPlan, columns: int | None = None) -> SeatingPlan:
    """Every table in rows and columns, in their order, centred in the room."""

    def change(p: SeatingPlan) -> None:
        if not p.tables:
            return
        width, depth = _cell(p.tables)
        across = columns or _columns(len(p.tables), p.room.width, width)
        rows = math.ceil(len(p.tables) / across)
        for index, table in enumerate(p.tables):
            row, column = divmod(index, across)
            table.x = (column - (across - 1) / 2) * width
            table.y = (row - (rows - 1) / 2) * depth

    return _edit(plan, change)


def duplicate_table(plan: SeatingPlan, table_id: str) -> SeatingPlan:
    """A copy of a table beside it, with new ids, its seats empty and unlocked."""

    def change(p: SeatingPlan) -> None:
        source = p.table(table_id)
        copied = copy.deepcopy(source)
        copied.id = new_id()
        name, number = _next_name(p)
        copied.name, copied.number = name, number
        for seat in copied.seats:
            seat.id = new_id()
            seat.person_id = None
            seat.locked = False
        left, _top, right, _bottom = geometry.bounds([source])
        copied.x = source.x + (right - left) + AISLE
        p.tables.insert(p.tables.index(source) + 1, copied)
        renumber(p)

    return _edit(plan, change)


def delete_table(plan: SeatingPlan, table_id: str) -> SeatingPlan:
    """The plan without the table (whoever sat there has no seat); a locked seat refuses."""

    def change(p: SeatingPlan) -> None:
        table = p.table(table_id)
        for seat in table.seats:
            if seat.locked:
                raise DomainError(
                    _("seat {number} is locked: unlock it to delete its table").format(
                        number=seat.number
                    )
                )
        p.tables.remove(table)
        renumber(p)

    return _edit(plan, change)


def move_table(plan: SeatingPlan, table_id: str, x: float, y: float) -> SeatingPlan:
    """The table's centre at (x, y) metres from the room's centre."""

    def change(p: SeatingPlan) -> None:
        table = p.table(table_id)
        table.x, table.y = round(x, 2), round(y, 2)

    return _edit(plan, change)


def rotate_table(plan: SeatingPlan, table_id: str, degrees: float) -> SeatingPlan:
    """The table turned to `degrees` clockwise from north up."""

    def change(p: SeatingPlan) -> None:
        p.table(table_id).rotation = round(degrees, 1) % 360

    return _edit(plan, change)


def resize_table(plan: SeatingPlan, table_id: str, length: float) -> SeatingPlan:
    """The table `length` metres long (a round table's diameter), with as many seats as fit."""
    if not 0.5 <= length <= 60:
        raise InputError(_("a table is 0.5 to 60 metres long"))

    def change(p: SeatingPlan) -> None:
        table = p.table(table_id)
        geometry.reseat(table, geometry.counts_for_length(table, length))
        table.length = round(length, 2)
        renumber(p)

    return _edit(plan, change)


def set_seat_count(plan: SeatingPlan, table_id: str, seats: int) -> SeatingPlan:
    """The table with `seats` seats, its size following them."""
    if not 1 <= seats <= MAX_SEATS:
        raise InputError(_("a table has 1 to 200 seats"))

    def change(p: SeatingPlan) -> None:
        table = p.table(table_id)
        geometry.reseat(table, geometry.counts_for_seats(table, seats))
        table.length = 0.0
        renumber(p)

    return _edit(plan, change)


def rename_table(plan: SeatingPlan, table_id: str, name: str, number: int | None) -> SeatingPlan:
    """The table's name and number (None: no number, its card prints the name)."""
    if not name.strip() and number is None:
        raise InputError(_("a table needs a name or a number"))
    if number is not None and number < 1:
        raise InputError(_("a table's number starts at 1"))

    def change(p: SeatingPlan) -> None:
        table = p.table(table_id)
        table.name, table.number = name.strip(), number

    return _edit(plan, change)


def set_room(plan: SeatingPlan, room: Room) -> SeatingPlan:
    """The plan in another room (its tables where they are)."""
    return _edit(plan, lambda p: setattr(p, "room", copy.deepcopy(room)))


# --- seats --------------------------------------------------------------------------------


def _seat_edit(plan: SeatingPlan, seat_id: str, change: Callable[[Seat], None]) -> SeatingPlan:
    return _edit(plan, lambda p: change(p.seat(seat_id)))


def reserve_seat(plan: SeatingPlan, seat_id: str, role: SeatRole) -> SeatingPlan:
    """The seat kept for a role (host, guest, interpreter), or for no one in particular."""
    return _seat_edit(plan, seat_id, lambda s: setattr(s, "reserved", SeatRole(role)))


def set_step_free(plan: SeatingPlan, seat_id: str, step_free: bool) -> SeatingPlan:
    """The seat marked as reachable in a wheelchair, or not."""
    return _seat_edit(plan, seat_id, lambda s: setattr(s, "step_free", step_free))


def clear_seat(plan: SeatingPlan, seat_id: str) -> SeatingPlan:
    """The seat empty (its sitter without a seat); a locked seat refuses."""

    def change(seat: Seat) -> None:
        if seat.locked:
            raise DomainError(_("seat {number} is locked").format(number=seat.number))
        seat.person_id = None

    return _seat_edit(plan, seat_id, change)


def shift_to(plan: SeatingPlan, person_id: str, seat_id: str) -> SeatingPlan:
    """`person_id` at `seat_id`, the sitters from there on moved one seat along the table
    (clockwise) up to the first empty seat, or up to the person's old seat at that table."""

    def change(p: SeatingPlan) -> None:
        table = p.table_of(seat_id)
        ring = geometry.clockwise(table)
        target = p.seat(seat_id)
        old = p.seat_of(person_id)
        if old is target:
            return
        if old is not None:
            if old.locked:
                raise DomainError(_("seat {number} is locked").format(number=old.number))
            old.person_id = None
        start = ring.index(target)
        chain: list[Seat] = []
        for k in range(len(ring)):
            seat = ring[(start + k) % len(ring)]
            if seat.locked:
                raise DomainError(_("seat {number} is locked").format(number=seat.number))
            chain.append(seat)
            if seat.person_id is None:
                break
        else:
            raise DomainError(_("no empty seat at this table to shift the others into"))
        for later, earlier in zip(reversed(chain[1:]), reversed(chain[:-1]), strict=True):
            later.person_id = earlier.person_id
        target.person_id = person_id

    return _edit(plan, change)
