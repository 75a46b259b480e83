"""Shared by the window's tests: no run of the plan checks outlives its test, and an
editor a test leaves open with changes is closed at the end without a modal question
(which no one would answer offscreen); tests/ui/test_unsaved_changes.py asks it for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from visitplanner.operations.session import VisitSession
    from visitplanner.ui.seating.view import SeatingView


@pytest.fixture(autouse=True)
def _checks_end_with_the_test() -> Iterator[None]:
    yield
    from visitplanner.ui.checks.view import stop_all_checks

    stop_all_checks()


@pytest.fixture(autouse=True)
def _editors_left_open_discard(monkeypatch: pytest.MonkeyPatch) -> None:
    from visitplanner.ui.common.edits import EntityEditor

    monkeypatch.setattr(
        EntityEditor, "ask_unsaved", lambda _self: QMessageBox.StandardButton.Discard
    )


# The demo visit open (`session`) and the Seating page on its working dinner (`view`),
# for the pages' tests; a module that means another page defines its own `view`.
@pytest.fixture
def session(tmp_visit_path: Path) -> Iterator[VisitSession]:
    """The demo visit written to a file and open."""
    from visitplanner.demo import build_demo
    from visitplanner.services.visit_files import open_visit, write_visit

    write_visit(tmp_visit_path, build_demo())
    opened = open_visit(tmp_visit_path)
    yield opened
    opened.close()


@pytest.fixture
def view(qtbot, session: VisitSession) -> SeatingView:  # type: ignore[no-untyped-def]
    """The Seating page, shown, on the demo's working dinner."""
    from visitplanner.domain.lookup import find_event
    from visitplanner.ui.seating.view import SeatingView

    widget = SeatingView(session)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_event(find_event(session.data, "Dîner de travail").id)
    return widget
