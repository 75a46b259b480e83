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

from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue, Visit, VisitData
from visitplanner.domain.rooming import Stay
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.i18n import N_, _


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
    #: Whether an entity of this kind goes with what it refers to: deleting a person, a
    #: vehicle or an event deletes their car assignments in the same operation.
    dependent: bool = False
    #: For a dependent kind, the links whose deletion takes it along (None: every link).
    #: A stay goes with its person and its hotel, not with the person sharing the room.
    owners: Callable[[Any], set[str]] | None = None

    def goes_with(self, entity: Any, ids: set[str]) -> bool:
        """Whether deleting the entities `ids` deletes `entity` (one of this kind) too."""
        if not self.dependent:
            return False
        return self.owners is None or not self.owners(entity).isdisjoint(ids)

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
    EntityKind(
        "visit",
        Visit,
        None,
        _no_links,
        N_("visit"),
        # What the officer declares of gifts is no one else's business.
        private=frozenset({"gift_threshold", "gift_currency"}),
    ),
    EntityKind(
        "delegation",
        Delegation,
        "delegations",
        lambda d: {d.head_id} - {None},
        N_("delegation"),
    ),
    EntityKind(
        "person",
        Person,
        "people",
        lambda p: {p.delegation_id} - {None},
        N_("person"),
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
        N_("venue"),
        private=frozenset({"security_notes"}),
    ),
    EntityKind("vehicle", Vehicle, "vehicles", lambda v: {v.driver_id} - {None}, N_("vehicle")),
    EntityKind("event", Event, "events", _event_links, N_("event")),
    EntityKind(
        "car_assignment",
        CarAssignment,
        "car_assignments",
        lambda a: {a.event_id, a.vehicle_id, a.person_id},
        N_("car assignment"),
        dependent=True,
    ),
    EntityKind(
        "gift",
        Gift,
        "gifts",
        lambda g: {g.giver_id, g.recipient_id, g.event_id, g.keeper_id} - {None},
        N_("gift"),
        # What it cost, who bought it and whether an official declared it stay internal.
        private=frozenset({"value", "currency", "keeper_id", "declared", "declared_on", "notes"}),
    ),
    # The distribution list is internal whole: a shareable export leaves the copies out
    # (domain/privacy.py), so no field of theirs needs to be named private here.
    EntityKind(
        "book_copy",
        BookCopy,
        "copies",
        lambda c: {c.holder_id} - {None},
        N_("numbered copy"),
    ),
    EntityKind(
        "stay",
        Stay,
        "stays",
        lambda s: {s.person_id, s.hotel_id, s.shares_with_id} - {None},
        N_("stay"),
        # Who pays is internal; a room number tells where a minister sleeps.
        private=frozenset({"billing", "room_number", "notes"}),
        dependent=True,
        owners=lambda s: {s.person_id, s.hotel_id},
    ),
    EntityKind(
        "seating_constraint",
        SeatingConstraint,
        "seating_constraints",
        lambda c: {c.event_id, c.person_id, c.other_id} - {None},
        N_("seating constraint"),
        dependent=True,
    ),
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


def walk(data: VisitData) -> Iterator[tuple[EntityKind, Any]]:
    """Every entity of the visit with its kind."""
    for kind in KINDS:
        for entity in kind.entities(data):
            yield kind, entity


