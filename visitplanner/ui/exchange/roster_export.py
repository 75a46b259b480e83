"""File > Export roster: CSV or XLSX, shareable or internal, or the accreditation list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.values import Profile
from visitplanner.i18n import UI_LANGUAGES, _, ngettext
from visitplanner.operations.session import VisitSession
from visitplanner.services.rosters import export_roster

_LANGUAGE_NAMES = {"fr": "Français", "uk": "Українська", "en": "English"}


class RosterExportDialog(QDialog):
    """Choose the format, the profile and the language of a roster export."""

    def __init__(self, parent: QWidget | None, session: VisitSession) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Export roster"))
        self.format = QComboBox(self)
        self.format.addItem(_("Excel workbook (.xlsx)"), ".xlsx")
        self.format.addItem(_("CSV for Excel (.csv)"), ".csv")
        self.profile = QComboBox(self)
        self.profile.addItem(_("Shareable: without private fields"), Profile.SHAREABLE)
        self.profile.addItem(_("Internal: with private fields"), Profile.INTERNAL)
        self.accreditation = QCheckBox(
            _("Accreditation list for security services (internal by nature)"), self
        )
        self.accreditation.toggled.connect(self._accreditation_toggled)
        self.language = QComboBox(self)
        for code in UI_LANGUAGES:
            self.language.addItem(_LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(
            max(self.language.findData(session.data.visit.main_language), 0)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Format:"), self.format)
        form.addRow(_("Profile:"), self.profile)
        form.addRow("", self.accreditation)
        form.addRow(_("Headers in:"), self.language)
        form.addRow(buttons)

    def _accreditation_toggled(self, on: bool) -> None:
        # The accreditation list is made of private fields: internal, whatever is chosen.
        if on:
            self.profile.setCurrentIndex(self.profile.findData(Profile.INTERNAL))
        self.profile.setEnabled(not on)

    def export_to(self, path: Path) -> int:
        """Write the export to `path` (its suffix chosen from the format); people written."""
        suffix = str(self.format.currentData())
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        return export_roster(
            self.session.data,
            path,
            Profile(self.profile.currentData()),
            self.accreditation.isChecked(),
            str(self.language.currentData()),
        )

    def _choose_file(self) -> None:
        suffix = str(self.format.currentData())
        default = _("accreditation") if self.accreditation.isChecked() else _("roster")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export roster"), default + suffix, f"*{suffix}"
        )
        if not name:
            return
        try:
            count = self.export_to(Path(name))
        except VisitPlannerError as exc:
            QMessageBox.critical(self, _("Export roster"), exc.message)
            return
        QMessageBox.information(
            self,
            _("Export roster"),
            ngettext(
                "{count} person written to {path}.", "{count} people written to {path}.", count
            ).format(count=count, path=name),
        )
        self.accept()


def export_roster_dialog(parent: QWidget | None, session: VisitSession) -> None:
    """File > Export roster: choose format, profile and language, then the file."""
    RosterExportDialog(parent, session).exec()
