"""Two pages of the book: the emergency contacts, and the distribution list.

The emergency contacts (duty officer, embassy, security lead, the nearest hospital day by
day) are duty contacts: every book and every personal pack prints them, a pack for the
days its reader has events. Their phones never break across lines (the book's
hyphenation holds a phone number together).

The distribution list (the numbered copies and who holds each) is internal: only an
internal book of the whole visit prints it, never a shareable book nor a pack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

from reportlab.platypus import Flowable, KeepTogether

from visitplanner.domain.contacts import Contact
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.gifts import party
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing.blocks import (
    data_table,
    facts,
    heading,
    nothing,
    section_title,
    titled,
)
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import MUTED_HEX
from visitplanner.i18n import N_, format_date


def copy_words(ctx: BookContext, number: int, total: int) -> str:
    """ "Copy 3 of 12" in the book's language ("Exemplaire n° 3 / 12")."""
    return ctx.t(N_("Copy {number} of {total}")).format(number=number, total=total)


def _contact(contact: Contact) -> str:
    """A contact as one cell: the name, the phone in bold, the address."""
    lines = []
    if contact.name.strip():
        lines.append(esc(contact.name))
    if contact.phone.strip():
        lines.append(f"<b>{esc(contact.phone)}</b>")
    if contact.address.strip():
        lines.append(esc(contact.address))
    return "<br/>".join(lines)


def _missing(ctx: BookContext) -> str:
    words = ctx.t(N_("not given"))
    return f'<font color="{MUTED_HEX}">{esc(words)}</font>'


def build_emergency(ctx: BookContext) -> Iterator[Flowable]:
    """Whom to call, and the hospital of each day (the pack's reader's days in a pack);
    nothing for a visit with no emergency contact written."""
    emergency = ctx.data.visit.emergency
    if not emergency:
        return
    if ctx.person is not None:
        yield from _pack_emergency(ctx)
        return
    yield from section_title(
        ctx,
        ctx.t(N_("Emergency contacts")),
        ctx.t(N_("Day and night: whom to call when something goes wrong.")),
    )
    rows = [
        (ctx.t(N_("24-hour duty officer")), _contact(emergency.duty_officer) or _missing(ctx)),
        (ctx.t(N_("Embassy")), _contact(emergency.embassy) or _missing(ctx)),
        (ctx.t(N_("Security lead")), _contact(emergency.security_lead) or _missing(ctx)),
    ]
    yield from facts(ctx, rows)
    days: set[date] = {day for day, _events in ctx.by_day}
    if ctx.person is None:
        days |= {h.day for h in emergency.hospitals if h}
    if not days:
        return
    header = [
        ctx.t(N_("Day")),
        ctx.t(N_("Nearest hospital")),
        ctx.t(N_("Address")),
        ctx.t(N_("Phone")),
    ]
    table_rows = []
    for day in sorted(days):
        hospital = emergency.hospital_on(day)
        if hospital is None:
            table_rows.append([esc(ctx.day(day)), _missing(ctx), "", ""])
            continue
        table_rows.append(
            [
                esc(ctx.day(day)),
                esc(hospital.name),
                esc(hospital.address),
                f"<b>{esc(hospital.phone)}</b>" if hospital.phone.strip() else "",
            ]
        )
    title = heading(ctx, ctx.t(N_("Nearest hospital, day by day")), 1)
    yield from titled(title, data_table(ctx, header, table_rows, [0.18, 0.32, 0.28, 0.22]))


def _pack_emergency(ctx: BookContext) -> Iterator[Flowable]:
    """The pack's emergency contacts, kept together in a quarter of a page: a line per
    contact and per day of the reader's, so that the pack stays short (it follows the
    section before on its page when it fits there whole, see the renderer)."""
    emergency = ctx.data.visit.emergency

    def line(contact: Contact) -> str:
        parts = [esc(contact.name)] if contact.name.strip() else []
        if contact.phone.strip():
            parts.append(f"<b>{esc(contact.phone)}</b>")
        if contact.address.strip():
            parts.append(esc(contact.address))
        return " — ".join(parts) or _missing(ctx)

    rows = [
        (
            ctx.t(N_("24-hour duty officer")),
            line(dataclasses.replace(emergency.duty_officer, address="")),
        ),
        (ctx.t(N_("Embassy")), line(emergency.embassy)),
        (
            ctx.t(N_("Security lead")),
            line(dataclasses.replace(emergency.security_lead, address="")),
        ),
    ]
    for day, _events in ctx.by_day:
        found = emergency.hospital_on(day)
        label = ctx.t(N_("Hospital, {day}")).format(day=format_date(day, "d MMMM", ctx.lang))
        hospital = Contact(found.name, found.address, found.phone) if found else Contact()
        rows.append((label, line(hospital)))
    parts = [heading(ctx, ctx.t(N_("Emergency contacts")), 0), *facts(ctx, rows)]
    yield KeepTogether(parts)


def _copy_order(copy_: BookCopy) -> tuple[date, str, int]:
    return (copy_.printed_on, copy_.edition, copy_.number)


def build_distribution(ctx: BookContext) -> Iterator[Flowable]:
    """The numbered copies and their holders; only in an internal book of the whole
    visit that has copies recorded."""
    if ctx.options.profile is not Profile.INTERNAL or ctx.person is not None:
        return
    copies = sorted(ctx.data.copies, key=_copy_order)
    if not copies:
        return
    yield from section_title(
        ctx,
        ctx.t(N_("Distribution list")),
        ctx.t(N_("The numbered copies of this book and who holds each; internal.")),
    )
    header = [
        ctx.t(N_("Copy")),
        ctx.t(N_("Holder")),
        ctx.t(N_("Edition")),
        ctx.t(N_("Printed")),
        ctx.t(N_("Returned or destroyed")),
    ]
    rows = []
    for copy_ in copies:
        holder = party(copy_.holder_id, copy_.holder_name, ctx.people)
        back = ""
        if copy_.returned_on is not None:
            when = format_date(copy_.returned_on, "long", ctx.lang)
            back = ctx.t(N_("returned {date}")).format(date=when)
        if copy_.destroyed_on is not None:
            when = format_date(copy_.destroyed_on, "long", ctx.lang)
            destroyed = ctx.t(N_("destroyed {date}")).format(date=when)
            back = f"{back}\n{destroyed}".strip()
        rows.append(
            [
                esc(
                    ctx.t(N_("{number} of {total}")).format(number=copy_.number, total=copy_.total)
                ),
                esc(holder) if holder else _missing(ctx),
                esc(copy_.edition),
                esc(format_date(copy_.printed_on, "long", ctx.lang)),
                esc(back).replace("\n", "<br/>"),
            ]
        )
    yield data_table(ctx, header, rows, [0.1, 0.32, 0.2, 0.18, 0.2])
    if not any(c.out for c in copies):
        yield nothing(ctx, ctx.t(N_("Every copy has come back or was destroyed.")))
