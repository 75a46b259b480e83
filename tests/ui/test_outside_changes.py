"""A command-line edit while the window is open: shown within two seconds, never overwritten."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.domain.errors import StorageError
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings


def _propose(path: Path) -> list[str]:
    return ["seating", str(path), "Dîner de travail", "--propose", "--strategy", "official"]


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    apply_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    controller = VisitController(VisitSession.open(path, program="window"))
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.session.close()
    set_language("en")


def _dinner(data):  # type: ignore[no-untyped-def]
    return next(e for e in data.events if e.seating is not None)


def _seats(event) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [seat.person_id for table in event.seating.tables for seat in table.seats]


def test_the_window_shows_a_command_line_edit_within_two_seconds(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    controller = window.controller
    path = controller.session.path
    assert path is not None
    seats = _seats(_dinner(controller.data))
    with qtbot.waitSignal(controller.changed, timeout=2000):
        assert main(_propose(path)) == 0
    proposed = _seats(_dinner(controller.data))
    assert proposed != seats
    assert proposed == _seats(_dinner(read_visit(path)))
    # The command line's step is on the window's Edit menu too.
    assert controller.undo_stack.canUndo()

    # The window's next edit of the same event keeps the seats the command line set.
    dinner = _dinner(controller.data)
    renamed = dataclasses.replace(
        dinner, notes=LocalizedText(fr="Menu sans gluten pour deux convives")
    )
    assert controller.apply(SaveEntity(renamed, dinner, "Notes"))
    stored = _dinner(read_visit(path))
    assert stored.notes.fr == "Menu sans gluten pour deux convives"
    assert _seats(stored) == proposed


def _capture_warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the window tells the officer in warning boxes (instead of a modal box)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: shown.append((title, text))
    )
    return shown


def test_an_editor_opened_before_a_command_line_edit_cannot_overwrite_it(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = _capture_warnings(monkeypatch)
    controller = window.controller
    path = controller.session.path
    assert path is not None
    loaded = _dinner(controller.data)  # what an editor opened now holds
    assert main(_propose(path)) == 0
    proposed = _seats(_dinner(read_visit(path)))
    errors: list[str] = []
    controller.error.connect(errors.append)
    assert not controller.apply(
        SaveEntity(dataclasses.replace(loaded, notes=LocalizedText(fr="mine")), loaded)
    )
    assert errors and "changed elsewhere" in errors[0]
    # The officer is told, in the window, why the change was not made.
    assert shown == [("The change was not made", errors[0])]
    assert _seats(_dinner(read_visit(path))) == proposed
    assert _seats(_dinner(controller.data)) == proposed
    assert _dinner(read_visit(path)).notes != "mine"


def test_undo_in_the_window_takes_back_a_command_line_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    controller = window.controller
    path = controller.session.path
    assert path is not None
    seats = _seats(_dinner(controller.data))
    assert main(_propose(path)) == 0
    qtbot.waitUntil(lambda: _seats(_dinner(controller.data)) != seats, timeout=2000)
    window.undo_action.trigger()
    assert _seats(_dinner(controller.data)) == seats
    assert _seats(_dinner(read_visit(path))) == seats
    assert window.redo_action.isEnabled()


def test_an_undo_that_fails_keeps_the_step_and_can_be_tried_again(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shown = _capture_warnings(monkeypatch)
    controller = window.controller
    path = controller.session.path
    assert path is not None
    dinner = _dinner(controller.data)
    assert controller.apply(
        SaveEntity(dataclasses.replace(dinner, notes=LocalizedText(fr="Menu")), dinner, "Menu")
    )
    repository = controller.session.repository
    real = repository.save_entity

    def full_disk(*args: object, **kwargs: object) -> None:
        raise StorageError("the disk is full; the last change was not saved")

    monkeypatch.setattr(repository, "save_entity", full_disk)
    window.undo_action.trigger()
    assert [text for _title, text in shown] == ["the disk is full; the last change was not saved"]
    assert window.undo_action.isEnabled() and "Menu" in window.undo_action.text()
    assert not window.redo_action.isEnabled()
    assert _dinner(read_visit(path)).notes.fr == "Menu"
    monkeypatch.setattr(repository, "save_entity", real)
    window.undo_action.trigger()
    assert _dinner(read_visit(path)).notes == dinner.notes
    assert _dinner(controller.data).notes == dinner.notes
    assert window.redo_action.isEnabled()
