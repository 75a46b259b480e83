"""A meal's room printed to scale: the whole room on one landscape page of A4 or A3, or
one page per table, each with a scale bar and its scale written ("1:100"), then the list
of guests by table for the caterer and the list by name for the door.

The plan draws what the Seating page shows, from the same geometry (`table_geometry`):
a table two metres long at 1:50 is 4 cm on paper. The scale is the largest of the usual
architects' scales at which the room (or the table) fits the page. Every page carries
the marking, the date of printing and its number (`page_furniture`). The caterer's list
has a dietary column only in an internal print: dietary needs are medical detail.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    TableStyle,
)

from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import FeatureKind, Room, Seat, SeatingPlan, SeatSide, Table
from visitplanner.domain.errors import InputError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.table_names import printed_table_name
from visitplanner.domain.values import Need, Profile
from visitplanner.exports.page_furniture import PDF_LANGUAGE, Furniture, furnish, furnished_canvas
from visitplanner.exports.pdf_fonts import fit_text, regular_and_bold
from visitplanner.exports.pdf_layout import Notes, SplittingTable
from visitplanner.exports.seating_chart import door_list, notes_flowables, styles
from visitplanner.i18n import N_, format_date, format_time, gettext_in

#: The papers a plan is printed on, landscape.
PAPERS: Final = {"a4": landscape(A4), "a3": landscape(A3)}
#: The scales tried, largest first (1:N).
SCALES: Final = (10, 20, 25, 50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000)
_MARGIN: Final = 1.5 * cm
#: The room left for the heading above a plan, and for the scale bar below it.
_HEAD: Final = 2.2 * cm
_FOOT: Final = 1.3 * cm
_SEAT_RADIUS_M: Final = 0.22
_TABLE_FILL: Final = Color(0.93, 0.91, 0.86)
_GUEST: Final = Color(0.85, 0.9, 0.98)
_HOST: Final = Color(0.98, 0.93, 0.78)
_STEP: Final = Color(0.55, 0.55, 0.55)
_FEATURE: Final = {
    FeatureKind.DOOR: Color(0.47, 0.35, 0.2),
    FeatureKind.EXIT: Color(0.12, 0.55, 0.24),
    FeatureKind.STAGE: Color(0.47, 0.47, 0.63),
    FeatureKind.FIXED: Color(0.55, 0.55, 0.55),
}


def points_per_metre(scale: int) -> float:
    """How many PDF points a metre of the room takes on paper at 1:`scale`."""
    return 1000 * mm / scale


def choose_scale(width_m: float, depth_m: float, width_pt: float, height_pt: float) -> int:
    """The largest usual scale at which `width_m` × `depth_m` metres fit the box."""
    for scale in SCALES:
        per = points_per_metre(scale)
        if width_m * per <= width_pt and depth_m * per <= height_pt:
            return scale
    return SCALES[-1]


def _extent(tables: Sequence[Table], room: Room | None) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in metres: the room's walls, or the tables with a margin."""
    left, top, right, bottom = geometry.bounds(list(tables))
    if room is not None and room.width > 0 and room.depth > 0:
        w, d = room.width / 2, room.depth / 2
        left, top, right, bottom = min(left, -w), min(top, -d), max(right, w), max(bottom, d)
    for feature in room.features if room is not None else []:
        left, right = min(left, feature.x - 0.5), max(right, feature.x + 0.5)
        top, bottom = min(top, feature.y - 0.5), max(bottom, feature.y + 0.5)
    pad = 0.3
    return left - pad, top - pad, right + pad, bottom + pad


def _bar_metres(per_metre: float) -> float:
    """A round length for the scale bar: about 4 to 10 cm on paper."""
    for metres in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if metres * per_metre >= 4 * cm:
            return metres
    return 100.0


