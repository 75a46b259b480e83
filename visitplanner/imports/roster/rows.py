"""Read one row of a roster sheet into what it says about a person, or why it is wrong.

A row's values are checked one by one (a date that is no date, a rank that is no
number); what cannot be read makes the row wrong, with a message naming the
column. A role the import does not know is kept as written. Writing the values
onto a person (a new one or one already in the visit) is `RowRecord.apply`: an
empty cell leaves the field as it was, so re-importing a thinner sheet loses
nothing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from visitplanner.domain.ids import is_uuid
from visitplanner.domain.lookup import normalise
from visitplanner.domain.model import Person
from visitplanner.domain.roster_columns import (
    DATE_FIELDS,
    FIELD_HEADERS,
    LOCALIZED_FIELDS,
    TIME_FIELDS,
    RosterField,
    Target,
)
from visitplanner.domain.translit import has_cyrillic, transliterate
from visitplanner.domain.values import Need, is_known_zone
from visitplanner.i18n import _
from visitplanner.imports.roster.sheet import SheetRow
from visitplanner.imports.roster.words import (
    civility_of,
    grade_of,
    key,
    languages_of,
    role_of,
    yes_no,
)

F = RosterField

_DATE_FORMATS: Final = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y.%m.%d")
_DATETIME: Final = re.compile(
    r"^(?P<date>\S+?)(?:[ T]+|\s+[àa@]\s+)(?P<h>\d{1,2})[:hH.](?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s+\(?(?P<zone>[A-Za-z_]+(?:/[A-Za-z_\-+0-9]+)*)\)?)?$"
)
_PATRONYMIC: Final = re.compile(r"(ович|евич|євич|йович|івна|ївна|овна|евна|ична|інічна)$", re.I)
_FAMILY_FIRST: Final = ("nom", "прізвище", "піб", "п і б", "фио", "ф и о", "last", "surname")

#: Simple person attributes a field fills directly, as text.
_TEXT_ATTRIBUTES: Final = {
    F.DUTY_PHONE: "duty_phone",
    F.DUTY_EMAIL: "duty_email",
    F.PRIVATE_PHONE: "private_phone",
    F.NOTES: "notes",
}
_ACCREDITATION: Final = {
    F.PASSPORT_NAME: "passport_name",
    F.BIRTH_DATE: "birth_date",
    F.NATIONALITY: "nationality",
    F.PASSPORT_NUMBER: "passport_number",
    F.PASSPORT_EXPIRY: "passport_expiry",
}
_LEGS: Final = {
    F.ARRIVAL_CARRIER: ("arrival", "carrier"),
    F.ARRIVAL_NUMBER: ("arrival", "number"),
    F.ARRIVAL_TIME: ("arrival", "time"),
    F.ARRIVAL_PLACE: ("arrival", "place"),
    F.DEPARTURE_CARRIER: ("departure", "carrier"),
    F.DEPARTURE_NUMBER: ("departure", "number"),
    F.DEPARTURE_TIME: ("departure", "time"),
    F.DEPARTURE_PLACE: ("departure", "place"),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the sheet as the import reads it."""

    index: int
    header: str
    target: Target
    lang: str  # the language of the sheet's headers (for Latin text of a multilingual field)


def columns_for(headers: tuple[str, ...], targets: list[Target | None], lang: str) -> list[Column]:
    """The columns that become something; `lang` is the language the headers are written in.

    The sheet's language, not each header's: "Délégation" and "Delegation" are one
    word once accents are set aside.
    """
    return [
        Column(index, headers[index], target, lang)
        for index, target in enumerate(targets)
        if target is not None and target.field is not F.VEHICLE_PLATES
    ]


def field_name(target: Target) -> str:
    """A field as a message names it ("date of birth")."""
    text = _(FIELD_HEADERS[target.field])
    return f"{text} ({target.lang})" if target.lang else text


@dataclass
class RowRecord:
    """What one row says about a person, and what is wrong with it."""

    number: int
    ident: str = ""
    delegation: str = ""
    delegation_lang: str = ""
    family: str = ""
    given: str = ""
    family_native: str = ""
    given_native: str = ""
    patronymic: str = ""
    #: Cyrillic typed in the Latin name columns ("Nom", "Prénom"): placed once the whole
    #: row is read, beside what the native-script columns say (see `_settle_cyrillic`).
    family_typed_cyrillic: str = ""
    given_typed_cyrillic: str = ""
    latin_derived: bool | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    accreditation: dict[str, Any] = field(default_factory=dict)
    legs: dict[tuple[str, str], Any] = field(default_factory=dict)
    unknown_role: str = ""
    #: The hotel column's text: a stay, planned apart (imports/roster/hotels.py).
    hotel: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blank: bool = False

    @property
    def has_name(self) -> bool:
        """Whether the row names a person (a family name in either script)."""
        return bool(self.family or self.family_native)

    def derived_latin(self) -> tuple[str, str]:
        """The Latin family and given names: as written, else transliterated."""
        family = self.family or transliterate(self.family_native)
        given = self.given or (transliterate(self.given_native) if self.given_native else "")
        return family, given

    def display_name(self) -> str:
        """The person's name as the preview shows it."""
        latin = " ".join(p for p in (self.given, self.family) if p)
        native = " ".join(p for p in (self.given_native, self.family_native) if p)
        return latin or native

    def new_person(self, ident: str) -> Person:
        """A person made from this row alone."""
        person = Person(family_name=self.family, family_name_native=self.family_native, id=ident)
        self.apply(person)
        return person

    def apply(self, person: Person) -> None:
        """Write the row's values onto `person`; empty cells leave fields as they are."""
        self._apply_names(person)
        for name, value in self.attributes.items():
            setattr(person, name, value)
        for (name, lang), text in self.texts.items():
            setattr(person, name, getattr(person, name).replace(lang, text))
        if self.accreditation:
            person.accreditation = dataclasses.replace(person.accreditation, **self.accreditation)
        for leg_name in ("arrival", "departure"):
            values = {part: v for (leg, part), v in self.legs.items() if leg == leg_name}
            if values:
                setattr(person, leg_name, dataclasses.replace(getattr(person, leg_name), **values))

    def _apply_names(self, person: Person) -> None:
        if self.family_native:
            person.family_name_native = self.family_native
        if self.given_native:
            person.given_name_native = self.given_native
        if self.patronymic:
            person.patronymic_native = self.patronymic
        derived = False
        if self.family:
            person.family_name = self.family
            if self.given:
                person.given_name = self.given
            elif self.given_native and (not person.given_name or person.latin_derived):
                person.given_name = transliterate(self.given_native)
                derived = True
        elif self.family_native and (not person.family_name or person.latin_derived):
            person.family_name, person.given_name = self.derived_latin()
            derived = True
        if self.family or derived:
            person.latin_derived = derived or bool(self.latin_derived)


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_time(text: str, home_zone: str) -> datetime | None:
    match = _DATETIME.match(text.strip())
    if not match:
        return None
    day = _parse_date(match["date"])
    zone_name = match["zone"] or home_zone
    if day is None or not is_known_zone(zone_name):
        return None
    try:
        return datetime(
            day.year,
            day.month,
            day.day,
            int(match["h"]),
            int(match["m"]),
            int(match["s"] or 0),
            tzinfo=ZoneInfo(zone_name),
        )
    except ValueError:
        return None


