"""The briefing book renderer: the visit in, the PDF's bytes out.

Built like pretix's invoice renderer, from small hooks a subclass may override:
the context, the sections, the story, the document template, the header and the
footer of each page.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak
from reportlab.platypus.doctemplate import IndexingFlowable

from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import only_own_private
from visitplanner.exports.briefing.blocks import Heading
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.emergency import copy_words
from visitplanner.exports.briefing.hyphenation import hyphenate
from visitplanner.exports.briefing.markup import plain
from visitplanner.exports.briefing.options import BriefingOptions, ChangesBasis
from visitplanner.exports.briefing.sections import Section, chosen_sections
from visitplanner.exports.briefing.styles import (
    BODY_HEIGHT,
    BODY_WIDTH,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    MUTED,
    NAVY,
    PAGE_HEIGHT,
    RULE,
    TOP_MARGIN,
    WARN,
    BookStyles,
)
from visitplanner.exports.briefing.template import BriefingDocTemplate, PageTotal
from visitplanner.exports.pdf_fonts import BOLD, REGULAR, cut_to_width
from visitplanner.exports.pdf_layout import LayoutError, layout_failure
from visitplanner.i18n import N_, _

log = logging.getLogger(__name__)


class Steps(Protocol):
    """Where the renderer reports how far it is (services.progress.Progress fits).

    `step` may raise to stop the work (the user cancelled).
    """

    def step(self, done: int, total: int, what: str = "") -> None:
        """Report `done` of `total`."""


class _Quiet:
    def step(self, done: int, total: int, what: str = "") -> None:
        """Report nothing."""


#: In a personal pack, a section starts on the page where the one before ends when
#: this much room (points) is left there.
PACK_SECTION_ROOM = BODY_HEIGHT / 6

#: The sections a personal pack keeps together whole: each follows the section before
#: on its page when it fits there, whatever room is left (a pack's emergency contacts).
KEPT_TOGETHER = frozenset({"emergency"})

#: How many layout passes a book usually takes (the contents are seeded: _seed_contents).
EXPECTED_PASSES = 2


class BriefingBookRenderer:
    """Renders one briefing book. The visit given must already be cut to the profile
    (services/briefing.py does it with domain.privacy.for_profile); a personal pack
    cuts it further here, to the person's own private details (need-to-know)."""

    def __init__(
        self,
        data: VisitData,
        options: BriefingOptions,
        progress: Steps | None = None,
        changes: ChangesBasis | None = None,
    ) -> None:
        if options.person_id is not None:
            data, changes = _need_to_know(data, changes, options.person_id)
        self.data = data
        self.options = options
        self.changes = changes
        self.progress: Steps = progress or _Quiet()
        self.ctx = self.make_context()
        self.passes = 0
        self.pages = 0
        self._sections: list[Section] = []
        self._streamed = StreamedStory(())
        self._stopped: Exception | None = None

    # -- hooks -------------------------------------------------------------------------

    def make_context(self) -> BookContext:
        """The context every section reads."""
        lang = self.options.lang or self.data.visit.main_language
        styles = BookStyles().hyphenated(lang)
        return BookContext(self.data, self.options, styles, self.changes)

    def sections(self) -> list[Section]:
        """The sections of this book, in print order."""
        return chosen_sections(self.options.sections)

    def story(self) -> Iterator[Flowable]:
        """Every section's flowables, each section from the top of a page, made as they
        are asked for (a section's builder runs when the layout reaches it).

        Each call makes the same flowables afresh: the book is walked once before the
        layout and made again for each layout pass, so no pass holds more than the
        pages it is laying out.
        """
        self.ctx.restart()
        started = False
        follows = False
        for section in self._sections or self.sections():
            flowables = iter(section.build(self.ctx))
            first = next(flowables, None)
            if first is None:
                log.debug("section %s is empty and left out", section.key)
                continue
            if started:
                if not follows:
                    yield PageBreak()
                elif section.key not in KEPT_TOGETHER:  # which starts where it fits whole
                    yield CondPageBreak(PACK_SECTION_ROOM)
            started = True
            # A personal pack's sections follow one another on a page with room left;
            # its cover and its changes sheet stand alone.
            follows = self.ctx.person is not None and section.key not in ("changes", "cover")
            yield from hyphenate(itertools.chain([first], flowables))

    def doc_template(self, output: io.BytesIO) -> BriefingDocTemplate:
        """The document template, with the book's metadata."""
        visit = self.data.visit
        title = plain(self.ctx.text(visit.title))
        if self.ctx.person is not None:
            title = f"{title} — {plain(self.ctx.name_inline(self.ctx.person))}"
        return BriefingDocTemplate(
            output,
            self.decorate_page,
            title=title,
            author=plain(self.ctx.text(visit.organiser.name)),
            subject=self.ctx.t(N_("Briefing book")),
            lang={"fr": "fr-FR", "uk": "uk-UA", "en": "en-GB"}[self.ctx.lang],
        )

    def decorate_page(self, canvas: Canvas, doc: BriefingDocTemplate) -> None:
        """The header and the footer of every page."""
        canvas.saveState()
        self.draw_header(canvas, doc)
        self.draw_footer(canvas, doc)
        canvas.restoreState()

    def draw_header(self, canvas: Canvas, doc: BriefingDocTemplate) -> None:
        """The marking in capitals on the left, the current section on the right, a rule."""
        y = PAGE_HEIGHT - TOP_MARGIN + 9 * mm
        right = LEFT_MARGIN + BODY_WIDTH
        marking = self.marking_line()
        used = 0.0
        if marking:
            canvas.setFont(BOLD, 8)
            canvas.setFillColor(WARN)
            marking = _fit(marking, BOLD, 8, BODY_WIDTH * 0.55)
            canvas.drawString(LEFT_MARGIN, y, marking)
            used = stringWidth(marking, BOLD, 8) + 12
        if doc.section:
            canvas.setFont(REGULAR, 8)
            canvas.setFillColor(NAVY)
            canvas.drawRightString(right, y, _fit(doc.section, REGULAR, 8, BODY_WIDTH - used))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT_MARGIN, y - 5, right, y - 5)

    def draw_footer(self, canvas: Canvas, doc: BriefingDocTemplate) -> None:
        """The visit and the programme version on the left, "page X of Y" and the marking
        on the right."""
        y = BOTTOM_MARGIN - 9 * mm
        right = LEFT_MARGIN + BODY_WIDTH
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT_MARGIN, y + 14, right, y + 14)
        page = self.page_words(canvas.getPageNumber(), doc.total_pages)
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(NAVY)
        canvas.drawRightString(right, y + 4, page)
        room = BODY_WIDTH - stringWidth(page, BOLD, 7.5) - 16
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(MUTED)
        title = plain(self.ctx.text(self.data.visit.title))
        if self.ctx.person is not None:
            title = f"{plain(self.ctx.name_inline(self.ctx.person))} — {title}"
        canvas.drawString(LEFT_MARGIN, y + 4, _fit(title, REGULAR, 7, room))
        # The marking at the foot too, under the page number: a page torn from the book
        # or copied alone still says how it is to be handled.
        marking = self.marking_line()
        below = room
        if marking:
            share = 0.45 if self.options.copy_number is None else 0.6  # the copy's number
            marking = _fit(marking, BOLD, 7.5, BODY_WIDTH * share)
            canvas.setFont(BOLD, 7.5)
            canvas.setFillColor(WARN)
            canvas.drawRightString(right, y - 5, marking)
            below = min(room, BODY_WIDTH - stringWidth(marking, BOLD, 7.5) - 16)
            canvas.setFont(REGULAR, 7)
            canvas.setFillColor(MUTED)
        canvas.drawString(LEFT_MARGIN, y - 5, _fit(self.ctx.version_label, REGULAR, 7, below))

    def marking_line(self) -> str:
        """The marking in capitals, and beside it the copy's number on a numbered copy
        ("DIFFUSION RESTREINTE · Exemplaire n° 3 / 12")."""
        marking = self.ctx.marking.upper()
        number, total = self.options.copy_number, self.options.copies
        if number is None or total is None:
            return marking
        words = copy_words(self.ctx, number, total)
        return f"{marking} · {words}" if marking else words

    def page_words(self, page: int, total: int) -> str:
        """ "page 3 of 12" in the book's language."""
        if not total:
            return self.ctx.t(N_("page {page}")).format(page=page)
        return self.ctx.t(N_("page {page} of {total}")).format(page=page, total=total)

    # -- the build ---------------------------------------------------------------------

    def render(self) -> bytes:
        """Lay the book out and return the PDF."""
        self._sections = self.sections()
        entries, size = self._prepare()
        output = io.BytesIO()
        doc = self.doc_template(output)
        total = PageTotal(doc)
        indexing: list[IndexingFlowable] = [total]
        if self.ctx.contents is not None:
            self.ctx.contents.addEntries(entries)
            indexing.append(self.ctx.contents)

        def story() -> StreamedStory:
            self._streamed = StreamedStory(itertools.chain([total], self.story()))
            return self._streamed

        doc.setProgressCallBack(self._layout_progress(size))
        self._stopped = None
        try:
            self.passes = doc.build_in_passes(story, indexing, max_passes=6)
        except _Stop as exc:
            assert self._stopped is not None
            raise self._stopped from exc
        except LayoutError as exc:
            what = _("Personal briefing pack") if self.ctx.person else _("Briefing book")
            raise layout_failure(what, self.data, exc) from exc
        self.pages = doc.total_pages
        log.info("briefing book: %d pages in %d passes", self.pages, self.passes)
        return output.getvalue()

    def _prepare(self) -> tuple[list[TocEntry], int]:
        """Walk the whole book once, before the layout, keeping only the contents'
        entries (page numbers to come) and the number of flowables.

        The contents are seeded with these entries, so the first pass lays them out at
        their final length, the page numbers it records are already right, and two
        passes are enough. The flowables themselves are let go as soon as they are seen.
        """
        entries: list[TocEntry] = []
        size = 0
        self.ctx.restart()
        count = len(self._sections)
        for index, section in enumerate(self._sections):
            what = _("Preparing: {section}").format(section=_(section.title))
            self.progress.step(index, count, what)
            for flowable in _walk(section.build(self.ctx)):
                size += 1
                if isinstance(flowable, Heading) and flowable.entry is not None:
                    entry = flowable.entry
                    if entry.in_toc:
                        entries.append((entry.level, entry.toc_markup, 0, entry.key))
        return entries, size + count

    def _layout_progress(self, size: int) -> Callable[[str, int], None]:
        state = {"pass": 1}
        total = size * EXPECTED_PASSES

        def report(kind: str, value: int) -> None:
            if kind == "PASS":
                state["pass"] = value
            elif kind == "PAGE":
                done = min((state["pass"] - 1) * size + self._streamed.taken, total)
                try:
                    self.progress.step(done, total, _("Laying out page {page}").format(page=value))
                except Exception as exc:
                    # reportlab remakes an exception raised inside some of its flowables
                    # (a page break) from its type and a message: Cancelled cannot be.
                    self._stopped = exc
                    raise _Stop(str(exc)) from exc

        return report


