"""Table models over the visit's domain objects; columns declared once per model.

A model is rebuilt from the visit in memory (`refresh(data)`) when a change
touches its kind; lookups (venue names, delegation order) are rebuilt with it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from visitplanner.domain.lookup import normalise
from visitplanner.domain.model import VisitData
from visitplanner.i18n import _

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Text as the filter compares it: normalised, and without accents (é = e, й = и)."""
    decomposed = unicodedata.normalize("NFD", normalise(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header (translated when shown), its text and its sort key."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None


class EntityTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of domain objects.

    Sort keys must be numbers or strings: the proxy compares them as QVariants.
    """

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    #: Every column's text of the row, folded for search: one look-up per row when
    #: filtering instead of one per cell.
    SearchRole = Qt.ItemDataRole.UserRole + 3
    #: The change kind ("event", "person" ...) that makes this model refresh.
    kind = ""

    def __init__(self, data: VisitData) -> None:
        super().__init__()
        self._rows: list[T] = []
        self._columns: list[Column[T]] = []
        self._search: dict[int, str] = {}
        self.refresh(data)

    def columns(self, data: VisitData) -> list[Column[T]]:
        """The columns, built with lookups over `data`."""
        raise NotImplementedError

    def rows(self, data: VisitData) -> list[T]:
        """The objects to show, in their natural order."""
        raise NotImplementedError

    def refresh(self, data: VisitData) -> None:
        """Show the visit as it is now."""
        self.beginResetModel()
        self._columns = self.columns(data)
        self._rows = self.rows(data)
        self._search = {}
        self.endResetModel()

    def row_object(self, row: int) -> T:
        """The domain object shown in `row`."""
        return self._rows[row]

    def row_of(self, ident: str) -> int | None:
        """The row showing the object with id `ident`."""
        for row, item in enumerate(self._rows):
            if getattr(item, "id", None) == ident:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == self.SortRole:
            return column.sort_key(item) if column.sort_key else column.text(item)
        if role == self.IdRole:
            return getattr(item, "id", None)
        if role == self.SearchRole:
            found = self._search.get(index.row())
            if found is None:
                found = normalise(" ".join(c.text(item) for c in self._columns))
                self._search[index.row()] = found
            return found
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return _(self._columns[section].header)
        return None


class FixedColumnsModel(EntityTableModel[T]):
    """A table whose columns are given once and whose rows are set by its view."""

    def __init__(self, columns: list[Column[T]]) -> None:
        QAbstractTableModel.__init__(self)
        self._columns = columns
        self._rows = []
        self._search = {}

    def set_rows(self, rows: list[T]) -> None:
        """Show `rows`."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search = {}
        self.endResetModel()
