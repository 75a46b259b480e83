"""The Ceremony page, driven as a user would: the demo's plan, people dragged and moved
from the keyboard, a person from the "Not placed" list, the running order lighting up
the people it names, the checks after each change, undo."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from tests.ui.editing import open_visit as open_window_visit
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import PlacementArea
from visitplanner.domain.lookup import find_person
from visitplanner.domain.model import Event
from visitplanner.operations.session import VisitSession
from visitplanner.ui.ceremony.view import CeremonyView
from visitplanner.ui.seating.canvas import PERSON_MIME
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings


@pytest.fixture
def view(qtbot, session: VisitSession) -> CeremonyView:  # type: ignore[no-untyped-def]
    widget = CeremonyView(session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _event(view: CeremonyView) -> Event:
    event = view.current_event()
    assert event is not None
    return event


def _who(view: CeremonyView, row: int, place: int) -> str | None:
    """Who stands at a place of the rows, as the visit holds it."""
    return next(
        (
            p.person_id
            for p in _event(view).placement
            if (p.area, p.row, p.place) == (PlacementArea.ROW, row, place)
        ),
        None,
    )


def _rest(event: Event) -> tuple[object, ...]:
    """What a move must leave as it was: the wreaths, running order, seating, people."""
    return (event.wreaths, event.running_order, event.seating, event.participant_ids)


def _ids(event: Event) -> dict[str, tuple[object, ...]]:
    return {p.id: (p.area, p.row, p.place, p.person_id) for p in event.placement}


def _drag(view: CeremonyView, start_key: str, end_key: str) -> None:
    canvas = view.canvas
    start = canvas.centre_of(start_key).toPoint()
    end = canvas.centre_of(end_key).toPoint()
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(canvas.viewport(), end)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_the_demo_ceremony_shows_everyone_at_their_place(view: CeremonyView) -> None:
    event = _event(view)
    assert "8 Mai" in view.events.currentText() or "8 May" in view.events.currentText()
    items = view.canvas.items_by_key()
    placed = [p for p in event.placement if p.person_id]
    assert len(placed) == 27
    for position in placed:
        item = items[f"{position.area.value}:{position.row}:{position.place}"]
        assert item.slot.person_id == position.person_id
        assert item.toolTip().startswith(
            next(p for p in view.session.data.people if p.id == position.person_id).formal_name()
        )
    kovalenko = find_person(view.session.data, "Kovalenko").id
    first = items["row:1:1"]
    assert first.slot.person_id == kovalenko and first.wheelchair_item is not None
    assert items["row:1:5"].wheelchair_item is None
    # The wreaths in the order laid, the running order, the checks clean.
    assert view.wreaths.count() == 2 and "Rufo" in view.wreaths.item(0).text()
    assert view.running.count() == 18 + 1  # the lines written, and the medal handed over
    assert view.checks.count() == 1 and view.checks.item(0).text() == "No problem found."


def test_a_drag_swaps_two_people_and_undo_puts_them_back(view: CeremonyView) -> None:
    before = copy.deepcopy(_event(view))
    kalmykova, rufo = _who(view, 1, 5), _who(view, 1, 6)
    _drag(view, "row:1:5", "row:1:6")
    after = _event(view)
    assert (_who(view, 1, 5), _who(view, 1, 6)) == (rufo, kalmykova)
    assert view.canvas.items_by_key()["row:1:6"].slot.person_id == kalmykova
    assert set(_ids(after)) == set(_ids(before))  # the same places, by their UUIDs
    assert _rest(after) == _rest(before)
    view.session.undo()
    view.reload()
    assert _ids(_event(view)) == _ids(before)
    assert _rest(_event(view)) == _rest(before)


def test_the_keyboard_swaps_two_people_and_undo_puts_them_back(view: CeremonyView) -> None:
    before = copy.deepcopy(_event(view))
    canvas = view.canvas
    canvas.setFocus()
    canvas.set_current("row:2:1")
    first, third = _who(view, 2, 1), _who(view, 2, 3)
    QTest.keyClick(canvas, Qt.Key.Key_Return)  # pick up the person of row 2, place 1
    assert canvas.picked == first
    assert "picked up" in view.hint.text()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.current == "row:2:3"
    QTest.keyClick(canvas, Qt.Key.Key_Return)  # put them down: a swap
    assert (_who(view, 2, 1), _who(view, 2, 3)) == (third, first)
    assert canvas.picked is None and view.hint.text() == ""
    assert _rest(_event(view)) == _rest(before)
    # Up goes to the nearest place of the line above; Esc lets go without a move.
    QTest.keyClick(canvas, Qt.Key.Key_Up)
    assert canvas.current == "row:1:3"
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.picked is None
    view.session.undo()
    view.reload()
    assert _ids(_event(view)) == _ids(before)
    assert _rest(_event(view)) == _rest(before)


def test_del_frees_a_place_and_the_list_puts_the_person_back(qtbot, view: CeremonyView) -> None:  # type: ignore[no-untyped-def]
    canvas = view.canvas
    morel = find_person(view.session.data, "Morel").id
    assert view.unplaced.count() == 0
    canvas.setFocus()
    canvas.set_current("row:2:5")
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert _who(view, 2, 5) is None
    assert view.unplaced.count() == 1
    assert view.unplaced.item(0).data(Qt.ItemDataRole.UserRole) == morel
    # Dropped from the list on a place not yet on the plan: the place is made.
    mime = QMimeData()
    mime.setData(PERSON_MIME, view.unplaced.mimeData([view.unplaced.item(0)]).data(PERSON_MIME))
    drop = QDropEvent(
        QPointF(canvas.centre_of("row:2:9")),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    canvas.dropEvent(drop)
    assert _who(view, 2, 9) == morel
    assert view.unplaced.count() == 0
    assert canvas.items_by_key()["row:2:9"].slot.position is not None
    # Freed again, then picked up from the list with Enter and put down with Enter.
    canvas.set_current("row:2:9")
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    view.unplaced.setFocus()
    view.unplaced.setCurrentRow(0)
    QTest.keyClick(view.unplaced, Qt.Key.Key_Return)
    assert canvas.picked == morel
    canvas.set_current("row:2:5")
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert _who(view, 2, 5) == morel and view.unplaced.count() == 0


def test_the_checks_follow_each_change(view: CeremonyView) -> None:
    kovalenko = find_person(view.session.data, "Kovalenko").id
    assert _who(view, 1, 1) == kovalenko
    _drag(view, "row:1:1", "row:2:9")  # a wheelchair user on a place for standing
    texts = [view.checks.item(i).text() for i in range(view.checks.count())]
    assert any("Kovalenko" in t and "wheelchair" in t for t in texts), texts
    _drag(view, "row:2:9", "row:1:1")
    assert [view.checks.item(i).text() for i in range(view.checks.count())] == ["No problem found."]


def test_a_running_order_line_lights_up_the_people_it_names(view: CeremonyView) -> None:
    data = view.session.data
    line = next(i for i in range(view.running.count()) if "Wreath" in view.running.item(i).text())
    view.running.setCurrentRow(line)
    named = {find_person(data, "Rufo").id, find_person(data, "Morel").id}
    assert view.lit() == named
    _drag(view, "row:1:5", "row:1:6")  # the light stays on the line's people after a change
    assert view.lit() == named


def test_shift_f10_opens_the_place_menu(qtbot, view: CeremonyView) -> None:  # type: ignore[no-untyped-def]
    canvas = view.canvas
    canvas.setFocus()
    canvas.set_current("row:1:6")
    canvas.menu_requested.disconnect(view._show_menu)  # no real menu: a test cannot close it
    with qtbot.waitSignal(canvas.menu_requested) as asked:
        QTest.keyClick(canvas, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert asked.args[0] == "row:1:6"
    menu = view.menu_for("row:1:6")
    assert [a.text() for a in menu.actions()] == ["Free the place"]
    menu.actions()[0].trigger()
    assert _who(view, 1, 6) is None
    rufo = find_person(view.session.data, "Rufo").id
    here = view.menu_for("row:1:6").actions()[-1].menu()
    assert here is not None
    next(a for a in here.actions() if "RUFO" in a.text()).trigger()
    assert _who(view, 1, 6) == rufo


def test_place_everyone_lays_the_plan_out_again_in_one_step(view: CeremonyView) -> None:
    before = copy.deepcopy(_event(view))
    view.propose()
    assert _rest(_event(view)) == _rest(before)
    assert view.canvas.items_by_key()
    view.session.undo()
    view.reload()
    assert _ids(_event(view)) == _ids(before)


def test_the_window_makes_the_page_when_shown_and_edit_undo_takes_a_move_back(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with open_window_visit(tmp_path, build_demo()) as (_path, controller):
        ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, AppSettings(ini))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        assert "ceremony" not in window.pages  # made when first shown
        view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        entry = next(a for a in view_menu.actions() if a.text() == "Cere&mony")
        entry.trigger()
        page = window.pages["ceremony"]
        assert isinstance(page, CeremonyView) and window.stack.currentWidget() is page
        before = copy.deepcopy(_event(page))
        kalmykova, rufo = _who(page, 1, 5), _who(page, 1, 6)
        _drag(page, "row:1:5", "row:1:6")
        assert (_who(page, 1, 5), _who(page, 1, 6)) == (rufo, kalmykova)
        assert "Move to a place" in window.undo_action.text()
        window.undo_action.trigger()
        assert (_who(page, 1, 5), _who(page, 1, 6)) == (kalmykova, rufo)
        assert page.canvas.items_by_key()["row:1:5"].slot.person_id == kalmykova
        assert _ids(_event(page)) == _ids(before) and _rest(_event(page)) == _rest(before)


def test_the_flags_are_proposed_then_reordered_and_undone(view: CeremonyView) -> None:
    panel = view.flags
    assert panel.codes() == ["FR", "UA", "EU"]
    assert "Ukraine — France" in panel.seen.text() or "Україна — Франція" in panel.seen.text()
    panel.list.setCurrentRow(1)
    panel.up.click()
    assert _event(view).flags == ("UA", "FR", "EU")
    assert panel.codes() == ["UA", "FR", "EU"]
    assert panel.reset.isEnabled()
    panel.list.setCurrentRow(2)
    panel.remove.click()
    assert _event(view).flags == ("UA", "FR")
    view.session.undo()
    view.refresh()
    assert _event(view).flags == ("UA", "FR", "EU")
    panel.reset.click()
    assert _event(view).flags == ()
    assert panel.codes() == ["FR", "UA", "EU"]


def test_a_flag_is_added_from_the_list_of_countries(view: CeremonyView) -> None:
    panel = view.flags
    panel.country.setCurrentIndex(panel.country.findData("PL"))
    panel.add.click()
    assert _event(view).flags == ("FR", "UA", "EU", "PL")


def test_the_guest_s_flag_may_take_the_place_of_honour(view: CeremonyView) -> None:
    panel = view.flags
    panel.honour.setCurrentIndex(1)
    panel.honour.activated.emit(1)
    assert view.session.data.visit.flag_honour == "guest"
    assert panel.codes() == ["UA", "FR", "EU"]


def test_a_gift_handed_over_shows_greyed_in_the_running_order(view: CeremonyView) -> None:
    texts = [view.running.item(i).text() for i in range(view.running.count())]
    event = _event(view)
    assert len(texts) == len(event.running_order) + 1
    gift = next(t for t in texts if "Médaille" in t or "medal" in t or "медаль" in t)
    assert "KALMYKOVA" in gift
