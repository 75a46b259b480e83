"""The book's seating charts and ceremony placements, from the protocol arrangements.

A meal with a seating plan gets its chart and seat list; a ceremony with a
placement gets its diagram. The section is absent when no event has either.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from visitplanner.domain.model import Event
from visitplanner.exports.briefing.blocks import section_title
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.event_sheets import sheet_events
from visitplanner.exports.briefing.styles import BODY_HEIGHT, BODY_WIDTH
from visitplanner.exports.pdf_layout import Notes
from visitplanner.exports.placement_chart import PlacementDrawing
from visitplanner.exports.seating_chart import notes_flowables, seating_chart_flowables, styles
from visitplanner.i18n import N_


def arranged_events(ctx: BookContext) -> list[Event]:
    """The book's events that have a seating plan or a placement."""
    return [
        e for e in sheet_events(ctx) if (e.seating is not None and e.seating.tables) or e.placement
    ]


def build_arrangements(ctx: BookContext) -> list[Flowable]:
    """A seating chart per meal and a placement diagram per ceremony."""
    events = arranged_events(ctx)
    if not events:
        return []
    parts: list[Flowable] = section_title(ctx, ctx.t(N_("Seating plans and placement")))
    for index, event in enumerate(events):
        if index:
            parts.append(PageBreak())
        # What a seat or a box cuts short is given in full under the event's charts.
        notes = Notes()
        if event.seating is not None and event.seating.tables:
            parts += seating_chart_flowables(
                ctx.data, event, ctx.lang, BODY_WIDTH, notes=notes, page_height=BODY_HEIGHT
            )
        if event.placement:
            title = ctx.t(N_("Placement: {event}")).format(event=notes.cap(ctx.text(event.title)))
            parts.append(CondPageBreak(BODY_WIDTH * 0.6))
            parts.append(Paragraph(escape(title), styles()["title"]))
            parts.append(PlacementDrawing(ctx.data, event, ctx.lang, BODY_WIDTH, notes))
        parts += notes_flowables(notes, ctx.lang)
    return parts
