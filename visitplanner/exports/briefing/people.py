"""Who is who: the delegation lists in order of precedence, and the biographies."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from visitplanner.domain.address import AddressBook, AddressUse
from visitplanner.domain.model import Person
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing.blocks import (
    data_table,
    heading,
    heading_markup,
    section_title,
    titled,
)
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.details import labelled, languages
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import precedence_order
from visitplanner.exports.briefing.styles import BODY_WIDTH, RULE, layout_style
from visitplanner.i18n import N_

log = logging.getLogger(__name__)

#: The largest side of a photo as embedded, in pixels (about 300 dpi at 35 mm).
PHOTO_PIXELS = 420
PHOTO_WIDTH = 30 * mm


def _groups(ctx: BookContext) -> list[tuple[str, str, list[Person]]]:
    """(title, subtitle, members) for each delegation by position, then people of none."""
    groups = []
    for delegation in sorted(ctx.data.delegations, key=lambda d: d.position):
        members = ctx.members(delegation.id)
        if not members:
            continue
        head = ctx.people.get(delegation.head_id or "")
        subtitle = ctx.enum(delegation.side)
        if head is not None:
            subtitle += " — " + labelled(ctx, ctx.t(N_("head")), esc(ctx.name_inline(head)))
        groups.append((ctx.text(delegation.name), subtitle, members))
    others = [
        p for p in ctx.data.people if not p.delegation_id or p.delegation_id not in ctx.delegations
    ]
    if others:
        groups.append((ctx.t(N_("Other personalities")), "", precedence_order(ctx.data, others)))
    return groups


def build_delegations(ctx: BookContext) -> Iterator[Flowable]:
    """Each delegation in its order of precedence, names in both scripts (each
    delegation's table made as the layout reaches it). A personal pack has none: it
    names the people its reader meets at each event."""
    if ctx.person is not None:
        return
    groups = _groups(ctx)
    if not groups:
        return
    internal = ctx.options.profile is Profile.INTERNAL
    yield from section_title(ctx, ctx.t(N_("Delegations")))
    header = [
        ctx.t(N_("No.")),
        ctx.t(N_("Name")),
        ctx.t(N_("Title and function")),
        ctx.t(N_("Role")),
        ctx.t(N_("Languages")),
    ]
    widths = [0.06, 0.32, 0.38, 0.12, 0.12]
    if internal:
        header.append(ctx.t(N_("Private details")))
        widths = [0.05, 0.28, 0.31, 0.11, 0.1, 0.15]
    book = AddressBook.of(ctx.data)
    for title, subtitle, members in groups:
        rows = []
        for number, person in enumerate(members, start=1):
            row = [
                str(number),
                ctx.name_markup(person),
                _title_and_address(ctx, book, person),
                esc(ctx.enum(person.role)),
                esc(languages(ctx, person.languages)),
            ]
            if internal:
                row.append(esc(_private(ctx, person)))
            rows.append(row)
        lead = [Paragraph(subtitle, ctx.styles.note), Spacer(1, 4)] if subtitle else []
        table = data_table(ctx, header, rows, widths, right=(0,))
        yield from titled(heading(ctx, title, 1), *lead, table, room=140)


def _title_and_address(ctx: BookContext, book: AddressBook, person: Person) -> str:
    """The title, and under it in italics how the person is addressed aloud when that
    says more than a civility ("Madame la Ministre", "Mon Général", "Пане Андрію")."""
    title = esc(ctx.title_of(person))
    spoken = book.form(person, ctx.lang, AddressUse.SPOKEN)
    if len(spoken.split()) < 2:
        return title
    said = f"<i>{esc(spoken)}</i>"
    return f"{title}<br/>{said}" if title else said


def _address_line(ctx: BookContext, book: AddressBook, person: Person) -> str:
    """How to address the person aloud and in a letter (one short line: a personal pack
    holds the biographies of everyone its reader meets)."""
    parts = [
        (N_("Form of address"), book.form(person, ctx.lang, AddressUse.SPOKEN)),
        (N_("in a letter"), book.form(person, ctx.lang, AddressUse.LETTER)),
    ]
    return " · ".join(
        ctx.t(N_("{label}: {value}")).format(label=ctx.t(label), value=esc(value))
        for label, value in parts
        if value
    )


def _private(ctx: BookContext, person: Person) -> str:
    """Private details (internal books only): private phone, diet and access as recorded."""
    phone = ctx.t(N_("private: {phone}")).format(phone=person.private_phone)
    parts = (
        phone if person.private_phone else "",
        ctx.text(person.dietary_detail),
        ctx.text(person.accessibility_detail),
    )
    return "\n".join(p for p in parts if p)


def _bio_people(ctx: BookContext) -> list[Person]:
    """Whose biography the book prints: everyone with one, or in a per-person pack the
    people that person meets outside their own delegation (the minister's pack printed
    her own biography and her deputy's)."""
    if ctx.person is None:
        candidates = [p for _t, _s, members in _groups(ctx) for p in members]
    else:
        met: set[str] = set()
        for event in ctx.live_events:
            met.update(event.participant_ids)
        own = ctx.person.delegation_id
        met.discard(ctx.person.id)
        candidates = [
            p
            for _t, _s, members in _groups(ctx)
            for p in members
            if p.id in met and (own is None or p.delegation_id != own)
        ]
    return [p for p in candidates if ctx.text(p.biography) or p.photo]


def build_biographies(ctx: BookContext) -> Iterator[Flowable]:
    """A biography per person who has one, with the photo when there is one (each made,
    photo read, as the layout reaches it)."""
    people = _bio_people(ctx)
    if not people:
        return
    yield from section_title(ctx, ctx.t(N_("Biographies")))
    book = AddressBook.of(ctx.data)
    for person in people:
        yield _biography(ctx, person, book)


def _biography(ctx: BookContext, person: Person, book: AddressBook) -> Flowable:
    styles = ctx.styles
    name = heading_markup(ctx, ctx.name_markup(person), ctx.name_inline(person), 1, styles.h2)
    about: list[Flowable] = [
        Paragraph(esc(ctx.title_of(person)), styles.note),
        Paragraph(esc(ctx.delegation_name(person)), styles.note),
        Paragraph(_address_line(ctx, book, person), styles.note),
        Spacer(1, 4),
        Paragraph(esc(ctx.text(person.biography)), styles.body),
    ]
    photo = _photo(person)
    body: list[Flowable] = about
    if photo is not None:
        table = Table(
            [[photo, about]],
            colWidths=[PHOTO_WIDTH + 8, BODY_WIDTH - PHOTO_WIDTH - 8],
            hAlign="LEFT",
        )
        table.setStyle(
            layout_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 8),
                ]
            )
        )
        body = [table]
    rule = HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=6, spaceAfter=4)
    return KeepTogether([name, *body, rule])


def _photo(person: Person) -> Flowable | None:
    """The person's photo, scaled down and re-encoded; None if absent or unreadable."""
    if not person.photo:
        return None
    try:
        with PILImage.open(io.BytesIO(person.photo)) as source:
            source.load()
            picture = source.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError):
        log.warning("the photo of %s cannot be read; printed without it", person.id)
        return None
    picture.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
    encoded = io.BytesIO()
    picture.save(encoded, format="JPEG", quality=85)
    encoded.seek(0)
    width, height = picture.size
    return Image(encoded, width=PHOTO_WIDTH, height=PHOTO_WIDTH * height / width)
