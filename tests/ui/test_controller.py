"""Edits through the undo stack: applied at once, undone and redone, failures kept out."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.factories import small_visit
from visitplanner.domain.model import Person
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.shell.controller import VisitController


def _controller(tmp_path: Path) -> tuple[Path, VisitController]:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    return path, VisitController(VisitSession.open(path))


def test_an_edit_is_saved_undone_and_redone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, controller = _controller(tmp_path)
    event = controller.data.events[1]
    renamed = copy.deepcopy(event)
    renamed.title = LocalizedText(fr="Entretien élargi")
    with qtbot.waitSignal(controller.changed) as blocker:
        assert controller.apply(SaveEntity(renamed, event, label="Rename"))
    assert blocker.args[0].touches("event")
    assert read_visit(path).event(event.id).title.fr == "Entretien élargi"
    assert controller.undo_stack.undoText() == "Rename"
    controller.undo_stack.undo()
    assert read_visit(path).event(event.id).title.fr == "Entretien"
    assert controller.data.event(event.id).title.fr == "Entretien"
    controller.undo_stack.redo()
    assert read_visit(path).event(event.id).title.fr == "Entretien élargi"
    controller.session.close()


def test_a_failed_edit_changes_nothing_and_leaves_no_undo_step(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, controller = _controller(tmp_path)
    orphan = Person(family_name="Nobody", delegation_id="00000000-0000-4000-8000-00000000dead")
    with qtbot.waitSignal(controller.error) as blocker:
        assert not controller.apply(SaveEntity(orphan))
    assert blocker.args[0].startswith("“Nobody” refers to something that is no longer in the visit")
    assert controller.undo_stack.count() == 0
    assert orphan.id not in {p.id for p in read_visit(path).people}
    controller.session.close()


def test_a_read_only_visit_takes_no_edit(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    _path, controller = _controller(tmp_path)
    controller.read_only = True
    assert not controller.apply(SaveEntity(Person(family_name="X")))
    assert shown and controller.undo_stack.count() == 0
    controller.session.close()


def test_the_undo_command_names_its_step_in_quotes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject

    from visitplanner.i18n import set_language

    _path, controller = _controller(tmp_path)
    owner = QObject()
    event = controller.data.events[1]
    renamed = copy.deepcopy(event)
    renamed.title = LocalizedText(fr="Entretien élargi")
    set_language("fr")
    try:
        undo = controller.undo_stack.createUndoAction(owner, "&Annuler")
        assert undo.text() == "&Annuler" and not undo.isEnabled()
        controller.apply(SaveEntity(renamed, event, label="Verrouiller une place"))
        # Not "Annuler Verrouiller une place": the step is quoted.
        assert undo.text() == "&Annuler «\u00a0Verrouiller une place\u00a0»"
    finally:
        set_language("en")
        controller.session.close()
