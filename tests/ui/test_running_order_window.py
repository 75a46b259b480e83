"""The running order in its own window, driven on the demo's ceremony (18 written lines,
two wreaths, 27 placement positions): moving a line keeps the times in order, a time
that goes back is shown and flagged by the checks, long texts wrap, Cancel with
changes asks, and saving patches the event as loaded."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPlainTextEdit

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.checks import FindingKind, check_plan
from visitplanner.domain.model import Event
from visitplanner.i18n import set_language
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.programme.running_order_dialog import RunningOrderDialog
from visitplanner.ui.shell.controller import VisitController

Button = QMessageBox.StandardButton
StandardButton = QDialogButtonBox.StandardButton


@pytest.fixture
def demo_visit(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    with open_visit(tmp_path, build_demo()) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _windows_left_open_discard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A window a test leaves with changes closes at the end without a modal question;
    the tests that ask say so themselves."""
    monkeypatch.setattr(RunningOrderDialog, "ask_unsaved", lambda _self: Button.Discard)
    yield
    set_language("en")


def _ceremony(controller: VisitController) -> Event:
    return next(e for e in controller.data.events if e.wreaths)


def _open(qtbot, controller: VisitController) -> tuple[EventDialog, RunningOrderDialog]:  # type: ignore[no-untyped-def]
    dialog = EventDialog(controller, _ceremony(controller))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.running_order)
    QTest.mouseClick(dialog.running_order.edit, Qt.MouseButton.LeftButton)
    window = dialog.running_order.dialog
    assert window is not None and window.isVisible()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return dialog, window


def _times(window: RunningOrderDialog) -> list[str]:
    return [line.at.strftime("%H:%M") for line in window.editor.model.lines()]


