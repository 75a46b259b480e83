"""How a programme version's frozen programme is kept: whole, or as what changed.

A version's programme is the JSON document of the visit format (see `visit_format`).
Ten versions of a summit used to be ten whole copies of 8 MB each. Now a version is
kept either **whole** (its JSON text, zlib-compressed) or as a **delta** against the
version before it (zlib-compressed JSON too), which costs what changed since:

    {"keys": [top-level keys, in order],
     "set": {key: value, ...},                  # top-level values that changed
     "lists": {key: {"order": [...], "put": [item, ...]}, ...}}

A list of objects each with a unique "id" (delegations, people, venues, vehicles,
events) is kept per object: `put` holds the objects added or changed, whole; `order`
says how the new list is made: `[start, count]` takes that run of the old list (each
object replaced by its `put` version when there is one), a string takes the `put`
object with that id. A few moved events cost a few runs and a few objects.

Rebuilding a version reads its chain back to the last whole one (at most
`CHAIN_LIMIT` deltas); nothing is rebuilt until asked (`FrozenProgramme.document`),
so loading a visit reads only the compressed bytes. A delta is only made when it
rebuilds the very same text (checked where the text is at hand, and by the tests), and
only between documents of the same format version. Pure Python: no I/O.
"""

from __future__ import annotations

import json
import operator
import zlib
from collections.abc import Callable, Iterable
from typing import Any, Final, Literal

from visitplanner.domain.visit_format import snapshot_json

#: How a version is kept in the file (column `kept` of table programme_version).
Kept = Literal["whole", "delta"]

#: At most this many deltas follow a whole programme: rebuilding reads no longer chain.
CHAIN_LIMIT: Final = 32

#: A delta that changes more than this share of the objects is not worth it: whole.
_WHOLE_OVER: Final = 0.5

_Document = dict[str, Any]

#: A top-level key the old document does not have.
_MISSING: Final = object()

#: An object's "id".
_ID: Final = operator.itemgetter("id")


class FrozenProgramme:
    """A version's programme, frozen: its JSON text and document, given on demand.

    Immutable: copies are the same object, and two are equal when their texts are.
    """

    __slots__ = ()

    def text(self) -> str:
        """The programme's JSON text, as `visit_format.snapshot_json` writes it."""
        raise NotImplementedError

    def document(self) -> _Document:
        """The programme's JSON document: a fresh one each time (the caller may change it)."""
        document: _Document = json.loads(self.text())
        return document

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FrozenProgramme):
            return NotImplemented
        return self is other or self.text() == other.text()

    def __hash__(self) -> int:
        return hash(self.text())

    def __copy__(self) -> FrozenProgramme:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenProgramme:
        return self


class ProgrammeText(FrozenProgramme):
    """A programme held as its JSON text (read from a JSON file, or made in a test)."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        """The text, as given."""
        return self._text

    def __repr__(self) -> str:
        return f"ProgrammeText({len(self._text)} characters)"


class DerivedProgramme(FrozenProgramme):
    """Another programme's text passed through `change` when first asked for (for
    instance with the private fields taken out), so that nothing is rebuilt unread."""

    __slots__ = ("_change", "_source")

    def __init__(self, source: FrozenProgramme, change: Callable[[str], str]) -> None:
        self._source = source
        self._change = change

    def text(self) -> str:
        """The source's text, changed."""
        return self._change(self._source.text())

    def __repr__(self) -> str:
        return f"DerivedProgramme({self._source!r})"


class StoredProgramme(FrozenProgramme):
    """A programme as the visit file keeps it: whole, or a delta on `base` (the
    version before it), compressed. Rebuilt each time it is asked for, never kept."""

    __slots__ = ("base", "data", "depth", "kept")

    def __init__(self, kept: Kept, data: bytes, base: StoredProgramme | None = None) -> None:
        if (kept == "whole") != (base is None):
            raise ValueError(f"a {kept} programme {'needs' if base is None else 'has no'} base")
        self.kept: Kept = kept
        self.data = data
        self.base = base
        self.depth: int = 0 if base is None else base.depth + 1

    @classmethod
    def whole(cls, text: str) -> StoredProgramme:
        """`text` kept whole."""
        return cls("whole", zlib.compress(text.encode("utf-8"), 6))

    @classmethod
    def delta(cls, delta: _Document, base: StoredProgramme) -> StoredProgramme:
        """`delta` (see `programme_delta`) kept on `base`."""
        return cls("delta", zlib.compress(snapshot_json(delta).encode("utf-8"), 6), base)

    def text(self) -> str:
        """The JSON text: a whole one as it was given, a delta's rebuilt."""
        if self.base is None:
            return zlib.decompress(self.data).decode("utf-8")
        return snapshot_json(self.document())

    def document(self) -> _Document:
        """The JSON document: the whole one at the chain's start, each delta applied."""
        chain: list[StoredProgramme] = []
        link: StoredProgramme | None = self
        while link is not None:
            chain.append(link)
            link = link.base
        first = chain.pop()
        document: _Document = json.loads(zlib.decompress(first.data))
        for link in reversed(chain):
            document = apply_delta(document, json.loads(zlib.decompress(link.data)))
        return document

    def __eq__(self, other: object) -> bool:
        if (
            isinstance(other, StoredProgramme)
            and self.data == other.data
            and (self.base is other.base or self.base == other.base)
        ):
            return True
        return super().__eq__(other)

    def __hash__(self) -> int:
        return super().__hash__()

    def __repr__(self) -> str:
        return f"StoredProgramme({self.kept}, {len(self.data)} bytes, depth {self.depth})"


