"""The seating chart's shapes: the room and its features, tables of every shape, seats with
their sitters' names, the padlock of a locked seat, and the legend's symbols; drawn in
scene units from the plan's metres (`table_geometry`, which the printed plan draws too).

A table is one item that carries its seats (children): dragging it moves them along, and
a name, a child of its seat, stays beside it at any zoom and rotation.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import FeatureKind, Room, Seat, SeatRole, SeatSide, Table
from visitplanner.domain.labels import label
from visitplanner.domain.table_names import printed_table_name
from visitplanner.i18n import _, current_language

#: Scene units per metre of the room.
SCALE: Final = 90.0
SEAT_RADIUS: Final = 15.0
GUEST: Final = QColor(217, 230, 250)
HOST: Final = QColor(250, 236, 200)
EMPTY: Final = QColor(255, 255, 255)
_TABLE: Final = QColor(237, 232, 219)
_ROOM: Final = QColor(150, 150, 150)
#: The letter a reserved seat shows, by role.
RESERVED_MARK: Final = {SeatRole.HOST: "H", SeatRole.GUEST: "G", SeatRole.INTERPRETER: "I"}


def seat_pen(seat: Seat) -> QPen:
    """A seat's outline: dashed when a wheelchair cannot reach it, thick when locked."""
    pen = QPen(QColor(0, 0, 0) if seat.step_free else QColor(120, 120, 120), 1.5)
    if not seat.step_free:
        pen.setStyle(Qt.PenStyle.DashLine)
    if seat.locked:
        pen.setWidthF(3.0)
    return pen


class SeatItem(QGraphicsEllipseItem):
    """A seat on the chart: its number inside, the sitter's name beside it, outward from
    the table's centre."""

    def __init__(self, seat: Seat, name: str, fill: QColor, centre: QPointF) -> None:
        super().__init__(-SEAT_RADIUS, -SEAT_RADIUS, 2 * SEAT_RADIUS, 2 * SEAT_RADIUS)
        self.seat = seat
        self.setPos(centre)
        self.setBrush(QBrush(fill))
        self.setPen(seat_pen(seat))
        self.setToolTip(name)
        number = QGraphicsSimpleTextItem(str(seat.number), self)
        number.setPos(-number.boundingRect().width() / 2, -number.boundingRect().height() / 2)
        self.name_item = NameItem(name, self)
        self.name_item.setFont(_name_font())
        if seat.locked:
            # A padlock drawn, not a 🔒 character: fonts without it print an empty box.
            self.lock_item = _padlock(self)
        if seat.reserved is not SeatRole.NONE:
            mark = QGraphicsSimpleTextItem(RESERVED_MARK[seat.reserved], self)
            mark.setBrush(QBrush(QColor(150, 40, 40)))
            mark.setPos(-SEAT_RADIUS - 4, -SEAT_RADIUS - 6)
            mark.setToolTip(_("Kept for: {role}").format(role=label(seat.reserved)))

    def set_name(self, name: str, fill: QColor) -> None:
        """Another sitter (a move): the name and the colour change, the seat stays."""
        self.name_item.setText(name)
        self.setToolTip(name)
        self.setBrush(QBrush(fill))

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep the press: a person is dragged from a seat, not the table under it."""
        event.accept()


_FONTS: dict[str, QFont] = {}


def _name_font() -> QFont:
    """The names' font, made once."""
    if "name" not in _FONTS:
        font = QFont()
        font.setPointSizeF(7.5)
        _FONTS["name"] = font
    return _FONTS["name"]


class NameItem(QGraphicsSimpleTextItem):
    """A sitter's name: not painted while too small to read (a room of sixty tables seen
    whole), so that the room opens and redraws fast; zoom in and the names are there."""

    def paint(self, painter, option, widget=None) -> None:  # type: ignore[no-untyped-def]
        """Paint unless the text would be under 4 pixels high."""
        if painter.worldTransform().m22() * self.font().pointSizeF() >= 4:
            super().paint(painter, option, widget)


