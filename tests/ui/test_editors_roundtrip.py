"""Every editor saves only what the officer changed, on the demo visit and on a summit.

Opened on an entity and closed with OK, an editor leaves the visit's JSON export
byte for byte as it was and adds no step to Edit > Undo. With one field changed
through its input, exactly that field differs (and an event's modification time).
What an editor does not show (a ceremony's wreaths and placement, a dinner's seating
plan, an imported event's UID, a running-order line's kind and people) survives.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

from tests.ui.editing import open_visit
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import StepKind
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventKind, InterpretationMode, LocalizedText
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.operations.change import Change
from visitplanner.ui.common.edits import EntityEditor, patch
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.roster.delegation_dialog import DelegationDialog
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.seating.view import SeatingView
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.vehicles.view import VehicleDialog
from visitplanner.ui.venues.dialog import VenueDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from summit import generate_summit

#: The UID an event imported from a calendar keeps (the demo has none of its own).
IMPORTED_UID = "0f3c2a9e-imported@calendar.example.org"
#: What the officer types into the field changed.
TYPED = " (checked by the officer)"


@dataclass(frozen=True)
class Editor:
    """One kind of entity: where the visit lists it, its editor, the field changed."""

    kind: str
    items: Callable[[VisitData], list[Any]]
    open: Callable[[VisitController, Any], EntityEditor[Any]]
    field: str
    input: Callable[[Any], QPlainTextEdit | Any]


EDITORS = [
    Editor(
        "events",
        lambda d: d.events,
        lambda c, e: EventDialog(c, e),
        "notes",
        lambda dialog: dialog.notes.editor("fr"),  # one language's version of the notes
    ),
    Editor(
        "people",
        lambda d: d.people,
        lambda c, p: PersonDialog(c, p),
        "notes",
        lambda dialog: dialog.identity.notes,
    ),
    Editor(
        "delegations",
        lambda d: d.delegations,
        lambda c, d: DelegationDialog(c, d),
        "notes",
        lambda dialog: dialog.notes,
    ),
    Editor(
        "venues",
        lambda d: d.venues,
        lambda c, v: VenueDialog(c, v),
        "contact_name",
        lambda dialog: dialog.contact_name,
    ),
    Editor(
        "vehicles",
        lambda d: d.vehicles,
        lambda c, v: VehicleDialog(c, v),
        "notes",
        lambda dialog: dialog.notes.editor("fr"),  # one language's version of the notes
    ),
]
#: Keys an event's edit changes besides the field: when it was modified.
STAMP = {"modified", "modified_tz"}


def demo_with_import() -> VisitData:
    """The demo visit, one of whose events came from a calendar file, and whose
    ceremony has the officer's own order of precedence (the demo has neither)."""
    data = build_demo()
    imported = next(e for e in data.events if e.kind is EventKind.MEETING)
    imported.source_uid = IMPORTED_UID
    ceremony = next(e for e in data.events if e.wreaths)
    ceremony.precedence_ids = list(reversed(ceremony.participant_ids[:3]))
    return data


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[VisitController]:  # type: ignore[no-untyped-def]
    """The demo visit (with an imported event), open under a controller."""
    with open_visit(tmp_path, demo_with_import()) as (_path, controller):
        yield controller


