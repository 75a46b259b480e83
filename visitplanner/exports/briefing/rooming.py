"""The hotels in a book: who stays where, in which room type, from when to when; in a
personal pack, "Your hotel".

Read from the stays. A room number shows only where the visit as the book sees it still
holds it: an internal book, and a person's own internal pack (another's number is
emptied there, as a shareable profile empties every one: domain/privacy.py). Billing is
printed only in an internal book of the whole visit.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from reportlab.platypus import Flowable

from visitplanner.domain.model import Venue
from visitplanner.domain.rooming import Stay, room_type_of
from visitplanner.domain.values import Profile, instant
from visitplanner.exports.briefing.blocks import data_table, facts, heading, section_title, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import precedence_order
from visitplanner.i18n import N_


def _moment(ctx: BookContext, moment: datetime) -> str:
    return f"{ctx.short_day(moment)} {ctx.time(moment)}"


def _room(ctx: BookContext, hotel: Venue, stay: Stay) -> str:
    room_type = room_type_of(hotel.room_types, stay.room_type_id)
    return ctx.text(room_type.name) if room_type is not None else ""


def build_hotels(ctx: BookContext) -> Iterator[Flowable]:
    """The hotels section of a book of the whole visit; nothing without stays, nothing in
    a pack (its movements say "Your hotel": `own_hotel`)."""
    if ctx.person is not None:
        return
    hotels = [v for v in ctx.data.venues if v.hotel]
    stays = ctx.data.stays
    if not hotels or not stays:
        return
    internal = ctx.options.profile is Profile.INTERNAL
    yield from section_title(
        ctx, ctx.t(N_("Hotels")), ctx.t(N_("Who stays where, in which room, from when to when."))
    )
    people = ctx.people
    for hotel in hotels:
        mine = [s for s in stays if s.hotel_id == hotel.id and s.person_id in people]
        if not mine:
            continue
        order = {
            p.id: i
            for i, p in enumerate(precedence_order(ctx.data, (people[s.person_id] for s in mine)))
        }
        mine.sort(key=lambda s: (order.get(s.person_id, 0), instant(s.check_in)))
        header = [
            ctx.t(N_("Guest")),
            ctx.t(N_("Room type")),
            ctx.t(N_("Room")),
            ctx.t(N_("Check-in")),
            ctx.t(N_("Check-out")),
            ctx.t(N_("Shares with")),
        ]
        widths = [0.24, 0.17, 0.08, 0.17, 0.17, 0.17]
        if internal:
            header.append(ctx.t(N_("Billing")))
            widths = [0.21, 0.14, 0.07, 0.15, 0.15, 0.16, 0.12]
        rows = []
        for stay in mine:
            mate = people.get(stay.shares_with_id or "")
            row = [
                ctx.name_markup(people[stay.person_id], False),
                esc(_room(ctx, hotel, stay)),
                esc(stay.room_number),
                esc(_moment(ctx, stay.check_in)),
                esc(_moment(ctx, stay.check_out)),
                esc(ctx.short_name(mate)) if mate is not None else "",
            ]
            if internal:
                row.append(esc(ctx.enum(stay.billing)))
            rows.append(row)
        title = heading(ctx, ctx.text(hotel.name), 1)
        yield from titled(title, *_address(ctx, hotel), data_table(ctx, header, rows, widths))


def _address(ctx: BookContext, hotel: Venue) -> list[Flowable]:
    contact = " ".join(p for p in (hotel.contact_name, hotel.contact_phone) if p)
    return facts(
        ctx,
        [
            (ctx.t(N_("Address")), esc(hotel.full_address())),
            (ctx.t(N_("Contact on site")), esc(contact)),
        ],
    )


def own_hotel(ctx: BookContext) -> list[Flowable]:
    """A pack's "Your hotel", under its journeys: each of the person's stays, with the room
    number where the pack may show it (an internal pack); nothing in a book of the visit."""
    if ctx.person is None:
        return []
    stays = ctx.data.stays_of(ctx.person.id)
    venues = {v.id: v for v in ctx.data.venues}
    parts: list[Flowable] = []
    for stay in stays:
        hotel = venues.get(stay.hotel_id)
        if hotel is None:
            continue
        mate = ctx.people.get(stay.shares_with_id or "")
        place = ", ".join(p for p in (hotel.full_address(), hotel.contact_phone) if p)
        room = ", ".join(p for p in (_room(ctx, hotel, stay), stay.room_number) if p)
        lines = [
            f"<b>{esc(ctx.text(hotel.name))}</b>" + (f" — {esc(place)}" if place else ""),
            esc(f"{_moment(ctx, stay.check_in)} → {_moment(ctx, stay.check_out)}")
            + (f" · {esc(room)}" if room else ""),
        ]
        if mate is not None:
            lines.append(esc(f"{ctx.t(N_('Shares with'))} {ctx.short_name(mate)}"))
        parts += facts(ctx, [(ctx.t(N_("Your hotel")), "<br/>".join(lines))])
    if not parts:
        return []
    # No heading nor page of its own: a pack is short, and these lines follow its journeys.
    return parts
