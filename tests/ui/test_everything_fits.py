"""Every page and dialog fits a laptop's screen in French, Ukrainian and English.

The window is shown at 1280x720 and 1366x768 with each page in turn, then each
editor and dialog is opened over the demo visit; nothing may be cut (a widget
narrower than its own text, see `fitting.cut`) and the window may not make itself
wider than the screen it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.ui.editing import open_visit
from tests.ui.fitting import cut
from visitplanner.demo import build_demo
from visitplanner.demo.common import GUEST_DELEGATION_ID, person_id
from visitplanner.domain.values import zone
from visitplanner.i18n import set_language
from visitplanner.ui.exchange.briefing import BriefingDialog
from visitplanner.ui.exchange.calendars import ExportCalendarDialog
from visitplanner.ui.exchange.publish import PublishCalendarDialog
from visitplanner.ui.exchange.roster_export import RosterExportDialog
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.programme.running_order_dialog import RunningOrderDialog
from visitplanner.ui.programme.running_order_model import lines_from
from visitplanner.ui.roster.delegation_dialog import DelegationDialog
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.dialogs import NewVisitDialog, PreferencesDialog
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.shell.manual import ManualDialog
from visitplanner.ui.shell.passphrase import PassphraseDialog
from visitplanner.ui.shell.settings import AppSettings
from visitplanner.ui.vehicles.view import VehicleDialog
from visitplanner.ui.venues.dialog import VenueDialog

SIZES = ((1280, 720), (1366, 768))
LANGUAGES = ("fr", "uk", "en")


@pytest.fixture
def demo_controller(qtbot, tmp_path: Path) -> Iterator[VisitController]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        yield controller


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    apply_language(request.param)
    yield request.param
    apply_language("en")
    set_language("en")


def _settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits(qtbot, demo_controller, language, size, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings = AppSettings(ini)
    window = MainWindow(demo_controller, settings)
    qtbot.addWidget(window)
    width, height = size
    window.resize(width, height)
    window.show()
    problems = []
    assert (
        window.menuBar().actions()[0].text()
        == {"fr": "&Fichier", "uk": "&Файл", "en": "&File"}[language]
    )
    for key, _title in PAGES:
        window.show_page(key)
        _settle()
        if window.width() > width or window.height() > height:
            grown = f"{window.width()}x{window.height()}"
            problems.append(f"{key}: the window grew to {grown} on a {width}x{height} screen")
        problems += [f"{key}: {p}" for p in cut(window)]
    assert problems == [], f"{language} at {width}x{height}"


def _dialogs(controller: VisitController) -> dict[str, Callable[[], QDialog]]:
    data = controller.data
    session = controller.session
    ceremony = next(e for e in data.events if e.running_order)
    minister = data.person(person_id("kalmykova"))
    return {
        "person": lambda: PersonDialog(controller, minister, minister.delegation_id),
        "delegation": lambda: DelegationDialog(controller, data.delegation(GUEST_DELEGATION_ID)),
        "venue": lambda: VenueDialog(controller, data.venues[0]),
        "vehicle": lambda: VehicleDialog(controller, data.vehicles[0]),
        "event": lambda: EventDialog(controller, ceremony),
        "new event": lambda: EventDialog(controller, None),
        "briefing": lambda: BriefingDialog(session),
        "calendars": lambda: ExportCalendarDialog(session),
        "publish": lambda: PublishCalendarDialog(session),
        "roster export": lambda: RosterExportDialog(None, session),
        "new visit": lambda: NewVisitDialog(),
        "preferences": lambda: PreferencesDialog(None),
        "running order": lambda: RunningOrderDialog(
            data.visit.main_language,
            lines_from(ceremony.running_order, zone(data.visit.tz), ceremony.start.date()),
            ceremony.title.get("fr"),
            time(18, 0),
        ),
        "manual": lambda: ManualDialog(),
        "passphrase": lambda: PassphraseDialog(
            None, Path("visite-officielle-kalmykova.visit"), message="wrong passphrase"
        ),
        "new passphrase": lambda: PassphraseDialog(
            None, Path("visite-officielle-kalmykova.visit"), new=True, allow_plain=True
        ),
    }


def _tabs(dialog: QWidget) -> list[QWidget]:
    from PySide6.QtWidgets import QTabWidget

    return [t for t in dialog.findChildren(QTabWidget) if t.isVisibleTo(dialog)]


def test_every_dialog_fits(qtbot, demo_controller, language) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for name, make in _dialogs(demo_controller).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        _settle()
        if dialog.width() > 1280 or dialog.height() > 720:
            problems.append(f"{name}: {dialog.width()}x{dialog.height()} is larger than 1280x720")
        for tabs in _tabs(dialog) or [None]:
            for index in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                    _settle()
                problems += [f"{name}: {p}" for p in cut(dialog)]
        dialog.hide()
    assert sorted(set(problems)) == [], language
