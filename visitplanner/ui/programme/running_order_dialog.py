"""The running order in a window of its own, and the event editor's tab that opens it.

A ceremony's running order has six columns of long texts: in the event editor's
tab they were cut to "…" in every cell. The tab now shows the lines read-only,
wrapped, and "Edit the running order…" (or Enter, or a double-click) opens them in
a large resizable window. Its OK hands the lines back to the event editor, which
saves them with the event's other changes as one edit, patched onto the event as
loaded (wreaths, placement and seating untouched); its Cancel with changes asks.

The gifts handed over at the event show under the lines, greyed, at their times: the
printed running order gives each its line there. They are the Gifts register's, edited
there; the window never writes them into the lines.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from datetime import time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.gift_lines import GiftLine, with_gifts
from visitplanner.domain.model import Event, VisitData
from visitplanner.i18n import _, current_language, format_time
from visitplanner.ui.programme.running_order_editor import (
    RunningOrderEditor,
    running_order_table,
)
from visitplanner.ui.programme.running_order_model import Line, RunningOrderModel, time_breaks

log = logging.getLogger(__name__)


class RunningOrderDialog(QDialog):
    """The running-order editor in a large resizable window; `lines()` after OK.

    It edits a copy of the lines it is given: Cancel leaves the caller's lines as
    they were, and closing with changes asks whether to keep them.
    """

    def __init__(
        self,
        main_language: str,
        lines: Sequence[Line],
        title: str,
        default_time: time,
        parent: QWidget | None = None,
        gifts: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Running order: {title}").format(title=title))
        self.setSizeGripEnabled(True)
        self.editor = RunningOrderEditor(main_language, self)
        self.editor.set_default_time(default_time)
        self._loaded = copy.deepcopy(list(lines))
        self.editor.model.set_lines(copy.deepcopy(self._loaded))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            _("The lines are saved with the event, when the event editor's OK is pressed."),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        self.gifts = gifts_label(gifts, self)
        layout.addWidget(self.gifts)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._size_to_screen()
        if self.editor.model.rowCount():
            self.editor.table.setCurrentIndex(self.editor.model.index(0, 1))
        self.editor.table.setFocus()

    def _size_to_screen(self) -> None:
        """Large: most of the screen, whatever its size (a 1280×720 laptop included)."""
        area = self.screen().availableGeometry()
        self.resize(min(1400, area.width() * 9 // 10), min(900, area.height() * 9 // 10))

    def lines(self) -> list[Line]:
        """The lines as edited."""
        return self.editor.model.lines()

    def has_changes(self) -> bool:
        """Whether the lines differ from those given."""
        return self.lines() != self._loaded

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Apply, Discard or Cancel (keep editing): what to do with the lines changed."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Unsaved changes"),
            _("Keep the changes made to the running order?"),
            QMessageBox.StandardButton.Apply
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            _(
                "Apply puts them in the event (saved with the event's OK); Discard throws "
                "them away; Cancel goes back to editing."
            )
        )
        box.setDefaultButton(QMessageBox.StandardButton.Apply)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def reject(self) -> None:
        """Cancel, Esc or the close button: changed lines are never dropped unasked."""
        if self.has_changes():
            choice = self.ask_unsaved()
            if choice == QMessageBox.StandardButton.Apply:
                self.accept()
                return
            if choice != QMessageBox.StandardButton.Discard:
                return  # keep editing
        super().reject()


def gift_texts(data: VisitData, event: Event) -> list[str]:
    """The gifts handed over at `event` as running-order lines, by time (none: last)."""
    home = ZoneInfo(event.tz)
    lines = [
        line for line in with_gifts(data, event, current_language()) if isinstance(line, GiftLine)
    ]
    return [
        "  ".join(
            part
            for part in (
                format_time(line.at.astimezone(home)) if line.at is not None else "…",
                line.action + (f" — {line.who}" if line.who else ""),
            )
        )
        for line in lines
    ]


def gifts_label(gifts: Sequence[str], parent: QWidget) -> QLabel:
    """The gifts handed over at the event, one a line, greyed (hidden when none)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setEnabled(False)  # greyed: the Gifts register's, not the running order's
    set_gifts_text(label, gifts)
    return label