#: What a field is called in a message (a stale edit names the fields changed elsewhere).
FIELD_LABELS: Final[dict[str, str]] = {
    "family_name": N_("family name"),
    "given_name": N_("given name"),
    "family_name_native": N_("family name in the native script"),
    "given_name_native": N_("given name in the native script"),
    "patronymic_native": N_("patronymic"),
    "latin_derived": N_("Latin form"),
    "civility": N_("civility"),
    "title": N_("title"),
    "function": N_("function"),
    "organisation": N_("organisation"),
    "delegation_id": N_("delegation"),
    "role": N_("role"),
    "grade": N_("protocol grade"),
    "rank": N_("rank"),
    "languages": N_("languages"),
    "duty_phone": N_("duty phone"),
    "duty_email": N_("duty e-mail"),
    "private_phone": N_("private phone"),
    "biography": N_("biography"),
    "photo": N_("photo"),
    "dietary": N_("dietary needs"),
    "dietary_detail": N_("dietary detail"),
    "step_free": N_("step-free access"),
    "accessibility_detail": N_("accessibility detail"),
    "accreditation": N_("accreditation"),
    "arrival": N_("arrival"),
    "departure": N_("departure"),
    "hotel": N_("hotel"),
    "hotel_id": N_("hotel"),
    "room_types": N_("room types"),
    "rooming_language": N_("language of the rooming list"),
    "room_type_id": N_("room type"),
    "room_number": N_("room number"),
    "check_in": N_("check-in"),
    "check_out": N_("check-out"),
    "shares_with_id": N_("shares with"),
    "late_arrival": N_("late arrival"),
    "billing": N_("billing"),
    "notes": N_("notes"),
    "start": N_("start"),
    "end": N_("end"),
    "kind": N_("kind"),
    "status": N_("status"),
    "venue_id": N_("venue"),
    "destination_id": N_("destination"),
    "participant_ids": N_("participants"),
    "vehicle_ids": N_("vehicles"),
    "press": N_("press"),
    "dress_code": N_("dress code"),
    "purpose": N_("purpose"),
    "interpretation": N_("interpretation"),
    "responsible_id": N_("officer in charge"),
    "running_order": N_("running order"),
    "precedence_ids": N_("order of precedence"),
    "seating": N_("seating plan"),
    "wreaths": N_("wreaths"),
    "placement": N_("placement"),
    "name": N_("name"),
    "address": N_("address"),
    "postcode": N_("postcode"),
    "city": N_("city"),
    "country": N_("country"),
    "contact_name": N_("contact on site"),
    "contact_phone": N_("contact phone"),
    "capacity": N_("capacity"),
    "access_notes": N_("access notes"),
    "security_notes": N_("security notes"),
    "travel_minutes": N_("travel times"),
    "label": N_("label"),
    "convoy_position": N_("place in the convoy"),
    "plate": N_("plate"),
    "driver_id": N_("driver"),
    "driver_name": N_("driver"),
    "seats": N_("seats"),
    "wheelchair": N_("wheelchair access"),
    "side": N_("side"),
    "head_id": N_("head of delegation"),
    "position": N_("position"),
    "start_date": N_("first day"),
    "end_date": N_("last day"),
    "tz": N_("time zone"),
    "marking": N_("marking"),
    "organiser": N_("organiser"),
    # The parts an entity holds: its organiser, a person's accreditation and travel,
    # an event's running order, tables, seats, wreaths and places.
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "passport_name": N_("name as in the passport"),
    "nationality": N_("nationality"),
    "passport_number": N_("passport number"),
    "carrier": N_("carrier"),
    "number": N_("flight or train number"),
    "place": N_("place"),
    "action": N_("action"),
    # A running order's columns, as its table heads them: "the “where” is too long".
    "who": N_("“who”"),
    "where": N_("“where”"),
    "ribbon": N_("ribbon"),
    "event_id": N_("movement"),
    "vehicle_id": N_("vehicle"),
    "person_id": N_("person"),
    "seat": N_("seat"),
    "description": N_("description"),
    "giver_id": N_("giver"),
    "giver_name": N_("giver"),
    "recipient_id": N_("recipient"),
    "recipient_name": N_("recipient"),
    "value": N_("value"),
    "currency": N_("currency"),
    "keeper_id": N_("bought or kept by"),
    "declared": N_("declared"),
    "declared_on": N_("date of declaration"),
    "gift_threshold": N_("gift declaration threshold"),
    "gift_currency": N_("currency of gifts"),
    "emergency": N_("emergency contacts"),
    "holder_id": N_("holder"),
    "holder_name": N_("holder"),
    "printed_on": N_("printed on"),
    "edition": N_("edition"),
    "returned_on": N_("returned on"),
    "destroyed_on": N_("destroyed on"),
    "address_forms": N_("forms of address"),
    "letter": N_("letter salutation"),
    "card": N_("place card"),
    "spoken": N_("spoken address"),
    "introduction": N_("introduction"),
    "flags": N_("flags"),
    "flag_honour": N_("flag at the place of honour"),
    "at": N_("time"),
    "other_id": N_("second person"),
    "hard": N_("hard or soft"),
}


def field_label(name: str) -> str:
    """The field `name` in words, in the user's language."""
    label = FIELD_LABELS.get(name)
    return _(label) if label else name.replace("_", " ")