def _split_full_name(text: str, family_first: bool) -> tuple[str, str, str]:
    """(family, given, patronymic) from a full name (see the rules in the docs)."""
    words = text.split()
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(words):
        rest = [w for w in words if w not in capitals]
        if len(rest) == 2 and _PATRONYMIC.search(rest[1]):
            return " ".join(capitals), rest[0], rest[1]
        return " ".join(capitals), " ".join(rest), ""
    if len(words) == 1:
        return words[0], "", ""
    if len(words) >= 3 and _PATRONYMIC.search(words[1]) and not _PATRONYMIC.search(words[-1]):
        return " ".join(words[2:]), words[0], words[1]
    if len(words) >= 3 and _PATRONYMIC.search(words[-1]):
        return words[0], " ".join(words[1:-1]), words[-1]
    if family_first or has_cyrillic(text):
        return words[0], " ".join(words[1:]), ""
    return words[-1], " ".join(words[:-1]), ""


def read_row(row: SheetRow, columns: list[Column], home_zone: str) -> RowRecord:
    """What `row` says, through `columns`; problems are collected, never raised."""
    record = RowRecord(number=row.number)
    if row.is_blank():
        record.blank = True
        return record
    if row.extra:
        record.errors.append(
            _("cells beyond the last column of the header: {count}").format(count=row.extra)
        )
    for column in columns:
        text = row.cells[column.index] if column.index < len(row.cells) else ""
        if text:
            _read_cell(record, column, text, home_zone)
    _settle_cyrillic(record)
    if not record.has_name and not record.errors:
        record.errors.append(_("no family name"))
    elif not record.has_name:
        record.errors.insert(0, _("no family name"))
    return record


def _read_cell(record: RowRecord, column: Column, text: str, home_zone: str) -> None:
    target = column.target
    what = field_name(target)
    kind = target.field
    if kind in (F.FAMILY_NAME, F.GIVEN_NAME):
        native = has_cyrillic(text)
        part = "family" if kind is F.FAMILY_NAME else "given"
        attr = f"{part}_typed_cyrillic" if native else part
        if not getattr(record, attr):
            setattr(record, attr, text)
    elif kind is F.FAMILY_NAME_NATIVE:
        record.family_native = text
    elif kind is F.GIVEN_NAME_NATIVE:
        record.given_native = text
    elif kind is F.PATRONYMIC_NATIVE:
        if has_cyrillic(text):
            record.patronymic = text
        else:
            record.warnings.append(
                _("patronymic “{text}” in Latin script left out").format(text=text)
            )
    elif kind is F.FULL_NAME:
        family_first = key(column.header).startswith(_FAMILY_FIRST)
        family, given, patronymic = _split_full_name(text, family_first)
        if has_cyrillic(text):
            record.family_native = record.family_native or family
            record.given_native = record.given_native or given
            record.patronymic = record.patronymic or patronymic
        else:
            record.family = record.family or family
            record.given = record.given or given
    elif kind is F.ID:
        if is_uuid(text.lower()):
            record.ident = text.lower()
    elif kind is F.DELEGATION:
        record.delegation = text
        record.delegation_lang = "uk" if has_cyrillic(text) else column.lang
    elif kind is F.RANK:
        try:
            record.attributes["rank"] = int(text.rstrip("."))
        except ValueError:
            record.errors.append(
                _("{field}: “{text}” is not a number").format(field=what, text=text)
            )
    elif kind is F.ROLE:
        role, known = role_of(text)
        record.attributes["role"] = role
        if not known:
            record.unknown_role = text
    elif kind is F.GRADE:
        grade = grade_of(text)
        if grade is None:
            record.warnings.append(_unknown(what, text))
        else:
            record.attributes["grade"] = grade
    elif kind is F.CIVILITY:
        civility = civility_of(text)
        if civility is None:
            record.warnings.append(_unknown(what, text))
        else:
            record.attributes["civility"] = civility
    elif kind is F.LATIN_DERIVED:
        record.latin_derived = yes_no(text)
    elif kind in LOCALIZED_FIELDS:
        lang = target.lang or ("uk" if has_cyrillic(text) else _latin_lang(column.lang))
        record.texts[(kind.value, lang)] = text
    elif kind is F.LANGUAGES:
        codes, unknown = languages_of(text)
        if codes:
            record.attributes["languages"] = codes
        if unknown:
            record.warnings.append(_unknown(what, ", ".join(unknown)))
    elif kind in (F.DIETARY, F.STEP_FREE):
        _read_need(record, kind, text, "uk" if has_cyrillic(text) else _latin_lang(column.lang))
    elif kind is F.HOTEL:
        record.hotel = text
    elif kind in _TEXT_ATTRIBUTES:
        record.attributes[_TEXT_ATTRIBUTES[kind]] = text
    elif kind in _ACCREDITATION:
        value: object = text
        if kind in DATE_FIELDS:
            value = _parse_date(text)
            if value is None:
                record.errors.append(_bad_date(what, text))
                return
        record.accreditation[_ACCREDITATION[kind]] = value
    elif kind in _LEGS:
        value = text
        if kind in TIME_FIELDS:
            value = _parse_time(text, home_zone)
            if value is None:
                record.errors.append(
                    _(
                        "{field}: “{text}” is not a date and time; write it as "
                        "2026-05-06 09:35 or 06/05/2026 09:35"
                    ).format(field=what, text=text)
                )
                return
        record.legs[_LEGS[kind]] = value


