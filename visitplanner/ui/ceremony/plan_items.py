"""The ground plan's shapes: the monument, the places of each area with their numbers and
people, the wheelchair mark, laid out as the printed placement chart lays them out.

Seen from behind the rows, looking at the monument (at the top): the wreath party
first, wreath by wreath, then row 1 (the nearest), row 2 ..., then the press; places
are counted from left to right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.model import Person
from visitplanner.i18n import _

BOX_W: Final = 112.0
BOX_H: Final = 44.0
_GAP: Final = 4.0
_LINE: Final = BOX_H + 42.0
_LABEL_W: Final = 0.0
_WHEELCHAIR: Final = QColor(209, 229, 255)
_EMPTY: Final = QColor(255, 255, 255)
_TAKEN: Final = QColor(246, 243, 235)
_LIT: Final = QColor(255, 226, 120)
_MONUMENT: Final = QColor(224, 219, 204)


@dataclass(frozen=True)
class Slot:
    """A place drawn on the plan: one of the placement's, or an empty one beside them
    (`position` None) where someone can be put."""

    area: PlacementArea
    row: int
    place: int
    position: PlacementPosition | None = None

    @property
    def key(self) -> str:
        """The place's name on the plan: its area, row and number."""
        return f"{self.area.value}:{self.row}:{self.place}"

    @property
    def person_id(self) -> str | None:
        """Who stands there."""
        return self.position.person_id if self.position is not None else None


def parse_key(key: str) -> tuple[PlacementArea, int, int]:
    """The area, row and place of a slot's key."""
    area, row, place = key.split(":")
    return PlacementArea(area), int(row), int(place)


def lines_of(placement: list[PlacementPosition]) -> list[tuple[str, list[Slot]]]:
    """The plan's lines from the monument down, each with its title and places: the
    wreath party (all its wreaths on one line), each row as wide as the widest, the
    press with one free place more."""
    by_key = {(p.area, p.row, p.place): p for p in placement}
    lines: list[tuple[str, list[Slot]]] = []
    party = sorted(
        (p for p in placement if p.area is PlacementArea.WREATH_PARTY),
        key=lambda p: (p.row, p.place),
    )
    if party:
        lines.append(
            (_("Wreath party"), [Slot(p.area, p.row, p.place, p) for p in party]),
        )
    rows = [p for p in placement if p.area is PlacementArea.ROW]
    width = max((p.place for p in rows), default=0)
    for number in sorted({p.row for p in rows}):
        slots = [
            Slot(PlacementArea.ROW, number, place, by_key.get((PlacementArea.ROW, number, place)))
            for place in range(1, width + 1)
        ]
        lines.append((_("Row {number}").format(number=number), slots))
    press = [p for p in placement if p.area is PlacementArea.PRESS]
    for number in sorted({p.row for p in press}) or [1]:
        last = max((p.place for p in press if p.row == number), default=0) + 1
        slots = [
            Slot(
                PlacementArea.PRESS, number, place, by_key.get((PlacementArea.PRESS, number, place))
            )
            for place in range(1, last + 1)
        ]
        lines.append((_("Press"), slots))
    return lines


class PlaceItem(QGraphicsRectItem):
    """A place on the plan: its number, the person's family and given names, a
    wheelchair drawn on a wheelchair place; lit when a running-order line names them."""

    def __init__(self, slot: Slot, person: Person | None, label: str = "") -> None:
        super().__init__(0, 0, BOX_W - _GAP, BOX_H)
        self.slot = slot
        wheelchair = slot.position is not None and slot.position.wheelchair
        self.base = _WHEELCHAIR if wheelchair else (_TAKEN if person or label else _EMPTY)
        self.setBrush(QBrush(self.base))
        pen = QPen(QColor(40, 40, 40), 1.2)
        if slot.position is None:
            pen = QPen(QColor(150, 150, 150), 1.0, Qt.PenStyle.DashLine)
        self.setPen(pen)
        small = QFont()
        small.setPointSizeF(6.5)
        number = QGraphicsSimpleTextItem(str(slot.place), self)
        number.setFont(small)
        number.setPos(3, 1)
        if wheelchair:
            self.wheelchair_item: QGraphicsPathItem | None = _wheelchair(self)
        else:
            self.wheelchair_item = None
        family, given = _names(person, label)
        # Beside the wheelchair sign, not under it.
        room = BOX_W - _GAP - (22 if wheelchair else 0)
        self.family_item = _text(self, family, bold=True, y=13, room=room)
        self.given_item = _text(self, given, bold=False, y=27, room=room)
        full = person.formal_name() if person is not None else label
        where = _("Wheelchair place") if wheelchair else ""
        self.setToolTip("\n".join(t for t in (full, where) if t))

    def light(self, on: bool) -> None:
        """Show the place as named by the running-order line selected (or not)."""
        self.setBrush(QBrush(_LIT if on else self.base))


