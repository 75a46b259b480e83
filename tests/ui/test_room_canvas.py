"""The room on the Seating page, driven as an officer would: add tables, drag one, turn it
from the keyboard, zoom, seat people from the list (a drop swaps, Shift+drop shifts), use
a table's menu, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QWheelEvent
from PySide6.QtTest import QTest

from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import SeatRole, TableShape
from visitplanner.domain.lookup import find_person
from visitplanner.ui.seating.canvas import PERSON_MIME
from visitplanner.ui.seating.chart_items import SCALE, TableItem
from visitplanner.ui.seating.view import SeatingView


def _plan(view: SeatingView):  # type: ignore[no-untyped-def]
    event = view.current_event()
    assert event is not None and event.seating is not None
    return event.seating


def _drop(view: SeatingView, person_id: str, seat_id: str, shift: bool = False) -> None:
    mime = QMimeData()
    mime.setData(PERSON_MIME, person_id.encode())
    target = view.canvas.mapFromScene(view.canvas.seat_item(seat_id).scenePos())
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier,
    )
    view.canvas.dropEvent(drop)


def test_add_tables_drag_one_and_turn_it_from_the_keyboard(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.add_tables(TableShape.ROUND, 8, count=2)
    plan = _plan(view)
    assert [len(t.seats) for t in plan.tables] == [16, 8, 8]
    round_one = plan.tables[1]
    assert len(view.canvas.table_items) == 3 and len(view.canvas.seat_items) == 32
    # Drag the table by its top (not a seat): it is saved where it is dropped.
    canvas = view.canvas
    item = canvas.table_items[round_one.id]
    start = canvas.mapFromScene(item.scenePos())
    end = start + QPoint(80, 40)
    scale = canvas.transform().m11()
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(canvas.viewport(), start + QPoint(30, 10))
    QTest.mouseMove(canvas.viewport(), end)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)
    moved = _plan(view).table(round_one.id)
    assert moved.x == pytest.approx(round_one.x + 80 / scale / SCALE, abs=0.05)
    assert moved.y == pytest.approx(round_one.y + 40 / scale / SCALE, abs=0.05)
    # Its seats came along, with their ids.
    assert [s.id for s in moved.seats] == [s.id for s in round_one.seats]
    # R turns the table of the seat with the ring 15° clockwise; Shift+R back.
    canvas.setFocus()
    canvas.set_current(moved.seats[0].id)
    QTest.keyClick(canvas, Qt.Key.Key_R)
    assert _plan(view).table(round_one.id).rotation == 15
    QTest.keyClick(canvas, Qt.Key.Key_R)
    QTest.keyClick(canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert _plan(view).table(round_one.id).rotation == 15
    QTest.keyClick(canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _plan(view).table(round_one.id).rotation == 16  # free, by a degree
    # The names stay beside their seats: each name is a child of its seat.
    seat_item = canvas.seat_item(moved.seats[0].id)
    assert seat_item.name_item.parentItem() is seat_item
    # Each edit was one step: four undos put the table back, unturned.
    for _ in range(5):
        view.session.undo()
    view.refresh()
    assert _plan(view).table(round_one.id).rotation == 0
    assert _plan(view).table(round_one.id).x == round_one.x


def test_zoom_with_ctrl_wheel_and_keys_then_fit(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    canvas = view.canvas
    fitted = canvas.transform().m11()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.transform().m11() == pytest.approx(fitted * 1.25)
    centre = QPointF(canvas.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        canvas.mapToGlobal(centre.toPoint()).toPointF(),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    canvas.wheelEvent(wheel)
    assert canvas.transform().m11() == pytest.approx(fitted * 1.25 * 1.25)
    view.add_tables(TableShape.LONG, 6)  # an edit keeps the zoom
    assert canvas.transform().m11() == pytest.approx(fitted * 1.25 * 1.25)
    QTest.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert not canvas.zoomed and canvas.transform().m11() < fitted


def test_a_person_from_the_list_a_swap_and_a_shift(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    data = view.session.data
    rufo = find_person(data, "Rufo").id
    view.unseat(rufo)
    assert view.unseated.count() == 1
    view.add_tables(TableShape.ROUND, 6)
    table = _plan(view).tables[1]
    ring = geometry.clockwise(table)
    _drop(view, rufo, ring[0].id)  # from the list onto an empty seat
    assert _plan(view).seat(ring[0].id).person_id == rufo and view.unseated.count() == 0
    bondar = find_person(data, "Bondar").id
    bondar_seat = _plan(view).seat_of(bondar)
    assert bondar_seat is not None
    _drop(view, bondar, ring[0].id)  # onto a taken seat: a swap
    assert _plan(view).seat(ring[0].id).person_id == bondar
    assert _plan(view).seat(bondar_seat.id).person_id == rufo
    garnier = find_person(data, "Garnier").id
    _drop(view, garnier, ring[0].id, shift=True)  # Shift: the others shift along
    shifted = [_plan(view).seat(s.id).person_id for s in ring]
    assert shifted[:2] == [garnier, bondar]


def test_a_tables_menu_and_a_seats_menu(qtbot, view: SeatingView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(view)
    head = plan.tables[0]
    seat = head.seats[3]
    menu = view.menu_for(seat.id)
    words = [a.text() for a in menu.actions()]
    assert "Lock the seat" in words and any("Step-free" in w for w in words)
    reserve = next(a.menu() for a in menu.actions() if a.text() == "Reserve for")
    next(a for a in reserve.actions() if a.text() == "an interpreter").trigger()
    assert _plan(view).seat(seat.id).reserved is SeatRole.INTERPRETER
    assert any(
        i.text() == "I" for i in view.canvas.seat_item(seat.id).childItems() if hasattr(i, "text")
    )
    table_menu = view.table_menu(head.id)
    entries = [a.text() for a in table_menu.actions()]
    assert entries[:2] == ["Rename…", "Renumber…"] and "Delete table" in entries
    monkeypatch.setattr(
        "visitplanner.ui.seating.view.QInputDialog.getInt", lambda *_a, **_k: (10, True)
    )
    next(a for a in table_menu.actions() if a.text() == "Seats…").trigger()
    assert len(_plan(view).table(head.id).seats) == 10
    seated = len(plan.seated_ids())
    # Those whose seats went are back in the list.
    assert view.unseated.count() == seated - len(_plan(view).seated_ids()) > 0
    view.table_menu(head.id).actions()[-1].trigger()  # Delete table
    assert not _plan(view).tables and view.unseated.count() == seated


def test_sixty_tables_of_ten_draw_and_keep_their_seats(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.add_tables(TableShape.ROUND, 10, count=60)
    view.arrange_grid()
    assert len(view.canvas.seat_items) == 616
    items = [i for i in view.canvas.scene().items() if isinstance(i, TableItem)]
    assert len(items) == 61


def test_the_room_and_its_table_cards_print_from_the_page(
    qtbot, view: SeatingView, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    plan_path, cards_path = tmp_path / "plan.pdf", tmp_path / "cards.pdf"
    worker = view.print_room_to(plan_path, "a3", per_table=False)
    worker.wait()
    qtbot.waitUntil(lambda: plan_path.exists(), timeout=10000)
    worker = view.print_table_cards_to(cards_path)
    worker.wait()
    qtbot.waitUntil(lambda: cards_path.exists(), timeout=10000)
    assert plan_path.read_bytes().startswith(b"%PDF") and cards_path.read_bytes().startswith(
        b"%PDF"
    )
    entries = [a.text() for a in view.room_print_button.menu().actions()]
    assert len(entries) == 4 and view.room_print_button.isEnabled()


def test_plus_and_minus_give_a_table_a_seat_more_or_less(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.add_tables(TableShape.ROUND, 8)
    table = _plan(view).tables[1]
    canvas = view.canvas
    canvas.setFocus()
    canvas.set_current(table.seats[0].id)
    QTest.keyClick(canvas, Qt.Key.Key_Plus)
    assert len(_plan(view).table(table.id).seats) == 9
    QTest.keyClick(canvas, Qt.Key.Key_Minus)
    QTest.keyClick(canvas, Qt.Key.Key_Minus)
    after = _plan(view).table(table.id)
    assert len(after.seats) == 7
    assert [s.id for s in after.seats] == [s.id for s in table.seats[:7]]


def test_the_room_dialog_gives_the_room_its_size_and_doors(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.domain.arrangements import FeatureKind, Room, RoomFeature
    from visitplanner.ui.seating.room_dialog import RoomDialog

    door = RoomFeature(FeatureKind.DOOR, "Entrée", 0, 6, 1.8, 0)
    dialog = RoomDialog(Room("Salon", 12, 9, [door]))
    qtbot.addWidget(dialog)
    dialog.add_feature(RoomFeature(FeatureKind.EXIT))
    dialog.features.cellWidget(1, 1).setText("Sortie de secours")
    dialog.width_box.setValue(16)
    room = dialog.room()
    assert (room.name, room.width, room.depth) == ("Salon", 16, 9)
    assert room.features[0] == door and room.features[1].label == "Sortie de secours"
    view.set_room(room)
    assert _plan(view).room == room
    view.session.undo()
    view.refresh()
    assert _plan(view).room == Room()
