"""The seating chart's widgets: the room with its tables, the list of people without a
seat, and the legend.

The chart takes a sitter dragged to another seat, or a person dragged from the list (a
drop on a taken seat swaps; with Shift it shifts the others along); a table dragged to
another place; Alt+wheel over a table turns it (15° steps, 1° with Shift too); Ctrl+wheel,
Ctrl++ and Ctrl+- zoom, Ctrl+0 fits the room. From the keyboard the arrows go from seat
to seat (a ring shows which), Enter picks up the sitter and Enter on another seat puts
them there, Esc lets go, Del takes them off the table, R and Shift+R turn the seat's
table (Ctrl: by 1°), Ctrl+arrows move it, + and - give it a seat more or less (Shift+wheel
over a table too), the menu key or Shift+F10 opens the seat's menu (the table's is in
it). The widgets only ask (their signals); the Seating view makes each edit.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QMimeData, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QAbstractItemView,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QListWidget,
    QWidget,
)

from visitplanner.domain.arrangements import Seat, SeatSide
from visitplanner.domain.room_plan import ROTATION_STEP
from visitplanner.i18n import _
from visitplanner.ui.common.places_view import PERSON_MIME, PlacesView
from visitplanner.ui.seating.chart_items import (
    EMPTY,
    GUEST,
    HOST,
    SEAT_RADIUS,
    SeatItem,
    TableItem,
    seat_pen,
)

__all__ = ["PERSON_MIME", "Legend", "SeatingCanvas", "UnseatedList"]

#: How much one step of Ctrl+wheel or Ctrl++ zooms.
ZOOM_STEP: Final = 1.25
#: Metres a table moves for Ctrl+arrow.
MOVE_STEP: Final = 0.5


class SeatingCanvas(PlacesView):
    """The chart: press on a taken seat, release on another seat to move its sitter; or,
    from the keyboard, go from seat to seat, pick a sitter up and put them down. A place
    is a seat, its key the seat's id."""

    unseat_requested = Signal(str)  # person id
    shift_requested = Signal(str, str)  # person id, seat id
    table_moved = Signal(str, float, float)  # table id, x and y in metres
    table_turned = Signal(str, float)  # table id, degrees clockwise
    table_menu_requested = Signal(str, object)  # table id, global position
    table_seats_requested = Signal(str, int)  # table id, how many seats

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The seats in reading order (table by table, by number).
        self.order: list[str] = []
        #: The chart's seats and tables by id (the view fills them as it draws).
        self.seat_items: dict[str, SeatItem] = {}
        self.table_items: dict[str, TableItem] = {}
        #: Whether the user zoomed: the view then keeps the zoom across edits.
        self.zoomed = False
        self._pressed_table: TableItem | None = None
        self._ghost: QGraphicsSimpleTextItem | None = None
        self.setDragMode(PlacesView.DragMode.NoDrag)
        self.setTransformationAnchor(PlacesView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(PlacesView.ViewportUpdateMode.MinimalViewportUpdate)

    def clear(self) -> None:
        """Forget every item: the scene is drawn again."""
        self.scene().clear()
        self.seat_items.clear()
        self.table_items.clear()
        self._ghost = None
        self._pressed_table = None

    # -- the seats ---------------------------------------------------------------------

    def seat_at(self, point: QPointF) -> SeatItem | None:
        """The seat under a point of the viewport (its circle, not a name beside it)."""
        for item in self.items(point.toPoint()):
            parent = item.parentItem()
            if isinstance(parent, SeatItem) and item is parent.name_item:
                continue
            while item is not None and not isinstance(item, SeatItem):
                item = item.parentItem()
            if isinstance(item, SeatItem):
                return item
        return None

    def seat_item(self, seat_id: str) -> SeatItem:
        """The chart's item of a seat."""
        return self.seat_items[seat_id]

    def table_at(self, point: QPointF) -> TableItem | None:
        """The table under a point of the viewport (on its top or one of its seats)."""
        for item in self.items(point.toPoint()):
            while item is not None and not isinstance(item, TableItem):
                item = item.parentItem()
            if isinstance(item, TableItem):
                return item
        return None

    def current_table(self) -> str | None:
        """The table chosen: the one selected, else the one of the seat with the ring."""
        for item in self.scene().selectedItems():
            if isinstance(item, TableItem):
                return item.table.id
        if self.current in self.seat_items:
            parent = self.seat_items[self.current].parentItem()
            if isinstance(parent, TableItem):
                return parent.table.id
        return None

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
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0):
            self.zoom_key(key)
        elif ctrl and key in steps:
            self._nudge(key)
        elif key == Qt.Key.Key_R:
            self._turn_key(event)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus) and self._seat_table(seat) is not None:
            table = self._seat_table(seat)
            assert table is not None
            step = 1 if key == Qt.Key.Key_Plus else -1
            self.table_seats_requested.emit(table.table.id, len(table.table.seats) + step)
        elif key in steps:
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

    def _seat_table(self, seat: Seat) -> TableItem | None:
        parent = self.seat_items[seat.id].parentItem()
        return parent if isinstance(parent, TableItem) else None

    def _turn_key(self, event: QKeyEvent) -> None:
        """R turns the current seat's table clockwise, Shift+R the other way; Ctrl: by 1°."""
        table = self._seat_table(self.seat_item(self.current or "").seat)
        if table is None:
            return
        step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ControlModifier else ROTATION_STEP
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            step = -step
        self.table_turned.emit(
            table.table.id, _turned(table.table.rotation, step, step != 1.0 and step != -1.0)
        )

    def _nudge(self, key: Qt.Key) -> None:
        """Ctrl+arrows move the current seat's table half a metre."""
        table = self._seat_table(self.seat_item(self.current or "").seat)
        if table is None:
            return
        dx, dy = {
            Qt.Key.Key_Left: (-MOVE_STEP, 0.0),
            Qt.Key.Key_Right: (MOVE_STEP, 0.0),
            Qt.Key.Key_Up: (0.0, -MOVE_STEP),
            Qt.Key.Key_Down: (0.0, MOVE_STEP),
        }[key]
        self.table_moved.emit(table.table.id, table.table.x + dx, table.table.y + dy)

    # -- zoom ------------------------------------------------------------------------------

    def zoom_key(self, key: Qt.Key) -> None:
        """Ctrl++ zooms in, Ctrl+- out, Ctrl+0 fits the room."""
        if key == Qt.Key.Key_0:
            self.zoomed = False
            self.fit()
        else:
            self.zoom(ZOOM_STEP if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) else 1 / ZOOM_STEP)

    def zoom(self, factor: float) -> None:
        """Zoom by `factor` (kept across edits until Ctrl+0), within sensible bounds."""
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 8:
            self.scale(factor, factor)
            self.zoomed = True

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Ctrl+wheel zooms; Alt+wheel over a table turns it (15°, or 1° with Shift)."""
        mods = event.modifiers()
        delta = event.angleDelta().y() or event.angleDelta().x()
        if mods & Qt.KeyboardModifier.ControlModifier and delta:
            self.zoom(ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        if mods == Qt.KeyboardModifier.ShiftModifier and delta:
            table = self.table_at(event.position())
            if table is not None:
                step = 1 if delta > 0 else -1
                self.table_seats_requested.emit(table.table.id, len(table.table.seats) + step)
                event.accept()
                return
        if mods & Qt.KeyboardModifier.AltModifier and delta:
            table = self.table_at(event.position())
            if table is not None:
                free = bool(mods & Qt.KeyboardModifier.ShiftModifier)
                turn = (1.0 if free else ROTATION_STEP) * (1 if delta > 0 else -1)
                self.table_turned.emit(
                    table.table.id, _turned(table.table.rotation, turn, not free)
                )
                event.accept()
                return
        super().wheelEvent(event)

    def fit(self) -> None:
        """Show the whole room, as large as the view allows."""
        bounds = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if not bounds.isEmpty():
            self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def show_ring(self) -> None:
        """Show the ring where it is (the seats were told their new sitters)."""
        self._show_ring()

    def shows_everything(self) -> bool:
        """Whether every table is in sight."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        return seen.contains(self.scene().itemsBoundingRect())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep the room in view when the window is resized (unless zoomed)."""
        super().resizeEvent(event)
        if not self.zoomed:
            self.fit()

    # -- the mouse: tables, a person dragged, Shift for shifting -----------------------------

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A press on a seat picks up its sitter; on a table, starts moving it."""
        self._pressed_table = None
        if self.seat_at(event.position()) is None:
            table = self.table_at(event.position())
            if table is not None and event.button() == Qt.MouseButton.LeftButton:
                self._pressed_table = table
                self._pressed_from = QPointF(table.pos())
        super().mousePressEvent(event)
        if self.dragged:
            self._show_ghost(event.position())

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """The name of the person dragged follows the pointer."""
        if self.dragged and self._ghost is not None:
            self._ghost.setPos(self.mapToScene(event.position().toPoint()) + QPointF(8, 8))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A person dropped on a seat goes there (Shift: the others shift along); a table
        dropped is saved where it is."""
        if self._ghost is not None:
            self._ghost.setVisible(False)
        if self.dragged and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            spot = self.spot_at(event.position())
            person, self.dragged = self.dragged, None
            self.viewport().unsetCursor()
            if spot is not None and spot[1] != person:
                self.shift_requested.emit(person, spot[0])
            event.accept()
            return
        super().mouseReleaseEvent(event)
        table, self._pressed_table = self._pressed_table, None
        if table is not None and table.pos() != self._pressed_from:
            x, y = table.metres()
            self.table_moved.emit(table.table.id, x, y)

    def _show_ghost(self, at: QPointF) -> None:
        """The dragged person's name beside the pointer (one item, moved: a frame's work)."""
        seat = self.seat_at(at)
        name = seat.name_item.text() if seat is not None else ""
        if self._ghost is None or self._ghost.scene() is not self.scene():
            self._ghost = QGraphicsSimpleTextItem()
            self._ghost.setZValue(20)
            self._ghost.setBrush(QBrush(QColor(30, 100, 200)))
            self.scene().addItem(self._ghost)
        self._ghost.setText(name)
        self._ghost.setPos(self.mapToScene(at.toPoint()) + QPointF(8, 8))
        self._ghost.setVisible(True)

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A person from the list dropped on a seat (Shift: the others shift along)."""
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            spot = self.spot_at(event.position())
            person = bytes(event.mimeData().data(PERSON_MIME).data()).decode()
            if spot is not None and person:
                event.acceptProposedAction()
                self.shift_requested.emit(person, spot[0])
            return
        super().dropEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A seat's menu, or a table's."""
        if self.spot_at(QPointF(event.pos())) is None:
            table = self.table_at(QPointF(event.pos()))
            if table is not None:
                self.table_menu_requested.emit(table.table.id, event.globalPos())
                return
        super().contextMenuEvent(event)


