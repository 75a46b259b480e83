"""A meal's room: tables of every shape, their seats where a guest expects them, each edit
one undoable step that keeps every id, the old files migrated, the plan printed to scale."""

from __future__ import annotations

import io
import itertools
import math
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf.generic import ContentStream
from sqlite_utils import Database

from tests.pdfread import read_pdf
from tests.protocol_factories import by_name
from visitplanner.demo import build_demo
from visitplanner.domain import room_plan
from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import (
    FeatureKind,
    Room,
    RoomFeature,
    SeatingPlan,
    SeatRole,
    SeatSide,
    Table,
    TableShape,
)
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.lookup import find_event
from visitplanner.domain.seating import imperial_table, long_table, round_table, u_table
from visitplanner.domain.values import Profile
from visitplanner.exports.scale_plan import plan_pdf, points_per_metre, scale_of
from visitplanner.exports.table_cards import table_cards_pdf
from visitplanner.services import seating as seating_service
from visitplanner.services.visit_files import open_visit, write_visit
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

# --- geometry -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "count"),
    [
        (round_table("r", 10), 10),
        (long_table("l", 8, 1), 18),
        (long_table("l1", 6, one_side=True), 6),
        (imperial_table("i", 5, 1), 12),
        (u_table("u", 6, 3), 12),
        (u_table("u2", 6, 3, inside=4), 16),
    ],
)
def test_each_shape_has_its_seats_outside_the_table(table: Table, count: int) -> None:
    shape = geometry.footprint(table)
    assert len(shape.seats) == len(table.seats) == count
    xs = [x for x, _y in shape.outline]
    ys = [y for _x, y in shape.outline]
    radius = geometry.size(table)[0] / 2
    for _seat, (x, y) in shape.seats:
        # Each seat is off the table's top, a chair's width from its edge.
        if table.shape is TableShape.ROUND:
            assert math.hypot(x, y) > radius + 0.2
        elif table.shape is not TableShape.U:  # a U's inner seats are inside its box
            assert not (min(xs) < x < max(xs) and min(ys) < y < max(ys))
        assert min(math.dist((x, y), p) for p in shape.outline) > 0.2


def _angles(table: Table) -> list[float]:
    """Each seat's bearing from the table's centre, clockwise from north, by number."""
    places = {seat.id: point for seat, point in geometry.footprint(table).seats}
    ordered = sorted(table.seats, key=lambda s: s.number)
    bearings = []
    for seat in ordered:
        x, y = places[seat.id]
        bearings.append(math.degrees(math.atan2(x - table.x, -(y - table.y))) % 360)
    return bearings


@pytest.mark.parametrize(
    "make",
    [
        lambda: round_table("r", 9),
        lambda: long_table("l", 5, 1),
        lambda: imperial_table("i", 4, 2),
    ],
)
@pytest.mark.parametrize("rotation", [0.0, 45.0, 90.0, 195.0])
def test_seats_are_numbered_clockwise_at_any_rotation(make, rotation: float) -> None:  # type: ignore[no-untyped-def]
    table = make()
    table.rotation = rotation
    table.x, table.y = 3.0, -2.0
    bearings = _angles(table)
    turns = [(b - a) % 360 for a, b in itertools.pairwise(bearings)]
    assert all(0 < t < 180 for t in turns)  # each next seat a little further clockwise
    assert sum(turns) < 360


def test_a_table_turned_a_quarter_puts_its_north_side_to_the_east() -> None:
    table = long_table("l", 4)
    table.rotation = 90
    north = [p for seat, p in geometry.footprint(table).seats if seat.side is SeatSide.NORTH]
    assert all(x > 0.3 and abs(y) < 1.5 for x, y in north)
    assert geometry.outward(table, table.side(SeatSide.NORTH)[0]) == pytest.approx((1.0, 0.0))


def test_resizing_keeps_the_ids_and_sitters_of_the_seats_that_stay() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 10)
    table = plan.tables[0]
    first = table.seats[0]
    first.person_id = "p1"
    bigger = room_plan.resize_table(plan, table.id, 2.4)
    grown = bigger.tables[0]
    assert len(grown.seats) == 13
    assert grown.seats[0].id == first.id and grown.seats[0].person_id == "p1"
    smaller = room_plan.set_seat_count(bigger, table.id, 6)
    assert [s.id for s in smaller.tables[0].seats] == [s.id for s in grown.seats[:6]]
    assert sorted(s.number for s in smaller.tables[0].seats) == list(range(1, 7))
    long = room_plan.add_tables(SeatingPlan(), TableShape.LONG, 10)
    longer = room_plan.resize_table(long, long.tables[0].id, 4.2)
    assert len(longer.tables[0].seats) == 12  # six a side
    assert geometry.size(longer.tables[0])[0] == pytest.approx(4.2)


def test_a_locked_seat_is_not_taken_away() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 8)
    table = plan.tables[0]
    geometry.clockwise(table)[-1].locked = True
    with pytest.raises(DomainError, match="locked"):
        room_plan.set_seat_count(plan, table.id, 4)
    with pytest.raises(DomainError, match="locked"):
        room_plan.delete_table(plan, table.id)


def test_sixty_tables_of_ten_in_a_grid_do_not_overlap() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 10, count=60)
    plan = room_plan.arrange_grid(plan)
    assert len(plan.tables) == 60
    assert [s.number for _t, s in plan.seats()] == list(range(1, 601))
    boxes = [geometry.bounds([t]) for t in plan.tables]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert {t.number for t in plan.tables} == set(range(1, 61))


def test_duplicate_makes_new_ids_and_empty_seats() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.IMPERIAL, 12)
    plan.tables[0].seats[0].person_id = "p1"
    copied = room_plan.duplicate_table(plan, plan.tables[0].id)
    original, twin = copied.tables
    assert twin.id != original.id and len(twin.seats) == len(original.seats)
    assert not {s.id for s in twin.seats} & {s.id for s in original.seats}
    assert all(s.person_id is None for s in twin.seats)
    assert twin.number == 2 and twin.x > original.x


def test_shift_moves_the_others_along_to_the_empty_seat() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 5)
    ring = geometry.clockwise(plan.tables[0])
    for seat, person in zip(ring, ["a", "b", "c", None, None], strict=True):
        seat.person_id = person
    shifted = room_plan.shift_to(plan, "z", ring[0].id)
    assert [s.person_id for s in geometry.clockwise(shifted.tables[0])] == [
        "z",
        "a",
        "b",
        "c",
        None,
    ]
    again = room_plan.shift_to(shifted, "c", ring[1].id)  # within the table: to its hole
    assert [s.person_id for s in geometry.clockwise(again.tables[0])] == [
        "z",
        "c",
        "a",
        "b",
        None,
    ]


def test_bad_sizes_are_refused_with_a_reason() -> None:
    plan = room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 10)
    with pytest.raises(InputError):
        room_plan.set_seat_count(plan, plan.tables[0].id, 0)
    with pytest.raises(InputError):
        room_plan.resize_table(plan, plan.tables[0].id, 0.1)
    with pytest.raises(InputError):
        room_plan.rename_table(plan, plan.tables[0].id, " ", None)
    with pytest.raises(DomainError):
        Room(width=-1)


# --- one write path, with undo --------------------------------------------------------------


def test_each_room_edit_is_one_step_undone_with_the_same_ids(tmp_visit_path: Path) -> None:
    write_visit(tmp_visit_path, build_demo())
    session = open_visit(tmp_visit_path)
    try:
        dinner = find_event(session.data, "Dîner de travail")
        ceremony = next(e for e in session.data.events if e.wreaths)
        before = dinner.seating
        assert before is not None
        head = before.tables[0]
        kalmykova = by_name(session.data, "Kalmykova").id
        session.apply(
            seating_service.room_operation(
                dinner, lambda p: room_plan.add_tables(p, TableShape.ROUND, 10, 3), "add"
            )
        )
        dinner = session.data.event(dinner.id)
        session.apply(
            seating_service.room_operation(
                dinner, lambda p: room_plan.rotate_table(p, head.id, 30), "turn"
            )
        )
        dinner = session.data.event(dinner.id)
        assert dinner.seating is not None and len(dinner.seating.tables) == 4
        assert dinner.seating.table(head.id).rotation == 30
        session.apply(
            seating_service.room_operation(
                dinner, lambda p: room_plan.delete_table(p, head.id), "delete"
            )
        )
        gone = session.data.event(dinner.id).seating
        assert gone is not None and gone.seat_of(kalmykova) is None  # back to "No seat"
        assert session.data.event(ceremony.id) == ceremony  # the wreaths untouched
        session.undo()
        session.undo()
        session.undo()
        restored = session.data.event(dinner.id).seating
        assert restored == before
        session.redo()
        again = session.data.event(dinner.id).seating
        assert again is not None and next(t.id for t in again.tables) == head.id
        assert again.tables[0].seats == head.seats
    finally:
        session.close()
    reopened = open_visit(tmp_visit_path)
    try:
        plan = reopened.data.event(dinner.id).seating
        assert plan is not None and len(plan.tables) == 4
    finally:
        reopened.close()


