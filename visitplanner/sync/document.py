"""The visit as a shared Yjs document: one pycrdt `Doc` per visit, merged by Yrs.

How the visit is laid out in the document, and why:

- **One top-level map per kind of entity** (`doc.get("person", type=Map)`), from the
  entity's UUID to a map of its fields. Top-level types are named, so every replica
  holds the same one; a nested map created by two replicas while apart would lose one
  of them, and an entity's map is created only by whoever creates the entity (UUIDs do
  not collide).
- **A field is one key of the entity's map, its value the field's plain form
  (`domain/plain.py`) as JSON text.** Yrs reads integers back as floats and turns
  dictionaries into its own values; JSON text comes back exactly as it went, whatever
  the field holds (a zoned time, a multilingual text, a seating plan). The key is the
  unit of merging: two officers changing different fields of one entity both keep
  their change; two changing the same field end with one value, picked by Yrs from the
  replicas' client ids (deterministic, not "the latest wins").
- **A list field whose items carry an id** (an event's running order, wreaths, places;
  a venue's room types: any `list[X]` where X has an `id`) is an `Array` of the items'
  ids under the field's key, and each item's fields are keys `field/item-id/name` of the
  entity's map. Two officers inserting lines at once both keep theirs (Yjs orders
  concurrent inserts), an item's fields merge one by one like an entity's, and moving a
  line is a deletion and an insertion of its id. An id found twice (moved on two
  laptops at once) counts where it first stands.
- **The order of the entities within their kind** (the rows' order in the file, which
  breaks ties between people of one rank or events at one time) is a top-level `Array`
  `order.KIND` of ids, kept like a running order.
- **Who set each field and when**: a key `@field` (`@` for the entity's creation) beside
  the field, written in the same transaction, holding officer, machine, UTC time, the
  write's id (one per local operation) and the ids of the field's earlier writes its
  writer had seen (the last 16). Both keys are settled alike, so the note names whoever
  set the value that won. A deleted entity leaves in the top-level map `deleted` who
  deleted it and the writes it had seen; a deleted line leaves the same under
  `~field/item-id` in its entity's map.
- **Updates out of order**: an update may arrive before one it depends on (a replica
  relays what it saw from a third one). Yrs applies its deletions at once and keeps its
  insertions waiting, so a field can be missing for a while; such an entity keeps its
  former fields here until the missing update comes (`_incomplete`), and nothing of it
  is written to the visit file meanwhile.

Rules for what a merge cannot settle alone, the same on every replica:

- **Same field changed on two replicas**: Yrs keeps one value. The replica whose value
  was replaced by one set apart (its writer had not seen it: each stamp lists the earlier
  writes of the field its writer had seen) is told: its value, the winning one, who set
  it and when (`Conflict`). A value set knowingly over another one is no news.
- **A deletion meets an edit made elsewhere: the deletion wins.** The entity's map is
  gone on every replica, whatever was written into it meanwhile; the officer whose
  edit went with it, unseen by the deleter, is told, and their edit stays in their
  history (`Lost`). A line of a running order deleted elsewhere goes alike.
- **Links left pointing to a missing entity** (a person deleted on one laptop, seated
  at the dinner on another): the link is cut as the visit file cuts it when the person
  is deleted there (a seat freed, a participant taken off the list, a single link
  emptied); an entity that goes with what it refers to (a car assignment, a stay, a
  seating constraint) is deleted. The replica that sees it writes the repair into the
  document, so the others receive it; two replicas writing the same repair agree.
- **An entity made inconsistent by merged fields** (an event whose start came from one
  laptop and end from another, ending before it starts): its end is brought to its
  start (a stay's check-out to the day after its check-in), and reported.
- **The visit's bookkeeping** (not entities: the calendars' memory and the programme
  versions issued, written by `VisitSession.record`) is shared too, by the rules of
  `records.py`: a calendar's SEQUENCE never goes backwards for any officer (the highest
  wins; one sent twice apart with different contents is sent anew next time); what each
  calendar was sent keeps an event one officer sent while another dropped it; an issued
  version is never changed, and two issued under one number apart are numbered by issue
  time (the later one takes the next free number), every replica that knew it under the
  former number told. A deleted event's last content, for the calendars that held it, is
  its deleter's (`deleted.event`), so that every replica cancels the same event.
- **What is told survives the program**: the fields this officer set that no other value
  replaced yet (`my_writes`) are kept in the visit file with the document's state, so a
  conflict arriving in a later run (a command-line sync after an edit in the window) is
  still told.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Final

from pycrdt import Array, Doc, Map

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.model import VisitData
from visitplanner.domain.plain import Plain, entity_from_plain, field_types, to_plain
from visitplanner.storage.journal import EntityChange, Key
from visitplanner.sync.records import Renumbered, SharedRecords

log = logging.getLogger(__name__)

#: The key under which a journal record keeps a created or deleted entity's row place.
PLACE: Final = "_place"
#: The map of who deleted each entity that is gone.
_DELETED: Final = "deleted"
#: The last content of each deleted event, as its deleter had it (for the calendars).
_LAST_EVENTS: Final = "deleted.event"
_ORDER: Final = "order."
#: Separates officer, machine, time and writes in an attribution.
_SEP: Final = "\x1f"
#: How many earlier writes of a field a stamp remembers having seen.
_SEEN: Final = 16


@dataclass(frozen=True)
class Identity:
    """Who edits through a replica: the officer and their machine."""

    officer: str
    machine: str


@dataclass(frozen=True)
class Stamp:
    """Who set a value, on which machine, and when (UTC)."""

    officer: str
    machine: str
    at: datetime
    #: The write that set the value (one per local operation), and the earlier writes of
    #: the same field its writer had seen: a write it has not seen was made apart.
    write: str = ""
    seen: tuple[str, ...] = ()

    def encode(self) -> str:
        """The stamp as the document keeps it."""
        return _SEP.join(
            (self.officer, self.machine, self.at.isoformat(), self.write, ",".join(self.seen))
        )

    @classmethod
    def decode(cls, text: object) -> Stamp | None:
        """A stamp read back (None for a missing or unreadable one)."""
        if not isinstance(text, str):
            return None
        parts = text.split(_SEP)
        if len(parts) != 5:
            return None
        try:
            at = datetime.fromisoformat(parts[2])
        except ValueError:
            return None
        seen = tuple(parts[4].split(",")) if parts[4] else ()
        return cls(parts[0], parts[1], at, parts[3], seen)


def identity_of(identity: Identity) -> tuple[str, str]:
    """The officer and machine of `identity`."""
    return identity.officer, identity.machine


@dataclass(frozen=True)
class Conflict:
    """A field this replica changed that another replica's value replaced."""

    kind: str
    id: str
    #: The entity's field (for a line of a running order: the list's field).
    field: str
    #: The item of a list field (a running-order line), and its field.
    item: str | None
    item_field: str | None
    mine: Plain
    theirs: Plain
    by: Stamp | None


