"""The user manual, offline: Help > Manual, and F1 at the section of the page shown.

The manual is HTML shipped in the package (visitplanner/resources/manual/LANG/),
one file per interface language with its screenshots beside it (made from the app
by scripts/manual_screenshots.py). It opens in a window of the application, a
QTextBrowser: no browser, no network, and a test can read where it opened.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Final

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from visitplanner.i18n import _, current_language

log = logging.getLogger(__name__)

#: The languages the manual is written in; another interface language reads English.
MANUAL_LANGUAGES: Final = ("fr", "uk", "en")

#: The manual's section for each page of the main window (F1 opens it there).
PAGE_ANCHORS: Final = {
    "programme": "programme",
    "roster": "roster",
    "venues": "venues",
    "vehicles": "vehicles",
    "seating": "seating",
    "ceremony": "ceremony",
    "versions": "versions",
    "checks": "checks",
    "gifts": "gifts",
    "contacts": "contacts",
    "rooming": "rooming",
}

#: The tasks the manual walks through, in its order (each a section with a picture).
TASK_ANCHORS: Final = (
    "plan-visit",
    "roster",
    "programme",
    "seating",
    "book",
    "calendars",
    "versions",
)


def manual_folder() -> Path:
    """The folder of the manual in every language (on disk: the package is never zipped)."""
    folder = resources.files("visitplanner") / "resources" / "manual"
    if not isinstance(folder, Path):
        raise RuntimeError(f"the manual is not in a folder on disk: {folder}")
    return folder


def manual_path(lang: str | None = None) -> Path:
    """The manual in `lang` (the interface language by default), English if not written."""
    lang = lang or current_language()
    return manual_folder() / (lang if lang in MANUAL_LANGUAGES else "en") / "index.html"


def manual_url(page: str | None = None, lang: str | None = None) -> QUrl:
    """The manual's file URL, at the section of `page` (a main-window page key)."""
    url = QUrl.fromLocalFile(str(manual_path(lang)))
    anchor = PAGE_ANCHORS.get(page or "")
    if anchor:
        url.setFragment(anchor)
    return url


class ManualDialog(QDialog):
    """The manual in a window beside the main one, kept open while the officer works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("VisitPlanner manual"))
        self.setSizeGripEnabled(True)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(_("Manual"))
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        area = self.screen().availableGeometry()
        self.resize(min(900, area.width() * 9 // 10), min(760, area.height() * 9 // 10))

    def show_section(self, page: str | None = None) -> None:
        """Show the manual in the interface language, at the section of `page`."""
        self.setWindowTitle(_("VisitPlanner manual"))
        url = manual_url(page)
        self.browser.setSource(url)  # the same document again only scrolls
        if url.fragment():
            self.browser.scrollToAnchor(url.fragment())
        self.show()
        self.raise_()
        self.activateWindow()


def open_manual(parent: QWidget, page: str | None = None) -> ManualDialog:
    """Open (or bring back) the manual window of `parent`, at the section of `page`."""
    dialog = parent.findChild(ManualDialog)
    if dialog is None:
        dialog = ManualDialog(parent)
    dialog.show_section(page)
    return dialog
