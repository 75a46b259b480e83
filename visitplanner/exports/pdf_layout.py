"""Long text in PDFs: boxes that shrink it, cut it and give it whole in a note, tables whose
rows split across pages, and the one message a document gives when it cannot be laid out.

Text in a fixed box (a place card, a seat of a chart, a box of a placement diagram)
is made smaller down to the 7 pt floor, then cut with an ellipsis followed by the
number of a note (…³); the document's notes give the full text. Text that flows
(paragraphs, table cells) wraps, long words included, and a table row taller than a
page is split inside the row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import LayoutError

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.kinds import field_label
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import LocalizedText
from visitplanner.exports.pdf_fonts import FLOOR, cut_to_width, fit_text
from visitplanner.i18n import N_, _, gettext_in

__all__ = [
    "FLOOR",
    "DocumentError",
    "LayoutError",
    "Notes",
    "SplittingTable",
    "layout_failure",
    "longest_text",
]

#: The most of one text a note prints (no field holds more; an older file might).
NOTE_LIMIT: Final = 20_000
#: The most of one text a caption or heading of a chart prints before it is cut
#: (the longest title or name a field holds).
CAPTION_LIMIT: Final = 500
_SUPERSCRIPT: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class DocumentError(VisitPlannerError):
    """A document cannot be laid out (a text does not fit its page)."""


def note_mark(number: int) -> str:
    """The number of a note as it follows a cut text: "³", "¹²"."""
    return str(number).translate(_SUPERSCRIPT)


class Notes:
    """The numbered notes of one document: the full text of what a box had to cut short.

    The same text cut in several places (a name on both faces of a card) has one note.
    """

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def add(self, text: str) -> int:
        """The number of the note giving `text` in full (a new one for a new text)."""
        return self._numbers.setdefault(text, len(self._numbers) + 1)

    def items(self) -> Iterator[tuple[int, str]]:
        """(number, full text) in the order the notes were made."""
        for text, number in self._numbers.items():
            yield number, text

    def fit(
        self, text: str, font: str, size: float, width: float, smallest: float = FLOOR
    ) -> tuple[str, float]:
        """`text` at the largest size up to `size` that fits `width` on one line; below
        `smallest`, cut with an ellipsis and the number of a note giving it whole."""
        shown, fitted = fit_text(text, font, size, width, smallest)
        if shown == text:
            return text, fitted
        tail = "…" + note_mark(self.add(text))
        return cut_to_width(text, tail, font, fitted, width), fitted

    def cap(self, text: str, limit: int = CAPTION_LIMIT) -> str:
        """`text`, or its first `limit` characters, an ellipsis and a note's number."""
        if len(text) <= limit:
            return text
        return text[:limit].rstrip() + "…" + note_mark(self.add(text))

    def flowables(self, lang: str, heading: ParagraphStyle, body: ParagraphStyle) -> list[Flowable]:
        """The notes under a "Notes" heading, each a paragraph that may wrap and split
        across pages; nothing when there is no note."""
        if not self._numbers:
            return []
        title = gettext_in(lang, N_("Texts cut short above, in full"))
        parts: list[Flowable] = [Paragraph(escape(title), heading)]
        body = ParagraphStyle(f"{body.name}_note", parent=body, spaceAfter=3)
        for number, text in self.items():
            shown = text if len(text) <= NOTE_LIMIT else text[:NOTE_LIMIT] + "…"
            markup = escape(" ".join(shown.split()))
            parts.append(Paragraph(f"<b>{number}.</b> {markup}", body))
        return parts


class SplittingTable(Table):
    """A table that splits between rows with its header repeated, and when a single
    row is taller than a page, inside that row rather than failing the build.

    `page_height` is the height of the frame the table is laid out in: only on a page
    (almost) empty is a row cut, so that a row that fits on the next page moves whole.
    """

    def __init__(self, *args: Any, page_height: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_height = page_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if not parts and availHeight >= 0.9 * self.page_height:
            # On an (almost) empty page nothing better will come: cut inside the row.
            self.splitInRow = 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = 0
        # reportlab makes the parts with the class alone: they learn the page here.
        for part in parts:
            if isinstance(part, SplittingTable):
                part.page_height = self.page_height
                part.splitInRow = 0
        return parts


def _length(value: Any) -> int:
    """The length of the longest text in `value` (a text, a list, a nested record)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, LocalizedText):
        return max(len(value.fr), len(value.uk), len(value.en))
    if isinstance(value, list | tuple):
        return max((_length(item) for item in value), default=0)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return max((_length(getattr(value, f.name)) for f in dataclasses.fields(value)), default=0)
    return 0


def longest_text(data: VisitData) -> tuple[str, str, int] | None:
    """(who or what, the field in words, its length) of the longest text of the visit's
    people, events, venues, delegations and vehicles; None when there is no text."""
    main = data.visit.main_language
    found: tuple[int, str, str] | None = None
    entities: list[tuple[Any, str]] = [
        *((p, p.display_name()) for p in data.people),
        *((e, e.title.get(main, main)) for e in data.events),
        *((v, v.name.get(main, main)) for v in data.venues),
        *((d, d.name.get(main, main)) for d in data.delegations),
        *((v, v.label.get(main, main)) for v in data.vehicles),
    ]
    for entity, name in entities:
        for field in dataclasses.fields(entity):
            length = _length(getattr(entity, field.name))
            if found is None or length > found[0]:
                found = (length, name, field.name)
    if found is None or not found[0]:
        return None
    length, name, field_name = found
    shown = " ".join(name.split())
    if len(shown) > 60:
        shown = shown[:60].rstrip() + "…"
    return shown, field_label(field_name), length


def layout_failure(document: str, data: VisitData, error: LayoutError) -> DocumentError:
    """The message for a document (`document`, as a message names it) that reportlab
    could not lay out: it names the longest text of the visit, the likely cause."""
    longest = longest_text(data)
    if longest is None:
        return DocumentError(
            _("{document}: a part does not fit on a page").format(document=document)
        )
    who, field, length = longest
    return DocumentError(
        _(
            "{document}: a part does not fit on a page; the longest text is the {field} "
            "of “{name}” ({count} characters): shorten it and try again"
        ).format(document=document, field=field, name=who, count=length)
    )
