"""The Gifts page and the gift editor: the register listed by event, filtered in either
script, a gift added, edited and deleted as one undoable edit each, the threshold set,
the private fields marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.ui.editing import open_visit, unnamed_inputs
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import demo_id, event_id, person_id
from visitplanner.domain.gifts import Gift, GiftStatus
from visitplanner.domain.privacy import PRIVATE_FIELDS
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.privacy_marks import is_marked_private
from visitplanner.ui.gifts.view import GiftDialog, GiftsView, ThresholdDialog
from visitplanner.ui.shell.controller import VisitController

RUSHNYK = demo_id("gift:rushnyk")
MEDAL = demo_id("gift:medal")


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, GiftsView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = GiftsView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _column(view: GiftsView, column: int) -> list[str]:
    model = view.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_register_is_listed_by_the_time_of_its_events(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    assert _column(view, 0) == ["06/05 20:00", "07/05 14:30", "08/05 17:50"]
    assert _column(view, 2) == [
        "Natalia KALMYKOVA",
        "Міністерство у справах ветеранів України",
        "Alice RUFO",
    ]
    assert _column(view, 5) == ["wrapped", "planned", "bought"]
    assert _column(view, 6) == ["120 EUR", "", "45 EUR"]


def test_the_filter_finds_a_name_in_either_script(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    type_text(view.filter, "калмик")  # Kalmykova, typed in Cyrillic
    assert sorted(_column(view, 4)) == [
        "Commemorative medal of 8 May 1945 in its case",
        "Embroidered Poltava rushnyk and a book on the art of Ukrainian veterans",
    ]
    view.filter.clear()
    type_text(view.filter, "ministerstvo")  # the Ukrainian ministry, typed in Latin
    assert _column(view, 4) == ["Painting by a veteran artist from Kharkiv"]
    view.filter.clear()
    type_text(view.filter, "ceremony medal")
    assert _column(view, 4) == ["Commemorative medal of 8 May 1945 in its case"]


def test_a_new_gift_to_an_institution_is_one_undoable_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    dialog = view.new()
    assert isinstance(dialog, GiftDialog)
    type_text(dialog.description.editor("fr"), "Coffret de vins de Bourgogne")
    dialog.giver.setCurrentIndex(dialog.giver.findData(person_id("rufo")))
    dialog.recipient.setEditText("Ambassade d’Ukraine en France")
    dialog.occasion.setCurrentIndex(dialog.occasion.findData(event_id("dinner")))
    dialog.value.setValue(90)
    type_text(dialog.currency, "eur")
    dialog.keeper.setCurrentIndex(dialog.keeper.findData(person_id("garnier")))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    added = next(g for g in read_visit(path).gifts if g.description.fr.startswith("Coffret"))
    assert (added.giver_id, added.recipient_id, added.recipient_name) == (
        person_id("rufo"),
        None,
        "Ambassade d’Ukraine en France",
    )
    assert (added.event_id, added.value, added.currency, added.status) == (
        event_id("dinner"),
        90,
        "EUR",
        GiftStatus.PLANNED,
    )
    assert view.current_id() == added.id
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert added.id not in {g.id for g in read_visit(path).gifts}


def test_editing_a_gift_changes_only_what_was_changed(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    before = read_visit(path).gifts
    assert view.select_gift(MEDAL)
    dialog = view.edit_current()
    assert isinstance(dialog, GiftDialog)
    dialog.accept()  # nothing changed: no edit
    assert controller.undo_stack.count() == 0
    dialog = view.edit_current()
    assert isinstance(dialog, GiftDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(GiftStatus.GIVEN.value))
    dialog.declared.setChecked(True)
    dialog.accept()
    medal = next(g for g in read_visit(path).gifts if g.id == MEDAL)
    assert (medal.status, medal.declared, medal.declared_on) == (GiftStatus.GIVEN, True, None)
    assert medal.description == next(g for g in before if g.id == MEDAL).description
    assert _column(view, 7)[2] == "yes"
    controller.undo_stack.undo()
    assert read_visit(path).gifts == before


def test_a_wrong_currency_is_refused_in_the_editor(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    view.select_gift(RUSHNYK)
    dialog = view.edit_current()
    assert isinstance(dialog, GiftDialog)
    dialog.currency.setText("€")
    dialog.accept()
    assert "three letters" in dialog.error.text()
    assert next(g for g in read_visit(path).gifts if g.id == RUSHNYK).currency == ""


def test_deleting_a_gift_is_undone_with_its_id(monkeypatch, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    view.select_gift(RUSHNYK)
    assert view.delete_current()
    assert RUSHNYK not in {g.id for g in read_visit(path).gifts}
    assert len(_column(view, 0)) == 2
    controller.undo_stack.undo()
    assert RUSHNYK in {g.id for g in read_visit(path).gifts}
    assert len(_column(view, 0)) == 3


def test_the_threshold_is_set_in_its_dialog_as_one_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    dialog = view.edit_threshold()
    assert isinstance(dialog, ThresholdDialog)
    assert dialog.threshold.value() == 150
    dialog.threshold.setValue(100)
    dialog.accept()
    assert read_visit(path).visit.gift_threshold == 100
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert read_visit(path).visit.gift_threshold == 150


def test_the_private_fields_are_marked_and_every_input_named(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    qtmodeltester.check(view.model)
    assert unnamed_inputs(view) == []
    dialog = GiftDialog(controller, controller.data.gifts[0])
    qtbot.addWidget(dialog)
    marked = {name for name, w in dialog.field_widgets.items() if is_marked_private(w)}
    assert marked == set(PRIVATE_FIELDS[Gift])
    assert unnamed_inputs(dialog) == []
    for widget in dialog.findChildren(QWidget):
        if is_marked_private(widget):
            assert widget in dialog.field_widgets.values()


def test_a_read_only_visit_offers_no_edit(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    controller.read_only = True
    view.refresh()
    view.select_gift(MEDAL)
    assert not view.new_action.isEnabled()
    assert not view.delete_action.isEnabled()


def test_a_gift_finding_opens_the_gift_in_the_register(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from visitplanner.domain.checks import check_plan
    from visitplanner.ui.checks.view import ChecksView
    from visitplanner.ui.shell.main_window import MainWindow
    from visitplanner.ui.shell.settings import AppSettings

    data = build_demo()
    data.visit.gift_threshold = 100
    with open_visit(tmp_path, data) as (_path, controller):
        ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, AppSettings(ini))
        qtbot.addWidget(window)
        window.show()
        (finding,) = check_plan(controller.data)
        assert finding.gift_ids == (RUSHNYK,)
        checks = window.pages["checks"]
        assert isinstance(checks, ChecksView)
        checks.go_to.emit("gift", finding.gift_ids[0])
        page = window.pages["gifts"]
        assert isinstance(page, GiftsView)
        assert window.stack.currentWidget() is page
        assert page.current_id() == RUSHNYK


def test_the_time_a_gift_is_handed_over_is_typed_and_undone(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    assert view.select_gift(MEDAL)
    dialog = view.edit_current()
    assert isinstance(dialog, GiftDialog)
    assert dialog.at.text() == "18:42"  # the demo's, in the ceremony's zone
    dialog.at.clear()
    type_text(dialog.at, "1835")
    dialog.accept()
    medal = next(g for g in read_visit(path).gifts if g.id == MEDAL)
    assert medal.at is not None and medal.at.strftime("%d %H:%M") == "08 18:35"
    ceremony = read_visit(path).event(event_id("ceremony"))
    assert ceremony.running_order == controller.data.event(event_id("ceremony")).running_order
    controller.undo_stack.undo()
    medal = next(g for g in read_visit(path).gifts if g.id == MEDAL)
    assert medal.at is not None and medal.at.strftime("%H:%M") == "18:42"


def test_a_time_without_an_event_is_refused(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    view.select_gift(MEDAL)
    dialog = view.edit_current()
    assert isinstance(dialog, GiftDialog)
    dialog.occasion.setCurrentIndex(0)
    dialog.accept()
    assert "choose the event" in dialog.error.text()
    medal = next(g for g in read_visit(path).gifts if g.id == MEDAL)
    assert medal.event_id == event_id("ceremony")
