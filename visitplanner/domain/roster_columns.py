"""The columns a roster spreadsheet may hold, named once for the export and the import.

The export writes these headers (translated); the import recognises them in any of
the three languages, beside the other usual headers an embassy's sheet carries. A
multilingual field (title, function...) takes one column per language, its header
ending with the language code: "Fonction (fr)".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from visitplanner.domain.values import LANGUAGES
from visitplanner.i18n import N_, gettext_in


class RosterField(StrEnum):
    """What a column of a roster sheet holds."""

    ID = "id"
    DELEGATION = "delegation"
    RANK = "rank"
    ROLE = "role"
    GRADE = "grade"
    CIVILITY = "civility"
    FAMILY_NAME = "family_name"
    GIVEN_NAME = "given_name"
    FAMILY_NAME_NATIVE = "family_name_native"
    GIVEN_NAME_NATIVE = "given_name_native"
    PATRONYMIC_NATIVE = "patronymic_native"
    FULL_NAME = "full_name"
    LATIN_DERIVED = "latin_derived"
    TITLE = "title"
    FUNCTION = "function"
    ORGANISATION = "organisation"
    BIOGRAPHY = "biography"
    LANGUAGES = "languages"
    DUTY_PHONE = "duty_phone"
    DUTY_EMAIL = "duty_email"
    PRIVATE_PHONE = "private_phone"
    DIETARY = "dietary"
    DIETARY_DETAIL = "dietary_detail"
    STEP_FREE = "step_free"
    ACCESSIBILITY_DETAIL = "accessibility_detail"
    PASSPORT_NAME = "passport_name"
    BIRTH_DATE = "birth_date"
    NATIONALITY = "nationality"
    PASSPORT_NUMBER = "passport_number"
    PASSPORT_EXPIRY = "passport_expiry"
    ARRIVAL_CARRIER = "arrival_carrier"
    ARRIVAL_NUMBER = "arrival_number"
    ARRIVAL_TIME = "arrival_time"
    ARRIVAL_PLACE = "arrival_place"
    DEPARTURE_CARRIER = "departure_carrier"
    DEPARTURE_NUMBER = "departure_number"
    DEPARTURE_TIME = "departure_time"
    DEPARTURE_PLACE = "departure_place"
    HOTEL = "hotel"
    NOTES = "notes"
    VEHICLE_PLATES = "vehicle_plates"


#: Fields holding a text in several languages: one column per language (a column
#: without a language code is read by its text: Cyrillic is Ukrainian, other text is
#: in the language of the sheet's headers).
LOCALIZED_FIELDS: Final = frozenset(
    {
        RosterField.TITLE,
        RosterField.FUNCTION,
        RosterField.ORGANISATION,
        RosterField.BIOGRAPHY,
        RosterField.DIETARY_DETAIL,
        RosterField.ACCESSIBILITY_DETAIL,
    }
)

#: Fields whose values are dates (a bad date is an error of the row).
DATE_FIELDS: Final = frozenset({RosterField.BIRTH_DATE, RosterField.PASSPORT_EXPIRY})

#: Fields whose values are a date and a time (of a journey).
TIME_FIELDS: Final = frozenset({RosterField.ARRIVAL_TIME, RosterField.DEPARTURE_TIME})

#: Fields that are private (see domain/privacy.py): never in a shareable export.
PRIVATE_ROSTER_FIELDS: Final = frozenset(
    {
        RosterField.PRIVATE_PHONE,
        RosterField.DIETARY_DETAIL,
        RosterField.ACCESSIBILITY_DETAIL,
        RosterField.PASSPORT_NAME,
        RosterField.BIRTH_DATE,
        RosterField.NATIONALITY,
        RosterField.PASSPORT_NUMBER,
        RosterField.PASSPORT_EXPIRY,
    }
)

#: The header the export writes for each field (English; translated when written).
FIELD_HEADERS: Final[dict[RosterField, str]] = {
    RosterField.ID: N_("Id"),
    RosterField.DELEGATION: N_("Delegation"),
    RosterField.RANK: N_("Rank"),
    RosterField.ROLE: N_("Role"),
    RosterField.GRADE: N_("Protocol grade"),
    RosterField.CIVILITY: N_("Civility"),
    RosterField.FAMILY_NAME: N_("Family name"),
    RosterField.GIVEN_NAME: N_("Given name"),
    RosterField.FAMILY_NAME_NATIVE: N_("Family name (native script)"),
    RosterField.GIVEN_NAME_NATIVE: N_("Given name (native script)"),
    RosterField.PATRONYMIC_NATIVE: N_("Patronymic (native script)"),
    RosterField.FULL_NAME: N_("Full name"),
    RosterField.LATIN_DERIVED: N_("Latin form derived"),
    RosterField.TITLE: N_("Position"),
    RosterField.FUNCTION: N_("Function in the delegation"),
    RosterField.ORGANISATION: N_("Organisation"),
    RosterField.BIOGRAPHY: N_("Biography"),
    RosterField.LANGUAGES: N_("Languages"),
    RosterField.DUTY_PHONE: N_("Duty phone"),
    RosterField.DUTY_EMAIL: N_("Duty e-mail"),
    RosterField.PRIVATE_PHONE: N_("Private phone"),
    RosterField.DIETARY: N_("Dietary needs"),
    RosterField.DIETARY_DETAIL: N_("Dietary detail"),
    RosterField.STEP_FREE: N_("Step-free access needed"),
    RosterField.ACCESSIBILITY_DETAIL: N_("Accessibility detail"),
    RosterField.PASSPORT_NAME: N_("Name as in passport"),
    RosterField.BIRTH_DATE: N_("Date of birth"),
    RosterField.NATIONALITY: N_("Nationality"),
    RosterField.PASSPORT_NUMBER: N_("Passport number"),
    RosterField.PASSPORT_EXPIRY: N_("Passport expiry date"),
    RosterField.ARRIVAL_CARRIER: N_("Arrival carrier"),
    RosterField.ARRIVAL_NUMBER: N_("Arrival flight or train"),
    RosterField.ARRIVAL_TIME: N_("Arrival time"),
    RosterField.ARRIVAL_PLACE: N_("Arrival place"),
    RosterField.DEPARTURE_CARRIER: N_("Departure carrier"),
    RosterField.DEPARTURE_NUMBER: N_("Departure flight or train"),
    RosterField.DEPARTURE_TIME: N_("Departure time"),
    RosterField.DEPARTURE_PLACE: N_("Departure place"),
    RosterField.HOTEL: N_("Hotel"),
    RosterField.NOTES: N_("Notes"),
    RosterField.VEHICLE_PLATES: N_("Vehicle plates"),
}


@dataclass(frozen=True, slots=True)
class Target:
    """What one column of a sheet becomes: a field, and for a multilingual one its language.

    `lang` None for a multilingual field means "decide by the text": Cyrillic is
    Ukrainian, other text is in the language of the sheet's headers.
    """

    field: RosterField
    lang: str | None = None

    def key(self) -> str:
        """A stable text form ("function:fr"), for remembered mappings."""
        return f"{self.field.value}:{self.lang}" if self.lang else self.field.value

    @classmethod
    def from_key(cls, key: str) -> Target:
        """The target a `key()` text stands for; ValueError if it names none."""
        name, _sep, lang = key.partition(":")
        if lang and lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        return cls(RosterField(name), lang or None)


def header_for(target: Target, lang: str) -> str:
    """The header the export writes for `target`, in `lang` ("Fonction (fr)")."""
    text = gettext_in(lang, FIELD_HEADERS[target.field])
    return f"{text} ({target.lang})" if target.lang else text
