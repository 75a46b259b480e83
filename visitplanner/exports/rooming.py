"""The rooming list of each hotel, as XLSX (a sheet per hotel) or PDF (a section per
hotel), each in the hotel's language.

What a hotel reads: names in Latin script as in the passport (a name transliterated here
says so in its own column), room type and number, check-in and check-out in the hotel's
zone, who shares, step-free, late arrival, notes; billing only in an internal list. The
list goes to the hotel, which gives the room numbers: they are printed whatever the
profile. Compared with the list last sent, each row says whether it was added, changed
or removed since, and the list says which list it is compared with.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from visitplanner.domain.model import VisitData
from visitplanner.domain.rooming_list import Change, RoomingList, RoomingRow
from visitplanner.domain.values import Profile, zone
from visitplanner.exports.page_furniture import PDF_LANGUAGE, Furniture, furnish, furnished_canvas
from visitplanner.exports.pdf_fonts import regular_and_bold
from visitplanner.i18n import N_, format_date, format_time, gettext_in

#: Characters no XML document (a workbook) can hold: C0 controls but tab and line breaks.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: The columns of a list, in order; billing only in an internal list, the change only
#: when compared with a list sent, the transliteration only when a name was.
COLUMNS: Final = (
    ("change", N_("Since the last list")),
    ("name", N_("Name (as in the passport)")),
    ("transliterated", N_("Name transliterated")),
    ("room_type", N_("Room type")),
    ("room_number", N_("Room")),
    ("check_in", N_("Check-in")),
    ("check_out", N_("Check-out")),
    ("shares_with", N_("Shares with")),
    ("step_free", N_("Step-free")),
    ("late_arrival", N_("Late arrival")),
    ("billing", N_("Billing")),
    ("notes", N_("Notes")),
)

CHANGE_WORDS: Final = {
    Change.SAME: "",
    Change.ADDED: N_("added"),
    Change.CHANGED: N_("changed"),
    Change.REMOVED: N_("removed"),
}

BILLING_WORDS: Final = {"host": N_("host pays"), "guest": N_("guest pays")}

_ROW_COLOURS: Final = {
    Change.ADDED: HexColor("#E3F1E3"),
    Change.CHANGED: HexColor("#FFF4D6"),
    Change.REMOVED: HexColor("#F3DEDE"),
}


@dataclass(frozen=True, slots=True)
class Sheet:
    """One hotel's list as cells: its title, the line under it, headers, rows, changes."""

    title: str
    subtitle: str
    headers: list[str]
    rows: list[list[str]]
    changes: list[Change]
    lang: str
    #: The key of each column (COLUMNS), in the order of `headers`.
    keys: list[str]


def billing_labels(profile: Profile, lang: str) -> dict[str, str]:
    """The words for billing in `lang`; none (no billing at all) for a shareable list."""
    if profile is not Profile.INTERNAL:
        return {}
    return {key: gettext_in(lang, word) for key, word in BILLING_WORDS.items()}


@lru_cache(maxsize=4096)
def _moment(value: datetime, tz: str, lang: str) -> str:
    """A time as a list prints it ("06/05/2026 14:00"); a list repeats a few times."""
    local = value.astimezone(zone(tz)) if tz else value
    return f"{format_date(local.date(), 'short', lang)} {format_time(local, lang)}"


def _yes(value: bool, lang: str) -> str:
    return _yes_word(lang) if value else ""


@lru_cache(maxsize=8)
def _yes_word(lang: str) -> str:
    return gettext_in(lang, N_("yes"))


def sheet_of(data: VisitData, rooming: RoomingList, profile: Profile) -> Sheet:
    """The cells of one hotel's list, in its language."""
    lang = rooming.lang
    hotel = rooming.hotel
    keys = [key for key, _header in COLUMNS]
    if rooming.since is None:
        keys.remove("change")
    if profile is not Profile.INTERNAL:
        keys.remove("billing")
    if not any(r.transliterated for r in rooming.rows):
        keys.remove("transliterated")
    headers = [gettext_in(lang, dict(COLUMNS)[key]) for key in keys]
    rows = [[_cell(row, key, lang) for key in keys] for row in rooming.rows]
    title = gettext_in(lang, N_("Rooming list — {hotel}")).format(
        hotel=hotel.name.get(lang, data.visit.main_language)
    )
    visit = data.visit.title.get(lang, data.visit.main_language)
    if rooming.since is None:
        subtitle = visit
    else:
        since = rooming.since
        when = _moment(since.sent, data.visit.tz, lang)
        subtitle = gettext_in(lang, N_("{visit} — changes since list {number} sent {when}")).format(
            visit=visit, number=since.number, when=when
        )
    return Sheet(title, subtitle, headers, rows, [r.change for r in rooming.rows], lang, keys)


