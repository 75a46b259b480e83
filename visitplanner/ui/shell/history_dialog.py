"""Edit > History: the journal of the open visit, newest first, each change with when it
was made, who made it, on which machine and with which program (in a shared visit, the
changes other officers made come in under their names)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.values import zone
from visitplanner.i18n import _, format_datetime, ngettext
from visitplanner.operations.change import Change
from visitplanner.services.history import JournalEntry, what_changed
from visitplanner.ui.shell.controller import VisitController

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """The journal's entries, newest first: when, what, who, machine, program."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[JournalEntry] = []
        self._tz = "UTC"
        self._headers = [_("When"), _("Change"), _("Who"), _("Machine"), _("Program")]

    def refresh(self, entries: list[JournalEntry], tz: str) -> None:
        """Show `entries` (newest first), their times in the visit's zone `tz`."""
        self.beginResetModel()
        self._entries, self._tz = entries, tz
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry:
        """The entry shown on `row`."""
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if column == 0:
            return format_datetime(_local(entry.at, self._tz), "medium")
        if column == 1:
            return what_changed(entry)
        if column == 2:
            return entry.officer or "—"
        if column == 3:
            return entry.machine
        return _(entry.program) if entry.program else "—"


def _local(at: datetime, tz: str) -> datetime:
    return at.astimezone(zone(tz))


class HistoryDialog(QDialog):
    """The journal of the open visit, kept up to date while it is open."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(_("History"))
        self.setAccessibleName(_("History of the visit's changes"))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        self.model = HistoryModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Changes, newest first"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The change's words take the room left; a long one is read whole in its tooltip.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        controller.changed.connect(self._changed)
        self.refresh()
        for column in (0, 2, 3, 4):
            self.table.resizeColumnToContents(column)

    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the journal again."""
        session = self.controller.session
        entries = session.history()
        self.model.refresh(entries, session.data.visit.tz)
        self.count.setText(
            ngettext(
                "{count} change, newest first", "{count} changes, newest first", len(entries)
            ).format(count=len(entries))
            if entries
            else _("No change has been made to this visit yet.")
        )
