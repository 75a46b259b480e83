"""Table cards: a folded tent card per table, its number (or its name) printed large on
both faces, one upside down, so that it reads upright from either side once folded.

One card to a landscape A4 sheet, folded along the dashed line across its middle; the
words are in the document's language, the marking and page furniture left off (a card
stands on a table in front of the guests).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Final

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from visitplanner.domain.arrangements import Table
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.table_names import printed_table_name
from visitplanner.exports.page_furniture import PDF_LANGUAGE
from visitplanner.exports.pdf_fonts import fit_text, regular_and_bold
from visitplanner.i18n import N_, gettext_in

_SHEET: Final = landscape(A4)
_FOLD: Final = Color(0.6, 0.6, 0.6)


def card_words(table: Table, lang: str) -> tuple[str, str]:
    """What a table's card says: a small line ("Table") and the large one (its number,
    else its name); a table with both has its name as the small line."""
    name = printed_table_name(table.name, lang)
    if table.number is not None:
        small = name if name and name != str(table.number) else ""
        return small or gettext_in(lang, N_("Table")), str(table.number)
    return gettext_in(lang, N_("Table")), name


def _face(canvas: Canvas, small: str, large: str, width: float, height: float) -> None:
    """One face, drawn in a box of `width` × `height` with its foot at the origin."""
    regular, bold = regular_and_bold()
    shown, size = fit_text(large, bold, 160 if len(large) <= 3 else 72, width - 2 * cm, 18)
    canvas.setFillColor(black)
    canvas.setFont(bold, size)
    canvas.drawCentredString(width / 2, height * 0.28, shown)
    shown, small_size = fit_text(small, regular, 22, width - 2 * cm, 10)
    canvas.setFont(regular, small_size)
    canvas.drawCentredString(width / 2, height * 0.28 + size * 0.8 + 0.6 * cm, shown)


def table_cards_pdf(data: VisitData, event: Event, lang: str) -> bytes:
    """A tent card per table of `event`'s plan, in the plan's order."""
    plan = event.seating
    tables: Sequence[Table] = plan.tables if plan is not None else []
    if not tables:
        title = event.title.get(lang, data.visit.main_language)
        raise InputError(
            gettext_in(lang, N_("“{event}” has no tables to print")).format(event=title)
        )
    regular, _bold = regular_and_bold()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=_SHEET, initialFontName=regular, lang=PDF_LANGUAGE[lang])  # type: ignore[arg-type]
    main = data.visit.main_language
    canvas.setTitle(gettext_in(lang, N_("Table cards")))
    canvas.setAuthor(data.visit.organiser.name.get(lang, main) or "VisitPlanner")
    canvas.setSubject(event.title.get(lang, main))
    canvas.setCreator("VisitPlanner")
    width, height = _SHEET
    half = height / 2
    for table in tables:
        small, large = card_words(table, lang)
        _face(canvas, small, large, width, half)  # the front, the lower half
        canvas.saveState()
        canvas.translate(width, height)
        canvas.rotate(180)  # the back, upside down on the upper half
        _face(canvas, small, large, width, half)
        canvas.restoreState()
        canvas.setStrokeColor(_FOLD)
        canvas.setDash(4, 4)
        canvas.setLineWidth(0.5)
        canvas.line(0, half, width, half)
        canvas.setDash()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