def test_a_room_and_a_reserved_seat_stay_in_the_file(tmp_visit_path: Path) -> None:
    data = build_demo()
    dinner = find_event(data, "Dîner de travail")
    assert dinner.seating is not None
    plan = room_plan.set_room(
        dinner.seating,
        Room("Salon Murat", 18, 12, [RoomFeature(FeatureKind.EXIT, "Sortie", 9, 0, 0, 1.6)]),
    )
    plan = room_plan.reserve_seat(plan, plan.tables[0].seats[2].id, SeatRole.INTERPRETER)
    plan = room_plan.add_tables(plan, TableShape.U, 14)
    plan = room_plan.rename_table(plan, plan.tables[1].id, "Bleuets", 7)
    dinner.seating = plan
    write_visit(tmp_visit_path, data)
    session = open_visit(tmp_visit_path)
    try:
        assert session.data.event(dinner.id).seating == plan
    finally:
        session.close()


def test_a_plan_of_the_previous_schema_migrates_with_its_seats(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before="0017_rooms")
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index('0017_rooms')}")
    event = "00000000-0000-4000-8000-000000000002"
    table = "00000000-0000-4000-8000-000000000003"
    conn.execute(
        "INSERT INTO visit (id, title, start_date, end_date, tz, languages) "
        "VALUES ('00000000-0000-4000-8000-000000000001', '{\"fr\": \"V\"}', '2026-05-06', "
        "'2026-05-09', 'Europe/Paris', '[\"fr\"]')"
    )
    conn.execute(
        "INSERT INTO event (id, kind, title, start_utc, start_tz, end_utc, end_tz) VALUES "
        f"('{event}', 'meal', '{{\"fr\": \"D\"}}', "
        "'2026-05-08T18:00:00Z', 'Europe/Paris', '2026-05-08T20:00:00Z', 'Europe/Paris')"
    )
    conn.execute(f"INSERT INTO seating_plan (event_id, strategy) VALUES ('{event}', 'official')")
    conn.execute(
        "INSERT INTO seating_table (id, event_id, position, name, shape, x, y) "
        f"VALUES ('{table}', '{event}', 0, 'Honneur', 'round', 1.5, 2.0)"
    )
    for n in range(1, 5):
        conn.execute(
            "INSERT INTO seat (id, table_id, number, side, position, locked) VALUES "
            f"('00000000-0000-4000-8000-00000000010{n}', '{table}', {n}, 'round', {n - 1}, "
            f"{int(n == 2)})"
        )
    conn.commit()
    conn.close()
    session = open_visit(path)
    try:
        plan = session.data.event(event).seating
        assert plan is not None and plan.room == Room()
        (kept,) = plan.tables
        assert (kept.name, kept.shape, kept.x, kept.y) == ("Honneur", TableShape.ROUND, 1.5, 2.0)
        assert (kept.rotation, kept.length, kept.number) == (0.0, 0.0, None)
        assert [s.number for s in kept.seats] == [1, 2, 3, 4]
        assert kept.seats[1].locked and kept.seats[0].reserved is SeatRole.NONE
    finally:
        session.close()


# --- printed ---------------------------------------------------------------------------------


def _demo_with_room() -> tuple[object, object]:
    data = build_demo()
    dinner = find_event(data, "Dîner de travail")
    assert dinner.seating is not None
    plan = room_plan.set_room(dinner.seating, Room("Salle des fêtes", 16, 10))
    plan = room_plan.add_tables(plan, TableShape.ROUND, 10, 2)
    dinner.seating = plan
    return data, dinner


