"""The book's seating charts and ceremony placements, from the protocol arrangements.

A meal with a seating plan gets its chart and seat list; a ceremony with a
placement gets its diagram. The section is absent when no event has either.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def build_arrangements(ctx: BookContext) -> Iterator[Flowable]:
    """A seating chart per meal and a placement diagram per ceremony, each made as the
    layout reaches it. A personal pack has none: its programme gives the reader's own
    places, and the charts are everyone's."""
    if ctx.person is not None:
        return
    events = arranged_events(ctx)
    if not events:
        return
    yield from section_title(ctx, ctx.t(N_("Seating plans and placement")))
    for index, event in enumerate(events):
        if index:
            yield PageBreak()
        yield from _arrangement(ctx, event)


def _arrangement(ctx: BookContext, event: Event) -> list[Flowable]:
    """The charts of one event, then what they cut short, in full."""
    parts: list[Flowable] = []
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
    # The notes are complete only once every chart of the event is made.
    return parts + notes_flowables(notes, ctx.lang)