@dataclass(frozen=True)
class Lost:
    """An edit of this replica that a deletion made elsewhere took away (deletion wins)."""

    kind: str
    id: str
    fields: tuple[str, ...]
    #: The entity as this replica last had it (its name for the message).
    entity: dict[str, Plain]
    by: Stamp | None
    #: A line of a list field deleted elsewhere (the entity itself stays).
    item: str | None = None


@dataclass(frozen=True)
class Repair:
    """An entity mended after a merge: links to missing entities cut, or deleted with them,
    or fields brought back in order (an end before the start)."""

    kind: str
    id: str
    missing: frozenset[str]
    deleted: bool
    fields: tuple[str, ...] = ()


@dataclass
class Incoming:
    """What another replica's update means for this visit, and what to tell the officer."""

    #: Entities that appeared: their whole plain form (with `id`).
    created: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Entities changed: only the fields that moved, in plain form.
    changed: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Entities gone, as this replica last had them.
    deleted: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Kinds whose order of rows moved.
    reordered: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    lost: list[Lost] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    #: Who made the changes received.
    authors: list[Identity] = field(default_factory=list)
    #: This replica's own update (the repairs), to send to the others; empty when none.
    update: bytes = b""
    #: Whether the calendars' memory or the programme versions moved (`records.py`).
    records: bool = False
    #: Versions known here under a number the merge changed.
    renumbered: list[Renumbered] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.changed or self.deleted or self.reordered or self.records)

    @property
    def count(self) -> int:
        """How many entities the update changed here."""
        return len(self.created) + len(self.changed) + len(self.deleted)


def _encode(value: Plain) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _decode(text: object) -> Plain:
    return json.loads(text) if isinstance(text, str) else None


@cache
def item_fields(cls: type) -> dict[str, type]:
    """The list fields of `cls` whose items carry an id, with the items' class."""
    found: dict[str, type] = {}
    for name, hint in field_types(cls).items():
        if typing.get_origin(hint) is not list:
            continue
        item: Any = typing.get_args(hint)[0]
        if isinstance(item, type) and dataclasses.is_dataclass(item) and "id" in field_types(item):
            found[name] = item
    return found


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field_types(cls))


