"""The briefing book streams: a longer visit makes a longer book, not a fuller memory.

The layout holds only the flowables of the pages it is laying out, whatever the size
of the visit; the table cells that share their lines with other cells of the same text
never lose words when one of them is cut across two pages; the progress bar only
moves forward.
"""

from __future__ import annotations

import gc
import statistics
import sys
from pathlib import Path

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing import BriefingBookRenderer, BriefingOptions
from visitplanner.exports.briefing.cells import CellCache, CellParagraph
from visitplanner.exports.briefing.styles import BODY_WIDTH, BookStyles
from visitplanner.services.progress import Cancelled

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from summit import SummitSize, generate_summit


class _Watch:
    """Counts the table cells alive every few pages of the layout, and keeps the progress."""

    def __init__(self) -> None:
        self.pages = 0
        self.alive: list[int] = []
        self.reports: list[tuple[int, int]] = []

    def step(self, done: int, total: int, what: str = "") -> None:
        self.reports.append((done, total))
        if what.startswith("Laying out"):
            self.pages += 1
            if self.pages % 10 == 0:
                self.alive.append(sum(isinstance(o, CellParagraph) for o in gc.get_objects()))

    @property
    def usually_alive(self) -> int:
        """The median of the cells alive (a day of the programme, one table, is held
        whole while it is laid out: more on its pages, as many at any visit size)."""
        return statistics.median_low(self.alive)


def _watched_book(scale: float) -> tuple[_Watch, BriefingBookRenderer]:
    data = for_profile(generate_summit(SummitSize.scaled(scale)), Profile.SHAREABLE)
    watch = _Watch()
    renderer = BriefingBookRenderer(data, BriefingOptions(lang="en"), watch)
    renderer.render()
    return watch, renderer


def test_a_visit_three_times_longer_keeps_about_as_many_cells_alive() -> None:
    small, small_book = _watched_book(0.015)
    large, large_book = _watched_book(0.045)
    assert large_book.pages > 2.5 * small_book.pages
    # Held whole, the story would keep three times as many; streamed, only the cells
    # of the pages being laid out.
    assert large.usually_alive < 1.5 * small.usually_alive + 20, (small.alive, large.alive)
    assert large.usually_alive < 200
    assert large.reports == sorted(large.reports)
    assert all(done <= total for done, total in large.reports)


def test_a_cell_cut_across_pages_leaves_other_cells_of_its_text_whole() -> None:
    styles = BookStyles()
    cache = CellCache()
    # Bold words make fragments: the lines that reportlab's split edits in place.
    markup = " ".join(f"<b>word{n}</b>" if n % 3 else f"word{n}" for n in range(400))
    plain = [f"word{n}" for n in range(400)]
    width = 0.5 * BODY_WIDTH
    cut = CellParagraph(markup, styles.cell, cache=cache)
    whole = CellParagraph(markup, styles.cell, cache=cache)
    _w, height = cut.wrap(width, 10_000)
    whole.wrap(width, 10_000)
    parts = cut.split(width, height / 2)
    assert len(parts) == 2
    again = CellParagraph(markup, styles.cell, cache=cache)
    again.wrap(width, 10_000)
    fresh = CellParagraph(markup, styles.cell)
    fresh.wrap(width, 10_000)
    for paragraph in (whole, again):
        assert paragraph.blPara.kind == 1
        assert _words(paragraph) == _words(fresh)
    assert " ".join(_words(fresh)).split() == plain


def _words(paragraph: CellParagraph) -> list[str]:
    return [frag.text for line in paragraph.blPara.lines for frag in line.words]


def test_the_cache_of_cells_keeps_only_recent_texts_met_again() -> None:
    styles = BookStyles()
    cache = CellCache(limit=50)
    for n in range(500):
        CellParagraph(f"once {n}", styles.cell, cache=cache).wrap(100, 100)
    # A text met once is not kept: most cells of a book are met once.
    assert len(cache.wrapped) == 0
    for n in range(500):
        for _time in range(2):
            CellParagraph(f"twice {n}", styles.cell, cache=cache).wrap(100, 100)
    assert len(cache.wrapped) == 50


class _CancelAt:
    """Cancels as the layout reaches page `page`, as the window's Cancel does."""

    def __init__(self, page: int) -> None:
        self.page = page

    def step(self, done: int, total: int, what: str = "") -> None:
        if what == f"Laying out page {self.page}":
            raise Cancelled


@pytest.mark.parametrize("page", [2, 5, 21, 32, 33])
def test_cancel_on_any_page_stops_the_book_as_cancelled(page: int) -> None:
    # Pages 21, 32 and 33 of the English demo book end inside a page break, whose
    # errors reportlab remakes from their type and a message.
    data = for_profile(build_demo(), Profile.SHAREABLE)
    renderer = BriefingBookRenderer(data, BriefingOptions(lang="en"), _CancelAt(page))
    with pytest.raises(Cancelled):
        renderer.render()
