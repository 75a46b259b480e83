"""The seating chart's widgets: the chart itself and the list of people without a seat.

The chart takes a sitter dragged to another seat, or a person dragged from the list;
from the keyboard the arrows go from seat to seat (a ring shows which), Enter picks up
the sitter and Enter on another seat puts them there, Esc lets go, Del takes them off
the table, the menu key or Shift+F10 opens the seat's menu. The widgets only ask (their
signals); the Seating view makes each edit.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QMimeData, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsEllipseItem,
    QGraphicsScene,
    QGraphicsView,
    QListWidget,
    QWidget,
)

from visitplanner.ui.seating.chart_items import SEAT_RADIUS, SeatItem

PERSON_MIME: Final = "application/x-visitplanner-person"


_RING: Final = QColor(30, 100, 200)


class SeatingCanvas(QGraphicsView):
    """The chart: press on a taken seat, release on another seat to move its sitter; or,
    from the keyboard, go from seat to seat, pick a sitter up and put them down."""

    move_requested = Signal(str, str)  # person id, seat id
    menu_requested = Signal(str, object)  # seat id, global position
    unseat_requested = Signal(str)  # person id
    #: The person picked up from the keyboard ("" when let go).
    picked_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Parented, so that Python does not collect the scene under the view.
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.dragged: str | None = None
        #: The seats in reading order (table by table, by number), and the one with the
        #: keyboard's focus ring.
        self.order: list[str] = []
        self.current: str | None = None
        #: The person picked up from the keyboard, put down with Enter on a seat.
        self.picked: str | None = None
        self._ring: QGraphicsEllipseItem | None = None

    # -- the keyboard ------------------------------------------------------------------

    def set_order(self, seat_ids: list[str]) -> None:
        """The seats as the arrows go through them; the focus ring stays on its seat."""
        self.order = seat_ids
        if self.current not in seat_ids:
            self.current = seat_ids[0] if seat_ids else None
        self._ring = None  # the scene was cleared with its items
        self._show_ring()

    def set_current(self, seat_id: str) -> None:
        """Put the focus ring on a seat."""
        if seat_id in self.order:
            self.current = seat_id
            self._show_ring()

    def pick(self, person_id: str | None) -> None:
        """Hold a person until Enter on a seat puts them there (None lets go)."""
        self.picked = person_id
        self.picked_changed.emit(person_id or "")
        self._show_ring()

    def _show_ring(self) -> None:
        if self.current is None:
            return
        if self._ring is None or self._ring.scene() is not self.scene():
            margin = SEAT_RADIUS + 5
            self._ring = QGraphicsEllipseItem(-margin, -margin, 2 * margin, 2 * margin)
            self._ring.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self._ring.setZValue(10)
            self.scene().addItem(self._ring)
        pen = QPen(_RING, 3 if self.picked else 2)
        pen.setStyle(Qt.PenStyle.DashLine if self.picked else Qt.PenStyle.SolidLine)
        self._ring.setPen(pen)
        self._ring.setPos(self.seat_item(self.current).scenePos())
        self._ring.setVisible(self.hasFocus() or self.picked is not None)

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Show where the keyboard is."""
        super().focusInEvent(event)
        self._show_ring()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Hide the ring unless someone is held."""
        super().focusOutEvent(event)
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
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.picked is None:
                if seat.person_id:
                    self.pick(seat.person_id)
            else:
                person = self.picked
                self.pick(None)
                if seat.person_id != person:
                    self.move_requested.emit(person, seat.id)
        elif key == Qt.Key.Key_Escape and self.picked is not None:
            self.pick(None)
        elif key == Qt.Key.Key_Delete and seat.person_id:
            self.unseat_requested.emit(seat.person_id)
        elif key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            where = self.viewport().mapToGlobal(
                self.mapFromScene(self.seat_item(seat.id).scenePos())
            )
            self.menu_requested.emit(seat.id, where)
        else:
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

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Pick up the sitter of the seat pressed."""
        seat = self.seat_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and seat and seat.seat.person_id:
            self.dragged = seat.seat.person_id
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the person picked up on the seat under the pointer."""
        seat = self.seat_at(event.position())
        person, self.dragged = self.dragged, None
        self.viewport().unsetCursor()
        if person and seat is not None and seat.seat.person_id != person:
            self.move_requested.emit(person, seat.seat.id)
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A seat's menu: lock, unlock, remove its sitter."""
        seat = self.seat_at(QPointF(event.pos()))
        if seat is not None:
            self.menu_requested.emit(seat.seat.id, event.globalPos())

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Accept people dragged from the "No seat" list."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep accepting while over the chart."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Seat the person dropped on a seat."""
        seat = self.seat_at(event.position())
        person = bytes(event.mimeData().data(PERSON_MIME).data()).decode()
        if seat is not None and person:
            event.acceptProposedAction()
            self.move_requested.emit(person, seat.seat.id)


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