def _item_key(name: str, item: str, sub: str) -> str:
    return f"{name}/{item}/{sub}"


def _first_each(ids: Iterable[Any]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for ident in ids:
        if isinstance(ident, str) and ident not in seen:
            seen.add(ident)
            out.append(ident)
    return out


def _increasing(positions: Sequence[int]) -> set[int]:
    """The indexes of a longest increasing run (not contiguous) in `positions`."""
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(positions)
    for i, value in enumerate(positions):
        j = bisect.bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j] = value
            tail_at[j] = i
        back[i] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep


def _place_after(current: list[str], wanted: Sequence[str], ident: str) -> int:
    """Where `ident` goes in `current` so that it follows what precedes it in `wanted`."""
    at = wanted.index(ident)
    present = {x: n for n, x in reversed(list(enumerate(current)))}
    for before in reversed(wanted[:at]):
        if before in present:
            return present[before] + 1
    return 0


def _cut(value: Plain, gone: frozenset[str]) -> Plain:
    """`value` with every mention of an id in `gone` taken out, as the visit file cuts
    links when their target is deleted: a single link emptied, an id struck from a list,
    an entry keyed by it dropped."""
    if isinstance(value, str):
        return None if value in gone else value
    if isinstance(value, list):
        return [_cut(v, gone) for v in value if not (isinstance(v, str) and v in gone)]
    if isinstance(value, dict):
        return {k: _cut(v, gone) for k, v in value.items() if k not in gone}
    return value


def _mentions(value: Plain, ids: frozenset[str]) -> bool:
    if isinstance(value, str):
        return value in ids
    if isinstance(value, list):
        return any(_mentions(v, ids) for v in value)
    if isinstance(value, dict):
        return any(k in ids or _mentions(v, ids) for k, v in value.items())
    return False


#: Fields that must come in order: (earlier, later, how far the later one is put after).
_IN_ORDER: Final[dict[str, tuple[str, str, timedelta]]] = {
    "event": ("start", "end", timedelta(0)),
    "stay": ("check_in", "check_out", timedelta(days=1)),
}


def _mend(kind: str, plain: dict[str, Plain]) -> dict[str, Plain]:
    """The fields to set so that an entity merged from two replicas is consistent again
    (empty when it is)."""
    pair = _IN_ORDER.get(kind)
    if kind == "visit":
        if plain.get("end_date", "") < plain.get("start_date", ""):
            return {"end_date": plain["start_date"]}
        return {}
    if pair is None:
        return {}
    first, last, gap = pair
    try:
        start = datetime.fromisoformat(plain[first]["utc"])
        end = datetime.fromisoformat(plain[last]["utc"])
    except (KeyError, TypeError, ValueError):
        return {}
    if end > start or (end == start and not gap):
        return {}
    moved = (start + gap).astimezone(UTC).isoformat()
    return {last: {"utc": moved, "tz": plain[last]["tz"]}}


def _lacks(earlier: dict[str, Plain], plain: dict[str, Plain]) -> bool:
    """Whether `plain` lacks a field (or a field of a list's item) that `earlier` had: a
    value deleted by an update whose replacement waits for an update not received yet
    (every field is written whenever its entity or item is)."""
    for name, value in earlier.items():
        if name not in plain:
            return True
        now = plain[name]
        if isinstance(value, list) and isinstance(now, list) and value and now:
            if not all(isinstance(x, dict) and "id" in x for x in (*value, *now)):
                continue
            before = {x["id"]: x for x in value}
            if any(x["id"] in before and set(before[x["id"]]) - set(x) for x in now):
                return True
    return False


def _complete(kind: str, plain: dict[str, Plain]) -> bool:
    """Whether `plain` makes an entity of `kind` (once mended, `_mend`): every field that
    has no default is there and readable."""
    whole = {**plain, **_mend(kind, plain)}
    try:
        entity_from_plain(entity_kinds.BY_NAME[kind].cls, whole)
    except DomainError:
        return True
    except (TypeError, KeyError, ValueError, AttributeError):
        return False
    return True


