"""The seating chart of a meal: each table drawn with its numbered seats and names, then the list.

`seating_chart_flowables()` gives reportlab flowables, for the seating PDF and the
briefing book alike. North is the top of the chart: at a working meal the guests sit
on the north side, the hosts on the south side.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as GridTable

from visitplanner.domain.arrangements import Seat, SeatSide, Table, TableShape
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.search import fold
from visitplanner.domain.table_geometry import SEAT_OFFSET, SEAT_PITCH, footprint, outward, size
from visitplanner.domain.table_names import printed_table_name
from visitplanner.exports.pdf_fonts import regular_and_bold
from visitplanner.exports.pdf_layout import Notes, SplittingTable
from visitplanner.i18n import N_, format_date, format_time, gettext_in

_SEAT_RADIUS: Final = 0.32 * cm
_TABLE_FILL: Final = Color(0.93, 0.91, 0.86)
_GUEST: Final = Color(0.85, 0.9, 0.98)
_STEP: Final = Color(0.55, 0.55, 0.55)


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the protocol PDFs, in the Unicode fonts."""
    regular, bold = regular_and_bold()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=4),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=11, leading=14, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=regular, fontSize=7.5, leading=9.5),
    }


def _lines(person: Person | None) -> tuple[str, str]:
    """A person as two short lines: family name in capitals, given name."""
    if person is None:
        return "", ""
    family = (person.family_name or person.family_name_native).upper()
    return family, person.given_name or person.given_name_native


