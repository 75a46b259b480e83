"""The seating chart's shapes: tables, seats with their sitters' names, the padlock of a
locked seat, drawn in scene units from the plan's metres."""

from __future__ import annotations

import math
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from visitplanner.domain.arrangements import Seat, SeatSide, Table, TableShape
from visitplanner.domain.table_names import printed_table_name
from visitplanner.i18n import _, current_language

#: Scene units per metre of the room.
SCALE: Final = 90.0
SEAT_RADIUS: Final = 15.0
_GUEST: Final = QColor(217, 230, 250)
_EMPTY: Final = QColor(255, 255, 255)
_TABLE: Final = QColor(237, 232, 219)


class SeatItem(QGraphicsEllipseItem):
    """A seat on the chart: its number inside, the sitter's name beside it."""

    def __init__(self, seat: Seat, name: str, guest: bool, centre: QPointF) -> None:
        super().__init__(-SEAT_RADIUS, -SEAT_RADIUS, 2 * SEAT_RADIUS, 2 * SEAT_RADIUS)
        self.seat = seat
        self.setPos(centre)
        self.setBrush(QBrush(_GUEST if guest else _EMPTY))
        pen = QPen(QColor(0, 0, 0) if seat.step_free else QColor(120, 120, 120), 1.5)
        if not seat.step_free:
            pen.setStyle(Qt.PenStyle.DashLine)
        if seat.locked:
            pen.setWidthF(3.0)
        self.setPen(pen)
        self.setToolTip(name)
        number = QGraphicsSimpleTextItem(str(seat.number), self)
        number.setPos(-number.boundingRect().width() / 2, -number.boundingRect().height() / 2)
        self.name_item = QGraphicsSimpleTextItem(name, self)
        font = QFont()
        font.setPointSizeF(7.5)
        self.name_item.setFont(font)
        if seat.locked:
            # A padlock drawn, not a 🔒 character: fonts without it print an empty box.
            self.lock_item = _padlock(self)


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


def seat_places(table: Table) -> list[tuple[Seat, QPointF]]:
    """Where each seat of a table is drawn, in scene units."""
    x0, y0 = table.x * SCALE, table.y * SCALE
    pitch = 0.7 * SCALE
    places: list[tuple[Seat, QPointF]] = []
    if table.shape is TableShape.ROUND:
        ring = table.side(SeatSide.ROUND)
        radius = max(len(ring) * pitch / (2 * math.pi), 40.0) + 25
        for index, seat in enumerate(ring):
            angle = -math.pi / 2 + 2 * math.pi * index / max(len(ring), 1)
            places.append(
                (seat, QPointF(x0 + radius * math.cos(angle), y0 + radius * math.sin(angle)))
            )
        return places
    count = max(len(table.side(SeatSide.NORTH)), len(table.side(SeatSide.SOUTH)), 1)
    left = x0 - count * pitch / 2
    for seat in table.side(SeatSide.NORTH):
        places.append((seat, QPointF(left + (seat.position + 0.5) * pitch, y0 - 45)))
    for seat in table.side(SeatSide.SOUTH):
        places.append((seat, QPointF(left + (seat.position + 0.5) * pitch, y0 + 45)))
    for seat in table.side(SeatSide.WEST):
        places.append((seat, QPointF(left - 30, y0 + (seat.position - 0.5) * 34)))
    for seat in table.side(SeatSide.EAST):
        places.append((seat, QPointF(left + count * pitch + 30, y0 + (seat.position - 0.5) * 34)))
    return places


def place_name(item: SeatItem, seat: Seat) -> None:
    """Put the name outside the table, every other one a line further out so none overlap."""
    text = item.name_item
    width, height = text.boundingRect().width(), text.boundingRect().height()
    stagger = (seat.position % 2) * height
    if seat.side is SeatSide.NORTH:
        text.setPos(-width / 2, -SEAT_RADIUS - height - 2 - stagger)
    else:
        text.setPos(-width / 2, SEAT_RADIUS + 2 + stagger)


def draw_table(scene: QGraphicsScene, table: Table) -> None:
    x0, y0 = table.x * SCALE, table.y * SCALE
    item: QGraphicsEllipseItem | QGraphicsRectItem
    if table.shape is TableShape.ROUND:
        ring = len(table.side(SeatSide.ROUND))
        radius = max(ring * 0.7 * SCALE / (2 * math.pi), 40.0)
        item = QGraphicsEllipseItem(x0 - radius, y0 - radius, 2 * radius, 2 * radius)
    else:
        count = max(len(table.side(SeatSide.NORTH)), len(table.side(SeatSide.SOUTH)), 1)
        width = count * 0.7 * SCALE
        item = QGraphicsRectItem(x0 - width / 2, y0 - 25, width, 50)
    item.setBrush(QBrush(_TABLE))
    item.setZValue(-1)
    scene.addItem(item)
    name = QGraphicsSimpleTextItem(printed_table_name(table.name, current_language()))
    name.setPos(x0 - name.boundingRect().width() / 2, y0 - name.boundingRect().height() / 2)
    scene.addItem(name)
