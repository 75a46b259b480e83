"""Text as it enters a visit: one form of each letter, nothing print or mail cannot carry.

Every write of an entity passes its changed text through here (the operations engine
calls `clean_change`; the JSON import and the roster import call it too, before
anything is written): Unicode NFC, no character that XML 1.0 cannot hold (what would
break a workbook, a PDF or a calendar), line breaks only in the fields meant to hold
several lines, and a length limit per field, refused with a message naming the entity
and the field. The parts an entity holds (a ceremony's running order, wreaths and
places, a meal's tables and seats, a person's accreditation and travel, the visit's
organiser) are cleaned by the same rules, each text by its own field's rule; a refusal
says which part ("running order, line 7"). A message never shows the text itself:
some of it is private (an accreditation, a medical detail).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from enum import Enum
from functools import cache
from typing import Any, Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.plain import changed_fields
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import N_, _, current_language

#: C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; lone
#: surrogates. None of them can stand in an XML document (XLSX, PDF metadata, ICS).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS: Final = re.compile(r"[\t\r\n\u2028\u2029\x85]+")

#: The fields that may hold several lines (a field's name means the same wherever it is:
#: an organiser's address is an address). A running-order line, a wreath's ribbon, a
#: table's name or a seat's label is one line: each is one cell of a printed table.
MULTILINE: Final = frozenset(
    {
        "notes",
        "biography",
        "purpose",
        "address",
        "access_notes",
        "security_notes",
        "dietary_detail",
        "accessibility_detail",
    }
)

#: The longest text each field holds (characters); a field not named holds LONGEST.
LIMITS: Final[dict[str, int]] = {
    "family_name": 200,
    "given_name": 200,
    "family_name_native": 200,
    "given_name_native": 200,
    "patronymic_native": 200,
    "title": 500,
    "function": 500,
    "organisation": 500,
    "role": 200,
    "name": 500,
    "label": 200,
    "plate": 50,
    "driver_name": 200,
    "duty_phone": 100,
    "private_phone": 100,
    "duty_email": 320,
    "contact_phone": 100,
    "contact_name": 200,
    "dress_code": 500,
    "room_number": 50,
    "address": 1000,
    "city": 200,
    "postcode": 50,
    "country": 100,
    "marking": 200,
    # A gift: its description is printed in one table cell.
    "description": 2000,
    "giver_name": 500,
    "recipient_name": 500,
    "currency": 3,
    "gift_currency": 3,
    # A numbered copy of a book: its holder and edition, printed in one table cell.
    "holder_name": 500,
    "edition": 200,
    # The visit's organiser.
    "email": 320,
    "phone": 100,
    # A person's accreditation and travel.
    "passport_name": 200,
    "nationality": 100,
    "passport_number": 50,
    "carrier": 200,
    "number": 50,
    "place": 200,
    # A line of a running order, a wreath.
    "action": 500,
    "who": 500,
    "where": 500,
    "ribbon": 500,
    # A person's own forms of address: one line each, on a card or in a letter.
    "letter": 500,
    "card": 500,
    "spoken": 500,
    "introduction": 1000,
}
#: The longest text of any other field (a biography, notes).
LONGEST: Final = 20_000

#: How a message names one item of a list an entity holds; {n} counts from 1.
_ITEMS: Final[dict[str, str]] = {
    "running_order": N_("running order, line {n}"),
    "wreaths": N_("wreath {n}"),
    "placement": N_("placement, position {n}"),
    "tables": N_("table {n}"),
    "seats": N_("seat {n}"),
}


def clean(text: str, multiline: bool) -> str:
    """`text` in NFC, without characters XML cannot hold; on one line unless `multiline`."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if not multiline and _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub(" ", text)
    return text


def name_of(entity: Any) -> str:
    """What a message calls an entity: a person's name, an event's title ..."""
    for attribute in ("display_name", "label", "name", "title"):
        value = getattr(entity, attribute, None)
        if callable(value):
            value = value()
        if value is None:
            continue
        if isinstance(value, LocalizedText):
            value = value.get(current_language())
        if isinstance(value, str) and value:
            return value
    return str(entity.id)[:8]


#: Where a text is within its entity: each step a field, and the item of a list field
#: (its index and the item itself) when the field is a list. Put in words only for a
#: refusal: cleaning ten thousand people names none of them.
_Where = tuple[tuple[str, int | None, Any], ...]


