"""Date and date-time inputs that may be left "not set" (a birth date nobody gave yet).

The lowest date of the input stands for "not set" and shows those words. The
first arrow press, digit or calendar click starts from a sensible date (today,
or the visit's first day), never from that placeholder in 1800; a clear button
sets the input back to "not set".
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QHBoxLayout, QToolButton, QWidget

from visitplanner.i18n import _, current_language

_NOT_SET = QDate(1800, 1, 1)


class _StartsWhenUsed:
    """What both inputs share: the first arrow press, digit or calendar click on a
    "not set" input starts from a sensible date (`_begin`), not from the placeholder.
    A mixin placed before the Qt class, whose methods it extends."""

    start_from: date | None

    def is_set(self) -> bool:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def stepBy(self, steps: int) -> None:
        if not self.is_set():
            self._begin()
            return
        super().stepBy(steps)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.is_set() and event.text().isdigit():
            self._begin()
            self.lineEdit().selectAll()  # type: ignore[attr-defined]
        super().keyPressEvent(event)  # type: ignore[misc]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)  # type: ignore[misc]
        calendar = self.calendarWidget()  # type: ignore[attr-defined]
        if not self.is_set() and calendar.isVisible():
            start = self.start_from or date.today()
            calendar.setCurrentPage(start.year, start.month)


def date_format() -> str:
    """How a date input shows its date in the interface's language, with the whole year
    (06/05/2026, 06.05.2026): as the rest of the window writes dates."""
    return "dd.MM.yyyy" if current_language() == "uk" else "dd/MM/yyyy"


class OptionalDateEdit(_StartsWhenUsed, QDateEdit):
    """A date, or "not set"."""

    def __init__(self, parent: QWidget | None = None, start_from: date | None = None) -> None:
        super().__init__(parent)
        self.start_from = start_from
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setMinimumDate(_NOT_SET)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setSpecialValueText(_("not set"))
        self.setDate(_NOT_SET)

    def is_set(self) -> bool:
        """Whether a date is given."""
        return self.date() != _NOT_SET

    def value(self) -> date | None:
        """The date given, or None."""
        return self.date().toPython() if self.is_set() else None  # type: ignore[return-value]

    def set_value(self, value: date | None) -> None:
        """Show `value` ("not set" for None)."""
        self.setDate(QDate(value.year, value.month, value.day) if value is not None else _NOT_SET)

    def clear_value(self) -> None:
        """Back to "not set"."""
        self.setDate(_NOT_SET)

    def _begin(self) -> None:
        start = self.start_from
        self.setDate(QDate(start.year, start.month, start.day) if start else QDate.currentDate())


class OptionalDateTimeEdit(_StartsWhenUsed, QDateTimeEdit):
    """A wall-clock date and time, or "not set"; the zone is chosen beside it.

    The input works in UTC internally so that no local daylight-saving rule of
    this computer shifts a time typed for another zone.
    """

    def __init__(self, parent: QWidget | None = None, start_from: date | None = None) -> None:
        super().__init__(parent)
        self.start_from = start_from
        self.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
        self.setCalendarPopup(True)
        self.setDisplayFormat(f"{date_format()} HH:mm")
        self.setMinimumDateTime(self._not_set())
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setSpecialValueText(_("not set"))
        self.setDateTime(self._not_set())

    def _not_set(self) -> QDateTime:
        return QDateTime(_NOT_SET, QTime(0, 0), QTimeZone(QTimeZone.Initialization.UTC))

    def is_set(self) -> bool:
        """Whether a time is given."""
        return self.dateTime().date() != _NOT_SET

    def value(self) -> datetime | None:
        """The wall-clock time given (naive: the zone is chosen beside it), or None."""
        if not self.is_set():
            return None
        moment = self.dateTime()
        day: date = moment.date().toPython()  # type: ignore[assignment]
        clock = moment.time()
        return datetime(day.year, day.month, day.day, clock.hour(), clock.minute())

    def set_value(self, value: datetime | None) -> None:
        """Show the wall-clock reading of `value` ("not set" for None)."""
        if value is None:
            self.setDateTime(self._not_set())
            return
        utc = QTimeZone(QTimeZone.Initialization.UTC)
        self.setDateTime(
            QDateTime(
                QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), utc
            )
        )

    def clear_value(self) -> None:
        """Back to "not set"."""
        self.setDateTime(self._not_set())

    def _begin(self) -> None:
        start = self.start_from or date.today()
        self.set_value(datetime(start.year, start.month, start.day, 12, 0))


def with_clear_button(edit: OptionalDateEdit | OptionalDateTimeEdit, name: str) -> QWidget:
    """`edit` followed by a button that sets it back to "not set" (`name`: the field's name)."""
    row = QWidget(edit.parentWidget())
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    edit.setParent(row)
    layout.addWidget(edit, 1)
    clear = QToolButton(row)
    clear.setText("×")
    clear.setToolTip(_("Clear: not set"))
    clear.setAccessibleName(_("Clear {field}").format(field=name))
    clear.clicked.connect(edit.clear_value)
    layout.addWidget(clear)
    return row
