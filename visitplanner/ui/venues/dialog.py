"""The venue editor: name, address, coordinates, contact, access, security notes, travel times.

Travel times typed here are saved on the other venue too, as one edit, when
the officer leaves "Same time both ways" ticked (the default).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.labels import label
from visitplanner.domain.model import Venue
from visitplanner.domain.values import LANGUAGES, Access, LocalizedText
from visitplanner.i18n import _, current_language, format_decimal
from visitplanner.operations.engine import Operation
from visitplanner.services.venue_edits import save_venue_operation
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.forms import (
    add_row,
    fill_combo,
    make_read_only,
    select_data,
)
from visitplanner.ui.common.privacy_marks import lock_icon, mark_private, with_badge
from visitplanner.ui.common.text_inputs import LocalizedLineEdit, LocalizedTextArea
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.venues.rooms import RoomsTab
from visitplanner.ui.venues.travel_times import MinutesDelegate, TravelTimesModel


def _coordinate(text: str, limit: float, not_a_number: str, out_of_range: str) -> float | None:
    """A latitude or longitude typed with a point or a comma; None when blank.

    `not_a_number` ({text}) and `out_of_range` are the messages for what is wrong.
    """
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DomainError(not_a_number.format(text=text)) from None
    if not -limit <= value <= limit:
        raise DomainError(out_of_range)
    return value


class VenueDialog(EntityEditor[Venue]):
    """Create a venue (`venue` None) or edit one; accept() saves it (and mirrored travel times)."""

    def __init__(
        self, controller: VisitController, venue: Venue | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = venue
        self.saved: Venue | None = None
        data = controller.data
        self._id = venue.id if venue is not None else new_id()
        self.name = LocalizedLineEdit(_("Name"), self)
        self.address = QLineEdit(self)
        self.postcode = QLineEdit(self)
        self.city = QLineEdit(self)
        self.country = QLineEdit(self)
        self.latitude = QLineEdit(self)
        self.latitude.setPlaceholderText(_("e.g. 48.8597"))
        self.longitude = QLineEdit(self)
        self.longitude.setPlaceholderText(_("e.g. 2.3179"))
        self.contact_name = QLineEdit(self)
        self.contact_phone = QLineEdit(self)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(-1, 1_000_000)
        self.capacity.setSpecialValueText(_("not known"))
        self.step_free = QComboBox(self)
        fill_combo(self.step_free, [(label(a), a.value) for a in Access])
        self.access_notes = LocalizedTextArea(_("Access notes"), self, lines=3, grow=False)
        # Printed in the book of each language: a version per language, each tinted private.
        self.security_notes = LocalizedTextArea(_("Security notes"), self, lines=3, grow=False)
        for lang in LANGUAGES:
            mark_private(self.security_notes.editor(lang))

        general = QWidget(self)
        form = QFormLayout(general)
        add_row(form, _("&Name:"), self.name, self.name.first_editor())
        add_row(form, _("&Address:"), self.address)
        town = QHBoxLayout()
        town.addWidget(self.postcode, 1)
        town.addWidget(self.city, 3)
        self.postcode.setAccessibleName(_("Postcode"))
        self.city.setAccessibleName(_("City"))
        add_row(form, _("Postcode and city:"), _wrap(general, town), self.postcode)
        add_row(form, _("Country:"), self.country)
        coordinates = QHBoxLayout()
        coordinates.addWidget(self.latitude)
        coordinates.addWidget(self.longitude)
        self.latitude.setAccessibleName(_("Latitude"))
        self.longitude.setAccessibleName(_("Longitude"))
        add_row(form, _("Latitude, longitude:"), _wrap(general, coordinates), self.latitude)
        add_row(form, _("On-site contact:"), self.contact_name)
        add_row(form, _("Contact phone:"), self.contact_phone)
        add_row(form, _("Capacity (people):"), self.capacity)

        access = QWidget(self)
        access_form = QFormLayout(access)
        add_row(access_form, _("&Step-free access:"), self.step_free)
        add_row(
            access_form, _("Access notes:"), self.access_notes, self.access_notes.first_editor()
        )
        add_row(
            access_form,
            _("Security notes:"),
            with_badge(self.security_notes, access),
            self.security_notes.first_editor(),
        )

        travel = QWidget(self)
        others = [v for v in data.venues if v.id != self._id]
        self.travel = TravelTimesModel(
            self._id, dict(venue.travel_minutes) if venue else {}, others, data.visit.main_language
        )
        self.travel_table = QTableView(travel)
        self.travel_table.setModel(self.travel)
        self.travel_table.setItemDelegateForColumn(1, MinutesDelegate(self.travel_table))
        self.travel_table.setAccessibleName(_("Travel times to the other venues"))
        self.travel_table.verticalHeader().hide()
        self.travel_table.setWordWrap(False)
        self.travel_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.travel_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.travel_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.travel_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.both_ways = QCheckBox(_("Same time &both ways"), travel)
        self.both_ways.setChecked(True)
        self.both_ways.setToolTip(
            _("Save each time you change on the other venue too, towards this one.")
        )
        self.both_ways.toggled.connect(self.travel.set_both_ways)
        hint = QLabel(_("Minutes by car between the venues; leave blank when not known."), travel)
        hint.setWordWrap(True)
        travel_layout = QVBoxLayout(travel)
        travel_layout.addWidget(hint)
        travel_layout.addWidget(self.travel_table, 1)
        travel_layout.addWidget(self.both_ways)
        if not others:
            hint.setText(_("There is no other venue yet."))

        self.rooms = RoomsTab(self)
        #: The input of each field of Venue, by the domain's field name.
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name,
            "address": self.address,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "contact_name": self.contact_name,
            "contact_phone": self.contact_phone,
            "capacity": self.capacity,
            "step_free": self.step_free,
            "access_notes": self.access_notes,
            "security_notes": self.security_notes,
            "travel_minutes": self.travel_table,
            "hotel": self.rooms.hotel,
            "rooming_language": self.rooms.language,
            "room_types": self.rooms.table,
        }
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, _("&General"))
        self.tabs.addTab(access, _("A&ccess and security"))
        self.tabs.setTabIcon(1, lock_icon())
        self.tabs.addTab(travel, _("&Travel times"))
        self.tabs.addTab(self.rooms, _("&Rooms"))
        if self.lay_out(self.tabs):
            make_read_only(self.tabs)
            self.travel_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        if venue is not None:
            self._show(venue)
            shown = venue.name.get(current_language(), data.visit.main_language)
            self.setWindowTitle(_("Venue: {name}").format(name=shown))
        else:
            self.capacity.setValue(-1)
            self.setWindowTitle(_("New venue"))
        self.remember_loaded()
        self.resize(640, 560)

    def _show(self, venue: Venue) -> None:
        self.name.set_value(venue.name)
        self.address.setText(venue.address)
        self.postcode.setText(venue.postcode)
        self.city.setText(venue.city)
        self.country.setText(venue.country)
        self.latitude.setText("" if venue.latitude is None else format_decimal(venue.latitude))
        self.longitude.setText("" if venue.longitude is None else format_decimal(venue.longitude))
        self.contact_name.setText(venue.contact_name)
        self.contact_phone.setText(venue.contact_phone)
        self.capacity.setValue(-1 if venue.capacity is None else venue.capacity)
        select_data(self.step_free, venue.step_free.value)
        self.access_notes.set_value(venue.access_notes)
        self.security_notes.set_value(venue.security_notes)
        self.rooms.set_value(venue.hotel, venue.rooming_language, venue.room_types)

    def shown_fields(self) -> dict[str, Any]:
        """The fields the dialog shows, as typed; DomainError when one is wrong."""
        name = self.name.value()
        if not name:
            raise DomainError(_("Give the venue a name in at least one language."))
        latitude = _coordinate(
            self.latitude.text(),
            90,
            _("The latitude “{text}” is not a number."),
            _("The latitude must be between -90 and 90."),
        )
        longitude = _coordinate(
            self.longitude.text(),
            180,
            _("The longitude “{text}” is not a number."),
            _("The longitude must be between -180 and 180."),
        )
        if (latitude is None) != (longitude is None):
            raise DomainError(_("Give both the latitude and the longitude, or neither."))
        capacity = self.capacity.value()
        return {
            "name": name,
            "address": self.address.text().strip(),
            "postcode": self.postcode.text().strip(),
            "city": self.city.text().strip(),
            "country": self.country.text().strip(),
            "latitude": latitude,
            "longitude": longitude,
            "contact_name": self.contact_name.text().strip(),
            "contact_phone": self.contact_phone.text().strip(),
            "capacity": None if capacity < 0 else capacity,
            "step_free": Access(self.step_free.currentData()),
            "access_notes": self.access_notes.value(),
            "security_notes": self.security_notes.value(),
            "travel_minutes": self.travel.minutes(),
            "hotel": self.rooms.hotel.isChecked(),
            "rooming_language": self.rooms.language_value(),
            "room_types": self.rooms.room_types(),
        }

    def draft(self) -> Venue:
        """A new venue, with the id its travel times already point to."""
        return Venue(name=LocalizedText(), id=self._id)

    def venue_from_fields(self) -> Venue:
        """The venue to save: as loaded with what was changed (a new one: as typed)."""
        return self.build_entity()

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The venue could not be saved: {reason}")

    def is_unchanged(self, new: Venue) -> bool:
        """Unchanged only when the travel times to others are unchanged too."""
        return self.before is not None and new == self.before and not self.travel.edited()

    def save_operation(self, new: Venue) -> Operation:
        """The venue with the travel times mirrored on the others, as one edit."""
        return save_venue_operation(
            self.controller.data, new, self.before, self.both_ways.isChecked(), self.travel.edited()
        )


def _wrap(parent: QWidget, layout: QHBoxLayout) -> QWidget:
    holder = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder
