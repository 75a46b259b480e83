"""Edit an event's minute-by-minute running order: time, action, who, where.

The table edits times (in the event's zone) and the action in fr/uk/en inline;
who and where are edited inline in the visit's main language, and in every
language in the fields under the table. Lines keep their ids through edits and
moves, so a re-exported running order is the same lines, reordered; a line edited
keeps what the table does not show (its kind, the people it concerns).
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
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.ids import new_id
from visitplanner.domain.model import RunningOrderItem
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _, current_language
from visitplanner.ui.common.widgets import (
    LANGUAGE_NAMES,
    LocalizedTextEdit,
    labelled,
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


class RunningOrderModel(QAbstractTableModel):
    """The lines as a table: time, action in each language, who and where (main language)."""

    def __init__(self, main_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main_language
        self.languages = languages_in_order(main_language)
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

    def move_line(self, row: int, step: int) -> bool:
        """Move a line up (step -1) or down (1); False at either end."""
        target = row + step
        if not (0 <= row < len(self._lines) and 0 <= target < len(self._lines)):
            return False
        # Qt's destination is the row *before which* the moved row lands.
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._lines.insert(target, self._lines.pop(row))
        self.endMoveRows()
        return True

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
            if role == Qt.ItemDataRole.EditRole:
                return QTime(line.at.hour, line.at.minute)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                shown = clock(line.at.hour, line.at.minute, current_language())
                return f"{shown} (+{line.day_offset})" if line.day_offset else shown
            return None
        text: LocalizedText = getattr(line, what)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(text, lang)
        if role == Qt.ItemDataRole.ToolTipRole and what == "action":
            return getattr(text, lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            versions = [f"{code.upper()}: {value}" for code, value in text.to_dict().items()]
            return "\n".join(versions)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        line = self._lines[index.row()]
        what, lang = self._column(index.column())
        if what == "at":
            if not isinstance(value, QTime) or not value.isValid():
                return False
            line.at = time(value.hour(), value.minute())
        else:
            current: LocalizedText = getattr(line, what)
            setattr(line, what, current.replace(lang, str(value).strip()))
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
        headers = {
            "at": _("Time"),
            "action": _("Action ({language})").format(language=language),
            "who": _("Who"),
            "where": _("Where"),
        }
        return headers[what]


class _CellDelegate(QStyledItemDelegate):
    """Edits cells; Enter commits the cell and goes no further.

    Without this, the Enter that ends typing in a cell reaches the dialog and
    presses its default button, saving the event half edited.
    """

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(editor, QWidget)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class _TimeDelegate(_CellDelegate):
    """Times as HH:mm, whatever the system's locale would show."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QTimeEdit(parent)
        editor.setDisplayFormat("HH:mm")
        editor.setAccessibleName(_("Time"))
        return editor


class RunningOrderEditor(QWidget):
    """The running-order table with Add (Ins), Remove (Del), Move up/down (Alt+Up/Down)."""

    def __init__(self, main_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RunningOrderModel(main_language, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Running order"))
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.setItemDelegateForColumn(0, _TimeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.add = self._button(_("&Add"), _("Add a line after the current one (Ins)"))
        self.remove = self._button(_("Re&move"), _("Remove the current line (Del)"))
        self.up = self._button(_("Move &up"), _("Move the current line up (Alt+Up)"))
        self.down = self._button(_("Move &down"), _("Move the current line down (Alt+Down)"))
        self.add.clicked.connect(self.add_line)
        self.remove.clicked.connect(self.remove_line)
        self.up.clicked.connect(lambda: self.move_line(-1))
        self.down.clicked.connect(lambda: self.move_line(1))
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_line),
            (QKeySequence(Qt.Key.Key_Delete), self.remove_line),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up), lambda: self.move_line(-1)),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down), lambda: self.move_line(1)),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.who = LocalizedTextEdit(_("Who"), main_language, parent=self)
        self.where = LocalizedTextEdit(_("Where"), main_language, parent=self)
        self.who.changed.connect(self._details_edited)
        self.where.changed.connect(self._details_edited)
        buttons = QHBoxLayout()
        for button in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._buttons = buttons
        details = QFormLayout()
        details.addRow(labelled(_("&Who:"), self.who, self), self.who)
        details.addRow(labelled(_("Wher&e:"), self.where, self), self.where)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(details)
        self._loading = False
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._show_details)
        self._default_time = time(10, 0)
        self._show_details()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        return button

    def extra_button(self, text: str, tip: str) -> QPushButton:
        """A button of the editor's owner, at the end of the row of buttons."""
        button = self._button(text, tip)
        self._buttons.addWidget(button)
        return button

    def set_default_time(self, at: time) -> None:
        """The time a first line gets (the event's start)."""
        self._default_time = at

    def current_row(self) -> int:
        """The row of the current line, or -1."""
        return self.table.currentIndex().row()

    def _select(self, row: int, column: int = 0) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))

    def add_line(self) -> None:
        """Add a line after the current one, five minutes later, and start typing its action."""
        row = self.current_row()
        if row < 0:
            row = self.model.rowCount() - 1
        if row >= 0:
            previous = self.model.line(row)
            moment = datetime.combine(date(2000, 1, 1), previous.at) + timedelta(minutes=5)
            offset = previous.day_offset + (moment.date() - date(2000, 1, 1)).days
            line = Line(moment.time(), day_offset=offset)
        else:
            line = Line(self._default_time)
        self.model.insert_line(row + 1, line)
        self._select(row + 1, 1)
        self.table.setFocus()
        self.table.edit(self.table.currentIndex())

    def remove_line(self) -> None:
        """Remove the current line."""
        row = self.current_row()
        if row < 0:
            return
        self.model.remove_line(row)
        if self.model.rowCount():
            self._select(min(row, self.model.rowCount() - 1))
        self._show_details()

    def move_line(self, step: int) -> None:
        """Move the current line up (-1) or down (1), keeping it current."""
        row = self.current_row()
        column = max(0, self.table.currentIndex().column())
        if self.model.move_line(row, step):
            self._select(row + step, column)

    def _show_details(self) -> None:
        row = self.current_row()
        has_line = row >= 0
        for widget in (self.who, self.where, self.remove, self.up, self.down):
            widget.setEnabled(has_line)
        self._loading = True
        line = self.model.line(row) if has_line else None
        self.who.set_value(line.who if line else LocalizedText())
        self.where.set_value(line.where if line else LocalizedText())
        self._loading = False

    def _details_edited(self) -> None:
        row = self.current_row()
        if self._loading or row < 0:
            return
        line = self.model.line(row)
        self.model.replace_line(row, replace(line, who=self.who.value(), where=self.where.value()))
