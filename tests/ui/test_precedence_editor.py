"""The décret position in the person editor (searchable, undoable) and in the roster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.decree import DecreeList, DecreePosition
from visitplanner.domain.model import Person
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.roster.model import RosterModel
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.shell.controller import VisitController


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    with open_visit(tmp_path, build_demo()) as opened:
        yield opened


def _person(controller: VisitController, family: str) -> Person:
    return next(p for p in controller.data.people if p.family_name == family)


def _dialog(qtbot, controller: VisitController, person: Person) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(controller, person)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_editor_shows_the_position_and_none_for_a_foreign_guest(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo
    dialog = _dialog(qtbot, controller, _person(controller, "Lacombe"))
    combo = dialog.role.precedence
    assert combo.currentText() == (
        "Paris (art. 2) — 27° (to check) The Military Governor of Paris, commanding the "
        "Île-de-France land region"
    )
    assert "numbers 1 to 35, except 29–32 (not in this file)" in combo.toolTip()
    assert dialog.field_widgets["precedence_position"] is combo
    guest = _dialog(qtbot, controller, _person(controller, "Kalmykova"))
    assert guest.role.precedence.currentText() == "None (a foreign guest, or no position)"
    assert guest.role.precedence.count() > 40  # both lists of the décret


def test_typing_a_word_finds_the_position_and_ok_saves_one_undoable_edit(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    aubry = _person(controller, "Aubry")
    dialog = _dialog(qtbot, controller, aubry)
    combo = dialog.role.precedence
    combo.setFocus()
    combo.lineEdit().clear()
    type_text(combo.lineEdit(), "commune")
    popup = combo.completer().popup()
    shown = [
        combo.completer().completionModel().index(i, 0).data()
        for i in range(combo.completer().completionCount())
    ]
    assert shown == [
        "département (art. 3) — 7° The Mayor of the commune where the ceremony takes place"
    ]
    assert popup.isVisible()
    combo.setCurrentIndex(combo.findText(shown[0]))
    dialog.accept()
    saved = read_visit(path).person(aubry.id)
    assert saved.precedence_position == DecreePosition(DecreeList.DEPARTEMENT, "maire")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert read_visit(path).person(aubry.id).precedence_position is None


def test_text_matching_no_position_is_refused_inline(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo
    dumas = _person(controller, "Dumas")
    dialog = _dialog(qtbot, controller, dumas)
    dialog.role.precedence.setEditText("grand vizir")
    dialog.accept()
    assert dialog.isVisible()
    assert "“grand vizir” is no position of the décret" in dialog.error.text()
    assert controller.undo_stack.count() == 0


def test_choosing_none_takes_the_position_away(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    lacombe = _person(controller, "Lacombe")
    dialog = _dialog(qtbot, controller, lacombe)
    dialog.role.precedence.setCurrentIndex(0)
    dialog.accept()
    assert read_visit(path).person(lacombe.id).precedence_position is None


def test_the_roster_shows_each_authoritys_position(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    data = build_demo()
    model = RosterModel(data)
    qtmodeltester.check(model)
    column = len(RosterModel.COLUMNS) - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Precedence (décret)"
    texts = {
        model.index(row, 0).data(): model.index(row, column).data()
        for row in range(model.rowCount())
        if model.index(row, 0).data(RosterModel.KindRole) == "person"
    }
    assert texts["LACOMBE Bertrand"].startswith("27° The Military Governor of Paris")
    assert texts["RUFO Alice"].startswith("6° The Government")
    assert texts["KALMYKOVA Natalia"] == ""