class RoomDrawing(Flowable):
    """The room (or one table) drawn at 1:`scale`, centred in its box, a scale bar under
    it. The names are written when they fit beside their seats."""

    def __init__(
        self,
        plan: SeatingPlan,
        tables: Sequence[Table],
        names: Mapping[str, tuple[str, bool]],
        box: tuple[float, float],
        lang: str,
        *,
        whole_room: bool,
    ) -> None:
        super().__init__()
        self.plan, self.tables, self.names, self.lang = plan, list(tables), names, lang
        self.width, self.height = box
        self.room = plan.room if whole_room else None
        self.extent = _extent(self.tables, self.room)
        left, top, right, bottom = self.extent
        self.scale = choose_scale(right - left, bottom - top, self.width, self.height - _FOOT)
        self.per_metre = points_per_metre(self.scale)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The whole box given."""
        return self.width, self.height

    def _at(self, x: float, y: float) -> tuple[float, float]:
        """A room point (metres, y south) on the page (points, y up), centred in the box."""
        left, top, right, bottom = self.extent
        drawn_w = (right - left) * self.per_metre
        drawn_h = (bottom - top) * self.per_metre
        x0 = (self.width - drawn_w) / 2
        y0 = _FOOT + (self.height - _FOOT - drawn_h) / 2
        return x0 + (x - left) * self.per_metre, y0 + drawn_h - (y - top) * self.per_metre

    def draw(self) -> None:
        """Walls and features, then each table with its seats, then the scale bar."""
        canvas: Canvas = self.canv
        if self.room is not None:
            self._draw_room(canvas, self.room)
        for table in self.tables:
            self._draw_table(canvas, table)
        self._draw_bar(canvas)

    def _draw_room(self, canvas: Canvas, room: Room) -> None:
        regular, _bold = regular_and_bold()
        if room.width > 0 and room.depth > 0:
            x, y = self._at(-room.width / 2, room.depth / 2)
            canvas.setStrokeColor(_STEP)
            canvas.setLineWidth(2)
            canvas.rect(x, y, room.width * self.per_metre, room.depth * self.per_metre)
        for feature in room.features:
            colour = _FEATURE[feature.kind]
            w, d = max(feature.width, 0.3), max(feature.depth, 0.3)
            x, y = self._at(feature.x - w / 2, feature.y + d / 2)
            canvas.setStrokeColor(colour)
            canvas.setFillColor(Color(colour.red, colour.green, colour.blue, alpha=0.2))
            canvas.setLineWidth(1.2)
            canvas.rect(x, y, w * self.per_metre, d * self.per_metre, stroke=1, fill=1)
            canvas.setFillColor(colour)
            canvas.setFont(regular, 7)
            text = feature.label or label(feature.kind, self.lang)
            canvas.drawCentredString(x + w * self.per_metre / 2, y - 8, text)

    def _draw_table(self, canvas: Canvas, table: Table) -> None:
        _regular, bold = regular_and_bold()
        shape = geometry.footprint(table)
        path = canvas.beginPath()
        for index, (x, y) in enumerate(shape.outline):
            px, py = self._at(x, y)
            if index:
                path.lineTo(px, py)
            else:
                path.moveTo(px, py)
        path.close()
        canvas.setStrokeColor(black)
        canvas.setFillColor(_TABLE_FILL)
        canvas.setLineWidth(0.8)
        canvas.drawPath(path, stroke=1, fill=1)
        radius = max(_SEAT_RADIUS_M * self.per_metre, 3.0)
        number_size = max(min(radius * 1.1, 8.0), 3.0)
        name_size = min(max(radius * 0.9, 4.0), 8.0)
        pitch = geometry.SEAT_PITCH * self.per_metre
        directions = geometry.directions(table)
        for seat, (x, y) in shape.seats:
            px, py = self._at(x, y)
            taken = self.names.get(seat.id)
            canvas.setFillColor(white if taken is None else (_GUEST if taken[1] else _HOST))
            canvas.setStrokeColor(black if seat.step_free else _STEP)
            canvas.setLineWidth(1.4 if seat.locked else 0.6)
            if not seat.step_free:
                canvas.setDash(1.2, 1.2)
            canvas.circle(px, py, radius, stroke=1, fill=1)
            canvas.setDash()
            canvas.setFillColor(black)
            canvas.setFont(bold, number_size)
            canvas.drawCentredString(px, py - number_size * 0.35, str(seat.number))
            if taken is not None and self.scale <= 100:
                out = directions[seat.id]
                self._name(canvas, taken[0], seat, out, (px, py), radius, name_size, pitch)
        cx, cy = self._at(*shape.centre)
        caption = printed_table_name(table.name, self.lang) or (
            str(table.number) if table.number is not None else ""
        )
        length = geometry.size(table)[0] * self.per_metre
        shown, size = fit_text(caption, bold, 10, max(length * 0.8, 20), 4)
        canvas.setFont(bold, size)
        canvas.drawCentredString(cx, cy - size * 0.35, shown)

    def _name(
        self,
        canvas: Canvas,
        name: str,
        seat: Seat,
        direction: tuple[float, float],
        at: tuple[float, float],
        radius: float,
        size: float,
        pitch: float,
    ) -> None:
        """A sitter's name outside their seat: above or below it along a side (every other
        one a line further out, as wide as two seats), else beside it."""
        regular, _bold = regular_and_bold()
        dx, dy = direction
        px, py = at
        if abs(dy) >= abs(dx) - 1e-6:
            shown, fitted = fit_text(name, regular, size, 2 * pitch - 4, 3.5)
            line = fitted + 1
            stagger = (seat.position % 2) * line if seat.side is not SeatSide.ROUND else 0
            # Page y points up, the room's south down.
            ny = py - radius - line - stagger if dy > 0 else py + radius + 2 + stagger
            canvas.setFont(regular, fitted)
            canvas.drawCentredString(px, ny, shown)
            return
        shown, fitted = fit_text(name, regular, size, 3 * pitch, 3.5)
        canvas.setFont(regular, fitted)
        if dx > 0:
            canvas.drawString(px + radius + 2, py - fitted * 0.35, shown)
        else:
            canvas.drawRightString(px - radius - 2, py - fitted * 0.35, shown)

    def _draw_bar(self, canvas: Canvas) -> None:
        """A black and white bar of a round length, its ends labelled, and "1:100"."""
        regular, bold = regular_and_bold()
        metres = _bar_metres(self.per_metre)
        length = metres * self.per_metre
        x, y = 0.0, 0.35 * cm
        halves = 4
        for k in range(halves):
            canvas.setFillColor(black if k % 2 == 0 else white)
            canvas.setStrokeColor(black)
            canvas.setLineWidth(0.5)
            canvas.rect(x + k * length / halves, y, length / halves, 4, stroke=1, fill=1)
        canvas.setFillColor(black)
        canvas.setFont(regular, 7)
        canvas.drawCentredString(x, y + 7, "0")
        shown = f"{metres:g} m"
        canvas.drawCentredString(x + length, y + 7, shown)
        canvas.setFont(bold, 9)
        words = gettext_in(self.lang, N_("Scale {scale}")).format(scale=f"1:{self.scale}")
        canvas.drawString(x + length + 1 * cm, y, words)


def _names(data: VisitData, plan: SeatingPlan) -> dict[str, tuple[str, bool]]:
    """Each taken seat's sitter (family name first) and whether they are a guest."""
    people = {p.id: p for p in data.people}
    guests = {d.id for d in data.delegations if d.side.value != "host"}
    names: dict[str, tuple[str, bool]] = {}
    for _table, seat in plan.seats():
        person = people.get(seat.person_id or "")
        if person is not None:
            family = (person.family_name or person.family_name_native).upper()
            given = person.given_name or person.given_name_native
            names[seat.id] = (f"{family} {given}".strip(), person.delegation_id in guests)
    return names


