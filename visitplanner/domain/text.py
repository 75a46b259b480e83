"""Text as it enters a visit: one form of each letter, nothing print or mail cannot carry.

Every write of an entity passes its changed text through here (the operations engine
calls `clean_fields`): Unicode NFC, no character that XML 1.0 cannot hold (what would
break a workbook, a PDF or a calendar), line breaks only in the fields meant to hold
several lines, and a length limit per field, refused with a message naming the entity
and the field.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _

#: C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; lone
#: surrogates. None of them can stand in an XML document (XLSX, PDF metadata, ICS).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS: Final = re.compile(r"[\t\r\n\u2028\u2029\x85]+")

#: The fields that may hold several lines.
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
    "name": 500,
    "label": 200,
    "plate": 50,
    "duty_phone": 100,
    "private_phone": 100,
    "duty_email": 320,
    "contact_phone": 100,
    "contact_name": 200,
    "dress_code": 500,
    "hotel": 1000,
    "city": 200,
    "postcode": 50,
    "country": 100,
    "marking": 200,
}
#: The longest text of any other field (a biography, notes).
LONGEST: Final = 20_000


def clean(text: str, multiline: bool) -> str:
    """`text` in NFC, without characters XML cannot hold; on one line unless `multiline`."""
    text = _NOT_XML.sub("", unicodedata.normalize("NFC", text))
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    return text


def _clean_value(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):
        return clean(value, multiline)
    if isinstance(value, LocalizedText):
        parts = {lang: clean(part, multiline) for lang, part in value.to_dict().items()}
        return LocalizedText.from_dict(parts)
    return value


def _length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, LocalizedText):
        return max((len(part) for part in value.to_dict().values()), default=0)
    return 0


def clean_fields(entity: Any, names: list[str], describe: str) -> Any:
    """`entity` with the text of the fields `names` cleaned; a DomainError naming
    `describe` (the entity, as a message calls it) and the field when one is too long."""
    from visitplanner.domain.kinds import field_label

    changes: dict[str, Any] = {}
    for name in names:
        value = getattr(entity, name)
        if not isinstance(value, str | LocalizedText):
            continue
        cleaned = _clean_value(value, name in MULTILINE)
        limit = LIMITS.get(name, LONGEST)
        if _length(cleaned) > limit:
            raise DomainError(
                _("“{name}”: the {field} is too long ({count} characters; at most {limit})").format(
                    name=describe[:80],
                    field=field_label(name),
                    count=_length(cleaned),
                    limit=limit,
                )
            )
        if cleaned != value:
            changes[name] = cleaned
    return dataclasses.replace(entity, **changes) if changes else entity
