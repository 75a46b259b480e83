"""How the timeline draws an event: a colour per kind, the marks of status and conflict.

The colours are Paul Tol's "muted" scheme, chosen to stay distinct for readers
with any common colour-vision deficiency; status and conflicts are also shown by
shape (dashed border, strike-through, a warning glyph), never by colour alone.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from typing import Final

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
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


@cache
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


#: The mark of words left out of a block (the tooltip has them all).
ELLIPSIS: Final = "…"
#: Words that lead to the next and so never end a shortened line.
_DANGLING: Final = frozenset({"→", "–", "—", "-", ":", "/", "&", "+"})


def fit_words(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """`text` wrapped at spaces into at most `lines` lines of `width` pixels.

    Words that do not fit are left out whole, and the last line shown ends with an
    ellipsis: a block never shows half a word as if it were the title ("Transfe").
    Only a single word wider than the whole line is shortened, and then with an ellipsis.
    """
    words = text.split()
    if lines <= 0 or width <= 0 or not words:
        return []
    advance = metrics.horizontalAdvance
    fitted: list[str] = []
    n = 0
    while n < len(words) and len(fitted) < lines:
        if advance(words[n]) > width:  # a word wider than the block
            if fitted:
                break  # the line before ends with the mark
            return [metrics.elidedText(words[n], Qt.TextElideMode.ElideRight, width)]
        line = words[n]
        n += 1
        while n < len(words) and advance(f"{line} {words[n]}") <= width:
            line = f"{line} {words[n]}"
            n += 1
        fitted.append(line)
    if n < len(words):  # words are left over: say so after the last whole word that fits
        while True:
            last = fitted[-1]
            while " " in last and (
                advance(last + ELLIPSIS) > width or last.rsplit(" ", 1)[1] in _DANGLING
            ):
                last = last.rsplit(" ", 1)[0]  # "Transfert Balard →…" reads as "Transfert Balard…"
            if advance(last + ELLIPSIS) <= width:
                fitted[-1] = last + ELLIPSIS
                break
            if len(fitted) == 1:  # one word, and no room for the mark after it
                fitted[-1] = metrics.elidedText(
                    f"{last} {words[n]}", Qt.TextElideMode.ElideRight, width
                )
                break
            fitted.pop()  # the line before ends with the mark instead
    return fitted


#: A line of a block: which font ("small" or "bold") and its words.
Line = tuple[str, str]


class BlockFonts:
    """The fonts a block is written in, made from the painter's font once per paint."""

    def __init__(self, base: QFont) -> None:
        self.key = base.key()
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.struck = QFont(self.bold)
        self.struck.setStrikeOut(True)
        self.small_metrics = QFontMetrics(self.small)
        self.bold_metrics = QFontMetrics(self.bold)

    def font(self, role: str, struck: bool) -> QFont:
        """The font of a line of the role "small" or "bold" (struck out: cancelled)."""
        if role == "small":
            return self.small
        return self.struck if struck else self.bold

    def height(self, role: str) -> int:
        """The height of a line of that role."""
        return (self.small_metrics if role == "small" else self.bold_metrics).height()


def fit_block(text: BlockText, fonts: BlockFonts, width: int, height: int) -> list[Line]:
    """The lines a block of `width` by `height` pixels shows: the time on a line of its
    own, the title over as many lines as fit, the venue in what is left; a block too
    short for that gets time and title on one line."""
    small, bold = fonts.small_metrics, fonts.bold_metrics
    if height < small.height() + bold.height():
        # One line: time and title if both fit, else the title (the axis gives the time).
        whole = f"{text.time} {text.title}"
        if bold.horizontalAdvance(whole) <= width:
            return [("bold", whole)]
        title = fit_words(text.title, bold, width, 1)
        if title and title[0] != ELLIPSIS and not title[0].startswith(ELLIPSIS):
            return [("bold", title[0])]
        return [("bold", line) for line in fit_words(text.time, bold, width, 1)]
    lines: list[Line] = [("small", line) for line in fit_words(text.time, small, width, 1)]
    left = height - small.height()
    title = fit_words(text.title, bold, width, max(1, left // bold.height()))
    lines.extend(("bold", line) for line in title)
    left -= len(title) * bold.height()
    if text.venue and left >= small.height():
        venue = fit_words(text.venue, small, width, left // small.height())
        lines.extend(("small", line) for line in venue)
    return lines


def paint_block(
    painter: QPainter,
    rect: QRect,
    look: BlockLook,
    text: BlockText,
    conflict: bool,
    selected: bool,
    highlight: QColor,
    cache: dict[str, object] | None = None,
    fonts: BlockFonts | None = None,
) -> None:
    """Draw one event block in `rect` (viewport coordinates); the lines fitted are kept
    in `cache` (the segment's) for as long as the block keeps its size; `fonts` made
    once for every block of a paint (else from the painter's font)."""
    if fonts is None:
        fonts = BlockFonts(painter.font())
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
    painter.setPen(look.ink)
    tall = fonts.height("bold")
    if inner.height() < tall:  # a block shorter than a line: the line centred in it
        inner.setTop(rect.top() + max(0, (rect.height() - tall) // 2))
        inner.setHeight(tall)
        painter.setClipRect(rect.adjusted(1, 0, -1, 0))
    else:
        painter.setClipRect(rect.adjusted(2, 2, -2, -2))
    key = (inner.width(), inner.height(), fonts.key)
    fitted = cache.get("lines") if cache is not None else None
    if not (isinstance(fitted, tuple) and fitted[0] == key):
        fitted = (key, fit_block(text, fonts, inner.width(), inner.height()))
        if cache is not None:
            cache["lines"] = fitted
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    top = inner.top()
    for role, line in fitted[1]:
        painter.setFont(fonts.font(role, look.struck))
        high = fonts.height(role)
        painter.drawText(QRect(inner.left(), top, inner.width(), high), flags, line)
        top += high
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
