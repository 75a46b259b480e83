"""How the timeline draws an event: a colour per kind, the marks of status and conflict.

The colours are Paul Tol's "muted" scheme, chosen to stay distinct for readers
with any common colour-vision deficiency; status and conflicts are also shown by
shape (dashed border, strike-through, a warning glyph), never by colour alone.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QWidget

from visitplanner.domain.labels import label
from visitplanner.domain.values import EventKind, EventStatus
from visitplanner.i18n import _

#: One colour per kind of event (Tol's muted scheme; rose is left out, red means conflict).
KIND_COLOURS: Final[dict[EventKind, str]] = {
    EventKind.MEETING: "#332288",  # indigo
    EventKind.CEREMONY: "#AA4499",  # purple
    EventKind.MEAL: "#DDCC77",  # sand
    EventKind.VISIT: "#117733",  # green
    EventKind.TRANSFER: "#88CCEE",  # cyan
    EventKind.PRESS: "#999933",  # olive
    EventKind.REST: "#44AA99",  # teal
    EventKind.TRAVEL: "#882255",  # wine
}
CONFLICT_COLOUR: Final = "#D00000"
CANCELLED_FILL: Final = "#E6E6E6"
CANCELLED_TEXT: Final = "#5F5F5F"
CANCELLED_BORDER: Final = "#9E9E9E"
#: The glyph on an event that takes part in a conflict.
CONFLICT_GLYPH: Final = "⚠"


def _mix(colour: QColor, other: QColor, amount: float) -> QColor:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    return QColor(
        round(colour.red() + (other.red() - colour.red()) * amount),
        round(colour.green() + (other.green() - colour.green()) * amount),
        round(colour.blue() + (other.blue() - colour.blue()) * amount),
    )


def _ink_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill` (relative luminance)."""
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#FFFFFF")


@dataclass(frozen=True, slots=True)
class BlockLook:
    """The fill, border and text colours of one block, and how its border is drawn."""

    fill: QColor
    border: QColor
    ink: QColor
    dashed: bool
    struck: bool


def block_look(kind: EventKind, status: EventStatus) -> BlockLook:
    """How a block of this kind and status looks."""
    if status is EventStatus.CANCELLED:
        return BlockLook(
            QColor(CANCELLED_FILL), QColor(CANCELLED_BORDER), QColor(CANCELLED_TEXT), False, True
        )
    colour = QColor(KIND_COLOURS[kind])
    if status is EventStatus.DRAFT:
        fill = _mix(colour, QColor("#FFFFFF"), 0.65)
        return BlockLook(fill, colour.darker(120), QColor("#000000"), True, False)
    return BlockLook(colour, colour.darker(140), _ink_on(colour), False, False)


@dataclass(frozen=True, slots=True)
class BlockText:
    """The lines written in a block: time, title, venue."""

    time: str
    title: str
    venue: str


def paint_block(
    painter: QPainter,
    rect: QRect,
    look: BlockLook,
    text: BlockText,
    conflict: bool,
    selected: bool,
    highlight: QColor,
) -> None:
    """Draw one event block in `rect` (viewport coordinates)."""
    painter.save()
    painter.setBrush(look.fill)
    pen = QPen(look.border, 2 if look.dashed else 1)
    if look.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    if conflict:
        pen = QPen(QColor(CONFLICT_COLOUR), 3)
    painter.setPen(pen)
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    if selected:
        outline = QPen(highlight, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(outline)
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))
    inner = rect.adjusted(5, 3, -5, -2)
    if conflict:
        glyph_box = QRect(rect.right() - 19, rect.top() + 3, 16, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawEllipse(glyph_box)
        painter.setPen(QColor(CONFLICT_COLOUR))
        painter.drawText(glyph_box, Qt.AlignmentFlag.AlignCenter, CONFLICT_GLYPH)
        inner.setRight(inner.right() - 16)
    painter.setClipRect(rect.adjusted(2, 2, -2, -2))
    painter.setPen(look.ink)
    base = QFont(painter.font())
    small = QFont(base)
    small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
    bold = QFont(base)
    bold.setBold(True)
    bold.setStrikeOut(look.struck)
    line = painter.fontMetrics().height()
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    if inner.height() < 2 * line:  # too short for lines of their own: one line
        painter.setFont(bold)
        painter.drawText(inner, flags, f"{text.time} {text.title}")
    else:
        painter.setFont(small)
        painter.drawText(inner, flags, text.time)
        top = inner.adjusted(0, painter.fontMetrics().height(), 0, 0)
        painter.setFont(bold)
        used = painter.drawText(top, flags | Qt.TextFlag.TextWordWrap, text.title)
        if text.venue and used.bottom() + line <= inner.bottom():
            painter.setFont(small)
            rest = top.adjusted(0, used.height(), 0, 0)
            painter.drawText(rest, flags | Qt.TextFlag.TextWordWrap, text.venue)
    painter.restore()


class TimelineLegend(QLabel):
    """The key to the timeline's colours and marks, as text a screen reader can read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.retranslate()

    def retranslate(self) -> None:
        """Write the legend again in the current language."""
        swatch = '<span style="background-color:{fill}; color:{fill};">&nbsp;■■&nbsp;</span>'
        parts = [
            swatch.format(fill=colour) + "&nbsp;" + html.escape(label(kind))
            for kind, colour in KIND_COLOURS.items()
        ]
        draft = block_look(EventKind.MEETING, EventStatus.DRAFT).fill.name()
        parts.append(
            f'<span style="background-color:{draft}; border: 1px dashed;">&nbsp;'
            f"{html.escape(label(EventStatus.DRAFT))}&nbsp;</span>"
        )
        parts.append(
            f'<span style="background-color:{CANCELLED_FILL}; color:{CANCELLED_TEXT};">&nbsp;'
            f"<s>{html.escape(label(EventStatus.CANCELLED))}</s>&nbsp;</span>"
        )
        parts.append(
            f'<span style="color:{CONFLICT_COLOUR};">{CONFLICT_GLYPH}</span>&nbsp;'
            + html.escape(_("conflict"))
        )
        self.setText("&nbsp;&nbsp; ".join(parts))
        self.setAccessibleName(_("Legend"))