class TableDrawing(Flowable):
    """One table of a seating plan: the table, its numbered seats, who sits where."""

    def __init__(
        self,
        table: Table,
        people: Mapping[str, Person],
        guests: frozenset[str],
        width: float,
        notes: Notes,
    ) -> None:
        super().__init__()
        self.table = table
        self.people = people
        self.guests = guests
        self.width = width
        north, south = table.side(SeatSide.NORTH), table.side(SeatSide.SOUTH)
        ends = max(len(table.side(SeatSide.WEST)), len(table.side(SeatSide.EAST)))
        self.count = max(len(north), len(south), 1)
        self.ends = ends
        self.pitch = min(3.0 * cm, width / (self.count + 2 * (ends + 1) * 0.6 + 0.4))
        if table.shape in _DRAWN_TO_SHAPE:
            # An imperial or U table keeps the outline and seats the room plan gives it
            # (domain/table_geometry.py), unturned and scaled to the column.
            flat = replace(table, x=0.0, y=0.0, rotation=0.0)
            self.footprint = footprint(flat)
            self.outward = {seat.id: outward(flat, seat) for seat in flat.seats}
            length, depth = size(flat)
            sides = (
                2.4 * cm if (table.side(SeatSide.WEST) or table.side(SeatSide.EAST)) else 0.6 * cm
            )
            across = length + 2 * SEAT_OFFSET
            # Seats no further apart than on a long table, the table within the column
            # and no higher than about half a landscape page, names included.
            self.scale = min(
                3.0 * cm / SEAT_PITCH,
                (width - 2 * sides) / across,
                (_SHAPED_HEIGHT - 2 * 1.4 * cm) / (depth + 2 * SEAT_OFFSET),
            )
            self.pitch = SEAT_PITCH * self.scale
            self.height = (depth + 2 * SEAT_OFFSET) * self.scale + 2 * 1.4 * cm
        elif table.shape is TableShape.ROUND:
            self.radius = min(width * 0.2, 1.2 * cm + len(table.seats) * 0.18 * cm)
            self.height = 2 * (self.radius + 2.6 * cm)
        elif table.shape is TableShape.HEAD:
            self.height = 4.4 * cm
        else:
            self.height = 7.2 * cm
        # Every text is fitted now, so that the notes of what is cut are numbered in
        # the order of the chart and known before the document's notes are laid out.
        regular, bold = regular_and_bold()
        self.names: dict[str, tuple[tuple[str, float], tuple[str, float]]] = {}
        for seat in table.seats:
            family, given = _lines(people.get(seat.person_id or ""))
            self.names[seat.id] = (
                notes.fit(family, bold, 7.5, self.pitch - 3),
                notes.fit(given, regular, 7, self.pitch - 3),
            )
        self.caption = notes.fit(table.name, bold, 9, 4 * cm)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """As wide as given, as high as the table needs."""
        return self.width, self.height

    def _seat(self, seat: Seat, x: float, y: float, name_dx: float, name_dy: float) -> None:
        """A seat circle with its number, and the sitter's name offset by (name_dx, name_dy)."""
        regular, bold = regular_and_bold()
        canvas: Canvas = self.canv
        canvas.setFillColor(_GUEST if seat.person_id in self.guests else white)
        canvas.setStrokeColor(black if seat.step_free else _STEP)
        canvas.setLineWidth(0.8)
        if not seat.step_free:
            canvas.setDash(1.5, 1.5)
        canvas.circle(x, y, _SEAT_RADIUS, stroke=1, fill=1)
        canvas.setDash()
        canvas.setFillColor(black)
        canvas.setFont(bold, 7.5)
        canvas.drawCentredString(x, y - 2.6, str(seat.number))
        (family, family_size), (given, given_size) = self.names[seat.id]
        top = y + name_dy
        canvas.setFont(bold, family_size)
        canvas.drawCentredString(x + name_dx, top, family)
        canvas.setFont(regular, given_size)
        canvas.drawCentredString(x + name_dx, top - 8.5, given)

    def draw(self) -> None:
        """The table in the middle of its box, seats around it, names outside."""
        _regular, bold = regular_and_bold()
        canvas: Canvas = self.canv
        centre_x, centre_y = self.width / 2, self.height / 2
        canvas.setStrokeColor(black)
        canvas.setFillColor(_TABLE_FILL)
        canvas.setLineWidth(1)
        if self.table.shape in _DRAWN_TO_SHAPE:
            centre_y = self._draw_shaped(centre_x, centre_y)
        elif self.table.shape is TableShape.ROUND:
            canvas.circle(centre_x, centre_y, self.radius, stroke=1, fill=1)
            ring = self.table.side(SeatSide.ROUND)
            for index, seat in enumerate(ring):
                angle = math.pi / 2 - 2 * math.pi * index / max(len(ring), 1)
                x = centre_x + (self.radius + 0.55 * cm) * math.cos(angle)
                y = centre_y + (self.radius + 0.55 * cm) * math.sin(angle)
                out = 1.0 * cm
                self._seat(seat, x, y, out * math.cos(angle), out * math.sin(angle) + 2)
        else:
            length = self.count * self.pitch
            depth = 1.4 * cm if self.table.shape is TableShape.LONG else 0.9 * cm
            left = centre_x - length / 2
            bottom = centre_y - depth / 2
            if self.table.shape is TableShape.HEAD:
                bottom = 0.6 * cm
            canvas.roundRect(left, bottom, length, depth, 3, stroke=1, fill=1)
            for seat in self.table.side(SeatSide.NORTH):
                x = left + (seat.position + 0.5) * self.pitch
                self._seat(seat, x, bottom + depth + 0.5 * cm, 0, 0.75 * cm)
            for seat in self.table.side(SeatSide.SOUTH):
                x = left + (seat.position + 0.5) * self.pitch
                self._seat(seat, x, bottom - 0.5 * cm, 0, -0.75 * cm)
            for seat in self.table.side(SeatSide.WEST):
                y = centre_y + (seat.position - (self.ends - 1) / 2) * 0.9 * cm
                self._seat(seat, left - 0.55 * cm, y, -self.pitch * 0.7, 0.1 * cm)
            for seat in self.table.side(SeatSide.EAST):
                y = centre_y + ((self.ends - 1) / 2 - seat.position) * 0.9 * cm
                self._seat(seat, left + length + 0.55 * cm, y, self.pitch * 0.7, 0.1 * cm)
            centre_y = bottom + depth / 2
        canvas.setFillColor(black)
        caption, size = self.caption
        canvas.setFont(bold, size)
        canvas.drawCentredString(centre_x, centre_y - 3, caption)

    def _draw_shaped(self, centre_x: float, centre_y: float) -> float:
        """An imperial or U table: its outline, its seats around it, each name outside
        its seat; the height of its caption (a U's between its arms, low down)."""
        canvas: Canvas = self.canv
        scale = self.scale

        def at(point: tuple[float, float]) -> tuple[float, float]:
            # Room metres, y south, to the drawing's points, y up.
            return centre_x + point[0] * scale, centre_y - point[1] * scale

        path = canvas.beginPath()
        first, *rest = [at(p) for p in self.footprint.outline]
        path.moveTo(*first)
        for x, y in rest:
            path.lineTo(x, y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
        aside = max(1.2 * cm, 0.7 * self.pitch)
        for seat, point in self.footprint.seats:
            x, y = at(point)
            east, south = self.outward[seat.id]
            self._seat(seat, x, y, east * aside, -south * 0.75 * cm + abs(east) * 0.1 * cm)
        if self.table.shape is TableShape.U:
            _length, depth = size(self.table)
            return centre_y - depth * scale / 2 + 0.5 * cm
        return centre_y


#: The highest an imperial or U table is drawn, names included.
_SHAPED_HEIGHT: Final = 11 * cm
#: The shapes drawn from the room plan's geometry.
_DRAWN_TO_SHAPE: Final = frozenset({TableShape.IMPERIAL, TableShape.U})


def _guests(data: VisitData) -> frozenset[str]:
    guest_sides = {d.id for d in data.delegations if d.side.value != "host"}
    return frozenset(p.id for p in data.people if p.delegation_id in guest_sides)


def seat_list(
    data: VisitData, event: Event, lang: str, width: float, page_height: float, notes: Notes
) -> GridTable:
    """Seat by seat: number, table, name in both scripts, title (a text longer than a
    field holds is cut, with a note; rows taller than `page_height` are split)."""
    st = styles()
    people = {p.id: p for p in data.people}
    main = data.visit.main_language
    rows: list[list[object]] = [
        [
            Paragraph(escape(gettext_in(lang, text)), st["small"])
            for text in (N_("Seat"), N_("Table"), N_("Name"), N_("Title"))
        ]
    ]
    plan = event.seating
    for table, seat in plan.seats() if plan else []:
        person = people.get(seat.person_id or "")
        name = ""
        if person is not None:
            name = escape(notes.cap(person.formal_name()))
            native = person.native_name()
            if native and native != person.latin_name():
                name += f"<br/>{escape(notes.cap(native))}"
        title = notes.cap(person.title.get(lang, main)) if person else ""
        rows.append(
            [
                Paragraph(str(seat.number), st["small"]),
                Paragraph(escape(notes.cap(printed_table_name(table.name, lang))), st["small"]),
                Paragraph(name or "—", st["small"]),
                Paragraph(escape(title), st["small"]),
            ]
        )
    grid = SplittingTable(
        rows,
        colWidths=[1.2 * cm, 2.8 * cm, 5.5 * cm, width - 9.5 * cm],
        repeatRows=1,
        page_height=page_height,
    )
    grid.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, Color(0.8, 0.8, 0.8)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), regular_and_bold()[0]),
            ]
        )
    )
    return grid


