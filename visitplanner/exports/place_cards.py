"""Place cards: folded tent cards, two to an A4 sheet, with fold and cut marks.

Each card is half an A4 sheet (210 × 148.5 mm), folded along its middle into a tent
that stands on the table. Both halves carry the same face, the upper one upside down,
so the name reads from both sides once folded: civility, the name in Latin script
(family name in capitals), the name in the native script, the title in the chosen
language, and the seat in small print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from visitplanner.domain.labels import civility
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.exports.pdf_fonts import fit_text, regular_and_bold
from visitplanner.i18n import gettext_in

CARD_WIDTH: Final = A4[0]
CARD_HEIGHT: Final = A4[1] / 2
CARDS_PER_SHEET: Final = 2
_GREY: Final = Color(0.45, 0.45, 0.45)
_LIGHT: Final = Color(0.7, 0.7, 0.7)
_MARGIN: Final = 14 * mm


@dataclass(frozen=True)
class PlaceCard:
    """What one card says."""

    civility: str
    name: str
    native_name: str
    title: str
    seat: str


def native_card_name(person: Person) -> str:
    """The name in the native script as a card prints it: given name, family name in capitals."""
    if not person.family_name_native:
        return ""
    return " ".join(p for p in (person.given_name_native, person.family_name_native.upper()) if p)


def cards_for(data: VisitData, event: Event, lang: str) -> list[PlaceCard]:
    """One card per seated person, by seat number, then one per participant without a seat."""
    people = {p.id: p for p in data.people}
    main = data.visit.main_language
    found: list[tuple[Person, str]] = []
    if event.seating is not None:
        for table, seat in event.seating.seats():
            person = people.get(seat.person_id or "")
            if person is not None:
                where = gettext_in(lang, "Seat {number} · {table}").format(
                    number=seat.number, table=table.name
                )
                found.append((person, where))
    seated = {person.id for person, _where in found}
    found += [(people[i], "") for i in event.participant_ids if i in people and i not in seated]
    return [
        PlaceCard(
            civility=civility(person.civility, lang),
            name=person.formal_name(),
            native_name=native_card_name(person)
            if native_card_name(person) != person.formal_name()
            else "",
            title=person.title.get(lang, main),
            seat=where,
        )
        for person, where in found
    ]


def _fit(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """`text` and its size to fit `width` (cut short below `smallest`)."""
    return fit_text(text, font, size, width, smallest)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def draw_face(canvas: Canvas, card: PlaceCard, width: float, height: float) -> None:
    """One face of a card in the box (0, 0)-(width, height), the bottom edge at the table."""
    regular, bold = regular_and_bold()
    usable = width - 2 * _MARGIN
    name, name_size = _fit(card.name, bold, 30, usable, 12)
    native, native_size = _fit(card.native_name, regular, 17, usable, 9)
    title_size = 10.0
    title_lines = _wrap(card.title, regular, title_size, usable)
    while len(title_lines) > 2 and title_size > 7:
        title_size -= 0.5
        title_lines = _wrap(card.title, regular, title_size, usable)
    blocks: list[tuple[str, str, float, Color]] = []
    if card.civility:
        blocks.append((card.civility, regular, 11, _GREY))
    blocks.append((name, bold, name_size, black))
    if card.native_name:
        blocks.append((native, regular, native_size, black))
    blocks += [(line, regular, title_size, _GREY) for line in title_lines[:3]]
    gaps = [size * 1.35 for _t, _f, size, _c in blocks]
    total = sum(gaps)
    y = height / 2 + total / 2
    for (text, font, size, colour), gap in zip(blocks, gaps, strict=True):
        y -= gap
        canvas.setFillColor(colour)
        canvas.setFont(font, size)
        canvas.drawCentredString(width / 2, y + size * 0.3, text)
    if card.seat:
        canvas.setFillColor(_LIGHT)
        canvas.setFont(regular, 7)
        canvas.drawRightString(width - 6 * mm, 5 * mm, card.seat)


def draw_card(canvas: Canvas, card: PlaceCard, x: float, y: float, lang: str) -> None:
    """A whole card with its lower-left corner at (x, y): two faces and the fold line."""
    regular, _bold = regular_and_bold()
    half = CARD_HEIGHT / 2
    canvas.saveState()
    canvas.translate(x, y)
    draw_face(canvas, card, CARD_WIDTH, half)
    canvas.saveState()
    canvas.translate(CARD_WIDTH, CARD_HEIGHT)
    canvas.rotate(180)
    draw_face(canvas, card, CARD_WIDTH, half)
    canvas.restoreState()
    # The fold: marks at both edges and a faint dashed line between them.
    canvas.setStrokeColor(_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(0, half, 8 * mm, half)
    canvas.line(CARD_WIDTH - 8 * mm, half, CARD_WIDTH, half)
    canvas.setStrokeColor(_LIGHT)
    canvas.setLineWidth(0.3)
    canvas.setDash(1, 3)
    canvas.line(10 * mm, half, CARD_WIDTH - 10 * mm, half)
    canvas.setDash()
    canvas.setFillColor(_LIGHT)
    canvas.setFont(regular, 6)
    canvas.drawString(10 * mm, half + 1.2 * mm, gettext_in(lang, "fold"))
    canvas.restoreState()


def draw_cut(canvas: Canvas, y: float, lang: str) -> None:
    """Cut marks where two cards of a sheet meet."""
    regular, _bold = regular_and_bold()
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.6)
    canvas.line(0, y, 10 * mm, y)
    canvas.line(CARD_WIDTH - 10 * mm, y, CARD_WIDTH, y)
    canvas.setStrokeColor(_LIGHT)
    canvas.setLineWidth(0.3)
    canvas.setDash(4, 3)
    canvas.line(12 * mm, y, CARD_WIDTH - 12 * mm, y)
    canvas.setFillColor(_GREY)
    canvas.setFont(regular, 6)
    canvas.drawString(12 * mm, y + 1.2 * mm, "✂ " + gettext_in(lang, "cut"))
    canvas.restoreState()


class CardSheet(Flowable):
    """One A4 sheet of up to two place cards, drawn over the whole page."""

    def __init__(self, cards: Sequence[PlaceCard], lang: str) -> None:
        super().__init__()
        self.cards = list(cards)[:CARDS_PER_SHEET]
        self.lang = lang

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The sheet takes a whole page (a point less, for the frame's rounding)."""
        return CARD_WIDTH, A4[1] - 1

    def draw(self) -> None:
        """The cards, the upper one first, and the cut between them."""
        canvas: Canvas = self.canv
        for index, card in enumerate(self.cards):
            draw_card(canvas, card, 0, CARD_HEIGHT * (1 - index), self.lang)
        draw_cut(canvas, CARD_HEIGHT, self.lang)


def card_sheets(cards: Sequence[PlaceCard], lang: str) -> list[CardSheet]:
    """The sheets that print `cards`, two to a sheet."""
    return [
        CardSheet(cards[i : i + CARDS_PER_SHEET], lang)
        for i in range(0, len(cards), CARDS_PER_SHEET)
    ]