def _actions(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [line.action.fr for line in lines]


def _press(
    dialog: EventDialog | RunningOrderDialog, which: QDialogButtonBox.StandardButton
) -> None:
    QTest.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def test_the_window_is_large_resizable_and_wraps_long_texts(qtbot, demo_visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo_visit
    dialog, window = _open(qtbot, controller)
    assert window.isSizeGripEnabled()
    area = window.screen().availableGeometry()
    # Most of the screen (however small), never more than it.
    assert window.width() >= min(1100, area.width() * 8 // 10)
    assert window.height() >= min(700, area.height() * 8 // 10)
    assert window.width() <= area.width() and window.height() <= area.height()
    table = window.editor.table
    assert table.model().columnCount() == 6  # time, action fr/uk/en, who, where
    assert table.wordWrap() and table.textElideMode() is Qt.TextElideMode.ElideNone
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: table.rowHeight(4) > table.rowHeight(10))
    # Line 5, "Arrivée de Mme Natalia Kalmykova et des vétérans ukrainiens, accueillis par
    # Mme Alice Rufo", wraps over several lines; "Minute de silence" takes one.
    one_line = table.fontMetrics().lineSpacing()
    assert table.rowHeight(4) >= 2 * one_line
    # The tab shows the lines too, wrapped, read-only.
    tab = dialog.running_order
    assert tab.model.rowCount() == 18 and tab.summary.text() == "Lines: 18."
    assert not tab.model.flags(tab.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_moving_a_line_keeps_the_times_in_place_and_saving_patches_the_event(  # type: ignore[no-untyped-def]
    qtbot, demo_visit
) -> None:
    path, controller = demo_visit
    before = _ceremony(controller)
    dialog, window = _open(qtbot, controller)
    editor = window.editor
    assert editor.keep_times.isChecked()
    times = _times(window)
    assert times[5:7] == ["18:15", "18:25"]
    # "Dépôt de gerbe de la France" (18:25) up before the honours (18:15).
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(6, 1))
    QTest.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.current_row() == 5
    assert _times(window) == times  # the times column as written
    lines = editor.model.lines()
    assert lines[5].action.fr == "Dépôt de gerbe de la France"
    assert lines[6].action.fr.startswith("Honneurs militaires")
    assert not editor.warning.isVisible()
    _press(window, OK)
    assert not window.isVisible()
    assert _actions(dialog.running_order.model.lines()) == _actions(lines)
    _press(dialog, OK)
    assert not dialog.isVisible()

    saved = read_visit(path).event(before.id)
    assert [line.at for line in saved.running_order] == [line.at for line in before.running_order]
    assert [line.id for line in saved.running_order][5:7] == [
        before.running_order[6].id,
        before.running_order[5].id,
    ]
    # What the window does not show is as it was: wreaths, placement, kinds, people.
    assert saved.wreaths == before.wreaths and len(saved.wreaths) == 2
    assert saved.placement == before.placement and len(saved.placement) == 27
    assert saved.participant_ids == before.participant_ids
    assert saved.precedence_ids == before.precedence_ids
    old = {line.id: line for line in before.running_order}
    assert all(
        line.kind is old[line.id].kind and line.person_ids == old[line.id].person_ids
        for line in saved.running_order
    )
    assert not [f for f in check_plan(controller.data) if f.kind is FindingKind.RUNNING_ORDER_TIMES]
    controller.undo_stack.undo()
    assert read_visit(path).event(before.id).running_order == before.running_order


def test_a_line_moved_with_its_own_time_is_marked_and_flagged_by_the_checks(  # type: ignore[no-untyped-def]
    qtbot, demo_visit
) -> None:
    path, controller = demo_visit
    dialog, window = _open(qtbot, controller)
    editor = window.editor
    editor.keep_times.setChecked(False)
    editor.table.setCurrentIndex(editor.model.index(6, 1))
    QTest.mouseClick(editor.up, Qt.MouseButton.LeftButton)
    assert _times(window)[5:7] == ["18:25", "18:15"]
    assert editor.warning.isVisible()
    assert editor.warning.text() == (
        "The times go back: line 7 (18:15) is earlier than the line above (18:25)."
    )
    late = editor.model.index(6, 0)
    assert isinstance(late.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert "earlier than the line above" in late.data(Qt.ItemDataRole.AccessibleTextRole)
    assert editor.model.index(5, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    _press(window, OK)
    assert "The times go back at line 7." in dialog.running_order.summary.text()
    _press(dialog, OK)
    found = [f for f in check_plan(controller.data) if f.kind is FindingKind.RUNNING_ORDER_TIMES]
    assert len(found) == 1 and "line 7" in found[0].message
    saved = read_visit(path).event(found[0].event_ids[0]).running_order
    assert [line.at.strftime("%H:%M") for line in saved[5:7]] == ["18:25", "18:15"]


def test_a_line_out_of_order_moved_into_place_keeps_its_time(qtbot, demo_visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo_visit
    _dialog, window = _open(qtbot, controller)
    editor = window.editor
    editor.keep_times.setChecked(False)
    editor.table.setCurrentIndex(editor.model.index(6, 1))
    editor.move_line(-1)
    assert editor.warning.isVisible()
    editor.keep_times.setChecked(True)
    # Two lines out of order swap with their own times: that puts them back in order.
    editor.move_line(1)
    assert _times(window)[5:7] == ["18:15", "18:25"]
    assert not editor.warning.isVisible()


def test_long_texts_are_typed_in_a_box_of_several_lines_and_times_at_once(  # type: ignore[no-untyped-def]
    qtbot, demo_visit
) -> None:
    _path, controller = demo_visit
    _dialog, window = _open(qtbot, controller)
    editor = window.editor
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_F2)
    box = QApplication.focusWidget()
    assert isinstance(box, QPlainTextEdit)
    assert box.height() >= 3 * box.fontMetrics().lineSpacing()
    box.selectAll()
    type_text(box, "Mise en place du détachement d’honneur, de la musique militaire")
    QTest.keyClick(box, Qt.Key.Key_Return)  # Enter ends the cell, it adds no line break
    assert window.isVisible()
    assert editor.model.line(0).action.fr == (
        "Mise en place du détachement d’honneur, de la musique militaire"
    )
    table.setCurrentIndex(editor.model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_F2)
    clock = QApplication.focusWidget()
    QTest.keyClicks(clock, "1745")
    QTest.keyClick(clock, Qt.Key.Key_Return)
    assert editor.model.line(0).at == time(17, 45)


@pytest.mark.parametrize(
    ("answer", "stays_open", "applied"),
    [(Button.Cancel, True, False), (Button.Discard, False, False), (Button.Apply, False, True)],
    ids=["keep-editing", "discard", "apply"],
)
def test_cancel_with_changes_asks(  # type: ignore[no-untyped-def]
    qtbot, demo_visit, monkeypatch: pytest.MonkeyPatch, answer, stays_open: bool, applied: bool
) -> None:
    _path, controller = demo_visit
    dialog, window = _open(qtbot, controller)
    written = _actions(dialog.running_order.model.lines())
    asked: list[bool] = []

    def ask(_self: RunningOrderDialog) -> QMessageBox.StandardButton:
        asked.append(True)
        return answer

    monkeypatch.setattr(RunningOrderDialog, "ask_unsaved", ask)
    window.editor.table.setCurrentIndex(window.editor.model.index(3, 1))
    window.editor.remove_line()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert asked == [True]
    assert window.isVisible() is stays_open
    shown = _actions(dialog.running_order.model.lines())
    assert (len(shown) == 17) is applied and (shown == written) is not applied
    if stays_open:
        window.editor.model.set_lines(copy.deepcopy(window._loaded))  # back as loaded
        _press(window, CANCEL)
        assert asked == [True] and not window.isVisible()


def test_unchanged_window_closes_without_asking_and_the_event_cancel_asks(  # type: ignore[no-untyped-def]
    qtbot, demo_visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, controller = demo_visit
    before = _ceremony(controller)
    dialog, window = _open(qtbot, controller)
    monkeypatch.setattr(RunningOrderDialog, "ask_unsaved", lambda _self: pytest.fail("asked"))
    _press(window, CANCEL)
    assert not window.isVisible()
    # Lines changed in the window, then Cancel in the event editor: it asks too.
    dialog, window = _open(qtbot, controller)
    window.editor.table.setCurrentIndex(window.editor.model.index(0, 1))
    window.editor.remove_line()
    _press(window, OK)
    asked: list[bool] = []

    def ask(_self: EntityEditor) -> QMessageBox.StandardButton:  # type: ignore[type-arg]
        asked.append(True)
        return Button.Cancel

    monkeypatch.setattr(EntityEditor, "ask_unsaved", ask)
    _press(dialog, CANCEL)
    assert asked == [True] and dialog.isVisible()
    monkeypatch.setattr(EntityEditor, "ask_unsaved", lambda _self: Button.Discard)
    _press(dialog, CANCEL)
    assert not dialog.isVisible()
    assert read_visit(path).event(before.id).running_order == before.running_order


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_the_window_speaks_the_interface_language(qtbot, demo_visit, lang: str) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo_visit
    set_language(lang)
    _dialog, window = _open(qtbot, controller)
    title = {"fr": "Déroulé", "uk": "Сценарій", "en": "Running order"}[lang]
    assert window.windowTitle().startswith(title)
    header = window.editor.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == {"fr": "Heure", "uk": "Час", "en": "Time"}[lang]
    for widget in (window.editor.keep_times, window.editor.add, window.editor.up):
        assert widget.sizeHint().width() <= widget.width() or not widget.isVisible()
    _press(window, CANCEL)


def test_enter_on_the_tab_opens_the_window_at_the_line_and_never_presses_ok(  # type: ignore[no-untyped-def]
    qtbot, demo_visit
) -> None:
    _path, controller = demo_visit
    dialog = EventDialog(controller, _ceremony(controller))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    tab = dialog.running_order
    dialog.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(9, 0))
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    window = tab.dialog
    assert window is not None and window.isVisible() and dialog.isVisible()
    assert window.editor.current_row() == 9
    _press(window, CANCEL)
    assert tab.dialog is None
    assert controller.undo_stack.count() == 0


def test_a_gift_handed_over_shows_under_the_lines_and_is_never_written_in_them(  # type: ignore[no-untyped-def]
    qtbot, demo_visit
) -> None:
    path, controller = demo_visit
    dialog, window = _open(qtbot, controller)
    for shown in (dialog.running_order.gifts, window.gifts):
        assert shown.isVisibleTo(shown.parentWidget())
        assert "Médaille commémorative" in shown.text() or "medal" in shown.text()
        assert not shown.isEnabled()  # greyed: the Gifts register's
    assert len(window.editor.model.lines()) == 18
    _press(window, OK)
    _press(dialog, OK)
    assert len(read_visit(path).event(_ceremony(controller).id).running_order) == 18
