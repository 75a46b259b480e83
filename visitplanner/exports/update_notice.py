"""The printed notice of programme changes for a person without a usable e-mail address.

One A4 page in the person's language: the visit's handling marking at the top and the
foot, the date of printing and the page's number (exports/page_furniture), whom it is
for, each change (was → now), what to do with the calendar file beside it, and whom to
ask. A long list is set smaller until it fits one page (down to 7 pt), then flows onto
more pages rather than losing a change. The caller passes the shareable programme only:
nothing private is printed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from visitplanner.exports.changes import ChangeWords
from visitplanner.exports.page_furniture import (
    PDF_LANGUAGE,
    Furniture,
    furnish,
    furnished_canvas,
)
from visitplanner.exports.pdf_fonts import regular_and_bold
from visitplanner.exports.pdf_layout import LayoutError
from visitplanner.exports.update_mail import EventChange, change_lines
from visitplanner.i18n import N_

_MARGIN = 2 * cm
_WIDTH = A4[0] - 2 * _MARGIN
_MUTED = Color(0.35, 0.35, 0.35)
#: Body sizes tried in turn until the notice fits one page.
_SIZES = (10.5, 9.5, 8.5, 7.5, 7.0)


@dataclass(frozen=True, slots=True)
class NoticeHead:
    """What the notice says besides the changes (all in the person's language)."""

    visit: str
    marking: str
    printed: str
    person: str
    since: str
    office: str
    contacts: tuple[str, ...]
    calendar_file: str


def _styles(size: float) -> dict[str, ParagraphStyle]:
    regular, bold = regular_and_bold()
    lead = size * 1.3
    return {
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=size + 6, leading=size + 9, spaceAfter=4
        ),
        "person": ParagraphStyle(
            "person", fontName=bold, fontSize=size + 2, leading=size + 5, spaceAfter=2
        ),
        "muted": ParagraphStyle(
            "muted", fontName=regular, fontSize=size - 1, leading=lead, textColor=_MUTED
        ),
        "change": ParagraphStyle(
            "change", fontName=bold, fontSize=size, leading=lead, spaceBefore=size * 0.6
        ),
        "line": ParagraphStyle(
            "line", fontName=regular, fontSize=size, leading=lead, leftIndent=12
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=size, leading=lead),
    }


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(" ".join(text.split())), style)


def _story(
    head: NoticeHead, changes: Sequence[EventChange], words: ChangeWords, size: float
) -> list[Flowable]:
    say, style = words.t, _styles(size)
    story: list[Flowable] = [
        _paragraph(say(N_("Changes to your programme")), style["title"]),
        _paragraph(head.person, style["person"]),
        _paragraph(f"{head.visit} — {head.since}", style["muted"]),
        Spacer(1, size * 0.6),
    ]
    for change in changes:
        first, *rest = change_lines(change, words)
        block: list[Flowable] = [_paragraph(first, style["change"])]
        block += [_paragraph(line, style["line"]) for line in rest]
        story.append(KeepTogether(block))
    story.append(Spacer(1, size))
    story.append(
        _paragraph(
            say(
                N_(
                    "The calendar file {file} holds these changes: open it on your phone or "
                    "computer to bring your calendar up to date."
                )
            ).format(file=head.calendar_file),
            style["body"],
        )
    )
    if head.office or head.contacts:
        story.append(Spacer(1, size * 0.6))
        story.append(
            _paragraph(say(N_("Questions: {office}")).format(office=head.office), style["body"])
        )
        story += [_paragraph(line, style["body"]) for line in head.contacts]
    return story


def notice_pdf(head: NoticeHead, changes: Sequence[EventChange], words: ChangeWords) -> bytes:
    """The notice as PDF bytes: one page at the largest size that fits, else more pages
    at the smallest. Raises `LayoutError` only for a text reportlab cannot place."""
    regular, _bold = regular_and_bold()
    payload = b""
    for size in _SIZES:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_MARGIN,
            bottomMargin=_MARGIN,
            title=words.t(N_("Changes to your programme")),
            author=head.office or "VisitPlanner",
            creator="VisitPlanner",
            subject=words.t(N_("Changes to your programme")),
            lang=PDF_LANGUAGE.get(words.lang, words.lang),
            initialFontName=regular,
        )
        furniture = Furniture(
            marking=" ".join(head.marking.split()).upper(),
            printed=words.t(N_("Printed {date}")).format(date=head.printed),
            document=" ".join(head.visit.split()),
            lang=words.lang,
        )
        doc.build(
            _story(head, changes, words, size),
            onFirstPage=furnish,
            onLaterPages=furnish,
            canvasmaker=furnished_canvas(furniture),
        )
        payload = buffer.getvalue()
        if doc.page <= 1:
            break
    return payload


__all__ = ["LayoutError", "NoticeHead", "notice_pdf"]
