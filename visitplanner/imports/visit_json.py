"""Read a whole visit back from its documented JSON format (see `docs/json-format.md`).

Everything is checked here, in plain Python, against the rules that the JSON Schema in
`visitplanner/resources/schema/visit.schema.json` states (the tests hold the two
together): types, required fields, known fields only, enumerations, UUIDs, dates,
times and zones, unique ids, references that resolve, an end after its start.
Every problem raises an `InputError` with one line that names what is wrong and where
(`people[3].family_name: missing`); list positions count from 0, as in JSON tools.

Each object is read field by field after the domain dataclass it becomes: a field's
declared type says how its JSON value is read, a field without a default is required,
and a field left out takes the domain's own default.

`load_visit_json` then takes the text in as an edit would (`cleaned_text`, with the
one normaliser of domain/text.py): the file becomes a new visit without passing through
the operations, so this is where its text is composed, rid of what XML cannot hold and
held to each field's limit.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import json
import re
import types
import typing
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Final, NoReturn, TypeVar
from zoneinfo import ZoneInfo

from visitplanner.domain import car_plan
from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.decree import DecreeList, DecreePosition, GuestPlacement
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.gifts import Gift
from visitplanner.domain.ids import is_uuid
from visitplanner.domain.kinds import KINDS
from visitplanner.domain.model import (
    CalendarMemory,
    Delegation,
    Event,
    ExportMark,
    Person,
    ProgrammeVersion,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.rooming import Stay, stays_from_texts
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.domain.text import clean_entity
from visitplanner.domain.values import LANGUAGES, LocalizedText, Role, zone
from visitplanner.domain.version_store import ProgrammeText
from visitplanner.domain.visit_format import FORMAT_MARKER, FORMAT_VERSION, snapshot_json
from visitplanner.i18n import N_, _

#: The largest file read (200 MB): far above any real visit, well below what hurts.
MAX_FILE_BYTES: Final = 200 * 1024 * 1024

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME: Final = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z", re.ASCII)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_ZONE: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
_ROLES: Final = frozenset(role.value for role in Role)
#: The texts that were one text before format 9 (vehicles, people's details), and the
#: language such a text is read in while a file of an older format is read (None for
#: a file of format 9 or later, where each is an object of versions).
_ONE_TEXT_FIELDS: Final = frozenset({"label", "notes", "dietary_detail", "accessibility_detail"})
_ONE_TEXT: Final[ContextVar[str | None]] = ContextVar("_ONE_TEXT", default=None)
#: The format version that brought the décret's positions and the guest placement.
_PRECEDENCE_VERSION: Final = 12
#: The same for the texts that were one text before format 15 (a venue's security notes,
#: an event's notes; a vehicle's notes of format 9 on are an object, never a string).
_LATER_ONE_TEXT_FIELDS: Final = frozenset({"security_notes", "notes"})
_LATER_ONE_TEXT: Final[ContextVar[str | None]] = ContextVar("_LATER_ONE_TEXT", default=None)
_T = TypeVar("_T")

#: What the json module says of a malformed file (its words in English), to translate.
_JSON_PROBLEMS: Final = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Extra data"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    }
)


class _RefusedJson(ValueError):
    """A value json.loads would take but the format refuses (NaN, a key given twice)."""


def load_visit_json(path: Path) -> VisitData:
    """The visit in the JSON file at `path`, or an InputError naming the problem."""
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused unread
            _too_large(name, size)
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _fail(name, _("cannot read ({reason})"), reason=_os_reason(exc))
    if len(raw) > MAX_FILE_BYTES:
        _too_large(name, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"0x{raw[exc.start]:02x}"
        _fail(
            name, _("not UTF-8 text (byte {byte} at offset {offset})"), byte=byte, offset=exc.start
        )
    return cleaned_text(visit_from_dict(_parse(text, name)))


def cleaned_text(data: VisitData) -> VisitData:
    """`data` with the text of every entity cleaned as an edit cleans it (domain/text.py:
    NFC, nothing XML cannot hold, one line where a field holds one), or an InputError
    naming the entity, where it is in the file and the field too long.

    A file the export wrote from a clean visit comes back as the very same objects, so
    its round trip stays byte for byte.
    """
    try:
        visit = clean_entity(data.visit)
    except DomainError as exc:
        _fail("visit", "{detail}", detail=exc.message)
    collections: dict[str, Any] = {}
    for kind in KINDS:
        if kind.collection is None:
            continue
        found = kind.entities(data)
        cleaned = [_cleaned(kind.collection, i, entity) for i, entity in enumerate(found)]
        if any(new is not old for new, old in zip(cleaned, found, strict=True)):
            collections[kind.collection] = cleaned
    if visit is data.visit and not collections:
        return data
    return dataclasses.replace(data, visit=visit, **collections)


def _cleaned(collection: str, index: int, entity: _T) -> _T:
    try:
        cleaned: _T = clean_entity(entity)
    except DomainError as exc:
        _fail(f"{collection}[{index}]", "{detail}", detail=exc.message)
    return cleaned


def _os_reason(exc: OSError) -> str:
    """Why a file cannot be read, in the user's language for the usual reasons."""
    if isinstance(exc, FileNotFoundError):
        return _("no such file")
    if isinstance(exc, IsADirectoryError):
        return _("it is a folder")
    if isinstance(exc, PermissionError):
        return _("permission denied")
    return exc.strerror or str(exc)


