"""The user manual: Help > Manual and F1 open it offline, in the interface language, at
the section of the page shown; every page has its section and every picture exists."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from tests.factories import small_visit
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.shell.manual import (
    MANUAL_LANGUAGES,
    PAGE_ANCHORS,
    TASK_ANCHORS,
    ManualDialog,
    manual_folder,
    manual_path,
)
from visitplanner.ui.shell.settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]


class _Parts(HTMLParser):
    """The anchors, pictures and links of a manual page."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("name"):
            self.anchors.append(values["name"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "img":
            self.images.append(values.get("src") or "")


def _parts(lang: str) -> _Parts:
    parts = _Parts()
    parts.feed(manual_path(lang).read_text(encoding="utf-8"))
    return parts


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    controller = VisitController(VisitSession.open(path))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    apply_language("en")
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.session.close()
    set_language("en")


def _manual(window: MainWindow) -> ManualDialog:
    dialog = window.findChild(ManualDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _help_manual(window: MainWindow) -> None:
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    assert isinstance(help_menu, QMenu)
    manual = next(a for a in help_menu.actions() if a.text() == "&Manual")
    assert manual.shortcut().toString() == "F1"
    manual.trigger()


@pytest.mark.parametrize("lang", MANUAL_LANGUAGES)
def test_every_page_and_task_has_its_section_and_every_picture_exists(lang: str) -> None:
    parts = _parts(lang)
    assert set(PAGE_ANCHORS) == {key for key, _title in PAGES}
    assert set(PAGE_ANCHORS.values()) <= set(parts.anchors)
    assert set(TASK_ANCHORS) <= set(parts.anchors)
    assert len(parts.anchors) == len(set(parts.anchors))
    assert {link[1:] for link in parts.links if link.startswith("#")} <= set(parts.anchors)
    folder = manual_path(lang).parent
    assert len(parts.images) == len(TASK_ANCHORS)
    for image in parts.images:
        assert (folder / image).is_file(), image
        assert (folder / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_each_language_is_its_own_text_not_english() -> None:
    english = manual_path("en").read_text(encoding="utf-8")
    french = manual_path("fr").read_text(encoding="utf-8")
    ukrainian = manual_path("uk").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french and "Placer les convives d’un dîner" in french
    assert '<html lang="uk">' in ukrainian and "Розсадити гостей на вечері" in ukrainian
    # French typography: a no-break space before the two-part marks.
    assert not re.search(r"\w [:;?!]", re.sub(r"<[^>]+>", "", french))
    for text in (french, ukrainian):
        assert "Import a roster" not in text and "Seat a dinner" not in text
    assert "Seat a dinner" in english


def test_the_manual_ships_in_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["visitplanner"]
    assert "resources/**/*" in data
    assert manual_folder() == ROOT / "visitplanner" / "resources" / "manual"


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Manuel"), ("uk", "Посібник"), ("en", "manual")]
)
def test_help_manual_opens_in_the_interface_language(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, lang: str, title: str
) -> None:
    _help_manual(window)
    assert _manual(window).browser.source().toLocalFile() == str(manual_path("en"))
    apply_language(lang)
    window.build()
    window.show_manual()
    dialog = _manual(window)
    assert dialog.browser.source().toLocalFile() == str(manual_path(lang))
    assert title.casefold() in dialog.windowTitle().casefold()
    assert window.findChildren(ManualDialog) == [dialog]  # one window, brought back


@pytest.mark.parametrize("key", [key for key, _title in PAGES])
def test_f1_opens_the_manual_at_the_section_of_the_page_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, key: str
) -> None:
    window.show_page(key)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F1)
    dialog = _manual(window)
    source = dialog.browser.source()
    assert source.toLocalFile() == str(manual_path("en"))
    assert source.fragment() == PAGE_ANCHORS[key]


def test_the_section_shown_is_scrolled_into_view(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_page("programme")
    window.show_manual()
    bar = _manual(window).browser.verticalScrollBar()
    at_programme = bar.value()
    window.show_page("checks")
    window.show_manual()
    qtbot.waitUntil(lambda: bar.value() > at_programme)
    assert bar.value() > 0
