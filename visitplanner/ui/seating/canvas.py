"""The seating chart's widgets: the chart itself and the list of people without a seat.

The chart takes a sitter dragged to another seat, or a person dragged from the list;
from the keyboard the arrows go from seat to seat (a ring shows which), Enter picks up
the sitter and Enter on another seat puts them there, Esc lets go, Del takes them off
the table, the menu key or Shift+F10 opens the seat's menu. The widgets only ask (their
signals); the Seating view makes each edit.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QDrag, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QAbstractItemView,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QListWidget,
    QWidget,
)

from visitplanner.ui.common.places_view import PERSON_MIME, PlacesView
from visitplanner.ui.seating.chart_items import SEAT_RADIUS, SeatItem

__all__ = ["PERSON_MIME", "SeatingCanvas", "UnseatedList"]


class SeatingCanvas(PlacesView):
    """The chart: press on a taken seat, release on another seat to move its sitter; or,
    from the keyboard, go from seat to seat, pick a sitter up and put them down. A place
    is a seat, its key the seat's id."""

    unseat_requested = Signal(str)  # person id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The seats in reading order (table by table, by number).
        self.order: list[str] = []

    # -- the seats ---------------------------------------------------------------------

    def seat_at(self, point: QPointF) -> SeatItem | None:
        """The seat under a point of the viewport."""
        for item in self.items(point.toPoint()):
            while item is not None and not isinstance(item, SeatItem):
                item = item.parentItem()
            if isinstance(item, SeatItem):
                return item
        return None

    def seat_item(self, seat_id: str) -> SeatItem:
        """The chart's item of a seat."""
        return next(
            i for i in self.scene().items() if isinstance(i, SeatItem) and i.seat.id == seat_id
        )

    def spot_at(self, point: QPointF) -> tuple[str, str | None] | None:
        seat = self.seat_at(point)
        return None if seat is None else (seat.seat.id, seat.seat.person_id)

    def spot_item(self, key: str) -> QGraphicsItem:
        return self.seat_item(key)

    def has_spot(self, key: str) -> bool:
        return key in self.order

    def make_ring(self) -> QAbstractGraphicsShapeItem:
        margin = SEAT_RADIUS + 5
        ring = QGraphicsEllipseItem(-margin, -margin, 2 * margin, 2 * margin)
        ring.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        return ring

    # -- the keyboard ------------------------------------------------------------------

    def set_order(self, seat_ids: list[str]) -> None:
        """The seats as the arrows go through them; the ring stays on its seat."""
        self.order = seat_ids
        if self.current not in seat_ids:
            self.current = seat_ids[0] if seat_ids else None
        self.forget_ring()  # the scene was cleared with its items
        self._show_ring()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows and Home/End go from seat to seat; Enter picks up or puts down; Esc lets
        go; Del takes the sitter off the table; the menu key opens the seat's menu."""
        key = Qt.Key(event.key())
        if not self.order or self.current is None:
            super().keyPressEvent(event)
            return
        at = self.order.index(self.current)
        steps = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
        }
        seat = self.seat_item(self.current).seat
        if key in steps:
            self.set_current(self.order[(at + steps[key]) % len(self.order)])
        elif key == Qt.Key.Key_Home:
            self.set_current(self.order[0])
        elif key == Qt.Key.Key_End:
            self.set_current(self.order[-1])
        elif key == Qt.Key.Key_Delete and seat.person_id:
            self.unseat_requested.emit(seat.person_id)
        elif not self.place_key(event, seat.id, seat.person_id):
            super().keyPressEvent(event)
            return
        event.accept()

    def fit(self) -> None:
        """Show every table, as large as the view allows."""
        bounds = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if not bounds.isEmpty():
            self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep the tables in view when the window is resized."""
        super().resizeEvent(event)
        self.fit()


class UnseatedList(QListWidget):
    """Participants without a seat, dragged from here onto a seat (or picked up with
    Enter, then put down on the chart)."""

    #: A person picked up with Enter.
    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter picks up the person selected."""
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.picked.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            event.accept()
            return
        super().keyPressEvent(event)

    def mimeData(self, items) -> QMimeData:  # type: ignore[no-untyped-def]
        """The person ids of the items dragged."""
        data = QMimeData()
        if items:
            data.setData(PERSON_MIME, str(items[0].data(Qt.ItemDataRole.UserRole)).encode())
        return data

    def startDrag(self, actions) -> None:  # type: ignore[no-untyped-def]
        """Drag the current person."""
        item = self.currentItem()
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.MoveAction)
