"""The rows of the entity tables: each entity as a row, and writing only what changed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import Delegation, Event, Vehicle, Venue, Visit
from visitplanner.domain.plain import to_plain
from visitplanner.domain.rooming import RoomType, Stay
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.domain.values import LocalizedText
from visitplanner.storage.rows import (
    date_to_db,
    list_to_db,
    optional_time_to_db,
    text_to_db,
    time_to_db,
)


def upsert(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> None:
    """Insert `row`, or update the row with its id in place (links to it stay)."""
    columns = list(row)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
        [row[c] for c in columns],
    )


def write_row(
    conn: sqlite3.Connection,
    table: str,
    to_row: Callable[[Any], dict[str, Any]],
    entity: object,
    before: object | None,
) -> None:
    """Write an entity's row: whole when new, else only the columns that changed."""
    row = to_row(entity)
    if before is None:
        upsert(conn, table, row)
        return
    earlier = to_row(before)
    changed = {c: v for c, v in row.items() if c != "id" and earlier.get(c) != v}
    if changed:
        sets = ", ".join(f'"{c}" = ?' for c in changed)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*changed.values(), row["id"]])


def arrangements(event: Event) -> tuple[object, ...]:
    """What an event's arrangement rows hold: precedence, seating, wreaths, placement."""
    return (event.precedence_ids, event.seating, event.wreaths, event.placement)


def visit_row(visit: Visit) -> dict[str, Any]:
    """The row of a visit (its child rows are written apart)."""
    return {
        "id": visit.id,
        "title": text_to_db(visit.title),
        "start_date": date_to_db(visit.start_date),
        "end_date": date_to_db(visit.end_date),
        "tz": visit.tz,
        "marking": visit.marking,
        "languages": list_to_db(visit.languages),
        "organiser_name": text_to_db(visit.organiser.name),
        "organiser_email": visit.organiser.email,
        "organiser_phone": visit.organiser.phone,
        "organiser_address": visit.organiser.address,
        "notes": visit.notes,
        "gift_threshold": visit.gift_threshold,
        "gift_currency": visit.gift_currency,
        "emergency": json.dumps(to_plain(visit.emergency), ensure_ascii=False, sort_keys=True),
        "flag_honour": visit.flag_honour.value,
        "guest_placement": visit.guest_placement.value,
        "decree_version": visit.decree_version,
    }


def delegation_row(delegation: Delegation) -> dict[str, Any]:
    """The row of a delegation (its child rows are written apart)."""
    return {
        "id": delegation.id,
        "name": text_to_db(delegation.name),
        "side": delegation.side.value,
        "country": delegation.country,
        "head_id": delegation.head_id,
        "position": delegation.position,
        "notes": delegation.notes,
    }


def venue_row(venue: Venue) -> dict[str, Any]:
    """The row of a venue (its child rows are written apart)."""
    return {
        "id": venue.id,
        "name": text_to_db(venue.name),
        "address": venue.address,
        "postcode": venue.postcode,
        "city": venue.city,
        "country": venue.country,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "contact_name": venue.contact_name,
        "contact_phone": venue.contact_phone,
        "capacity": venue.capacity,
        "step_free": venue.step_free.value,
        "access_notes": text_to_db(venue.access_notes),
        "security_notes": text_to_db(venue.security_notes),
        "sample": int(venue.sample),
        "hotel": int(venue.hotel),
        "room_types": room_types_to_db(venue.room_types),
        "rooming_language": venue.rooming_language,
    }


def vehicle_row(vehicle: Vehicle) -> dict[str, Any]:
    """The row of a vehicle (its child rows are written apart)."""
    return {
        "id": vehicle.id,
        "label": text_to_db(vehicle.label),
        "convoy_position": vehicle.convoy_position,
        "plate": vehicle.plate,
        "driver_id": vehicle.driver_id,
        "driver_name": vehicle.driver_name,
        "duty_phone": vehicle.duty_phone,
        "seats": vehicle.seats,
        "wheelchair": vehicle.wheelchair.value,
        "notes": text_to_db(vehicle.notes),
        "sample": int(vehicle.sample),
    }