# --- deltas ---------------------------------------------------------------------------


def _identified(items: object) -> dict[str, int] | None:
    """For a list of objects each with its own string "id": the index of each id."""
    if not isinstance(items, list):
        return None
    try:
        ids = list(map(_ID, items))  # any item not an object with an "id" raises
    except (KeyError, TypeError):
        return None
    if any(type(ident) is not str for ident in ids):
        return None
    found = dict(zip(ids, range(len(ids)), strict=True))
    return found if len(found) == len(ids) else None


def _list_delta(old: list[Any], where: dict[str, int], new: list[Any]) -> tuple[_Document, int]:
    """How `new` is made from `old` (see the module's docstring), and how many objects
    it puts."""
    order: list[Any] = []
    put: list[Any] = []
    for item in new:
        ident = item["id"]
        at = where.get(ident)
        if at is None:
            order.append(ident)
            put.append(item)
            continue
        if old[at] != item:
            put.append(item)
        last = order[-1] if order else None
        if isinstance(last, list) and last[0] + last[1] == at:
            last[1] += 1
        else:
            order.append([at, 1])
    return {"order": order, "put": put}, len(put)


def programme_delta(
    old: _Document, new: Iterable[tuple[str, Any]], *, let_go: bool = False
) -> _Document | None:
    """What makes `new` (its top-level keys and values, in order) from `old`, or None
    when a delta is not worth keeping: another format version, or most objects changed.

    Objects are compared as JSON data (==): within one format version the writer gives
    each field the same type and the keys the same order, so equal data is equal text.
    With `let_go`, each of `old`'s values is taken out of it once compared (`old` is
    the caller's own copy): a list of people is freed before the events are compared.
    """
    keys: list[str] = []
    changed: dict[str, Any] = {}
    lists: dict[str, _Document] = {}
    total = puts = 0
    for key, value in new:
        keys.append(key)
        before = old.pop(key, _MISSING) if let_go else old.get(key, _MISSING)
        if key == "version" and before != value:
            return None
        where = _identified(before)
        if where is not None and _identified(value) is not None:
            made, count = _list_delta(before, where, value)
            total += len(value)
            puts += count
            if count or len(value) != len(before) or made["order"] != [[0, len(before)]]:
                lists[key] = made
        elif before is _MISSING or before != value:
            changed[key] = value
    if total and puts > total * _WHOLE_OVER:
        return None
    delta: _Document = {"keys": keys}
    if changed:
        delta["set"] = changed
    if lists:
        delta["lists"] = lists
    return delta


def apply_delta(old: _Document, delta: _Document) -> _Document:
    """The document `delta` makes from `old` (which is left as it was)."""
    changed: dict[str, Any] = delta.get("set", {})
    lists: dict[str, _Document] = delta.get("lists", {})
    document: _Document = {}
    for key in delta["keys"]:
        if key in changed:
            document[key] = changed[key]
        elif key in lists:
            document[key] = _apply_list(old[key], lists[key])
        else:
            document[key] = old[key]
    return document


def _apply_list(old: list[Any], made: _Document) -> list[Any]:
    put = {item["id"]: item for item in made["put"]}
    items: list[Any] = []
    for step in made["order"]:
        if isinstance(step, str):
            items.append(put.pop(step))
        else:
            start, count = step
            items.extend(old[start : start + count])  # a run is copied whole
    if put:  # what is left of `put` replaces old objects in place
        where = dict(zip(map(_ID, items), range(len(items)), strict=True))
        for ident, item in put.items():
            at = where.get(ident)
            if at is not None:
                items[at] = item
    return items


# --- keeping a new version ------------------------------------------------------------


def store_next(
    previous: FrozenProgramme | None, parts: Callable[[], Iterable[tuple[str, Any]]]
) -> StoredProgramme:
    """The programme whose top-level keys and values `parts()` gives, kept after
    `previous` (the version before it): a delta when that is worth it, else whole."""
    if isinstance(previous, StoredProgramme) and previous.depth < CHAIN_LIMIT:
        delta = programme_delta(previous.document(), parts(), let_go=True)
        if delta is not None:
            return StoredProgramme.delta(delta, previous)
    return StoredProgramme.whole(snapshot_json(dict(parts())))


def store_texts(texts: Iterable[str]) -> list[StoredProgramme]:
    """Programmes given as JSON texts, in version order, each kept after the one before.

    A delta is kept only when it rebuilds the very same text (checked), so any text,
    even one not written by `snapshot_json`, comes back as it was.
    """
    kept: list[StoredProgramme] = []
    previous: _Document | None = None
    for text in texts:
        document = json.loads(text)
        stored: StoredProgramme | None = None
        if kept and kept[-1].depth < CHAIN_LIMIT and previous and isinstance(document, dict):
            delta = programme_delta(previous, document.items())
            if delta is not None and snapshot_json(apply_delta(previous, delta)) == text:
                stored = StoredProgramme.delta(delta, kept[-1])
        kept.append(stored or StoredProgramme.whole(text))
        previous = document if isinstance(document, dict) else None
    return kept
