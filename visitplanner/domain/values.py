"""Value types of the domain: enumerations, multilingual text, time helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _

#: The languages every multilingual text may hold, in the order editors show them.
LANGUAGES: Final = ("fr", "uk", "en")
_LANGUAGE_SET: Final = frozenset(LANGUAGES)


@dataclass(frozen=True, slots=True)
class LocalizedText:
    """A text that may have a version in French, Ukrainian and English.

    Reading a language that has no version falls back to the visit's main language,
    then to any version there is, so printed and calendar output is never blank
    when some version exists.
    """

    fr: str = ""
    uk: str = ""
    en: str = ""

    def get(self, lang: str, fallback: str = "fr") -> str:
        """The version in `lang`, else in `fallback`, else the first non-empty one."""
        for code in (lang, fallback, *LANGUAGES):
            value: str = getattr(self, code, "")
            if value:
                return value
        return ""

    def has(self, lang: str) -> bool:
        """Whether a version in `lang` itself exists (no fallback)."""
        return bool(getattr(self, lang, ""))

    def replace(self, lang: str, value: str) -> LocalizedText:
        """A copy with the version in `lang` set to `value`."""
        if lang not in LANGUAGES:
            raise DomainError(_("unknown language {lang!r}").format(lang=lang))
        parts = self.to_dict(keep_empty=True)
        parts[lang] = value
        return LocalizedText(**parts)

    def to_dict(self, keep_empty: bool = False) -> dict[str, str]:
        """The versions as a mapping (empty ones left out unless `keep_empty`)."""
        parts = {"fr": self.fr, "uk": self.uk, "en": self.en}
        return parts if keep_empty else {k: v for k, v in parts.items() if v}

    @classmethod
    def from_dict(cls, parts: dict[str, str] | None) -> LocalizedText:
        """Build from a mapping of language code to text; unknown codes are an error."""
        if not parts:
            return cls()
        if parts.keys() <= _LANGUAGE_SET and all(type(v) is str for v in parts.values()):
            return cls(**parts)  # what the visit file holds: read for every text it has
        unknown = set(parts) - _LANGUAGE_SET
        if unknown:
            raise DomainError(
                _("unknown language(s) {langs}").format(langs=", ".join(sorted(unknown)))
            )
        return cls(**{k: str(v) for k, v in parts.items()})

    @classmethod
    def same(cls, text: str) -> LocalizedText:
        """The same text in every language (a proper name, a number)."""
        return cls(fr=text)

    def __bool__(self) -> bool:
        return bool(self.fr or self.uk or self.en)


class Side(StrEnum):
    """Which side of the visit a delegation is on."""

    GUEST = "guest"
    HOST = "host"
    OTHER = "other"


class Civility(StrEnum):
    """How a person is addressed: Madame / Monsieur, пані / пан."""

    NONE = ""
    MADAME = "madame"
    MONSIEUR = "monsieur"


class Role(StrEnum):
    """A person's role in the visit. Person.role may also hold a role written freely."""

    HEAD = "head"
    DEPUTY = "deputy"
    MEMBER = "member"
    VETERAN = "veteran"
    INTERPRETER = "interpreter"
    SECURITY = "security"
    LIAISON = "liaison"
    PRESS = "press"
    DRIVER = "driver"
    STAFF = "staff"
    AUTHORITY = "authority"
    MEDICAL = "medical"
    HOST = "host"


class Grade(StrEnum):
    """A protocol grade: a rank comparable across delegations.

    `order` gives precedence: the lower, the higher the precedence.
    """

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    MINISTER_DELEGATE = "minister_delegate"
    DEPUTY_MINISTER = "deputy_minister"
    AMBASSADOR = "ambassador"
    SENIOR_OFFICIAL = "senior_official"
    DIRECTOR = "director"
    DEPUTY_DIRECTOR = "deputy_director"
    ADVISER = "adviser"
    OFFICER = "officer"
    MEMBER = "member"
    UNRANKED = "unranked"

    @property
    def order(self) -> int:
        """Position in the order of precedence among grades (0 is the highest)."""
        return _GRADE_ORDER[self]


_GRADE_ORDER: Final = {grade: index for index, grade in enumerate(Grade)}


class Need(StrEnum):
    """A need that may be unknown, known to be absent, or given in detail."""

    UNKNOWN = "unknown"
    NONE = "none"
    GIVEN = "given"


class Access(StrEnum):
    """Whether a place or a vehicle can be reached without steps (by a wheelchair)."""

    UNKNOWN = "unknown"
    NO = "no"
    YES = "yes"


class EventKind(StrEnum):
    """What an event of the programme is."""

    MEETING = "meeting"
    CEREMONY = "ceremony"
    MEAL = "meal"
    VISIT = "visit"
    TRANSFER = "transfer"
    PRESS = "press"
    REST = "rest"
    TRAVEL = "travel"


class EventStatus(StrEnum):
    """Where an event stands."""

    DRAFT = "draft"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class PressAccess(StrEnum):
    """Whether the press may attend."""

    UNKNOWN = "unknown"
    OPEN = "open"
    POOL = "pool"
    CLOSED = "closed"


class InterpretationMode(StrEnum):
    """How interpretation is arranged for an event."""

    NONE = "none"
    CONSECUTIVE = "consecutive"
    SIMULTANEOUS = "simultaneous"
    WHISPERED = "whispered"


class Profile(StrEnum):
    """Who an export is for: `shareable` holds no private field; `internal` may."""

    SHAREABLE = "shareable"
    INTERNAL = "internal"


def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or a DomainError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DomainError(_("unknown time zone {name!r}").format(name=name)) from exc


def zone_name(moment: datetime) -> str:
    """The IANA name of an aware datetime's zone."""
    tz = moment.tzinfo
    if not isinstance(tz, ZoneInfo):
        raise DomainError(_("a time must carry its IANA time zone"))
    return tz.key


def is_known_zone(name: str) -> bool:
    """Whether `name` is an IANA zone this machine knows."""
    return name in available_timezones()


def instant(moment: datetime) -> float:
    """A time as seconds since the epoch: what to compare and sort times by.

    Python compares two times of the same zone by their clock reading, so the
    repeated hour at the autumn change would compare wrongly; instants do not.
    """
    return moment.timestamp()


def require_zoned(moment: datetime, what: str) -> None:
    """Raise unless `moment` is aware and its zone is an IANA ZoneInfo.

    `what` names the time in English, marked with `N_` by the caller: it is translated here.
    """
    if moment.tzinfo is None or not isinstance(moment.tzinfo, ZoneInfo):
        raise DomainError(_("{what} must carry its IANA time zone").format(what=_(what)))


#: The output path that means the command's standard output, as command lines write it.
STANDARD_OUTPUT: Final = "-"


def is_standard_output(path: object) -> bool:
    """Whether the output `path` is "-": standard output rather than a file."""
    return str(path) == STANDARD_OUTPUT