def event_row(event: Event) -> dict[str, Any]:
    """The row of a event (its child rows are written apart)."""
    start_utc, start_tz = time_to_db(event.start)
    end_utc, end_tz = time_to_db(event.end)
    modified, _tz = optional_time_to_db(event.modified)
    return {
        "id": event.id,
        "kind": event.kind.value,
        "title": text_to_db(event.title),
        "start_utc": start_utc,
        "start_tz": start_tz,
        "end_utc": end_utc,
        "end_tz": end_tz,
        "status": event.status.value,
        "venue_id": event.venue_id,
        "destination_id": event.destination_id,
        "press": event.press.value,
        "dress_code": text_to_db(event.dress_code),
        "purpose": text_to_db(event.purpose),
        "interpretation_mode": event.interpretation.mode.value,
        "interpretation_languages": list_to_db(event.interpretation.languages),
        "responsible_id": event.responsible_id,
        "notes": text_to_db(event.notes),
        "modified": modified,
        "source_uid": event.source_uid,
        "sample": int(event.sample),
        "flags": list_to_db(event.flags),
    }


def car_assignment_row(assignment: CarAssignment) -> dict[str, Any]:
    """The row of a car assignment."""
    return {
        "id": assignment.id,
        "event_id": assignment.event_id,
        "vehicle_id": assignment.vehicle_id,
        "person_id": assignment.person_id,
        "seat": assignment.seat.value,
        "number": assignment.number,
    }


def gift_row(gift: Gift) -> dict[str, Any]:
    """The row of a gift."""
    return {
        "id": gift.id,
        "description": text_to_db(gift.description),
        "giver_id": gift.giver_id,
        "giver_name": gift.giver_name,
        "recipient_id": gift.recipient_id,
        "recipient_name": gift.recipient_name,
        "event_id": gift.event_id,
        "status": gift.status.value,
        "value": gift.value,
        "currency": gift.currency,
        "keeper_id": gift.keeper_id,
        "declared": int(gift.declared),
        "declared_on": date_to_db(gift.declared_on),
        "notes": gift.notes,
        **_gift_time(gift),
    }


def book_copy_row(copy_: BookCopy) -> dict[str, Any]:
    """The row of a numbered copy of a book."""
    return {
        "id": copy_.id,
        "number": copy_.number,
        "total": copy_.total,
        "printed_on": date_to_db(copy_.printed_on),
        "holder_id": copy_.holder_id,
        "holder_name": copy_.holder_name,
        "edition": copy_.edition,
        "returned_on": date_to_db(copy_.returned_on),
        "destroyed_on": date_to_db(copy_.destroyed_on),
    }


def _gift_time(gift: Gift) -> dict[str, Any]:
    utc, tz = optional_time_to_db(gift.at)
    return {"at_utc": utc, "at_tz": tz}


def room_types_to_db(room_types: list[RoomType]) -> str:
    """A hotel's room types as the venue row keeps them (a JSON list, in their order)."""
    return json.dumps(
        [
            {
                "id": t.id,
                "name": t.name.to_dict(),
                "capacity": t.capacity,
                "step_free": t.step_free,
            }
            for t in room_types
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def room_types_from_db(raw: str | None) -> list[RoomType]:
    """A hotel's room types read back from its venue row."""
    return [
        RoomType(
            id=item["id"],
            name=LocalizedText.from_dict(item["name"]),
            capacity=item["capacity"],
            step_free=bool(item["step_free"]),
        )
        for item in json.loads(raw or "[]")
    ]


def stay_row(stay: Stay) -> dict[str, Any]:
    """The row of a stay."""
    check_in_utc, check_in_tz = time_to_db(stay.check_in)
    check_out_utc, check_out_tz = time_to_db(stay.check_out)
    return {
        "id": stay.id,
        "person_id": stay.person_id,
        "hotel_id": stay.hotel_id,
        "room_type_id": stay.room_type_id,
        "room_number": stay.room_number,
        "check_in_utc": check_in_utc,
        "check_in_tz": check_in_tz,
        "check_out_utc": check_out_utc,
        "check_out_tz": check_out_tz,
        "shares_with_id": stay.shares_with_id,
        "step_free": int(stay.step_free),
        "late_arrival": int(stay.late_arrival),
        "billing": stay.billing.value,
        "notes": stay.notes,
    }


def seating_constraint_row(constraint: SeatingConstraint) -> dict[str, Any]:
    """The row of a seating constraint."""
    return {
        "id": constraint.id,
        "event_id": constraint.event_id,
        "kind": constraint.kind.value,
        "person_id": constraint.person_id,
        "other_id": constraint.other_id,
        "hard": int(constraint.hard),
    }
