"""Edit an event's minute-by-minute running order: time, action, who, where.

The table edits times (in the event's zone) and the action in fr/uk/en inline;
who and where are edited inline in the visit's main language, and in every
language in the fields under the table. Lines keep their ids through edits and
moves, so a re-exported running order is the same lines, reordered; a line edited
keeps what the table does not show (its kind, the people it concerns).

Moving a line keeps the times in their place by default: the content moves and the
times column stays as written, so a running order in time order stays in order and
no other line's time changes. A line whose time goes back is marked, and named under
the table; the plan checks flag it too once saved.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _
from visitplanner.ui.common.time_input import ClockEdit
from visitplanner.ui.common.widgets import (
    LocalizedTextEdit,
    labelled,
)
from visitplanner.ui.programme.running_order_model import (
    Line,
    RunningOrderModel,
    items_from,
    lines_from,
    shown_time,
    time_breaks,
)

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

__all__ = [
    "Line",
    "RunningOrderEditor",
    "RunningOrderModel",
    "items_from",
    "lines_from",
    "running_order_table",
    "time_breaks",
]


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
    """Times typed at once, as in the event's own fields: 1430, 14h30, 14:30, 2:30 pm."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = ClockEdit(parent)
        editor.setAccessibleName(_("Time"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ClockEdit) and isinstance(value, QTime):
            editor.setTime(value)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, ClockEdit):
            model.setData(index, editor.time(), Qt.ItemDataRole.EditRole)


class _TextDelegate(_CellDelegate):
    """A long text is edited in a box of several lines, wrapped, not in one scrolling line."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        editor.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        # At least three lines high, so that a long text shows whole while typed.
        rect = option.rect
        lines = editor.fontMetrics().lineSpacing() * 3 + 10
        editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), lines))


class _WrappedTable(QTableView):
    """A table whose rows are as high as their wrapped texts, at every width.

    Qt measures the rows once; a row measured while the table was narrow (hidden on a
    tab, say) would stay tall, so the rows are measured again after each change of
    width or of lines, once the events of the moment are through.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(self._timer.start)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.dataChanged, model.rowsInserted):
                signal.connect(self._timer.start)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._timer.start()


def running_order_table(model: RunningOrderModel, parent: QWidget) -> QTableView:
    """A table of the lines whose long texts wrap (never cut with "…"), each row as
    high as its longest text, the time column as wide as a time."""
    table = _WrappedTable(parent)
    table.setModel(model)
    table.setAccessibleName(_("Running order"))
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    return table


class RunningOrderEditor(QWidget):
    """The running-order table with Add (Ins), Remove (Del), Move up/down (Alt+Up/Down)."""

    def __init__(self, main_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RunningOrderModel(main_language, self)
        self.table = running_order_table(self.model, self)
        self.table.setItemDelegate(_TextDelegate(self.table))
        self.table.setItemDelegateForColumn(0, _TimeDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
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
        self.keep_times = QCheckBox(_("&Times stay in place when a line moves"), self)
        self.keep_times.setChecked(True)
        self.keep_times.setToolTip(
            _(
                "Checked: a line moved up or down takes the time of the line it changes "
                "places with, so the times stay in order and no other line's time changes. "
                "Unchecked: each line keeps its own time."
            )
        )
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #B00020;")
        self.warning.setAccessibleName(_("Times out of order"))
        self.warning.hide()
        self.who = LocalizedTextEdit(_("Who"), main_language, parent=self)
        self.where = LocalizedTextEdit(_("Where"), main_language, parent=self)
        self.who.changed.connect(self._details_edited)
        self.where.changed.connect(self._details_edited)
        buttons = QHBoxLayout()
        for button in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addWidget(self.keep_times)
        buttons.addStretch(1)
        self._buttons = buttons
        details = QFormLayout()
        details.addRow(labelled(_("&Who:"), self.who, self), self.who)
        details.addRow(labelled(_("Wher&e:"), self.where, self), self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)
        layout.addLayout(details)
        self._loading = False
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._show_details)
        for signal in (
            self.model.modelReset,
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
        ):
            signal.connect(self._check_times)
        self._default_time = time(10, 0)
        self._show_details()

    def _check_times(self, *_args: object) -> None:
        """Name, under the table, each line whose time goes back."""
        lines = self.model.lines()
        said = [
            _("line {number} ({time}) is earlier than the line above ({previous})").format(
                number=row + 1, time=shown_time(lines[row]), previous=shown_time(lines[row - 1])
            )
            for row in time_breaks(lines)
        ]
        text = _("The times go back: {lines}.").format(lines="; ".join(said)) if said else ""
        self.warning.setText(text)
        self.warning.setAccessibleDescription(text)
        self.warning.setVisible(bool(said))

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
        if self.model.move_line(row, step, self.keep_times.isChecked()):
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
