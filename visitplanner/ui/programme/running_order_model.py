"""The running order as the editors hold it: lines with local times, and their table model.

A line's time is a time of day in the event's zone and a number of days after the
event's first day; `items_from` turns the lines back into the running order to save,
each line that was there before keeping what the table does not show.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QWidget,
)

from visitplanner.domain.ids import new_id
from visitplanner.domain.model import RunningOrderItem
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _, current_language
from visitplanner.ui.common.widgets import (
    LANGUAGE_NAMES,
    languages_in_order,
)
from visitplanner.ui.programme.timeline_text import clock

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Line:
    """A running-order line being edited: its time of day and day after the event's start."""

    at: time
    action: LocalizedText = field(default_factory=LocalizedText)
    who: LocalizedText = field(default_factory=LocalizedText)
    where: LocalizedText = field(default_factory=LocalizedText)
    day_offset: int = 0
    id: str = field(default_factory=new_id)


def lines_from(items: Sequence[RunningOrderItem], zone: ZoneInfo, first_day: date) -> list[Line]:
    """Lines for editing, with times in `zone` and days counted from `first_day`."""
    lines = []
    for item in items:
        local = item.at.astimezone(zone)
        lines.append(
            Line(
                local.time().replace(second=0, microsecond=0, tzinfo=None),
                item.action,
                item.who,
                item.where,
                (local.date() - first_day).days,
                item.id,
            )
        )
    return lines


def items_from(
    lines: Sequence[Line],
    zone: ZoneInfo,
    first_day: date,
    previous: Sequence[RunningOrderItem] = (),
) -> list[RunningOrderItem]:
    """The running order to save: each line on its day after `first_day`, in `zone`.

    A line that was in `previous` (same id) keeps what the table does not show, its
    kind and the people it concerns; only its time, action, who and where are set.
    """
    earlier = {item.id: item for item in previous}
    items = []
    for line in lines:
        at = datetime.combine(first_day + timedelta(days=line.day_offset), line.at, tzinfo=zone)
        item = earlier.get(line.id)
        if item is None:
            item = RunningOrderItem(at, line.action, line.who, line.where, id=line.id)
        else:
            item = replace(item, at=at, action=line.action, who=line.who, where=line.where)
        items.append(item)
    return items


def _moment(line: Line) -> tuple[int, time]:
    return line.day_offset, line.at


def time_breaks(lines: Sequence[Line]) -> list[int]:
    """The rows whose time is earlier than the line written just above."""
    return [n for n in range(1, len(lines)) if _moment(lines[n]) < _moment(lines[n - 1])]


def shown_time(line: Line) -> str:
    """A line's time as the interface writes it, "+1" for the next day."""
    shown = clock(line.at.hour, line.at.minute, current_language())
    return f"{shown} (+{line.day_offset})" if line.day_offset else shown


class RunningOrderModel(QAbstractTableModel):
    """The lines as a table: time, action in each language, who and where (main language)."""

    def __init__(
        self, main_language: str, parent: QWidget | None = None, *, summary: bool = False
    ) -> None:
        super().__init__(parent)
        self.main = main_language
        # A summary (the event editor's tab) shows the lines, read-only, the action in
        # the main language alone.
        self.languages = [main_language] if summary else languages_in_order(main_language)
        self.editable = not summary
        self._lines: list[Line] = []

    def set_lines(self, lines: Sequence[Line]) -> None:
        """Replace every line."""
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[Line]:
        """The lines in their order."""
        return list(self._lines)

    def line(self, row: int) -> Line:
        """The line in `row`."""
        return self._lines[row]

    def replace_line(self, row: int, line: Line) -> None:
        """Put a changed line in `row`."""
        self._lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_line(self, row: int, line: Line) -> None:
        """Insert `line` before `row`."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.insert(row, line)
        self.endInsertRows()

    def remove_line(self, row: int) -> None:
        """Remove the line in `row`."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()

    def move_line(self, row: int, step: int, keep_times: bool = False) -> bool:
        """Move a line up (step -1) or down (1); False at either end.

        `keep_times`: the two lines swap places but the times stay where they were
        (the moved line takes its neighbour's time, and the reverse) when they were in
        order; two lines out of order are swapped with their own times, which puts
        them in order.
        """
        target = row + step
        if not (0 <= row < len(self._lines) and 0 <= target < len(self._lines)):
            return False
        upper, lower = sorted((row, target))
        first, second = self._lines[upper], self._lines[lower]
        if keep_times and _moment(first) <= _moment(second):
            first.at, second.at = second.at, first.at
            first.day_offset, second.day_offset = second.day_offset, first.day_offset
        # Qt's destination is the row *before which* the moved row lands.
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._lines.insert(target, self._lines.pop(row))
        self.endMoveRows()
        self._times_changed(upper, lower)
        return True

    def _times_changed(self, first: int, last: int) -> None:
        """The time column from `first` to `last` (and the marks after them) to show again."""
        self.dataChanged.emit(
            self.index(first, 0), self.index(min(last + 1, len(self._lines) - 1), 0)
        )

    def _column(self, column: int) -> tuple[str, str]:
        """(what, language) shown in `column`."""
        if column == 0:
            return "at", ""
        if column <= len(self.languages):
            return "action", self.languages[column - 1]
        return ("who", self.main) if column == len(self.languages) + 1 else ("where", self.main)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.languages) + 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        what, lang = self._column(index.column())
        if what == "at":
            return self._time_data(index.row(), line, role)
        text: LocalizedText = getattr(line, what)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(text, lang)
        if role == Qt.ItemDataRole.ToolTipRole and what == "action":
            return getattr(text, lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            versions = [f"{code.upper()}: {value}" for code, value in text.to_dict().items()]
            return "\n".join(versions)
        return None

    def _goes_back(self, row: int) -> bool:
        return row > 0 and _moment(self._lines[row]) < _moment(self._lines[row - 1])

    def _time_data(self, row: int, line: Line, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return QTime(line.at.hour, line.at.minute)
        back = self._goes_back(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_time(line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            said = shown_time(line)
            late = _("{time}, earlier than the line above").format(time=said)
            return late if back else said
        if role == Qt.ItemDataRole.ForegroundRole and back:
            return QBrush(QColor("#B00020"))
        if role == Qt.ItemDataRole.FontRole and back:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and back:
            return _("Earlier than the line above ({time}): the times go back.").format(
                time=shown_time(self._lines[row - 1])
            )
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        line = self._lines[index.row()]
        what, lang = self._column(index.column())
        if what == "at":
            if not isinstance(value, QTime) or not value.isValid():
                return False
            line.at = time(value.hour(), value.minute())
            self.dataChanged.emit(index, index)
            self._times_changed(index.row(), index.row())
            return True
        current: LocalizedText = getattr(line, what)
        # One line of text: a line break typed in the cell's editor becomes a space.
        text = " ".join(str(value).split())
        setattr(line, what, current.replace(lang, text))
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        what, lang = self._column(section)
        language = _(LANGUAGE_NAMES[lang]) if lang else ""
        action = _("Action ({language})").format(language=language)
        headers = {
            "at": _("Time"),
            "action": action if len(self.languages) > 1 else _("Action"),
            "who": _("Who"),
            "where": _("Where"),
        }
        return headers[what]
