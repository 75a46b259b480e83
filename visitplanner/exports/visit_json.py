"""The whole visit as a documented, versioned JSON file (the visit's backup format).

The format is described in `docs/json-format.md` and its JSON Schema in
`visitplanner/resources/schema/visit.schema.json`; `visitplanner.imports.visit_json`
reads it back. The export holds everything, private fields included (internal profile).

Keys come in the order the schema declares them (`id` first, then the fields in the
order of the domain's dataclasses) and every field is always written, `null` standing
for an unknown value, so the same visit always gives the same bytes.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from visitplanner.domain.address import AddressForms, AddressUse
from visitplanner.domain.arrangements import (
    PlacementPosition,
    Room,
    Seat,
    SeatingPlan,
    Table,
    Wreath,
)
from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.contacts import Contact, DayHospital, EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.decree import DecreePosition
from visitplanner.domain.errors import DomainError
from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import (
    Accreditation,
    CalendarMemory,
    Delegation,
    Event,
    Interpretation,
    Organiser,
    Person,
    ProgrammeVersion,
    RunningOrderItem,
    TravelLeg,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.rooming import RoomType, Stay
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.domain.values import LocalizedText
from visitplanner.domain.visit_format import FORMAT_MARKER, FORMAT_VERSION, snapshot_json
from visitplanner.exports.files import write_private_chunks

log = logging.getLogger(__name__)

_JSON = dict[str, Any]


def _visit_parts(data: VisitData) -> Iterator[tuple[str, Any]]:
    """The whole visit's keys and values in the documented order; each list a generator,
    so that a writer can hold one item at a time."""
    yield "format", FORMAT_MARKER
    yield "version", FORMAT_VERSION
    yield "visit", _visit(data.visit)
    yield "delegations", (_delegation(d) for d in data.delegations)
    yield "people", (_person(p) for p in data.people)
    yield "venues", (_venue(v) for v in data.venues)
    yield "vehicles", (_vehicle(v) for v in data.vehicles)
    yield "events", (_event(e) for e in data.events)
    yield "car_assignments", (_car_assignment(a) for a in data.car_assignments)
    yield "gifts", (_gift(g) for g in data.gifts)
    yield "copies", (_book_copy(c) for c in data.copies)
    yield "stays", (_stay(s) for s in data.stays)
    yield "seating_constraints", (_seating_constraint(c) for c in data.seating_constraints)
    yield "calendars", _calendars(data.calendars)
    yield "versions", (_version(v) for v in data.versions)


def visit_to_dict(data: VisitData) -> dict[str, Any]:
    """The whole visit as JSON-ready data, in the documented format."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _visit_parts(data)
    }


def programme_to_dict(data: VisitData) -> dict[str, Any]:
    """The programme alone (visit, delegations, people, venues, vehicles, events) in
    the documented format: the frozen snapshot of a programme version."""
    return dict(programme_parts(data))


def programme_parts(data: VisitData) -> Iterator[tuple[str, Any]]:
    """`programme_to_dict`'s keys and values in order, each list made only when it is
    reached: what compares a programme with a version one list at a time."""
    yield "format", FORMAT_MARKER
    yield "version", FORMAT_VERSION
    yield "visit", _visit(data.visit, programme=True)
    yield "delegations", [_delegation(d) for d in data.delegations]
    yield "people", [_person(p, programme=True) for p in data.people]
    yield "venues", [_venue(v, programme=True) for v in data.venues]
    yield "vehicles", [_vehicle(v) for v in data.vehicles]
    yield "events", [_event(e, programme=True) for e in data.events]


def programme_to_json(data: VisitData) -> str:
    """`programme_to_dict` as compact JSON text (how a version's snapshot is kept)."""
    return snapshot_json(programme_to_dict(data))


