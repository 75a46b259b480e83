"""The gifts sheet: who gives what to whom, at which event and when, in the internal
book of the whole visit.

It holds the gifts' values, keepers and declarations: only an internal book prints it,
never a shareable book or a personal pack.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable

from visitplanner.domain.gifts import Gift, in_order, party
from visitplanner.domain.model import Event
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing.blocks import data_table, section_title
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import MUTED_HEX
from visitplanner.i18n import N_


def build_gifts(ctx: BookContext) -> Iterator[Flowable]:
    """The register as one table, by the time of each gift's event; nothing in a
    shareable book, a personal pack, or a visit without gifts."""
    if ctx.options.profile is not Profile.INTERNAL or ctx.person is not None:
        return
    gifts = in_order(ctx.data)
    if not gifts:
        return
    yield from section_title(
        ctx,
        ctx.t(N_("Gifts")),
        ctx.t(N_("Who gives what to whom, at which event; values and declarations are internal.")),
    )
    header = [
        ctx.t(N_("When")),
        ctx.t(N_("Event")),
        ctx.t(N_("Giver")),
        ctx.t(N_("Recipient")),
        ctx.t(N_("Gift")),
        ctx.t(N_("Status")),
        ctx.t(N_("Value")),
        ctx.t(N_("Bought or kept by")),
    ]
    rows = [_row(ctx, gift, event) for gift, event in gifts]
    yield data_table(ctx, header, rows, [0.14, 0.15, 0.12, 0.12, 0.18, 0.1, 0.09, 0.1])


def _row(ctx: BookContext, gift: Gift, event: Event | None) -> list[str]:
    people = ctx.people
    if event is not None:
        when = f"{ctx.short_day(event.start)} {ctx.time(event.start)}"
        where = esc(ctx.text(event.title))
    else:
        when, where = "", f'<font color="{MUTED_HEX}">{esc(ctx.t(N_("no event")))}</font>'
    value = ""
    if gift.value is not None:
        value = f"{gift.value} {gift.currency_in(ctx.data.visit.gift_currency)}"
        if gift.declared:
            value += "<br/>" + esc(ctx.t(N_("declared")))
            if gift.declared_on is not None:
                value += " " + esc(ctx.day(gift.declared_on))
    return [
        esc(when),
        where,
        esc(party(gift.giver_id, gift.giver_name, people)),
        esc(party(gift.recipient_id, gift.recipient_name, people)),
        esc(ctx.text(gift.description)),
        esc(ctx.enum(gift.status)),
        value,
        esc(party(gift.keeper_id, "", people)),
    ]
