"""One declaration per kind of entity: what the journal, undo, privacy and sharing go by.

Each kind says its name (as changes and the journal name it), its class, where a
visit keeps its entities, which of its fields are private, and which other entities
it refers to. The storage layer maps each kind to its table; adding a kind of entity
is one declaration here and one there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue, Visit, VisitData


@dataclass(frozen=True)
class EntityKind:
    """How one kind of entity is named, kept and linked."""

    name: str
    cls: type
    #: The attribute of VisitData holding the entities (None: the visit itself, one per file).
    collection: str | None
    #: The ids of other entities that one of these refers to.
    links: Callable[[Any], set[str]]
    #: What the kind is called in a message ("person", "event" ...), translated when shown.
    label: str
    #: The fields never written to a shareable export (private phone, medical detail ...).
    private: frozenset[str] = frozenset()

    def entities(self, data: VisitData) -> list[Any]:
        """Every entity of this kind in `data`."""
        if self.collection is None:
            return [data.visit]
        found: list[Any] = getattr(data, self.collection)
        return found


def _event_links(event: Event) -> set[str]:
    links = {
        event.venue_id,
        event.destination_id,
        event.responsible_id,
        *event.participant_ids,
        *event.vehicle_ids,
        *event.interpretation.interpreter_ids,
        *event.precedence_ids,
    }
    links.update(p for line in event.running_order for p in line.person_ids)
    if event.seating is not None:
        links.update(event.seating.seated_ids())
    for wreath in event.wreaths:
        links.update(wreath.layer_ids + wreath.carrier_ids)
    links.update(position.person_id for position in event.placement)
    links.discard(None)
    return links  # type: ignore[return-value]


def _no_links(_entity: object) -> set[str]:
    return set()


#: Every kind, in the order a whole visit is written (what others refer to comes first).
KINDS: Final[tuple[EntityKind, ...]] = (
    EntityKind("visit", Visit, None, _no_links, "visit"),
    EntityKind(
        "delegation",
        Delegation,
        "delegations",
        lambda d: {d.head_id} - {None},
        "delegation",
    ),
    EntityKind(
        "person",
        Person,
        "people",
        lambda p: {p.delegation_id} - {None},
        "person",
        # Duty contacts are shared with the delegation; a private phone is not.
        private=frozenset(
            {"private_phone", "accessibility_detail", "dietary_detail", "accreditation"}
        ),
    ),
    EntityKind(
        "venue",
        Venue,
        "venues",
        lambda v: set(v.travel_minutes),
        "venue",
        private=frozenset({"security_notes"}),
    ),
    EntityKind("vehicle", Vehicle, "vehicles", lambda v: {v.driver_id} - {None}, "vehicle"),
    EntityKind("event", Event, "events", _event_links, "event"),
)

BY_NAME: Final = {kind.name: kind for kind in KINDS}
BY_CLASS: Final = {kind.cls: kind for kind in KINDS}


def kind_of(entity: object) -> EntityKind:
    """The declaration of `entity`'s kind."""
    return BY_CLASS[type(entity)]


def linked_to(data: VisitData, ids: set[str]) -> list[Any]:
    """Every entity, other than those in `ids`, that refers to one of `ids`."""
    return [
        entity
        for kind, entity in walk(data)
        if entity.id not in ids and not kind.links(entity).isdisjoint(ids)
    ]


def find(data: VisitData, kind: EntityKind, ident: str) -> Any | None:
    """The entity `ident` of `kind` in `data`, or None."""
    for entity in kind.entities(data):
        if entity.id == ident:
            return entity
    return None


def walk(data: VisitData) -> Iterator[tuple[EntityKind, Any]]:
    """Every entity of the visit with its kind."""
    for kind in KINDS:
        for entity in kind.entities(data):
            yield kind, entity
