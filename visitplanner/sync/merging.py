"""Another replica's update taken in (`receive`): what it changed here, what it settled
against this officer (told), and the repairs of links and orders it called for."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from pycrdt import Map

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.plain import Plain, entity_from_plain
from visitplanner.storage.journal import Key
from visitplanner.sync.fields import (
    _cut,
    _decode,
    _first_each,
    _mend,
    _mentions,
)
from visitplanner.sync.local_edits import LocalEdits
from visitplanner.sync.stamps import (
    Conflict,
    Identity,
    Incoming,
    Lost,
    Repair,
    Stamp,
)

log = logging.getLogger(__name__)


class Merging(LocalEdits):
    """The document's side of an update received."""

    def receive(self, update: bytes) -> Incoming:
        """Apply another replica's update; say what must now be written in the visit
        file and what the officer must be told."""
        self._touched = set()
        self._reordered = set()
        self.records.touched = False
        numbers = self.records.numbers()
        try:
            self.doc.apply_update(update)
            touched, reordered = self._touched, self._reordered
        finally:
            self._touched = None
        for kind in reordered:
            keys: Iterable[str] = self._maps[kind].keys()
            there = set(keys)
            held = self._plain[kind]
            touched.update((kind, ident) for ident in there.symmetric_difference(held))
        incoming = Incoming(reordered=set(reordered), records=self.records.touched)
        if incoming.records:
            incoming.renumbered = self.records.renumbered(numbers)
        earlier: dict[Key, dict[str, Plain] | None] = {}
        for kind, ident in touched | self._incomplete:
            old = self._plain[kind].get(ident)
            if self._refresh(kind, ident):
                earlier[(kind, ident)] = old
        self._tell(incoming, earlier)
        self._repair(incoming, earlier)
        for (kind, ident), old in earlier.items():
            self._describe(incoming, kind, ident, old)
        incoming.authors = self._authors(incoming)
        return incoming

    def _describe(
        self, incoming: Incoming, kind: str, ident: str, old: dict[str, Plain] | None
    ) -> None:
        new = self._plain[kind].get(ident)
        key = (kind, ident)
        if new is None:
            if old is not None:
                # An event goes as its deleter last had it: every replica's journal
                # keeps the same last content for the calendars that held it.
                last = _decode(self._last_events.get(ident)) if kind == "event" else None
                incoming.deleted[key] = last if isinstance(last, dict) else old
                if kind in self._orders:
                    incoming.reordered.add(kind)
        elif old is None:
            incoming.created[key] = new
            if kind in self._orders:
                incoming.reordered.add(kind)
        else:
            moved = {name: value for name, value in new.items() if old.get(name) != value}
            if moved:
                incoming.changed[key] = moved

    def _tell(self, incoming: Incoming, earlier: Mapping[Key, dict[str, Plain] | None]) -> None:
        """What of this replica's edits the merge replaced or took away, where the other
        replica had not seen them (made apart); a value set knowingly over one is not news."""
        lost: dict[Key, list[str]] = {}
        lost_items: dict[tuple[str, str, str], list[str]] = {}
        for slot_key, (value, write) in list(self._mine.items()):
            kind, ident, slot = slot_key
            if (kind, ident) not in earlier:
                continue
            entity = self._maps[kind].get(ident)
            parts = slot.split("/")
            name = parts[0]
            if not isinstance(entity, Map):
                del self._mine[slot_key]
                tomb = Stamp.decode(self._deleted.get(ident))
                if tomb is None or write not in tomb.seen:
                    lost.setdefault((kind, ident), []).append(name)
                continue
            item, sub = (parts[1], parts[2]) if len(parts) == 3 else (None, None)
            if item is not None and item not in _first_each(entity.get(name) or ()):
                del self._mine[slot_key]
                tomb = Stamp.decode(entity.get(f"~{name}/{item}"))
                if tomb is None or write not in tomb.seen:
                    lost_items.setdefault((kind, ident, item), []).append(str(sub))
                continue
            by = Stamp.decode(entity.get("@" + slot)) or Stamp.decode(entity.get("@"))
            if by is not None and by.write == write:
                continue
            del self._mine[slot_key]
            theirs = _decode(entity.get(slot))
            if theirs == value or (by is not None and write in by.seen):
                continue
            incoming.conflicts.append(Conflict(kind, ident, name, item, sub, value, theirs, by))
        for (kind, ident), names in lost.items():
            old = earlier.get((kind, ident)) or {"id": ident}
            by = Stamp.decode(self._deleted.get(ident))
            incoming.lost.append(Lost(kind, ident, tuple(sorted(set(names))), old, by))
        for (kind, ident, item), subs in lost_items.items():
            old = self._plain[kind].get(ident) or {"id": ident}
            incoming.lost.append(Lost(kind, ident, tuple(sorted(set(subs))), old, None, item))

    def _repair(self, incoming: Incoming, earlier: dict[Key, dict[str, Plain] | None]) -> None:
        """Cut the links the merge left to missing entities, mend what merged fields made
        inconsistent, and write both into the document for the others."""
        gone = frozenset(
            ident for (kind, ident), old in earlier.items() if old and ident not in self._kind_of
        )
        suspects: set[Key] = {key for key in earlier if key[1] in self._kind_of}
        if gone:
            for kind, found in self._plain.items():
                suspects.update((kind, i) for i, p in found.items() if _mentions(p, gone))
        if not suspects:
            return
        before = self.doc.get_state()
        stamp = new_id()
        wrote = False
        with self.doc.transaction():
            for kind, ident in sorted(suspects):
                plain = self._plain[kind].get(ident)
                if plain is None or (kind, ident) in self._incomplete:
                    # An entity waiting for an update it depends on is repaired once it
                    # is whole: mended from what this replica last read, it would write
                    # back lines deleted meanwhile (their ids, without their fields).
                    continue
                declared = entity_kinds.BY_NAME[kind]
                fixes = _mend(kind, plain)
                fixed = {**plain, **fixes}
                entity: Any
                try:
                    entity = entity_from_plain(declared.cls, fixed)
                except (DomainError, TypeError, KeyError, ValueError):
                    log.warning("%s %s stays inconsistent after a merge", kind, ident)
                    continue
                missing = frozenset(i for i in declared.links(entity) if i not in self._kind_of)
                if missing and declared.goes_with(entity, set(missing)):
                    self._delete(kind, ident, stamp)
                    earlier.setdefault((kind, ident), plain)
                    incoming.repairs.append(Repair(kind, ident, missing, True))
                    wrote = True
                    continue
                if missing:
                    fixes.update(
                        {
                            name: _cut(value, missing)
                            for name, value in fixed.items()
                            if name != "id" and _mentions(value, missing)
                        }
                    )
                if not fixes:
                    continue
                self._edit(kind, ident, plain, fixes, stamp, False)
                earlier.setdefault((kind, ident), plain)
                incoming.repairs.append(Repair(kind, ident, missing, False, tuple(sorted(fixes))))
                wrote = True
            self._place(None)
        if wrote:
            for kind, ident in list(earlier):
                self._refresh(kind, ident)
            incoming.update = self.doc.get_update(before)

    def _authors(self, incoming: Incoming) -> list[Identity]:
        found: dict[Identity, None] = {}
        mine = (self.identity.officer, self.identity.machine)

        def note(stamp: Stamp | None) -> None:
            if stamp is not None and (stamp.officer, stamp.machine) != mine:
                found[Identity(stamp.officer, stamp.machine)] = None

        for kind, ident in incoming.created:
            note(Stamp.decode(self._maps[kind][ident].get("@")))
        for (kind, ident), moved in incoming.changed.items():
            entity = self._maps[kind][ident]
            for name in moved:
                note(Stamp.decode(entity.get("@" + name)))
                keys: Iterable[str] = entity.keys()
                for key in keys:
                    if key.startswith("@" + name + "/"):
                        note(Stamp.decode(entity.get(key)))
        for _kind, ident in incoming.deleted:
            note(Stamp.decode(self._deleted.get(ident)))
        return list(found)
