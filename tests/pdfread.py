"""Read a PDF back as a reader would: its text page by page, its fonts, its images."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from visitplanner.exports.pdf_fonts import BOLD, REGULAR, register_fonts

#: "page 3 of 12" in any of the three languages.
_PAGE_WORDS = re.compile(r"^(?:page|сторінка) \d+ (?:of|sur|з) \d+$")


@dataclass(frozen=True)
class TextRun:
    """A run of text on a page: its text and the two ends of its baseline."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def _multiply(m: list[float], n: list[float]) -> tuple[float, ...]:
    """The affine matrix m × n (PDF order: a b c d e f)."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


_FACES = {"DejaVuSans": REGULAR, "DejaVuSans-Bold": BOLD}


@dataclass
class ReadPdf:
    """A PDF read back."""

    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        """All the text, pages joined, whitespace collapsed (lines wrap anywhere)."""
        return " ".join(" ".join(self.pages).split())

    def body_text(self, marking: str = "") -> str:
        """All the text without each page's furniture (the `marking` at its top and foot,
        "page 3 of 12", the document and the date of printing: drawn last on a page, so
        read last), whitespace collapsed: a text running over pages reads whole."""
        kept = []
        for page in self.pages:
            lines = page.splitlines()
            # The furniture ends a page: "page 3 of 12", then the document and the date.
            at = next(
                (
                    i
                    for i in range(max(0, len(lines) - 2), len(lines))
                    if _PAGE_WORDS.match(lines[i])
                ),
                None,
            )
            if at is not None:
                lines = lines[:at]
                if marking and lines[-2:] == [marking, marking]:
                    lines = lines[:-2]  # the marking, at the top and at the foot
            kept.append("\n".join(lines))
        return " ".join(" ".join(kept).split())

    def page_text(self, number: int) -> str:
        """The text of page `number` (1-based), whitespace collapsed."""
        return " ".join(self.pages[number - 1].split())

    def fonts(self) -> list[dict[str, Any]]:
        """Every font dictionary used by any page (descendant fonts resolved)."""
        found: dict[int, dict[str, Any]] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources") or {}
            fonts = resources.get("/Font") or {}
            for ref in fonts.values():
                font = ref.get_object()
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                found[id(font)] = font
        return list(found.values())

    def images(self) -> int:
        """How many image XObjects the pages draw."""
        count = 0
        for page in self.reader.pages:
            resources = page.get("/Resources") or {}
            for ref in (resources.get("/XObject") or {}).values():
                if ref.get_object().get("/Subtype") == "/Image":
                    count += 1
        return count

    def runs(self, number: int) -> list[TextRun]:
        """The text runs of page `number` (1-based) where they are drawn, each from the
        start to the end of its baseline in page coordinates (widths measured with the
        project's fonts, which every PDF embeds)."""
        found: list[TextRun] = []

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if not text.strip() or font is None:
                return
            a, b, _c, _d, e, f = _multiply(tm, cm)
            base = str(font.get("/BaseFont", "")).split("+")[-1]
            face = _FACES.get(base, REGULAR)
            width = stringWidth(text, face, size)
            found.append(TextRun(text, e, f, e + width * a, f + width * b))

        self.reader.pages[number - 1].extract_text(visitor_text=visit)
        return found

    def outline_titles(self) -> list[str]:
        """The titles of the PDF bookmarks, depth first."""
        titles: list[str] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    titles.append(str(item.title))

        walk(self.reader.outline)
        return titles


def read_pdf(payload: bytes) -> ReadPdf:
    """Parse `payload` and extract each page's text, words hyphenated at the end of a
    line joined again ("com-\nbattant" reads "combattant", as a reader reads it)."""
    register_fonts()
    reader = PdfReader(io.BytesIO(payload))
    return ReadPdf(
        reader, [_HYPHENATED.sub("", page.extract_text() or "") for page in reader.pages]
    )


#: A hyphen the layout put at the end of a line inside a word (the text never breaks a
#: line at a hyphen of its own: reportlab wraps at spaces, or hyphenates).
_HYPHENATED = re.compile(r"(?<=\w)-\n(?=\w)")
