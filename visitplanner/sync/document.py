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

Where each part lives (the names are importable from here): `fields.py` (how fields are
encoded, and the pure rules: links cut, entities mended), `stamps.py` (`Stamp`,
`Identity`, and what an update means: `Incoming`, `Conflict`, `Lost`, `Repair`),
`held.py` (the maps and what this replica read of them), `local_edits.py` (a journal
entry become an update), `merging.py` (an update received), `records.py` (the
calendars' memory and the programme versions); `VisitDocument` here builds, loads and
reads the whole visit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from pycrdt import Map

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.ids import new_id
from visitplanner.domain.model import VisitData
from visitplanner.domain.plain import Plain, entity_from_plain, to_plain
from visitplanner.sync.fields import (
    PLACE,
    _decode,
    _encode,
    item_fields,
)
from visitplanner.sync.held import one_update
from visitplanner.sync.merging import Merging
from visitplanner.sync.stamps import (
    Conflict,
    Identity,
    Incoming,
    Lost,
    Repair,
    Stamp,
    identity_of,
)

__all__ = [
    "PLACE",
    "Conflict",
    "Identity",
    "Incoming",
    "Lost",
    "Repair",
    "Stamp",
    "VisitDocument",
    "identity_of",
    "item_fields",
]


class VisitDocument(Merging):
    """One visit's shared Yjs document, as one replica holds it."""

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

    def local_records(self, data: VisitData) -> bytes:
        """The update for the bookkeeping the visit file holds that the document lacks
        (calendars exported, versions issued: `records.py`); empty when nothing."""
        with self._made() as made, self.doc.transaction():
            wrote = self.records.write(
                data.calendars, data.versions, new_id(), *identity_of(self.identity)
            )
        return one_update(made) if wrote else b""

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
