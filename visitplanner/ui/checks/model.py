"""The Checks page's findings as a tree: one row per cause (severity, day, kind and the
cause's message), the people it concerns under it; sortable by each column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from visitplanner.domain.checks import Finding, Severity
from visitplanner.domain.finding_groups import FindingGroup, group_findings, kind_label
from visitplanner.i18n import N_, _
from visitplanner.ui.common.models import column_header

_Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractItemModel):
    """The findings by cause: one row per cause (severity, day, kind, message), and
    under a cause that concerns several people, one row per person."""

    HEADERS = (N_("Severity"), N_("Day"), N_("Kind"), N_("Finding"))
    FindingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._findings: list[Finding] = []
        self._groups: list[FindingGroup] = []
        self._days: list[tuple[float, str]] = []
        self._when: Callable[[Finding], tuple[float, str]] = lambda _f: (0.0, "")
        self._who: Callable[[str], str] = str
        self._sort = (-1, Qt.SortOrder.AscendingOrder)

    def set_findings(
        self,
        findings: list[Finding],
        when: Callable[[Finding], tuple[float, str]] | None = None,
        who: Callable[[str], str] | None = None,
    ) -> None:
        """Replace every finding; `when` gives a finding's day (a sort key and its text),
        `who` a person's name (for the rows under a cause)."""
        self.beginResetModel()
        self._findings = list(findings)
        if when is not None:
            self._when = when
        if who is not None:
            self._who = who
        self._groups = group_findings(self._findings)
        self._days = [self._when(g.first) for g in self._groups]
        self._sorted()
        self.endResetModel()

    def findings(self) -> list[Finding]:
        """The findings shown, one per row of a person too (in the checks' order)."""
        return list(self._findings)

    def groups(self) -> list[FindingGroup]:
        """The causes, in the order shown."""
        return list(self._groups)

    def row_of(self, finding: Finding) -> QModelIndex:
        """The row of the cause that holds `finding` (the first column)."""
        for row, group in enumerate(self._groups):
            if any(f is finding for f in group.findings):
                return self.index(row, 0)
        return QModelIndex()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the causes by severity, day, kind or message; the checks' order first."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sorted()
        self.layoutChanged.emit()

    def _sorted(self) -> None:
        column, order = self._sort
        if column < 0:
            return
        keys: list[Callable[[int], Any]] = [
            lambda i: (self._groups[i].severity is not Severity.ERROR, self._days[i][0]),
            lambda i: self._days[i][0],
            lambda i: (kind_label(self._groups[i].kind), self._days[i][0]),
            lambda i: self._groups[i].message.casefold(),
        ]
        rows = sorted(
            range(len(self._groups)),
            key=keys[column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._groups = [self._groups[i] for i in rows]
        self._days = [self._days[i] for i in rows]

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(self.HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == 0 and row < len(self._members(parent.row())):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        group = index.internalId() if index.isValid() else 0
        return self.createIndex(group - 1, 0, 0) if group else QModelIndex()

    def _members(self, row: int) -> list[Finding]:
        findings = self._groups[row].findings if 0 <= row < len(self._groups) else []
        return findings if len(findings) > 1 else []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._members(parent.row()))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group_row = index.row() if index.internalId() == 0 else index.internalId() - 1
        if not 0 <= group_row < len(self._groups):
            return None
        group = self._groups[group_row]
        finding = group.first if index.internalId() == 0 else group.findings[index.row()]
        person_row = index.internalId() != 0
        if role == self.FindingRole:
            return finding
        column = index.column()
        error = (finding if person_row else group).severity is Severity.ERROR
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if person_row:  # the cause is on the row above: the person's name says it
                if column != 3:
                    return ""
                if role == Qt.ItemDataRole.ToolTipRole or not finding.person_ids:
                    return finding.message
                return self._who(finding.person_ids[0])
            if column == 0:
                return _("error") if error else _("warning")
            if column == 1:
                return self._days[group_row][1]
            if column == 2:
                return kind_label(group.kind)
            return group.message
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor("#b00020") if error else QColor("#8a5a00"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.HEADERS, section, orientation, role)
