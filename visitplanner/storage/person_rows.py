"""Rows of the person table, and the person they stand for (both ways)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from visitplanner.domain.decree import DecreeList, DecreePosition
from visitplanner.domain.model import Accreditation, Person, TravelLeg
from visitplanner.domain.values import Civility, Grade, Need
from visitplanner.storage.rows import (
    address_forms_from_db,
    address_forms_to_db,
    date_from_db,
    date_to_db,
    enum_from_db,
    list_from_db,
    list_to_db,
    optional_time_from_db,
    optional_time_to_db,
    text_from_db,
    text_to_db,
)

_civility: Final = enum_from_db(Civility)
_grade: Final = enum_from_db(Grade)
_need: Final = enum_from_db(Need)
_decree_list: Final = enum_from_db(DecreeList)


def person_from_row(r: Mapping[str, Any], photo: bytes | None, photo_type: str) -> Person:
    """The person a row of the person table stands for (the photo is stored apart)."""
    return Person(
        id=r["id"],
        delegation_id=r["delegation_id"],
        rank=r["rank"],
        family_name=r["family_name"],
        given_name=r["given_name"],
        family_name_native=r["family_name_native"],
        given_name_native=r["given_name_native"],
        patronymic_native=r["patronymic_native"],
        latin_derived=bool(r["latin_derived"]),
        civility=_civility(r["civility"]),
        title=text_from_db(r["title"]),
        function=text_from_db(r["function"]),
        organisation=text_from_db(r["organisation"]),
        role=r["role"],
        grade=_grade(r["grade"]),
        languages=list_from_db(r["languages"]),
        duty_phone=r["duty_phone"],
        duty_email=r["duty_email"],
        private_phone=r["private_phone"],
        biography=text_from_db(r["biography"]),
        photo=photo,
        photo_type=photo_type,
        dietary=_need(r["dietary"]),
        dietary_detail=text_from_db(r["dietary_detail"]),
        step_free=_need(r["step_free"]),
        accessibility_detail=text_from_db(r["accessibility_detail"]),
        accreditation=Accreditation(
            passport_name=r["passport_name"],
            birth_date=date_from_db(r["birth_date"]),
            nationality=r["nationality"],
            passport_number=r["passport_number"],
            passport_expiry=date_from_db(r["passport_expiry"]),
        ),
        arrival=_leg_from_row(r, "arrival"),
        departure=_leg_from_row(r, "departure"),
        notes=r["notes"],
        sample=bool(r["sample"]),
        address_forms=address_forms_from_db(r["address_forms"]),
        precedence_position=_position(r["precedence_list"], r["precedence_position"]),
    )


def _position(kind: str | None, ident: str | None) -> DecreePosition | None:
    """A person's position in the décret from its two columns (both null: none)."""
    if not kind or not ident:
        return None
    return DecreePosition(_decree_list(kind), ident)


def person_to_row(person: Person) -> dict[str, Any]:
    """The row of the person table for `person` (without the photo)."""
    acc = person.accreditation
    at = person.precedence_position
    row: dict[str, Any] = {
        "id": person.id,
        "delegation_id": person.delegation_id,
        "rank": person.rank,
        "family_name": person.family_name,
        "given_name": person.given_name,
        "family_name_native": person.family_name_native,
        "given_name_native": person.given_name_native,
        "patronymic_native": person.patronymic_native,
        "latin_derived": int(person.latin_derived),
        "civility": person.civility.value,
        "title": text_to_db(person.title),
        "function": text_to_db(person.function),
        "organisation": text_to_db(person.organisation),
        "role": str(person.role),
        "grade": person.grade.value,
        "languages": list_to_db(person.languages),
        "duty_phone": person.duty_phone,
        "duty_email": person.duty_email,
        "private_phone": person.private_phone,
        "biography": text_to_db(person.biography),
        "dietary": person.dietary.value,
        "dietary_detail": text_to_db(person.dietary_detail),
        "step_free": person.step_free.value,
        "accessibility_detail": text_to_db(person.accessibility_detail),
        "passport_name": acc.passport_name,
        "birth_date": date_to_db(acc.birth_date),
        "nationality": acc.nationality,
        "passport_number": acc.passport_number,
        "passport_expiry": date_to_db(acc.passport_expiry),
        "notes": person.notes,
        "sample": int(person.sample),
        "address_forms": address_forms_to_db(person.address_forms),
        "precedence_list": at.list.value if at else None,
        "precedence_position": at.id if at else None,
    }
    for prefix, leg in (("arrival", person.arrival), ("departure", person.departure)):
        utc, tz = optional_time_to_db(leg.time)
        row.update(
            {
                f"{prefix}_carrier": leg.carrier,
                f"{prefix}_number": leg.number,
                f"{prefix}_utc": utc,
                f"{prefix}_tz": tz,
                f"{prefix}_place": leg.place,
            }
        )
    return row


def _leg_from_row(row: Mapping[str, Any], prefix: str) -> TravelLeg:
    return TravelLeg(
        carrier=row[f"{prefix}_carrier"],
        number=row[f"{prefix}_number"],
        time=optional_time_from_db(row[f"{prefix}_utc"], row[f"{prefix}_tz"]),
        place=row[f"{prefix}_place"],
    )