def _settle_cyrillic(record: RowRecord) -> None:
    """Place a Cyrillic name typed in a Latin name column ("Nom" = "Петренко").

    Nothing typed is lost. Without a native-script name in the row, it is the
    native-script name (the Latin form derived from it, as for a Cyrillic-only row). The
    same name in the native-script column: nothing more to do. A different one: the
    native-script column keeps its name, the Latin column's Cyrillic becomes the Latin
    name transliterated, and a warning names the row so the officer can check both.
    """
    for part, kind in (("family", F.FAMILY_NAME), ("given", F.GIVEN_NAME)):
        typed = getattr(record, f"{part}_typed_cyrillic")
        native = getattr(record, f"{part}_native")
        if not typed:
            continue
        if not native:
            setattr(record, f"{part}_native", typed)
            continue
        if normalise(typed) == normalise(native):
            continue
        what = _(FIELD_HEADERS[kind])
        if getattr(record, part):  # a Latin name given as well (in another column)
            record.warnings.append(
                _(
                    "{field}: “{text}” is in Cyrillic and differs from the native-script "
                    "name “{native}”; left out"
                ).format(field=what, text=typed, native=native)
            )
            continue
        latin = transliterate(typed)
        setattr(record, part, latin)
        if record.latin_derived is None:
            record.latin_derived = True
        record.warnings.append(
            _(
                "{field}: “{text}” is in Cyrillic and differs from the native-script name "
                "“{native}”; kept in Latin as “{latin}”"
            ).format(field=what, text=typed, native=native, latin=latin)
        )


def _read_need(record: RowRecord, kind: RosterField, text: str, lang: str) -> None:
    """A need's column: yes or no, or the detail itself (in `lang`) when it says more."""
    answer = yes_no(text)
    need_attr = "dietary" if kind is F.DIETARY else "step_free"
    detail_attr = "dietary_detail" if kind is F.DIETARY else "accessibility_detail"
    if answer is None:
        record.attributes[need_attr] = Need.GIVEN
        record.texts.setdefault((detail_attr, lang), text)
    else:
        record.attributes[need_attr] = Need.GIVEN if answer else Need.NONE


def _latin_lang(header_lang: str) -> str:
    """The language of a Latin text under a header in `header_lang` (English under Ukrainian)."""
    return header_lang if header_lang in ("fr", "en") else "en"


def _bad_date(what: str, text: str) -> str:
    return _("{field}: “{text}” is not a date; write it as 2026-05-06 or 06/05/2026").format(
        field=what, text=text
    )


def _unknown(what: str, text: str) -> str:
    return _("{field}: “{text}” not recognised, left out").format(field=what, text=text)
