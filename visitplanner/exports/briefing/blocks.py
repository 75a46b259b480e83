"""The building blocks sections are made of: headings that feed the contents and the
bookmarks, tables that split across pages with their header repeated, fact lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from visitplanner.exports import pdf_layout
from visitplanner.exports.briefing.cells import CellParagraph
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.markup import esc, plain
from visitplanner.exports.briefing.styles import (
    BODY_HEIGHT,
    BODY_WIDTH,
    NAVY,
    facts_style,
    table_style,
)

#: The most characters of a heading that its contents entry and bookmark show.
ENTRY_LIMIT: Final = 200


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a heading appears in the contents and the PDF bookmarks."""

    level: int
    toc_markup: str
    outline: str
    key: str
    in_toc: bool = True
    #: Whether the running header shows it as the current section (not the cover).
    running: bool = True


class Heading(Paragraph):
    """A heading paragraph that the document template turns into a contents entry
    and a bookmark. It moves whole to the next page rather than split, unless it is
    taller than a page (then its first part keeps the entry)."""

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        self.entry: Entry | None = kwargs.pop("entry", None)
        super().__init__(text, style, *args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if getattr(self, "height", 0) <= BODY_HEIGHT:
            return []
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for index, part in enumerate(parts):
            if isinstance(part, Heading):
                part.entry = self.entry if index == 0 else None
        return parts


class SplittingTable(pdf_layout.SplittingTable):
    """A table of the book: its rows split across the book's pages (pdf_layout)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("page_height", BODY_HEIGHT)
        super().__init__(*args, **kwargs)


def heading(
    ctx: BookContext,
    text: str,
    level: int,
    style: ParagraphStyle | None = None,
    *,
    in_toc: bool = True,
    outline: bool = True,
    running: bool = True,
) -> Heading:
    """A heading for user or book text `text` (escaped here)."""
    chosen = style or (ctx.styles.h1 if level == 0 else ctx.styles.h2)
    entry = (
        Entry(level, esc(brief(text)), plain(brief(text)), ctx.new_key(), in_toc, running)
        if outline
        else None
    )
    return Heading(esc(text), chosen, entry=entry)


def brief(text: str) -> str:
    """`text` as the contents, the bookmarks and the running header name it: cut with an
    ellipsis past `ENTRY_LIMIT` characters (the heading they lead to prints it whole)."""
    if len(text) <= ENTRY_LIMIT:
        return text
    return text[:ENTRY_LIMIT].rstrip() + "…"


def heading_markup(
    ctx: BookContext, markup: str, outline: str, level: int, style: ParagraphStyle
) -> Heading:
    """A heading whose text is markup the caller escaped; `outline` is its plain text."""
    short = brief(outline)
    return Heading(markup, style, entry=Entry(level, esc(short), plain(short), ctx.new_key()))


def section_title(
    ctx: BookContext, title: str, subtitle: str = "", *, in_toc: bool = True
) -> list[Flowable]:
    """The title of a section (first level of the contents), a subtitle, and a rule."""
    parts: list[Flowable] = [heading(ctx, title, 0, in_toc=in_toc)]
    if subtitle:
        parts.append(Paragraph(esc(subtitle), ctx.styles.h1_sub))
    parts.append(HRFlowable(width="100%", thickness=1.2, color=NAVY, spaceBefore=2, spaceAfter=8))
    return parts


def titled(title: Flowable, *flowables: Flowable, room: float = 90) -> list[Flowable]:
    """A sub-heading and what follows it, starting a new page when less than `room`
    points are left, so that a heading never ends a page (tables then split freely)."""
    return [CondPageBreak(room), title, *flowables]


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup the caller has already escaped."""
    return Paragraph(markup, style)


def text(ctx: BookContext, value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain (user) text, escaped here."""
    return Paragraph(esc(value), style or ctx.styles.body)


def data_table(
    ctx: BookContext,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
) -> SplittingTable:
    """A table of markup cells under a repeated header of book labels.

    `widths` are fractions of the body width; `right` lists right-aligned columns.
    """
    styles = ctx.styles
    head = [CellParagraph(esc(label), styles.cell_head, cache=ctx.cells) for label in header]
    body = [
        [
            CellParagraph(
                cell, styles.cell_right if column in right else styles.cell, cache=ctx.cells
            )
            for column, cell in enumerate(row)
        ]
        for row in rows
    ]
    return SplittingTable(
        [head, *body],
        colWidths=[fraction * BODY_WIDTH for fraction in widths],
        repeatRows=1,
        style=table_style(),
        hAlign="LEFT",
    )


def facts(
    ctx: BookContext, rows: Sequence[tuple[str, str]], label_width: float = 0.24
) -> list[Flowable]:
    """Labelled facts (book label, value markup), leaving out facts with no value."""
    kept = [(label, value) for label, value in rows if value]
    if not kept:
        return []
    styles = ctx.styles
    table = SplittingTable(
        [
            [
                CellParagraph(esc(label), styles.label, cache=ctx.cells),
                CellParagraph(value, styles.cell, cache=ctx.cells),
            ]
            for label, value in kept
        ],
        colWidths=[label_width * BODY_WIDTH, (1 - label_width) * BODY_WIDTH],
        style=facts_style(),
        hAlign="LEFT",
    )
    return [table, Spacer(1, 6)]


def nothing(ctx: BookContext, message: str) -> Paragraph:
    """A muted line saying a section has nothing to show."""
    return Paragraph(esc(message), ctx.styles.note)
