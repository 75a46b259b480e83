"""The pages of the event editor: general (what, when, where), details, interpretation.

Each page shows an event's fields (`load`) and gives them back checked; a value
the domain refuses raises DomainError (or InputError) with a message for the user.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Interpretation, Person, VisitData
from visitplanner.domain.values import (
    LANGUAGES,
    EventKind,
    EventStatus,
    InterpretationMode,
    PressAccess,
    Role,
    zone_name,
)
from visitplanner.i18n import _, current_language
from visitplanner.ui.common.date_inputs import date_format
from visitplanner.ui.common.time_input import ClockEdit
from visitplanner.ui.common.widgets import (
    LANGUAGE_NAMES,
    CheckItem,
    CheckList,
    EntityCombo,
    LocalizedTextEdit,
    ZoneCombo,
    labelled,
    zones_in_use,
)

log = logging.getLogger(__name__)

#: Kinds of event that go from one place to another (a destination, maybe two zones).
JOURNEYS: Final = (EventKind.TRAVEL, EventKind.TRANSFER)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def enum_combo(values: Iterable[StrEnum], parent: QWidget) -> QComboBox:
    """A combo listing enumeration values under their words (item data: the value)."""
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(label(value), value.value)
    return combo


def person_label(person: Person, data: VisitData) -> str:
    """A person as a choice in a list: name in both scripts, role, delegation."""
    parts = [person.formal_name()]
    if person.native_name():
        parts.append(person.native_name())
    detail = label(person.role)
    if person.delegation_id:
        delegation = data.delegation(person.delegation_id)
        detail = f"{detail}, {delegation.name.get(current_language(), data.visit.main_language)}"
    return f"{' — '.join(parts)} ({detail})"


class _WhenRow(QWidget):
    """A date and a time of day, side by side."""

    def __init__(self, what: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.date.setAccessibleName(_("{what}: date").format(what=what))
        self.time = ClockEdit(self)
        self.time.setAccessibleName(_("{what}: time").format(what=what))
        self._what = what
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addStretch(1)
        self.setFocusProxy(self.date)

    def set(self, moment: datetime) -> None:
        self.date.setDate(QDate(moment.year, moment.month, moment.day))
        self.time.setTime(QTime(moment.hour, moment.minute))

    def day(self) -> date:
        value = self.date.date()
        return date(value.year(), value.month(), value.day())

    def clock(self) -> time:
        """The time typed; DomainError naming the field when it is not one."""
        try:
            return self.time.clock()
        except DomainError as exc:
            raise DomainError(f"{self._what}: {exc.message}") from exc

    def moment(self, zone: str) -> datetime | None:
        """The date and time shown, in `zone` (None while the time does not read)."""
        try:
            clock = self.time.clock()
        except DomainError:
            return None
        return datetime.combine(self.day(), clock, tzinfo=ZoneInfo(zone))


class GeneralPage(QWidget):
    """Title, kind, status, start and end with their zones, venue and destination."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        main = data.visit.main_language
        lang = current_language()
        self.title = LocalizedTextEdit(_("Title"), main, parent=self)
        self.kind = enum_combo(EventKind, self)
        self.status = enum_combo(EventStatus, self)
        zones = zones_in_use(data)
        self.start = _WhenRow(_("Start"), self)
        self.start_zone = ZoneCombo(zones, self)
        self.start_zone.setAccessibleName(_("Time zone"))
        self.end = _WhenRow(_("End"), self)
        self.end_zone = ZoneCombo(zones, self)
        self.end_zone.setAccessibleName(_("Time zone at the end"))
        venues = [(v.id, v.name.get(lang, main)) for v in data.venues]
        venues.sort(key=lambda pair: pair[1].casefold())
        self.venue = EntityCombo(_("(no venue)"), _("No venue is called “{text}”."), self)
        self.venue.set_entities(venues)
        self.destination = EntityCombo(
            _("(no destination)"), _("No venue is called “{text}”."), self
        )
        self.destination.set_entities(venues)
        self.form = form = QFormLayout(self)
        form.addRow(labelled(_("&Title:"), self.title, self), self.title)
        form.addRow(labelled(_("&Kind:"), self.kind, self), self.kind)
        form.addRow(labelled(_("Stat&us:"), self.status, self), self.status)
        form.addRow(labelled(_("&Start:"), self.start.date, self), self.start)
        form.addRow(labelled(_("Time &zone:"), self.start_zone, self), self.start_zone)
        form.addRow(labelled(_("&End:"), self.end.date, self), self.end)
        form.addRow(labelled(_("Time zone at the e&nd:"), self.end_zone, self), self.end_zone)
        self.venue_label = labelled(_("&Venue:"), self.venue, self)
        form.addRow(self.venue_label, self.venue)
        form.addRow(labelled(_("&Destination:"), self.destination, self), self.destination)
        self._zones_differ = False
        self.kind.currentIndexChanged.connect(self.update_rows)
        # Moving the start moves the end with it: the event keeps its length.
        self._start_shown: datetime | None = None
        self.start.date.dateChanged.connect(self._start_moved)
        self.start.time.timeChanged.connect(self._start_moved)

    def load(self, event: Event, home: str) -> None:
        """Show the event's fields; times in their own zones."""
        self.title.set_value(event.title)
        self.kind.setCurrentIndex(self.kind.findData(event.kind.value))
        self.status.setCurrentIndex(self.status.findData(event.status.value))
        self._start_shown = None
        self.start.set(event.start)
        self.end.set(event.end)
        self._start_shown = self.start.moment("UTC")
        self.start_zone.set_zone(zone_name(event.start))
        self.end_zone.set_zone(zone_name(event.end))
        self._zones_differ = zone_name(event.start) != zone_name(event.end)
        self.venue.set_current_id(event.venue_id)
        self.destination.set_current_id(event.destination_id)
        self.update_rows()

    def _start_moved(self, *_value: object) -> None:
        now = self.start.moment("UTC")
        before, self._start_shown = self._start_shown, now
        end = self.end.moment("UTC")
        if before is None or now is None or end is None or now == before:
            return
        self.end.set(end + (now - before))

    def current_kind(self) -> EventKind:
        """The kind chosen."""
        return EventKind(self.kind.currentData())

    def is_journey(self) -> bool:
        """Whether the event goes somewhere (a transfer or a travel leg)."""
        return self.current_kind() in JOURNEYS

    def update_rows(self) -> None:
        """Show the destination and end zone only where they mean something."""
        journey = self.is_journey()
        self.form.setRowVisible(self.end_zone, journey or self._zones_differ)
        self.form.setRowVisible(self.destination, journey)
        self.venue_label.setText(_("&From:") if journey else _("&Venue:"))
        self.venue.setAccessibleName(_("From") if journey else _("Venue"))

    def times(self) -> tuple[datetime, datetime]:
        """Start and end as typed, each in its zone; DomainError for an unknown zone."""
        start_zone = self.start_zone.checked_zone()
        shown = self.form.isRowVisible(self.end_zone)
        end_zone = self.end_zone.checked_zone() if shown else start_zone
        start = datetime.combine(self.start.day(), self.start.clock(), tzinfo=ZoneInfo(start_zone))
        end = datetime.combine(self.end.day(), self.end.clock(), tzinfo=ZoneInfo(end_zone))
        return start, end


