"""Time the full briefing book of a summit-sized visit beside a plain platypus floor.

    python benchmarks/bench_briefing.py [--scale S] [--repeat N] [--lang fr|uk|en]

The floor is a plain reportlab document with as many pages of similar content
(a heading, a table of labelled facts and a table of participants per page, in the
same font), built the same way: multiBuild with a table of contents whose entries
are seeded, so it takes as many layout passes as the book. The book should lay out
at least half as many pages per second as the floor (target: within 2x).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from summit import SummitSize, generate_summit

from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing import BriefingBookRenderer, BriefingOptions
from visitplanner.exports.pdf_fonts import BOLD, FAMILY, register_fonts


class _FloorDoc(BaseDocTemplate):
    """A4, one frame, a page number in the footer, headings into the contents."""

    def __init__(self, output: io.BytesIO) -> None:
        super().__init__(output, pagesize=A4, initialFontName=FAMILY)
        frame = Frame(18 * mm, 20 * mm, A4[0] - 36 * mm, A4[1] - 42 * mm, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._footer)])

    @staticmethod
    def _footer(canvas: object, doc: BaseDocTemplate) -> None:
        canvas.setFont(FAMILY, 7.5)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 18 * mm, 12 * mm, f"page {doc.page}")  # type: ignore[attr-defined]

    def afterFlowable(self, flowable: object) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h":
            key = f"h{self.seq.nextf('h')}"
            self.canv.bookmarkPage(key)
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page, key))


def floor_document(pages: int) -> tuple[bytes, int, int]:
    """A plain platypus document of about `pages` pages; (pdf, pages, passes)."""
    register_fonts()
    cell = ParagraphStyle("c", fontName=FAMILY, fontSize=8, leading=10)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=11.5, leading=14.5, spaceAfter=6)
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FAMILY, 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#C3CAD3"),
        ]
    )
    toc = TableOfContents(levelStyles=[cell])
    story: list[object] = [toc, PageBreak()]
    entries = []
    for n in range(pages):
        title = f"Réunion de travail numéro {n} — délégation {n % 60}"
        entries.append((0, title, 0, f"h{n + 1}"))
        facts = [
            [
                Paragraph(label, cell),
                Paragraph(f"{label} de l’événement {n}, salle {n % 300}", cell),
            ]
            for label in ("Objet", "Lieu", "Accès", "Tenue", "Presse", "Interprétation")
        ]
        people = [
            [
                Paragraph(str(r + 1), cell),
                Paragraph(f"Madame <b>Anna FAMILY{n:04d}X{r:02d}</b><br/>Прізвище{n}{r}", cell),
                Paragraph(f"Directrice adjointe {r} — Conseillère pour les affaires {n}", cell),
                Paragraph(f"Délégation {r + n % 60}", cell),
            ]
            for r in range(8)
        ]
        story += [
            Paragraph(title, head),
            Table(facts, colWidths=[40 * mm, 130 * mm], style=grid),
            Table(people, colWidths=[10 * mm, 60 * mm, 65 * mm, 35 * mm], style=grid, repeatRows=0),
            PageBreak(),
        ]
    toc.addEntries(entries)
    output = io.BytesIO()
    doc = _FloorDoc(output)
    passes = doc.multiBuild(story)
    return output.getvalue(), doc.page, passes


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the summit")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args(argv)
    data = generate_summit(SummitSize.scaled(args.scale))
    print(
        f"summit visit: {len(data.people)} people, {len(data.events)} events, "
        f"{len(data.venues)} venues, {len(data.vehicles)} vehicles"
    )
    book_times, floor_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        shown = for_profile(data, Profile.SHAREABLE)
        renderer = BriefingBookRenderer(shown, BriefingOptions(lang=args.lang))
        pdf = renderer.render()
        book_times.append(time.perf_counter() - start)
        pages, passes = renderer.pages, renderer.passes

        start = time.perf_counter()
        floor_pdf, floor_pages, floor_passes = floor_document(pages)
        floor_times.append(time.perf_counter() - start)
    book, floor = min(book_times), min(floor_times)
    print(
        f"briefing book: {pages} pages in {passes} passes, {book:.1f} s, "
        f"{pages / book:.1f} pages/s, {len(pdf) / 1e6:.1f} MB"
    )
    print(
        f"plain platypus floor: {floor_pages} pages in {floor_passes} passes, {floor:.1f} s, "
        f"{floor_pages / floor:.1f} pages/s, {len(floor_pdf) / 1e6:.1f} MB"
    )
    ratio = (pages / book) / (floor_pages / floor)
    print(f"book / floor pages per second: {ratio:.2f} (target: at least 0.5, within 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
