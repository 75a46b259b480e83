"""The venue editor's security notes and the event editor's notes have an input per
language, each loaded with its own version, saved as one edit that Undo takes back; the
security notes' inputs are marked private."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import venue_id
from visitplanner.domain.values import LANGUAGES, EventKind
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.privacy_marks import is_marked_private
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.venues.view import VenueDialog


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as opened:
        yield opened


def test_the_security_notes_are_edited_in_english_beside_the_others(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    arc = controller.data.venue(venue_id("arc"))
    dialog = VenueDialog(controller, arc)
    qtbot.addWidget(dialog)
    notes = dialog.security_notes
    assert notes.editor("fr").toPlainText().startswith("Place fermée à la circulation")
    assert notes.editor("uk").toPlainText().startswith("Площу закрито для руху")
    english = notes.editor("en")
    assert english.toPlainText().startswith("Square closed to traffic")
    assert english.accessibleName() == "Security notes (English)"
    for lang in LANGUAGES:  # each language's input says it is private
        assert is_marked_private(notes.editor(lang))
    english.selectAll()
    type_text(english, "Square closed from 17:00.")
    dialog.accept()
    saved = read_visit(path).venue(venue_id("arc")).security_notes
    assert saved.en == "Square closed from 17:00."
    assert saved.fr.startswith("Place fermée") and saved.uk.startswith("Площу закрито")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    back = read_visit(path).venue(venue_id("arc")).security_notes
    assert back.en.startswith("Square closed to traffic")


def test_the_event_notes_are_edited_in_ukrainian_and_saved_with_the_event(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    ceremony = next(e for e in controller.data.events if e.kind is EventKind.CEREMONY)
    dialog = EventDialog(controller, ceremony)
    qtbot.addWidget(dialog)
    dialog.show()
    notes = dialog.notes
    assert notes.editor("fr").toPlainText().startswith("Deux emplacements pour fauteuils")
    assert notes.editor("en").toPlainText().startswith("Two wheelchair spaces")
    ukrainian = notes.editor("uk")
    ukrainian.clear()
    type_text(ukrainian, "Два місця для крісел колісних.")
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    saved = read_visit(path).event(ceremony.id).notes
    assert saved.uk == "Два місця для крісел колісних."
    assert saved.en.startswith("Two wheelchair spaces")
    assert saved.fr.startswith("Deux emplacements")
    controller.undo_stack.undo()
    assert read_visit(path).event(ceremony.id).notes == ceremony.notes
