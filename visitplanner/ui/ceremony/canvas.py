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

from typing import Final

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView, QWidget

from visitplanner.ui.ceremony.plan_items import BOX_H, BOX_W, PlaceItem
from visitplanner.ui.seating.canvas import PERSON_MIME

_RING: Final = QColor(30, 100, 200)


class CeremonyCanvas(QGraphicsView):
    """The plan: drag a person to another place, or go there with the keyboard."""

    move_requested = Signal(str, str)  # person id, place key
    menu_requested = Signal(str, object)  # place key, global position
    free_requested = Signal(str)  # place key
    #: The person picked up from the keyboard ("" when let go).
    picked_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Parented, so that Python does not collect the scene under the view.
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The monument at the top of the view, whatever room is left goes below.
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.dragged: str | None = None
        #: The places line by line from the monument down, and the one with the ring.
        self.lines: list[list[PlaceItem]] = []
        self.current: str | None = None
        #: The person picked up from the keyboard, put down with Enter on a place.
        self.picked: str | None = None
        self._ring: QGraphicsRectItem | None = None

    # -- the places --------------------------------------------------------------------

    def set_lines(self, lines: list[list[PlaceItem]]) -> None:
        """The places as drawn; the ring stays on its place when it is still there."""
        self.lines = [line for line in lines if line]
        keys = [item.slot.key for line in self.lines for item in line]
        if self.current not in keys:
            self.current = keys[0] if keys else None
        self._ring = None  # the scene was cleared with its items
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

    def set_current(self, key: str) -> None:
        """Put the ring on a place."""
        if key in self.items_by_key():
            self.current = key
            self._show_ring()
            self.ensureVisible(self.place_item(key), 10, 10)

    def pick(self, person_id: str | None) -> None:
        """Hold a person until Enter on a place puts them there (None lets go)."""
        self.picked = person_id
        self.picked_changed.emit(person_id or "")
        self._show_ring()

    def _show_ring(self) -> None:
        if self.current is None:
            return
        if self._ring is None or self._ring.scene() is not self.scene():
            self._ring = QGraphicsRectItem(-4, -4, BOX_W + 4, BOX_H + 8)
            self._ring.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self._ring.setZValue(10)
            self.scene().addItem(self._ring)
        pen = QPen(_RING, 3 if self.picked else 2)
        pen.setStyle(Qt.PenStyle.DashLine if self.picked else Qt.PenStyle.SolidLine)
        self._ring.setPen(pen)
        self._ring.setPos(self.place_item(self.current).scenePos())
        self._ring.setVisible(self.hasFocus() or self.picked is not None)

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Show where the keyboard is."""
        super().focusInEvent(event)
        self._show_ring()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Hide the ring unless someone is held."""
        super().focusOutEvent(event)
        self._show_ring()

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
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.picked is None:
                if slot.person_id:
                    self.pick(slot.person_id)
            else:
                person = self.picked
                self.pick(None)
                if slot.person_id != person:
                    self.move_requested.emit(person, slot.key)
        elif key == Qt.Key.Key_Escape and self.picked is not None:
            self.pick(None)
        elif key == Qt.Key.Key_Delete and slot.person_id:
            self.free_requested.emit(slot.key)
        elif key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            where = self.viewport().mapToGlobal(self.centre_of(slot.key).toPoint())
            self.menu_requested.emit(slot.key, where)
        else:
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

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Pick up the person of the place pressed."""
        place = self.place_at(event.position())
        if place is not None:
            self.set_current(place.slot.key)
            if event.button() == Qt.MouseButton.LeftButton and place.slot.person_id:
                self.dragged = place.slot.person_id
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the person picked up on the place under the pointer."""
        place = self.place_at(event.position())
        person, self.dragged = self.dragged, None
        self.viewport().unsetCursor()
        if person and place is not None and place.slot.person_id != person:
            self.move_requested.emit(person, place.slot.key)
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A place's menu."""
        place = self.place_at(QPointF(event.pos()))
        if place is not None:
            self.set_current(place.slot.key)
            self.menu_requested.emit(place.slot.key, event.globalPos())

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Accept people dragged from the "Not placed" list."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep accepting while over the plan."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the person dropped on the place under the pointer."""
        place = self.place_at(event.position())
        person = bytes(event.mimeData().data(PERSON_MIME).data()).decode()
        if place is not None and person:
            event.acceptProposedAction()
            self.move_requested.emit(person, place.slot.key)
