"""The event editor, driven as an officer would: type, tick, pick, reorder, OK, undo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from tests.factories import small_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import event_id
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.values import EventKind, EventStatus, LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.common.time_input import ClockEdit
from visitplanner.ui.common.widgets import CheckItem, CheckListModel
from visitplanner.ui.programme.event_dialog import (
    EventDialog,
    cancel_event,
    delete_event,
    duplicate_event,
)
from visitplanner.ui.programme.participants_picker import ParticipantsModel, ParticipantsPicker
from visitplanner.ui.programme.running_order_dialog import RunningOrderDialog
from visitplanner.ui.programme.running_order_model import RunningOrderModel, lines_from
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.shell.controller import VisitController

PARIS = ZoneInfo("Europe/Paris")


def _open(tmp_path: Path, data: VisitData) -> tuple[Path, VisitController]:
    path = tmp_path / "v.visit"
    write_visit(path, data)
    return path, VisitController(VisitSession.open(path))


@pytest.fixture
def visit(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:  # type: ignore[no-untyped-def]
    set_language("en")
    path, controller = _open(tmp_path, small_visit())
    yield path, controller
    controller.session.close()


def _dialog(qtbot, controller: VisitController, event: Event | None = None) -> EventDialog:  # type: ignore[no-untyped-def]
    dialog = EventDialog(controller, event)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts (Ins, Del, Alt+Up) need the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_sections(edit: QDateTimeEdit | ClockEdit, text: str) -> None:
    """Type a date section by section, as a user clicking each part does; a time at
    once, over what the field showed (as a click in it and typing do)."""
    edit.setFocus()
    if isinstance(edit, ClockEdit):
        edit.selectAll()
        QTest.keyClicks(edit, text)
        return
    for n, part in enumerate(re.split(r"[/:.]", text)):
        edit.setSelectedSection(edit.sectionAt(n))
        QTest.keyClicks(edit, part)


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 5, 7, hour, minute, tzinfo=PARIS)


def _person(data: VisitData, family_name: str) -> Person:
    return next(p for p in data.people if p.family_name == family_name)


def _ok(dialog: EventDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick_found(qtbot, picker: ParticipantsPicker, query: str) -> None:  # type: ignore[no-untyped-def]
    """Search for `query`, move to the one person found and tick it with Space."""
    picker.search.clear()
    type_text(picker.search, query)
    proxy = picker.proxy
    groups = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    people = [proxy.index(r, 0, g) for g in groups for r in range(proxy.rowCount(g))]
    assert len(people) == 1, [p.data() for p in people]
    picker.tree.setFocus()
    picker.tree.setCurrentIndex(people[0])
    QTest.keyClick(picker.tree, Qt.Key.Key_Space)


def _type_in_cell_editor(text: str) -> None:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit), editor  # long texts wrap as typed
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _running_order_window(qtbot, dialog: EventDialog) -> RunningOrderDialog:  # type: ignore[no-untyped-def]
    """The event's running order opened in its own window from the tab's button."""
    dialog.tabs.setCurrentWidget(dialog.running_order)
    QTest.mouseClick(dialog.running_order.edit, Qt.MouseButton.LeftButton)
    window = dialog.running_order.dialog
    assert window is not None and window.isVisible()
    window.windowHandle().requestActivate()  # shortcuts (Alt+Up) need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _ok_window(window: RunningOrderDialog) -> None:
    QTest.mouseClick(
        window.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert not window.isVisible()


def test_a_new_event_is_saved_shown_on_the_timeline_undone_and_redone(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    data = controller.data
    timeline = TimelineView(controller)
    qtbot.addWidget(timeline)
    timeline.resize(1200, 800)
    timeline.show()
    dialog = _dialog(qtbot, controller)
    general = dialog.general
    assert dialog.windowTitle() == "New event"
    assert (general.start.day(), general.start.clock()) == (date(2026, 5, 6), time(10, 0))
    assert (general.end.day(), general.end.clock()) == (date(2026, 5, 6), time(11, 0))
    assert general.start_zone.zone_name() == "Europe/Paris"
    assert general.status.currentText() == "draft"

    type_text(general.title.editor("fr"), "Réunion élargie")
    type_text(general.title.editor("uk"), "Розширена зустріч")
    type_sections(general.start.date, "07/05/2026")
    type_sections(general.start.time, "14:30")
    type_sections(general.end.date, "07/05/2026")
    type_sections(general.end.time, "15:45")
    general.venue.setFocus()
    type_text(general.venue.lineEdit(), "Brienne")

    dialog.tabs.setCurrentWidget(dialog.participants)
    _tick_found(qtbot, dialog.participants, "Калми")
    _tick_found(qtbot, dialog.participants, "rufo")
    assert dialog.participants.count.text() == "Participants chosen: 2"
    assert "(2)" in dialog.tabs.tabText(dialog.tabs.indexOf(dialog.participants))

    window = _running_order_window(qtbot, dialog)
    editor = window.editor
    QTest.mouseClick(editor.add, Qt.MouseButton.LeftButton)
    _type_in_cell_editor("Accueil")
    QTest.mouseClick(editor.add, Qt.MouseButton.LeftButton)
    _type_in_cell_editor("Позування для фото")
    assert editor.current_row() == 1
    editor.keep_times.setChecked(False)  # each line keeps its own time
    QTest.mouseClick(editor.up, Qt.MouseButton.LeftButton)
    assert window.isVisible() and dialog.isVisible()  # Enter in a cell does not press OK
    assert "line 2 (14:30) is earlier than the line above (14:35)" in editor.warning.text()
    _ok_window(window)
    assert dialog.running_order.model.rowCount() == 2
    _ok(dialog)

    assert dialog.error.text() == ""
    assert not dialog.isVisible() and dialog.saved is not None
    saved = read_visit(path).event(dialog.saved.id)
    kalmykova, rufo = _person(data, "Kalmykova"), _person(data, "Rufo")
    assert saved.title == LocalizedText(fr="Réunion élargie", uk="Розширена зустріч")
    assert saved.start == datetime(2026, 5, 7, 14, 30, tzinfo=PARIS)
    assert saved.end == datetime(2026, 5, 7, 15, 45, tzinfo=PARIS)
    assert saved.status is EventStatus.DRAFT
    assert saved.participant_ids == [kalmykova.id, rufo.id]
    assert saved.venue_id == data.venues[0].id  # Hôtel de Brienne
    assert [line.action.fr for line in saved.running_order] == ["Позування для фото", "Accueil"]
    times = [line.at for line in saved.running_order]
    assert times == [_at(14, 35), _at(14, 30)]
    assert controller.undo_stack.undoText() == "Add event “Réunion élargie”"

    assert timeline.block_rect(saved.id) is not None
    controller.undo_stack.undo()
    assert saved.id not in {e.id for e in read_visit(path).events}
    assert timeline.block_rect(saved.id) is None
    controller.undo_stack.redo()
    assert read_visit(path).event(saved.id).running_order == saved.running_order
    assert timeline.block_rect(saved.id) is not None


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    dialog = _dialog(qtbot, controller)
    type_text(dialog.general.title.editor("fr"), "Trop court")
    type_sections(dialog.general.end.time, "09:00")
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "ends before it starts" in dialog.error.text()
    assert dialog.focusWidget() is dialog.general.end.date
    assert controller.undo_stack.count() == 0
    assert len(read_visit(path).events) == 3


@pytest.mark.parametrize(
    ("fill", "message"),
    [
        ("no title", "title"),
        ("bad zone", "Unknown time zone “Europe/Atlantis”"),
        ("bad venue", "No venue is called “Nowhere”"),
        ("bad language", "“x1” is not a language code"),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(qtbot, visit, fill: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    dialog = _dialog(qtbot, controller)
    if fill != "no title":
        type_text(dialog.general.title.editor("en"), "Something")
    if fill == "bad zone":
        dialog.general.start_zone.lineEdit().clear()
        type_text(dialog.general.start_zone.lineEdit(), "Europe/Atlantis")
    if fill == "bad venue":
        type_text(dialog.general.venue.lineEdit(), "Nowhere")
    if fill == "bad language":
        type_text(dialog.interpretation.other, "de, x1")
    _ok(dialog)
    assert dialog.isVisible() and message in dialog.error.text()
    assert controller.undo_stack.count() == 0
    assert len(read_visit(path).events) == 3


def test_editing_keeps_the_ids_of_the_event_and_of_its_running_order(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    ceremony = controller.data.events[2]
    dialog = _dialog(qtbot, controller, ceremony)
    assert dialog.general.title.editor("fr").text() == "Cérémonie du 8 Mai"
    window = _running_order_window(qtbot, dialog)
    editor = window.editor
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(1, 0))
    QTest.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.current_row() == 0
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Insert)
    _type_in_cell_editor("Fin")
    assert editor.model.rowCount() == 3  # inserted after the current line: second
    editor.table.setCurrentIndex(editor.model.index(2, 0))
    QTest.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.model.rowCount() == 2
    _ok_window(window)
    _ok(dialog)
    saved = read_visit(path).event(ceremony.id)
    old_ids = [line.id for line in ceremony.running_order]
    assert saved.running_order[0].id == old_ids[1]
    assert old_ids[0] not in {line.id for line in saved.running_order}
    assert saved.running_order[1].action.fr == "Fin"
    assert saved.participant_ids == ceremony.participant_ids
    assert saved.modified is not None
    controller.undo_stack.undo()
    assert read_visit(path).event(ceremony.id).running_order == ceremony.running_order


def test_ok_without_a_change_adds_no_undo_step(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    dialog = _dialog(qtbot, controller, controller.data.events[1])
    _ok(dialog)
    assert not dialog.isVisible()
    assert controller.undo_stack.count() == 0


def test_a_travel_leg_shows_its_two_zones_and_its_destination(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    arrival = controller.data.events[0]  # Warsaw 09:00 -> Paris 11:30
    dialog = _dialog(qtbot, controller, arrival)
    general = dialog.general
    assert general.form.isRowVisible(general.end_zone)
    assert general.form.isRowVisible(general.destination)
    assert general.start_zone.zone_name() == "Europe/Warsaw"
    assert general.end_zone.zone_name() == "Europe/Paris"
    general.kind.setCurrentIndex(general.kind.findData(EventKind.MEETING.value))
    assert not general.form.isRowVisible(general.destination)
    assert general.form.isRowVisible(general.end_zone)  # the zones differ: still shown
    general.kind.setCurrentIndex(general.kind.findData(EventKind.TRAVEL.value))
    type_text(general.destination.lineEdit(), "Arc de")
    _ok(dialog)
    saved = read_visit(path).event(arrival.id)
    assert saved.start == datetime(2026, 5, 6, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert saved.end.tzinfo == PARIS
    assert saved.destination_id == controller.data.venues[1].id


def test_a_meeting_has_no_end_zone_or_destination(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    dialog = _dialog(qtbot, controller, controller.data.events[1])
    general = dialog.general
    assert not general.form.isRowVisible(general.end_zone)
    assert not general.form.isRowVisible(general.destination)
    assert general.venue_label.text() == "&Venue:"


def test_participants_are_found_in_either_script_and_by_delegation(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    picker = ParticipantsPicker(controller.data)
    qtbot.addWidget(picker)
    picker.show()

    def shown() -> list[str]:
        proxy = picker.proxy
        groups = [proxy.index(r, 0) for r in range(proxy.rowCount())]
        return [proxy.index(r, 0, g).data() for g in groups for r in range(proxy.rowCount(g))]

    type_text(picker.search, "kalmy")
    assert shown() == ["Natalia KALMYKOVA — Наталія Іванівна Калмикова"]
    picker.search.clear()
    type_text(picker.search, "КОВАЛЬ")
    assert shown() == ["Andrii KOVAL' — Андрій Коваль"]
    picker.search.clear()
    type_text(picker.search, "українська")  # the delegation's name: all its members
    assert len(shown()) == 2
    picker.tree.setCurrentIndex(picker.proxy.index(0, 0))
    assert picker.whole.isEnabled() and not picker.whole.isChecked()
    # The delegation's row says "2/2" as soon as the button ticks them all: the view is
    # told that its count changed, not its tick alone.
    told: list[tuple[int, int]] = []
    picker.model.dataChanged.connect(
        lambda first, last, *_roles: told.append((first.column(), last.column()))
    )
    QTest.mouseClick(picker.whole, Qt.MouseButton.LeftButton)
    assert picker.count.text() == "Participants chosen: 2"
    assert picker.whole.isChecked()
    assert picker.proxy.index(0, 1).data() == "2/2"
    assert any(first <= 1 <= last for first, last in told)
    QTest.mouseClick(picker.whole, Qt.MouseButton.LeftButton)
    assert picker.count.text() == "Participants chosen: 0"


def test_new_participants_keep_the_old_ones_order_then_precedence(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    data = controller.data
    kalmykova, veteran, rufo = (_person(data, n) for n in ("Kalmykova", "Koval'", "Rufo"))
    picker = ParticipantsPicker(controller.data)
    qtbot.addWidget(picker)
    picker.set_selected([rufo.id, kalmykova.id])
    picker.model.set_group_checked(0, True)  # the guests: Kalmykova and Koval'
    assert picker.selected_ids() == [rufo.id, kalmykova.id, veteran.id]


def test_vehicles_and_interpretation_are_saved(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    event = controller.data.events[2]  # the ceremony: no vehicle, no interpretation
    dialog = _dialog(qtbot, controller, event)
    dialog.tabs.setCurrentWidget(dialog.vehicles)
    view = dialog.vehicles.view
    view.setFocus()
    view.setCurrentIndex(dialog.vehicles.proxy.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Space)
    page = dialog.interpretation
    page.mode.setCurrentIndex(page.mode.findData("simultaneous"))
    page.languages["uk"].setChecked(True)
    type_text(page.other, "PL")
    type_text(page.interpreters.search, "Коваль")
    page.interpreters.view.setFocus()
    page.interpreters.view.setCurrentIndex(page.interpreters.proxy.index(0, 0))
    QTest.keyClick(page.interpreters.view, Qt.Key.Key_Space)
    _ok(dialog)
    saved = read_visit(path).event(event.id)
    assert saved.vehicle_ids == [controller.data.vehicles[0].id]
    assert saved.interpretation.mode.value == "simultaneous"
    assert saved.interpretation.languages == ("uk", "pl")
    assert saved.interpretation.interpreter_ids == [_person(controller.data, "Koval'").id]


def test_interpreters_are_listed_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    _path, controller = _open(tmp_path, build_demo())
    dialog = _dialog(qtbot, controller)
    model = dialog.interpretation.interpreters.model
    first = [model.index(r, 0).data() for r in range(2)]
    assert all("interpreter" in text for text in first)
    controller.session.close()


def test_every_input_has_a_name_and_every_label_a_buddy(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    dialog = _dialog(qtbot, controller, controller.data.events[0])
    assert dialog.general.kind.accessibleName() == "Kind"
    inputs = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, inputs) and not isinstance(widget.parent(), inputs):
            assert widget.accessibleName(), widget
    unlabelled = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.text()
        and label.buddy() is None
        and label not in (dialog.error,)
        and label is not dialog.participants.count
    ]
    assert unlabelled == []


def test_tab_goes_through_the_fields_in_reading_order(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    dialog = _dialog(qtbot, controller, controller.data.events[0])  # a travel leg: every row
    general = dialog.general
    general.title.editor("fr").setFocus()
    seen = []
    for _step in range(40):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    wanted = [
        general.title.editor("uk"),
        general.title.editor("en"),
        general.kind,
        general.status,
        general.start.date,
        general.start.time,
        general.start_zone,
        general.end.date,
        general.end.time,
        general.end_zone,
        general.venue,
        general.destination,
        dialog.tabs.tabBar(),  # (OK and Cancel too where the platform tabs to buttons)
        general.title.editor("fr"),
    ]
    positions = [seen.index(widget) for widget in wanted]
    assert positions == sorted(positions)


def test_the_dialog_speaks_french_and_ukrainian(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    for lang, word in (("fr", "Participants"), ("uk", "Учасники")):
        set_language(lang)
        try:
            dialog = _dialog(qtbot, controller)
            assert word in dialog.tabs.tabText(2)
            assert dialog.windowTitle() != "New event"
        finally:
            set_language("en")


def test_duplicate_makes_a_draft_copy_with_new_ids_in_one_edit(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    ceremony = controller.data.events[2]
    copy = duplicate_event(controller, ceremony)
    assert copy is not None and copy.id != ceremony.id
    saved = read_visit(path).event(copy.id)
    assert saved.title.fr == "Cérémonie du 8 Mai (copie)"
    assert saved.status is EventStatus.DRAFT
    assert saved.participant_ids == ceremony.participant_ids
    new_ids = {line.id for line in saved.running_order}
    assert len(new_ids) == 2 and not new_ids & {line.id for line in ceremony.running_order}
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert copy.id not in {e.id for e in read_visit(path).events}


def test_cancel_marks_the_event_cancelled_once(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    meeting = controller.data.events[1]
    assert cancel_event(controller, meeting)
    assert read_visit(path).event(meeting.id).status is EventStatus.CANCELLED
    assert not cancel_event(controller, controller.data.event(meeting.id))
    controller.undo_stack.undo()
    assert read_visit(path).event(meeting.id).status is EventStatus.CONFIRMED


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_delete_asks_first_and_undo_brings_the_event_back(
    qtbot, visit, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    meeting = controller.data.events[1]
    deleted = delete_event(controller, meeting)
    assert asked and "Talks" in asked[0]
    ids = {e.id for e in read_visit(path).events}
    if answer == QMessageBox.StandardButton.No:
        assert not deleted and meeting.id in ids
        return
    assert deleted and meeting.id not in ids
    controller.undo_stack.undo()
    assert read_visit(path).event(meeting.id) == meeting


def test_the_models_pass_the_model_tester(qtmodeltester, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    data = controller.data
    participants = ParticipantsModel(data)
    participants.set_checked([data.people[0].id])
    qtmodeltester.check(participants)
    participants.setData(
        participants.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    qtmodeltester.check(participants)
    running = RunningOrderModel("fr")
    ceremony = data.events[2]
    running.set_lines(lines_from(ceremony.running_order, PARIS, ceremony.start.date()))
    qtmodeltester.check(running)
    running.move_line(0, 1)
    qtmodeltester.check(running)
    running.move_line(1, -1, keep_times=True)
    qtmodeltester.check(running)
    summary = RunningOrderModel("fr", summary=True)
    summary.set_lines(running.lines())
    qtmodeltester.check(summary)
    checks = CheckListModel()
    checks.set_items([CheckItem("a", "A"), CheckItem("b", "B")])
    checks.set_checked(["b"])
    qtmodeltester.check(checks)
    assert checks.checked_ids() == ["b"]
    assert participants.rowCount(QModelIndex()) == 2


@pytest.mark.parametrize("typed", ["1430", "14h30", "14:30", "2:30 pm", "14 h 30"])
def test_a_time_is_typed_at_once_in_any_usual_way(qtbot, visit, typed: str) -> None:  # type: ignore[no-untyped-def]
    path, controller = visit
    meeting = controller.data.events[1]
    dialog = EventDialog(controller, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    length = meeting.end - meeting.start
    start = dialog.general.start.time
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)  # one click, then typing
    start.selectAll()
    QTest.keyClicks(start, typed)
    assert start.clock().strftime("%H:%M") == "14:30"
    _ok(dialog)
    saved = next(e for e in read_visit(path).events if e.id == meeting.id)
    assert saved.start.strftime("%H:%M") == "14:30"
    assert saved.end - saved.start == length  # the end moved with the start


def test_moving_the_start_keeps_the_length_and_a_bad_time_is_named(qtbot, visit) -> None:  # type: ignore[no-untyped-def]
    _path, controller = visit
    meeting = controller.data.events[1]
    dialog = EventDialog(controller, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    general = dialog.general
    end_before = general.end.moment("UTC")
    start_before = general.start.moment("UTC")
    assert end_before is not None and start_before is not None
    type_sections(general.start.time, "1500")
    now = general.start.moment("UTC")
    assert now is not None
    assert general.end.moment("UTC") == end_before + (now - start_before)
    type_sections(general.end.time, "25:10")
    _ok(dialog)
    assert dialog.isVisible()
    assert "End: “25:10” is not a time of day" in dialog.error.text()
    assert controller.undo_stack.count() == 0


def test_a_meal_s_flags_are_ordered_in_the_event_editor_and_saved_with_it(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    path, controller = _open(tmp_path, build_demo())
    try:
        dinner = controller.data.event(event_id("dinner"))
        dialog = _dialog(qtbot, controller, dinner)
        dialog.tabs.setCurrentWidget(dialog.flags)
        panel = dialog.flags
        assert panel.codes() == ["FR", "UA", "EU"] and not panel.honour.isVisible()
        panel.list.setCurrentRow(2)
        panel.remove.click()
        assert panel.codes() == ["FR", "UA"]
        dialog.accept()
        assert read_visit(path).event(dinner.id).flags == ("FR", "UA")
        assert controller.undo_stack.count() == 1
        controller.undo_stack.undo()
        assert read_visit(path).event(dinner.id).flags == ()
    finally:
        controller.session.close()