def door_list(
    data: VisitData, event: Event, lang: str, width: float, page_height: float, notes: Notes
) -> list[Flowable]:
    """The guests in alphabetical order with their table and seat, for whoever shows
    them in at the door (a heading, then the list; nothing without a plan)."""
    plan = event.seating
    if plan is None:
        return []
    st = styles()
    people = {p.id: p for p in data.people}
    seated = []
    for table, seat in plan.seats():
        person = people.get(seat.person_id or "")
        if person is not None:
            key = fold(f"{person.latin_name() or person.formal_name()}")
            family = fold(person.family_name or person.family_name_native)
            table_name = printed_table_name(table.name, lang)
            seated.append(((family, key), person, table_name, seat.number))
    seated.sort(key=lambda item: item[0])
    rows: list[list[object]] = [
        [
            Paragraph(escape(gettext_in(lang, text)), st["small"])
            for text in (N_("Name"), N_("Table"), N_("Seat"))
        ]
    ]
    for _key, person, table_name, number in seated:
        family = (person.family_name or person.family_name_native).upper()
        given = person.given_name or person.given_name_native
        native = person.native_name()
        name = escape(notes.cap(f"{family} {given}".strip()))
        if native and native != person.latin_name():
            name += f" — {escape(notes.cap(native))}"
        rows.append(
            [
                Paragraph(name, st["small"]),
                Paragraph(escape(notes.cap(table_name)), st["small"]),
                Paragraph(str(number), st["small"]),
            ]
        )
    grid = SplittingTable(
        rows,
        colWidths=[width - 5.6 * cm, 3.8 * cm, 1.8 * cm],
        repeatRows=1,
        page_height=page_height,
    )
    grid.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, Color(0.8, 0.8, 0.8)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), regular_and_bold()[0]),
            ]
        )
    )
    heading = gettext_in(lang, "Guests in alphabetical order, for the door")
    return [Paragraph(escape(heading), st["heading"]), grid]