def flat(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each leaf of parsed JSON by its path; list items that have an id by their id."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flat(item, (*path, key))
    elif (
        isinstance(value, list) and value and all(isinstance(x, dict) and "id" in x for x in value)
    ):
        yield (*path, "#order"), tuple(x["id"] for x in value)
        for item in value:
            yield from flat(item, (*path, item["id"]))
    else:
        yield path, json.dumps(value, ensure_ascii=False)


def differences(before: str, after: str) -> set[tuple[str, ...]]:
    """The paths of the leaves that differ between two JSON exports."""
    old, new = dict(flat(json.loads(before))), dict(flat(json.loads(after)))
    return {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}


def press_ok(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    """Show the dialog and press its OK (or Save) button, as the officer does."""
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = next(
        b
        for b in buttons.buttons()
        if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    error = getattr(dialog, "error", None)
    message = error.text() if error is not None and error.isVisible() else ""
    assert dialog.result() == QDialog.DialogCode.Accepted, message
    dialog.close()
    dialog.deleteLater()


def type_into(widget: Any, text: str) -> None:
    """Add `text` at the end of a one-line or multi-line input."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(widget.toPlainText() + text)
    else:
        widget.setText(widget.text() + text)


def ok_unchanged(qtbot, controller: VisitController, editor: Editor, item: Any) -> None:  # type: ignore[no-untyped-def]
    """Open the editor on `item` and press OK at once."""
    press_ok(qtbot, editor.open(controller, item))


def ok_changed(qtbot, controller: VisitController, editor: Editor, item: Any) -> None:  # type: ignore[no-untyped-def]
    """Open the editor on `item`, type into its field, press OK."""
    dialog = editor.open(controller, item)
    type_into(editor.input(dialog), TYPED)
    press_ok(qtbot, dialog)


def expected_change(
    editor: Editor, ident: str, paths: set[tuple[str, ...]]
) -> set[tuple[str, ...]]:
    """The paths an edit of `editor.field` may change: the field, and an event's stamp."""
    allowed = {(editor.kind, ident, editor.field)}
    if editor.kind == "events":
        allowed |= {(editor.kind, ident, key) for key in STAMP}
    return {path for path in paths if path[:3] not in allowed}


# --- the demo visit, every entity ------------------------------------------------------


@pytest.mark.parametrize("editor", EDITORS, ids=[e.kind for e in EDITORS])
def test_ok_without_a_change_writes_nothing(qtbot, demo: VisitController, editor: Editor) -> None:  # type: ignore[no-untyped-def]
    items = list(editor.items(demo.data))
    assert items
    for item in items:
        before = visit_to_json(demo.data)
        steps = demo.undo_stack.count()
        ok_unchanged(qtbot, demo, editor, editor.items(demo.data)[items.index(item)])
        assert visit_to_json(demo.data) == before, f"{editor.kind} {item.id} changed"
        assert demo.undo_stack.count() == steps


@pytest.mark.parametrize("editor", EDITORS, ids=[e.kind for e in EDITORS])
def test_one_field_changed_changes_only_it(qtbot, demo: VisitController, editor: Editor) -> None:  # type: ignore[no-untyped-def]
    for n, item in enumerate(list(editor.items(demo.data))):
        before = visit_to_json(demo.data)
        steps = demo.undo_stack.count()
        ok_changed(qtbot, demo, editor, editor.items(demo.data)[n])
        changed = differences(before, visit_to_json(demo.data))
        # A multilingual field changes in the version typed into ("notes", "fr").
        assert (editor.kind, item.id, editor.field) in {path[:3] for path in changed}
        assert not expected_change(editor, item.id, changed), f"{editor.kind} {item.id}"
        assert demo.undo_stack.count() == steps + 1
        value = getattr(editor.items(demo.data)[n], editor.field)
        text = value.fr if isinstance(value, LocalizedText) else value
        assert text.endswith(TYPED.strip())


def _event(data: VisitData, test: Callable[[Event], bool]) -> Event:
    return next(e for e in data.events if test(e))


def test_arrangements_survive_an_edit_of_the_title(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    data = demo.data
    ceremony = _event(data, lambda e: bool(e.wreaths))
    dinner = _event(data, lambda e: e.seating is not None)
    imported = _event(data, lambda e: e.source_uid == IMPORTED_UID)
    assert len(ceremony.wreaths) == 2 and len(ceremony.placement) == 27
    kinds = [line.kind for line in ceremony.running_order]
    links = [list(line.person_ids) for line in ceremony.running_order]
    assert len(kinds) == 18 and len(set(kinds)) == 8  # every kind of step
    assert sum(len(ids) for ids in links) == 59
    assert len(ceremony.precedence_ids) == 3
    for event in (ceremony, dinner, imported):
        dialog = EventDialog(demo, event)
        title = dialog.general.title.value()
        dialog.general.title.set_value(title.replace("en", title.en + " (rev.)"))
        press_ok(qtbot, dialog)
    ceremony_now = demo.data.event(ceremony.id)
    assert ceremony_now.title.en.endswith("(rev.)")
    assert ceremony_now.wreaths == ceremony.wreaths and len(ceremony_now.wreaths) == 2
    assert ceremony_now.placement == ceremony.placement and len(ceremony_now.placement) == 27
    assert ceremony_now.precedence_ids == ceremony.precedence_ids
    assert [line.kind for line in ceremony_now.running_order] == kinds
    assert [line.person_ids for line in ceremony_now.running_order] == links
    assert ceremony_now.modified is not None
    dinner_now = demo.data.event(dinner.id)
    assert dinner_now.seating == dinner.seating and dinner_now.seating is not None
    assert demo.data.event(imported.id).source_uid == IMPORTED_UID


def test_a_running_order_line_edited_keeps_its_kind_and_people(
    qtbot, demo: VisitController
) -> None:  # type: ignore[no-untyped-def]
    ceremony = _event(demo.data, lambda e: bool(e.wreaths))
    row = next(n for n, line in enumerate(ceremony.running_order) if line.person_ids)
    line = ceremony.running_order[row]
    before = visit_to_json(demo.data)
    dialog = EventDialog(demo, ceremony)
    window = dialog.running_order.open_editor()
    qtbot.addWidget(window)
    model = window.editor.model
    action_en = 1 + model.languages.index("en")
    assert model.setData(model.index(row, action_en), "Arrival, on foot")
    window.editor.table.setCurrentIndex(model.index(len(ceremony.running_order) - 1, 0))
    window.editor.add_line()
    added = model.line(model.rowCount() - 1)
    added.action = LocalizedText(en="Photo call")
    window.accept()
    press_ok(qtbot, dialog)
    changed = differences(before, visit_to_json(demo.data))
    lines = ("events", ceremony.id, "running_order")
    assert {p for p in changed if p[:4] != (*lines, added.id)} == {
        (*lines, line.id, "action", "en"),
        (*lines, "#order"),
        ("events", ceremony.id, "modified"),
        ("events", ceremony.id, "modified_tz"),
    }
    saved = demo.data.event(ceremony.id).running_order
    assert saved[row].kind is line.kind and saved[row].person_ids == line.person_ids
    assert saved[-1].id == added.id and added.id not in {x.id for x in ceremony.running_order}
    assert saved[-1].kind is StepKind.OTHER and saved[-1].person_ids == []


def test_interpretation_edited_in_part_keeps_the_rest(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    event = _event(demo.data, lambda e: bool(e.interpretation.interpreter_ids))
    before = visit_to_json(demo.data)
    dialog = EventDialog(demo, event)
    mode = InterpretationMode.SIMULTANEOUS
    if event.interpretation.mode is mode:
        mode = InterpretationMode.CONSECUTIVE
    dialog.interpretation.mode.setCurrentIndex(dialog.interpretation.mode.findData(mode.value))
    press_ok(qtbot, dialog)
    changed = differences(before, visit_to_json(demo.data))
    assert {p[3:] for p in changed if p[:3] == ("events", event.id, "interpretation")} == {
        ("mode",)
    }
    assert {p[2] for p in changed} == {"interpretation", *STAMP}


def test_private_and_travel_fields_change_alone(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    person = next(
        p for p in demo.data.people if p.accreditation.passport_number and p.arrival.place
    )
    before = visit_to_json(demo.data)
    dialog = PersonDialog(demo, person)
    dialog.accreditation.passport_number.setText("ZZ0000001")
    dialog.travel.arrival.place.setText(person.arrival.place + ", gate 4")
    press_ok(qtbot, dialog)
    assert differences(before, visit_to_json(demo.data)) == {
        ("people", person.id, "accreditation", "passport_number"),
        ("people", person.id, "arrival", "place"),
    }


def test_a_travel_time_changed_is_mirrored_and_nothing_else(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    venue = max(demo.data.venues, key=lambda v: len(v.travel_minutes))
    before = visit_to_json(demo.data)
    dialog = VenueDialog(demo, venue)
    model = dialog.travel
    other = model._others[0].id
    assert model.setData(model.index(model.row_of(other), 1), "47")
    press_ok(qtbot, dialog)
    assert differences(before, visit_to_json(demo.data)) == {
        ("venues", venue.id, "travel_minutes", other),
        ("venues", other, "travel_minutes", venue.id),
    }
    assert demo.data.venue(other).travel_minutes[venue.id] == 47


# --- a summit-sized visit, a sample of each kind -----------------------------------------


@pytest.fixture(scope="module")
def summit_data() -> VisitData:
    """A generated summit: 60 delegations, 3,000 people, 5,000 events, 300 venues."""
    return generate_summit(seed=2026)


def test_summit_editors_change_only_what_was_typed(
    qtbot, tmp_path: Path, summit_data: VisitData
) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(8)
    with open_visit(tmp_path, summit_data) as (_path, controller):
        sample = {
            editor.kind: [x.id for x in rng.sample(editor.items(controller.data), 20)]
            for editor in EDITORS
            if editor.items(controller.data)
        }
        assert set(sample) == {e.kind for e in EDITORS}

        def items(editor: Editor) -> Iterator[Any]:
            by_id = {x.id: x for x in editor.items(controller.data)}
            for ident in sample[editor.kind]:
                yield by_id[ident]

        start = visit_to_json(controller.data)
        for editor in EDITORS:
            for item in items(editor):
                ok_unchanged(qtbot, controller, editor, item)
        assert visit_to_json(controller.data) == start
        assert controller.undo_stack.count() == 0

        for editor in EDITORS:
            for item in items(editor):
                ok_changed(qtbot, controller, editor, item)
        changed = differences(start, visit_to_json(controller.data))
        allowed = {
            (editor.kind, ident, key)
            for editor in EDITORS
            for ident in sample[editor.kind]
            for key in ({editor.field} | (STAMP if editor.kind == "events" else set()))
        }
        assert {path[:3] for path in changed} <= allowed
        assert {(e.kind, i, e.field) for e in EDITORS for i in sample[e.kind]} <= {
            path[:3] for path in changed
        }
        assert controller.undo_stack.count() == 5 * 20


# --- the Seating page ----------------------------------------------------------------------


def test_seating_edits_change_only_the_plan(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    view = SeatingView(
        demo.session,
        apply=lambda operation: Change.everything() if demo.apply(operation) else Change(),
    )
    qtbot.addWidget(view)
    dinner = _event(demo.data, lambda e: e.seating is not None)
    view.show_event(dinner.id)
    assert dinner.seating is not None
    seated = [seat for _table, seat in dinner.seating.seats() if seat.person_id and not seat.locked]
    first, second = seated[0], seated[1]
    assert first.person_id is not None and second.person_id is not None
    before = visit_to_json(demo.data)
    view.move_person(first.person_id, first.id)  # dropped back on its own seat
    assert visit_to_json(demo.data) == before and demo.undo_stack.count() == 0
    view.move_person(first.person_id, second.id)  # the two swap seats
    changed = differences(before, visit_to_json(demo.data))
    assert changed and {p[:4] for p in changed} == {("events", dinner.id, "seating", "tables")}
    assert demo.undo_stack.count() == 1


# --- the patch itself ------------------------------------------------------------------------


def test_patch_applies_only_what_the_inputs_changed() -> None:
    before = {"a": 1, "gone": 2, "unseen": 3}
    assert patch(before, {"a": 1, "gone": 2}, {"a": 5}) == {"a": 5, "unseen": 3}
    # Ids keep their old order; an id the input never showed stays; new ones follow.
    assert patch(["x", "hidden", "y"], ["x", "y"], ["y", "z"]) == ["hidden", "y", "z"]
    assert patch(("fr", "uk"), ("fr", "uk"), ("uk", "fr")) == ("fr", "uk")
    text = LocalizedText(fr="Dîner", uk="Вечеря", en="Dinner ")
    shown = LocalizedText(fr="Dîner", uk="Вечеря", en="Dinner")  # the input trimmed it
    assert patch(text, shown, shown) is text
    assert patch(text, shown, LocalizedText(fr="Souper", uk="Вечеря", en="Dinner")) == (
        LocalizedText(fr="Souper", uk="Вечеря", en="Dinner ")
    )
