"""The Contacts page: the visit's emergency contacts, and its distribution list.

Emergency contacts: the 24-hour duty officer, the embassy and the security lead (a name,
a phone, an address each), then a table with a row per day of the visit for the hospital
nearest to that day's venues. A field or a cell left after a change is one undoable edit
of the visit.

Distribution: the numbered copies printed (`briefing --copies`), who holds each (a
person of the visit, typed by name, or any name), and the day a copy came back or was
destroyed. Each change is one undoable edit of the copy.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.contacts import Contact, DayHospital, EmergencyContacts, visit_days
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.gifts import party
from visitplanner.domain.model import VisitData
from visitplanner.i18n import N_, _, format_date
from visitplanner.operations.change import Change
from visitplanner.operations.edits import delete_operation
from visitplanner.services.copies import copy_operation, emergency_operation, holder_from_text
from visitplanner.ui.common.edits import apply_or_reason
from visitplanner.ui.common.forms import add_row, error_label, show_error
from visitplanner.ui.common.models import column_header
from visitplanner.ui.shell.controller import VisitController

__all__ = ["ContactsView", "CopiesModel", "HospitalsModel"]

_Index = QModelIndex | QPersistentModelIndex
_EDIT = Qt.ItemDataRole.EditRole
_SHOW = Qt.ItemDataRole.DisplayRole

#: The people of the emergency contacts, as the page groups them: key, title.
_PEOPLE = (
    ("duty_officer", N_("24-hour duty officer")),
    ("embassy", N_("Embassy")),
    ("security_lead", N_("Security lead")),
)

_CONTACT_FIELDS = ("name", "phone", "address")


class HospitalsModel(QAbstractTableModel):
    """A row per day of the visit: the nearest hospital's name, address and phone."""

    HEADERS = (N_("Day"), N_("Nearest hospital"), N_("Address"), N_("Phone"))
    FIELDS = ("", "name", "address", "phone")

    def __init__(self, controller: VisitController) -> None:
        super().__init__()
        self.controller = controller
        self.days: list[date] = []
        self.refresh(controller.data)

    def refresh(self, data: VisitData) -> None:
        """The days and hospitals of the visit as it is now."""
        self.beginResetModel()
        self.days = list(visit_days(data.visit.start_date, data.visit.end_date))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def hospital(self, row: int) -> DayHospital:
        """The hospital of the day on `row` (an empty one when none is written)."""
        day = self.days[row]
        found = self.controller.data.visit.emergency.hospital_on(day)
        return found if found is not None else DayHospital(day)

    def data(self, index: _Index, role: int = _SHOW) -> Any:
        if not index.isValid() or role not in (_SHOW, _EDIT):
            return None
        if index.column() == 0:
            return format_date(self.days[index.row()], "full")
        return getattr(self.hospital(index.row()), self.FIELDS[index.column()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _SHOW
    ) -> str | None:
        return column_header(self.HEADERS, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0 and not self.controller.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        """Write the cell as one undoable edit of the visit's emergency contacts."""
        if role != _EDIT or not index.isValid() or index.column() == 0:
            return False
        name = self.FIELDS[index.column()]
        before = self.hospital(index.row())
        after = dataclasses.replace(before, **{name: str(value).strip()})  # type: ignore[arg-type]
        emergency = self.controller.data.visit.emergency.with_hospital(after)
        operation = emergency_operation(self.controller.data, emergency)
        if operation is None:
            return False
        return apply_or_reason(self.controller, operation) is None


class CopiesModel(QAbstractTableModel):
    """The numbered copies, by print run and number: holder, edition, dates."""

    HEADERS = (
        N_("Copy"),
        N_("Holder"),
        N_("Edition"),
        N_("Printed"),
        N_("Returned"),
        N_("Destroyed"),
    )

    def __init__(self, controller: VisitController) -> None:
        super().__init__()
        self.controller = controller
        self.copies: list[BookCopy] = []
        self.refresh(controller.data)

    def refresh(self, data: VisitData) -> None:
        """The copies of the visit as it is now."""
        self.beginResetModel()
        self.copies = sorted(data.copies, key=lambda c: (c.printed_on, c.edition, c.number))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.copies)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = _SHOW) -> Any:
        if not index.isValid() or role not in (_SHOW, _EDIT):
            return None
        copy_ = self.copies[index.row()]
        column = index.column()
        if column == 0:
            return _("{number} of {total}").format(number=copy_.number, total=copy_.total)
        if column == 1:
            people = {p.id: p for p in self.controller.data.people}
            return party(copy_.holder_id, copy_.holder_name, people)
        if column == 2:
            return copy_.edition
        moment = (copy_.printed_on, copy_.returned_on, copy_.destroyed_on)[column - 3]
        return "" if moment is None else format_date(moment, "medium")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _SHOW
    ) -> str | None:
        return column_header(self.HEADERS, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 1 and not self.controller.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        """A holder typed: a person of the visit when the text names one, else the text."""
        if role != _EDIT or not index.isValid() or index.column() != 1:
            return False
        copy_ = self.copies[index.row()]
        holder_id, holder_name = holder_from_text(self.controller.data, str(value))
        after = dataclasses.replace(copy_, holder_id=holder_id, holder_name=holder_name)
        return self.save(after)

    def save(self, after: BookCopy) -> bool:
        """Save one copy as one undoable edit (nothing when unchanged)."""
        operation = copy_operation(self.controller.data, after)
        if operation is None:
            return False
        return apply_or_reason(self.controller, operation) is None


class EmergencyTab(QWidget):
    """The duty officer, the embassy, the security lead and the hospitals by day."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.fields: dict[tuple[str, str], QLineEdit] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Printed on a page of every briefing book and personal pack, and shared "
                "with the delegations: give duty phones, never a private one."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        people = QHBoxLayout()
        for key, title in _PEOPLE:
            box = QGroupBox(_(title), self)
            form = QFormLayout(box)
            for name, text in (
                ("name", _("&Name:")),
                ("phone", _("&Phone:")),
                ("address", _("&Address:")),
            ):
                edit = QLineEdit(box)
                edit.setObjectName(f"{key}_{name}")
                edit.editingFinished.connect(self.save_people)
                add_row(form, text, edit)
                self.fields[(key, name)] = edit
            people.addWidget(box)
        layout.addLayout(people)
        layout.addWidget(QLabel(_("Nearest hospital, day by day (double-click a cell to edit):")))
        self.hospitals = HospitalsModel(controller)
        self.table = QTableView(self)
        self.table.setModel(self.hospitals)
        self.table.setAccessibleName(_("Nearest hospital, day by day"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.error = error_label(self)
        layout.addWidget(self.error)
        if controller.read_only:
            for edit in self.fields.values():
                edit.setReadOnly(True)
        self.refresh()

    def refresh(self) -> None:
        """Show the contacts as the visit holds them (a field being typed in is left)."""
        emergency = self.controller.data.visit.emergency
        for (key, name), edit in self.fields.items():
            value = getattr(getattr(emergency, key), name)
            if edit.text() != value and not edit.hasFocus():
                edit.setText(value)
                edit.setCursorPosition(0)  # the start of a long name, not its end
        self.hospitals.refresh(self.controller.data)

    def typed(self) -> EmergencyContacts:
        """The contacts as the fields show them, with the visit's hospitals."""
        people = {
            key: Contact(**{n: self.fields[(key, n)].text().strip() for n in _CONTACT_FIELDS})
            for key, _title in _PEOPLE
        }
        return dataclasses.replace(self.controller.data.visit.emergency, **people)  # type: ignore[arg-type]

    def save_people(self) -> None:
        """A field left: save the three contacts as one edit, when something changed."""
        if self.controller.read_only:
            return
        operation = emergency_operation(self.controller.data, self.typed())
        if operation is not None:
            show_error(self.error, apply_or_reason(self.controller, operation, self) or "")


class DistributionTab(QWidget):
    """The numbered copies and their holders; a copy marked returned or destroyed."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The numbered copies of the briefing book (printed with briefing --copies "
                "on the command line) and who holds each. Internal: never in a shareable "
                "export. Double-click a holder to change it."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.copies = CopiesModel(controller)
        self.table = QTableView(self)
        self.table.setModel(self.copies)
        self.table.setAccessibleName(_("Distribution list"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.returned_button = QPushButton(_("Mark &returned today"), self)
        self.returned_button.clicked.connect(self.mark_returned)
        self.destroyed_button = QPushButton(_("Mark &destroyed today"), self)
        self.destroyed_button.clicked.connect(self.mark_destroyed)
        self.delete_button = QPushButton(_("De&lete copy"), self)
        self.delete_button.clicked.connect(self.delete_copy)
        for button in (self.returned_button, self.destroyed_button, self.delete_button):
            button.setEnabled(not controller.read_only)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Show the copies as the visit holds them."""
        self.copies.refresh(self.controller.data)

    def selected(self) -> BookCopy | None:
        """The copy of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.copies.copies[rows[0].row()] if rows else None

    def _today(self) -> date:
        from datetime import datetime

        from visitplanner.domain.values import zone

        return datetime.now(zone(self.controller.data.visit.tz)).date()

    def mark_returned(self) -> None:
        """The selected copy came back to the office today."""
        chosen = self.selected()
        if chosen is not None:
            self.copies.save(dataclasses.replace(chosen, returned_on=self._today()))

    def mark_destroyed(self) -> None:
        """The selected copy was destroyed today."""
        chosen = self.selected()
        if chosen is not None:
            self.copies.save(dataclasses.replace(chosen, destroyed_on=self._today()))

    def delete_copy(self) -> None:
        """Take the selected copy off the list (a copy recorded by mistake)."""
        chosen = self.selected()
        if chosen is not None:
            apply_or_reason(self.controller, delete_operation(self.controller.data, chosen), self)


class ContactsView(QTabWidget):
    """The Contacts page: "Emergency contacts" and "Distribution" tabs."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.emergency = EmergencyTab(controller, self)
        self.distribution = DistributionTab(controller, self)
        self.addTab(self.emergency, _("Emergency contacts"))
        self.addTab(self.distribution, _("Distribution"))
        controller.changed.connect(self.follow)  # a method: it goes when the page goes

    def follow(self, change: Change) -> None:
        """Refresh after an edit, an undo or a redo that touched the visit or the copies."""
        if change.touches("visit"):
            self.emergency.refresh()
        if change.touches("book_copy") or change.touches("person"):
            self.distribution.refresh()
