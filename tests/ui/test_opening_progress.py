"""Opening a visit that takes a while to read: its progress is shown, the window stays
live, and Cancel gives up opening it without touching the visit already open."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from tests.factories import small_visit
from visitplanner.services.progress import Progress
from visitplanner.services.visit_files import open_visit, write_visit
from visitplanner.ui.shell import application as application_module
from visitplanner.ui.shell.application import Application
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.lock import VisitLock
from visitplanner.ui.shell.settings import AppSettings


@pytest.fixture
def app_and_paths(tmp_path: Path):  # type: ignore[no-untyped-def]
    apply_language("en")
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first, second = tmp_path / "first.visit", tmp_path / "second.visit"
    write_visit(first, small_visit())
    write_visit(second, small_visit())
    application = Application(settings)
    yield application, first, second
    application.shutdown()
    if application.window is not None:
        application.window.close()


def _slow_open(seconds: float):  # type: ignore[no-untyped-def]
    """open_visit, reading slowly: steps for `seconds` before the real reading."""

    def slow(path: Path, read_only: bool, program: str, progress: Progress):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            progress.step(1, 4, "Reading the programme")
            time.sleep(0.01)
        return open_visit(path, read_only=read_only, program=program, progress=progress)

    return slow


def _opening_dialog() -> QProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.isVisible():
            return widget
    return None


def test_a_slow_visit_shows_its_progress_and_opens(qtbot, app_and_paths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    application, first, _second = app_and_paths
    monkeypatch.setattr(application_module, "OPENING_SHOWN_AFTER_MS", 0)
    monkeypatch.setattr(application_module, "open_visit", _slow_open(0.6))
    seen: list[str] = []

    def look() -> None:
        # Every text the dialog shows, until it names the part being read (on a busy
        # machine it may first show the file's name alone).
        dialog = _opening_dialog()
        if dialog is not None and dialog.labelText() not in seen:
            seen.append(dialog.labelText())
        if not any("Reading the programme" in text for text in seen):
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    assert application.open(first)
    assert any("first.visit" in text and "Reading the programme" in text for text in seen), seen
    assert application.window is not None and application.controller is not None
    assert application.controller.data.events  # the visit read in the worker is the one shown
    assert _opening_dialog() is None


def test_cancel_gives_up_opening_and_keeps_the_visit_already_open(
    qtbot, app_and_paths, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    application, first, second = app_and_paths
    assert application.open(first)
    window, controller = application.window, application.controller
    monkeypatch.setattr(application_module, "OPENING_SHOWN_AFTER_MS", 0)
    monkeypatch.setattr(application_module, "open_visit", _slow_open(30))

    def cancel() -> None:
        dialog = _opening_dialog()
        if dialog is None:
            QTimer.singleShot(20, cancel)
        else:
            button = dialog.findChild(QPushButton)
            assert button is not None and button.text() == "Cancel"
            button.click()

    QTimer.singleShot(50, cancel)
    started = time.monotonic()
    assert not application.open(second)
    assert time.monotonic() - started < 10  # cancelled, not read to the end
    assert application.window is window and application.controller is controller
    lock = VisitLock(second)
    assert lock.acquire()  # the lock taken for the visit given up is released
    lock.release()


def test_a_file_that_is_not_a_visit_is_told_and_nothing_changes(
    qtbot, app_and_paths, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    application, first, _second = app_and_paths
    assert application.open(first)
    window = application.window
    broken = tmp_path / "broken.visit"
    broken.write_bytes(b"not a visit at all" * 100)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append(text))
    assert not application.open(broken)
    assert told and "broken.visit" in told[0]
    assert application.window is window
