"""The paragraphs of the book's table cells: read when first laid out, wrapped once per
width, and the lines of a text met again shared between the cells that print it.

A summit book holds some 100,000 cells and is made three times (once to find the
contents' entries, once per layout pass), and many of its cells repeat: the labels of
every event sheet, a participant's name and title on each sheet they attend, the
delegations' names, the numbers of the rows. `CellCache` keeps the lines such a text
wrapped into at a width, for the most recent texts only, so that the book's memory
stays flat however long it is.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Final, Generic, TypeVar, cast

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

#: How many wrappings a book's cache keeps: a few tens of megabytes (a wrapping is a few
#: kilobytes).
CACHE_LIMIT: Final = 8_000
#: How many texts met once a book's cache remembers (as a hash), to keep a text only
#: when it comes again: most cells of a programme or of a sheet's facts are met once.
SEEN_LIMIT: Final = 100_000

#: The tallest cell whose lines are shared (points): a cell that may be cut across two
#: pages keeps lines of its own.
TALLEST_SHARED: Final = 200.0

K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """A mapping that keeps its `limit` most recently used items."""

    def __init__(self, limit: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._limit = limit

    def get(self, key: K) -> V | None:
        """The item at `key`, now the most recent; None if not kept."""
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Keep `value` at `key`, forgetting the least recent item past the limit."""
        self._items[key] = value
        if len(self._items) > self._limit:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class CellCache:
    """The lines that the book's cells wrapped into, by text, style and width, for the
    texts met more than once.

    One per book (`BookContext.cells`), used from one thread.
    """

    def __init__(self, limit: int = CACHE_LIMIT, seen: int = SEEN_LIMIT) -> None:
        #: (markup, style, width) -> (lines, widths, height)
        self.wrapped: _Recent[tuple[str, ParagraphStyle, float], tuple[Any, list[float], float]]
        self.wrapped = _Recent(limit)
        self._seen: _Recent[int, bool] = _Recent(seen)

    def repeated(self, key: tuple[str, ParagraphStyle]) -> bool:
        """Whether the text `key` was met before (recently); it is met now."""
        mark = hash(key)
        if self._seen.get(mark) is not None:
            return True
        self._seen.put(mark, True)
        return False


class CellParagraph(Paragraph):
    """A paragraph of a table cell that reads its markup when first laid out, and
    remembers how it wrapped at a width.

    The book is made once before the layout (for the contents' entries), and that
    walk never lays its cells out: reading their markup up front would be wasted.

    reportlab re-wraps every remaining row of a table each time the table splits at a
    page end, which makes a long table quadratic in its rows. Wrapping depends only on
    the width, so the lines found once are kept for that width as long as the paragraph
    lives (until it is drawn), and, for a text met before, in the book's `CellCache`
    for other cells of the same text. Lines shared so are never cut: a paragraph split
    across pages reads and wraps again into lines of its own first (reportlab's split
    edits the lines it cuts), and a cell tall enough to be cut (`TALLEST_SHARED`) keeps
    its own from the start.
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,
        frags: list[Any] | None = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
        *,
        cache: CellCache | None = None,
    ) -> None:
        if frags is not None or style is None or text is None:
            # The parts of a split paragraph come with their fragments: nothing to read.
            super().__init__(cast(str, text), style, bulletText, frags, caseSensitive, encoding)
            return
        self.caseSensitive = caseSensitive
        self.encoding = encoding
        self.style = style
        self.bulletText = bulletText or getattr(style, "bulletText", None)
        self.debug = 0
        self._source = text
        self._cache = cache

    def __getattr__(self, name: str) -> Any:
        # Reached only for an attribute not set yet: the two that reading sets.
        if name in ("frags", "text") and "_source" in self.__dict__:
            self._read(self.__dict__["_source"])
            return self.__dict__[name]
        raise AttributeError(name)

    def _read(self, source: str) -> None:
        self._setup(source, self.style, self.bulletText, None, cleanBlockQuotedText)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_memo")
        if memo is not None and memo[0] == availWidth:
            _width, self.blPara, self._wrapWidths, self.height = memo
            self.width = availWidth
            return availWidth, self.height
        cache: CellCache | None = self.__dict__.get("_cache")
        source: str | None = self.__dict__.get("_source")
        if cache is None or source is None:
            return self._wrap_here(availWidth, availHeight)
        key = (source, self.style, availWidth)
        known = cache.wrapped.get(key)
        if known is None:
            repeated = cache.repeated((source, self.style))
            size = self._wrap_here(availWidth, availHeight)
            if repeated and hasattr(self, "blPara") and self.height <= TALLEST_SHARED:
                cache.wrapped.put(key, (self.blPara, self._wrapWidths, self.height))
                self._shared = True
            return size
        # The fragments stay as read (or unread): only a split needs those that the
        # lines point into, and a split reads and wraps again.
        self.blPara, self._wrapWidths, self.height = known
        self.width = availWidth
        self._memo = (availWidth, self.blPara, self._wrapWidths, self.height)
        self._shared = True
        return availWidth, self.height

    def _wrap_here(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._shared = False
        if hasattr(self, "blPara"):
            self._memo = (availWidth, self.blPara, self._wrapWidths, self.height)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.__dict__.get("_shared"):
            # Read and wrap again, into fragments and lines of this paragraph alone.
            self._read(self.__dict__["_source"])
            self._wrap_here(availWidth, availHeight)
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts
