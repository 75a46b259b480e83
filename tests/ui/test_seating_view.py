"""The Seating view, driven as a user would: propose, drag a name, lock a seat, propose again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from visitplanner.domain.arrangements import SeatingStrategy
from visitplanner.domain.lookup import find_event, find_person
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import open_visit
from visitplanner.ui.seating.canvas import PERSON_MIME
from visitplanner.ui.seating.view import SeatingView, SeatItem


def _seat_number(view: SeatingView, name: str) -> int:
    data = view.session.data
    event = view.current_event()
    assert event is not None and event.seating is not None
    seat = event.seating.seat_of(find_person(data, name).id)
    assert seat is not None
    return seat.number


def _drag(qtbot, view: SeatingView, from_seat: str, to_seat: str) -> None:  # type: ignore[no-untyped-def]
    canvas = view.canvas
    start = canvas.mapFromScene(canvas.seat_item(from_seat).scenePos())
    end = canvas.mapFromScene(canvas.seat_item(to_seat).scenePos())
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(canvas.viewport(), end)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_propose_shows_the_heads_face_to_face(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.strategy.setCurrentIndex(view.strategy.findData(SeatingStrategy.WORKING))
    with qtbot.waitSignal(view.changed, timeout=5000):
        qtbot.mouseClick(view.propose_button, Qt.MouseButton.LeftButton)
    event = view.current_event()
    assert event is not None and event.seating is not None
    kalmykova = event.seating.seat_by_number(_seat_number(view, "Kalmykova"))
    rufo = event.seating.seat_by_number(_seat_number(view, "Rufo"))
    assert kalmykova.position == rufo.position and kalmykova.side != rufo.side
    names = [i.name_item.text() for i in view.canvas.scene().items() if hasattr(i, "name_item")]
    assert "Natalia KALMYKOVA" in names and "Alice RUFO" in names
    assert view.checks.item(0).text()  # the checks are listed under the chart


def test_drag_lock_and_propose_again_keeps_the_locked_seat(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.propose()
    event = view.current_event()
    assert event is not None and event.seating is not None
    data = view.session.data
    bondar = find_person(data, "Bondar").id
    source = event.seating.seat_of(bondar)
    target = event.seating.seat_by_number(9)  # the last seat of the south side
    assert source is not None and target.person_id != bondar
    _drag(qtbot, view, source.id, target.id)
    assert _seat_number(view, "Bondar") == 9
    view.menu_for(target.id).actions()[0].trigger()  # "Lock the seat"
    event = view.current_event()
    assert event is not None and event.seating is not None
    assert event.seating.seat_by_number(9).locked
    # The lock is drawn (a padlock), not written as a character many fonts lack.
    items = [i for i in view.canvas.scene().items() if isinstance(i, SeatItem)]
    locked = [i for i in items if i.seat.locked]
    assert locked and all(hasattr(i, "lock_item") for i in locked)
    assert not any("🔒" in i.name_item.text() for i in items)
    assert all(
        not view.checks.item(n).text().startswith(("⛔", "⚠")) for n in range(view.checks.count())
    )
    view.propose()
    assert _seat_number(view, "Bondar") == 9
    reopened = open_visit(view.session.path or Path())  # the plan is in the file
    try:
        dinner = reopened.data.event(event.id)
        assert dinner.seating is not None and dinner.seating.seat_by_number(9).locked
        assert dinner.seating.seat_by_number(9).person_id == bondar
    finally:
        reopened.close()


def test_a_drop_from_the_no_seat_list_seats_the_person(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.propose()
    event = view.current_event()
    assert event is not None and event.seating is not None
    rufo = find_person(view.session.data, "Rufo").id
    seat = event.seating.seat_of(rufo)
    assert seat is not None
    view.menu_for(seat.id).actions()[1].trigger()  # "Remove from the table"
    assert view.unseated.count() == 1
    assert view.unseated.item(0).data(Qt.ItemDataRole.UserRole) == rufo
    assert any("Rufo" in view.checks.item(i).text() for i in range(view.checks.count()))
    mime = QMimeData()
    mime.setData(PERSON_MIME, view.unseated.mimeData([view.unseated.item(0)]).data(PERSON_MIME))
    target = view.canvas.mapFromScene(view.canvas.seat_item(seat.id).scenePos())
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.canvas.dropEvent(drop)
    assert view.unseated.count() == 0
    assert _seat_number(view, "Rufo") == seat.number


def test_each_edit_goes_through_the_apply_given(qtbot, session: VisitSession) -> None:  # type: ignore[no-untyped-def]
    done: list[Operation] = []

    def apply(operation: Operation) -> Change:
        done.append(operation)
        return session.apply(operation)

    view = SeatingView(session, apply=apply)
    qtbot.addWidget(view)
    view.show_event(find_event(session.data, "Dîner de travail").id)
    view.strategy.setCurrentIndex(view.strategy.findData(SeatingStrategy.OFFICIAL))
    view.propose()
    assert len(done) == 1 and done[0].text
    dinner = view.current_event()
    assert dinner is not None and dinner.seating is not None
    assert dinner.seating.strategy is SeatingStrategy.OFFICIAL
    session.undo()  # undo: the demo's working plan is back
    view.refresh()
    back = view.current_event()
    assert back is not None and back.seating is not None
    assert back.seating.strategy is SeatingStrategy.WORKING


def test_a_locked_seat_refuses_a_move_with_a_message(qtbot, view: SeatingView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(
        "visitplanner.ui.seating.view.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    view.propose()
    event = view.current_event()
    assert event is not None and event.seating is not None
    first, second = event.seating.seat_by_number(1), event.seating.seat_by_number(2)
    view.set_locked(second.id, True)
    _drag(qtbot, view, first.id, second.id)
    assert shown and "2" in shown[0]
    event = view.current_event()
    assert event is not None and event.seating is not None
    assert event.seating.seat_by_number(2).person_id == second.person_id


def test_the_keyboard_moves_a_person_from_seat_to_seat(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.propose()
    canvas = view.canvas
    canvas.setFocus()
    event = view.current_event()
    assert event is not None and event.seating is not None
    first, third = (event.seating.seat_by_number(n) for n in (1, 3))
    assert first.person_id and third.person_id
    canvas.set_current(first.id)
    QTest.keyClick(canvas, Qt.Key.Key_Return)  # pick up the sitter of seat 1
    assert canvas.picked == first.person_id
    assert "picked up" in view.hint.text()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.current == third.id
    QTest.keyClick(canvas, Qt.Key.Key_Return)  # put them down on seat 3: a swap
    after = view.current_event()
    assert after is not None and after.seating is not None
    assert after.seating.seat_by_number(3).person_id == first.person_id
    assert after.seating.seat_by_number(1).person_id == third.person_id
    assert canvas.picked is None and view.hint.text() == ""
    assert canvas.current == third.id  # the ring stays where the officer is
    # Esc lets go without moving anyone.
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.picked is None
    assert view.current_event().seating.seat_by_number(3).person_id == first.person_id  # type: ignore[union-attr]


def test_the_keyboard_takes_off_the_table_and_seats_from_the_list(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.propose()
    canvas = view.canvas
    event = view.current_event()
    assert event is not None and event.seating is not None
    seat = event.seating.seat_by_number(5)
    person = seat.person_id
    canvas.setFocus()
    canvas.set_current(seat.id)
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert view.unseated.count() == 1
    # From the "No seat" list: Enter picks the person up and goes to the first free seat.
    view.unseated.setFocus()
    view.unseated.setCurrentRow(0)
    QTest.keyClick(view.unseated, Qt.Key.Key_Return)
    assert canvas.hasFocus() or canvas.picked == person
    assert canvas.current == seat.id  # the only free seat
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert view.unseated.count() == 0
    assert view.current_event().seating.seat_by_number(5).person_id == person  # type: ignore[union-attr]


def test_shift_f10_opens_the_seat_menu(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    view.propose()
    canvas = view.canvas
    canvas.setFocus()
    canvas.menu_requested.disconnect(view._show_menu)  # no real menu: a test cannot close it
    with qtbot.waitSignal(canvas.menu_requested) as asked:
        QTest.keyClick(canvas, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert asked.args[0] == canvas.current
