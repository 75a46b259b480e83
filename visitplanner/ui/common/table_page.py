"""A page of the window that lists one kind of thing: a filter over a sortable table.

The table model filters and sorts by itself (see `models`): the search texts are
made once the page is shown and again after a change, off the keystroke path, so
typing costs one pass over strings, whatever the number of rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.ui.common.models import EntityTableModel
from visitplanner.ui.shell.controller import VisitController


class TablePage(QWidget):
    """A filter box over a sortable table of one kind of entity, kept in step with the visit."""

    activated = Signal(str)  # the id of the row double-clicked or entered

    def __init__(
        self,
        controller: VisitController,
        model: EntityTableModel[Any],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = model
        model.setParent(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Filter"))
        self.filter.setAccessibleName(_("Filter {name}").format(name=name))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setAccessibleName(name)
        # Rows come in their natural order (time, precedence, convoy): no sort at
        # first; a click on a header sorts (each row's key computed once).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.filter)
        self.layout_.addWidget(self.table)
        # Size columns from the first rows only, not from thousands.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.resizeColumnsToContents()
        controller.changed.connect(self._on_change)

    def _filter_changed(self, text: str) -> None:
        if self.model.set_filter(text):
            current = self.table.currentIndex()
            if current.isValid():
                self.table.scrollTo(current)

    def _prepare_search(self) -> None:
        """Fold the rows' search texts now, so the first keystroke does not wait for it."""
        self.model.search_keys()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._prepare_search)

    def _on_change(self, change: Change) -> None:
        if change.touches(self.model.kind) or change.touches("visit") or self._depends(change):
            selected = self.selected_id()
            self.model.refresh(self.controller.data)
            if selected:
                self.select(selected)
            if self.isVisible():
                QTimer.singleShot(0, self, self._prepare_search)

    def _depends(self, change: Change) -> bool:
        # Names of venues and delegations show in the programme and roster.
        return any(change.touches(kind) for kind in ("venue", "delegation", "person"))

    def selected_id(self) -> str | None:
        """The id of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(EntityTableModel.IdRole)
        return str(value) if value else None

    def select(self, ident: str) -> bool:
        """Select and show the row of `ident` (clearing the filter if it hides it)."""
        if not self.model.has(ident):
            return False
        row = self.model.row_of(ident)
        if row is None:
            self.filter.clear()
            row = self.model.row_of(ident)
            if row is None:
                return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def focus_filter(self) -> None:
        """Put the cursor in the filter (Edit > Find)."""
        self.filter.setFocus()
        self.filter.selectAll()

    def _activate(self, index: QModelIndex) -> None:
        value = index.data(EntityTableModel.IdRole)
        if value:
            self.activated.emit(str(value))