def _paths(payload: bytes, page: int) -> list[list[tuple[float, float]]]:
    """The closed paths drawn on a page (moveto/lineto points, in the drawing's space)."""
    pdf = read_pdf(payload)
    content = ContentStream(pdf.reader.pages[page - 1].get_contents(), pdf.reader)
    paths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for operands, operator in content.operations:
        if operator == b"m":
            current = [(float(operands[0]), float(operands[1]))]
        elif operator == b"l":
            current.append((float(operands[0]), float(operands[1])))
        elif operator == b"h" and current:
            paths.append(current)
            current = []
    return paths


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_the_plan_is_printed_to_the_scale_it_says(paper: str) -> None:
    data, dinner = _demo_with_room()
    payload = plan_pdf(data, dinner, "en", paper=paper)  # type: ignore[arg-type]
    text = read_pdf(payload).page_text(1)
    scale = int(re.search(r"Scale 1:(\d+)", text).group(1))  # type: ignore[union-attr]
    plan = dinner.seating  # type: ignore[attr-defined]
    assert scale == scale_of(plan.tables, plan.room, paper)
    assert "Plan of the room" in text and "page 1 of" in text
    # The head table (4 corners) is as long on paper as its metres at that scale.
    head = plan.tables[0]
    length, depth = geometry.size(head)
    rectangles = [p for p in _paths(payload, 1) if len(p) == 4]
    widths = [max(x for x, _ in p) - min(x for x, _ in p) for p in rectangles]
    heights = [max(y for _, y in p) - min(y for _, y in p) for p in rectangles]
    per = points_per_metre(scale)
    assert any(
        w == pytest.approx(length * per, abs=0.1) and h == pytest.approx(depth * per, abs=0.1)
        for w, h in zip(widths, heights, strict=True)
    )


def test_one_page_per_table_then_the_caterer_and_the_door() -> None:
    data, dinner = _demo_with_room()
    payload = plan_pdf(data, dinner, "en", per_table=True)  # type: ignore[arg-type]
    pdf = read_pdf(payload)
    assert len(pdf.pages) >= 3 + 2
    assert "Table of honour — long table, seats: 16" in pdf.page_text(1)
    assert "Scale 1:50" in pdf.page_text(1)
    assert "RUFO Alice" in pdf.page_text(1)  # names beside their seats at this scale
    caterer = next(i for i, p in enumerate(pdf.pages) if "for the caterer" in p)
    assert "Alice RUFO" in pdf.pages[caterer] and "Dietary" not in pdf.pages[caterer]
    assert "alphabetical order, for the door" in pdf.text


def test_the_caterer_sees_dietary_needs_only_in_an_internal_print() -> None:
    data, dinner = _demo_with_room()
    shared = read_pdf(plan_pdf(data, dinner, "en")).text  # type: ignore[arg-type]
    internal = read_pdf(plan_pdf(data, dinner, "en", profile=Profile.INTERNAL)).text  # type: ignore[arg-type]
    assert "Dietary needs" in internal and "Dietary needs" not in shared


def test_table_cards_print_each_number_large_on_both_faces() -> None:
    data, dinner = _demo_with_room()
    pdf = read_pdf(table_cards_pdf(data, dinner, "fr"))  # type: ignore[arg-type]
    assert len(pdf.pages) == 3
    assert pdf.pages[0].count("Table d’honneur") == 2
    assert pdf.pages[1].split() == ["1", "Table", "1", "Table"]
    assert pdf.pages[2].split() == ["2", "Table", "2", "Table"]


def test_table_cards_say_what_they_are_in_the_pdfs_metadata() -> None:
    from pypdf import PdfReader

    data, dinner = _demo_with_room()
    info = PdfReader(io.BytesIO(table_cards_pdf(data, dinner, "uk"))).metadata
    assert info is not None
    assert info.title == "Таблички столів"
    assert info.author and info.author.startswith("Протокольний відділ")
    assert info.subject == dinner.title.uk


def test_a_meal_without_tables_is_refused() -> None:
    data = build_demo()
    dinner = find_event(data, "Dîner de travail")
    dinner.seating = SeatingPlan()
    with pytest.raises(InputError, match="no tables"):
        plan_pdf(data, dinner, "en")
    with pytest.raises(InputError, match="paper"):
        plan_pdf(data, dinner, "en", paper="a5")
