"""The ground plan's view: people dragged from place to place, or driven from the keyboard.

As on the seating chart: a person pressed on and released on another place goes there
(whoever stood there takes their old place), a name dragged from the "Not placed" list
onto a place puts them there. From the keyboard the arrows go from place to place (left
and right along a line, up and down to the nearest place of the line above or below), a
ring shows which; Enter picks up the person and Enter on another place puts them there,
Esc lets go, Del frees the place, the menu key or Shift+F10 opens the place's menu. The
view only asks (its signals); the Ceremony page makes each edit.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QWidget,
)

from visitplanner.ui.ceremony.plan_items import BOX_H, BOX_W, PlaceItem
from visitplanner.ui.common.places_view import PlacesView


class CeremonyCanvas(PlacesView):
    """The plan: drag a person to another place, or go there with the keyboard."""

    free_requested = Signal(str)  # place key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The monument at the top of the view, whatever room is left goes below.
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        #: The places line by line from the monument down.
        self.lines: list[list[PlaceItem]] = []

    # -- the places --------------------------------------------------------------------

    def set_lines(self, lines: list[list[PlaceItem]]) -> None:
        """The places as drawn; the ring stays on its place when it is still there."""
        self.lines = [line for line in lines if line]
        keys = [item.slot.key for line in self.lines for item in line]
        if self.current not in keys:
            self.current = keys[0] if keys else None
        self.forget_ring()  # the scene was cleared with its items
        self._show_ring()

    def items_by_key(self) -> dict[str, PlaceItem]:
        """Every place drawn, by its key."""
        return {item.slot.key: item for line in self.lines for item in line}

    def place_item(self, key: str) -> PlaceItem:
        """The plan's item of a place."""
        return self.items_by_key()[key]

    def centre_of(self, key: str) -> QPointF:
        """The centre of a place, in the viewport's coordinates."""
        item = self.place_item(key)
        return QPointF(self.mapFromScene(item.sceneBoundingRect().center()))

    def place_at(self, point: QPointF) -> PlaceItem | None:
        """The place under a point of the viewport."""
        for item in self.items(point.toPoint()):
            while item is not None and not isinstance(item, PlaceItem):
                item = item.parentItem()
            if isinstance(item, PlaceItem):
                return item
        return None

    # -- the keyboard ------------------------------------------------------------------

    def spot_at(self, point: QPointF) -> tuple[str, str | None] | None:
        place = self.place_at(point)
        return None if place is None else (place.slot.key, place.slot.person_id)

    def spot_item(self, key: str) -> QGraphicsItem:
        return self.place_item(key)

    def has_spot(self, key: str) -> bool:
        return key in self.items_by_key()

    def make_ring(self) -> QAbstractGraphicsShapeItem:
        ring = QGraphicsRectItem(-4, -4, BOX_W + 4, BOX_H + 8)
        ring.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        return ring

    def _where(self) -> tuple[int, int]:
        for number, line in enumerate(self.lines):
            for index, item in enumerate(line):
                if item.slot.key == self.current:
                    return number, index
        return 0, 0

    def _step(self, key: Qt.Key) -> str:
        """The place an arrow (or Home, End) goes to from the current one."""
        number, index = self._where()
        line = self.lines[number]
        if key == Qt.Key.Key_Left:
            return line[max(index - 1, 0)].slot.key
        if key == Qt.Key.Key_Right:
            return line[min(index + 1, len(line) - 1)].slot.key
        if key == Qt.Key.Key_Home:
            return line[0].slot.key
        if key == Qt.Key.Key_End:
            return line[-1].slot.key
        other = number - 1 if key == Qt.Key.Key_Up else number + 1
        if not 0 <= other < len(self.lines):
            return line[index].slot.key
        x = line[index].scenePos().x()
        nearest = min(self.lines[other], key=lambda item: abs(item.scenePos().x() - x))
        return nearest.slot.key

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows, Home and End go from place to place; Enter picks up or puts down; Esc
        lets go; Del frees the place; the menu key opens the place's menu."""
        key = Qt.Key(event.key())
        if not self.lines or self.current is None:
            super().keyPressEvent(event)
            return
        slot = self.place_item(self.current).slot
        moves = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        if key in (*moves, Qt.Key.Key_Home, Qt.Key.Key_End):
            self.set_current(self._step(key))
        elif key == Qt.Key.Key_Delete and slot.person_id:
            self.free_requested.emit(slot.key)
        elif not self.place_key(event, slot.key, slot.person_id):
            super().keyPressEvent(event)
            return
        event.accept()

    # -- the mouse ---------------------------------------------------------------------

    def fit(self) -> None:
        """Show the whole plan, as large as the view allows (never larger than life)."""
        bounds = self.scene().itemsBoundingRect().adjusted(-10, -10, 10, 10)
        if bounds.isEmpty():
            return
        self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.4:
            self.resetTransform()
            self.scale(1.4, 1.4)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep the plan in view when the window is resized."""
        super().resizeEvent(event)
        self.fit()