def _turned(rotation: float, step: float, snap: bool) -> float:
    """`rotation` turned by `step`, on the 15° steps when `snap`."""
    turned = rotation + step
    if snap:
        turned = round(turned / ROTATION_STEP) * ROTATION_STEP
    return turned % 360


class Legend(QWidget):
    """What the chart's marks mean: guest seat, host seat, locked, not step-free (dashed),
    reserved, empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = [
            (GUEST, Seat(1, SeatSide.NORTH, 0), _("guest seat")),
            (HOST, Seat(1, SeatSide.NORTH, 0), _("host seat")),
            (EMPTY, Seat(1, SeatSide.NORTH, 0, locked=True), _("locked")),
            (EMPTY, Seat(1, SeatSide.NORTH, 0, step_free=False), _("not step-free (dashed)")),
            (EMPTY, Seat(1, SeatSide.NORTH, 0), _("reserved (H, G, I)")),
            (EMPTY, Seat(1, SeatSide.NORTH, 0), _("empty")),
        ]
        self.setAccessibleName(_("Legend"))
        self.setToolTip(" · ".join(text for _fill, _seat, text in self.entries))

        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _line_height(self) -> int:
        return max(self.fontMetrics().height(), 18) + 6

    def _places(self, width: int) -> list[tuple[float, float]]:
        """Where each entry starts: entries flow onto a new line when the width runs out
        (a narrow window, or the longer words of another language)."""
        metrics = self.fontMetrics()
        places: list[tuple[float, float]] = []
        x, line = 4.0, 0
        for _fill, _seat, text in self.entries:
            step = 18 + metrics.horizontalAdvance(text) + 18
            if x > 4.0 and x + step - 18 > width:
                x, line = 4.0, line + 1
            places.append((x, line * self._line_height() + self._line_height() / 2))
            x += step
        return places

    def sizeHint(self) -> QSize:
        """One line of symbols and words."""
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(t) + 36 for _f, _s, t in self.entries)
        return QSize(width, self._line_height())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the longest entry; as many lines as it then takes."""
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(t) + 40 for _f, _s, t in self.entries)
        return QSize(width, self._line_height())

    def hasHeightForWidth(self) -> bool:
        """The legend wraps, so its height follows its width."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The lines the entries take at `width`."""
        lines = 1 + int(max(y for _x, y in self._places(width)) // self._line_height())
        return lines * self._line_height()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Ask for the height the entries need at the new width."""
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Each mark drawn as on the chart, its word beside it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        places = self._places(self.width())
        for index, (fill, seat, text) in enumerate(self.entries):
            x, middle = places[index]
            painter.setBrush(QBrush(fill))
            painter.setPen(seat_pen(seat))
            painter.drawEllipse(QRectF(x, middle - 7, 14, 14))
            if index == 4:
                painter.setPen(QPen(QColor(150, 40, 40)))
                painter.drawText(QRectF(x, middle - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, "H")
            painter.setPen(QPen(self.palette().windowText().color()))
            painter.drawText(QPointF(x + 18, middle + metrics.ascent() / 2 - 1), text)
        painter.end()


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
