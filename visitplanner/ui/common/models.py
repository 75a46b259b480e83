"""Table models over the visit's domain objects; columns declared once per model.

A model is rebuilt from the visit in memory (`refresh(data)`) when a change
touches its kind; lookups (venue names, delegation order) are rebuilt with it.

The model filters and sorts by itself, without a QSortFilterProxyModel: the
proxy asks Python `data()` for every row at every keystroke (and twice per
comparison when sorting), which made typing in a 5,000-event list take a
quarter of a second. Here each row's search text is folded once after the data
changes; a keystroke is one pass over those strings in Python and one layout
change, and a click on a header computes each row's sort key once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from visitplanner.domain.model import VisitData
from visitplanner.domain.search import (
    Words,
    matching,
    narrows,
    search_text,
    search_words,
)
from visitplanner.i18n import _

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def column_header(
    headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """A table's column header, translated now (so a language switch shows at once):
    what every model's `headerData` answers for the untranslated `headers`."""
    if (
        role == Qt.ItemDataRole.DisplayRole
        and orientation == Qt.Orientation.Horizontal
        and 0 <= section < len(headers)
    ):
        return _(headers[section])
    return None


def filter_tokens(text: str) -> Words:
    """The words of a filter as they are compared (see `domain.search`)."""
    return search_words(text)


def _comparable(value: Any) -> tuple[int, Any]:
    """A sort key that numbers, texts (case aside) and None can share."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value).casefold())


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header (translated when shown), its text and its sort key."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None


class EntityTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of domain objects, filtered and sorted by itself.

    `_items` are the objects in their natural order; `_order` their indices in
    the order of the sort in force; `_shown` the indices the filter keeps, in
    that order: row r shows `_items[_shown[r]]`. Sort keys must be numbers or
    strings (strings sort case aside).
    """

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    #: The change kind ("event", "person" ...) that makes this model refresh.
    kind = ""

    def __init__(self, data: VisitData | None = None) -> None:
        super().__init__()
        self._items: list[T] = []
        self._columns: list[Column[T]] = []
        self._keys: list[str] | None = None
        self._ids: dict[str, int] | None = None
        self._order: list[int] = []
        self._shown: list[int] = []
        self._tokens: Words = ()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: What the filter searches in, per object; by default every column's text.
        self.search: Callable[[T], str] | None = None
        if data is not None:
            self.refresh(data)

    def columns(self, data: VisitData) -> list[Column[T]]:
        """The columns, built with lookups over `data`."""
        raise NotImplementedError

    def rows(self, data: VisitData) -> list[T]:
        """The objects to show, in their natural order."""
        raise NotImplementedError

    def refresh(self, data: VisitData) -> None:
        """Show the visit as it is now (keeping the sort and the filter)."""
        self.beginResetModel()
        self._columns = self.columns(data)
        self._set_items(self.rows(data))
        self.endResetModel()

    def _set_items(self, items: list[T]) -> None:
        self._items = list(items)
        self._keys = None
        self._ids = None
        self._order = self._sorted(self._sort_column, self._sort_order)
        self._shown = self._filtered(self._order)

    # -- what is shown -----------------------------------------------------------

    def row_object(self, row: int) -> T:
        """The domain object shown in `row`."""
        return self._items[self._shown[row]]

    def shown_objects(self) -> list[T]:
        """The objects shown, in their order."""
        items = self._items
        return [items[i] for i in self._shown]

    def shown_ids(self) -> set[str]:
        """The ids of the objects shown."""
        items = self._items
        return {getattr(items[i], "id", "") for i in self._shown}

    def _item_of(self, ident: str) -> int | None:
        if self._ids is None:
            self._ids = {getattr(item, "id", ""): n for n, item in enumerate(self._items)}
        return self._ids.get(ident)

    def has(self, ident: str) -> bool:
        """Whether the object `ident` is in the table, shown or hidden by the filter."""
        return self._item_of(ident) is not None

    def row_of(self, ident: str) -> int | None:
        """The row showing the object with id `ident` (None if absent or filtered out)."""
        item = self._item_of(ident)
        if item is None:
            return None
        if not self._tokens and self._sort_column < 0:
            return item  # every object, in its natural order
        try:
            return self._shown.index(item)
        except ValueError:
            return None

    # -- filtering ---------------------------------------------------------------

    def search_keys(self) -> list[str]:
        """Each object's search text, folded: made once after the data changes."""
        if self._keys is None:
            self._keys = [self.search_key(item) for item in self._items]
        return self._keys

    def search_key(self, item: T) -> str:
        """One object's search text, folded (`domain.search.search_text`)."""
        return search_text((self.search or self._columns_text)(item))

    def _columns_text(self, item: T) -> str:
        return "\n".join(column.text(item) for column in self._columns)

    def is_filtered(self) -> bool:
        """Whether a filter is in force."""
        return bool(self._tokens)

    def set_filter(self, text: str) -> bool:
        """Show only the rows whose search text holds every word of `text`.

        Case and accents aside, in any order. The selection and the current row
        stay on their objects (lost only when the filter hides them). Returns
        whether the rows shown may have changed.
        """
        tokens = filter_tokens(text)
        if tokens == self._tokens:
            return False
        narrower = narrows(self._tokens, tokens)
        # A longer word keeps a subset of what the shorter one kept: test only those.
        base = self._shown if narrower else self._order
        self._tokens = tokens
        self._relayout(self._filtered(base))
        return True

    def _filtered(self, order: list[int]) -> list[int]:
        if not self._tokens:
            return list(order)
        return matching(order, self.search_keys(), self._tokens)

    # -- sorting -----------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (-1: the natural order), each row's key computed once."""
        if (column, order) == (self._sort_column, self._sort_order) or (
            column < 0 and self._sort_column < 0
        ):
            return
        self._sort_column, self._sort_order = column, order
        self._order = self._sorted(column, order)
        self._relayout(self._filtered(self._order))

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[int]:
        count = len(self._items)
        if not 0 <= column < len(self._columns):
            return list(range(count))
        spec = self._columns[column]
        key = spec.sort_key or spec.text
        keys = [_comparable(key(item)) for item in self._items]
        # Stable both ways: equal keys keep their natural order.
        return sorted(
            range(count),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _relayout(self, shown: list[int]) -> None:
        """Show `shown`, moving the view's persistent indexes (selection, current row)."""
        # Emitted without a sort hint: PySide6 takes no arguments to these signals.
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        if before:  # a few: the selection, the current row
            old = self._shown
            position = {item: row for row, item in enumerate(shown)}
            after = []
            for index in before:
                row = position.get(old[index.row()], -1) if 0 <= index.row() < len(old) else -1
                after.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
            self.changePersistentIndexList(before, after)
        self._shown = shown
        self.layoutChanged.emit()

    # -- the item model ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        item = self._items[self._shown[index.row()]]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == self.SortRole:
            return column.sort_key(item) if column.sort_key else column.text(item)
        if role == self.IdRole:
            return getattr(item, "id", None)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header([c.header for c in self._columns], section, orientation, role)


class FixedColumnsModel(EntityTableModel[T]):
    """A table whose columns are given once and whose rows are set by its view."""

    def __init__(self, columns: list[Column[T]]) -> None:
        super().__init__()
        self._columns = columns

    def set_rows(self, rows: list[T]) -> None:
        """Show `rows` (keeping the sort and the filter)."""
        self.beginResetModel()
        self._set_items(rows)
        self.endResetModel()
