"""The seating page's constraints panel, driven as a user would: the demo's constraint is
listed and marked broken when the doctor is moved away; add, edit and delete from the
keyboard, each undone with the same ids; people found by typing in either script."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner.domain.lookup import find_person
from visitplanner.domain.seating_rules import ConstraintKind, SeatingConstraint
from visitplanner.ui.seating.constraints import ConstraintDialog, ConstraintsModel
from visitplanner.ui.seating.view import SeatingView


def _cells(view: SeatingView) -> list[list[str]]:
    model = view.constraints.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_demo_constraint_is_listed_and_marked_broken_as_the_doctor_moves(
    view: SeatingView,
) -> None:
    assert _cells(view) == [["next to", "Dmytro Tkachuk — Iryna Boiko", "hard", "kept"]]
    data = view.session.data
    doctor = find_person(data, "Boiko")
    event = view.current_event()
    assert event is not None and event.seating is not None
    view.move_person(doctor.id, event.seating.seat_by_number(1).id)
    assert _cells(view)[0][3] == "not kept"
    tooltip = view.constraints.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "is not next to Iryna Boiko (seat 1)" in tooltip
    checks = [view.checks.item(i).text() for i in range(view.checks.count())]
    assert any("is not next to" in line for line in checks)
    view.session.undo()
    view.reload()
    assert _cells(view)[0][3] == "kept"


def test_add_edit_delete_from_the_keyboard_each_undone_with_the_same_ids(
    qtbot,  # type: ignore[no-untyped-def]
    view: SeatingView,
) -> None:
    data = view.session.data
    minister, rufo = find_person(data, "Kalmykova"), find_person(data, "Rufo")
    dinner = view.current_event()
    assert dinner is not None
    wish = SeatingConstraint(dinner.id, ConstraintKind.NOT_NEXT_TO, minister.id, rufo.id, False)
    view.constraints.ask = lambda dialog: wish
    table = view.constraints.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert [c.id for c in view.session.data.seating_constraints][-1] == wish.id
    assert _cells(view)[-1][:3] == ["not next to", "Natalia Kalmykova — Alice Rufo", "soft"]
    table.setCurrentIndex(view.constraints.model.index(1, 0))
    stronger = SeatingConstraint(
        dinner.id, ConstraintKind.OTHER_TABLE, minister.id, rufo.id, True, wish.id
    )
    view.constraints.ask = lambda dialog: stronger
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _cells(view)[1][:3] == [
        "not at the same table",
        "Natalia Kalmykova — Alice Rufo",
        "hard",
    ]
    assert _cells(view)[1][3] == "not kept"  # one table: the plan cannot keep it
    table.setCurrentIndex(view.constraints.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(_cells(view)) == 1
    for _step in range(2):
        view.session.undo()
    view.reload()
    assert [c.id for c in view.session.data.seating_constraints][-1] == wish.id
    assert _cells(view)[-1][0] == "not next to"


def test_propose_says_what_it_cannot_keep(view: SeatingView) -> None:
    data = view.session.data
    dinner = view.current_event()
    assert dinner is not None
    minister, rufo = find_person(data, "Kalmykova"), find_person(data, "Rufo")
    wish = SeatingConstraint(dinner.id, ConstraintKind.OTHER_TABLE, minister.id, rufo.id)
    view.constraints.ask = lambda dialog: wish
    view.constraints.add()
    view.propose()
    assert "The proposal could not keep:" in view.constraints.unmet.text()
    assert "are at the same table" in view.constraints.unmet.text()


def test_the_dialog_finds_people_in_either_script(qtbot, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    data = view.session.data
    dinner = view.current_event()
    assert dinner is not None
    dialog = ConstraintDialog(data, dinner, None, view)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ConstraintKind.NEAR_EXIT))
    assert not dialog.second.isEnabled()
    dialog.first.setEditText("Калмикова")
    made = dialog.constraint()
    assert made.person_id == find_person(data, "Kalmykova").id and made.other_id is None
    dialog.kind.setCurrentIndex(dialog.kind.findData(ConstraintKind.NEXT_TO))
    dialog.second.setEditText("rufo")
    made = dialog.constraint()
    assert made.other_id == find_person(data, "Rufo").id and made.hard


def test_the_options_are_one_undoable_edit(view: SeatingView) -> None:
    combo = view.constraints.couples
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    event = view.current_event()
    assert event is not None and event.seating is not None
    assert event.seating.options.couples.value == "apart"
    view.session.undo()
    event = view.session.data.event(event.id)
    assert event.seating is not None and event.seating.options.couples.value == "free"


def test_the_model_passes_the_model_tester(qtmodeltester, view: SeatingView) -> None:  # type: ignore[no-untyped-def]
    model = view.constraints.model
    assert isinstance(model, ConstraintsModel)
    qtmodeltester.check(model)


def test_a_seat_is_marked_near_an_exit_from_its_menu(view: SeatingView) -> None:
    event = view.current_event()
    assert event is not None and event.seating is not None
    seat = event.seating.seat_by_number(9)
    menu = view.menu_for(seat.id)
    near = next(a for a in menu.actions() if a.text() == "Near an exit")
    assert not near.isChecked()
    near.trigger()
    event = view.current_event()
    assert event is not None and event.seating is not None
    assert event.seating.seat_by_number(9).near_exit
    view.session.undo()
    event = view.session.data.event(event.id)
    assert event.seating is not None and not event.seating.seat_by_number(9).near_exit
