"""The travel times of one venue to every other, as an editable table (blank: not known).

Each row is another venue: minutes from this venue to it (editable) and from
it back here (as stored there, or as it will be saved when the times are the
same both ways). The model remembers which rows the officer changed, so that
only those are mirrored on the other venues.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from visitplanner.domain.model import Venue
from visitplanner.i18n import N_, _, current_language
from visitplanner.ui.common.models import column_header

_Index = QModelIndex | QPersistentModelIndex

#: The longest travel time accepted, in minutes (a day).
MAX_MINUTES: Final = 24 * 60


class TravelTimesModel(QAbstractTableModel):
    """Minutes from one venue to each other venue, and back."""

    HEADERS: Final = (N_("Venue"), N_("Minutes from here"), N_("Minutes from there"))
    IdRole: Final = Qt.ItemDataRole.UserRole + 1

    def __init__(self, venue_id: str, minutes: dict[str, int], others: list[Venue], main: str):
        super().__init__()
        self._id = venue_id
        self._main = main
        self._others = sorted(others, key=lambda v: v.name.get(current_language(), main).casefold())
        self._minutes: dict[str, int] = {
            k: v for k, v in minutes.items() if k in {o.id for o in others}
        }
        self._original = dict(self._minutes)
        self.both_ways = True

    def minutes(self) -> dict[str, int]:
        """The travel times as typed (venues left blank are not in it)."""
        return dict(self._minutes)

    def edited(self) -> set[str]:
        """The venues whose travel time the officer changed."""
        ids = set(self._minutes) | set(self._original)
        return {i for i in ids if self._minutes.get(i) != self._original.get(i)}

    def set_both_ways(self, both: bool) -> None:
        """Whether the times typed are saved on the other venues too."""
        self.both_ways = both
        if self._others:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._others) - 1, 2))

    def row_of(self, venue_id: str) -> int:
        """The row of another venue, or -1."""
        for row, venue in enumerate(self._others):
            if venue.id == venue_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._others)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.HEADERS, section, orientation, role)

    def _back(self, other: Venue) -> int | None:
        changed = self._minutes.get(other.id) != self._original.get(other.id)
        if self.both_ways and changed:
            return self._minutes.get(other.id)
        return other.travel_minutes.get(self._id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._others):
            return None
        other = self._others[index.row()]
        column = index.column()
        if role == self.IdRole:
            return other.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return other.name.get(current_language(), self._main)
            value = self._minutes.get(other.id) if column == 1 else self._back(other)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return _("Minutes by car; leave blank when not known.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 1:
            return False
        text = str(value if value is not None else "").strip()
        other = self._others[index.row()].id
        if not text:
            self._minutes.pop(other, None)
        else:
            try:
                minutes = int(text)
            except ValueError:
                return False
            if not 0 <= minutes <= MAX_MINUTES:
                return False
            self._minutes[other] = minutes
        self.dataChanged.emit(index, self.index(index.row(), 2))
        return True


class MinutesDelegate(QStyledItemDelegate):
    """Edits minutes as digits only; blank is allowed (not known)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,4}$"), editor))
        editor.setAccessibleName(_("Minutes from here"))
        return editor
