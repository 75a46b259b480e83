"""A drawing of places people take (a dinner's seats, a ceremony's places), worked with the
mouse and the keyboard alike.

A person pressed on and released on another place goes there (whoever was there takes
their old place); a name dragged from a list of people without a place (`PERSON_MIME`)
onto a place puts them there; a right-click opens the place's menu. From the keyboard a
ring shows the current place, `pick` holds a person until they are put down. The view
only asks (its signals); the page makes each edit. A subclass says what a place is
(`spot_at`, `spot_item`, `has_spot`) and how the ring is drawn (`make_ring`); it moves
the ring with its own arrow keys.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

#: What a list of people without a place gives when one is dragged: their id.
PERSON_MIME: Final = "application/x-visitplanner-person"

_RING: Final = QColor(30, 100, 200)


class PlacesView(QGraphicsView):
    """Places to drag people between, or to go through with the keyboard."""

    move_requested = Signal(str, str)  # person id, place key
    menu_requested = Signal(str, object)  # place key, global position
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
        #: The place with the keyboard's ring.
        self.current: str | None = None
        #: The person picked up from the keyboard, put down with Enter on a place.
        self.picked: str | None = None
        self._ring: QAbstractGraphicsShapeItem | None = None

    # -- what a place is (the subclass says) -------------------------------------------

    def spot_at(self, point: QPointF) -> tuple[str, str | None] | None:
        """The place under a point of the viewport: (its key, who is there)."""
        raise NotImplementedError

    def spot_item(self, key: str) -> QGraphicsItem:
        """The drawing of a place."""
        raise NotImplementedError

    def has_spot(self, key: str) -> bool:
        """Whether a place of that key is drawn."""
        raise NotImplementedError

    def make_ring(self) -> QAbstractGraphicsShapeItem:
        """The ring around the current place, at the origin (moved onto the place)."""
        raise NotImplementedError

    # -- the ring and the person held --------------------------------------------------

    def set_current(self, key: str) -> None:
        """Put the ring on a place."""
        if self.has_spot(key):
            self.current = key
            self._show_ring()
            self.ensureVisible(self.spot_item(key), 10, 10)

    def pick(self, person_id: str | None) -> None:
        """Hold a person until Enter on a place puts them there (None lets go)."""
        self.picked = person_id
        self.picked_changed.emit(person_id or "")
        self._show_ring()

    def forget_ring(self) -> None:
        """The scene was cleared: the ring is made again when next shown."""
        self._ring = None

    def _show_ring(self) -> None:
        if self.current is None or not self.has_spot(self.current):
            return
        if self._ring is None or self._ring.scene() is not self.scene():
            self._ring = self.make_ring()
            self._ring.setZValue(10)
            self.scene().addItem(self._ring)
        pen = QPen(_RING, 3 if self.picked else 2)
        pen.setStyle(Qt.PenStyle.DashLine if self.picked else Qt.PenStyle.SolidLine)
        self._ring.setPen(pen)
        self._ring.setPos(self.spot_item(self.current).scenePos())
        self._ring.setVisible(self.hasFocus() or self.picked is not None)

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Show where the keyboard is."""
        super().focusInEvent(event)
        self._show_ring()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Hide the ring unless someone is held."""
        super().focusOutEvent(event)
        self._show_ring()

    def place_key(self, event: QKeyEvent, key: str, person: str | None) -> bool:
        """Enter (or Space) picks up the person of the current place `key`, or puts the one
        held there; Esc lets go; the menu key or Shift+F10 opens the place's menu. Whether
        the key press was one of these (the arrows and Del are the subclass's)."""
        pressed = Qt.Key(event.key())
        if pressed in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.picked is None:
                if person:
                    self.pick(person)
            else:
                held = self.picked
                self.pick(None)
                if person != held:
                    self.move_requested.emit(held, key)
            return True
        if pressed == Qt.Key.Key_Escape and self.picked is not None:
            self.pick(None)
            return True
        if pressed == Qt.Key.Key_Menu or (
            pressed == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            centre = self.mapFromScene(self.spot_item(key).sceneBoundingRect().center())
            self.menu_requested.emit(key, self.viewport().mapToGlobal(centre))
            return True
        return False

    # -- the mouse ---------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the ring on the place pressed and pick up whoever is there."""
        spot = self.spot_at(event.position())
        if spot is not None:
            key, person = spot
            self.set_current(key)
            if event.button() == Qt.MouseButton.LeftButton and person:
                self.dragged = person
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the person picked up on the place under the pointer."""
        spot = self.spot_at(event.position())
        person, self.dragged = self.dragged, None
        self.viewport().unsetCursor()
        if person and spot is not None and spot[1] != person:
            self.move_requested.emit(person, spot[0])
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """A place's menu."""
        spot = self.spot_at(QPointF(event.pos()))
        if spot is not None:
            self.set_current(spot[0])
            self.menu_requested.emit(spot[0], event.globalPos())

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Accept people dragged from a list of people without a place."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Keep accepting while over the drawing."""
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Put the person dropped on the place under the pointer."""
        spot = self.spot_at(event.position())
        person = bytes(event.mimeData().data(PERSON_MIME).data()).decode()
        if spot is not None and person:
            event.acceptProposedAction()
            self.move_requested.emit(person, spot[0])