def _names(person: Person | None, label: str) -> tuple[str, str]:
    if person is None:
        return label, ""
    family = (person.family_name or person.family_name_native).upper()
    given = person.given_name or person.given_name_native
    return family, given


def _text(
    parent: QGraphicsRectItem, text: str, *, bold: bool, y: float, room: float
) -> QGraphicsSimpleTextItem:
    """A line of the box, centred in its first `room` units, cut with "…" to fit."""
    font = QFont()
    font.setPointSizeF(7.5)
    font.setBold(bold)
    shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, room - 8)
    item = QGraphicsSimpleTextItem(shown, parent)
    item.setFont(font)
    item.setPos((room - item.boundingRect().width()) / 2, y)
    return item


def _wheelchair(parent: QGraphicsItem) -> QGraphicsPathItem:
    """The wheelchair sign in the box's top right corner, drawn (a ♿ character prints as
    an empty box in fonts that lack it)."""
    path = QPainterPath()
    path.addEllipse(QPointF(5.5, 1.8), 1.6, 1.6)  # the head
    path.moveTo(5.0, 4.0)
    path.lineTo(5.0, 8.0)  # the back
    path.lineTo(9.0, 8.0)  # the seat
    path.lineTo(10.5, 12.0)  # the leg
    path.moveTo(5.0, 6.0)
    path.lineTo(8.5, 6.0)  # the arm
    path.addEllipse(QPointF(5.0, 10.5), 3.3, 3.3)  # the wheel
    item = QGraphicsPathItem(path, parent)
    item.setPen(QPen(QColor(20, 70, 150), 1.3))
    item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    item.setScale(1.35)
    item.setPos(BOX_W - _GAP - 19, 2)
    item.setToolTip(_("Wheelchair place"))
    return item


def draw_plan(
    scene: QGraphicsScene,
    monument: str,
    lines: list[tuple[str, list[Slot]]],
    people: dict[str, Person],
) -> list[list[PlaceItem]]:
    """Draw the monument and every line of places; return the items line by line."""
    widest = max((len(slots) for _title, slots in lines), default=1)
    width = _LABEL_W + widest * BOX_W
    top = QGraphicsRectItem(QRectF(width / 2 - 160 + _LABEL_W / 2, 0, 320, 36))
    top.setBrush(QBrush(_MONUMENT))
    top.setPen(QPen(QColor(60, 60, 60), 1.2))
    scene.addItem(top)
    font = QFont()
    font.setBold(True)
    shown = QFontMetricsF(font).elidedText(monument, Qt.TextElideMode.ElideRight, 300)
    title = QGraphicsSimpleTextItem(shown, top)
    title.setFont(font)
    title.setToolTip(monument)
    rect = top.rect()
    title.setPos(
        rect.center().x() - title.boundingRect().width() / 2,
        rect.center().y() - title.boundingRect().height() / 2,
    )
    drawn: list[list[PlaceItem]] = []
    y = 80.0
    for heading, slots in lines:
        label = QGraphicsSimpleTextItem(heading)
        bold = QFont()
        bold.setBold(True)
        label.setFont(bold)
        label.setPos(0, y - label.boundingRect().height() - 2)
        scene.addItem(label)
        items: list[PlaceItem] = []
        x = _LABEL_W
        last_wreath = slots[0].row if slots else 0
        for slot in slots:
            if slot.area is PlacementArea.WREATH_PARTY and slot.row != last_wreath:
                x += BOX_W / 3  # a gap between two wreaths' parties
                last_wreath = slot.row
            if slot.area is PlacementArea.WREATH_PARTY and (
                not items or items[-1].slot.row != slot.row
            ):
                caption = QGraphicsSimpleTextItem(_("Wreath {number}").format(number=slot.row))
                small = QFont()
                small.setPointSizeF(7)
                caption.setFont(small)
                caption.setPos(x, y + BOX_H + 2)
                scene.addItem(caption)
            position = slot.position
            person = people.get(position.person_id or "") if position else None
            item = PlaceItem(slot, person, position.label if position else "")
            item.setPos(x, y)
            scene.addItem(item)
            items.append(item)
            x += BOX_W
        drawn.append(items)
        y += _LINE
    return drawn