_NAMES: Final[dict[type, tuple[str, ...]]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The names of the fields of the dataclass `cls` (found once per class)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class _Cleaner:
    """Cleans the text of one entity, remembering what to call it if a field is refused."""

    def __init__(self, describe: str) -> None:
        self.describe = describe

    def value(self, name: str, value: Any, where: _Where) -> Any:
        """`value` (of the field `name`) cleaned; the very same object when nothing changes."""
        kind = type(value)
        if kind is str or kind is LocalizedText:
            return self.text(name, value, where) if value else value
        if value is None or isinstance(value, Enum | int | float | bytes):
            return value
        if isinstance(value, list | tuple):
            items = [
                self.fields(item, _field_names(type(item)), (*where, (name, index, item)))
                if _is_record(item)
                else item
                for index, item in enumerate(value)
            ]
            changed = any(new is not old for new, old in zip(items, value, strict=True))
            return type(value)(items) if changed else value
        if _is_record(value):
            return self.fields(value, _field_names(kind), (*where, (name, None, value)))
        if isinstance(value, str):  # a role written freely is a str; a known one an Enum
            return self.text(name, value, where)
        return value

    def fields(self, record: Any, names: Iterable[str], where: _Where) -> Any:
        """`record` with the fields `names` cleaned."""
        changes: dict[str, Any] = {}
        for name in names:
            value = getattr(record, name)
            cleaned = self.value(name, value, where)
            if cleaned is not value:
                changes[name] = cleaned
        return dataclasses.replace(record, **changes) if changes else record

    def text(self, name: str, value: str | LocalizedText, where: _Where) -> Any:
        multiline = name in MULTILINE
        limit = LIMITS.get(name, LONGEST)
        if isinstance(value, str):
            cleaned = clean(value, multiline)
            if len(cleaned) > limit:
                raise self.too_long(name, len(cleaned), limit, where)
            return value if cleaned == value else cleaned
        parts = value.to_dict()
        changed = False
        for lang, part in parts.items():
            text = clean(part, multiline)
            if len(text) > limit:
                raise self.too_long(name, len(text), limit, where)
            if text != part:
                parts[lang], changed = text, True
        return LocalizedText.from_dict(parts) if changed else value

    def too_long(self, name: str, count: int, limit: int, where: _Where) -> DomainError:
        """The refusal of a text too long: the entity, the part it is in, the field."""
        who, field = self.describe[:80], _field_label(name)
        if not where:
            message = _("“{name}”: the {field} is too long ({count} characters; at most {limit})")
            return DomainError(message.format(name=who, field=field, count=count, limit=limit))
        message = _(
            "“{name}”: {where}: the {field} is too long ({count} characters; at most {limit})"
        )
        steps = ", ".join(_step_words(*step) for step in where)
        text = message.format(name=who, where=steps, field=field, count=count, limit=limit)
        return DomainError(text)


def _is_record(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _step_words(name: str, index: int | None, item: Any) -> str:
    """One step of where a text is, in words: "accreditation", "running order, line 7"."""
    if index is None:
        return _field_label(name)
    # A seat is known by its number on the chart, whatever its place in the list.
    number = item.number if name == "seats" else index + 1
    pattern = _ITEMS.get(name)
    if pattern is None:
        return f"{_field_label(name)} {number}"
    return _(pattern).format(n=number)


def _field_label(name: str) -> str:
    from visitplanner.domain.kinds import field_label  # kinds reads the model, as we do

    return field_label(name)


def clean_fields(entity: Any, names: list[str], describe: str) -> Any:
    """`entity` with the text of the fields `names` cleaned (the parts they hold too); a
    DomainError naming `describe` (the entity, as a message calls it), the part and the
    field when one is too long."""
    return _Cleaner(describe).fields(entity, names, ())


def clean_entity(entity: Any, describe: str | None = None) -> Any:
    """`entity` with all its text cleaned (a whole visit read from a file)."""
    names = list(_field_names(type(entity)))
    return clean_fields(entity, names, describe or name_of(entity))


def clean_change(before: Any | None, after: Any, describe: str | None = None) -> Any:
    """`after` with the text that differs from `before` cleaned (all of it for a new
    entity): saving an entity never rewrites text the officer did not touch. A field
    holding parts (a running order) is cleaned whole when any of it changed."""
    if before is None:
        names = list(_field_names(type(after)))
    else:
        names = changed_fields(before, after)
    # Named as the officer knows it: as it was, when it was.
    return clean_fields(after, names, describe or name_of(before if before is not None else after))


# --- what the documentation lists -----------------------------------------------------

#: Text fields that hold no one's words: a time zone's name, a media type, a calendar's UID,
#: a language code, the date of a version of the décret.
_NOT_TYPED: Final = frozenset(
    {"tz", "photo_type", "source_uid", "rooming_language", "decree_version"}
)


@dataclasses.dataclass(frozen=True, slots=True)
class TextField:
    """A text field as the documentation lists it: where it is, its limit, its lines."""

    where: str  # in the JSON format's terms: "people[]", "events[].running_order[]"
    name: str
    limit: int
    multiline: bool


def text_fields(cls: type, where: str) -> Iterator[TextField]:
    """Every text field of the dataclass `cls` and of the parts it holds (ids left out)."""
    for name, hint in _hints(cls).items():
        if name == "id" or name.endswith(("_id", "_ids")) or name in _NOT_TYPED:
            continue
        kind = _unwrapped(hint)
        origin = typing.get_origin(kind)
        if kind in (str, LocalizedText):
            yield TextField(where, name, LIMITS.get(name, LONGEST), name in MULTILINE)
        elif origin in (list, tuple) and _is_dataclass_type(typing.get_args(kind)[0]):
            yield from text_fields(typing.get_args(kind)[0], f"{where}.{name}[]")
        elif _is_dataclass_type(kind):
            yield from text_fields(kind, f"{where}.{name}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _unwrapped(hint: Any) -> Any:
    """`X` for `X | None`."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return options[0] if len(options) == 1 else hint
    return hint


def _is_dataclass_type(kind: object) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)
