"""The Versions page: the programme versions issued, issuing a new one, what changed
since a version, and a past version opened read-only or saved as a new visit file."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import ProgrammeVersion
from visitplanner.domain.values import zone
from visitplanner.i18n import N_, _, current_language, format_datetime
from visitplanner.operations.change import Change
from visitplanner.services.encryption import key_in_use
from visitplanner.services.versions import (
    changes,
    describe_changes,
    find_version,
    issue_version,
    write_version_file,
)
from visitplanner.ui.shell.controller import VisitController

log = logging.getLogger(__name__)

HEADERS = (N_("Version"), N_("Issued"), N_("Note"))


class VersionsView(QWidget):
    """The versions of the programme, newest first, and what to do with one."""

    #: A past version written to a temporary visit file, to open read-only.
    open_requested = Signal(Path)

    def __init__(
        self,
        controller: VisitController,
        parent: QWidget | None = None,
        open_snapshot: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        if open_snapshot is not None:
            self.open_requested.connect(open_snapshot)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setAccessibleName(_("Programme versions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.issue_button = QPushButton(_("Issue version…"))
        self.issue_button.clicked.connect(self.ask_and_issue)
        self.changes_button = QPushButton(_("Changes since this version"))
        self.changes_button.clicked.connect(self.show_changes)
        self.open_button = QPushButton(_("Open read-only"))
        self.open_button.clicked.connect(self.open_read_only)
        self.save_button = QPushButton(_("Save as new visit file…"))
        self.save_button.clicked.connect(self._ask_and_save)
        self.changes_text = QPlainTextEdit()
        self.changes_text.setReadOnly(True)
        self.changes_text.setAccessibleName(_("Changes"))
        self.empty = QLabel(_("No version issued yet. Issue one when you send the programme out."))
        buttons = QHBoxLayout()
        for button in (self.issue_button, self.changes_button, self.open_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes_text, 2)
        # A method, not a lambda: Qt drops it with the page (on a language switch).
        controller.changed.connect(self._on_change)
        self.reload()

    # -- the list ------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the versions again (newest first), keeping the selection."""
        chosen = self.selected()
        data = self.controller.data
        versions = sorted(data.versions, key=lambda v: -v.number)
        self.table.setRowCount(len(versions))
        home = zone(data.visit.tz)
        for row, version in enumerate(versions):
            issued = format_datetime(version.issued.astimezone(home), "medium")
            cells = (str(version.number), issued, version.note)
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
            if chosen is not None and version.number == chosen.number:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not versions)
        self.issue_button.setEnabled(not self.controller.read_only)
        self._update_buttons()

    def selected(self) -> ProgrammeVersion | None:
        """The version selected, else None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return find_version(self.controller.data, int(item.text())) if item else None

    def select(self, number: int) -> None:
        """Select version `number`."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == str(number):
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.changes_button, self.open_button, self.save_button):
            button.setEnabled(chosen)

    # -- actions -------------------------------------------------------------------

    def ask_and_issue(self) -> None:
        """Ask for the note of a new version, then issue it."""
        note, ok = QInputDialog.getMultiLineText(
            self,
            _("Issue version"),
            _("A note for this version (who it is sent to, what changed):"),
        )
        if ok:
            self.issue(note)

    def issue(self, note: str) -> ProgrammeVersion | None:
        """Issue the next version with `note`; it is then selected."""
        try:
            version = issue_version(self.controller.session, note)
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Issue version"), exc.message)
            return None
        self.controller.announce()
        self.reload()
        self.select(version.number)
        return version

    def show_changes(self) -> str:
        """Show what changed since the selected version, to the programme now."""
        version = self.selected()
        if version is None:
            return ""
        comparison = changes(self.controller.data, version.number)
        text = describe_changes(self.controller.data, comparison, current_language())
        self.changes_text.setPlainText(text)
        return text

    def open_read_only(self) -> Path | None:
        """Write the selected version to a temporary visit file and ask to open it."""
        version = self.selected()
        if version is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="visitplanner-version-"))
        path = folder / f"{self._stem(version)}.visit"
        try:
            write_version_file(
                self.controller.data,
                version.number,
                path,
                key_in_use(self.controller.session.path),
            )
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Open read-only"), exc.message)
            return None
        self.open_requested.emit(path)
        return path

    def _ask_and_save(self) -> None:
        version = self.selected()
        if version is None:
            return
        start = str(Path.home() / f"{self._stem(version)}.visit")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save as new visit file"), start, _("Visits (*.visit)")
        )
        if chosen:
            self.save_as(Path(chosen))

    def save_as(self, path: Path) -> bool:
        """Write the selected version as a new visit file at `path`."""
        version = self.selected()
        if version is None:
            return False
        try:
            write_version_file(
                self.controller.data,
                version.number,
                path,
                key_in_use(self.controller.session.path),
            )
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Save as new visit file"), exc.message)
            return False
        log.info("version %d saved as %s", version.number, path)
        return True

    def _stem(self, version: ProgrammeVersion) -> str:
        visit = self.controller.data.visit
        title = visit.title.get(visit.main_language)
        cleaned = re.sub(r"[^\w.-]+", "-", title).strip("-.")[:40] or "visit"
        return f"{cleaned}-v{version.number}"
