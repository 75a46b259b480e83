"""The Room dialog of the Seating page: the room's name and size, and its doors, exits,
stage and fixed things, one per line (kind, label, where its centre is, its size).

Places are in metres from the room's centre, x east and y south, as the plan draws
them; a feature of size 0 × 0 is a point (a door in a wall, say). The dialog only
gives back a `Room`; the page saves it as one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.arrangements import FeatureKind, Room, RoomFeature
from visitplanner.domain.ids import new_id
from visitplanner.domain.labels import label
from visitplanner.i18n import _


def _metres(value: float, low: float, high: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(_(" m"))
    box.setValue(value)
    return box


class RoomDialog(QDialog):
    """The room's name, size and features."""

    def __init__(self, room: Room, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Room"))
        self.name = QLineEdit(room.name)
        self.width_box = _metres(room.width, 0, 500)
        self.depth_box = _metres(room.depth, 0, 500)
        self.features = QTableWidget(0, 6)
        self.features.setHorizontalHeaderLabels(
            [_("Kind"), _("Label"), "x", "y", _("Width"), _("Depth")]
        )
        self.features.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.features.setAccessibleName(_("Doors, exits, stage"))
        self.features.setToolTip(
            _("Metres from the room's centre: x towards the east, y towards the south")
        )
        self._ids: list[str] = []
        for feature in room.features:
            self.add_feature(feature)
        add = QPushButton(_("Add a door, an exit, a stage…"))
        remove = QPushButton(_("Remove"))
        add.clicked.connect(lambda: self.add_feature(RoomFeature()))
        remove.clicked.connect(self.remove_feature)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Width (east to west):"), self.width_box)
        form.addRow(_("Depth (north to south):"), self.depth_box)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.features, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def add_feature(self, feature: RoomFeature) -> None:
        """A line for a feature (a new one: a door at the room's centre)."""
        row = self.features.rowCount()
        self.features.insertRow(row)
        kind = QComboBox()
        for choice in FeatureKind:
            kind.addItem(label(choice), choice)
        kind.setCurrentIndex(kind.findData(feature.kind))
        self.features.setCellWidget(row, 0, kind)
        self.features.setCellWidget(row, 1, QLineEdit(feature.label))
        for column, value, low in (
            (2, feature.x, -250.0),
            (3, feature.y, -250.0),
            (4, feature.width, 0.0),
            (5, feature.depth, 0.0),
        ):
            self.features.setCellWidget(row, column, _metres(value, low, 250))
        self._ids.append(feature.id or new_id())

    def remove_feature(self) -> None:
        """Remove the feature of the current line."""
        row = self.features.currentRow()
        if 0 <= row < self.features.rowCount():
            self.features.removeRow(row)
            del self._ids[row]

    def _number(self, row: int, column: int) -> float:
        box = self.features.cellWidget(row, column)
        assert isinstance(box, QDoubleSpinBox)
        return box.value()

    def room(self) -> Room:
        """The room as the dialog shows it."""
        features = []
        for row, ident in enumerate(self._ids):
            kind = self.features.cellWidget(row, 0)
            text = self.features.cellWidget(row, 1)
            x, y, w, d = (self._number(row, column) for column in (2, 3, 4, 5))
            assert isinstance(kind, QComboBox) and isinstance(text, QLineEdit)
            features.append(
                RoomFeature(
                    kind=FeatureKind(kind.currentData()),
                    label=text.text().strip(),
                    x=x,
                    y=y,
                    width=w,
                    depth=d,
                    id=ident,
                )
            )
        return Room(
            self.name.text().strip(), self.width_box.value(), self.depth_box.value(), features
        )