def _needs(person: Person, lang: str) -> str:
    if person.dietary_detail:
        return person.dietary_detail.get(lang)
    if person.dietary is Need.NONE:
        return gettext_in(lang, N_("none"))
    if person.dietary is Need.GIVEN:
        return gettext_in(lang, N_("yes, detail not recorded: ask"))
    return gettext_in(lang, N_("not known: ask"))


def caterer_list(
    data: VisitData, event: Event, lang: str, width: float, page_height: float, *, dietary: bool
) -> list[Flowable]:
    """Table by table, seat by seat: who sits there, and (`dietary`, an internal print
    only) their dietary needs; for the caterer and the waiting staff."""
    plan = event.seating
    if plan is None:
        return []
    st = styles()
    people = {p.id: p for p in data.people}
    columns = [N_("Table"), N_("Seat"), N_("Name")] + ([N_("Dietary needs")] if dietary else [])
    rows: list[list[object]] = [
        [Paragraph(escape(gettext_in(lang, text)), st["small"]) for text in columns]
    ]
    for table, seat in plan.seats():
        person = people.get(seat.person_id or "")
        if person is None:
            continue
        row: list[object] = [
            Paragraph(
                escape(printed_table_name(table.name, lang) or str(table.number or "")),
                st["small"],
            ),
            Paragraph(str(seat.number), st["small"]),
            Paragraph(escape(person.formal_name()), st["small"]),
        ]
        if dietary:
            row.append(Paragraph(escape(_needs(person, lang)), st["small"]))
        rows.append(row)
    widths = [3.5 * cm, 1.5 * cm]
    widths += [width - 5 * cm - 8 * cm, 8 * cm] if dietary else [width - 5 * cm]
    grid = SplittingTable(rows, colWidths=widths, repeatRows=1, page_height=page_height)
    grid.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, Color(0.8, 0.8, 0.8)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    heading = gettext_in(lang, N_("Guests by table, for the caterer"))
    return [Paragraph(escape(heading), st["heading"]), grid]


