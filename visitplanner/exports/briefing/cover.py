"""The front of the book: the cover, the table of contents, the visit at a glance."""

from __future__ import annotations

from collections import Counter
from datetime import date

from reportlab.lib.styles import PropertySet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from visitplanner.domain.model import Event
from visitplanner.domain.values import EventKind, Profile
from visitplanner.exports.briefing.blocks import (
    SplittingTable,
    data_table,
    heading,
    nothing,
    section_title,
)
from visitplanner.exports.briefing.context import MOVES, BookContext
from visitplanner.exports.briefing.details import labelled
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import (
    BODY_HEIGHT,
    BODY_WIDTH,
    HEAD_SHADE,
    MUTED_HEX,
    NAVY,
    RULE,
    WARN,
    layout_style,
)
from visitplanner.i18n import N_, format_date, format_date_range

#: How many days the glance grid puts side by side.
GLANCE_DAYS_PER_ROW = 4
#: More events in a day than this never fit in a column of the glance.
GLANCE_MOST_PER_DAY = 60


def build_cover(ctx: BookContext) -> list[Flowable]:
    """The cover: office, kind of book, visit, dates, delegations, marking, version."""
    styles = ctx.styles
    visit = ctx.data.visit
    # A pack's cover names its reader, and their details in an internal pack: less air.
    wide, mid = (26 * mm, 22 * mm) if ctx.person is None else (14 * mm, 10 * mm)
    parts: list[Flowable] = [Spacer(1, wide)]
    office = ctx.text(visit.organiser.name)
    if office:
        parts.append(Paragraph(esc(office.upper()), styles.cover_office))
    parts += [
        HRFlowable(width="40%", thickness=0.8, color=NAVY, spaceBefore=8, spaceAfter=22),
        Paragraph(
            esc(ctx.t(N_("Personal briefing pack") if ctx.person else N_("Briefing book")).upper()),
            styles.cover_kind,
        ),
        Spacer(1, 8),
        heading(ctx, ctx.text(visit.title), 0, styles.cover_title, in_toc=False, running=False),
        Spacer(1, 8),
        Paragraph(
            esc(_date_range(ctx)),
            styles.cover_text,
        ),
    ]
    if ctx.person is not None:
        parts += _cover_person(ctx)
    parts += [Spacer(1, mid), *_cover_delegations(ctx), Spacer(1, mid)]
    parts += _cover_marking(ctx)
    parts += [
        Spacer(1, wide),
        Paragraph(esc(ctx.version_label), styles.cover_small),
        Paragraph(
            esc(
                ctx.t(N_("Printed on {date}")).format(
                    date=format_date(date.today(), "long", ctx.lang)
                )
            ),
            styles.cover_small,
        ),
    ]
    contact = " · ".join(p for p in (visit.organiser.phone, visit.organiser.email) if p)
    if contact:
        parts.append(Paragraph(esc(contact), styles.cover_small))
    return parts


def _date_range(ctx: BookContext) -> str:
    """The visit's days with the month in full ("6–9 mai 2026", "6–9 травня 2026 р.")."""
    visit = ctx.data.visit
    return format_date_range(visit.start_date, visit.end_date, ctx.lang, full=True)


def _cover_person(ctx: BookContext) -> list[Flowable]:
    assert ctx.person is not None
    person = ctx.person
    styles = ctx.styles
    lines = [Spacer(1, 10 * mm), Paragraph(ctx.name_markup(person), styles.cover_text)]
    about = " — ".join(p for p in (ctx.title_of(person), ctx.delegation_name(person)) if p)
    if about:
        lines.append(Paragraph(esc(about), styles.cover_small))
    own = _own_details(ctx)
    if own:
        lines += [Spacer(1, 4 * mm), Paragraph(own, styles.cover_small)]
    return lines


def _own_details(ctx: BookContext) -> str:
    """An internal pack's reader's own private details as recorded, for them to check
    (markup; "" in a shareable pack or when none is recorded). Nobody else's are in
    the pack."""
    person = ctx.person
    if person is None or ctx.options.profile is not Profile.INTERNAL:
        return ""
    details = [
        (N_("Private phone"), person.private_phone),
        (N_("Dietary needs"), ctx.text(person.dietary_detail)),
        (N_("Accessibility"), ctx.text(person.accessibility_detail)),
    ]
    shown = [labelled(ctx, ctx.t(label), esc(value)) for label, value in details if value]
    if not shown:
        return ""
    title = esc(ctx.t(N_("Your details as recorded (tell the protocol office if wrong)")))
    return "<br/>".join([f"<b>{title}</b>", *shown])


def _cover_delegations(ctx: BookContext) -> list[Flowable]:
    rows = []
    for delegation in sorted(ctx.data.delegations, key=lambda d: d.position):
        head = ctx.people.get(delegation.head_id or "")
        who = ""
        if head is not None:
            who = ctx.name_markup(head)
            title = ctx.text(head.title)
            if title:
                who += f'<br/><font color="{MUTED_HEX}">{esc(title)}</font>'
        rows.append(
            [
                Paragraph(f"<b>{esc(ctx.text(delegation.name))}</b>", ctx.styles.cell),
                Paragraph(who, ctx.styles.cell),
            ]
        )
    if not rows:
        return []
    table = SplittingTable(rows, colWidths=[0.38 * BODY_WIDTH, 0.5 * BODY_WIDTH], hAlign="CENTER")
    table.setStyle(
        layout_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, NAVY),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table]


