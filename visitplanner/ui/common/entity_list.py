"""A list screen over one kind of entity: a table, New / Edit / Delete, live refresh.

VenuesView and VehiclesView are built on it. The table refreshes when a change
touches its kind, keeping the selection; edit actions follow the visit's
read-only state; Ins, Enter and Del work while the focus is in the screen.
The model filters and sorts by itself: no Python call per row per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.values import Access
from visitplanner.operations.change import Change
from visitplanner.operations.edits import delete_operation
from visitplanner.ui.common.actions import button_row, screen_action
from visitplanner.ui.common.forms import confirm
from visitplanner.ui.common.models import Column, FixedColumnsModel
from visitplanner.ui.shell.controller import VisitController

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


class AccessColouredModel(FixedColumnsModel[T]):
    """A table whose access column (step-free, wheelchair) is green, red or amber."""

    COLOURS: Final = {Access.YES: "#1b7f3b", Access.NO: "#b00020", Access.UNKNOWN: "#8a5a00"}

    def __init__(self, columns: list[Column[T]], column: int, access: Callable[[T], Access]):
        super().__init__(columns)
        self._column = column
        self._access = access

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or index.column() != self._column:
                return None
            if not 0 <= index.row() < self.rowCount():
                return None
            return QBrush(QColor(self.COLOURS[self._access(self.row_object(index.row()))]))
        return super().data(index, role)


class EntityListView(QWidget, Generic[T]):
    """A table of entities of one kind with New, Edit and Delete."""

    #: The kind of entity, as a Change names it ("venue", "vehicle").
    kind = ""

    def __init__(
        self,
        controller: VisitController,
        columns: list[Column[T]],
        sortable: bool,
        filterable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        #: The editor opened last (None before any).
        self.dialog: QDialog | None = None
        self.model: FixedColumnsModel[T] = self.create_model(columns)
        self.model.setParent(self)
        self.model.search = self.search_text
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per entity; the tooltip holds the whole text
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(sortable)
        if sortable:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _index: self.edit_current())
        self.filter_label: QLabel | None = None
        self.filter: QLineEdit | None = None
        top = QHBoxLayout()
        if filterable:
            self.filter_label = QLabel(self)
            self.filter = QLineEdit(self)
            self.filter.setClearButtonEnabled(True)
            self.filter_label.setBuddy(self.filter)
            self.filter.textChanged.connect(self._filter_changed)
            self.filter.returnPressed.connect(self.table.setFocus)
            top.addWidget(self.filter_label)
            top.addWidget(self.filter, 1)
        tree_only = Qt.ShortcutContext.WidgetShortcut
        self.new_action = screen_action(self, self.new, ["Ins"])
        self.edit_action = screen_action(
            self.table, self.edit_current, ["Return", "Enter"], tree_only
        )
        self.delete_action = screen_action(
            self.table, self.delete_current, [QKeySequence.StandardKey.Delete], tree_only
        )
        actions: list[QAction | None] = [self.new_action, self.edit_action, self.delete_action]
        extra = self.extra_actions()
        if extra:
            actions += [None, *extra]
        layout = QVBoxLayout(self)
        if filterable:
            layout.addLayout(top)
        layout.addLayout(button_row(self, actions))
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
        controller.changed.connect(self._on_change)
        self.refresh()

    # -- for subclasses ---------------------------------------------------------

    def create_model(self, columns: list[Column[T]]) -> FixedColumnsModel[T]:
        """The table model (a subclass may colour cells)."""
        return FixedColumnsModel(columns)

    def rows(self) -> list[T]:
        """The entities to list, in their natural order."""
        raise NotImplementedError

    def search_text(self, item: T) -> str:
        """What the filter searches in."""
        return ""

    def make_dialog(self, item: T | None) -> QDialog:
        """The editor on `item` (a new one for None)."""
        raise NotImplementedError

    def delete_question(self, item: T) -> str:
        """The question asked before deleting `item`."""
        raise NotImplementedError

    def delete_label(self, item: T) -> str:
        """How Edit > Undo names the deletion."""
        raise NotImplementedError

    def extra_actions(self) -> list[QAction]:
        """More actions for the button row (move up and down)."""
        return []

    def delete_title(self) -> str:
        """The title of the confirmation."""
        raise NotImplementedError

    # -- public -----------------------------------------------------------------

    def focus_filter(self) -> None:
        """Edit > Find: put the cursor in the filter."""
        if self.filter is not None:
            self.filter.setFocus()
            self.filter.selectAll()

    def select(self, ident: str) -> bool:
        """Select the entity with id `ident` (clearing the filter if it hides it)."""
        index = self._index_of(ident)
        if not index.isValid() and self.filter is not None and self.filter.text():
            self.filter.clear()
            index = self._index_of(ident)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def current(self) -> T | None:
        """The entity selected."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_object(index.row())

    def current_id(self) -> str | None:
        """The id of the entity selected."""
        item = self.current()
        return getattr(item, "id", None) if item is not None else None

    def refresh(self) -> None:
        """Show the visit as it is now, keeping the selection."""
        keep = self.current_id()
        items = self.rows()
        self.model.set_rows(items)
        if keep is not None:
            self.select(keep)
        self.update_actions()

    def new(self) -> QDialog | None:
        """Open the editor on a new entity."""
        if self.controller.read_only:
            return None
        return self._open(self.make_dialog(None))

    def edit_current(self) -> QDialog | None:
        """Open the editor on the entity selected."""
        item = self.current()
        return None if item is None else self._open(self.make_dialog(item))

    def delete_current(self) -> bool:
        """Delete the entity selected, once the officer confirms."""
        item = self.current()
        if item is None or self.controller.read_only:
            return False
        if not confirm(self, self.delete_title(), self.delete_question(item)):
            return False
        operation = delete_operation(self.controller.data, item)  # type: ignore[arg-type]
        operation.label = self.delete_label(item)
        return self.controller.apply(operation, self)

    def update_actions(self) -> None:
        """Enable what can be done now."""
        writable = not self.controller.read_only
        selected = self.current() is not None
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(writable and selected)

    def retranslate(self) -> None:
        """Every text in the current language (subclasses name their actions)."""
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1)
        )
        self.refresh()

    def fit_columns(self, widest_em: int = 28) -> None:
        """Size the columns to their contents, none wider than `widest_em` letters."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        widest = widest_em * self.fontMetrics().horizontalAdvance("M")
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 12, widest))

    # -- internals --------------------------------------------------------------

    def _index_of(self, ident: str) -> QModelIndex:
        row = self.model.row_of(ident)
        return QModelIndex() if row is None else self.model.index(row, 0)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_dialog(self, dialog: QDialog) -> None:
        saved: Any = getattr(dialog, "saved", None)
        if saved is not None:
            self.select(saved.id)

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self.update_actions()

    def _on_change(self, change: Change) -> None:
        if change.touches(self.kind) or change.touches("visit") or self._also_touches(change):
            self.refresh()

    def _also_touches(self, change: Change) -> bool:
        """Whether a change of another kind shows in this list (a driver's name)."""
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
