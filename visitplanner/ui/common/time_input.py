"""A time of day typed at once: click, type "1430", "14h30", "14:30" or "2:30 pm", go on.

A QTimeEdit takes digits only in the section under the cursor, after a click on the
right part: officers typed into it and nothing happened. This is a line edit that reads
whatever reads as a time (`domain.clock.parse_clock`) and shows it back as 14:30 when
the cursor leaves it; what cannot be read is marked and named when saving.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from visitplanner.domain.clock import parse_clock
from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _


class ClockEdit(QLineEdit):
    """A time of day (hours and minutes), typed in any usual way."""

    #: The time read from the text, each time it reads as another one.
    timeChanged = Signal(QTime)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: time | None = None
        self.setPlaceholderText(_("hh:mm"))
        self.setToolTip(_("Type 14:30, 1430, 14h30 or 2:30 pm"))
        self.setMaxLength(12)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:00 pm__") + 16)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    def clock(self) -> time:
        """The time typed; DomainError saying what would be one when it is not."""
        return parse_clock(self.text())

    def time(self) -> QTime:
        """The time typed as a QTime (invalid when the text is not a time)."""
        try:
            value = self.clock()
        except DomainError:
            return QTime()
        return QTime(value.hour, value.minute)

    def setTime(self, value: QTime) -> None:
        """Show `value` as hh:mm."""
        self.setText(f"{value.hour():02d}:{value.minute():02d}")
        self._read()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Typing replaces what is there, as in a spreadsheet cell.
        QTimer.singleShot(0, self.selectAll)

    def _typed(self, _text: str) -> None:
        self._read()

    def _read(self) -> None:
        try:
            value: time | None = self.clock()
        except DomainError:
            value = None
        self.setProperty("invalid", value is None and bool(self.text().strip()))
        self.setStyleSheet(
            "QLineEdit { border: 1px solid #b00020; }" if self.property("invalid") else ""
        )
        if value is not None and value != self._value:
            self._value = value
            self.timeChanged.emit(QTime(value.hour, value.minute))

    def _tidy(self) -> None:
        """Once the cursor leaves, show what was understood as hh:mm."""
        if self._value is not None and not self.property("invalid"):
            shown = f"{self._value.hour:02d}:{self._value.minute:02d}"
            if self.text() != shown:
                self.setText(shown)
