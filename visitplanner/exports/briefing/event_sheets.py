"""One sheet per event: purpose, facts, participants in order of precedence, and the
minute-by-minute running order of a ceremony."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph

from visitplanner.domain.flags import flags_of, flags_text
from visitplanner.domain.gift_lines import GiftLine, with_gifts
from visitplanner.domain.model import Event
from visitplanner.domain.values import Access, EventKind
from visitplanner.exports.briefing.blocks import data_table, facts, heading, section_title, titled
from visitplanner.exports.briefing.context import MOVES, BookContext
from visitplanner.exports.briefing.details import (
    interpretation,
    personal,
    place,
    press,
    responsible,
    status_flag,
    vehicles,
)
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import places_held
from visitplanner.exports.briefing.styles import BODY_HEIGHT, BODY_WIDTH
from visitplanner.i18n import N_

#: Events that get no sheet: moves are on the movements sheet, rest needs none.
NO_SHEET = MOVES | {EventKind.REST}


def sheet_events(ctx: BookContext) -> list[Event]:
    """The events that get a sheet: not cancelled, not a move, not rest."""
    return [e for e in ctx.live_events if e.kind not in NO_SHEET]


def pack_sheet_events(ctx: BookContext) -> list[Event]:
    """The events that get a sheet in a personal pack: those with a running order
    (a ceremony is lived minute by minute); the pack's programme gives the others with
    the reader's own part."""
    return [e for e in sheet_events(ctx) if e.running_order]


#: In a personal pack, an event's sheet follows the one before on the same page when
#: this much room is left (points); the book gives each sheet its own page.
PACK_SHEET_ROOM = 220


def build_event_sheets(ctx: BookContext) -> Iterator[Flowable]:
    """A sheet per event, each from the top of a page, made as the layout reaches it.

    A personal pack prints only the sheets of its reader's events with a running
    order, following one another (a sheet per event on a page of its own made packs of
    forty pages)."""
    if ctx.person is not None:
        yield from _pack_sheets(ctx)
        return
    events = sheet_events(ctx)
    if not events:
        return
    yield from section_title(ctx, ctx.t(N_("Event sheets")))
    for index, event in enumerate(events):
        if index:
            yield PageBreak()
        yield from event_sheet(ctx, event)


def _pack_sheets(ctx: BookContext) -> Iterator[Flowable]:
    """A personal pack's sheets, one after the other: each sheet's title and facts kept
    together (with the section's title before the first), so that no title ends a page."""
    for index, event in enumerate(pack_sheet_events(ctx)):
        before = section_title(ctx, ctx.t(N_("Event sheets"))) if index == 0 else []
        if index:
            yield CondPageBreak(PACK_SHEET_ROOM)
        yield KeepTogether([*before, *_sheet_head(ctx, event)])
        yield from _running_order(ctx, event)
        yield from _participants(ctx, event)


def event_sheet(ctx: BookContext, event: Event) -> list[Flowable]:
    """The sheet of one event."""
    parts = _sheet_head(ctx, event)
    # The running order is what is held at a ceremony: it comes first, and whole on
    # one page when it fits on one.
    parts += _running_order(ctx, event)
    parts += _participants(ctx, event)
    return parts


def _sheet_head(ctx: BookContext, event: Event) -> list[Flowable]:
    """The title of an event's sheet, when it is, and its facts."""
    styles = ctx.styles
    when = " · ".join(
        p
        for p in (
            ctx.day(ctx.local(event.start).date()),
            ctx.span(event),
            ctx.elsewhere(event),
            ctx.enum(event.kind),
        )
        if p
    )
    flag = status_flag(ctx, event)
    parts: list[Flowable] = [
        heading(ctx, ctx.text(event.title), 1),
        Paragraph(esc(when) + (f" · {flag}" if flag else ""), styles.h1_sub),
    ]
    venue = ctx.venue(event.venue_id)
    access = ""
    if venue is not None:
        notes = ctx.text(venue.access_notes)
        step_free = (
            ctx.t(N_("step-free access"))
            if venue.step_free is Access.YES
            else ctx.t(N_("no step-free access"))
            if venue.step_free is Access.NO
            else ""
        )
        access = esc(" — ".join(p for p in (step_free, notes) if p))
    rows = [
        *personal(ctx, event),
        (ctx.t(N_("Purpose")), esc(ctx.text(event.purpose))),
        (ctx.t(N_("Venue")), place(ctx, event)),
        (ctx.t(N_("Access")), access),
        (ctx.t(N_("Security")), esc(ctx.text(venue.security_notes)) if venue else ""),
        (ctx.t(N_("Dress code")), esc(ctx.text(event.dress_code))),
        (ctx.t(N_("Flags")), esc(flags_text(flags_of(ctx.data, event), ctx.lang))),
        (ctx.t(N_("Press")), press(ctx, event)),
        (ctx.t(N_("Interpretation")), interpretation(ctx, event)),
        (ctx.t(N_("Officer in charge")), responsible(ctx, event)),
        (ctx.t(N_("Vehicles")), vehicles(ctx, event)),
        (ctx.t(N_("Notes")), esc(ctx.text(event.notes))),
    ]
    parts += facts(ctx, rows)
    return parts