def _too_large(name: str, size: int) -> NoReturn:
    megabyte = 1024 * 1024
    limit = MAX_FILE_BYTES // megabyte
    _fail(
        name,
        _("too large ({size} MB; the limit is {limit} MB)"),
        size=size // megabyte,
        limit=limit,
    )


def _parse(text: str, name: str) -> object:
    def no_constant(word: str) -> NoReturn:
        raise _RefusedJson(_("{word} is not a JSON number").format(word=word))

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _RefusedJson(_('the key "{key}" appears twice in one object').format(key=key))
            result[key] = value
        return result

    try:
        return json.loads(text, parse_constant=no_constant, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        where = _("line {line}, column {column}").format(line=exc.lineno, column=exc.colno)
        problem = _(exc.msg) if exc.msg in _JSON_PROBLEMS else exc.msg
        detail = _("{where}: {problem}").format(where=where, problem=problem)
    except RecursionError:
        detail = _("nested too deeply")
    except _RefusedJson as exc:  # NaN, a duplicate key
        detail = str(exc)
    except ValueError:  # Python's limit on the digits of a whole number
        detail = _("a number with too many digits")
    _fail(name, _("not JSON ({detail})"), detail=detail)


def visit_from_dict(obj: object, *, check_links: bool = True) -> VisitData:
    """The visit held by JSON data in the documented format, or an InputError.

    `check_links=False` leaves out the checks that span the whole visit (ids given once,
    links to what exists): for part of a programme version, checked whole when issued.
    """
    not_visit = _("the file is not a VisitPlanner visit ({reason})")
    if not isinstance(obj, dict):
        reason = _("its top level is {kind}, not an object").format(kind=_kind(obj))
        raise InputError(not_visit.format(reason=reason))
    if obj.get("format") != FORMAT_MARKER:
        reason = _('no "format": "{marker}"').format(marker=FORMAT_MARKER)
        raise InputError(not_visit.format(reason=reason))
    top = _Fields(obj, "")
    top.take("format")
    version = _whole(top, "version", top.take("version", required=True))
    if version > FORMAT_VERSION:
        newer = _(
            "the file was written by a newer VisitPlanner "
            "(format version {found}; this version reads up to {known})"
        )
        raise InputError(newer.format(found=version, known=FORMAT_VERSION))
    if version < 1:
        _fail("version", _("unknown format version {found}"), found=version)
    visit = _visit(_Fields(top.take("visit", required=True), "visit"), version)
    # Before format 9 a vehicle's name and notes and a person's details were one text,
    # in the visit's main language: read as that language's version.
    token = _ONE_TEXT.set(visit.main_language if version < 9 else None)
    hotels: dict[str, str] = {}  # a person's hotel as free text, before format version 10
    # Before format 15 so were a venue's security notes and an event's notes.
    later = _LATER_ONE_TEXT.set(visit.main_language if version < 15 else None)
    try:
        data = _data(top, visit, version, hotels)
    finally:
        _LATER_ONE_TEXT.reset(later)
        _ONE_TEXT.reset(token)
    if hotels:
        _hotels_to_stays(data, hotels)
    # A calendar's event is kept for its cancellation only if the visit lacks it.
    present = {e.id for e in data.events}
    ghosts = data.calendars.ghosts
    data.calendars.ghosts = {i: g for i, g in ghosts.items() if i not in present}
    if check_links:
        _check_ids(data)
        _check_references(data)
        _check_car_plan(data)
    return data


def _data(top: _Fields, visit: Visit, version: int, hotels: dict[str, str]) -> VisitData:
    """The visit's entities, read from the top-level object (a person's hotel written as
    free text, before format version 10, goes into `hotels`)."""
    return top.build(
        VisitData,
        visit=visit,
        delegations=top.items("delegations", Delegation),
        people=top.items("people", Person, _person(version, hotels)),
        venues=top.items("venues", Venue),
        vehicles=top.items("vehicles", Vehicle),
        events=top.items("events", Event, _event),
        calendars=_calendars(top.take("calendars")),
        versions=_versions(top.take("versions")),
        car_assignments=top.items("car_assignments", CarAssignment),
        gifts=top.items("gifts", Gift),
        copies=top.items("copies", BookCopy),
        stays=top.items("stays", Stay),
        seating_constraints=top.items("seating_constraints", SeatingConstraint),
    )


# --- problems -------------------------------------------------------------------------


def _fail(where: str, problem: str, **values: object) -> NoReturn:
    """Raise an InputError: where, then the problem; the value `found` is shown as JSON."""
    shown = {key: _shown(v) if key == "found" else v for key, v in values.items()}
    # A location built from the file's own keys may hold a line break: keep one line.
    where = "".join(c if c.isprintable() else repr(c)[1:-1] for c in where)
    message = _("{where}: {problem}").format(where=where, problem=problem.format(**shown))
    raise InputError(message)


def _shown(value: object) -> str:
    """A value as JSON, cut short, on one line: for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON data (a caller's Python object, a huge int)
        text = repr(value)[:60]
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: object) -> str:
    """What a JSON value is, in words."""
    kinds = {
        bool: _("true or false"),
        int: _("a whole number"),
        float: _("a number"),
        str: _("a text"),
        list: _("a list"),
        dict: _("an object"),
    }
    return next((label for kind, label in kinds.items() if isinstance(value, kind)), _("null"))


# --- reading fields -------------------------------------------------------------------


_ABSENT: Final = object()


class _Fields:
    """One JSON object being read; every value taken names its location when it is wrong."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            _fail(where, _("not an object ({kind})"), kind=_kind(value))
        self.value: dict[str, Any] = value
        self.where = where
        self.seen: set[str] = set()

    def at(self, key: str) -> str:
        """The location of `key` in this object."""
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, problem: str, **values: object) -> NoReturn:
        """Raise an InputError about `key`."""
        _fail(self.at(key), problem, **values)

    def take(self, key: str, required: bool = False) -> Any:
        """The raw value of `key`, or _ABSENT when it is left out."""
        self.seen.add(key)
        value = self.value.get(key, _ABSENT)
        if value is _ABSENT and required:
            self.fail(key, _("missing"))
        return value

    def build(self, factory: Callable[..., _T], **fields: Any) -> _T:
        """Refuse unknown fields, then call a domain constructor (its DomainError located)."""
        for key in self.value:
            if key not in self.seen:  # a typo would otherwise lose data without a word
                self.fail(key, _("unknown field"))
        try:
            return factory(**fields)
        except DomainError as exc:
            # The domain's message is already formatted: a brace in it is text.
            _fail(self.where or _("the visit"), "{detail}", detail=exc.message)

    def typed(self, key: str, kind: type | tuple[type, ...], value: Any) -> Any:
        """`value` if it has the JSON type `kind` (true and false are no numbers)."""
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            expected = _kind(kind() if isinstance(kind, type) else 0.5)
            found = _kind(value) if isinstance(value, dict | list) else _shown(value)
            self.fail(key, _("not {expected} ({detail})"), expected=expected, detail=found)
        return value

    def items(
        self, key: str, kind: type[_T], read: Callable[[_Fields], _T] | None = None
    ) -> list[_T]:
        """A list of objects, each read as `kind` (or by `read`)."""
        value = self.take(key)
        if value is _ABSENT:
            return []
        found = self.typed(key, list, value)
        fields = [_Fields(item, f"{self.at(key)}[{i}]") for i, item in enumerate(found)]
        return [read(f) if read else _read(f, kind) for f in fields]


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _values(f: _Fields, kind: type) -> dict[str, Any]:
    """The fields of dataclass `kind` read from `f`, each by its declared type.

    A field without a default (and every id) is required; one left out is not
    passed, so the domain's default applies.
    """
    values: dict[str, Any] = {}
    for field in dataclasses.fields(kind):
        name = field.name
        no_default = field.default is field.default_factory is dataclasses.MISSING
        value = f.take(name, required=no_default or name == "id")
        hint = _hints(kind)[name]
        if value is not _ABSENT:
            values[name] = _convert(f, name, hint, value)
        if datetime in (hint, *typing.get_args(hint)):  # a time has its zone beside it
            no_time = value is _ABSENT or value is None
            if no_time and f.take(f"{name}_tz") not in (_ABSENT, None):
                f.fail(f"{name}_tz", _("a zone without a time"))
    return values


