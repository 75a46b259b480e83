"""The car plan of one movement: its cars in convoy order, seat by seat, and who is
left without a car. People are dragged between seats and cars, or moved with the
keyboard (Move to…, Ctrl+M; Take out, Del); Propose (Ctrl+Shift+P) seats everyone
without a car from the order of precedence. Every change is one undoable edit.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDrag, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain import car_plan
from visitplanner.domain.car_seats import CarSeat, SeatKey
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Event, Person
from visitplanner.i18n import _, current_language, format_time
from visitplanner.operations.change import Change
from visitplanner.services import cars as cars_service
from visitplanner.ui.common.actions import button_row, describe, screen_action
from visitplanner.ui.shell.controller import VisitController

#: The drag's payload: the id of the person dragged.
PERSON_MIME: Final = "application/x-visitplanner-car-person"
#: Where an item of the tree points: ("car", vehicle id, None), ("seat", vehicle id,
#: (seat, number)) or ("none", "", None) for the people without a car.
Target = tuple[str, str, SeatKey | None]
_TARGET: Final = Qt.ItemDataRole.UserRole
_PERSON: Final = Qt.ItemDataRole.UserRole + 1


class CarTree(QTreeWidget):
    """The cars and their seats; a person is dragged from a seat (or from the people
    without a car) onto another seat, a car, or back to the people without a car."""

    def __init__(self, panel: CarPlanPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def mimeData(self, items) -> QMimeData:  # type: ignore[no-untyped-def]
        """The person of the item dragged."""
        data = QMimeData()
        person = items[0].data(0, _PERSON) if items else None
        if person:
            data.setData(PERSON_MIME, str(person).encode())
        return data

    def startDrag(self, actions) -> None:  # type: ignore[no-untyped-def]
        """Drag the person of the current item (an empty seat is not dragged)."""
        item = self.currentItem()
        if item is None or not item.data(0, _PERSON):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Accept a person."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Accept over a seat, a car or the people without a car."""
        item = self.itemAt(event.position().toPoint())
        if event.mimeData().hasFormat(PERSON_MIME) and item is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Move the person dropped to where they were dropped (the tree moves nothing
        itself: the plan is read again from the visit after the edit)."""
        item = self.itemAt(event.position().toPoint())
        person = bytes(event.mimeData().data(PERSON_MIME).data()).decode()
        if item is None or not person:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.panel.move_to(person, item.data(0, _TARGET))


class MoveDialog(QDialog):
    """Where to put a person: a seat of a car, a car (its first free seat), or no car."""

    def __init__(self, panel: CarPlanPanel, person: Person) -> None:
        super().__init__(panel)
        self.setWindowTitle(_("Move {name} to…").format(name=person.formal_name()))
        self.target = QComboBox(self)
        for text, target in panel.targets():
            self.target.addItem(text, target)
        form = QFormLayout(self)
        form.addRow(_("&Seat:"), self.target)
        label = form.labelForField(self.target)
        if isinstance(label, QLabel):
            label.setBuddy(self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> Target:
        """The place chosen."""
        found: Target = self.target.currentData()
        return found


class CarPlanPanel(QWidget):
    """A movement's car plan, edited by drag and drop or by keyboard."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        #: The dialog opened last by Move to… (None before any).
        self.dialog: MoveDialog | None = None
        self.movement_label = QLabel(self)
        self.movement = QComboBox(self)
        self.movement_label.setBuddy(self.movement)
        self.movement.currentIndexChanged.connect(lambda _index: self.refresh())
        self.tree = CarTree(self)
        self.tree.currentItemChanged.connect(lambda *_: self.update_actions())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.propose_action = screen_action(self, self.propose, ["Ctrl+Shift+P"])
        tree_only = Qt.ShortcutContext.WidgetShortcut
        self.move_action = screen_action(self.tree, self.move_current, ["Ctrl+M"], tree_only)
        self.take_out_action = screen_action(self.tree, self.take_out_current, ["Del"], tree_only)
        top = QHBoxLayout()
        top.addWidget(self.movement_label)
        top.addWidget(self.movement, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(
            button_row(self, [self.propose_action, None, self.move_action, self.take_out_action])
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        controller.changed.connect(self._on_change)
        self.retranslate()
        self.fill_movements()

    # -- what is shown -----------------------------------------------------------------

    def fill_movements(self) -> None:
        """List the transfers of the programme, keeping the one chosen."""
        keep = self.movement.currentData()
        data = self.controller.data
        self.movement.blockSignals(True)
        self.movement.clear()
        for event in cars_service.movements(data):
            title = event.title.get(current_language(), data.visit.main_language)
            when = event.start
            self.movement.addItem(f"{when:%d/%m} {format_time(when)} — {title}", event.id)
        index = self.movement.findData(keep) if keep else 0
        self.movement.setCurrentIndex(max(0, index))
        self.movement.blockSignals(False)
        self.refresh()

    def current_event(self) -> Event | None:
        """The movement shown."""
        ident = self.movement.currentData()
        found = [e for e in self.controller.data.events if e.id == ident]
        return found[0] if found else None

    def select_movement(self, event_id: str) -> bool:
        """Show the movement `event_id`; False if it is not a transfer of the visit."""
        index = self.movement.findData(event_id)
        if index < 0:
            return False
        self.movement.setCurrentIndex(index)
        return True

    def refresh(self) -> None:
        """Show the movement's cars and seats as the visit holds them, keeping the person
        selected."""
        keep = self.current_person()
        self.tree.clear()
        event = self.current_event()
        data = self.controller.data
        people = {p.id: p for p in data.people}
        if event is None:
            self.summary.setText(_("No transfer in the programme."))
            self.update_actions()
            return
        cars = car_plan.cars(data, event, cars_service.assignments_of(data, event))
        placed: set[str] = set()
        select: QTreeWidgetItem | None = None
        for car in cars:
            vehicle = car.vehicle
            riders = car.riders()
            details = [vehicle.plate, car_plan.driver_of(vehicle, people)]
            label = vehicle.label.get(current_language(), data.visit.main_language)
            head = f"{vehicle.convoy_position}. {label}"
            extra = ", ".join(p for p in details if p)
            count = _("seats taken: {taken}/{seats}").format(
                taken=len(riders), seats=len(car.seats)
            )
            top = QTreeWidgetItem([f"{head} ({extra}) — {count}" if extra else f"{head} — {count}"])
            top.setData(0, _TARGET, ("car", vehicle.id, None))
            _bold(top)
            if len(riders) > len(car.seats):
                top.setForeground(0, Qt.GlobalColor.red)
            self.tree.addTopLevelItem(top)
            held = {a.seat_key: a for a in riders}
            for key in [*car.seats, *(k for k in held if k not in car.seats)]:
                assignment = held.get(key)
                person = people.get(assignment.person_id) if assignment else None
                who = person.formal_name() if person is not None else _("(free)")
                item = QTreeWidgetItem([f"{_seat(key)} — {who}"])
                item.setData(0, _TARGET, ("seat", vehicle.id, key))
                if person is not None:
                    item.setData(0, _PERSON, person.id)
                    placed.add(person.id)
                    if person.id == keep:
                        select = item
                top.addChild(item)
            top.setExpanded(True)
        missing = [p for p in car_plan.passengers(data, event) if p.id not in placed]
        none = QTreeWidgetItem([_("Without a car ({count})").format(count=len(missing))])
        none.setData(0, _TARGET, ("none", "", None))
        _bold(none)
        self.tree.addTopLevelItem(none)
        for person in missing:
            item = QTreeWidgetItem([person.formal_name()])
            item.setData(0, _TARGET, ("none", "", None))
            item.setData(0, _PERSON, person.id)
            if person.id == keep:
                select = item
            none.addChild(item)
        none.setExpanded(True)
        if select is not None:
            self.tree.setCurrentItem(select)
        self.summary.setText(
            _("Passengers seated: {placed}; vehicles: {cars}; without a car: {missing}.").format(
                placed=len(placed), cars=len(cars), missing=len(missing)
            )
        )
        self.update_actions()

    def current_person(self) -> str | None:
        """The id of the person selected in the tree."""
        item = self.tree.currentItem()
        person = item.data(0, _PERSON) if item is not None else None
        return str(person) if person else None

    def targets(self) -> list[tuple[str, Target]]:
        """Every place a person can be moved to, as the tree shows them."""
        found: list[tuple[str, Target]] = []
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top is None:
                continue
            target = top.data(0, _TARGET)
            if target[0] == "none":
                found.append((_("Without a car"), target))
                continue
            found.append((top.text(0), target))
            for m in range(top.childCount()):
                child = top.child(m)
                if child is not None:
                    found.append(("    " + child.text(0), child.data(0, _TARGET)))
        return found

    # -- edits ---------------------------------------------------------------------------

    def propose(self) -> bool:
        """Seat everyone without a car from the order of precedence (one edit)."""
        event = self.current_event()
        if event is None or self.controller.read_only:
            return False
        operation = cars_service.propose_operation(self.controller.data, event)
        if operation is None:
            self.summary.setText(_("Everyone already has a car: nothing changed."))
            return False
        return self.controller.apply(operation, self)

    def move_to(self, person_id: str, target: Target) -> bool:
        """Put a person where `target` says (one edit); a taken seat is swapped."""
        event = self.current_event()
        if event is None or self.controller.read_only:
            return False
        kind, vehicle_id, seat = target
        data = self.controller.data
        try:
            if kind == "none":
                if not any(
                    a.person_id == person_id for a in cars_service.assignments_of(data, event)
                ):
                    return False
                operation: Any = cars_service.unassign_operation(data, event, [person_id])
            else:
                operation = cars_service.move_operation(data, event, person_id, vehicle_id, seat)
        except DomainError as exc:
            self.summary.setText(exc.message)
            return False
        if operation is None:
            return False
        return self.controller.apply(operation, self)

    def move_current(self) -> MoveDialog | None:
        """Move to…: choose where the person selected goes."""
        person_id = self.current_person()
        if person_id is None or self.controller.read_only:
            return None
        person = self.controller.data.person(person_id)
        dialog = self.dialog = MoveDialog(self, person)
        dialog.accepted.connect(lambda: self.move_to(person_id, dialog.chosen()))
        self.dialog.open()
        return self.dialog

    def take_out_current(self) -> bool:
        """Take the person selected out of the cars."""
        person_id = self.current_person()
        return person_id is not None and self.move_to(person_id, ("none", "", None))

    def update_actions(self) -> None:
        """Enable what can be done now."""
        writable = not self.controller.read_only
        event = self.current_event()
        person = self.current_person()
        self.propose_action.setEnabled(writable and event is not None)
        self.move_action.setEnabled(writable and person is not None)
        item = self.tree.currentItem()
        seated = item is not None and person is not None and item.data(0, _TARGET)[0] == "seat"
        self.take_out_action.setEnabled(writable and seated)

    def _on_change(self, change: Change) -> None:
        if change.touches("event"):
            self.fill_movements()
        elif any(change.touches(k) for k in ("car_assignment", "vehicle", "person")):
            self.refresh()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.movement_label.setText(_("&Movement:"))
        self.movement.setAccessibleName(_("Movement whose car plan is shown"))
        self.tree.setAccessibleName(_("Cars of the movement and their seats"))
        describe(
            self.propose_action,
            _("&Propose"),
            _("Seat everyone without a car from the order of precedence"),
        )
        describe(self.move_action, _("Move &to…"), _("Move the person selected to another seat"))
        describe(self.take_out_action, _("Take &out"), _("Leave the person selected without a car"))


def _seat(key: SeatKey) -> str:
    seat, number = key
    return car_plan.seat_label(seat, number if seat is CarSeat.NUMBERED else None)


def _bold(item: QTreeWidgetItem) -> None:
    """A car or the people without a car, set apart from the seats under it."""
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
