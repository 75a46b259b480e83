"""The visit's rules of precedence edited in the window: the guest placement and the
version of the décret, saved as one undoable edit, as `visitplanner precedence` does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.editing import open_visit, unnamed_inputs
from visitplanner.demo import build_demo
from visitplanner.domain.decree import GuestPlacement, decree_for
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.forms import select_data
from visitplanner.ui.roster.precedence_dialog import PrecedenceSettingsDialog
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.controller import VisitController

LATEST = decree_for("").version


@pytest.fixture
def roster(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, RosterView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = RosterView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _saved(path: Path) -> tuple[GuestPlacement, str]:
    visit = read_visit(path).visit
    return visit.guest_placement, visit.decree_version


def test_the_rules_are_set_from_the_roster_as_one_undoable_edit(roster) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = roster
    before = _saved(path)
    assert before[0] is GuestPlacement.GUEST_FIRST  # the demo keeps the courtesy
    dialog = view.edit_precedence_settings()
    assert isinstance(dialog, PrecedenceSettingsDialog)
    assert unnamed_inputs(dialog) == []
    assert dialog.placement.currentData() == before[0]
    assert dialog.version.currentText().startswith("the latest")
    # What the installed text holds, so the officer knows what to look up in the décret.
    assert "except 29–32 (not in this file)" in dialog.coverage.text()
    assert "not yet checked against the text of 2024-03-01" in dialog.coverage.text()
    steps = controller.undo_stack.count()
    select_data(dialog.placement, GuestPlacement.AFTER_HOST)
    select_data(dialog.version, LATEST)
    dialog.accept()
    assert _saved(path) == (GuestPlacement.AFTER_HOST, LATEST)
    assert controller.undo_stack.count() == steps + 1
    assert controller.undo_stack.undoText() == "Set the order of precedence's rules"
    controller.undo_stack.undo()
    assert _saved(path) == before


def test_unchanged_rules_make_no_edit(roster) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = roster
    steps = controller.undo_stack.count()
    view.edit_precedence_settings().accept()
    assert controller.undo_stack.count() == steps
