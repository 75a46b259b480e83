"""How a person arrives and leaves: carrier, number, time with its zone, place.

Where the person sleeps is a stay, edited on the Rooming page.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Person, TravelLeg
from visitplanner.domain.values import is_known_zone, zone, zone_name
from visitplanner.i18n import _
from visitplanner.ui.common.date_inputs import OptionalDateTimeEdit, with_clear_button
from visitplanner.ui.common.forms import add_row

#: Zones offered first: the visit's own is added in front of them.
COMMON_ZONES = ("Europe/Paris", "Europe/Kyiv", "Europe/Warsaw", "Europe/Brussels", "UTC")


@cache
def _all_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())


class ZoneInput(QComboBox):
    """An IANA time zone: the common ones listed, any other typed (with completion)."""

    def __init__(self, home_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for name in dict.fromkeys((home_zone, *COMMON_ZONES)):
            self.addItem(name)
        completer = QCompleter(QStringListModel(_all_zones(), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "kyiv" finds Europe/Kyiv
        self.setCompleter(completer)

    def value(self) -> str:
        """The zone chosen; DomainError when it is not a zone this computer knows."""
        name = self.currentText().strip()
        if not is_known_zone(name):
            raise DomainError(_("“{zone}” is not a known time zone.").format(zone=name))
        return name

    def set_value(self, name: str) -> None:
        """Show `name`."""
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


class TravelLegEditor(QGroupBox):
    """One travel leg (an arrival or a departure)."""

    def __init__(
        self,
        title: str,
        time_name: str,
        home_zone: str,
        start_from: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._home_zone = home_zone
        self._title = title
        self.carrier = QLineEdit(self)
        self.carrier.setPlaceholderText(_("e.g. LOT, Air France, SNCF"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_("e.g. LO333"))
        self.time = OptionalDateTimeEdit(self, start_from=start_from)
        self.zone = ZoneInput(home_zone, self)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(_("e.g. Paris-Charles de Gaulle, terminal 1"))
        form = QFormLayout(self)
        add_row(form, _("Carrier:"), self.carrier)
        add_row(form, _("Number:"), self.number)
        add_row(form, _("Date and time:"), with_clear_button(self.time, time_name), self.time)
        add_row(form, _("Time zone:"), self.zone)
        add_row(form, _("Place:"), self.place)
        for widget in (self.carrier, self.number, self.time, self.zone, self.place):
            widget.setAccessibleName(f"{title}: {widget.accessibleName()}")

    def set_value(self, leg: TravelLeg) -> None:
        """Show `leg`."""
        self.carrier.setText(leg.carrier)
        self.number.setText(leg.number)
        self.time.set_value(leg.time)
        self.zone.set_value(zone_name(leg.time) if leg.time else self._home_zone)
        self.place.setText(leg.place)

    def value(self) -> TravelLeg:
        """The leg typed; the time carries the zone chosen."""
        moment = self.time.value()
        when = None
        if moment is not None:
            try:
                when = moment.replace(tzinfo=zone(self.zone.value()))
            except DomainError as exc:
                raise DomainError(f"{self._title}: {exc.message}") from exc
        return TravelLeg(
            carrier=self.carrier.text().strip(),
            number=self.number.text().strip(),
            time=when,
            place=self.place.text().strip(),
        )


class TravelTab(QWidget):
    """Arrival and departure (the hotel is a stay: the Rooming page)."""

    def __init__(
        self, home_zone: str, first_day: date, last_day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.arrival = TravelLegEditor(
            _("Arrival"), _("the arrival time"), home_zone, first_day, self
        )
        self.departure = TravelLegEditor(
            _("Departure"), _("the departure time"), home_zone, last_day, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.arrival)
        layout.addWidget(self.departure)
        layout.addStretch(1)
        self.field_widgets: dict[str, QWidget] = {
            "arrival": self.arrival,
            "departure": self.departure,
        }

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        self.arrival.set_value(person.arrival)
        self.departure.set_value(person.departure)

    def values(self) -> dict[str, Any]:
        """The travel typed."""
        return {
            "arrival": self.arrival.value(),
            "departure": self.departure.value(),
        }