class VisitDocument:
    """One visit's shared Yjs document, as one replica holds it."""

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

    # -- building ------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        data: VisitData,
        identity: Identity,
        order: Callable[[str], Sequence[str]] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> VisitDocument:
        """The document of a whole visit, shared for the first time.

        `order` gives the ids of a kind in the order of the file's rows (the visit's
        lists by default); `clock` tells the time of each edit (UTC; now by default)."""
        document = cls(identity, clock)
        with document.doc.transaction():
            for kind in entity_kinds.KINDS:
                entities = kind.entities(data)
                top = document._maps[kind.name]
                found = document._plain[kind.name]
                for entity in entities:
                    plain = to_plain(entity)
                    top[entity.id] = document._prelim(kind.name, plain)
                    found[entity.id] = plain
                    document._kind_of[entity.id] = kind.name
                if kind.collection is not None:
                    ids = list(order(kind.name)) if order else [e.id for e in entities]
                    document._orders[kind.name].extend(ids)
            document.records.write(data.calendars, data.versions, new_id(), *identity_of(identity))
        return document

    @classmethod
    def load(
        cls, state: bytes, identity: Identity, clock: Callable[[], datetime] | None = None
    ) -> VisitDocument:
        """A replica's document from the state another one handed over (`state()`)."""
        document = cls(identity, clock)
        document.doc.apply_update(state)
        document._reread()
        return document

    def state(self) -> bytes:
        """The whole document as one update (what a new replica starts from)."""
        return self.doc.get_update()

    def state_vector(self) -> bytes:
        """What this replica has seen (to ask another for the rest)."""
        return self.doc.get_state()

    def update_since(self, state_vector: bytes) -> bytes:
        """What this replica holds that a replica at `state_vector` has not seen."""
        return self.doc.get_update(state_vector)

    def visit_plain(self) -> dict[str, dict[str, dict[str, Plain]]]:
        """Every entity by kind and id, in plain form (a copy)."""
        return {kind: dict(found) for kind, found in self._plain.items()}

    def visit_data(self) -> VisitData:
        """The visit the document holds, each kind in the document's order (what a new
        replica's visit file is written from)."""
        by_kind: dict[str, list[Any]] = {}
        for kind in entity_kinds.KINDS:
            found = self._plain[kind.name]
            ids = self.ordered_ids(kind.name) if kind.collection else list(found)
            ids += [i for i in found if i not in set(ids)]
            by_kind[kind.name] = [entity_from_plain(kind.cls, found[i]) for i in ids]
        (visit,) = by_kind.pop("visit")
        data = VisitData(visit=visit)
        data.calendars = self.records.calendars()
        data.versions = self.records.programme_versions()
        for kind in entity_kinds.KINDS:
            if kind.collection is not None:
                setattr(data, kind.collection, by_kind[kind.name])
        return data

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

    # -- observing a merge ---------------------------------------------------------

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

    # -- local edits -------------------------------------------------------------------

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

    def local(
        self,
        changes: Sequence[EntityChange],
        order: Callable[[str], Sequence[str]] | None = None,
    ) -> bytes:
        """The update for what one journal entry did (done, undone or redone: an undo
        is the reverse changes), writing only the fields it changed.

        `order` gives the ids of a kind in the order of the file's rows, so that a
        created entity takes the same place in the document."""
        before = self.doc.get_state()
        touched: set[Key] = set()
        stamp = new_id()
        with self.doc.transaction():
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
        return self.doc.get_update(before)

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

    # -- another replica's update ------------------------------------------------------

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
                if plain is None:
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

    def local_records(self, data: VisitData) -> bytes:
        """The update for the bookkeeping the visit file holds that the document lacks
        (calendars exported, versions issued: `records.py`); empty when nothing."""
        before = self.doc.get_state()
        with self.doc.transaction():
            wrote = self.records.write(
                data.calendars, data.versions, new_id(), *identity_of(self.identity)
            )
        return self.doc.get_update(before) if wrote else b""

    def my_writes(self) -> tuple[tuple[str, str, str, str, str], ...]:
        """The fields this officer set that no other value replaced yet, as the visit file
        keeps them (kind, id, key, value as JSON text, write): a later run of the program
        still tells a conflict on them."""
        return tuple(
            (kind, ident, key, _encode(value), write)
            for (kind, ident, key), (value, write) in sorted(self._mine.items())
        )

    def remember_my_writes(self, kept: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Take back what `my_writes` gave when the replica was last kept."""
        for kind, ident, key, value, write in kept:
            if kind in self._maps:
                self._mine[(kind, ident, key)] = (_decode(value), write)

    def stamp_of(self, kind: str, ident: str, name: str) -> Stamp | None:
        """Who last set the field `name` of an entity (who created it, when unknown)."""
        entity = self._maps[kind].get(ident)
        if not isinstance(entity, Map):
            return None
        return Stamp.decode(entity.get("@" + name)) or Stamp.decode(entity.get("@"))
