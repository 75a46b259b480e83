"""The document template: A4 pages, bookmarks and contents from headings, "page X of Y".

reportlab lays the book out in passes (multiBuild) until the table of contents is
stable; the total number of pages is known at the end of a pass, so each page's
footer prints the total of the previous pass and one more pass is made whenever
that total changed (`PageTotal`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import IndexingFlowable

from visitplanner.exports.briefing.blocks import Heading
from visitplanner.exports.briefing.styles import (
    BODY_HEIGHT,
    BODY_WIDTH,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from visitplanner.exports.pdf_fonts import REGULAR

#: Draws the header and footer of a page: (canvas, template).
Decorator = Callable[[Canvas, "BriefingDocTemplate"], None]


class PageTotal(IndexingFlowable):
    """Asks for one more pass while the page total printed in the footers is wrong."""

    def __init__(self, doc: BriefingDocTemplate) -> None:
        super().__init__()
        self._doc = doc
        self._satisfied = False

    def afterBuild(self) -> None:
        counted = self._doc.pages_this_pass
        self._satisfied = counted == self._doc.total_pages
        self._doc.total_pages = counted

    def isSatisfied(self) -> bool:
        return self._satisfied

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        """Nothing to draw."""


class BriefingDocTemplate(BaseDocTemplate):
    """A4 portrait pages with one body frame, decorated by a renderer hook."""

    def __init__(self, output: BinaryIO, decorate: Decorator, **metadata: Any) -> None:
        super().__init__(
            output,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            initialFontName=REGULAR,
            creator="VisitPlanner",
            **metadata,
        )
        body = Frame(
            LEFT_MARGIN,
            BOTTOM_MARGIN,
            BODY_WIDTH,
            BODY_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self._decorate = decorate
        self.addPageTemplates([PageTemplate("page", [body], onPageEnd=self._on_page_end)])
        #: The title of the section being laid out (for the running header).
        self.section = ""
        #: Pages of the previous pass (0 before the first pass ends).
        self.total_pages = 0
        self.pages_this_pass = 0

    def build_in_passes(
        self,
        story: Callable[[], list[Flowable]],
        indexing: list[IndexingFlowable],
        max_passes: int = 6,
    ) -> int:
        """Lay the book out in passes until every indexing flowable is satisfied, like
        `multiBuild`, but from a story made afresh for each pass; the number of passes.

        `multiBuild` lays out copies of one list of flowables held whole, and keeps
        every flowable it postpones or keeps with the next one until the pass ends (to
        undo the marks it leaves on them), so its memory grows with the book. Here each
        pass makes its own flowables as the layout asks for them (`story()` gives a list
        that fills itself from the front) and lets them go once drawn: nothing is
        reused, so nothing needs undoing. `indexing` are the flowables that live across
        passes (the contents, the page total).
        """
        self._indexingFlowables = indexing
        self._doSave = 0
        passes = 0
        while True:
            passes += 1
            report = getattr(self, "_onProgress", None)
            if report:
                report("PASS", passes)
            for flowable in indexing:
                flowable.__dict__.pop("_postponed", None)
                flowable.beforeBuild()
            self.build(story())
            for flowable in indexing:
                flowable.afterBuild()
            if all(flowable.isSatisfied() for flowable in indexing):
                self.canv.save()
                return passes
            if passes > max_passes:
                raise IndexError(f"index entries not resolved after {passes} passes")

    def beforeDocument(self) -> None:
        self.section = ""
        self.pages_this_pass = 0

    def afterPage(self) -> None:
        self.pages_this_pass = self.page

    def _on_page_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._decorate(canvas, self)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Turn a heading into a bookmark and a contents entry."""
        if not isinstance(flowable, Heading) or flowable.entry is None:
            return
        entry = flowable.entry
        if entry.level == 0:
            self.section = entry.outline if entry.running else ""
        self.canv.bookmarkPage(entry.key)
        self.canv.addOutlineEntry(entry.outline, entry.key, level=entry.level, closed=True)
        if entry.in_toc:
            self.notify("TOCEntry", (entry.level, entry.toc_markup, self.page, entry.key))