@lru_cache(maxsize=64)
def _word(lang: str, message: str) -> str:
    return gettext_in(lang, message)


def _cell(row: RoomingRow, key: str, lang: str) -> str:
    if key == "change":
        word = CHANGE_WORDS[row.change]
        return _word(lang, word) if word else ""
    if key in ("check_in", "check_out"):
        moment: datetime = getattr(row, key)
        return _moment(moment, "", lang)
    if key in ("step_free", "late_arrival", "transliterated"):
        return _yes(bool(getattr(row, key)), lang)
    return str(getattr(row, key))


# --- XLSX ------------------------------------------------------------------------------


def rooming_xlsx(sheets: list[Sheet]) -> bytes:
    """A workbook with one sheet per hotel: title, subtitle, headers, then the rows (a
    row added, changed or removed since the list sent is coloured and says so); every
    cell a text cell (a name starting with "=" is no formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    used: set[str] = set()
    bold, big = Font(bold=True), Font(bold=True, size=13)
    fills = {
        change: PatternFill("solid", fgColor=colour.hexval()[2:].upper())
        for change, colour in _ROW_COLOURS.items()
    }
    for sheet in sheets:
        ws = book.create_sheet(_sheet_name(sheet.title.split("—")[-1].strip(), used))
        for index, header in enumerate(sheet.headers, start=1):
            longest = max([len(header), *(len(r[index - 1]) for r in sheet.rows)])
            ws.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 40)
        ws.freeze_panes = "A4"

        def cell(
            value: str, font: Font | None = None, fill: PatternFill | None = None, ws: Any = ws
        ) -> Any:
            made = WriteOnlyCell(ws, value=_NOT_XML.sub("", value))
            made.data_type = "s"
            if font is not None:
                made.font = font
            if fill is not None:
                made.fill = fill
            return made

        ws.append([cell(sheet.title, big)])
        ws.append([cell(sheet.subtitle)])
        ws.append([cell(h, bold) for h in sheet.headers])
        for row, change in zip(sheet.rows, sheet.changes, strict=True):
            fill = fills.get(change)
            ws.append([cell(value, fill=fill) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the book."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'") or "Hotel"
    base = cleaned[:31]
    found, number = base, 2
    while found.casefold() in used:
        suffix = f" ({number})"
        found, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(found.casefold())
    return found


# --- PDF -------------------------------------------------------------------------------

_MARGIN: Final = 1.6 * cm
_PAGE: Final = landscape(A4)
_WIDTH: Final = _PAGE[0] - 2 * _MARGIN
#: A cell's padding on either side (points).
_PADDING: Final = 4

#: How wide each column is, in shares of the page (the name and the notes widest).
_SHARES: Final = {
    "change": 0.09,
    "name": 0.15,
    "transliterated": 0.06,
    "room_type": 0.1,
    "room_number": 0.06,
    "check_in": 0.12,
    "check_out": 0.12,
    "shares_with": 0.13,
    "step_free": 0.08,
    "late_arrival": 0.08,
    "billing": 0.08,
    "notes": 0.13,
}


def _column_widths(sheet: Sheet, shares: list[float], bold: str, regular: str) -> list[float]:
    """The page's width shared among the columns, none narrower than its longest word
    (a header's in bold, a cell's in the text's font): "Chambre" and "Facturation" were
    broken in two. A column short of its words takes from those with room to spare."""
    longest: list[float] = []
    words_seen: dict[tuple[str, str], float] = {}

    def width(word: str, font: str) -> float:
        found = words_seen.get((word, font))
        if found is None:
            found = words_seen[word, font] = stringWidth(word, font, 8)
        return found

    for i, header in enumerate(sheet.headers):
        need = max((width(w, bold) for w in header.split()), default=0.0)
        for row in sheet.rows:
            need = max(need, max((width(w, regular) for w in row[i].split()), default=0.0))
        longest.append(need + 2 * _PADDING + 1)
    widths = [_WIDTH * s / sum(shares) for s in shares]
    for _round in range(len(widths)):
        short = sum(max(0.0, need - w) for need, w in zip(longest, widths, strict=True))
        if short <= 0.01:
            break
        spare = [max(0.0, w - need) for need, w in zip(longest, widths, strict=True)]
        if sum(spare) <= 0:
            break
        take = min(short, sum(spare))
        widths = [
            max(w, need) if need > w else w - take * room / sum(spare)
            for need, w, room in zip(longest, widths, spare, strict=True)
        ]
    return widths


def rooming_pdf(data: VisitData, sheets: list[Sheet], profile: Profile) -> bytes:
    """A landscape PDF with one section per hotel, each on its own pages, in its
    language; the pages carry the visit's marking, the date printed and their number."""
    regular, bold = regular_and_bold()
    lang = sheets[0].lang if sheets else data.visit.main_language
    document = gettext_in(lang, N_("Rooming list"))
    furniture = Furniture.of(data, document, lang)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=_PAGE,
        title=document,
        author=data.visit.organiser.name.get(lang, data.visit.main_language) or "VisitPlanner",
        subject=data.visit.title.get(lang, data.visit.main_language),
        creator="VisitPlanner",
        lang=PDF_LANGUAGE[lang],
        initialFontName=regular,
    )
    frame = Frame(_MARGIN, _MARGIN, _WIDTH, _PAGE[1] - 2 * _MARGIN, id="list")
    doc.addPageTemplates([PageTemplate(id="list", frames=[frame], onPage=furnish)])
    title = ParagraphStyle("title", fontName=bold, fontSize=14, leading=18, spaceAfter=2)
    sub = ParagraphStyle("sub", fontName=regular, fontSize=9, leading=12, spaceAfter=8)
    head = ParagraphStyle("head", fontName=bold, fontSize=8, leading=10)
    widths_of: dict[str, float] = {}  # the same names, dates and types recur on every list

    def fitted(text: str, room: float) -> str:
        width = widths_of.get(text)
        if width is None:
            width = widths_of[text] = stringWidth(text, regular, 8)
        if width <= room:
            return text
        return "\n".join(simpleSplit(text, regular, 8, room))

    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story += [Paragraph(escape(sheet.title), title), Paragraph(escape(sheet.subtitle), sub)]
        shares = [_SHARES[k] for k in sheet.keys]
        widths = _column_widths(sheet, shares, bold, regular)
        grid: list[list[Any]] = [[Paragraph(escape(h), head) for h in sheet.headers]]
        # Every cell is plain text, drawn line by line by the table: a text that fits
        # its column as it is, a longer one broken at its spaces into the column's
        # width (thirty thousand paragraphs for a summit took four times as long, and
        # the five thousand long texts as paragraphs were still a third of the time).
        room = [w - 2 * _PADDING for w in widths]
        grid += [[fitted(c, room[i]) for i, c in enumerate(row)] for row in sheet.rows]
        if not sheet.rows:
            story.append(Paragraph(escape(gettext_in(sheet.lang, N_("No stay."))), sub))
            continue
        # Rows are short: a long table splits them page by page without measuring the
        # rest of the table again at each page.
        table = LongTable(grid, colWidths=widths, repeatRows=1)
        style: list[Any] = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, HexColor("#B8BEC6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 1), (-1, -1), regular),
            ("FONTSIZE", (0, 1), (-1, -1), 8),
            ("LEADING", (0, 1), (-1, -1), 10),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ]
        for number, change in enumerate(sheet.changes, start=1):
            if change in _ROW_COLOURS:
                style.append(("BACKGROUND", (0, number), (-1, number), _ROW_COLOURS[change]))
        table.setStyle(TableStyle(style))
        story += [table, Spacer(1, 0.4 * cm)]
    doc.build(story, canvasmaker=furnished_canvas(furniture))
    return buffer.getvalue()
