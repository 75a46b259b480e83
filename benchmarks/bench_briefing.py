"""Time the full briefing book of a summit-sized visit beside a plain platypus floor, and
measure the peak memory of each.

    python benchmarks/bench_briefing.py [--scale S [S ...]] [--repeat N] [--lang fr|uk|en]
                                        [--before CHECKOUT]

The floor is a plain reportlab document with as many pages of similar content
(a heading, a table of labelled facts and a table of participants per page, in the
same font), built the same way: multiBuild with a table of contents whose entries
are seeded, so it takes as many layout passes as the book. The book should lay out
at least half as many pages per second as the floor (target: within 2x).

Each book and each floor is built in a fresh child process, which reports its time and
its peak memory: `ru_maxrss` (resident set size, the kernel's high-water mark), read
just before the build (the visit generated, the libraries imported: `start`) and at its
end (`peak`); `added` is the difference, what the build itself held at most. A book
that streams adds about the same memory at any size. With `--before CHECKOUT` (another
checkout, such as the main branch before a change), the book is also built with that
checkout's code, in the same run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
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

ROOT = Path(__file__).resolve().parents[1]


class _FloorDoc(BaseDocTemplate):
    """A4, one frame, a page number in the footer, headings into the contents."""

    def __init__(self, output: io.BytesIO, font: str) -> None:
        super().__init__(output, pagesize=A4, initialFontName=font)
        frame = Frame(18 * mm, 20 * mm, A4[0] - 36 * mm, A4[1] - 42 * mm, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._footer)])
        self._font = font

    def _footer(self, canvas: object, doc: BaseDocTemplate) -> None:
        canvas.setFont(self._font, 7.5)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 18 * mm, 12 * mm, f"page {doc.page}")  # type: ignore[attr-defined]

    def afterFlowable(self, flowable: object) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h":
            key = f"h{self.seq.nextf('h')}"
            self.canv.bookmarkPage(key)
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page, key))


def floor_document(pages: int) -> tuple[bytes, int, int]:
    """A plain platypus document of about `pages` pages; (pdf, pages, passes)."""
    from visitplanner.exports.pdf_fonts import BOLD, FAMILY, register_fonts

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
    doc = _FloorDoc(output, FAMILY)
    passes = doc.multiBuild(story)
    return output.getvalue(), doc.page, passes


def _high_water_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss: KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(argv: list[str]) -> int:
    """In a fresh process: build one book or one floor, print its figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["book", "floor"])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--pages", type=int, default=0)
    args = parser.parse_args(argv)
    if args.what == "book":
        from summit import SummitSize, generate_summit

        from visitplanner.domain.privacy import for_profile
        from visitplanner.domain.values import Profile
        from visitplanner.exports.briefing import BriefingBookRenderer, BriefingOptions

        data = generate_summit(SummitSize.scaled(args.scale))
        start_mb = _high_water_mb()
        start = time.perf_counter()
        shown = for_profile(data, Profile.SHAREABLE)
        renderer = BriefingBookRenderer(shown, BriefingOptions(lang=args.lang))
        pdf = renderer.render()
        seconds = time.perf_counter() - start
        pages, passes = renderer.pages, renderer.passes
        size = f"{len(data.people)} people, {len(data.events)} events"
    else:
        start_mb = _high_water_mb()
        start = time.perf_counter()
        pdf, pages, passes = floor_document(args.pages)
        seconds = time.perf_counter() - start
        size = ""
    figures = {
        "seconds": seconds,
        "pages": pages,
        "passes": passes,
        "bytes": len(pdf),
        "start_mb": start_mb,
        "peak_mb": _high_water_mb(),
        "size": size,
    }
    print(json.dumps(figures))
    return 0


@dataclass(frozen=True)
class Build:
    """The figures of one book or floor built in a child process."""

    seconds: float
    pages: int
    passes: int
    bytes: int
    start_mb: float
    peak_mb: float
    size: str

    @property
    def added_mb(self) -> float:
        """What the build held at most, above what the process held before it."""
        return self.peak_mb - self.start_mb

    def row(self, label: str) -> str:
        """A row of the printed table."""
        return (
            f"| {label} | {self.pages:,} | {self.passes} | {self.seconds:.1f} s "
            f"| {1000 * self.seconds / self.pages:.1f} ms | {self.bytes / 1e6:.1f} MB "
            f"| {self.peak_mb:.0f} MB | {self.added_mb:.0f} MB "
            f"| {1024 * self.added_mb / self.pages:.0f} kB |"
        )


def build(code: Path, args: list[str]) -> Build:
    """Run a child (this script, importing visitplanner from `code`) and read its figures."""
    env = {**os.environ, "PYTHONPATH": str(code), "LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        cwd=code,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{args}: failed\n{done.stderr[-3000:]}")
    return Build(**json.loads(done.stdout.strip().splitlines()[-1]))


def best(builds: list[Build]) -> Build:
    """The fastest of several builds, with the highest peak among them."""
    fastest = min(builds, key=lambda b: b.seconds)
    worst = max(builds, key=lambda b: b.peak_mb)
    return Build(
        fastest.seconds,
        fastest.pages,
        fastest.passes,
        fastest.bytes,
        worst.start_mb,
        worst.peak_mb,
        fastest.size,
    )


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--scale", type=float, nargs="+", default=[1.0], help="fractions of the summit"
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--before", type=Path, help="another checkout to measure too")
    args = parser.parse_args(argv)
    print(
        "| what | pages | passes | time | per page | PDF | peak | added | added per page |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    summary = []
    for scale in args.scale:
        book_args = ["book", "--scale", str(scale), "--lang", args.lang]
        if args.before is not None:
            before = best([build(args.before.resolve(), book_args) for _ in range(args.repeat)])
            print(before.row(f"book before, {scale:g}x ({before.size})"), flush=True)
        book = best([build(ROOT, book_args) for _ in range(args.repeat)])
        print(book.row(f"book, {scale:g}x ({book.size})"), flush=True)
        floor_args = ["floor", "--pages", str(book.pages)]
        floor = best([build(ROOT, floor_args) for _ in range(args.repeat)])
        print(floor.row(f"plain platypus floor, {scale:g}x"), flush=True)
        ratio = (book.seconds / book.pages) / (floor.seconds / floor.pages)
        summary.append(f"{scale:g}x: book / floor time per page {ratio:.2f}")
    print()
    for line in summary:
        print(line, "(target: at most 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