def _read(f: _Fields, kind: type[_T]) -> _T:
    """An instance of dataclass `kind` read from `f`."""
    return f.build(kind, **_values(f, kind))


def _convert(f: _Fields, key: str, hint: Any, value: Any) -> Any:
    """The JSON `value` of field `key` as the domain type `hint`."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        if value is None:
            return None
        hint = next(arg for arg in args if arg is not type(None))
    origin = typing.get_origin(hint)
    where = f.at(key)
    if key == "id" or key.endswith("_id"):
        return _uuid(where, value)
    if key.endswith("_ids"):
        return [_uuid(f"{where}[{i}]", item) for i, item in enumerate(f.typed(key, list, value))]
    if key == "tz":
        _zone(where, value)
        return value
    if key == "role":  # one of the list as the enumeration, a free-text role as written
        text = _text(f, key, value)
        return Role(text) if text in _ROLES else text
    if hint is str:
        return _text(f, key, value)
    if hint is bool:
        return f.typed(key, bool, value)
    if hint is int:
        return _whole(f, key, value)
    if hint is float:
        try:
            return float(f.typed(key, (int, float), value))
        except OverflowError:
            f.fail(key, _("out of range ({found})"), found=value)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return _choice(f, key, hint, value)
    if hint is LocalizedText:
        lang = _ONE_TEXT.get()
        if lang is not None and key in _ONE_TEXT_FIELDS and isinstance(value, str):
            return LocalizedText.from_dict({lang: _text(f, key, value)})
        lang = _LATER_ONE_TEXT.get()
        if lang is not None and key in _LATER_ONE_TEXT_FIELDS and isinstance(value, str):
            return LocalizedText.from_dict({lang: _text(f, key, value)})
        parts = _Fields(value, where)
        return parts.build(LocalizedText, **_texts(parts))
    if hint is date:
        return _day(where, value)
    if hint is datetime:
        return _moment(f, key, value)
    if hint is bytes:
        return _base64(where, f.typed(key, str, value))
    if origin is tuple and dataclasses.is_dataclass(args[0]):  # hospitals by day
        return tuple(f.items(key, typing.cast(type, args[0])))
    if origin is tuple:  # language codes
        return tuple(_code(f"{where}[{i}]", v) for i, v in enumerate(f.typed(key, list, value)))
    if origin is dict:  # travel minutes to other venues
        minutes = _Fields(value, where)
        return {_uuid(minutes.at(k), k): _minutes(minutes, k, v) for k, v in value.items()}
    if origin is list:  # a running order
        return f.items(key, args[0])
    if hint is DecreePosition:  # its id is the décret's slug, not a UUID
        return _decree_position(_Fields(value, where))
    if dataclasses.is_dataclass(hint):
        return _read(_Fields(value, where), typing.cast(type, hint))
    raise TypeError(f"no JSON reading for {key}: {hint}")  # a domain type added: a bug


def _text(f: _Fields, key: str, value: object) -> str:
    text = f.typed(key, str, value)
    if _SURROGATE.search(text):
        f.fail(key, _("not valid Unicode text"))
    return str(text)


def _texts(parts: _Fields) -> dict[str, str]:
    """The versions of a multilingual text, in the languages it may hold."""
    for key in parts.value:
        if key not in LANGUAGES:
            parts.fail(key, _("not a language of texts ({known})"), known=", ".join(LANGUAGES))
    found = {lang: parts.take(lang) for lang in LANGUAGES}
    return {lang: _text(parts, lang, v) for lang, v in found.items() if v is not _ABSENT}


def _choice(f: _Fields, key: str, enum: type[StrEnum], value: object) -> StrEnum:
    try:
        return enum(f.typed(key, str, value))
    except ValueError:
        known = ", ".join(_shown(member.value) for member in enum)
        f.fail(key, _("unknown value {found} (one of {known})"), found=value, known=known)


def _whole(f: _Fields, key: str, value: object) -> int:
    """A whole number; 3.0 is one too, as JSON Schema counts."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(f.typed(key, int, value))