def _cover_marking(ctx: BookContext) -> list[Flowable]:
    lines = []
    if ctx.marking:
        lines.append(esc(ctx.marking.upper()))
    number, copies = ctx.options.copy_number, ctx.options.copies
    if number is not None and copies is not None:  # a numbered copy says so on its cover
        words = ctx.t(N_("Copy {number} of {total}")).format(number=number, total=copies)
        lines.append(esc(words))
    if ctx.options.profile is Profile.INTERNAL:
        internal = ctx.t(N_("Internal edition: holds private details"))
        lines.append(f'<font size="8.5">{esc(internal)}</font>')
    if not lines:
        return []
    box = SplittingTable(
        [[Paragraph("<br/>".join(lines), ctx.styles.cover_marking)]],
        colWidths=[0.6 * BODY_WIDTH],
        hAlign="CENTER",
    )
    box.setStyle(
        layout_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, WARN),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [box]


def build_contents(ctx: BookContext) -> list[Flowable]:
    """The table of contents, filled by the document template as headings are laid out.

    It is made once per book and given again to each layout pass (`ctx.contents`): it
    lays out the entries that the pass before recorded. A personal pack of a few pages
    has none (its bookmarks remain).
    """
    if ctx.person is not None:
        return []
    if ctx.contents is None:
        ctx.contents = _contents_table(ctx)
    return [*section_title(ctx, ctx.t(N_("Contents")), in_toc=False), ctx.contents]


class Contents(TableOfContents):
    """The table of contents, which lets the table of its entries go once it is placed
    on its pages: it makes it again at the next pass, and a summit book's contents
    hold some 4,000 entries."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts:
            self._table = None
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs lack _sW
        self._table = None


def _contents_table(ctx: BookContext) -> Contents:
    levels: list[PropertySet] = list(ctx.styles.toc_levels)
    return Contents(
        levelStyles=levels,
        dotsMinLevel=1,
        rightColumnWidth=14 * mm,
        tableStyle=layout_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def build_glance(ctx: BookContext) -> list[Flowable]:
    """One page: each day's events side by side (a count by kind when they do not fit).
    A personal pack has none: its programme is short enough to be its own glance."""
    if ctx.person is not None:
        return []
    days = []
    for day, events in ctx.by_day:
        shown = [e for e in events if not e.cancelled and e.kind is not EventKind.TRANSFER]
        if shown:
            days.append((day, shown))
    parts = section_title(ctx, ctx.t(N_("The visit at a glance")))
    if not days:
        return [*parts, nothing(ctx, ctx.t(N_("No event in the programme yet.")))]
    # A day of more events than lines on a page cannot fit: no need to lay the grid out.
    if max(len(events) for _day, events in days) <= GLANCE_MOST_PER_DAY:
        grid = _glance_grid(ctx, days)
        room = BODY_HEIGHT - 60
        if sum(table.wrap(BODY_WIDTH, room)[1] for table in grid) <= room:
            return [*parts, *grid]
    return [*parts, _glance_counts(ctx, days)]


def _glance_grid(ctx: BookContext, days: list[tuple[date, list[Event]]]) -> list[Flowable]:
    tables: list[Flowable] = []
    style = ctx.styles.glance
    for first in range(0, len(days), GLANCE_DAYS_PER_ROW):
        chunk = days[first : first + GLANCE_DAYS_PER_ROW]
        header = [
            Paragraph(esc(format_date(day, "EEEE d MMMM", ctx.lang)), ctx.styles.cell_head)
            for day, _events in chunk
        ]
        cells = []
        for _day, events in chunk:
            cells.append(
                [
                    Paragraph(
                        f"<b>{esc(ctx.time(e.start))}</b>&nbsp; {esc(ctx.text(e.title))}"
                        + _glance_place(ctx, e),
                        style,
                    )
                    for e in events
                ]
            )
        width = BODY_WIDTH / GLANCE_DAYS_PER_ROW
        table = Table([header, cells], colWidths=[width] * len(chunk), hAlign="LEFT")
        table.setStyle(
            layout_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
                    ("LINEAFTER", (0, 0), (-2, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 1), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
                ]
            )
        )
        tables += [table, Spacer(1, 10)]
    return tables


def _glance_place(ctx: BookContext, event: Event) -> str:
    place = ctx.venue_name(event.venue_id) if event.kind not in MOVES else ""
    return f'<br/><font color="{MUTED_HEX}" size="7">{esc(place)}</font>' if place else ""


def _glance_counts(ctx: BookContext, days: list[tuple[date, list[Event]]]) -> Flowable:
    kinds = [k for k in EventKind if k is not EventKind.TRANSFER]
    rows = []
    for day, events in days:
        counted = Counter(e.kind for e in events)
        rows.append(
            [
                esc(format_date(day, "EEEE d MMMM", ctx.lang)),
                f"{esc(ctx.time(events[0].start))} – {esc(ctx.time(events[-1].end))}",
                *[str(counted[k]) if counted[k] else "" for k in kinds],
            ]
        )
    header = [ctx.t(N_("Day")), ctx.t(N_("From – to")), *[ctx.enum(k) for k in kinds]]
    share = 0.55 / len(kinds)
    return data_table(ctx, header, rows, [0.27, 0.18, *[share] * len(kinds)], right=range(2, 9))
