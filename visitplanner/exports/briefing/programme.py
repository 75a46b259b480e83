"""The day-by-day programme: for each day, every event with its time, place, facts and
participants, times in the visit's zone."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable

from visitplanner.domain.model import Event
from visitplanner.exports.briefing.blocks import data_table, heading, nothing, section_title, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.details import place, status_flag, summary_lines
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import MUTED_HEX
from visitplanner.i18n import N_, zone_city

#: Column widths of the programme table, as fractions of the body width.
WIDTHS = (0.13, 0.52, 0.35)


def build_programme(ctx: BookContext) -> Iterator[Flowable]:
    """One table per day, each under a heading that the contents list (a day's table
    is made when the layout reaches it)."""
    subtitle = ctx.t(N_("Times are {city} time.")).format(city=_city(ctx))
    yield from section_title(ctx, ctx.t(N_("Programme day by day")), subtitle)
    if not ctx.by_day:
        yield nothing(ctx, ctx.t(N_("No event in the programme yet.")))
        return
    header = [ctx.t(N_("Time")), ctx.t(N_("Event")), ctx.t(N_("Participants"))]
    for day, events in ctx.by_day:
        title = heading(ctx, ctx.day(day), 1)
        rows = [_row(ctx, event) for event in events]
        yield from titled(title, data_table(ctx, header, rows, WIDTHS), room=140)


def _city(ctx: BookContext) -> str:
    return zone_city(ctx.data.visit.tz, ctx.lang)


def _row(ctx: BookContext, event: Event) -> list[str]:
    when = f"<b>{esc(ctx.time(event.start))}</b><br/>– {esc(ctx.time(event.end))}"
    elsewhere = ctx.elsewhere(event)
    if elsewhere:
        when += f'<br/><font color="{MUTED_HEX}" size="7">{esc(elsewhere)}</font>'
    title = f"<b>{esc(ctx.text(event.title))}</b>"
    flag = status_flag(ctx, event)
    kind = f'<font color="{MUTED_HEX}">{esc(ctx.enum(event.kind))}</font>'
    lines = [" ".join(p for p in (title, flag) if p), kind]
    where = place(ctx, event)
    if where:
        lines.append(where)
    lines += summary_lines(ctx, event)
    return [when, "<br/>".join(lines), _participants(ctx, event)]


def _participants(ctx: BookContext, event: Event) -> str:
    """Who takes part (markup). In a pack, a movement in which the reader has a seat
    names beside the delegations only who rides in the reader's car: the liaison
    officers and drivers of the other cars are not people the reader travels with (the
    movements sheet lists every car), and their names made each transfer six lines."""
    reader = ctx.person
    car = ctx.cars.their_car(reader.id, event.id) if reader is not None else None
    if reader is None or car is None:
        return ctx.compact_participants(event)
    riders = {
        a.person_id
        for a in ctx.cars.by_event.get(event.id, ())
        if a.vehicle_id == car.vehicle.id and a.person_id != reader.id
    }
    whole = ctx.compact_participants(event).split("<br/>")
    groups = [line for line in whole if line.startswith("<b>")]
    beside = [
        esc(ctx.short_name(p))
        for p in ctx.participants(event)
        if p.id in riders and p.delegation_id != reader.delegation_id
    ]
    return "<br/>".join(groups + beside)