def _minutes(f: _Fields, key: str, value: object) -> int:
    minutes = _whole(f, key, value)
    if minutes < 0:
        f.fail(key, _("negative ({found})"), found=minutes)
    return minutes


def _uuid(where: str, value: object) -> str:
    if not isinstance(value, str) or not is_uuid(value):
        _fail(where, _("not an id (a UUID) {found}"), found=value)
    return value


def _code(where: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        _fail(where, _("not a language code ({found})"), found=value)
    return value


def _zone(where: str, name: object) -> ZoneInfo:
    """The IANA zone called `name`, or an InputError naming it (never a file-system error)."""
    if isinstance(name, str) and len(name) <= 64 and _ZONE.fullmatch(name):
        with contextlib.suppress(DomainError, OSError, ValueError):
            return zone(name)  # "Europe" is a folder of the zone database: OSError
    _fail(where, _("unknown time zone {found}"), found=name)


def _day(where: str, value: object) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    _fail(where, _("not a date (YYYY-MM-DD) {found}"), found=value)


def _moment(f: _Fields, key: str, value: object) -> datetime:
    """A time: `key` in UTC ("...Z") and `key_tz`, the IANA zone it is planned in."""
    tz = _zone(f.at(f"{key}_tz"), f.take(f"{key}_tz", required=True))
    if isinstance(value, str) and _TIME.fullmatch(value):
        with contextlib.suppress(ValueError, OverflowError):
            return datetime.fromisoformat(value).astimezone(tz)
    f.fail(key, _("not a time {found}"), found=value)


def _base64(where: str, text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        _fail(where, _("not base64 data"))


# --- entities -------------------------------------------------------------------------


def _person(version: int, hotels: dict[str, str]) -> Callable[[_Fields], Person]:
    """How a person is read: before format version 10 with the hotel as free text, kept
    in `hotels` (by the person's id) to become a stay."""

    def read(f: _Fields) -> Person:
        hotel = f.take("hotel") if version < 10 else _ABSENT
        person = _read(f, Person)
        if hotel is not _ABSENT:
            hotels[person.id] = _text(f, "hotel", hotel)
        return person

    return read


def _hotels_to_stays(data: VisitData, hotels: dict[str, str]) -> None:
    """The free-text hotels of a file before format version 10, as stays where the text
    names a venue (which becomes a hotel), else in the person's notes (domain/rooming.py)."""
    visit = data.visit
    found = stays_from_texts(
        hotels,
        {p.id: p.notes for p in data.people},
        {v.id: list(v.name.to_dict().values()) for v in data.venues},
        visit.start_date,
        visit.end_date,
        visit.tz,
    )
    people = {p.id: p for p in data.people}
    for item in found:
        people[item.person_id].notes = item.notes
        if item.stay is not None:
            data.stays.append(item.stay)
            for venue in data.venues:
                if venue.id == item.stay.hotel_id:
                    venue.hotel = True


def _decree_position(f: _Fields) -> DecreePosition:
    """A person's position in the décret (format version 12): its list and its id."""
    kind = _choice(f, "list", DecreeList, f.take("list", required=True))
    return f.build(DecreePosition, list=kind, id=_text(f, "id", f.take("id", required=True)))


def _visit(f: _Fields, version: int = FORMAT_VERSION) -> Visit:
    values = _values(f, Visit)
    if version < _PRECEDENCE_VERSION:  # ordered by courtesy then: it keeps that rule
        values.setdefault("guest_placement", GuestPlacement.GUEST_FIRST)
    if values["end_date"] < values["start_date"]:
        f.fail("end_date", _("before the start date ({found})"), found=f.value["start_date"])
    return f.build(Visit, **values)


def _event(f: _Fields) -> Event:
    values = _values(f, Event)
    if values["end"] < values["start"]:
        start, end = f.value["start"], f.value["end"]
        f.fail("end", _("before the start ({end} < {start})"), end=end, start=start)
    return f.build(Event, **values)


def _calendars(value: object) -> CalendarMemory:
    """What exported calendars left behind (format version 2; none before; marks by
    variant, dropped events and deleted events since version 5)."""
    if value is _ABSENT:
        return CalendarMemory()
    f = _Fields(value, "calendars")
    memory = CalendarMemory()
    for mark in f.items("marks", _Fields, lambda item: item):
        event_id = _uuid(mark.at("event_id"), mark.take("event_id", required=True))
        in_variant = mark.take("variant")
        in_variant = "" if in_variant is _ABSENT else _text(mark, "variant", in_variant)
        if in_variant and not _VARIANT.fullmatch(in_variant):
            mark.fail("variant", _("not a language and a profile ({found})"), found=in_variant)
        if (event_id, in_variant) in memory.marks:
            mark.fail("event_id", _("duplicate id {found}"), found=event_id)
        sequence = _whole(mark, "sequence", mark.take("sequence", required=True))
        if sequence < 0:
            mark.fail("sequence", _("negative ({found})"), found=sequence)
        fingerprint = _text(mark, "fingerprint", mark.take("fingerprint", required=True))
        exported = mark.take("exported", required=True)
        if not (isinstance(exported, str) and _TIME.fullmatch(exported)):
            mark.fail("exported", _("not a time {found}"), found=exported)
        memory.marks[(event_id, in_variant)] = mark.build(
            ExportMark,
            sequence=sequence,
            fingerprint=fingerprint,
            exported=datetime.fromisoformat(exported).astimezone(zone("UTC")),
        )
    for sent in f.items("sent", _Fields, lambda item: item):
        calendar = _text(sent, "calendar", sent.take("calendar", required=True))
        kind, _sep, ident = calendar.partition(":")
        if not (calendar == "visit" or (kind in ("delegation", "person") and is_uuid(ident))):
            sent.fail("calendar", _("not a calendar ({found})"), found=calendar)
        if calendar in memory.sent:
            sent.fail("calendar", _("given twice ({found})"), found=calendar)
        ids = sent.typed("event_ids", list, sent.take("event_ids", required=True))
        where = sent.at("event_ids")
        memory.sent[calendar] = frozenset(_uuid(f"{where}[{i}]", x) for i, x in enumerate(ids))
        dropped = sent.take("dropped_ids")
        if dropped is not _ABSENT:
            where = sent.at("dropped_ids")
            found = sent.typed("dropped_ids", list, dropped)
            ids = [_uuid(f"{where}[{i}]", x) for i, x in enumerate(found)]
            if not set(ids) <= memory.sent[calendar]:
                sent.fail("dropped_ids", _("names an event that is not in event_ids"))
            if ids:
                memory.dropped[calendar] = frozenset(ids)
        sent.build(dict)  # refuses unknown fields
    for ghost in f.items("ghosts", Event, _event):
        if ghost.id in memory.ghosts:
            f.fail("ghosts", _("duplicate id {found}"), found=ghost.id)
        memory.ghosts[ghost.id] = ghost
    f.build(dict)
    return memory


#: A variant of the calendars: a language and a profile ("fr/shareable").
_VARIANT: Final = re.compile(r"(fr|uk|en)/(shareable|internal)")


def _versions(value: object) -> list[ProgrammeVersion]:
    """The issued programme versions (format version 4; none before).

    Each programme is read as a visit of its own format version, so that a damaged
    snapshot is refused here rather than when someone opens it years later.
    """
    if value is _ABSENT:
        return []
    holder = _Fields({"versions": value}, "")
    found: list[ProgrammeVersion] = []
    for f in holder.items("versions", _Fields, lambda item: item):
        number = _whole(f, "number", f.take("number", required=True))
        if number < 1:
            f.fail("number", _("not a version number ({found})"), found=number)
        if any(v.number == number for v in found):
            f.fail("number", _("given twice ({found})"), found=number)
        issued = f.take("issued", required=True)
        if not (isinstance(issued, str) and _TIME.fullmatch(issued)):
            f.fail("issued", _("not a time {found}"), found=issued)
        note = _text(f, "note", f.take("note", required=True))
        programme = f.take("programme", required=True)
        try:
            visit_from_dict(programme)
        except InputError as exc:
            f.fail("programme", "{detail}", detail=exc.message)
        found.append(
            f.build(
                ProgrammeVersion,
                number=number,
                issued=datetime.fromisoformat(issued).astimezone(zone("UTC")),
                note=note,
                programme=ProgrammeText(snapshot_json(programme)),
            )
        )
    return sorted(found, key=lambda v: v.number)


# --- the visit as a whole -------------------------------------------------------------


def _check_ids(data: VisitData) -> None:
    """Every id is given once in the whole visit (calendar UIDs derive from them)."""
    groups: list[tuple[str, list[str]]] = [
        ("delegations", [d.id for d in data.delegations]),
        ("people", [p.id for p in data.people]),
        ("venues", [v.id for v in data.venues]),
        ("vehicles", [v.id for v in data.vehicles]),
        ("events", [e.id for e in data.events]),
        ("car_assignments", [a.id for a in data.car_assignments]),
        ("gifts", [g.id for g in data.gifts]),
        ("copies", [c.id for c in data.copies]),
        ("stays", [s.id for s in data.stays]),
        *(
            (f"venues[{i}].room_types", [t.id for t in v.room_types])
            for i, v in enumerate(data.venues)
        ),
        ("seating_constraints", [c.id for c in data.seating_constraints]),
    ]
    for i, event in enumerate(data.events):
        at = f"events[{i}]"
        groups.append((f"{at}.running_order", [line.id for line in event.running_order]))
        tables = event.seating.tables if event.seating else []
        groups.append((f"{at}.seating.tables", [table.id for table in tables]))
        groups += [
            (f"{at}.seating.tables[{j}].seats", [seat.id for seat in table.seats])
            for j, table in enumerate(tables)
        ]
        features = event.seating.room.features if event.seating else []
        groups.append((f"{at}.seating.room.features", [f.id for f in features]))
        groups.append((f"{at}.wreaths", [wreath.id for wreath in event.wreaths]))
        groups.append((f"{at}.placement", [position.id for position in event.placement]))
    first: dict[str, str] = {data.visit.id.lower(): "visit.id"}
    for group, idents in groups:
        for i, ident in enumerate(idents):
            where = f"{group}[{i}].id"
            seen = first.setdefault(ident.lower(), where)
            if seen != where:
                _fail(where, _("duplicate id {found} (also at {other})"), found=ident, other=seen)


def _check_references(data: VisitData) -> None:
    """Every id that points to a person, delegation, venue or vehicle finds it."""
    person = ({p.id for p in data.people}, _("no person with id {found}"))
    delegation = ({d.id for d in data.delegations}, _("no delegation with id {found}"))
    venue = ({v.id for v in data.venues}, _("no venue with id {found}"))
    vehicle = ({v.id for v in data.vehicles}, _("no vehicle with id {found}"))
    links: list[tuple[str, str | None, tuple[set[str], str]]] = []
    links += [
        (f"delegations[{i}].head_id", d.head_id, person) for i, d in enumerate(data.delegations)
    ]
    links += [
        (f"people[{i}].delegation_id", p.delegation_id, delegation)
        for i, p in enumerate(data.people)
    ]
    links += [
        (f"vehicles[{i}].driver_id", c.driver_id, person) for i, c in enumerate(data.vehicles)
    ]
    for i, v in enumerate(data.venues):
        links += [(f"venues[{i}].travel_minutes.{key}", key, venue) for key in v.travel_minutes]
    for i, e in enumerate(data.events):
        at = f"events[{i}]"
        links += [
            (f"{at}.venue_id", e.venue_id, venue),
            (f"{at}.destination_id", e.destination_id, venue),
            (f"{at}.responsible_id", e.responsible_id, person),
        ]
        links += [
            (f"{at}.participant_ids[{j}]", x, person) for j, x in enumerate(e.participant_ids)
        ]
        links += [(f"{at}.vehicle_ids[{j}]", x, vehicle) for j, x in enumerate(e.vehicle_ids)]
        interpreters = e.interpretation.interpreter_ids
        links += [
            (f"{at}.interpretation.interpreter_ids[{j}]", x, person)
            for j, x in enumerate(interpreters)
        ]
        links += [(f"{at}.{where}", x, person) for where, x in _protocol_links(e)]
    event = ({e.id for e in data.events}, _("no event with id {found}"))
    for i, a in enumerate(data.car_assignments):
        at = f"car_assignments[{i}]"
        links += [
            (f"{at}.event_id", a.event_id, event),
            (f"{at}.vehicle_id", a.vehicle_id, vehicle),
            (f"{at}.person_id", a.person_id, person),
        ]
    for i, g in enumerate(data.gifts):
        at = f"gifts[{i}]"
        links += [
            (f"{at}.giver_id", g.giver_id, person),
            (f"{at}.recipient_id", g.recipient_id, person),
            (f"{at}.event_id", g.event_id, event),
            (f"{at}.keeper_id", g.keeper_id, person),
        ]
    for i, c in enumerate(data.copies):
        links.append((f"copies[{i}].holder_id", c.holder_id, person))
    hotels = {v.id: {t.id for t in v.room_types} for v in data.venues if v.hotel}
    for i, s in enumerate(data.stays):
        at = f"stays[{i}]"
        links += [
            (f"{at}.person_id", s.person_id, person),
            (f"{at}.hotel_id", s.hotel_id, (set(hotels), _("no hotel with id {found}"))),
            (f"{at}.shares_with_id", s.shares_with_id, person),
            (
                f"{at}.room_type_id",
                s.room_type_id,
                (hotels.get(s.hotel_id, set()), _("no room type of its hotel with id {found}")),
            ),
        ]
    for i, k in enumerate(data.seating_constraints):
        at = f"seating_constraints[{i}]"
        links += [
            (f"{at}.event_id", k.event_id, event),
            (f"{at}.person_id", k.person_id, person),
            (f"{at}.other_id", k.other_id, person),
        ]
    for where, ident, (known, problem) in links:
        if ident is not None and ident not in known:
            _fail(where, problem, found=ident)


def _check_car_plan(data: VisitData) -> None:
    """Each movement's car assignments keep the car plan's rules (domain/car_plan.py)."""
    place = {id(a): i for i, a in enumerate(data.car_assignments)}
    events = {e.id: e for e in data.events}
    for event_id, assignments in car_plan.by_event(data.car_assignments).items():
        for assignment, problem in car_plan.problems(data, events[event_id], assignments):
            _fail(f"car_assignments[{place[id(assignment)]}]", "{detail}", detail=problem)


def _protocol_links(event: Event) -> list[tuple[str, str | None]]:
    """The people an event's protocol arrangements name, with where (after `events[i].`)."""
    links: list[tuple[str, str | None]] = [
        (f"precedence_ids[{j}]", x) for j, x in enumerate(event.precedence_ids)
    ]
    for j, line in enumerate(event.running_order):
        links += [(f"running_order[{j}].person_ids[{k}]", x) for k, x in enumerate(line.person_ids)]
    tables = event.seating.tables if event.seating else []
    for j, table in enumerate(tables):
        links += [
            (f"seating.tables[{j}].seats[{k}].person_id", seat.person_id)
            for k, seat in enumerate(table.seats)
        ]
    for j, wreath in enumerate(event.wreaths):
        links += [(f"wreaths[{j}].layer_ids[{k}]", x) for k, x in enumerate(wreath.layer_ids)]
        links += [(f"wreaths[{j}].carrier_ids[{k}]", x) for k, x in enumerate(wreath.carrier_ids)]
    links += [
        (f"placement[{j}].person_id", position.person_id)
        for j, position in enumerate(event.placement)
    ]
    return links
