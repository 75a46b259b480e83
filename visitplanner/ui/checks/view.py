"""The findings of the plan checks, kept live: re-run shortly after every change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.checks import Finding, Severity, check_plan
from visitplanner.i18n import N_, _
from visitplanner.operations.change import Change
from visitplanner.ui.shell.controller import VisitController

_Index = QModelIndex | QPersistentModelIndex

#: How long after the last change the checks run again: edits in quick succession
#: (an undo held down, an import) cost one run.
RECHECK_DELAY_MS = 250


class FindingsModel(QAbstractTableModel):
    """The findings as a table: severity, then the message."""

    HEADERS = (N_("Severity"), N_("Finding"))
    FindingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace every finding."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        """The findings shown."""
        return list(self._findings)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        error = finding.severity is Severity.ERROR
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return _("error") if error else _("warning")
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor("#b00020") if error else QColor("#8a5a00"))
        if role == self.FindingRole:
            return finding
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None


class ChecksView(QWidget):
    """The live list of findings; double-click goes to what a finding is about."""

    #: kind ("event", "person", "venue", "vehicle") and id of what to show
    go_to = Signal(str, str)
    findings_changed = Signal(list)

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.summary = QLabel(self)
        self.summary.setAccessibleName(_("Summary of the checks"))
        self.model = FindingsModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_checks)
        controller.changed.connect(self._on_change)
        # The first run waits for the window to be painted: opening stays quick.
        self._timer.start()

    def _on_change(self, change: Change) -> None:
        self._timer.start()  # restarts: one run after a burst of changes

    def run_checks(self) -> None:
        """Check the plan now and show the findings."""
        findings = check_plan(self.controller.data)
        self.model.set_findings(findings)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        if findings:
            text = _("{errors} errors, {warnings} warnings.").format(
                errors=errors, warnings=warnings
            )
        else:
            text = _("No problem found: the plan passes every check.")
        self.summary.setText(text)
        self.table.setVisible(bool(findings))
        self.table.resizeRowsToContents()
        self.findings_changed.emit(findings)

    def retranslate(self) -> None:
        """Run again so messages come in the new language."""
        self.summary.setAccessibleName(_("Summary of the checks"))
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.run_checks()

    def _activate(self, index: QModelIndex) -> None:
        finding = index.data(FindingsModel.FindingRole)
        if not isinstance(finding, Finding):
            return
        for kind, ids in (
            ("event", finding.event_ids),
            ("person", finding.person_ids),
            ("venue", finding.venue_ids),
            ("vehicle", finding.vehicle_ids),
        ):
            if ids:
                self.go_to.emit(kind, ids[0])
                return
