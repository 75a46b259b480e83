"""Edit > History in the window: every change of the visit, newest first, with when, who,
on which machine and with which program; another officer's changes (brought in by a sync)
under their name and machine; kept up to date while it is open; in the officer's language."""

from __future__ import annotations

import dataclasses
import getpass
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from visitplanner.demo import build_demo
from visitplanner.domain.lookup import find_event
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import PROGRAM_WINDOW, VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.history_dialog import HistoryDialog
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    controller = VisitController(VisitSession.open(path, program=PROGRAM_WINDOW))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shown = MainWindow(controller, settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    controller.session.close()
    set_language("en")


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _dress(window: MainWindow, text: str) -> None:
    controller = window.controller
    dinner = find_event(controller.data, "Dîner de travail")
    after = dataclasses.replace(dinner, dress_code=dinner.dress_code.replace("fr", text))
    assert controller.apply(SaveEntity(after, dinner, "Edit the dress code"))


def test_the_history_names_who_made_each_change_and_follows_new_ones(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    set_language("en")
    dialog = window.show_history()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.count.text() == "No change has been made to this visit yet."
    _dress(window, "Costume sombre")
    # Another officer's change, as a sync writes it: not undoable, under their name.
    window.controller.session.record(
        "From Olena Kovalenko (laptop-3): 1 change",
        lambda _repo: None,
        [],
        (),
        author=("Olena Kovalenko", "laptop-3"),
    )
    window.controller.look_for_outside_changes()
    dialog.refresh()
    assert dialog.count.text() == "2 changes, newest first"
    newest, first = _rows(dialog)
    assert newest[1:] == [
        "From Olena Kovalenko (laptop-3): 1 change (kept: not undone)",
        "Olena Kovalenko",
        "laptop-3",
        "sync",
    ]
    assert first[1:] == [
        "Edit the dress code",
        getpass.getuser(),
        socket.gethostname(),
        "window",
    ]
    # Undone: said so, and the open dialog follows.
    window.undo_action.trigger()
    assert _rows(dialog)[1][1] == "Edit the dress code (undone)"


@pytest.mark.parametrize(
    ("lang", "title", "program", "undone"),
    [
        ("fr", "Historique", "fenêtre", "(annulée)"),
        ("uk", "Історія змін", "вікно", "(скасовано)"),
    ],
)
def test_the_history_speaks_the_officers_language(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, lang: str, title: str, program: str, undone: str
) -> None:
    set_language(lang)
    _dress(window, "Costume sombre")
    window.undo_action.trigger()
    dialog = HistoryDialog(window.controller, window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == title
    (row,) = _rows(dialog)
    assert row[4] == program and row[1].endswith(undone)
