"""The roster screen: delegations and people in order, filtered as typed, reordered, edited."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.factories import small_visit
from tests.ui.editing import open_visit, unnamed_inputs
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import GUEST_DELEGATION_ID, HOST_DELEGATION_ID, person_id
from visitplanner.domain.model import Person
from visitplanner.operations.edits import SaveEntity
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.roster.delegation_dialog import DelegationDialog
from visitplanner.ui.roster.model import RosterModel
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.controller import VisitController

SHYMANSKYI = person_id("shymanskyi")
KALMYKOVA = person_id("kalmykova")


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, RosterView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = RosterView(controller)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        yield path, controller, view


@pytest.fixture
def small(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, RosterView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, small_visit()) as (path, controller):
        view = RosterView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _rows(view: RosterView) -> list[tuple[str, list[str]]]:
    """What the list shows: each group's title and its people's names."""
    model = view.model
    shown: list[tuple[str, list[str]]] = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(RosterModel.KindRole) == "person":
            shown[-1][1].append(index.data())
        else:
            shown.append((index.data(), []))
    return shown


def _ranks(path: Path, delegation_id: str) -> list[tuple[str, int]]:
    data = read_visit(path)
    return [(p.family_name, p.rank) for p in data.members(delegation_id)]


def _yes(monkeypatch: pytest.MonkeyPatch, answers: list[str] | None = None) -> None:
    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        if answers is not None:
            answers.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)


def test_delegations_in_order_with_their_people_by_precedence(small) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = small
    assert _rows(view) == [
        ("Délégation ukrainienne (guest)", ["KALMYKOVA Natalia", "KOVAL' Andrii"]),
        ("Délégation française (host)", ["RUFO Alice"]),
        ("No delegation (authorities)", []),
    ]
    model = view.model
    by_name = {p.family_name: p.id for p in view.controller.data.people}
    minister = model.index_of_person(by_name["Kalmykova"])
    row = [model.index(minister.row(), c).data() for c in range(7)]
    assert row[1] == "Наталія Іванівна Калмикова"
    assert row[3] == "head of delegation"
    assert row[4] == "minister"
    assert row[5] == "uk, en"
    assert row[6] == "diet"  # dietary need given; step-free known to be unneeded
    veteran = model.index_of_person(by_name["Koval'"])
    assert model.index(veteran.row(), 3).data() == "ветеран"  # free role
    assert model.index(veteran.row(), 6).data() == "step-free · diet?"


def test_authorities_are_in_the_no_delegation_group(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    titles = [title for title, _names in _rows(view)]
    assert titles == [
        "Ukrainian delegation (guest)",
        "French delegation (host)",
        "No delegation (authorities)",
    ]
    authorities = _rows(view)[2][1]
    assert len(authorities) == len(controller.data.members(None)) > 0


def test_typing_a_cyrillic_part_of_a_name_finds_shymanskyi(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    type_text(view.filter, "шиман")
    assert view.model.shown_person_ids() == [SHYMANSKYI]
    assert _rows(view) == [("Ukrainian delegation (guest)", ["SHYMANSKYI Oleg"])]
    assert view.current_person() is not None  # the match is selected: Enter opens it
    assert "1 of" in view.count.text()
    view.filter.clear()
    assert len(view.model.shown_person_ids()) == len(controller.data.people)


def test_the_filter_ignores_case_accents_and_word_order(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    type_text(view.filter, "STEPHANE")
    assert [n for _t, names in _rows(view) for n in names] == ["ROUX Stéphane"]
    view.filter.clear()
    type_text(view.filter, "shym oleg")
    assert view.model.shown_person_ids() == [SHYMANSKYI]
    view.filter.clear()
    type_text(view.filter, "nobody-by-that-name")
    assert _rows(view) == []


def test_moving_a_person_up_renumbers_the_delegation_as_one_undoable_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    before = _ranks(path, GUEST_DELEGATION_ID)
    assert before[:2] == [("Kalmykova", 1), ("Shymanskyi", 2)]
    assert view.select_person(SHYMANSKYI)
    steps = controller.undo_stack.count()
    assert view.move_up()
    after = _ranks(path, GUEST_DELEGATION_ID)
    assert after[:2] == [("Shymanskyi", 1), ("Kalmykova", 2)]
    assert [rank for _name, rank in after] == list(range(1, len(after) + 1))
    assert controller.undo_stack.count() == steps + 1
    assert _rows(view)[0][1][:2] == ["SHYMANSKYI Oleg", "KALMYKOVA Natalia"]
    assert view.current_person().id == SHYMANSKYI  # type: ignore[union-attr]
    controller.undo_stack.undo()
    assert _ranks(path, GUEST_DELEGATION_ID) == before
    assert _rows(view)[0][1][:2] == ["KALMYKOVA Natalia", "SHYMANSKYI Oleg"]


def test_ctrl_down_moves_the_person_selected(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    view.select_person(KALMYKOVA)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _ranks(path, GUEST_DELEGATION_ID)[:2] == [("Shymanskyi", 1), ("Kalmykova", 2)]
    assert view.current_person().id == KALMYKOVA  # type: ignore[union-attr]  # still selected


def test_the_first_person_cannot_move_up(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    view.select_person(KALMYKOVA)
    assert not view.move_up_action.isEnabled()
    assert view.move_down_action.isEnabled()
    steps = controller.undo_stack.count()
    assert not view.move_up()
    assert controller.undo_stack.count() == steps


def test_dropping_a_person_reorders_the_delegation(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    model = view.model
    last = controller.data.members(GUEST_DELEGATION_ID)[-1]
    mime = model.mimeData([model.index_of_person(last.id)])
    second = model.index_of_person(SHYMANSKYI).row()
    root = QModelIndex()  # a drop falls between two rows of the list
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, second, 0, root)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, second, 0, root)  # before him
    ranks = _ranks(path, GUEST_DELEGATION_ID)
    assert [name for name, _rank in ranks[:3]] == ["Kalmykova", last.family_name, "Shymanskyi"]
    assert [rank for _name, rank in ranks] == list(range(1, len(ranks) + 1))
    controller.undo_stack.undo()
    assert _ranks(path, GUEST_DELEGATION_ID)[-1][0] == last.family_name


def test_a_person_dropped_after_the_last_of_their_delegation_goes_last(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    model = view.model
    mime = model.mimeData([model.index_of_person(KALMYKOVA)])
    next_title = model.index_of_group(HOST_DELEGATION_ID).row()  # just after the guests
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, next_title, 0, QModelIndex())
    assert _ranks(path, GUEST_DELEGATION_ID)[-1][0] == "Kalmykova"


def test_a_person_cannot_be_dropped_into_another_delegation(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    model = view.model
    mime = model.mimeData([model.index_of_person(KALMYKOVA)])
    host = model.index_of_group(HOST_DELEGATION_ID)
    among_hosts = host.row() + 2
    root = QModelIndex()
    steps = controller.undo_stack.count()
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, among_hosts, 0, root)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, among_hosts, 0, root)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, root)  # at the end
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, root)  # above a title
    # Where it already is: nothing to do, so the list refuses the drop.
    here = model.index_of_person(KALMYKOVA).row()
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, here, 0, root)
    assert controller.undo_stack.count() == steps


def test_a_delegation_is_dropped_between_delegations_not_among_people(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    model = view.model
    mime = model.mimeData([model.index_of_group(HOST_DELEGATION_ID)])
    among_guests = model.index_of_person(SHYMANSKYI).row()
    steps = controller.undo_stack.count()
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, among_guests, 0, QModelIndex())
    assert controller.undo_stack.count() == steps


def test_dropping_a_delegation_changes_the_order_of_delegations(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    model = view.model
    mime = model.mimeData([model.index_of_group(HOST_DELEGATION_ID)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    data = read_visit(path)
    assert data.delegation(HOST_DELEGATION_ID).position == 0
    assert data.delegation(GUEST_DELEGATION_ID).position == 1
    assert _rows(view)[0][0] == "French delegation (host)"


def test_moving_a_delegation_down_with_the_buttons(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    assert view.select_delegation(GUEST_DELEGATION_ID)
    assert view.move_down()
    assert read_visit(path).delegation(GUEST_DELEGATION_ID).position == 1
    assert [t for t, _n in _rows(view)][:2] == [
        "French delegation (host)",
        "Ukrainian delegation (guest)",
    ]
    assert view.current_delegation().id == GUEST_DELEGATION_ID  # type: ignore[union-attr]
    controller.undo_stack.undo()
    assert read_visit(path).delegation(GUEST_DELEGATION_ID).position == 0


def test_editing_a_cyrillic_name_is_saved_and_shown(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    view.select_person(SHYMANSKYI)
    dialog = view.edit_current()
    assert isinstance(dialog, PersonDialog)
    field = dialog.identity.family_name_native
    field.clear()
    type_text(field, "Шиманський-Коваль")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert read_visit(path).person(SHYMANSKYI).family_name_native == "Шиманський-Коваль"
    index = view.model.index_of_person(SHYMANSKYI)
    native = view.model.index(index.row(), 1).data()
    assert native == "Олег Шиманський-Коваль"
    assert view.current_person().id == SHYMANSKYI  # type: ignore[union-attr]
    assert controller.undo_stack.undoText() == "Edit Oleg SHYMANSKYI"
    controller.undo_stack.undo()
    assert read_visit(path).person(SHYMANSKYI).family_name_native == "Шиманський"


def test_enter_and_double_click_open_the_person(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    view.select_person(SHYMANSKYI)
    with qtbot.waitSignal(view.person_activated) as blocker:
        QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [SHYMANSKYI]
    assert isinstance(view.dialog, PersonDialog)
    assert view.dialog.before is not None and view.dialog.before.id == SHYMANSKYI
    view.dialog.reject()


def test_a_new_person_joins_the_delegation_selected_at_the_end(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    view.select_delegation(HOST_DELEGATION_ID)
    count = len(controller.data.members(HOST_DELEGATION_ID))
    dialog = view.new_person()
    assert isinstance(dialog, PersonDialog)
    type_text(dialog.identity.family_name, "Lefèvre")
    type_text(dialog.identity.given_name, "Anne")
    dialog.accept()
    added = [p for p in read_visit(path).people if p.family_name == "Lefèvre"]
    assert len(added) == 1
    assert added[0].delegation_id == HOST_DELEGATION_ID
    assert added[0].rank == count + 1
    assert view.current_person().id == added[0].id  # type: ignore[union-attr]


def test_deleting_a_person_asks_first_and_can_be_undone(monkeypatch, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    view.select_person(SHYMANSKYI)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    assert not view.delete_current()
    assert SHYMANSKYI in {p.id for p in read_visit(path).people}
    asked: list[str] = []
    _yes(monkeypatch, asked)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Oleg SHYMANSKYI" in asked[0]
    assert SHYMANSKYI not in {p.id for p in read_visit(path).people}
    assert view.current_person() is not None  # the next person is selected
    controller.undo_stack.undo()
    assert read_visit(path).person(SHYMANSKYI).family_name == "Shymanskyi"
    assert view.model.index_of_person(SHYMANSKYI).isValid()


def test_deleting_a_delegation_takes_its_members(monkeypatch, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    members = len(controller.data.members(HOST_DELEGATION_ID))
    view.select_delegation(HOST_DELEGATION_ID)
    asked: list[str] = []
    _yes(monkeypatch, asked)
    assert view.delete_delegation()
    assert str(members) in asked[0]
    data = read_visit(path)
    assert HOST_DELEGATION_ID not in {d.id for d in data.delegations}
    assert not data.members(HOST_DELEGATION_ID)
    controller.undo_stack.undo()
    assert len(read_visit(path).members(HOST_DELEGATION_ID)) == members


def test_a_new_delegation_and_its_head(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    dialog = view.new_delegation()
    assert dialog is not None
    dialog.accept()  # no name yet
    assert dialog.error.isVisible() and "name" in dialog.error.text()
    type_text(dialog.name.editor("fr"), "Délégation polonaise")
    type_text(dialog.name.editor("uk"), "Польська делегація")
    dialog.accept()
    created = [d for d in read_visit(path).delegations if d.name.fr == "Délégation polonaise"]
    assert len(created) == 1 and created[0].name.uk == "Польська делегація"
    assert created[0].position == 2
    assert view.current_delegation().id == created[0].id  # type: ignore[union-attr]
    editor = view.edit_delegation()
    assert editor is not None and editor.head.count() == 1  # no members yet: no head to pick
    editor.reject()
    view.select_delegation(GUEST_DELEGATION_ID)
    editor = view.edit_delegation()
    assert editor is not None
    index = editor.head.findData(SHYMANSKYI)
    editor.head.setCurrentIndex(index)
    editor.accept()
    assert read_visit(path).delegation(GUEST_DELEGATION_ID).head_id == SHYMANSKYI
    assert controller.undo_stack.undoText() == "Edit the delegation"


def test_a_change_made_elsewhere_refreshes_the_tree_and_keeps_the_selection(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    view.select_person(SHYMANSKYI)
    other = controller.data.person(KALMYKOVA)
    renamed = Person(**{**_fields(other), "given_name": "Nataliia"})
    controller.apply(SaveEntity(renamed, other))
    assert "KALMYKOVA Nataliia" in _rows(view)[0][1]
    assert view.current_person().id == SHYMANSKYI  # type: ignore[union-attr]


def test_select_person_clears_a_filter_that_hides_them(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    type_text(view.filter, "roux")
    assert view.select_person(SHYMANSKYI)
    assert view.filter.text() == ""
    assert view.current_person().id == SHYMANSKYI  # type: ignore[union-attr]
    assert not view.select_person("00000000-0000-4000-8000-000000000000")


def test_a_folded_delegation_stays_folded_after_an_edit(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    view.table.set_folded(HOST_DELEGATION_ID, True)
    hosts = len(controller.data.members(HOST_DELEGATION_ID))
    assert dict(_rows(view))["French delegation (host)"] == []
    view.select_person(SHYMANSKYI)
    view.move_down()
    assert view.table.is_folded(HOST_DELEGATION_ID)
    assert dict(_rows(view))["French delegation (host)"] == []
    assert not view.table.is_folded(GUEST_DELEGATION_ID)
    view.table.set_folded(HOST_DELEGATION_ID, False)
    assert len(dict(_rows(view))["French delegation (host)"]) == hosts


def _arrow_click(view: RosterView, key: str) -> None:
    title = view.model.index_of_group(key)
    rect = view.table.visualRect(title)
    spot = rect.topLeft() + QPoint(8, rect.height() // 2)
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), spot)


def test_the_arrow_and_the_arrow_keys_fold_a_delegation(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    guests = len(controller.data.members(GUEST_DELEGATION_ID))
    _arrow_click(view, GUEST_DELEGATION_ID)
    assert view.table.is_folded(GUEST_DELEGATION_ID)
    assert _rows(view)[0] == ("Ukrainian delegation (guest)", [])
    assert view.model.group_key_at(view.table.currentIndex()) == GUEST_DELEGATION_ID
    _arrow_click(view, GUEST_DELEGATION_ID)
    assert len(_rows(view)[0][1]) == guests
    # From the keyboard, as in a tree: Left folds the title, Right unfolds it,
    # and Left on a person goes up to their delegation's title.
    view.select_person(SHYMANSKYI)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Left)
    assert view.model.is_group(view.table.currentIndex())
    QTest.keyClick(view.table, Qt.Key.Key_Left)
    assert view.table.is_folded(GUEST_DELEGATION_ID)
    QTest.keyClick(view.table, Qt.Key.Key_Right)
    assert not view.table.is_folded(GUEST_DELEGATION_ID)
    # A click on a title elsewhere than its arrow selects it and folds nothing;
    # Enter then opens the delegation.
    title = view.model.index_of_group(GUEST_DELEGATION_ID)
    spot = view.table.visualRect(title).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), spot)
    assert not view.table.is_folded(GUEST_DELEGATION_ID)
    assert view.table.currentIndex().row() == title.row()
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert isinstance(view.dialog, DelegationDialog)
    view.dialog.reject()


def test_selecting_a_person_of_a_folded_delegation_unfolds_it(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    view.table.set_folded(GUEST_DELEGATION_ID, True)
    assert not view.model.index_of_person(SHYMANSKYI).isValid()
    assert view.select_person(SHYMANSKYI)
    assert view.current_person().id == SHYMANSKYI  # type: ignore[union-attr]
    assert not view.table.is_folded(GUEST_DELEGATION_ID)


def test_a_filter_shows_folded_delegations_open_and_folds_them_back(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    view.table.set_folded(GUEST_DELEGATION_ID, True)
    type_text(view.filter, "kalm")
    assert _rows(view) == [("Ukrainian delegation (guest)", ["KALMYKOVA Natalia"])]
    view.filter.clear()
    assert _rows(view)[0] == ("Ukrainian delegation (guest)", [])


def test_each_delegation_title_runs_across_the_columns(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    for key in (GUEST_DELEGATION_ID, HOST_DELEGATION_ID, ""):
        row = view.model.index_of_group(key).row()
        assert view.table.columnSpan(row, 0) == view.model.columnCount()
    person = view.model.index_of_person(SHYMANSKYI).row()
    assert view.table.columnSpan(person, 0) == 1
    type_text(view.filter, "kalm")  # after a reset, on the rows as they are now
    assert view.table.columnSpan(0, 0) == view.model.columnCount()
    assert view.table.columnSpan(1, 0) == 1


def test_a_read_only_visit_offers_no_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    controller.read_only = True
    view.refresh()
    view.select_person(SHYMANSKYI)
    for action in (
        view.new_person_action,
        view.new_delegation_action,
        view.delete_action,
        view.move_up_action,
        view.move_down_action,
    ):
        assert not action.isEnabled()
    assert view.edit_action.isEnabled()  # to read the record
    index = view.model.index_of_person(SHYMANSKYI)
    assert not view.model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert view.new_person() is None
    assert not view.move_up()
    dialog = view.edit_current()
    assert isinstance(dialog, PersonDialog)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save) is None
    assert dialog.identity.family_name.isReadOnly()
    dialog.reject()
    assert _ranks(path, GUEST_DELEGATION_ID)[1] == ("Shymanskyi", 2)


def test_every_input_is_named_for_screen_readers(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    assert unnamed_inputs(view) == []
    assert view.filter_label.buddy() is view.filter
    assert view.new_person_action.shortcut().toString() == "Ins"
    assert "Ctrl+Up" in view.move_up_action.toolTip()


def test_headers_and_labels_follow_the_language(demo) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.i18n import set_language

    _path, _controller, view = demo
    set_language("fr")
    try:
        view.retranslate()
        headers = [
            view.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(view.model.columnCount())
        ]
        assert headers[0] == "Nom"
        assert _rows(view)[0][0].startswith("Délégation ukrainienne")
        assert view.new_person_action.text().replace("&", "").startswith("Nouvelle personne")
    finally:
        set_language("en")
        view.retranslate()


@pytest.mark.parametrize("builder", [small_visit, build_demo])
def test_the_roster_model_passes_the_model_tester(qtmodeltester, builder) -> None:  # type: ignore[no-untyped-def]
    model = RosterModel(builder())
    qtmodeltester.check(model)
    model.set_filter("a")
    qtmodeltester.check(model)
    model.set_filter("zzzz")
    qtmodeltester.check(model)


def _fields(person: Person) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(person, f.name) for f in dataclasses.fields(person)}


def test_a_head_from_outside_the_delegation_is_kept_on_save(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    import copy

    host = controller.data.delegation(HOST_DELEGATION_ID)
    odd = copy.deepcopy(host)
    odd.head_id = SHYMANSKYI  # a member of the other delegation, as an import may leave it
    controller.apply(SaveEntity(odd, host))
    view.select_delegation(HOST_DELEGATION_ID)
    editor = view.edit_delegation()
    assert editor is not None and editor.head.currentData() == SHYMANSKYI
    type_text(editor.country, "X")
    editor.accept()
    assert read_visit(path).delegation(HOST_DELEGATION_ID).head_id == SHYMANSKYI


def test_the_count_follows_every_change_not_only_the_filter(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    total = len(controller.data.people)
    assert view.count.text() == f"People: {total}"
    person = copy.deepcopy(controller.data.people[-1])
    person.id = "0b0b0b0b-0000-4000-8000-00000000beef"
    person.family_name = "Added"
    controller.apply(SaveEntity(person, None))
    assert view.count.text() == f"People: {total + 1}"
    controller.undo_stack.undo()
    assert view.count.text() == f"People: {total}"
