"""Small dialogs of the window: a new visit, preferences, about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from visitplanner import __version__
from visitplanner.domain.values import is_known_zone
from visitplanner.i18n import UI_LANGUAGES, _

#: What the application bundles, and under which licence (Help > About).
BUNDLED_LICENCES = (
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("Python", "PSF-2.0"),
    ("SQLite", "Public domain"),
    ("sqlite-utils", "Apache-2.0"),
    ("Babel", "BSD-3-Clause"),
    ("tzdata (IANA time zones)", "Apache-2.0 / public domain"),
    ("icalendar", "BSD-2-Clause"),
    ("python-dateutil", "Apache-2.0 / BSD-3-Clause"),
    ("ReportLab", "BSD-3-Clause"),
    ("Pillow", "MIT-CMU (HPND)"),
    ("openpyxl, et_xmlfile", "MIT"),
    ("pytz, six", "MIT"),
    ("DejaVu fonts", "Bitstream Vera / Arev font licence (free)"),
)

LANGUAGE_NAMES = {"fr": "Français", "uk": "Українська", "en": "English"}


def about_text() -> str:
    """The text of Help > About: version and the licences of what is bundled."""
    lines = [
        f"<h3>VisitPlanner {__version__}</h3>",
        "<p>" + _("Plan official delegation visits offline.") + "</p>",
        "<p><b>" + _("Bundled software and licences") + "</b></p><ul>",
    ]
    lines += [f"<li>{name}: {licence}</li>" for name, licence in BUNDLED_LICENCES]
    lines.append("</ul>")
    return "\n".join(lines)


class NewVisitDialog(QDialog):
    """File > New visit: title, dates, time zone and where to keep the file."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New visit"))
        self._folder = folder or Path.home()
        self.title = QLineEdit(self)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate())
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(
            ["Europe/Paris", "Europe/Kyiv", "Europe/Warsaw", "Europe/Brussels", "UTC"]
        )
        self.path = QLineEdit(self)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path)
        where.addWidget(browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        for text, widget in (
            (_("&Title"), self.title),
            (_("&Start"), self.start),
            (_("&End"), self.end),
            (_("Time &zone"), self.zone),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        file_label = QLabel(_("&File"), self)
        file_label.setBuddy(self.path)
        self.path.setAccessibleName(_("File"))
        form.addRow(file_label, where)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("New visit"), str(self._folder), _("Visits (*.visit)")
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".visit") else chosen + ".visit")

    def values(self) -> tuple[str, date, date, str, Path]:
        """Title, start, end, zone and path as entered."""
        start, end = self.start.date(), self.end.date()
        return (
            self.title.text().strip(),
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
            self.zone.currentText().strip(),
            Path(self.path.text().strip()),
        )

    def accept(self) -> None:
        title, start, end, tz, path = self.values()
        problem = ""
        if not title:
            problem = _("Give the visit a title.")
        elif end < start:
            problem = _("The visit ends before it starts.")
        elif not is_known_zone(tz):
            problem = _("Unknown time zone: {zone}").format(zone=tz)
        elif not self.path.text().strip():
            problem = _("Choose where to keep the visit file.")
        elif path.exists():
            problem = _("{path} already exists; choose another name.").format(path=path)
        if problem:
            self.problem.setText(problem)
            return
        super().accept()


class PreferencesDialog(QDialog):
    """Edit > Preferences: the interface language, applied at once."""

    def __init__(self, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.language = QComboBox(self)
        self.language.addItem(_("As the system"), "")
        for code in UI_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(current or "")))
        self.language.setAccessibleName(_("Interface language"))
        label = QLabel(_("Interface &language"), self)
        label.setBuddy(self.language)
        form = QFormLayout(self)
        form.addRow(label, self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_language(self) -> str | None:
        """The language chosen (None: as the system)."""
        value = str(self.language.currentData() or "")
        return value or None


def confirm_read_only(parent: QWidget | None, path: Path, holder: str) -> bool:
    """Ask whether to open a visit read-only that another copy has open."""
    answer = QMessageBox.question(
        parent,
        _("Visit already open"),
        _(
            "{path} is open in another copy of VisitPlanner ({holder}). "
            "Open it read-only? You will be able to read and export it, not change it."
        ).format(path=path, holder=holder or _("unknown")),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Open