def plan_pdf(
    data: VisitData,
    event: Event,
    lang: str,
    *,
    paper: str = "a4",
    per_table: bool = False,
    profile: Profile = Profile.SHAREABLE,
) -> bytes:
    """The plan of `event`'s room to scale on landscape `paper` ("a4" or "a3"), the whole
    room or (`per_table`) one page per table; then the caterer's and the door's lists."""
    if paper not in PAPERS:
        raise InputError(
            gettext_in(lang, N_("unknown paper “{paper}” (a4 or a3)")).format(paper=paper)
        )
    shown = for_profile(data, profile)
    event = shown.event(event.id)
    plan = event.seating
    if plan is None or not plan.tables:
        title = event.title.get(lang, shown.visit.main_language)
        raise InputError(
            gettext_in(lang, N_("“{event}” has no tables to print")).format(event=title)
        )
    size = PAPERS[paper]
    width, height = size[0] - 2 * _MARGIN, size[1] - 2 * _MARGIN
    regular, _bold = regular_and_bold()
    main = shown.visit.main_language
    title = event.title.get(lang, main)
    what = gettext_in(lang, N_("Plan of the room"))
    furniture = Furniture.of(shown, f"{what} — {title}", lang)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        title=title,
        author=shown.visit.organiser.name.get(lang, main) or "VisitPlanner",
        subject=furniture.document,
        creator="VisitPlanner",
        lang=PDF_LANGUAGE[lang],
        initialFontName=regular,
    )
    frame = Frame(_MARGIN, _MARGIN, width, height, id="plan", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="plan", pagesize=size, frames=[frame], onPage=furnish)])
    st = styles()
    home = event.start.astimezone(event.start.tzinfo)
    when = f"{format_date(home.date(), 'full', lang)}, {format_time(home, lang)}"
    names = _names(shown, plan)
    box = (width - 1, height - _HEAD - 13)
    story: list[Flowable] = []
    pages = [[t] for t in plan.tables] if per_table else [plan.tables]
    for index, tables in enumerate(pages):
        if index:
            story.append(PageBreak())
        if per_table:
            table = tables[0]
            heading = gettext_in(lang, N_("{table} — {shape}, seats: {count}")).format(
                table=printed_table_name(table.name, lang) or str(table.number or ""),
                shape=label(table.shape, lang),
                count=len(table.seats),
            )
        else:
            heading = gettext_in(lang, N_("Plan of the room: {event}")).format(event=title)
        room = plan.room.name
        story += [
            Paragraph(escape(heading), st["title"]),
            Paragraph(escape(" · ".join(p for p in (when, room) if p)), st["body"]),
            RoomDrawing(plan, tables, names, box, lang, whole_room=not per_table),
        ]
    notes = Notes()
    story += [
        PageBreak(),
        *caterer_list(shown, event, lang, width, height - 12, dietary=profile is Profile.INTERNAL),
    ]
    door = door_list(shown, event, lang, width, height - 12, notes)
    story += [PageBreak(), *door] if door else []
    story += notes_flowables(notes, lang)
    doc.build(story, canvasmaker=furnished_canvas(furniture))
    return buffer.getvalue()


def scale_of(tables: Sequence[Table], room: Room | None, paper: str = "a4") -> int:
    """The scale a plan of `tables` (in `room`) is printed at on `paper`."""
    size = PAPERS[paper]
    width, height = size[0] - 2 * _MARGIN - 1, size[1] - 2 * _MARGIN - _HEAD - 13
    left, top, right, bottom = _extent(tables, room)
    return choose_scale(right - left, bottom - top, width, height - _FOOT)


__all__ = ["PAPERS", "caterer_list", "choose_scale", "plan_pdf", "points_per_metre", "scale_of"]
