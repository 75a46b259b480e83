"""The shared document as one replica holds it: its Yjs maps, every entity read back in
plain form, the stamps of what is written here, and what a transaction touched
(`HeldDocument`, the base of `visitplanner.sync.document.VisitDocument`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Final

from pycrdt import Array, Doc, Map

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.plain import Plain
from visitplanner.storage.journal import Key
from visitplanner.sync.fields import (
    _complete,
    _decode,
    _encode,
    _field_names,
    _first_each,
    _item_key,
    _lacks,
    item_fields,
)
from visitplanner.sync.records import SharedRecords
from visitplanner.sync.stamps import (
    _SEEN,
    Identity,
    Stamp,
)

#: The map of who deleted each entity that is gone.
_DELETED: Final = "deleted"
#: The last content of each deleted event, as its deleter had it (for the calendars).
_LAST_EVENTS: Final = "deleted.event"
_ORDER: Final = "order."


class HeldDocument:
    """A visit's shared Yjs document and what this replica read of it."""

    @contextmanager
    def _made(self) -> Iterator[list[bytes]]:
        """The updates of the transactions made within (each as Yrs encodes it when the
        transaction ends): asking the document for what changed since a state vector
        instead walks the whole document, 1.4 to 3 ms on a summit for each local edit."""
        found: list[bytes] = []
        subscription = self.doc.observe(lambda event: found.append(event.update))
        try:
            yield found
        finally:
            self.doc.unobserve(subscription)

    def __init__(self, identity: Identity, clock: Callable[[], datetime] | None = None) -> None:
        self.identity = identity
        self._clock = clock or (lambda: datetime.now(UTC))
        self.doc: Doc[Any] = Doc()
        self._maps: dict[str, Map[Any]] = {
            kind.name: self.doc.get(kind.name, type=Map) for kind in entity_kinds.KINDS
        }
        self._orders: dict[str, Array[Any]] = {
            kind.name: self.doc.get(_ORDER + kind.name, type=Array)
            for kind in entity_kinds.KINDS
            if kind.collection is not None
        }
        self._deleted: Map[Any] = self.doc.get(_DELETED, type=Map)
        self._last_events: Map[Any] = self.doc.get(_LAST_EVENTS, type=Map)
        #: The calendars' memory and the programme versions.
        self.records = SharedRecords(self.doc)
        #: Every entity as the document holds it, in plain form: what a merge is compared with.
        self._plain: dict[str, dict[str, dict[str, Plain]]] = {
            kind.name: {} for kind in entity_kinds.KINDS
        }
        self._kind_of: dict[str, str] = {}
        #: Fields written here: (kind, id, key) -> the value set and the write that set it,
        #: until another replica's value replaces it.
        self._mine: dict[tuple[str, str, str], tuple[Plain, str]] = {}
        self._touched: set[Key] | None = None
        #: Ids to take out of, and put into, their kind's order when a transaction ends.
        self._leaving: dict[str, set[str]] = {}
        self._arriving: dict[str, list[str]] = {}
        #: Entities an update left incomplete, waiting for the update they depend on.
        self._incomplete: set[Key] = set()
        self._reordered: set[str] = set()
        for name, top in self._maps.items():
            top.observe_deep(self._on_entities(name))
        for name, order in self._orders.items():
            order.observe(self._on_order(name))

    def entity(self, kind: str, ident: str) -> dict[str, Plain] | None:
        """The entity as the document holds it now, in plain form."""
        return self._plain[kind].get(ident)

    def ordered_ids(self, kind: str) -> list[str]:
        """The ids of `kind` in the document's order."""
        present = self._plain[kind]
        return [i for i in _first_each(self._orders[kind]) if i in present]

    def _prelim(self, kind: str, plain: dict[str, Plain], stamp: str | None = None) -> Map[Any]:
        cls = entity_kinds.BY_NAME[kind].cls
        lists = item_fields(cls)
        values: dict[str, Any] = {} if stamp is None else {"@": stamp}
        for name, value in plain.items():
            if name in lists:
                items = value or []
                values[name] = Array([item["id"] for item in items])
                for item in items:
                    for sub, sub_value in item.items():
                        if sub != "id":
                            values[_item_key(name, item["id"], sub)] = _encode(sub_value)
            elif name != "id":
                values[name] = _encode(value)
        return Map(values)

    def _reread(self) -> None:
        for kind, top in self._maps.items():
            found = self._plain[kind]
            found.clear()
            for ident, raw in json.loads(str(top)).items():
                if isinstance(raw, dict):
                    found[ident] = self._parse(kind, ident, raw)
                    self._kind_of[ident] = kind

    def _read(self, kind: str, ident: str) -> dict[str, Plain] | None:
        """The entity `ident` of `kind` as the document holds it, in plain form."""
        entity = self._maps[kind].get(ident)
        if not isinstance(entity, Map):
            return None
        # The map as JSON made by Yrs in one call: pycrdt's `to_py` reads key by key.
        return self._parse(kind, ident, json.loads(str(entity)))

    @staticmethod
    def _parse(kind: str, ident: str, raw: dict[str, Any]) -> dict[str, Plain]:
        """An entity's plain form from its map's contents."""
        cls = entity_kinds.BY_NAME[kind].cls
        lists = item_fields(cls)
        plain: dict[str, Plain] = {}
        for name in _field_names(cls):
            if name == "id":
                plain["id"] = ident
            elif name in lists:
                subs = [s for s in _field_names(lists[name]) if s != "id"]
                items = []
                for item in _first_each(raw.get(name) or ()):
                    one: dict[str, Plain] = {}
                    for sub in subs:
                        key = _item_key(name, item, sub)
                        if key in raw:
                            one[sub] = _decode(raw[key])
                    one["id"] = item
                    items.append(one)
                plain[name] = items
            elif name in raw:
                plain[name] = _decode(raw[name])
        return plain

    def _on_entities(self, kind: str) -> Callable[[Any], None]:
        def seen(events: Any) -> None:
            if self._touched is None:
                return
            for event in events:
                path = list(event.path)
                if path:
                    self._touched.add((kind, str(path[0])))
                else:
                    # pycrdt leaves out of `keys` an entry whose map was deleted: which
                    # entities came or went is found by comparing ids afterwards.
                    self._touched.update((kind, str(key)) for key in event.keys)
                    self._reordered.add(kind)

        return seen

    def _on_order(self, kind: str) -> Callable[[Any], None]:
        def seen(_event: Any) -> None:
            if self._touched is not None:
                self._reordered.add(kind)

        return seen

    def _mark(self, write: str, seen: Iterable[str] = ()) -> str:
        """The stamp of a value written here by the write `write`."""
        kept = tuple(seen)[:_SEEN]
        return Stamp(
            self.identity.officer, self.identity.machine, self._clock(), write, kept
        ).encode()

    def _set(self, entity: Map[Any], key: str, value: Plain, write: str) -> None:
        """Set one field (or an item's field), with who set it and what they had seen."""
        earlier = Stamp.decode(entity.get("@" + key))
        seen = (earlier.write, *earlier.seen) if earlier is not None else ()
        entity[key] = _encode(value)
        entity["@" + key] = self._mark(write, seen)

    @staticmethod
    def _writes_in(entity: Map[Any], prefix: str = "") -> list[str]:
        """The writes that set the values of `entity` (under `prefix`): what a deletion saw."""
        keys: Iterable[str] = entity.keys()
        found = []
        for key in keys:
            if key.startswith("@" + prefix):
                stamp = Stamp.decode(entity.get(key))
                if stamp is not None and stamp.write:
                    found.append(stamp.write)
        return found

    def _refresh(self, kind: str, ident: str) -> bool:
        """Read the entity again from the document; False (and nothing changed) while it
        is incomplete: an update received before one it depends on can leave a field's
        former value deleted and its new one waiting, until the missing update comes."""
        plain = self._read(kind, ident)
        if plain is None:
            self._plain[kind].pop(ident, None)
            self._kind_of.pop(ident, None)
            self._incomplete.discard((kind, ident))
            return True
        earlier = self._plain[kind].get(ident)
        if not _complete(kind, plain) or (earlier is not None and _lacks(earlier, plain)):
            self._incomplete.add((kind, ident))
            return False
        self._incomplete.discard((kind, ident))
        self._plain[kind][ident] = plain
        self._kind_of[ident] = kind
        return True


def one_update(made: list[bytes]) -> bytes:
    """The update of one transaction (`HeldDocument._made`); empty when it changed
    nothing."""
    if len(made) > 1:  # one transaction, one update: nested ones are the outer one
        raise AssertionError(f"{len(made)} updates where one transaction was made")
    return made[0] if made else b""