def set_gifts_text(label: QLabel, gifts: Sequence[str]) -> None:
    """Show `gifts` in `label` under their heading."""
    heading = _("Gifts handed over (from the Gifts register; printed in the running order):")
    label.setText("\n".join([heading, *gifts]) if gifts else "")
    label.setVisible(bool(gifts))


class RunningOrderTab(QWidget):
    """The event editor's running-order tab: the lines, read-only and wrapped, a button
    that opens them in their own window, and the owner's buttons beside it."""

    #: The lines were changed in the running-order window (OK there).
    edited = Signal()

    def __init__(
        self, main_language: str, title: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.main_language = main_language
        self.title = title  # the event's title as typed when the window opens
        self.model = RunningOrderModel(main_language, self, summary=True)
        self.table = running_order_table(self.model, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleDescription(
            _("Enter or a double-click opens the running order in its own window")
        )
        self.table.doubleClicked.connect(self._open_at)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_editor)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setBuddy(self.table)  # it says what the table holds
        self.edit = QPushButton(_("&Edit the running order…"), self)
        self.edit.setToolTip(_("Open the running order in a large window (Enter)"))
        self.edit.clicked.connect(self.open_editor)
        self._buttons = QHBoxLayout()
        self._buttons.addWidget(self.edit)
        self._buttons.addStretch(1)
        #: The gifts handed over at the event, as lines (set by the event editor).
        self.gift_texts: list[str] = []
        self.gifts = gifts_label((), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.gifts)
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons)
        self.default_time = time(10, 0)
        self.dialog: RunningOrderDialog | None = None
        for signal in (self.model.modelReset, self.model.dataChanged):
            signal.connect(self._summarise)
        self._summarise()

    def extra_button(self, text: str, tip: str) -> QPushButton:
        """A button of the tab's owner, after "Edit the running order…"."""
        button = QPushButton(text, self)
        button.setToolTip(tip)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def set_gifts(self, gifts: Sequence[str]) -> None:
        """The gifts handed over at the event, one line each ("18:41  Gift handed over: …")."""
        self.gift_texts = list(gifts)
        set_gifts_text(self.gifts, self.gift_texts)

    def set_default_time(self, at: time) -> None:
        """The time a first line gets (the event's start)."""
        self.default_time = at

    def _summarise(self, *_args: object) -> None:
        lines = self.model.lines()
        if not lines:
            text = _("No running order yet.")
        else:
            text = _("Lines: {count}.").format(count=len(lines))
            back = time_breaks(lines)
            if back:
                text += " " + _("The times go back at line {numbers}.").format(
                    numbers=", ".join(str(row + 1) for row in back)
                )
        self.summary.setText(text)

    def _open_at(self, index: QModelIndex) -> None:
        self.open_editor(index.row())

    def open_editor(self, row: int = -1) -> RunningOrderDialog:
        """Open the lines in their own window (at `row`, or the current line); its OK
        puts the lines edited back in this tab."""
        if row < 0:
            row = self.table.currentIndex().row()
        dialog = RunningOrderDialog(
            self.main_language,
            self.model.lines(),
            self.title(),
            self.default_time,
            self,
            gifts=self.gift_texts,
        )
        if row >= 0:
            dialog.editor.table.setCurrentIndex(dialog.editor.model.index(row, 1))
        dialog.accepted.connect(lambda: self._take(dialog))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: RunningOrderDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _take(self, dialog: RunningOrderDialog) -> None:
        lines = dialog.lines()
        if lines != self.model.lines():
            row = dialog.editor.current_row()
            self.model.set_lines(lines)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
            self.edited.emit()
