"""Every save dialog of the window refuses what would destroy a visit, and says why.

The officer who picks the wrong file in a save dialog (the visit itself, another visit,
a link to one, a folder) gets a message naming the file and the reason; no visit loses
a byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from visitplanner.demo import build_demo
from visitplanner.domain.lookup import find_event
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.exchange.briefing import BriefingDialog
from visitplanner.ui.exchange.calendars import ExportCalendarDialog
from visitplanner.ui.exchange.roster_export import RosterExportDialog
from visitplanner.ui.seating.view import SeatingView
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def visits(tmp_path: Path) -> Iterator[tuple[VisitSession, Path]]:
    """The open demo visit, and another visit file beside it."""
    set_language("en")
    path = tmp_path / "demo.visit"
    other = tmp_path / "other.visit"
    write_visit(path, build_demo())
    write_visit(other, build_demo())
    session = VisitSession.open(path)
    yield session, other
    session.close()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> object:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    return said


def _choose_in_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_save_a_copy_never_writes_over_another_visit_or_into_a_folder(
    qtbot: QtBot,
    visits: tuple[VisitSession, Path],
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSettings

    session, other = visits
    before = _digest(other)
    window = MainWindow(
        VisitController(session),
        AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)),
    )
    qtbot.addWidget(window)
    _choose_in_save_dialog(monkeypatch, other)
    window._save_copy()
    assert (
        warnings[-1]
        == f"{other}: is a visit file; VisitPlanner never writes over one: choose another name"
    )
    assert _digest(other) == before
    folder = tmp_path / "folder.visit"
    folder.mkdir()
    _choose_in_save_dialog(monkeypatch, folder)
    window._save_copy()
    assert "is a folder" in warnings[-1]
    assert session.path is not None
    _choose_in_save_dialog(monkeypatch, session.path)
    window._save_copy()
    assert "Choose another file than the visit itself." in warnings[-1]
    # A name that holds nothing yet is a copy like any other.
    _choose_in_save_dialog(monkeypatch, tmp_path / "copy.visit")
    window._save_copy()
    assert len(warnings) == 3
    assert (tmp_path / "copy.visit").stat().st_size > 0


def test_the_briefing_book_is_refused_over_a_visit_before_it_is_built(
    qtbot: QtBot, visits: tuple[VisitSession, Path], warnings: list[str], tmp_path: Path
) -> None:
    session, other = visits
    assert session.path is not None
    link = tmp_path / "book.pdf"
    link.symlink_to(other)
    dialog = BriefingDialog(session)
    qtbot.addWidget(dialog)
    for target, reason in (
        (session.path, "is a visit file"),
        (link, "is a visit file"),
        (tmp_path, "is a folder"),
    ):
        dialog.output.setText(str(target))
        with qtbot.waitSignal(dialog.built, timeout=20_000):
            dialog.build()
        assert warnings[-1].startswith(f"{target}: {reason}")
    assert _digest(other) == _digest(other.resolve())
    assert session.path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_roster_and_the_calendar_are_refused_over_a_visit(
    qtbot: QtBot,
    visits: tuple[VisitSession, Path],
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, other = visits
    disguised = tmp_path / "roster.xlsx"  # a visit file under a spreadsheet's name
    write_visit(disguised, build_demo())
    before = _digest(disguised), _digest(other)
    roster = RosterExportDialog(None, session)
    qtbot.addWidget(roster)
    _choose_in_save_dialog(monkeypatch, disguised)
    roster._choose_file()
    assert warnings[-1].startswith(f"{disguised}: is a visit file")
    calendar = ExportCalendarDialog(session)
    qtbot.addWidget(calendar)
    calendar.write(other)
    assert warnings[-1].startswith(f"{other}: is a visit file")
    assert (_digest(disguised), _digest(other)) == before


def test_place_cards_are_refused_over_the_visit(
    qtbot: QtBot, visits: tuple[VisitSession, Path], warnings: list[str]
) -> None:
    session, _other = visits
    assert session.path is not None
    before = _digest(session.path)
    view = SeatingView(session)
    qtbot.addWidget(view)
    view.show_event(find_event(session.data, "Dîner de travail").id)
    worker = view.print_to(session.path)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    worker.wait()
    assert warnings[-1].startswith(f"{session.path}: is a visit file")
    assert _digest(session.path) == before
