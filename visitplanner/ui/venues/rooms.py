"""The venue editor's Rooms tab: whether the venue is a hotel, the language of its
rooming list, and its room types (a name in each language, capacity, step-free)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.rooming import RoomType
from visitplanner.domain.values import LANGUAGES, LocalizedText
from visitplanner.i18n import _
from visitplanner.ui.common.forms import add_row, fill_combo, select_data

#: The table's columns: a name per language, then capacity and step-free.
_CAPACITY = len(LANGUAGES)
_STEP_FREE = _CAPACITY + 1


class RoomsTab(QWidget):
    """A hotel's rooms as the venue editor shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hotel = QCheckBox(_("This venue is a &hotel: people of the visit stay here"), self)
        self.language = QComboBox(self)
        fill_combo(
            self.language,
            [
                (_("the language of its country"), ""),
                ("Français", "fr"),
                ("Українська", "uk"),
                ("English", "en"),
            ],
        )
        self.table = QTableWidget(0, _STEP_FREE + 1, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Name (fr)"),
                _("Name (uk)"),
                _("Name (en)"),
                _("Sleeps"),
                _("Step-free"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(_("Room types"))
        self.add = QPushButton(_("&Add a room type"), self)
        self.remove = QPushButton(_("Re&move the room type"), self)
        self.add.clicked.connect(lambda: self._add_row(RoomType(id=new_id())))
        self.remove.clicked.connect(self._remove_row)
        form = QFormLayout()
        add_row(form, _("Language of the rooming &list:"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hotel)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.hotel.toggled.connect(self._hotel_toggled)
        self._hotel_toggled(False)

    def _hotel_toggled(self, on: bool) -> None:
        for widget in (self.language, self.table, self.add, self.remove):
            widget.setEnabled(on)

    def _add_row(self, room_type: RoomType) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, lang in enumerate(LANGUAGES):
            item = QTableWidgetItem(getattr(room_type.name, lang))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, room_type.id)
            self.table.setItem(row, column, item)
        capacity = QSpinBox(self.table)
        capacity.setRange(1, 20)
        capacity.setValue(room_type.capacity)
        self.table.setCellWidget(row, _CAPACITY, capacity)
        step_free = QCheckBox(self.table)
        step_free.setChecked(room_type.step_free)
        self.table.setCellWidget(row, _STEP_FREE, step_free)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_value(self, hotel: bool, language: str, room_types: list[RoomType]) -> None:
        """Show a venue's rooms."""
        self.hotel.setChecked(hotel)
        select_data(self.language, language)
        self.table.setRowCount(0)
        for room_type in room_types:
            self._add_row(room_type)

    def room_types(self) -> list[RoomType]:
        """The room types as typed (each keeps its id); DomainError for one without a name."""
        found = []
        for row in range(self.table.rowCount()):
            texts = {}
            for column, lang in enumerate(LANGUAGES):
                item = self.table.item(row, column)
                texts[lang] = item.text().strip() if item is not None else ""
            first = self.table.item(row, 0)
            ident = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
            name = LocalizedText(**texts)
            if not name:
                raise DomainError(_("Give each room type a name in at least one language."))
            capacity = self.table.cellWidget(row, _CAPACITY)
            step_free = self.table.cellWidget(row, _STEP_FREE)
            assert isinstance(capacity, QSpinBox) and isinstance(step_free, QCheckBox)
            found.append(
                RoomType(
                    id=ident or new_id(),
                    name=name,
                    capacity=capacity.value(),
                    step_free=step_free.isChecked(),
                )
            )
        return found

    def language_value(self) -> str:
        """The language chosen for the rooming list ("" for the country's)."""
        return str(self.language.currentData() or "")
