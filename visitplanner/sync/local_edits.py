"""This replica's own edits written into the shared document: each journal entry (done,
undone or done again) becomes one update of the fields it changed, stamped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pycrdt import Array, Map

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.ids import new_id
from visitplanner.domain.plain import Plain
from visitplanner.storage.journal import EntityChange, Key
from visitplanner.sync.fields import (
    PLACE,
    _encode,
    _increasing,
    _item_key,
    _place_after,
    item_fields,
)
from visitplanner.sync.held import HeldDocument, one_update


class LocalEdits(HeldDocument):
    """The document's side of a local operation (`local`)."""

    def local(
        self,
        changes: Sequence[EntityChange],
        order: Callable[[str], Sequence[str]] | None = None,
    ) -> bytes:
        """The update for what one journal entry did (done, undone or redone: an undo
        is the reverse changes), writing only the fields it changed.

        `order` gives the ids of a kind in the order of the file's rows, so that a
        created entity takes the same place in the document."""
        touched: set[Key] = set()
        stamp = new_id()
        with self._made() as made, self.doc.transaction():
            for change in changes:
                if change.kind not in self._maps:
                    continue
                key = (change.kind, change.id)
                touched.add(key)
                if change.after is None:
                    self._delete(change.kind, change.id, stamp)
                elif change.before is None or change.id not in self._maps[change.kind]:
                    whole = change.after
                    if change.before is not None:
                        whole = {**self._plain[change.kind].get(change.id, {}), **change.after}
                    self._create(change.kind, change.id, whole, stamp)
                else:
                    self._edit(change.kind, change.id, change.before, change.after, stamp, True)
            self._place(order)
        for kind, ident in touched:
            self._refresh(kind, ident)
        return one_update(made)

    def _create(
        self,
        kind: str,
        ident: str,
        plain: Mapping[str, Plain],
        stamp: str,
    ) -> None:
        whole = {k: v for k, v in plain.items() if k != PLACE}
        whole["id"] = ident
        self._maps[kind][ident] = self._prelim(kind, whole, self._mark(stamp))
        if ident in self._deleted:
            del self._deleted[ident]
        if kind in self._orders:
            self._arriving.setdefault(kind, []).append(ident)

    def _place(self, order: Callable[[str], Sequence[str]] | None) -> None:
        """Take the deleted entities' ids out of their kind's order, and put the created
        ones in, each after the entity it follows in the file (`order`; at the end
        without it): all of a kind at once, so that a roster of thousands costs one pass."""
        for kind, leaving in self._leaving.items():
            array = self._orders[kind]
            for n in reversed([n for n, x in enumerate(array) if x in leaving]):
                del array[n]
        self._leaving = {}
        for kind, arriving in self._arriving.items():
            array = self._orders[kind]
            current = [str(x) for x in array]
            first = {x: n for n, x in reversed(list(enumerate(current)))}
            new = [i for i in dict.fromkeys(arriving) if i not in first]
            wanted = list(order(kind)) if order else []
            fresh = set(new)
            if not set(wanted) >= fresh:
                wanted = [*current, *new]
            # Runs of new ids, each after the last id already there that precedes it.
            runs: dict[int, list[str]] = {}
            anchor = -1
            for ident in wanted:
                if ident in fresh:
                    runs.setdefault(anchor, []).append(ident)
                elif ident in first:
                    anchor = first[ident]
            for at in sorted(runs, reverse=True):
                for offset, ident in enumerate(runs[at]):
                    array.insert(at + 1 + offset, ident)
        self._arriving = {}

    def _delete(self, kind: str, ident: str, stamp: str) -> None:
        top = self._maps[kind]
        seen: list[str] = []
        if ident in top:
            seen = self._writes_in(top[ident])
            del top[ident]
        last = self._plain[kind].get(ident)
        if kind == "event" and last is not None:
            self._last_events[ident] = _encode(last)
        self._deleted[ident] = self._mark(stamp, seen)
        if kind in self._orders:
            self._leaving.setdefault(kind, set()).add(ident)
        for slot in [s for s in self._mine if s[0] == kind and s[1] == ident]:
            del self._mine[slot]

    def _edit(
        self,
        kind: str,
        ident: str,
        before: Mapping[str, Plain],
        after: Mapping[str, Plain],
        stamp: str,
        mine: bool,
    ) -> None:
        entity = self._maps[kind][ident]
        lists = item_fields(entity_kinds.BY_NAME[kind].cls)
        for name, value in after.items():
            if name in (PLACE, "id"):
                continue
            if name in lists:
                self._edit_items(
                    kind, ident, entity, name, before.get(name) or [], value or [], stamp, mine
                )
                continue
            self._set(entity, name, value, stamp)
            if mine:
                self._mine[(kind, ident, name)] = (value, stamp)

    def _edit_items(
        self,
        kind: str,
        ident: str,
        entity: Map[Any],
        name: str,
        old: list[dict[str, Plain]],
        new: list[dict[str, Plain]],
        stamp: str,
        mine: bool,
    ) -> None:
        array = entity.get(name)
        if not isinstance(array, Array):
            entity[name] = Array()
            array = entity[name]
        new_ids = [item["id"] for item in new]
        earlier = {item["id"]: item for item in old}
        gone = set(earlier) - set(new_ids)
        current = [str(x) for x in array]
        for n in reversed(range(len(current))):
            if current[n] in gone:
                del array[n]
                del current[n]
        for item in gone:
            entity[f"~{name}/{item}"] = self._mark(
                stamp, self._writes_in(entity, f"{name}/{item}/")
            )
            prefixes = (f"{name}/{item}/", f"@{name}/{item}/")
            keys: Iterable[str] = entity.keys()
            for key in [k for k in keys if k.startswith(prefixes)]:
                del entity[key]
            for slot in [s for s in self._mine if s[:2] == (kind, ident)]:
                if slot[2].startswith(f"{name}/{item}/"):
                    del self._mine[slot]
        # Lines kept in the order wanted: those out of it are moved (taken out, put back).
        first = {x: n for n, x in reversed(list(enumerate(current)))}
        kept = [i for i in new_ids if i in first]
        keep = _increasing([first[i] for i in kept])
        moved = {i for n, i in enumerate(kept) if n not in keep}
        for n in reversed(range(len(current))):
            if current[n] in moved:
                del array[n]
                del current[n]
        for item in new:
            item_id = item["id"]
            if item_id not in current:
                at = _place_after(current, new_ids, item_id)
                array.insert(at, item_id)
                current.insert(at, item_id)
            was = earlier.get(item_id, {})
            for sub, value in item.items():
                if sub == "id" or (item_id in earlier and was.get(sub) == value):
                    continue
                key = _item_key(name, item_id, sub)
                self._set(entity, key, value, stamp)
                if mine and item_id in earlier:
                    self._mine[(kind, ident, key)] = (value, stamp)
