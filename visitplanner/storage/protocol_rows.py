"""Rows of an event's protocol arrangements: precedence, seating plan, wreaths, placement.

The repository reads them with the events they belong to (a few queries for the whole
visit) and writes them with the event: each save replaces the event's arrangements.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from visitplanner.domain.arrangements import (
    FeatureKind,
    Grouping,
    PlacementArea,
    PlacementPosition,
    Room,
    RoomFeature,
    Seat,
    SeatingOptions,
    SeatingPlan,
    SeatingStrategy,
    SeatRole,
    SeatSide,
    Table,
    TableShape,
    Wreath,
)
from visitplanner.domain.model import Event
from visitplanner.storage.rows import rows_of, text_from_db, text_to_db


@dataclass
class Arrangements:
    """What the protocol tables hold for one event."""

    precedence_ids: list[str] = field(default_factory=list)
    seating: SeatingPlan | None = None
    wreaths: list[Wreath] = field(default_factory=list)
    placement: list[PlacementPosition] = field(default_factory=list)


def load_line_people(conn: sqlite3.Connection, where: str, args: list[str]) -> dict[str, list[str]]:
    """Who each running-order line concerns, by line id (`where` filters on event_id)."""
    found: dict[str, list[str]] = defaultdict(list)
    sql = (
        "SELECT p.item_id, p.person_id FROM running_order_person p "
        "JOIN running_order_item i ON i.id = p.item_id"
        f"{where.replace('event_id', 'i.event_id')} ORDER BY p.item_id, p.position"
    )
    for item_id, person_id in conn.execute(sql, args):
        found[item_id].append(person_id)
    return found


def load_arrangements(
    conn: sqlite3.Connection, where: str, args: list[str]
) -> dict[str, Arrangements]:
    """The arrangements of the events `where` selects (a filter on event_id), by event id."""
    found: dict[str, Arrangements] = defaultdict(Arrangements)
    for r in rows_of(
        conn, f"SELECT * FROM precedence_override{where} ORDER BY event_id, position", args
    ):
        found[r["event_id"]].precedence_ids.append(r["person_id"])
    _load_seating(conn, where, args, found)
    _load_wreaths(conn, where, args, found)
    for r in rows_of(
        conn, f"SELECT * FROM placement_position{where} ORDER BY event_id, position", args
    ):
        found[r["event_id"]].placement.append(
            PlacementPosition(
                id=r["id"],
                area=PlacementArea(r["area"]),
                row=r["row"],
                place=r["place"],
                label=r["label"],
                wheelchair=bool(r["wheelchair"]),
                person_id=r["person_id"],
            )
        )
    return found


def _load_seating(
    conn: sqlite3.Connection, where: str, args: list[str], found: dict[str, Arrangements]
) -> None:
    seats: dict[str, list[Seat]] = defaultdict(list)
    for r in rows_of(
        conn,
        "SELECT s.*, t.event_id FROM seat s JOIN seating_table t ON t.id = s.table_id"
        f"{where.replace('event_id', 't.event_id')} ORDER BY s.table_id, s.number",
        args,
    ):
        seats[r["table_id"]].append(
            Seat(
                id=r["id"],
                number=r["number"],
                side=SeatSide(r["side"]),
                position=r["position"],
                label=r["label"],
                step_free=bool(r["step_free"]),
                locked=bool(r["locked"]),
                person_id=r["person_id"],
                reserved=SeatRole(r["reserved"]),
                near_exit=bool(r["near_exit"]),
            )
        )
    tables: dict[str, list[Table]] = defaultdict(list)
    for r in rows_of(conn, f"SELECT * FROM seating_table{where} ORDER BY event_id, position", args):
        tables[r["event_id"]].append(
            Table(
                id=r["id"],
                name=r["name"],
                shape=TableShape(r["shape"]),
                x=r["x"],
                y=r["y"],
                seats=seats.get(r["id"], []),
                rotation=r["rotation"],
                length=r["length"],
                number=r["number"],
            )
        )
    features: dict[str, list[RoomFeature]] = defaultdict(list)
    for r in rows_of(conn, f"SELECT * FROM room_feature{where} ORDER BY event_id, position", args):
        features[r["event_id"]].append(
            RoomFeature(
                id=r["id"],
                kind=FeatureKind(r["kind"]),
                label=r["label"],
                x=r["x"],
                y=r["y"],
                width=r["width"],
                depth=r["depth"],
            )
        )
    for r in rows_of(conn, f"SELECT * FROM seating_plan{where}", args):
        found[r["event_id"]].seating = SeatingPlan(
            strategy=SeatingStrategy(r["strategy"]),
            tables=tables.get(r["event_id"], []),
            room=Room(
                name=r["room_name"],
                width=r["room_width"],
                depth=r["room_depth"],
                features=features.get(r["event_id"], []),
            ),
            options=SeatingOptions(Grouping(r["couples"]), Grouping(r["delegations"])),
        )


def _load_wreaths(
    conn: sqlite3.Connection, where: str, args: list[str], found: dict[str, Arrangements]
) -> None:
    people: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows_of(
        conn,
        "SELECT p.* FROM wreath_person p JOIN wreath w ON w.id = p.wreath_id"
        f"{where.replace('event_id', 'w.event_id')} ORDER BY p.wreath_id, p.role, p.position",
        args,
    ):
        people[(r["wreath_id"], r["role"])].append(r["person_id"])
    for r in rows_of(conn, f"SELECT * FROM wreath{where} ORDER BY event_id, position", args):
        found[r["event_id"]].wreaths.append(
            Wreath(
                id=r["id"],
                ribbon=text_from_db(r["ribbon"]),
                layer_ids=people.get((r["id"], "layer"), []),
                carrier_ids=people.get((r["id"], "carrier"), []),
            )
        )


def save_line_people(conn: sqlite3.Connection, event: Event) -> None:
    """Write who each line of the event's running order concerns (lines written already)."""
    conn.executemany(
        "INSERT INTO running_order_person (item_id, person_id, position) VALUES (?, ?, ?)",
        [
            (line.id, person_id, index)
            for line in event.running_order
            for index, person_id in enumerate(line.person_ids)
        ],
    )