def _participants(ctx: BookContext, event: Event) -> list[Flowable]:
    if ctx.person is not None:
        return _met(ctx, event)
    people = ctx.participants(event)
    if not people:
        return []
    seats = ["<br/>".join(esc(s) for s in places_held(event, p, ctx.lang)) for p in people]
    with_seats = any(seats)
    header = [
        ctx.t(N_("No.")),
        ctx.t(N_("Name")),
        ctx.t(N_("Title and function")),
        ctx.t(N_("Delegation")),
    ]
    widths: list[float] = [0.06, 0.34, 0.38, 0.22]
    if with_seats:
        header.append(ctx.t(N_("Place")))
        widths = [0.05, 0.26, 0.27, 0.16, 0.26]
    rows = []
    for number, (person, seat) in enumerate(zip(people, seats, strict=True), start=1):
        row = [
            str(number),
            ctx.name_markup(person),
            esc(ctx.title_of(person)),
            esc(ctx.delegation_name(person)),
        ]
        if with_seats:
            row.append(seat)
        rows.append(row)
    title = ctx.t(N_("Participants in order of precedence ({count})")).format(count=len(people))
    return titled(
        heading(ctx, title, 2, ctx.styles.h3, outline=False),
        data_table(ctx, header, rows, widths, right=(0,)),
    )


def _running_order(ctx: BookContext, event: Event) -> list[Flowable]:
    written = sorted(event.running_order, key=lambda line: line.at.timestamp())
    lines = with_gifts(ctx.data, replace(event, running_order=written), ctx.lang)
    if not lines:
        return []
    header = [ctx.t(N_("Time")), ctx.t(N_("Action")), ctx.t(N_("Who")), ctx.t(N_("Where"))]
    rows = [
        [
            f"<b>{esc(ctx.time(line.at))}</b>" if line.at else "",
            esc(line.action),
            esc(line.who),
            "",
        ]
        if isinstance(line, GiftLine)
        else [
            f"<b>{esc(ctx.time(line.at))}</b>",
            esc(ctx.text(line.action)),
            esc(ctx.text(line.who)),
            esc(ctx.text(line.where)),
        ]
        for line in lines
    ]
    table = data_table(ctx, header, rows, [0.09, 0.41, 0.27, 0.23])
    height = table.wrap(BODY_WIDTH, BODY_HEIGHT)[1] + 30
    return titled(
        heading(ctx, ctx.t(N_("Running order")), 2, ctx.styles.h3, outline=False),
        table,
        room=height if height < BODY_HEIGHT else 90,
    )


def _met(ctx: BookContext, event: Event) -> list[Flowable]:
    """Who the reader of a personal pack meets at `event`: their own delegation in one
    line, everyone else by name, title and delegation (their places are their own)."""
    reader = ctx.person
    assert reader is not None
    people = [p for p in ctx.participants(event) if p.id != reader.id]
    if not people:
        return []
    ours = reader.delegation_id
    own = [p for p in people if ours and p.delegation_id == ours]
    others = [p for p in people if p not in own]
    parts: list[Flowable] = []
    if own:
        if ours is not None and len(own) == len(ctx.members(ours)) - 1 and len(own) > 2:
            line = ctx.t(N_("With the whole of your delegation ({count} people)")).format(
                count=len(own)
            )
        else:
            line = ctx.t(N_("With, from your delegation: {names}")).format(
                names=", ".join(ctx.short_name(p) for p in own)
            )
        parts.append(Paragraph(esc(line), ctx.styles.body))
    if others:
        header = [
            ctx.t(N_("No.")),
            ctx.t(N_("Name")),
            ctx.t(N_("Title and function")),
            ctx.t(N_("Delegation")),
        ]
        rows = [
            [
                str(number),
                ctx.name_markup(person),
                esc(ctx.title_of(person)),
                esc(ctx.delegation_name(person)),
            ]
            for number, person in enumerate(others, start=1)
        ]
        parts.append(data_table(ctx, header, rows, [0.06, 0.34, 0.38, 0.22], right=(0,)))
    title = ctx.t(N_("Who you meet there ({count})")).format(count=len(people))
    return titled(heading(ctx, title, 2, ctx.styles.h3, outline=False), *parts)
