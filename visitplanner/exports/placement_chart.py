"""A ceremony's placement diagram: the monument, the wreath party, the rows, the press.

Seen from behind the rows, looking at the monument (at the top): row 1 is the nearest,
places are counted from left to right. Wheelchair places are tinted and marked ♿.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from reportlab.lib.colors import Color, black, white
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.exports.pdf_fonts import cut_to_width, fit_text, regular_and_bold
from visitplanner.exports.pdf_layout import Notes, note_mark
from visitplanner.i18n import gettext_in

_WHEELCHAIR: Final = Color(0.82, 0.9, 1.0)
_MONUMENT: Final = Color(0.88, 0.86, 0.8)
_BOX_H: Final = 1.15 * cm
_ROW_GAP: Final = 0.45 * cm


class PlacementDrawing(Flowable):
    """The placement plan of one ceremony, drawn to the frame's width.

    What a box has to cut short is added to `notes`, which the caller prints after it.
    """

    def __init__(
        self, data: VisitData, event: Event, lang: str, width: float, notes: Notes
    ) -> None:
        super().__init__()
        self.people = {p.id: p for p in data.people}
        self.lang = lang
        self.width = width
        self.monument = (
            data.venue(event.venue_id).name.get(lang, data.visit.main_language)
            if event.venue_id
            else gettext_in(lang, "Monument")
        )
        self.areas: dict[PlacementArea, dict[int, list[PlacementPosition]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for position in event.placement:
            self.areas[position.area][position.row].append(position)
        rows = len(self.areas[PlacementArea.ROW])
        party = 1 if self.areas[PlacementArea.WREATH_PARTY] else 0
        press = 1 if self.areas[PlacementArea.PRESS] else 0
        self.height = 2.2 * cm + (rows + party + press) * (_BOX_H + _ROW_GAP + 0.45 * cm)
        widest = max(
            (max(p.place for p in row) for row in self.areas[PlacementArea.ROW].values()),
            default=1,
        )
        self.box_w = min(2.9 * cm, (width - 2.2 * cm) / max(widest, 1))
        # Every text is fitted now, so that the notes are numbered in the order of the
        # diagram and known before the document's notes are laid out.
        regular, bold = regular_and_bold()
        self.monument_shown = notes.fit(self.monument, bold, 9, 7.6 * cm)
        self.texts: dict[str, list[tuple[str, str, float]]] = {}
        room = self.box_w - 6
        for position in event.placement:
            person: Person | None = self.people.get(position.person_id or "")
            if person is not None:
                family = (person.family_name or person.family_name_native).upper()
                given = person.given_name or person.given_name_native
                if given:
                    lines = [(bold, *notes.fit(family, bold, 7.5, room))]
                    lines.append((regular, *notes.fit(given, regular, 7, room)))
                else:  # an organisation's name ("CENTRE MÉDIAS DU MINISTÈRE …"): two lines
                    lines = _two_lines(notes, family, bold, 7, room)
            elif position.label:
                lines = _two_lines(notes, position.label, regular, 7, room)
            else:
                lines = []
            self.texts[position.id] = [(font, text, size) for font, text, size in lines]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """As wide as given, as high as the rows need."""
        return self.width, self.height

    def _box(self, position: PlacementPosition, x: float, y: float, width: float) -> None:
        regular, _bold = regular_and_bold()
        canvas: Canvas = self.canv
        canvas.setFillColor(_WHEELCHAIR if position.wheelchair else white)
        canvas.setStrokeColor(black)
        canvas.setLineWidth(0.6)
        canvas.rect(x, y, width - 2, _BOX_H, stroke=1, fill=1)
        canvas.setFillColor(black)
        mark = "♿ " if position.wheelchair else ""
        canvas.setFont(regular, 6)
        canvas.drawString(x + 2, y + _BOX_H - 7, f"{mark}{position.place}")
        lines = self.texts.get(position.id, [])
        baselines = [y + _BOX_H / 2 - 3, y + 4] if len(lines) > 1 else [y + _BOX_H / 2 - 2]
        for (font, text, size), baseline in zip(lines, baselines, strict=False):
            canvas.setFont(font, size)
            canvas.drawCentredString(x + width / 2, baseline, text)

    def _label(self, text: str, y: float) -> None:
        _regular, bold = regular_and_bold()
        self.canv.setFillColor(black)
        self.canv.setFont(bold, 8)
        self.canv.drawString(0, y, text)

    def draw(self) -> None:
        """From the top: the monument, the wreath party, the rows, the press."""
        regular, bold = regular_and_bold()
        canvas: Canvas = self.canv
        y = self.height - 1.3 * cm
        canvas.setFillColor(_MONUMENT)
        canvas.setStrokeColor(black)
        canvas.rect(self.width / 2 - 4 * cm, y, 8 * cm, 1.1 * cm, stroke=1, fill=1)
        canvas.setFillColor(black)
        monument, size = self.monument_shown
        canvas.setFont(bold, size)
        canvas.drawCentredString(self.width / 2, y + 0.42 * cm, monument)
        y -= 0.4 * cm
        party = self.areas[PlacementArea.WREATH_PARTY]
        if party:
            y -= _BOX_H + 0.45 * cm
            self._label(gettext_in(self.lang, "Wreath party"), y + _BOX_H + 3)
            x = 0.0
            for number in sorted(party):
                group = sorted(party[number], key=lambda p: p.place)
                canvas.setFont(regular, 6.5)
                canvas.drawString(
                    x, y - 8, gettext_in(self.lang, "Wreath {number}").format(number=number)
                )
                for position in group:
                    self._box(position, x, y, self.box_w)
                    x += self.box_w
                x += 0.4 * cm
            y -= _ROW_GAP
        rows = self.areas[PlacementArea.ROW]
        left = 2.2 * cm
        for number in sorted(rows):
            y -= _BOX_H + 0.45 * cm
            self._label(gettext_in(self.lang, "Row {number}").format(number=number), y + 10)
            for position in rows[number]:
                self._box(position, left + (position.place - 1) * self.box_w, y, self.box_w)
        press = self.areas[PlacementArea.PRESS]
        if press:
            y -= _BOX_H + 0.45 * cm + _ROW_GAP
            self._label(gettext_in(self.lang, "Press"), y + 10)
            for position in sorted(press[min(press)], key=lambda p: p.place):
                self._box(position, left + (position.place - 1) * self.box_w, y, self.box_w)


def _two_lines(
    notes: Notes, text: str, font: str, size: float, room: float
) -> list[tuple[str, str, float]]:
    """A label on one line if it fits at `size`, else over two lines of whole words at
    that size (never smaller: 7 pt is the floor), the second cut with a note's number
    when the label is longer still."""
    words = text.split()
    if stringWidth(text, font, size) <= room or len(words) < 2:
        return [(font, *notes.fit(text, font, size, room))]
    first = words[0]
    rest = words[1:]
    while rest and stringWidth(f"{first} {rest[0]}", font, size) <= room:
        first = f"{first} {rest.pop(0)}"
    if stringWidth(first, font, size) > room:  # a first word too long for the box
        return [(font, *notes.fit(text, font, size, room))]
    second = " ".join(rest)
    shown, _fitted = fit_text(second, font, size, room, size)
    if shown != second:  # too long for two lines: the note gives it whole
        tail = "…" + note_mark(notes.add(text))
        second = cut_to_width(second, tail, font, size, room)
    return [(font, first, size), (font, second, size)]