def _need_to_know(
    data: VisitData, changes: ChangesBasis | None, person_id: str
) -> tuple[VisitData, ChangesBasis | None]:
    """The visit (and the programmes a changes sheet compares) with no private field
    of anyone but `person_id`: a personal pack holds only its reader's own."""
    data = only_own_private(data, person_id)
    if changes is not None:
        changes = dataclasses.replace(
            changes,
            old=only_own_private(changes.old, person_id),
            new=only_own_private(changes.new, person_id),
        )
    return data, changes


class _Stop(Exception):
    """The progress stopped the layout (the user cancelled); the renderer raises what
    the progress raised."""


#: A contents entry: (level, markup, page, bookmark key).
TocEntry = tuple[int, str, int, str]

#: How many flowables a streamed story holds ahead of the layout: more than the longest
#: run of flowables kept with the next one (a heading, its subtitle, its rule).
LOOKAHEAD = 16


class StreamedStory(list[Flowable]):
    """A story that reportlab consumes from the front while it is made.

    `BaseDocTemplate.build` takes the flowables from the front of the list (`[0]`,
    `del [0]`), puts the parts of a split back at the front, and looks a few flowables
    ahead for those kept with the next one (`len`, `[i]`). This list holds only the
    flowables not yet laid out, and draws more from `source` whenever it is asked its
    length with fewer than `LOOKAHEAD` in hand: a flowable drawn on a page is let go.
    """

    def __init__(self, source: Iterable[Flowable]) -> None:
        super().__init__()
        self._source: Iterator[Flowable] | None = iter(source)
        #: How many flowables were taken from the source so far.
        self.taken = 0

    def __len__(self) -> int:
        held = super().__len__()
        if held < LOOKAHEAD and self._source is not None:
            for flowable in self._source:
                self.append(flowable)
                self.taken += 1
                held += 1
                if held >= LOOKAHEAD:
                    break
            else:
                self._source = None
        return held


def _walk(flowables: Iterable[Flowable]) -> Iterator[Flowable]:
    """The flowables of a story, those kept together included."""
    for flowable in flowables:
        yield flowable
        if isinstance(flowable, KeepTogether):
            yield from _walk(getattr(flowable, "_content", []))


@functools.lru_cache(maxsize=256)
def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points (the running header and footer
    repeat what the cover and the headings print whole)."""
    if stringWidth(text, font, size) <= width:
        return text
    return cut_to_width(text, "…", font, size, width)


def render_briefing(
    data: VisitData,
    options: BriefingOptions,
    progress: Steps | None = None,
    changes: ChangesBasis | None = None,
) -> bytes:
    """The PDF of a briefing book of `data` (already cut to the options' profile; a
    changes sheet compares the programmes of `changes`)."""
    return BriefingBookRenderer(data, options, progress, changes).render()