def save_arrangements(conn: sqlite3.Connection, event: Event) -> None:
    """Replace the event's precedence, seating plan, wreaths and placement by its own."""
    ident = event.id
    for table in ("precedence_override", "seating_plan", "wreath", "placement_position"):
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (ident,))
    conn.executemany(
        "INSERT INTO precedence_override (event_id, person_id, position) VALUES (?, ?, ?)",
        [(ident, person_id, index) for index, person_id in enumerate(event.precedence_ids)],
    )
    if event.seating is not None:
        _save_seating(conn, ident, event.seating)
    for index, wreath in enumerate(event.wreaths):
        conn.execute(
            "INSERT INTO wreath (id, event_id, position, ribbon) VALUES (?, ?, ?, ?)",
            (wreath.id, ident, index, text_to_db(wreath.ribbon)),
        )
        conn.executemany(
            "INSERT INTO wreath_person (wreath_id, person_id, role, position) VALUES (?, ?, ?, ?)",
            [(wreath.id, p, "layer", i) for i, p in enumerate(wreath.layer_ids)]
            + [(wreath.id, p, "carrier", i) for i, p in enumerate(wreath.carrier_ids)],
        )
    rows: list[tuple[Any, ...]] = [
        (
            position.id,
            ident,
            index,
            position.area.value,
            position.row,
            position.place,
            position.label,
            int(position.wheelchair),
            position.person_id,
        )
        for index, position in enumerate(event.placement)
    ]
    conn.executemany(
        "INSERT INTO placement_position "
        "(id, event_id, position, area, row, place, label, wheelchair, person_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _save_seating(conn: sqlite3.Connection, event_id: str, plan: SeatingPlan) -> None:
    conn.execute(
        "INSERT INTO seating_plan (event_id, strategy, room_name, room_width, room_depth, "
        "couples, delegations) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            event_id,
            plan.strategy.value,
            plan.room.name,
            plan.room.width,
            plan.room.depth,
            plan.options.couples,
            plan.options.delegations,
        ),
    )
    conn.executemany(
        "INSERT INTO room_feature (id, event_id, position, kind, label, x, y, width, depth) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (f.id, event_id, i, f.kind.value, f.label, f.x, f.y, f.width, f.depth)
            for i, f in enumerate(plan.room.features)
        ],
    )
    for index, table in enumerate(plan.tables):
        conn.execute(
            "INSERT INTO seating_table "
            "(id, event_id, position, name, shape, x, y, rotation, length, number) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                table.id,
                event_id,
                index,
                table.name,
                table.shape.value,
                table.x,
                table.y,
                table.rotation,
                table.length,
                table.number,
            ),
        )
        conn.executemany(
            "INSERT INTO seat (id, table_id, number, side, position, label, step_free, locked, "
            "person_id, reserved, near_exit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    seat.id,
                    table.id,
                    seat.number,
                    seat.side.value,
                    seat.position,
                    seat.label,
                    int(seat.step_free),
                    int(seat.locked),
                    seat.person_id,
                    seat.reserved.value,
                    int(seat.near_exit),
                )
                for seat in table.seats
            ],
        )