def _dumped(value: Any, depth: int) -> str:
    """`value` as `json.dumps(..., indent=2)` writes it `depth` levels down."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("\n", "\n" + "  " * depth)


def visit_json_chunks(data: VisitData) -> Iterator[str]:
    """The text of the visit's JSON file, one list item at a time: the very text
    `json.dumps(visit_to_dict(data), indent=2)` makes, never held whole in memory."""
    yield "{"
    for number, (key, value) in enumerate(_visit_parts(data)):
        yield ("," if number else "") + "\n  " + json.dumps(key) + ": "
        if not isinstance(value, Iterator):
            yield _dumped(value, 1)
            continue
        empty = True
        for item in value:
            yield ("[\n    " if empty else ",\n    ") + _dumped(item, 2)
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def visit_to_json(data: VisitData) -> str:
    """The whole visit as the text of a JSON file (ends with a newline)."""
    return "".join(visit_json_chunks(data))


def dump_visit_json(data: VisitData, path: Path) -> None:
    """Write the whole visit to `path` as UTF-8 JSON, readable by its owner only.

    The text is written as it is made, a list item at a time (memory stays that of the
    visit itself), to a temporary file in the same folder, which then replaces `path`
    in one step: a failed write never leaves half a file, and an older file at `path`
    stays as it was until the new one is complete.
    """
    chunks = (chunk.encode("utf-8") for chunk in visit_json_chunks(data))
    write_private_chunks(path, chunks, text=True)


# --- values ---------------------------------------------------------------------------


def _text(value: LocalizedText) -> _JSON:
    """A multilingual text: one key per language that has a version, in fr, uk, en order
    (`LocalizedText.to_dict`, spelt out: a summit's programme holds 28,000 of them)."""
    parts: _JSON = {}
    if value.fr:
        parts["fr"] = value.fr
    if value.uk:
        parts["uk"] = value.uk
    if value.en:
        parts["en"] = value.en
    return parts


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _zone_key(moment: datetime) -> str:
    tz = moment.tzinfo
    if isinstance(tz, ZoneInfo):
        return tz.key
    if tz is not None and moment.utcoffset() == timedelta(0):
        return "UTC"  # datetime.UTC and other fixed zero offsets
    raise DomainError("a time must carry its IANA time zone")


def _utc(moment: datetime) -> str:
    """A time as UTC ISO-8601 with "Z"; fractions of a second only when there are some."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds") + "Z"


@functools.lru_cache(maxsize=4096)
def _written_moment(moment: datetime, _fold: int, _zone: object) -> tuple[str, str]:
    """`moment` in UTC and its zone's key, remembered: a programme's events start and
    end on a few hundred distinct times, and each version writes them all again.

    Keyed by the fold and the zone as well: two times of the same zone that differ
    only by their fold (the hour repeated when clocks go back) compare equal, and two
    of different zones at the same instant do too.
    """
    return _utc(moment), _zone_key(moment)


def _moment(name: str, moment: datetime | None) -> _JSON:
    """A time as two keys: `name` in UTC and `name_tz`, the IANA zone it was planned in."""
    if moment is None:
        return {name: None, f"{name}_tz": None}
    utc, zone = _written_moment(moment, moment.fold, moment.tzinfo)
    return {name: utc, f"{name}_tz": zone}


def _photo(value: bytes | None) -> str | None:
    return None if value is None else base64.b64encode(value).decode("ascii")


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


# --- entities -------------------------------------------------------------------------


def _organiser(value: Organiser) -> _JSON:
    return {
        "name": _text(value.name),
        "email": value.email,
        "phone": value.phone,
        "address": value.address,
    }


def _visit(value: Visit, programme: bool = False) -> _JSON:
    """The visit's settings; a programme's snapshot leaves out the gift settings, which
    are no part of the programme (a version issued before them stays the same)."""
    written: _JSON = {
        "id": value.id,
        "title": _text(value.title),
        "start_date": _day(value.start_date),
        "end_date": _day(value.end_date),
        "tz": value.tz,
        "marking": value.marking,
        "languages": list(value.languages),
        "organiser": _organiser(value.organiser),
        "notes": value.notes,
    }
    if not programme:
        written["gift_threshold"] = value.gift_threshold
        written["gift_currency"] = value.gift_currency
        written["emergency"] = _emergency(value.emergency)
        written["flag_honour"] = str(value.flag_honour)
        written["guest_placement"] = str(value.guest_placement)
        written["decree_version"] = value.decree_version
    return written


def _delegation(value: Delegation) -> _JSON:
    return {
        "id": value.id,
        "name": _text(value.name),
        "side": str(value.side),
        "country": value.country,
        "head_id": value.head_id,
        "position": value.position,
        "notes": value.notes,
    }


def _accreditation(value: Accreditation) -> _JSON:
    return {
        "passport_name": value.passport_name,
        "birth_date": _day(value.birth_date),
        "nationality": value.nationality,
        "passport_number": value.passport_number,
        "passport_expiry": _day(value.passport_expiry),
    }


def _travel(value: TravelLeg) -> _JSON:
    return {
        "carrier": value.carrier,
        "number": value.number,
        **_moment("time", value.time),
        "place": value.place,
    }


def _person(value: Person, programme: bool = False) -> _JSON:
    """A person; a programme's snapshot leaves out the forms of address and the décret
    position, no part of the programme (a version issued before them stays the same)."""
    written: _JSON = {
        "id": value.id,
        "family_name": value.family_name,
        "given_name": value.given_name,
        "family_name_native": value.family_name_native,
        "given_name_native": value.given_name_native,
        "patronymic_native": value.patronymic_native,
        "latin_derived": value.latin_derived,
        "civility": str(value.civility),
        "title": _text(value.title),
        "function": _text(value.function),
        "organisation": _text(value.organisation),
        "delegation_id": value.delegation_id,
        "role": str(value.role),
        "grade": str(value.grade),
        "rank": value.rank,
        "languages": list(value.languages),
        "duty_phone": value.duty_phone,
        "duty_email": value.duty_email,
        "private_phone": value.private_phone,
        "biography": _text(value.biography),
        "photo": _photo(value.photo),
        "photo_type": value.photo_type,
        "dietary": str(value.dietary),
        "dietary_detail": _text(value.dietary_detail),
        "step_free": str(value.step_free),
        "accessibility_detail": _text(value.accessibility_detail),
        "accreditation": _accreditation(value.accreditation),
        "arrival": _travel(value.arrival),
        "departure": _travel(value.departure),
        "notes": value.notes,
        "sample": value.sample,
    }
    if not programme:
        written["address_forms"] = _address_forms(value.address_forms)
        written["precedence_position"] = _decree_position(value.precedence_position)
    return written


def _decree_position(value: DecreePosition | None) -> _JSON | None:
    return None if value is None else {"list": str(value.list), "id": value.id}


def _address_forms(value: AddressForms) -> _JSON:
    return {use.value: _text(getattr(value, use.value)) for use in AddressUse}


def _venue(value: Venue, programme: bool = False) -> _JSON:
    """A venue; a programme's snapshot leaves out its rooms, no part of the programme."""
    written: _JSON = {
        "id": value.id,
        "name": _text(value.name),
        "address": value.address,
        "postcode": value.postcode,
        "city": value.city,
        "country": value.country,
        "latitude": _number(value.latitude),
        "longitude": _number(value.longitude),
        "contact_name": value.contact_name,
        "contact_phone": value.contact_phone,
        "capacity": value.capacity,
        "step_free": str(value.step_free),
        "access_notes": _text(value.access_notes),
        "security_notes": _text(value.security_notes),
        "travel_minutes": {key: value.travel_minutes[key] for key in sorted(value.travel_minutes)},
        "sample": value.sample,
    }
    if not programme:
        written["hotel"] = value.hotel
        written["room_types"] = [_room_type(t) for t in value.room_types]
        written["rooming_language"] = value.rooming_language
    return written


def _room_type(value: RoomType) -> _JSON:
    return {
        "id": value.id,
        "name": _text(value.name),
        "capacity": value.capacity,
        "step_free": value.step_free,
    }


def _stay(value: Stay) -> _JSON:
    return {
        "id": value.id,
        "person_id": value.person_id,
        "hotel_id": value.hotel_id,
        "room_type_id": value.room_type_id,
        "room_number": value.room_number,
        **_moment("check_in", value.check_in),
        **_moment("check_out", value.check_out),
        "shares_with_id": value.shares_with_id,
        "step_free": value.step_free,
        "late_arrival": value.late_arrival,
        "billing": str(value.billing),
        "notes": value.notes,
    }


def _vehicle(value: Vehicle) -> _JSON:
    return {
        "id": value.id,
        "label": _text(value.label),
        "convoy_position": value.convoy_position,
        "plate": value.plate,
        "driver_id": value.driver_id,
        "driver_name": value.driver_name,
        "duty_phone": value.duty_phone,
        "seats": value.seats,
        "wheelchair": str(value.wheelchair),
        "notes": _text(value.notes),
        "sample": value.sample,
    }


def _interpretation(value: Interpretation) -> _JSON:
    return {
        "mode": str(value.mode),
        "languages": list(value.languages),
        "interpreter_ids": list(value.interpreter_ids),
    }


def _running_order_item(value: RunningOrderItem) -> _JSON:
    return {
        "id": value.id,
        **_moment("at", value.at),
        "action": _text(value.action),
        "who": _text(value.who),
        "where": _text(value.where),
        "kind": str(value.kind),
        "person_ids": list(value.person_ids),
    }


def _seat(value: Seat) -> _JSON:
    return {
        "id": value.id,
        "number": value.number,
        "side": str(value.side),
        "position": value.position,
        "label": value.label,
        "step_free": value.step_free,
        "locked": value.locked,
        "person_id": value.person_id,
        "reserved": str(value.reserved),
        "near_exit": value.near_exit,
    }


def _table(value: Table) -> _JSON:
    return {
        "id": value.id,
        "name": value.name,
        "shape": str(value.shape),
        "x": float(value.x),
        "y": float(value.y),
        "seats": [_seat(seat) for seat in value.seats],
        "rotation": float(value.rotation),
        "length": float(value.length),
        "number": value.number,
    }


def _room(value: Room) -> _JSON:
    return {
        "name": value.name,
        "width": float(value.width),
        "depth": float(value.depth),
        "features": [
            {
                "kind": str(f.kind),
                "label": f.label,
                "x": float(f.x),
                "y": float(f.y),
                "width": float(f.width),
                "depth": float(f.depth),
                "id": f.id,
            }
            for f in value.features
        ],
    }


def _seating(value: SeatingPlan | None) -> _JSON | None:
    if value is None:
        return None
    return {
        "strategy": str(value.strategy),
        "tables": [_table(t) for t in value.tables],
        "room": _room(value.room),
        "options": {
            "couples": str(value.options.couples),
            "delegations": str(value.options.delegations),
        },
    }


def _wreath(value: Wreath) -> _JSON:
    return {
        "id": value.id,
        "ribbon": _text(value.ribbon),
        "layer_ids": list(value.layer_ids),
        "carrier_ids": list(value.carrier_ids),
    }


def _placement(value: PlacementPosition) -> _JSON:
    return {
        "id": value.id,
        "area": str(value.area),
        "row": value.row,
        "place": value.place,
        "label": value.label,
        "wheelchair": value.wheelchair,
        "person_id": value.person_id,
    }


def _event(value: Event, programme: bool = False) -> _JSON:
    """An event; a programme's snapshot leaves out its flags, as it leaves out the gifts."""
    written: _JSON = {
        "id": value.id,
        "title": _text(value.title),
        **_moment("start", value.start),
        **_moment("end", value.end),
        "kind": str(value.kind),
        "status": str(value.status),
        "venue_id": value.venue_id,
        "destination_id": value.destination_id,
        "participant_ids": list(value.participant_ids),
        "vehicle_ids": list(value.vehicle_ids),
        "press": str(value.press),
        "dress_code": _text(value.dress_code),
        "purpose": _text(value.purpose),
        "interpretation": _interpretation(value.interpretation),
        "responsible_id": value.responsible_id,
        "notes": _text(value.notes),
        "running_order": [_running_order_item(item) for item in value.running_order],
        "precedence_ids": list(value.precedence_ids),
        "seating": _seating(value.seating),
        "wreaths": [_wreath(w) for w in value.wreaths],
        "placement": [_placement(p) for p in value.placement],
        **_moment("modified", value.modified),
        "source_uid": value.source_uid,
        "sample": value.sample,
    }
    if not programme:
        written["flags"] = list(value.flags)
    return written


def _car_assignment(value: CarAssignment) -> _JSON:
    return {
        "id": value.id,
        "event_id": value.event_id,
        "vehicle_id": value.vehicle_id,
        "person_id": value.person_id,
        "seat": str(value.seat),
        "number": value.number,
    }


def _gift(value: Gift) -> _JSON:
    return {
        "id": value.id,
        "description": _text(value.description),
        "giver_id": value.giver_id,
        "giver_name": value.giver_name,
        "recipient_id": value.recipient_id,
        "recipient_name": value.recipient_name,
        "event_id": value.event_id,
        "status": str(value.status),
        "value": value.value,
        "currency": value.currency,
        "keeper_id": value.keeper_id,
        "declared": value.declared,
        "declared_on": _day(value.declared_on),
        "notes": value.notes,
        **_moment("at", value.at),
    }


def _contact(value: Contact) -> _JSON:
    return {"name": value.name, "address": value.address, "phone": value.phone}


def _hospital(value: DayHospital) -> _JSON:
    return {
        "day": _day(value.day),
        "name": value.name,
        "address": value.address,
        "phone": value.phone,
    }


def _emergency(value: EmergencyContacts) -> _JSON:
    return {
        "duty_officer": _contact(value.duty_officer),
        "embassy": _contact(value.embassy),
        "security_lead": _contact(value.security_lead),
        "hospitals": [_hospital(h) for h in value.hospitals],
    }


def _book_copy(value: BookCopy) -> _JSON:
    return {
        "id": value.id,
        "number": value.number,
        "total": value.total,
        "printed_on": _day(value.printed_on),
        "holder_id": value.holder_id,
        "holder_name": value.holder_name,
        "edition": value.edition,
        "returned_on": _day(value.returned_on),
        "destroyed_on": _day(value.destroyed_on),
    }


def _seating_constraint(value: SeatingConstraint) -> _JSON:
    return {
        "id": value.id,
        "event_id": value.event_id,
        "kind": str(value.kind),
        "person_id": value.person_id,
        "other_id": value.other_id,
        "hard": value.hard,
    }


def _calendars(value: CalendarMemory) -> _JSON:
    """What exported calendars left behind, sorted by id so the bytes are stable."""
    return {
        "marks": [
            {
                "event_id": ident,
                "variant": in_variant,
                "sequence": mark.sequence,
                "fingerprint": mark.fingerprint,
                "exported": _utc(mark.exported),
            }
            for (ident, in_variant), mark in sorted(value.marks.items())
        ],
        "sent": [
            {
                "calendar": calendar,
                "event_ids": sorted(ids),
                "dropped_ids": sorted(value.dropped.get(calendar, ())),
            }
            for calendar, ids in sorted(value.sent.items())
        ],
        "ghosts": [_event(ghost) for _ident, ghost in sorted(value.ghosts.items())],
    }


def _version(value: ProgrammeVersion) -> _JSON:
    """An issued version, its frozen programme as written when it was issued (rebuilt
    whole from what the visit file keeps)."""
    return {
        "number": value.number,
        "issued": _utc(value.issued),
        "note": value.note,
        "programme": value.programme.document(),
    }
