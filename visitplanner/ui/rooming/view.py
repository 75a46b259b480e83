"""The Rooming page: every stay in a sortable table, filtered in either script (by a
person's name, a hotel, a room type or number), with New, Edit and Delete, each one
undoable edit.

`StayDialog` edits one stay: the person, the hotel and its room type, the room number,
check-in and check-out (times in the visit's zone, which the hotel keeps), who shares,
step-free, late arrival, and what is internal (marked private): billing and notes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from visitplanner.domain.errors import DomainError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Person, Venue
from visitplanner.domain.rooming import Billing, Stay, room_type_of
from visitplanner.domain.values import instant, zone
from visitplanner.i18n import N_, _, current_language
from visitplanner.ui.common.actions import describe
from visitplanner.ui.common.date_inputs import OptionalDateTimeEdit
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.entity_list import EntityListView
from visitplanner.ui.common.forms import add_row, fill_combo, make_read_only, select_data
from visitplanner.ui.common.models import Column
from visitplanner.ui.common.privacy_marks import mark_private
from visitplanner.ui.shell.controller import VisitController

__all__ = ["RoomingView", "StayDialog"]


def _hotels(venues: list[Venue], main: str) -> list[Venue]:
    return sorted(
        (v for v in venues if v.hotel), key=lambda v: v.name.get(current_language(), main)
    )


class StayDialog(EntityEditor[Stay]):
    """Create a stay (`stay` None) or edit one; accept() saves it."""

    def __init__(
        self, controller: VisitController, stay: Stay | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = stay
        self.saved: Stay | None = None
        data = controller.data
        main = data.visit.main_language
        self._tz = data.visit.tz
        self._venues = {v.id: v for v in data.venues}
        people = sorted(data.people, key=Person.formal_name)
        self.person = QComboBox(self)
        fill_combo(self.person, [(p.formal_name(), p.id) for p in people])
        self.hotel = QComboBox(self)
        fill_combo(
            self.hotel,
            [(v.name.get(current_language(), main), v.id) for v in _hotels(data.venues, main)],
        )
        self.room_type = QComboBox(self)
        self.hotel.currentIndexChanged.connect(self._fill_room_types)
        self.room_number = QLineEdit(self)
        self.check_in = OptionalDateTimeEdit(self, start_from=data.visit.start_date)
        self.check_out = OptionalDateTimeEdit(self, start_from=data.visit.end_date)
        self.shares_with = QComboBox(self)
        fill_combo(self.shares_with, [("", "")] + [(p.formal_name(), p.id) for p in people])
        self.step_free = QCheckBox(_("The room must be step-free"), self)
        self.late_arrival = QCheckBox(_("Late arrival: the hotel keeps the room"), self)
        self.billing = QComboBox(self)
        fill_combo(self.billing, [(label(b), b.value) for b in Billing])
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        #: Each field's input, by the field's name.
        self.field_widgets: dict[str, QWidget] = {
            "person_id": self.person,
            "hotel_id": self.hotel,
            "room_type_id": self.room_type,
            "room_number": self.room_number,
            "check_in": self.check_in,
            "check_out": self.check_out,
            "shares_with_id": self.shares_with,
            "step_free": self.step_free,
            "late_arrival": self.late_arrival,
            "billing": self.billing,
            "notes": self.notes,
        }
        for name in ("room_number", "billing", "notes"):
            mark_private(self.field_widgets[name])
        form = QFormLayout()
        add_row(form, _("&Person:"), self.person)
        add_row(form, _("&Hotel:"), self.hotel)
        add_row(form, _("Room &type:"), self.room_type)
        add_row(form, _("Room n&umber:"), self.room_number)
        add_row(form, _("Check-&in ({zone}):").format(zone=self._tz), self.check_in)
        add_row(form, _("Check-&out ({zone}):").format(zone=self._tz), self.check_out)
        add_row(form, _("&Shares with:"), self.shares_with)
        add_row(form, _("Needs:"), self.step_free)
        add_row(form, "", self.late_arrival)
        add_row(form, _("&Billing:"), self.billing)
        add_row(form, _("&Notes:"), self.notes)
        self.lay_out(form)
        self._fill_room_types()
        if stay is not None:
            select_data(self.person, stay.person_id)
            select_data(self.hotel, stay.hotel_id)
            self._fill_room_types()
            select_data(self.room_type, stay.room_type_id or "")
            self.room_number.setText(stay.room_number)
            self.check_in.set_value(stay.check_in.astimezone(zone(self._tz)))
            self.check_out.set_value(stay.check_out.astimezone(zone(self._tz)))
            select_data(self.shares_with, stay.shares_with_id or "")
            self.step_free.setChecked(stay.step_free)
            self.late_arrival.setChecked(stay.late_arrival)
            select_data(self.billing, stay.billing.value)
            self.notes.setPlainText(stay.notes)
            person = next((p for p in data.people if p.id == stay.person_id), None)
            who = person.display_name() if person is not None else ""
            self.setWindowTitle(_("Stay: {person}").format(person=who))
        else:
            first, last = data.visit.start_date, data.visit.end_date
            self.check_in.set_value(datetime(first.year, first.month, first.day, 15, 0))
            self.check_out.set_value(datetime(last.year, last.month, last.day, 12, 0))
            self.setWindowTitle(_("New stay"))
        if controller.read_only:
            make_read_only(self)
        self.remember_loaded()
        self.resize(520, 520)

    def _fill_room_types(self) -> None:
        hotel = self._venues.get(self.hotel.currentData() or "")
        main = self.controller.data.visit.main_language
        types = hotel.room_types if hotel is not None else []
        chosen = self.room_type.currentData()
        fill_combo(
            self.room_type,
            [("", "")] + [(t.name.get(current_language(), main), t.id) for t in types],
        )
        select_data(self.room_type, chosen or "")

    def shown_fields(self) -> dict[str, Any]:
        """The fields the dialog shows, as typed; DomainError when one is wrong."""
        person = self.person.currentData()
        hotel = self.hotel.currentData()
        if not person:
            raise DomainError(_("Choose the person who stays."))
        if not hotel:
            raise DomainError(_("Choose a hotel (a venue marked as a hotel on the Venues page)."))
        check_in, check_out = self.check_in.value(), self.check_out.value()
        if check_in is None or check_out is None:
            raise DomainError(_("Give the check-in and the check-out."))
        where = zone(self._tz)
        return {
            "person_id": person,
            "hotel_id": hotel,
            "room_type_id": self.room_type.currentData() or None,
            "room_number": self.room_number.text().strip(),
            "check_in": check_in.replace(tzinfo=where),
            "check_out": check_out.replace(tzinfo=where),
            "shares_with_id": self.shares_with.currentData() or None,
            "step_free": self.step_free.isChecked(),
            "late_arrival": self.late_arrival.isChecked(),
            "billing": Billing(self.billing.currentData()),
            "notes": self.notes.toPlainText().strip(),
        }

    def draft(self) -> Stay:
        """A new stay: made from the fields typed (all required ones are shown)."""
        fields = self.shown_fields()
        return Stay(
            person_id=fields["person_id"],
            hotel_id=fields["hotel_id"],
            check_in=fields["check_in"],
            check_out=fields["check_out"],
        )

    def edit_label(self, new: Stay) -> str:
        """What the edit is called on the undo stack."""
        return _("Add a stay") if self.before is None else _("Edit the stay")

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The stay could not be saved: {reason}")


class RoomingView(EntityListView[Stay]):
    """The stays: New (Ins), Edit (Enter), Delete (Del), filtered in either script."""

    kind = "stay"

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        #: The visit's people and venues by id, made again when the rows are.
        self._people: dict[str, Person] = {}
        self._venues: dict[str, Venue] = {}
        super().__init__(controller, self._columns(), sortable=True, filterable=True, parent=parent)
        self.retranslate()
        self.fit_columns()

    def _columns(self) -> list[Column[Stay]]:
        def main() -> str:
            return str(self.controller.data.visit.main_language)

        def person(stay: Stay) -> str:
            found = self._people.get(stay.person_id)
            return found.formal_name() if found else ""

        def hotel(stay: Stay) -> str:
            found = self._venues.get(stay.hotel_id)
            return found.name.get(current_language(), main()) if found else ""

        def room_type(stay: Stay) -> str:
            found = self._venues.get(stay.hotel_id)
            kind = room_type_of(found.room_types, stay.room_type_id) if found else None
            return kind.name.get(current_language(), main()) if kind else ""

        def moment(value: datetime) -> str:
            return f"{value.astimezone(zone(self.controller.data.visit.tz)):%d/%m %H:%M}"

        def mate(stay: Stay) -> str:
            found = self._people.get(stay.shares_with_id or "")
            return found.formal_name() if found else ""

        def needs(stay: Stay) -> str:
            found = self._people.get(stay.person_id)
            step_free = stay.step_free or (found is not None and found.needs_step_free)
            return _("yes") if step_free else ""

        return [
            Column(N_("Guest"), person),
            Column(N_("Hotel"), hotel),
            Column(N_("Room type"), room_type),
            Column(N_("Room"), lambda s: s.room_number),
            Column(N_("Check-in"), lambda s: moment(s.check_in), lambda s: instant(s.check_in)),
            Column(N_("Check-out"), lambda s: moment(s.check_out), lambda s: instant(s.check_out)),
            Column(N_("Shares with"), mate),
            Column(N_("Step-free"), needs),
            Column(N_("Late arrival"), lambda s: _("yes") if s.late_arrival else ""),
        ]

    def select_stay(self, stay_id: str) -> bool:
        """Select a stay; False if unknown."""
        return self.select(stay_id)

    def rows(self) -> list[Stay]:
        """Every stay, by check-in."""
        data = self.controller.data
        self._people = {p.id: p for p in data.people}
        self._venues = {v.id: v for v in data.venues}
        return sorted(data.stays, key=lambda s: instant(s.check_in))

    def search_text(self, item: Stay) -> str:
        """The person's and the roommate's names in both scripts, the hotel's names, the
        room type's, the room number."""
        parts = [item.room_number]
        for ident in (item.person_id, item.shares_with_id):
            found = self._people.get(ident or "")
            if found is not None:
                parts += [found.latin_name(), found.native_name()]
        hotel = self._venues.get(item.hotel_id)
        if hotel is not None:
            parts += hotel.name.to_dict().values()
            kind = room_type_of(hotel.room_types, item.room_type_id)
            if kind is not None:
                parts += kind.name.to_dict().values()
        return " ".join(parts)

    def make_dialog(self, item: Stay | None) -> StayDialog:
        """The stay editor."""
        return StayDialog(self.controller, item, self)

    def delete_title(self) -> str:
        """The confirmation's title."""
        return _("Delete a stay")

    def delete_question(self, item: Stay) -> str:
        """Name the stay."""
        return _("Delete the stay of {person}? Edit > Undo brings it back.").format(
            person=self._name(item)
        )

    def delete_label(self, item: Stay) -> str:
        """How Edit > Undo names the deletion."""
        return _("Delete the stay of {person}").format(person=self._name(item))

    def _name(self, item: Stay) -> str:
        found = self._people.get(item.person_id)
        return found.display_name() if found else _("someone")

    def _also_touches(self, change: Any) -> bool:
        """People and venues name the guests, their hotels and room types."""
        return bool(change.touches("person") or change.touches("venue"))

    def retranslate(self) -> None:
        """Every text in the current language."""
        if self.filter is not None and self.filter_label is not None:
            self.filter_label.setText(_("&Filter:"))
            self.filter.setPlaceholderText(_("Guest, hotel, room type or room"))
            self.filter.setAccessibleName(_("Filter the stays"))
        self.table.setAccessibleName(_("Rooming"))
        describe(self.new_action, _("&New stay…"))
        describe(self.edit_action, _("&Edit…"), _("Edit the stay selected"))
        describe(self.delete_action, _("De&lete…"), _("Delete the stay selected"))
        super().retranslate()
