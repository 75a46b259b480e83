"""The dietary sheet of each meal with a seating plan: for the caterer, by table and
seat, each guest's name and dietary needs and allergies.

It holds medical detail: only an internal book prints it, never a personal pack.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable, PageBreak, Paragraph

from visitplanner.domain.model import Event, Person
from visitplanner.domain.table_names import printed_table_name
from visitplanner.domain.values import Need, Profile
from visitplanner.exports.briefing.blocks import data_table, heading, section_title, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.details import place
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import MUTED_HEX, WARN_HEX
from visitplanner.i18n import N_


def dietary_meals(ctx: BookContext) -> list[Event]:
    """The book's meals (any event not cancelled) with a seating plan."""
    return [e for e in ctx.live_events if e.seating is not None and e.seating.tables]


def build_dietary(ctx: BookContext) -> Iterator[Flowable]:
    """A sheet per meal with a seating plan, each from the top of a page; nothing in a
    shareable book or a personal pack."""
    if ctx.options.profile is not Profile.INTERNAL or ctx.person is not None:
        return
    meals = dietary_meals(ctx)
    if not meals:
        return
    yield from section_title(
        ctx,
        ctx.t(N_("Dietary sheets")),
        ctx.t(N_("For the caterer: each guest's dietary needs and allergies, by table and seat.")),
    )
    for index, meal in enumerate(meals):
        if index:
            yield PageBreak()
        yield from dietary_sheet(ctx, meal)


def needs(ctx: BookContext, person: Person) -> str:
    """A guest's dietary needs as markup: the detail in bold, "none", or a warning
    that nobody asked."""
    if person.dietary_detail:
        return f"<b>{esc(ctx.text(person.dietary_detail))}</b>"
    if person.dietary is Need.NONE:
        return f'<font color="{MUTED_HEX}">{esc(ctx.t(N_("none")))}</font>'
    if person.dietary is Need.GIVEN:
        return f"<b>{esc(ctx.t(N_('yes, detail not recorded: ask')))}</b>"
    return f'<font color="{WARN_HEX}">{esc(ctx.t(N_("not known: ask")))}</font>'


def dietary_sheet(ctx: BookContext, meal: Event) -> list[Flowable]:
    """The sheet of one meal: when and where, a count, then every seat taken."""
    assert meal.seating is not None
    seated: list[tuple[str, int, Person]] = [
        (printed_table_name(table.name, ctx.lang), seat.number, ctx.people[seat.person_id])
        for table, seat in meal.seating.seats()
        if seat.person_id in ctx.people
    ]
    seated_ids = {person.id for _table, _number, person in seated}
    unseated = [p for p in ctx.participants(meal) if p.id not in seated_ids]
    guests = [person for _table, _number, person in seated] + unseated
    with_needs = sum(1 for p in guests if p.dietary_detail or p.dietary is Need.GIVEN)
    unknown = sum(1 for p in guests if not p.dietary_detail and p.dietary is Need.UNKNOWN)
    when = f"{ctx.day(ctx.local(meal.start).date())} · {ctx.span(meal)}"
    count = ctx.t(N_("{guests} guests: {needs} with dietary needs, {unknown} not known")).format(
        guests=len(guests), needs=with_needs, unknown=unknown
    )
    title = ctx.t(N_("Dietary sheet: {event}")).format(event=ctx.text(meal.title))
    parts: list[Flowable] = [
        heading(ctx, title, 1),
        Paragraph(esc(when), ctx.styles.h1_sub),
        Paragraph(place(ctx, meal), ctx.styles.note),
        Paragraph(esc(count), ctx.styles.body),
    ]
    header = [
        ctx.t(N_("Table")),
        ctx.t(N_("Seat")),
        ctx.t(N_("Name")),
        ctx.t(N_("Delegation")),
        ctx.t(N_("Dietary needs and allergies")),
    ]
    rows = [
        [
            esc(table),
            str(number),
            ctx.name_markup(person),
            esc(ctx.delegation_name(person)),
            needs(ctx, person),
        ]
        for table, number, person in seated
    ]
    rows += [
        [
            esc(ctx.t(N_("not seated"))),
            "",
            ctx.name_markup(person),
            esc(ctx.delegation_name(person)),
            needs(ctx, person),
        ]
        for person in unseated
    ]
    widths = [0.15, 0.07, 0.3, 0.18, 0.3]
    parts += titled(
        heading(ctx, ctx.t(N_("Guests by table and seat")), 2, ctx.styles.h3, outline=False),
        data_table(ctx, header, rows, widths, right=(1,)),
    )
    return parts
