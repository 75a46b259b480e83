"""The convoy: vehicles in their order on the road, reordered with Move up / Move down.

`VehicleDialog` edits one vehicle: label and notes (each in French, Ukrainian and
English, as the books print them), plate, driver (a person whose role is driver, or a
name typed freely), duty phone, seats, wheelchair access.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Person, Vehicle
from visitplanner.domain.values import Access, LocalizedText, Role
from visitplanner.i18n import N_, _, current_language
from visitplanner.operations.change import Change
from visitplanner.services.ordering import convoy_order, moved, reorder_vehicles
from visitplanner.ui.common.actions import describe, screen_action
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.entity_list import AccessColouredModel, EntityListView
from visitplanner.ui.common.forms import (
    add_row,
    fill_combo,
    make_read_only,
    select_data,
)
from visitplanner.ui.common.models import Column, FixedColumnsModel
from visitplanner.ui.common.text_inputs import LocalizedLineEdit, LocalizedTextArea
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.vehicles.car_plan import CarPlanPanel


def vehicle_label(vehicle: Vehicle, main: str) -> str:
    """A vehicle's label in the window's language (else the visit's main one)."""
    return vehicle.label.get(current_language(), main)


def driver_name(vehicle: Vehicle, people: dict[str, Person]) -> str:
    """The driver as the convoy list shows them: the person's name, or the name typed."""
    person = people.get(vehicle.driver_id or "")
    return person.formal_name() if person is not None else vehicle.driver_name


class VehicleDialog(EntityEditor[Vehicle]):
    """Create a vehicle (`vehicle` None) or edit one; accept() saves it."""

    def __init__(
        self, controller: VisitController, vehicle: Vehicle | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = vehicle
        self.saved: Vehicle | None = None
        data = controller.data
        self.label = LocalizedLineEdit(_("Label"), self)
        self.label.editor(data.visit.main_language).setPlaceholderText(_("e.g. Minister's car"))
        self.plate = QLineEdit(self)
        self.driver = QComboBox(self)
        self.driver.setEditable(True)
        self.driver.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        drivers = [p for p in data.people if p.role == Role.DRIVER]
        if vehicle is not None and vehicle.driver_id:
            current = next((p for p in data.people if p.id == vehicle.driver_id), None)
            if current is not None and current not in drivers:
                drivers.append(current)
        self._drivers = {p.id: p for p in drivers}
        fill_combo(
            self.driver,
            [("", "")] + [(p.formal_name(), p.id) for p in sorted(drivers, key=Person.formal_name)],
        )
        self.driver.setToolTip(_("Choose a driver of the roster, or type a name."))
        self.driver.currentIndexChanged.connect(self._driver_chosen)
        self.duty_phone = QLineEdit(self)
        self.seats = QSpinBox(self)
        self.seats.setRange(-1, 99)
        self.seats.setSpecialValueText(_("not known"))
        self.wheelchair = QComboBox(self)
        fill_combo(self.wheelchair, [(label(a), a.value) for a in Access])
        self.notes = LocalizedTextArea(_("Notes"), self, lines=3, grow=False)
        form = QFormLayout()
        add_row(form, _("&Label:"), self.label, self.label.first_editor())
        add_row(form, _("&Plate:"), self.plate)
        add_row(form, _("&Driver:"), self.driver)
        add_row(form, _("Duty phone:"), self.duty_phone)
        add_row(form, _("&Seats:"), self.seats)
        add_row(form, _("&Wheelchair access:"), self.wheelchair)
        add_row(form, _("Notes:"), self.notes, self.notes.first_editor())
        self.lay_out(form)
        if vehicle is not None:
            self.label.set_value(vehicle.label)
            self.plate.setText(vehicle.plate)
            if vehicle.driver_id in self._drivers:
                select_data(self.driver, vehicle.driver_id)
            else:
                self.driver.setEditText(vehicle.driver_name)
            self.duty_phone.setText(vehicle.duty_phone)
            self.seats.setValue(-1 if vehicle.seats is None else vehicle.seats)
            select_data(self.wheelchair, vehicle.wheelchair.value)
            self.notes.set_value(vehicle.notes)
            shown = vehicle_label(vehicle, data.visit.main_language)
            self.setWindowTitle(_("Vehicle: {label}").format(label=shown))
        else:
            self.seats.setValue(-1)
            self.setWindowTitle(_("New vehicle"))
        if controller.read_only:
            make_read_only(self)
        self.remember_loaded()
        self.resize(560, 560)

    def _driver_chosen(self) -> None:
        person = self._drivers.get(self.driver.currentData() or "")
        if person is not None and not self.duty_phone.text().strip():
            self.duty_phone.setText(person.duty_phone)

    def shown_fields(self) -> dict[str, Any]:
        """The fields the dialog shows, as typed; DomainError when the label is missing."""
        text = self.label.value()
        if not text:
            raise DomainError(_("Give the vehicle a label in at least one language."))
        typed = self.driver.currentText().strip()
        chosen = self.driver.currentData() or ""
        index = self.driver.currentIndex()
        if chosen in self._drivers and typed == self.driver.itemText(index):
            driver_id, driver = chosen, ""
        else:
            driver_id, driver = None, typed
        seats = self.seats.value()
        return {
            "label": text,
            "plate": self.plate.text().strip().upper(),
            "driver_id": driver_id,
            "driver_name": driver,
            "duty_phone": self.duty_phone.text().strip(),
            "seats": None if seats < 0 else seats,
            "wheelchair": Access(self.wheelchair.currentData()),
            "notes": self.notes.value(),
        }

    def draft(self) -> Vehicle:
        """A new vehicle comes last in the convoy."""
        last = max((v.convoy_position for v in self.controller.data.vehicles), default=0)
        return Vehicle(label=LocalizedText(), convoy_position=last + 1)

    def vehicle_from_fields(self) -> Vehicle:
        """The vehicle to save: as loaded with what was changed (a new one: as typed)."""
        return self.build_entity()

    def edit_label(self, new: Vehicle) -> str:
        """What the edit is called on the undo stack."""
        return _("Add a vehicle") if self.before is None else _("Edit the vehicle")

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The vehicle could not be saved: {reason}")


class VehiclesView(EntityListView[Vehicle]):
    """The convoy in order: New (Ins), Edit (Enter), Delete (Del), Move up/down (Ctrl+Up/Down)."""

    kind = "vehicle"

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        self._people: dict[str, Person] = {}
        self._main = controller.data.visit.main_language
        super().__init__(
            controller, self._columns(), sortable=False, filterable=False, parent=parent
        )
        # The car plan of a movement, under the convoy.
        self.car_plan = CarPlanPanel(controller, self)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.addWidget(self.car_plan, 2)
        self.retranslate()
        self.fit_columns()

    def create_model(self, columns: list[Column[Vehicle]]) -> FixedColumnsModel[Vehicle]:
        """A model that colours wheelchair access."""
        return AccessColouredModel(columns, 6, lambda v: v.wheelchair)

    def _columns(self) -> list[Column[Vehicle]]:
        def seats(vehicle: Vehicle) -> str:
            return "" if vehicle.seats is None else str(vehicle.seats)

        return [
            Column(N_("Convoy"), lambda v: str(v.convoy_position), lambda v: v.convoy_position),
            Column(N_("Label"), lambda v: vehicle_label(v, self._main)),
            Column(N_("Plate"), lambda v: v.plate),
            Column(N_("Driver"), lambda v: driver_name(v, self._people)),
            Column(N_("Duty phone"), lambda v: v.duty_phone),
            Column(N_("Seats"), seats, lambda v: -1 if v.seats is None else v.seats),
            Column(N_("Wheelchair access"), lambda v: label(v.wheelchair)),
        ]

    def extra_actions(self) -> list[QAction]:
        """Move up and Move down (Ctrl+Up / Ctrl+Down)."""
        only_table = self.table
        self.move_up_action = screen_action(
            only_table, self.move_up, ["Ctrl+Up"], Qt.ShortcutContext.WidgetShortcut
        )
        self.move_down_action = screen_action(
            only_table, self.move_down, ["Ctrl+Down"], Qt.ShortcutContext.WidgetShortcut
        )
        return [self.move_up_action, self.move_down_action]

    def select_vehicle(self, vehicle_id: str) -> bool:
        """Select a vehicle (for the window's navigation); False if unknown."""
        return self.select(vehicle_id)

    def select_movement(self, event_id: str) -> bool:
        """Show a movement's car plan (for the window's navigation); False if unknown."""
        return self.car_plan.select_movement(event_id)

    def rows(self) -> list[Vehicle]:
        """The vehicles in convoy order."""
        data = self.controller.data
        self._people = {p.id: p for p in data.people}
        self._main = data.visit.main_language
        by_id = {v.id: v for v in data.vehicles}
        return [by_id[i] for i in convoy_order(data)]

    def make_dialog(self, item: Vehicle | None) -> QDialog:
        """The vehicle editor."""
        return VehicleDialog(self.controller, item, self)

    def delete_title(self) -> str:
        """The confirmation's title."""
        return _("Delete a vehicle")

    def delete_question(self, item: Vehicle) -> str:
        """Name the vehicle and the transfers it is booked on."""
        used = sum(1 for e in self.controller.data.events if item.id in e.vehicle_ids)
        return _(
            "Delete {label}? Events it is booked on: {count}. Edit > Undo brings it back."
        ).format(label=vehicle_label(item, self._main), count=used)

    def delete_label(self, item: Vehicle) -> str:
        """How Edit > Undo names the deletion."""
        return _("Delete {name}").format(name=vehicle_label(item, self._main))

    def move_up(self) -> bool:
        """Move the vehicle selected one place forward in the convoy."""
        return self._move(-1)

    def move_down(self) -> bool:
        """Move the vehicle selected one place back in the convoy."""
        return self._move(+1)

    def _move(self, offset: int) -> bool:
        vehicle = self.current()
        if vehicle is None or self.controller.read_only:
            return False
        data = self.controller.data
        operation = reorder_vehicles(data, moved(convoy_order(data), vehicle.id, offset))
        return operation is not None and self.controller.apply(operation, self)

    def update_actions(self) -> None:
        """Enable what can be done now."""
        super().update_actions()
        if not hasattr(self, "move_up_action"):
            return
        vehicle = self.current()
        order = convoy_order(self.controller.data)
        writable = not self.controller.read_only and vehicle is not None
        self.move_up_action.setEnabled(writable and bool(order) and order[0] != vehicle.id)  # type: ignore[union-attr]
        self.move_down_action.setEnabled(writable and bool(order) and order[-1] != vehicle.id)  # type: ignore[union-attr]

    def _also_touches(self, change: Change) -> bool:
        return change.touches("person")  # a driver renamed

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.table.setAccessibleName(_("Vehicles of the convoy, in order"))
        describe(self.new_action, _("&New vehicle…"))
        describe(self.edit_action, _("&Edit…"), _("Edit the vehicle selected"))
        describe(self.delete_action, _("De&lete…"), _("Delete the vehicle selected"))
        describe(self.move_up_action, _("Move &up"), _("Move forward in the convoy"))
        describe(self.move_down_action, _("Move do&wn"), _("Move back in the convoy"))
        super().retranslate()
        if hasattr(self, "car_plan"):
            self.car_plan.retranslate()
            self.car_plan.fill_movements()