def seating_chart_flowables(
    data: VisitData,
    event: Event,
    lang: str,
    width: float = 25.7 * cm,
    *,
    notes: Notes,
    page_height: float = 17 * cm - 12,
) -> list[Flowable]:
    """A meal's seating chart for a PDF: heading, each table drawn, then the seat list.

    `width` and `page_height` are the frame's (landscape A4 with 2 cm margins by
    default). What a seat or a caption has to cut short is added to `notes`, which the
    caller prints after the chart.
    """
    st = styles()
    main = data.visit.main_language
    title = notes.cap(event.title.get(lang, main))
    home = event.start.astimezone(event.start.tzinfo)
    venue = data.venue(event.venue_id).name.get(lang, main) if event.venue_id else ""
    when = f"{format_date(home.date(), 'full', lang)}, {format_time(home, lang)}"
    heading = [
        Paragraph(
            escape(gettext_in(lang, "Seating plan: {event}").format(event=title)), st["title"]
        ),
        Paragraph(escape(" · ".join(p for p in (when, notes.cap(venue)) if p)), st["body"]),
    ]
    plan = event.seating
    if plan is None or not plan.tables:
        return [*heading, Paragraph(escape(gettext_in(lang, "No seating plan yet.")), st["body"])]
    people = {p.id: p for p in data.people}
    strategy = label(plan.strategy, lang)
    heading.append(
        Paragraph(
            escape(
                gettext_in(lang, "Strategy: {strategy}. North is the top of the chart.").format(
                    strategy=strategy
                )
            ),
            st["small"],
        )
    )
    guests = _guests(data)
    # Each table with its caption; lists, not nested KeepTogethers, which reportlab
    # cannot measure inside another (the chart then always went to the next page).
    drawings: list[list[Flowable]] = [
        [
            Paragraph(
                escape(
                    gettext_in(lang, "{table} — {shape}, seats: {count}").format(
                        table=notes.cap(table.name),
                        shape=label(table.shape, lang),
                        count=len(table.seats),
                    )
                ),
                st["heading"],
            ),
            TableDrawing(table, people, guests, width, notes),
        ]
        # The names the program gives, in the chart's language (domain/table_names.py).
        for table in (replace(t, name=printed_table_name(t.name, lang)) for t in plan.tables)
    ]
    legend = Paragraph(
        escape(
            gettext_in(
                lang,
                "Blue seats: guests. A dashed seat cannot be reached by a wheelchair.",
            )
        ),
        st["small"],
    )
    return [
        KeepTogether([*heading, Spacer(1, 0.3 * cm), *drawings[0]]),
        *(KeepTogether(drawing) for drawing in drawings[1:]),
        legend,
        Spacer(1, 0.4 * cm),
        seat_list(data, event, lang, width, page_height, notes),
    ]


def notes_flowables(notes: Notes, lang: str) -> list[Flowable]:
    """The notes of a chart or of place cards, in the protocol PDFs' styles."""
    st = styles()
    if not len(notes):
        return []
    return [Spacer(1, 0.4 * cm), *notes.flowables(lang, st["heading"], st["small"])]
