"""Switching the interface language leaves a window that every later edit keeps working.

The officer picks a language in Edit > Preferences; the pages and menus come back in
that language, and no edit made afterwards (undo and redo included) may reach a
widget that the switch threw away: no "unexpected error" dialog, ever.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from visitplanner.demo import build_demo
from visitplanner.domain.model import LocalizedText, Venue
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.services.ordering import reorder_people
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.shell import crash
from visitplanner.ui.shell.application import Application
from visitplanner.ui.shell.dialogs import PreferencesDialog
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.shell.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform of the tests says so for every window shown: not ours.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Trouble:
    """What must never show during the test: the crash dialog or an error message box.

    Inside `watching()`, an exception a slot raises takes the application's own way
    (crash.install_crash_handler's hook), which would show the crash dialog.
    """

    def __init__(self) -> None:
        self.seen: list[str] = []

    def crash_dialog(self, details: str, report: str | None, parent: QWidget | None = None) -> None:
        self.seen.append("crash dialog: " + details)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Send uncaught exceptions to the application's crash handler meanwhile."""
        before = sys.excepthook  # pytest-qt's, which it puts back after the test
        crash.install_crash_handler()
        try:
            yield
        finally:
            sys.excepthook = before

    def message_box(self, *args: object, **kwargs: object) -> QMessageBox.StandardButton:
        self.seen.append("message box: " + " | ".join(str(a) for a in args[1:3]))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def trouble(monkeypatch: pytest.MonkeyPatch) -> Trouble:
    found = Trouble()
    monkeypatch.setattr(crash, "CrashDialog", found.crash_dialog)
    monkeypatch.setattr(crash, "write_crash_report", lambda error: None)
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, found.message_box)
    return found


@pytest.fixture
def application(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Application]:  # type: ignore[no-untyped-def]
    apply_language("en")
    # No backup thread writing next to the test's files while it runs.
    monkeypatch.setattr(
        "visitplanner.ui.shell.application.back_up_in_background", lambda path: None
    )
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    app = Application(settings)
    assert app.open(path)
    assert app.window is not None
    qtbot.addWidget(app.window)
    yield app
    app.shutdown()
    apply_language("en")
    set_language("en")


def choose_language(qtbot, window: MainWindow, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Edit > Preferences, pick `lang`, OK: the very path the officer takes."""

    def pick(dialog: PreferencesDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", pick)
    action = window.findChild(QAction, "preferences")
    assert action is not None
    action.trigger()
    settle(qtbot)


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Let Qt delete what was thrown away and run what was queued, as the event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(10)


def visit_every_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for key, _title in PAGES:
        page = window.show_page(key)
        assert window.stack.currentWidget() is page
        assert shiboken6.isValid(page)
    settle(qtbot)


def every_kind_of_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Rename a person, move an event, delete and undo, redo, add a venue, reorder."""
    controller = window.controller
    data = controller.data

    person = data.people[0]
    renamed = copy.deepcopy(person)
    renamed.family_name = person.family_name + "-Nova"
    assert controller.apply(SaveEntity(renamed, person, label="Rename"), window)
    visit_every_page(qtbot, window)

    event = controller.data.events[3]
    moved = copy.deepcopy(event)
    moved.start += timedelta(minutes=30)
    moved.end += timedelta(minutes=30)
    assert controller.apply(SaveEntity(moved, event, label="Move"), window)
    visit_every_page(qtbot, window)

    vehicle = controller.data.vehicles[0]
    assert controller.apply(delete_operation(controller.data, vehicle), window)
    visit_every_page(qtbot, window)
    controller.undo_stack.undo()
    assert vehicle.id in [v.id for v in controller.data.vehicles]
    visit_every_page(qtbot, window)
    controller.undo_stack.redo()
    assert vehicle.id not in [v.id for v in controller.data.vehicles]
    visit_every_page(qtbot, window)
    controller.undo_stack.undo()
    visit_every_page(qtbot, window)

    venue = Venue(name=LocalizedText(en="Élysée Palace", fr="Palais de l’Élysée"), city="Paris")
    assert controller.apply(SaveEntity(venue), window)
    visit_every_page(qtbot, window)

    delegation = controller.data.delegations[0]
    members = [p.id for p in controller.data.members(delegation.id)]
    reorder = reorder_people(controller.data, delegation.id, [members[1], members[0], *members[2:]])
    assert reorder is not None
    assert controller.apply(reorder, window)
    visit_every_page(qtbot, window)


def test_edits_after_each_language_switch_never_reach_a_deleted_widget(
    qtbot, application: Application, trouble: Trouble, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = application.window
    assert window is not None
    visit_every_page(qtbot, window)
    with qtbot.captureExceptions() as exceptions, trouble.watching():
        for lang in ("fr", "uk", "en", "fr"):
            old_pages = list(window.pages.values())
            choose_language(qtbot, window, lang, monkeypatch)
            visit_every_page(qtbot, window)
            every_kind_of_edit(qtbot, window)
            assert not any(shiboken6.isValid(page) for page in old_pages), (
                "a page from before the switch is still there"
            )
    assert [str(e[1]) for e in exceptions] == []
    assert trouble.seen == []
    assert application.settings.language == "fr"


def test_the_window_speaks_the_language_chosen(
    qtbot, application: Application, trouble: Trouble, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = application.window
    assert window is not None
    visit_every_page(qtbot, window)
    choose_language(qtbot, window, "uk", monkeypatch)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:2] == ["&Файл", "&Редагування"]
    assert window.nav.item(0).text() == "Програма"
    assert window.undo_action.text().startswith("&Скасувати")
    choose_language(qtbot, window, "fr", monkeypatch)
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.nav.item(2).text() == "Lieux"
    choose_language(qtbot, window, "en", monkeypatch)
    assert window.menuBar().actions()[0].text() == "&File"
    assert trouble.seen == []


def test_switching_back_and_forth_leaves_no_listener_behind(
    qtbot, application: Application, trouble: Trouble, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Each switch replaces the pages' hold on the visit; none piles up."""
    window = application.window
    assert window is not None
    controller = window.controller
    visit_every_page(qtbot, window)
    choose_language(qtbot, window, "uk", monkeypatch)
    visit_every_page(qtbot, window)
    signals = (
        (controller, "2changed(PyObject)"),
        (controller.undo_stack, "2canUndoChanged(bool)"),
        (controller.undo_stack, "2undoTextChanged(QString)"),
    )
    listening = [sender.receivers(signal) for sender, signal in signals]
    for lang in ("fr", "en", "uk", "fr", "uk"):
        choose_language(qtbot, window, lang, monkeypatch)
        visit_every_page(qtbot, window)
    assert [sender.receivers(signal) for sender, signal in signals] == listening
    assert trouble.seen == []
