"""The protocol PDFs: a meal's place cards and seating chart; a ceremony's running order
(with the gifts handed over), flags, introductions, wreaths and placement diagram.

Every export goes through the shareable profile (nothing private is printed) and is
written by `write_private`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as GridTable

from visitplanner.domain.address import AddressBook, AddressUse
from visitplanner.domain.flags import flags_of, flags_text
from visitplanner.domain.gift_lines import GiftLine, with_gifts
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import event_order
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Grade, Profile
from visitplanner.exports.files import write_private
from visitplanner.exports.page_furniture import (
    PDF_LANGUAGE,
    Furniture,
    furnish,
    furnished_canvas,
)
from visitplanner.exports.pdf_fonts import regular_and_bold
from visitplanner.exports.pdf_layout import (
    LayoutError,
    Notes,
    SplittingTable,
    layout_failure,
)
from visitplanner.exports.place_cards import card_sheets, cards_for
from visitplanner.exports.placement_chart import PlacementDrawing
from visitplanner.exports.seating_chart import (
    door_list,
    notes_flowables,
    seating_chart_flowables,
    styles,
)
from visitplanner.i18n import N_, _, format_time, gettext_in

_MARGIN = 2 * cm
_LANDSCAPE = landscape(A4)
_WIDTH = _LANDSCAPE[0] - 2 * _MARGIN
#: The height a table has on a landscape page (the frame's, less its paddings).
_HEIGHT = _LANDSCAPE[1] - 2 * _MARGIN - 12


def _document(
    buffer: io.BytesIO, title: str, cards: bool, data: VisitData, furniture: Furniture
) -> BaseDocTemplate:
    regular, _bold = regular_and_bold()
    main = data.visit.main_language
    # The canvas's own initial font too, so that no page names a font without Cyrillic.
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=data.visit.organiser.name.get(furniture.lang, main) or "VisitPlanner",
        subject=furniture.document,
        creator="VisitPlanner",
        lang=PDF_LANGUAGE[furniture.lang],
        initialFontName=regular,
    )
    # A chart's page carries the marking at its top and foot, the date and its number.
    chart = PageTemplate(
        id="chart",
        pagesize=_LANDSCAPE,
        frames=[Frame(_MARGIN, _MARGIN, _WIDTH, _LANDSCAPE[1] - 2 * _MARGIN, id="chart")],
        onPage=furnish,
    )
    sheet = PageTemplate(
        id="cards",
        pagesize=A4,
        frames=[
            Frame(
                0,
                0,
                A4[0],
                A4[1],
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id="cards",
            )
        ],
    )
    doc.addPageTemplates([sheet, chart] if cards else [chart])
    return doc


def seating_pdf(data: VisitData, event: Event, lang: str) -> bytes:
    """Place cards (two to an A4 sheet), then the seating chart on landscape pages."""
    shown = for_profile(data, Profile.SHAREABLE)
    event = shown.event(event.id)
    notes = Notes()
    sheets = card_sheets(cards_for(shown, event, lang), lang, notes)
    buffer = io.BytesIO()
    title = event.title.get(lang, shown.visit.main_language)
    what = gettext_in(lang, N_("Place cards and seating chart"))
    furniture = Furniture.of(shown, f"{what} — {title}", lang)
    doc = _document(buffer, title, bool(sheets), shown, furniture)
    # Each sheet fills its page; the template change applies from the next page on.
    story: list[Flowable] = [*sheets, NextPageTemplate("chart")] if sheets else []
    story += seating_chart_flowables(shown, event, lang, _WIDTH, notes=notes, page_height=_HEIGHT)
    door = door_list(shown, event, lang, _WIDTH, _HEIGHT, notes)
    story += [PageBreak(), *door] if door else []
    story += notes_flowables(notes, lang)
    _build(doc, story, _("Place cards and seating chart"), shown, furniture)
    return buffer.getvalue()


def _build(
    doc: BaseDocTemplate, story: list[Flowable], what: str, data: VisitData, furniture: Furniture
) -> None:
    """Lay `story` out; a layout that cannot be made is a message naming the likely text."""
    try:
        doc.build(story, canvasmaker=furnished_canvas(furniture))
    except LayoutError as exc:
        raise layout_failure(what, data, exc) from exc


def _grid_style() -> TableStyle:
    """Rules under the heading and between lines; cells set in the Unicode font."""
    return TableStyle(
        [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, Color(0.8, 0.8, 0.8)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), regular_and_bold()[0]),
        ]
    )


def _running_order(data: VisitData, event: Event, lang: str, notes: Notes) -> GridTable:
    st = styles()
    main = data.visit.main_language
    rows: list[list[object]] = [
        [
            Paragraph(escape(gettext_in(lang, t)), st["small"])
            for t in (N_("Time"), N_("Action"), N_("Who"), N_("Where"))
        ]
    ]
    home = event.start.tzinfo
    for line in with_gifts(data, event, lang):
        if isinstance(line, GiftLine):
            when = format_time(line.at.astimezone(home), lang) if line.at else ""
            rows.append(
                [
                    Paragraph(escape(when), st["small"]),
                    Paragraph(escape(notes.cap(line.action)), st["small"]),
                    Paragraph(escape(notes.cap(line.who)), st["small"]),
                    Paragraph("", st["small"]),
                ]
            )
            continue
        rows.append(
            [
                Paragraph(escape(format_time(line.at.astimezone(home), lang)), st["small"]),
                Paragraph(escape(line.action.get(lang, main)), st["small"]),
                Paragraph(escape(notes.cap(line.who.get(lang, main))), st["small"]),
                Paragraph(escape(notes.cap(line.where.get(lang, main))), st["small"]),
            ]
        )
    grid = SplittingTable(
        rows,
        colWidths=[1.5 * cm, 10 * cm, 7.2 * cm, _WIDTH - 18.7 * cm],
        repeatRows=1,
        page_height=_HEIGHT,
    )
    grid.setStyle(_grid_style())
    return grid


def _introductions(data: VisitData, event: Event, lang: str, notes: Notes) -> GridTable | None:
    """How each ranked participant is introduced and addressed, in order of precedence
    (drivers, security officers and interpreters, unranked, are not announced)."""
    st = styles()
    book = AddressBook.of(data)
    people = [p for p in event_order(data, event) if p.grade is not Grade.UNRANKED]
    if not people:
        return None
    rows: list[list[object]] = [
        [
            Paragraph(escape(gettext_in(lang, t)), st["small"])
            for t in (N_("No."), N_("Introduced as"), N_("Addressed as"))
        ]
    ]
    for number, person in enumerate(people, start=1):
        rows.append(
            [
                Paragraph(str(number), st["small"]),
                Paragraph(
                    escape(notes.cap(book.form(person, lang, AddressUse.INTRODUCTION))),
                    st["small"],
                ),
                Paragraph(escape(book.form(person, lang, AddressUse.SPOKEN)), st["small"]),
            ]
        )
    grid = SplittingTable(
        rows, colWidths=[1.2 * cm, 17.5 * cm, _WIDTH - 18.7 * cm], repeatRows=1, page_height=_HEIGHT
    )
    grid.setStyle(_grid_style())
    return grid


def _names(data: VisitData, ids: Sequence[str], notes: Notes) -> str:
    people = {p.id: p for p in data.people}
    return ", ".join(notes.cap(people[i].formal_name()) for i in ids if i in people)


def _wreaths(data: VisitData, event: Event, lang: str, notes: Notes) -> GridTable:
    st = styles()
    main = data.visit.main_language
    rows: list[list[object]] = [
        [
            Paragraph(escape(gettext_in(lang, t)), st["small"])
            for t in (N_("Order"), N_("Ribbon"), N_("Laid by"), N_("Carried by"))
        ]
    ]
    for number, wreath in enumerate(event.wreaths, start=1):
        rows.append(
            [
                Paragraph(str(number), st["small"]),
                Paragraph(escape(notes.cap(wreath.ribbon.get(lang, main))), st["small"]),
                Paragraph(escape(_names(data, wreath.layer_ids, notes)), st["small"]),
                Paragraph(escape(_names(data, wreath.carrier_ids, notes)), st["small"]),
            ]
        )
    grid = SplittingTable(
        rows,
        colWidths=[2 * cm, 8.5 * cm, 8 * cm, _WIDTH - 18.5 * cm],
        repeatRows=1,
        page_height=_HEIGHT,
    )
    grid.setStyle(_grid_style())
    return grid


def ceremony_flowables(data: VisitData, event: Event, lang: str) -> list[Flowable]:
    """A ceremony's running order, wreaths and placement diagram, for a PDF, then the
    notes giving in full what a box or a cell had to cut short."""
    st = styles()
    notes = Notes()
    main = data.visit.main_language
    title = notes.cap(event.title.get(lang, main))
    story: list[Flowable] = [Paragraph(escape(title), st["title"])]
    flags = flags_of(data, event)
    if flags:
        heading = gettext_in(lang, N_("Flags, in order of precedence"))
        story += [
            Paragraph(escape(heading), st["heading"]),
            Paragraph(escape(flags_text(flags, lang)), st["small"]),
            Spacer(1, 0.3 * cm),
        ]
    story += [
        Paragraph(escape(gettext_in(lang, "Running order")), st["heading"]),
        _running_order(data, event, lang, notes),
        Spacer(1, 0.4 * cm),
    ]
    introductions = _introductions(data, event, lang, notes)
    if introductions is not None:
        heading = gettext_in(lang, N_("Introductions"))
        story += [Paragraph(escape(heading), st["heading"]), introductions, Spacer(1, 0.4 * cm)]
    if event.wreaths:
        heading = gettext_in(lang, "Wreaths, in the order they are laid")
        wreaths = _wreaths(data, event, lang, notes)
        story += [
            KeepTogether([Paragraph(escape(heading), st["heading"]), wreaths]),
            Spacer(1, 0.4 * cm),
        ]
    if event.placement:
        heading = gettext_in(lang, "Placement plan")
        drawing = PlacementDrawing(data, event, lang, _WIDTH, notes)
        story.append(KeepTogether([Paragraph(escape(heading), st["heading"]), drawing]))
    return story + notes_flowables(notes, lang)


def ceremony_pdf(data: VisitData, event: Event, lang: str) -> bytes:
    """The ceremony's running order, wreaths and placement diagram on landscape pages."""
    shown = for_profile(data, Profile.SHAREABLE)
    event = shown.event(event.id)
    buffer = io.BytesIO()
    title = event.title.get(lang, shown.visit.main_language)
    what = gettext_in(lang, N_("Ceremony sheet"))
    furniture = Furniture.of(shown, f"{what} — {title}", lang)
    doc = _document(buffer, title, False, shown, furniture)
    _build(doc, ceremony_flowables(shown, event, lang), _("Ceremony sheet"), shown, furniture)
    return buffer.getvalue()


def write_seating_pdf(path: Path, data: VisitData, event: Event, lang: str) -> None:
    """Write the place cards and the seating chart of `event` to `path`."""
    write_private(path, seating_pdf(data, event, lang))


def write_ceremony_pdf(path: Path, data: VisitData, event: Event, lang: str) -> None:
    """Write the running order, wreaths and placement diagram of `event` to `path`."""
    write_private(path, ceremony_pdf(data, event, lang))
