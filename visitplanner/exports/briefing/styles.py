"""The look of a briefing book: page geometry, colours, paragraph and table styles.

A restrained protocol-office style: dark blue headings, grey secondary text, thin
rules, shaded table headers. Every style uses the shipped font family.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from visitplanner.exports.pdf_fonts import BOLD, FAMILY, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN: Final = 18 * mm
RIGHT_MARGIN: Final = 18 * mm
TOP_MARGIN: Final = 22 * mm
BOTTOM_MARGIN: Final = 20 * mm
BODY_WIDTH: Final = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
BODY_HEIGHT: Final = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN

NAVY: Final = colors.HexColor("#1F3A5F")
INK: Final = colors.HexColor("#1E2329")
SLATE: Final = colors.HexColor("#4A5563")
MUTED: Final = colors.HexColor("#6B7480")
RULE: Final = colors.HexColor("#C3CAD3")
SHADE: Final = colors.HexColor("#EEF2F6")
HEAD_SHADE: Final = colors.HexColor("#DCE4EE")
WARN: Final = colors.HexColor("#8A2B2B")

#: The same colours as markup attributes (<font color=...>).
MUTED_HEX: Final = "#6B7480"
WARN_HEX: Final = "#8A2B2B"


#: The hyphenation dictionary (pyphen's) of each book language.
HYPHENATION: Final = {"fr": "fr", "uk": "uk_UA", "en": "en_GB"}


def _style(name: str, **attributes: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FAMILY,
        "fontSize": 9,
        "leading": 12,
        "textColor": INK,
        "alignment": TA_LEFT,
    }
    base.update(attributes)
    return ParagraphStyle(name, **base)


@dataclass(slots=True)
class BookStyles:
    """The paragraph styles of a book; a renderer may replace any of them."""

    body: ParagraphStyle = field(default_factory=lambda: _style("body", spaceAfter=4))
    note: ParagraphStyle = field(
        default_factory=lambda: _style("note", fontSize=8, leading=10.5, textColor=SLATE)
    )
    cell: ParagraphStyle = field(default_factory=lambda: _style("cell", fontSize=8, leading=10))
    cell_right: ParagraphStyle = field(
        default_factory=lambda: _style("cell_right", fontSize=8, leading=10, alignment=TA_RIGHT)
    )
    cell_head: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cell_head", fontName=BOLD, fontSize=7.5, leading=9.5, textColor=NAVY
        )
    )
    glance: ParagraphStyle = field(
        default_factory=lambda: _style("glance", fontSize=8.5, leading=11, spaceAfter=6)
    )
    label: ParagraphStyle = field(
        default_factory=lambda: _style("label", fontSize=7.5, leading=10, textColor=MUTED)
    )
    h1: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=NAVY,
            spaceAfter=2,
            keepWithNext=1,
        )
    )
    h1_sub: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h1_sub", fontSize=9, leading=12, textColor=SLATE, spaceAfter=2, keepWithNext=1
        )
    )
    h2: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h2",
            fontName=BOLD,
            fontSize=11.5,
            leading=14.5,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=4,
        )
    )
    h3: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h3",
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=SLATE,
            spaceBefore=8,
            spaceAfter=3,
        )
    )
    cover_office: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_office", fontSize=9.5, leading=13, textColor=SLATE, alignment=TA_CENTER
        )
    )
    cover_kind: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_kind",
            fontName=BOLD,
            fontSize=11,
            leading=15,
            textColor=NAVY,
            alignment=TA_CENTER,
        )
    )
    cover_title: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_title",
            fontName=BOLD,
            fontSize=19,
            leading=25,
            textColor=NAVY,
            alignment=TA_CENTER,
        )
    )
    cover_text: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_text", fontSize=11, leading=15, textColor=INK, alignment=TA_CENTER
        )
    )
    cover_small: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_small", fontSize=8.5, leading=11.5, textColor=SLATE, alignment=TA_CENTER
        )
    )
    cover_marking: ParagraphStyle = field(
        default_factory=lambda: _style(
            "cover_marking",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            textColor=WARN,
            alignment=TA_CENTER,
        )
    )
    toc_levels: list[ParagraphStyle] = field(
        default_factory=lambda: [
            _style("toc0", fontName=BOLD, fontSize=10, leading=13, spaceBefore=7, textColor=NAVY),
            _style("toc1", fontSize=8.5, leading=11, leftIndent=12, textColor=INK),
        ]
    )

    def __post_init__(self) -> None:
        register_fonts()

    def hyphenated(self, lang: str) -> BookStyles:
        """These styles, the running text and the table cells hyphenated as `lang` does
        ("com-battant", not "com/battant" cut anywhere; "українсь-ка"); headings and
        labels are not (see exports/briefing/hyphenation.py, which reads `hyphenate_as`)."""
        for name in ("body", "note", "cell", "cell_right", "glance"):
            style: ParagraphStyle = getattr(self, name)
            hyphenated = ParagraphStyle(f"{style.name}_{lang}", parent=style)
            hyphenated.hyphenate_as = HYPHENATION.get(lang, "")
            setattr(self, name, hyphenated)
        return self


def layout_style(commands: list[Any]) -> TableStyle:
    """A table style that starts from the book's font (reportlab's tables default to
    Helvetica, which would be a font neither embedded nor covering Cyrillic)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FAMILY, 8), *commands])


def table_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """A data table: shaded header row(s), thin rules between rows, text at the top."""
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_SHADE),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, NAVY),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, SHADE]))
    return layout_style(commands)


def facts_style() -> TableStyle:
    """A two-column table of labelled facts (label in grey, value beside it)."""
    return layout_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]
    )
