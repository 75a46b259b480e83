"""The Contacts page: a hospital edited in its day's row, a contact typed, a copy's holder
and its return, each one undoable edit; both tables pass the model tester."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.editing import open_visit
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.copies import BookCopy
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.contacts.view import ContactsView
from visitplanner.ui.shell.controller import VisitController

MAY_8 = date(2026, 5, 8)


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, ContactsView]]:  # type: ignore[no-untyped-def]
    data = build_demo()
    data.copies = [
        BookCopy(number=n, total=2, printed_on=date(2026, 5, 5), edition="fr · internal")
        for n in (1, 2)
    ]
    with open_visit(tmp_path, data) as (path, controller):
        view = ContactsView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def test_both_tables_pass_the_model_tester(demo, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    qtmodeltester.check(view.emergency.hospitals)
    qtmodeltester.check(view.distribution.copies)


def test_a_hospital_edited_in_its_days_row_is_one_edit_undone(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    model = view.emergency.hospitals
    assert model.rowCount() == 4  # 6 to 9 May
    index = model.index(2, 1)
    assert index.data() == "Hôpital d’instruction des armées Bégin"
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(2, 0).flags() & Qt.ItemFlag.ItemIsEditable  # the day
    assert model.setData(index, "Hôpital Bichat-Claude-Bernard")
    hospital = read_visit(path).visit.emergency.hospital_on(MAY_8)
    assert hospital is not None and hospital.name == "Hôpital Bichat-Claude-Bernard"
    assert hospital.address == "69 avenue de Paris, 94160 Saint-Mandé"  # the rest kept
    assert model.index(2, 1).data() == "Hôpital Bichat-Claude-Bernard"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert model.index(2, 1).data() == "Hôpital d’instruction des armées Bégin"
    assert read_visit(path).visit.emergency == build_demo().visit.emergency


def test_a_contact_typed_is_saved_when_the_field_is_left(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    field = view.emergency.fields[("security_lead", "address")]
    field.setText("Hexagone Balard, 75015 Paris")
    field.editingFinished.emit()
    assert read_visit(path).visit.emergency.security_lead.address == "Hexagone Balard, 75015 Paris"
    field.editingFinished.emit()  # nothing more changed: no second edit
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert field.text() == ""


def test_a_copys_holder_and_return_are_edits_of_the_distribution_list(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    tab = view.distribution
    model = tab.copies
    assert [model.index(r, 0).data() for r in range(2)] == ["1 of 2", "2 of 2"]
    assert model.setData(model.index(0, 1), "Julien Morel")
    assert model.setData(model.index(1, 1), "Cabinet du ministre")
    copies = sorted(read_visit(path).copies, key=lambda c: c.number)
    assert (copies[0].holder_id, copies[1].holder_name) == (
        person_id("morel"),
        "Cabinet du ministre",
    )
    assert model.index(0, 1).data() == "Julien MOREL"
    tab.table.selectRow(1)
    tab.mark_returned()
    assert sorted(read_visit(path).copies, key=lambda c: c.number)[1].returned_on is not None
    assert model.index(1, 4).data() != ""
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert model.index(1, 1).data() == "" and model.index(1, 4).data() == ""
