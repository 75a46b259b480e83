"""Read a PDF back as a reader would: its text page by page, its fonts, its images."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


@dataclass
class ReadPdf:
    """A PDF read back."""

    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        """All the text, pages joined, whitespace collapsed (lines wrap anywhere)."""
        return " ".join(" ".join(self.pages).split())

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
    """Parse `payload` and extract each page's text."""
    reader = PdfReader(io.BytesIO(payload))
    return ReadPdf(reader, [page.extract_text() or "" for page in reader.pages])
