"""What every printed page carries besides its content: the handling marking at the top
and at the foot, the date of printing, the document and "page 3 of 12".

The total number of pages is known only once the document is laid out, so the pages
are kept by a canvas that draws this furniture when it is saved (`FurnishedCanvas`).
A page asks for it by setting `furnish_page` on the canvas while it is drawn (a page
template's `onPage`); a sheet of place cards, which fills the paper to its edges,
does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from reportlab.lib.colors import HexColor
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from visitplanner.domain.markings import marking_in
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import zone
from visitplanner.exports.pdf_fonts import fit_text, regular_and_bold
from visitplanner.i18n import N_, format_date, format_time, gettext_in

_WARN: Final = HexColor("#8A2B2B")
_MUTED: Final = HexColor("#6B7480")
#: Where the furniture sits, from the paper's edge.
_EDGE: Final = 0.9 * cm

#: The PDF's language tag for each interface language.
PDF_LANGUAGE: Final = {"fr": "fr-FR", "uk": "uk-UA", "en": "en-GB"}


@dataclass(frozen=True, slots=True)
class Furniture:
    """The words every page repeats, in the document's language."""

    marking: str
    printed: str
    document: str
    lang: str

    @classmethod
    def of(
        cls, data: VisitData, document: str, lang: str, now: datetime | None = None
    ) -> Furniture:
        """The furniture of a document about `data`, printed `now` (in the visit's zone)."""
        moment = (now or datetime.now(zone(data.visit.tz))).astimezone(zone(data.visit.tz))
        when = f"{format_date(moment.date(), 'long', lang)} {format_time(moment, lang)}"
        return cls(
            marking=marking_in(data.visit.marking, lang).upper(),
            printed=gettext_in(lang, N_("Printed {date}")).format(date=when),
            document=document,
            lang=lang,
        )

    def page_words(self, page: int, total: int) -> str:
        """ "page 3 of 12" in the document's language."""
        return gettext_in(self.lang, N_("page {page} of {total}")).format(page=page, total=total)


def draw_furniture(canvas: Canvas, furniture: Furniture, page: int, total: int) -> None:
    """The marking centred at the top and at the foot; the date of printing and the
    document on the left of the foot, the page number on its right."""
    regular, bold = regular_and_bold()
    width, height = canvas._pagesize  # type: ignore[attr-defined]
    room = width - 2 * _EDGE
    canvas.saveState()
    if furniture.marking:
        shown, size = fit_text(furniture.marking, bold, 9, room, 6)
        canvas.setFont(bold, size)
        canvas.setFillColor(_WARN)
        canvas.drawCentredString(width / 2, height - _EDGE, shown)
        canvas.drawCentredString(width / 2, _EDGE - 2, shown)
    numbers = furniture.page_words(page, total)
    canvas.setFont(regular, 7)
    canvas.setFillColor(_MUTED)
    canvas.drawRightString(width - _EDGE, _EDGE + 9, numbers)
    left_room = room - canvas.stringWidth(numbers, regular, 7) - 12
    foot = f"{furniture.document} — {furniture.printed}"
    shown, size = fit_text(foot, regular, 7, left_room, 6)
    canvas.setFont(regular, size)
    canvas.drawString(_EDGE, _EDGE + 9, shown)
    canvas.restoreState()


def furnished_canvas(furniture: Furniture) -> type[Canvas]:
    """A canvas class (a document's `canvasmaker`) that furnishes the pages asking for it."""

    class FurnishedCanvas(Canvas):
        """Keeps each page until the document is saved, then furnishes and writes them."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.furnish_page = False

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]
            self.furnish_page = False

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if self.furnish_page:
                    draw_furniture(self, furniture, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return FurnishedCanvas


def furnish(canvas: Canvas, _doc: object = None) -> None:
    """A page template's `onPage`: this page gets the furniture."""
    canvas.furnish_page = True  # type: ignore[attr-defined]
