"""Place cards: folded tent cards, two to an A4 sheet, with fold and cut marks.

Each card is half an A4 sheet (210 × 148.5 mm), folded along its middle into a tent
that stands on the table. Both halves carry the same face, the upper one upside down,
so the name reads from both sides once folded: the form of address for a card
("Madame la Ministre", else the civility), the name in Latin script
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

from visitplanner.domain.address import AddressBook, AddressUse
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.places import HeldPlace, PlaceKind, places_text
from visitplanner.domain.translit import has_cyrillic, transliterate
from visitplanner.exports.pdf_fonts import FLOOR, cut_to_width, regular_and_bold
from visitplanner.exports.pdf_layout import Notes, note_mark
from visitplanner.i18n import gettext_in

CARD_WIDTH: Final = A4[0]
CARD_HEIGHT: Final = A4[1] / 2
CARDS_PER_SHEET: Final = 2
_GREY: Final = Color(0.45, 0.45, 0.45)
_LIGHT: Final = Color(0.7, 0.7, 0.7)
_MARGIN: Final = 14 * mm
#: The most lines a title takes on a card.
TITLE_LINES: Final = 3


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


def latin_card_name(person: Person) -> str:
    """The name in Latin script as a card prints it. A person known only in Cyrillic gets
    the national transliteration (the one the roster import uses): a card has a Latin
    face and a Cyrillic one, never Cyrillic twice."""
    if person.family_name or not has_cyrillic(person.family_name_native):
        return person.formal_name()
    given = transliterate(person.given_name or person.given_name_native)
    return f"{given} {transliterate(person.family_name_native).upper()}".strip()


def cards_for(data: VisitData, event: Event, lang: str) -> list[PlaceCard]:
    """One card per seated person, by seat number, then one per participant without a seat."""
    people = {p.id: p for p in data.people}
    main = data.visit.main_language
    found: list[tuple[Person, str]] = []
    if event.seating is not None:
        for table, seat in event.seating.seats():
            person = people.get(seat.person_id or "")
            if person is not None:
                where = HeldPlace(PlaceKind.SEAT, seat.number, table=table.name).text(lang)
                found.append((person, where))
    seated = {person.id for person, _where in found}
    found += [
        (people[i], places_text(event, i, lang))
        for i in event.participant_ids
        if i in people and i not in seated
    ]
    book = AddressBook.of(data)
    return [
        PlaceCard(
            civility=card_address(book, person, lang),
            name=latin_card_name(person),
            native_name=native_card_name(person)
            if native_card_name(person) != latin_card_name(person)
            else "",
            title=person.title.get(lang, main),
            seat=where,
        )
        for person, where in found
    ]


def card_address(book: AddressBook, person: Person, lang: str) -> str:
    """The line above the name: the person's form of address for a place card
    ("Madame la Ministre", "Пані Міністерко", "Minister"; "Monsieur" for most)."""
    return book.form(person, lang, AddressUse.CARD)


#: One line of a face: text, size, font, colour.
Line = tuple[str, float, str, Color]


@dataclass(frozen=True)
class Face:
    """One face of a card as it prints: its lines from the top, and the seat."""

    lines: list[Line]
    seat: tuple[str, float]


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines of at most `width`, a word longer than a line cut across lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while stringWidth(word, font, size) > width:
            head = cut_to_width(word, "", font, size, width)
            lines.append(head)
            word = word[len(head) :]
        lines.append(word)
    return lines


def lay_out(card: PlaceCard, width: float, notes: Notes) -> Face:
    """The face of `card` in a box `width` wide: each text as large as fits, down to
    the 7 pt floor, then cut with a note (the name may be long: it is never lost)."""
    regular, bold = regular_and_bold()
    usable = width - 2 * _MARGIN
    title_size = 10.0
    title_lines = _wrap(card.title, regular, title_size, usable)
    while len(title_lines) > TITLE_LINES and title_size > FLOOR:
        title_size -= 0.5
        title_lines = _wrap(card.title, regular, title_size, usable)
    if len(title_lines) > TITLE_LINES:
        mark = "…" + note_mark(notes.add(card.title))
        last = cut_to_width(" ".join(title_lines[TITLE_LINES - 1 :]), mark, regular, 7, usable)
        title_lines = [*title_lines[: TITLE_LINES - 1], last]
    lines: list[Line] = []
    if card.civility:
        lines.append((*notes.fit(card.civility, regular, 11, usable), regular, _GREY))
    lines.append((*notes.fit(card.name, bold, 30, usable), bold, black))
    if card.native_name:
        lines.append((*notes.fit(card.native_name, regular, 17, usable), regular, black))
    lines += [(line, title_size, regular, _GREY) for line in title_lines]
    seat = notes.fit(card.seat, regular, 7, usable) if card.seat else ("", 7.0)
    return Face(lines, seat)


def draw_face(canvas: Canvas, face: Face, width: float, height: float) -> None:
    """One face of a card in the box (0, 0)-(width, height), the bottom edge at the table."""
    regular, _bold = regular_and_bold()
    gaps = [size * 1.35 for _t, size, _f, _c in face.lines]
    total = sum(gaps)
    y = height / 2 + total / 2
    for (text, size, font, colour), gap in zip(face.lines, gaps, strict=True):
        y -= gap
        canvas.setFillColor(colour)
        canvas.setFont(font, size)
        canvas.drawCentredString(width / 2, y + size * 0.3, text)
    seat, size = face.seat
    if seat:
        canvas.setFillColor(_LIGHT)
        canvas.setFont(regular, size)
        canvas.drawRightString(width - _MARGIN, 5 * mm, seat)


def draw_card(canvas: Canvas, face: Face, x: float, y: float, lang: str) -> None:
    """A whole card with its lower-left corner at (x, y): two faces and the fold line."""
    regular, _bold = regular_and_bold()
    half = CARD_HEIGHT / 2
    canvas.saveState()
    canvas.translate(x, y)
    draw_face(canvas, face, CARD_WIDTH, half)
    canvas.saveState()
    canvas.translate(CARD_WIDTH, CARD_HEIGHT)
    canvas.rotate(180)
    draw_face(canvas, face, CARD_WIDTH, half)
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

    def __init__(self, cards: Sequence[PlaceCard], lang: str, notes: Notes) -> None:
        super().__init__()
        self.cards = list(cards)[:CARDS_PER_SHEET]
        self.faces = [lay_out(card, CARD_WIDTH, notes) for card in self.cards]
        self.lang = lang

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The sheet takes a whole page (a point less, for the frame's rounding)."""
        return CARD_WIDTH, A4[1] - 1

    def draw(self) -> None:
        """The cards, the upper one first, and the cut between them."""
        canvas: Canvas = self.canv
        for index, face in enumerate(self.faces):
            draw_card(canvas, face, 0, CARD_HEIGHT * (1 - index), self.lang)
        draw_cut(canvas, CARD_HEIGHT, self.lang)


def card_sheets(cards: Sequence[PlaceCard], lang: str, notes: Notes) -> list[CardSheet]:
    """The sheets that print `cards`, two to a sheet (what a card cuts short goes to `notes`)."""
    return [
        CardSheet(cards[i : i + CARDS_PER_SHEET], lang, notes)
        for i in range(0, len(cards), CARDS_PER_SHEET)
    ]