def _padlock(parent: QGraphicsItem) -> QGraphicsPathItem:
    """A small padlock in the seat's top right corner: the seat is locked."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 4, 8, 6), 1, 1)  # the body
    path.moveTo(1.5, 4)
    path.arcTo(QRectF(1.5, 0, 5, 7), 180, -180)  # the shackle
    lock = QGraphicsPathItem(path, parent)
    lock.setPen(QPen(QColor(60, 60, 60), 1.2))
    lock.setBrush(QBrush(QColor(200, 160, 40)))
    lock.setPos(6, -14)
    lock.setToolTip(_("Locked: a new proposal keeps this seat"))
    return lock


class TableItem(QGraphicsPolygonItem):
    """A table: its outline around its centre (the item's position), its name or number
    in the middle, its seats as children. Dragged with the mouse; the view saves where it
    was dropped."""

    def __init__(self, table: Table) -> None:
        shape = geometry.footprint(table)
        cx, cy = shape.centre
        super().__init__(
            QPolygonF([QPointF((x - cx) * SCALE, (y - cy) * SCALE) for x, y in shape.outline])
        )
        self.table = table
        self.setPos(cx * SCALE, cy * SCALE)
        self.setBrush(QBrush(_TABLE))
        self.setPen(QPen(QColor(90, 80, 60), 1.2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(_("Drag to move the table; Alt+wheel turns it"))
        title = table_title(table)
        self.title_item = QGraphicsSimpleTextItem(title, self)
        font = QFont()
        font.setBold(True)
        self.title_item.setFont(font)
        box = self.title_item.boundingRect()
        self.title_item.setPos(-box.width() / 2, -box.height() / 2)
        self.seat_places = [
            (seat, QPointF((x - cx) * SCALE, (y - cy) * SCALE)) for seat, (x, y) in shape.seats
        ]

    def metres(self) -> tuple[float, float]:
        """Where the table's centre is now, in metres."""
        return self.pos().x() / SCALE, self.pos().y() / SCALE


def table_title(table: Table) -> str:
    """What the chart writes on a table: its name, or its number."""
    if table.name:
        return printed_table_name(table.name, current_language())
    return str(table.number) if table.number is not None else ""


def place_name(item: SeatItem, direction: tuple[float, float]) -> None:
    """Put the name outside the table, in `direction` (away from the table, turned with
    it); along a side every other one a line further out, so that neighbours' names do
    not overlap."""
    text = item.name_item
    width, height = text.boundingRect().width(), text.boundingRect().height()
    dx, dy = direction
    if abs(dy) >= abs(dx) - 1e-6:
        stagger = (item.seat.position % 2) * height if item.seat.side is not SeatSide.ROUND else 0
        if dy < 0:
            text.setPos(-width / 2, -SEAT_RADIUS - height - 2 - stagger)
        else:
            text.setPos(-width / 2, SEAT_RADIUS + 2 + stagger)
    elif dx < 0:
        text.setPos(-SEAT_RADIUS - width - 3, -height / 2)
    else:
        text.setPos(SEAT_RADIUS + 3, -height / 2)


def draw_table(
    scene: QGraphicsScene, table: Table, names: dict[str, tuple[str, QColor]]
) -> tuple[TableItem, list[SeatItem]]:
    """Add a table and its seats to the scene; `names` gives each taken seat's (name,
    colour) by seat id."""
    item = TableItem(table)
    scene.addItem(item)
    seats = []
    directions = geometry.directions(table)
    for seat, centre in item.seat_places:
        name, fill = names.get(seat.id, ("", EMPTY))
        seat_item = SeatItem(seat, name, fill, centre)
        seat_item.setParentItem(item)
        place_name(seat_item, directions[seat.id])
        seats.append(seat_item)
    return item, seats


_FEATURE_COLOURS: Final = {
    FeatureKind.DOOR: QColor(120, 90, 50),
    FeatureKind.EXIT: QColor(30, 140, 60),
    FeatureKind.STAGE: QColor(120, 120, 160),
    FeatureKind.FIXED: QColor(140, 140, 140),
}


def draw_room(scene: QGraphicsScene, room: Room) -> None:
    """The room's walls, its name, and its doors, exits, stage and fixed things."""
    if room.width > 0 and room.depth > 0:
        walls = QGraphicsRectItem(
            -room.width * SCALE / 2, -room.depth * SCALE / 2, room.width * SCALE, room.depth * SCALE
        )
        walls.setPen(QPen(_ROOM, 3))
        walls.setZValue(-10)
        scene.addItem(walls)
        if room.name:
            title = QGraphicsSimpleTextItem(room.name)
            title.setPos(-room.width * SCALE / 2 + 6, -room.depth * SCALE / 2 + 4)
            title.setBrush(QBrush(_ROOM))
            scene.addItem(title)
    for feature in room.features:
        colour = _FEATURE_COLOURS[feature.kind]
        w, d = max(feature.width, 0.3) * SCALE, max(feature.depth, 0.3) * SCALE
        box = QGraphicsRectItem(feature.x * SCALE - w / 2, feature.y * SCALE - d / 2, w, d)
        box.setPen(QPen(colour, 2))
        fill = QColor(colour)
        fill.setAlpha(50)
        box.setBrush(QBrush(fill))
        box.setZValue(-9)
        text = feature.label or label(feature.kind)
        box.setToolTip(text)
        scene.addItem(box)
        caption = QGraphicsSimpleTextItem(text)
        caption.setBrush(QBrush(colour))
        caption.setPos(
            feature.x * SCALE - caption.boundingRect().width() / 2, feature.y * SCALE + d / 2 + 2
        )
        scene.addItem(caption)