class DetailsPage(QWidget):
    """Purpose, dress code, press and the officer responsible."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        main = data.visit.main_language
        self.purpose = LocalizedTextEdit(_("Purpose"), main, multiline=True, parent=self)
        self.dress_code = LocalizedTextEdit(_("Dress code"), main, parent=self)
        self.press = enum_combo(PressAccess, self)
        self.responsible = EntityCombo(
            _("(nobody)"), _("No person is called “{text}”; pick one from the list."), self
        )
        people = sorted(data.people, key=lambda p: (p.delegation_id is None, p.rank))
        self.responsible.set_entities([(p.id, person_label(p, data)) for p in people])
        form = QFormLayout(self)
        form.addRow(labelled(_("P&urpose:"), self.purpose, self), self.purpose)
        form.addRow(labelled(_("&Dress code:"), self.dress_code, self), self.dress_code)
        form.addRow(labelled(_("Pr&ess:"), self.press, self), self.press)
        form.addRow(labelled(_("Responsi&ble officer:"), self.responsible, self), self.responsible)

    def load(self, event: Event) -> None:
        """Show the event's details."""
        self.purpose.set_value(event.purpose)
        self.dress_code.set_value(event.dress_code)
        self.press.setCurrentIndex(self.press.findData(event.press.value))
        self.responsible.set_current_id(event.responsible_id)


class InterpretationPage(QWidget):
    """How interpretation is arranged: mode, languages, interpreters."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = enum_combo(InterpretationMode, self)
        self.languages: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        for code in LANGUAGES:
            box = QCheckBox(f"{_(LANGUAGE_NAMES[code])} ({code})", self)
            self.languages[code] = box
            boxes.addWidget(box)
        boxes.addStretch(1)
        languages_label = QLabel(_("Languages:"), self)
        languages_label.setBuddy(self.languages[LANGUAGES[0]])
        self.other = QLineEdit(self)
        self.other.setPlaceholderText(_("other language codes, e.g. de, pl"))
        self.interpreters = CheckList(_("Interpreters"), self)
        people = sorted(
            data.people,
            key=lambda p: (p.role != Role.INTERPRETER, p.delegation_id is None, p.rank),
        )
        self.interpreters.model.set_items(
            [
                CheckItem(p.id, person_label(p, data), p.latin_name() + " " + p.native_name())
                for p in people
            ]
        )
        form = QFormLayout()
        form.addRow(labelled(_("&Mode:"), self.mode, self), self.mode)
        form.addRow(languages_label, boxes)
        form.addRow(labelled(_("O&ther languages:"), self.other, self), self.other)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            labelled(_("Interpr&eters (interpreters first):"), self.interpreters.view, self)
        )
        layout.addWidget(self.interpreters, 1)

    def load(self, interpretation: Interpretation) -> None:
        """Show the interpretation arranged."""
        self.mode.setCurrentIndex(self.mode.findData(interpretation.mode.value))
        for code, box in self.languages.items():
            box.setChecked(code in interpretation.languages)
        others = [code for code in interpretation.languages if code not in LANGUAGES]
        self.other.setText(", ".join(others))
        self.interpreters.model.set_checked(interpretation.interpreter_ids)

    def value(self, previous: Interpretation) -> Interpretation:
        """`previous` with what is chosen; DomainError for a malformed language code."""
        codes = [code for code, box in self.languages.items() if box.isChecked()]
        for code in re.split(r"[\s,;]+", self.other.text().strip().lower()):
            if not code:
                continue
            if not _LANGUAGE_CODE.match(code):
                raise DomainError(
                    _("“{code}” is not a language code (two or three letters, such as de).").format(
                        code=code
                    )
                )
            if code not in codes:
                codes.append(code)
        chosen = self.interpreters.model.checked_ids()
        kept = [i for i in previous.interpreter_ids if i in chosen]
        return replace(
            previous,
            mode=InterpretationMode(self.mode.currentData()),
            languages=tuple(codes),
            interpreter_ids=kept + [i for i in chosen if i not in kept],
        )
