"""Every menu command can be reached from the keyboard, in each language.

Each entry of each menu has a mnemonic on a plain letter (Alt+letter: an unaccented
Latin letter or a Cyrillic one), different from its neighbours' in the same menu; page
buttons that have a shortcut name it in their tooltip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu

from tests.ui.editing import open_visit
from visitplanner.demo import build_demo
from visitplanner.i18n import set_language
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.shell.settings import AppSettings

_MNEMONIC = re.compile(r"&(.)")


@pytest.fixture(params=("fr", "uk", "en"))
def window(request, qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        apply_language(request.param)  # after opening: open_visit speaks English
        ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(controller, AppSettings(ini))
        qtbot.addWidget(win)
        win.show()
        yield win
    apply_language("en")
    set_language("en")


def _key(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1) if found else None


def _plain(letter: str) -> bool:
    """A letter with a key of its own: a Latin one without accent, or any Cyrillic one
    (й and ї have their keys on a Ukrainian keyboard)."""
    if not letter.isalpha():
        return False
    if "CYRILLIC" in unicodedata.name(letter, ""):
        return True
    return letter.isascii()


def _menu_problems(menu: QMenu | None, actions: list[QAction], where: str) -> list[str]:
    problems = []
    taken: dict[str, str] = {}
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        text = action.text()
        key = _key(text)
        if key is None or not _plain(key):
            problems.append(f"{where}: {text!r} has no mnemonic on a plain letter")
        elif key.lower() in taken:
            problems.append(f"{where}: {text!r} and {taken[key.lower()]!r} share Alt+{key}")
        else:
            taken[key.lower()] = text
        if action.menu() is not None:
            sub = action.menu()
            problems += _menu_problems(sub, sub.actions(), f"{where} > {text}")
    return problems


def test_every_menu_entry_has_its_own_plain_mnemonic(window: MainWindow) -> None:
    bar = window.menuBar()
    assert bar.actions()[0].text() in ("&Fichier", "&Файл", "&File")
    assert _menu_problems(None, bar.actions(), "menu bar") == []


def test_page_buttons_name_their_shortcut(window: MainWindow) -> None:
    problems = []
    checked = 0
    for key, _title in PAGES:
        page = window.show_page(key)
        for button in page.findChildren(QAbstractButton):
            action = getattr(button, "defaultAction", lambda: None)()
            if action is None or action.shortcut().isEmpty():
                continue
            checked += 1
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shown not in button.toolTip():
                problems.append(f"{key}: {button.text()!r} tooltip {button.toolTip()!r}")
    assert problems == []
    assert checked >= 10  # the roster's, the programme's, the venues' ... buttons
