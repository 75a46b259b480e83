"""The visit's JSON format: round trips, the JSON Schema, and clear refusals of bad input."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.factories import small_visit
from tests.strategies import visit_data
from visitplanner.domain import (
    address,
    arrangements,
    car_seats,
    decree,
    flags,
    gifts,
    rooming,
    seating_rules,
    values,
)
from visitplanner.domain.car_seats import CarAssignment, CarSeat
from visitplanner.domain.decree import DecreeList, DecreePosition, GuestPlacement
from visitplanner.domain.errors import InputError, VisitPlannerError
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import EventKind
from visitplanner.domain.visit_format import FORMAT_VERSION
from visitplanner.exports.visit_json import dump_visit_json, programme_to_dict, visit_to_dict
from visitplanner.imports import visit_json as importer
from visitplanner.imports.visit_json import cleaned_text, load_visit_json, visit_from_dict
from visitplanner.services.visit_files import read_visit

SCHEMA_FILE = resources.files("visitplanner") / "resources" / "schema" / "visit.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

#: Hypothesis builds whole visits: give it time, and no complaint about big examples.
ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _times(data: VisitData) -> Iterator[tuple[str, datetime | None]]:
    for i, person in enumerate(data.people):
        yield f"people[{i}].arrival", person.arrival.time
        yield f"people[{i}].departure", person.departure.time
    for i, event in enumerate(data.events):
        yield f"events[{i}].start", event.start
        yield f"events[{i}].end", event.end
        yield f"events[{i}].modified", event.modified
        for j, line in enumerate(event.running_order):
            yield f"events[{i}].running_order[{j}]", line.at


def _assert_same_zones(back: VisitData, data: VisitData) -> None:
    """== compares instants only: the zone each time is shown in must come back too."""
    for (where, got), (_, want) in zip(_times(back), _times(data), strict=True):
        if want is None:
            assert got is None, where
            continue
        assert got is not None, where
        assert got.utcoffset() == want.utcoffset(), where
        if isinstance(want.tzinfo, ZoneInfo):
            assert got.tzinfo is ZoneInfo(want.tzinfo.key), where


# --- round trips ----------------------------------------------------------------------


@ROUND_TRIP
@given(visit_data())
def test_dict_round_trip_gives_the_same_visit(data: VisitData) -> None:
    back = visit_from_dict(visit_to_dict(data))
    assert back == data
    _assert_same_zones(back, data)


@ROUND_TRIP
@given(visit_data())
def test_file_round_trip_gives_the_same_visit_and_the_same_bytes(data: VisitData) -> None:
    # A visit as the editors write it: its text clean (one line where a field holds one).
    data = cleaned_text(data)
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder, "visit.json"), Path(folder, "again.json")
        dump_visit_json(data, first)
        back = load_visit_json(first)
        assert back == data
        _assert_same_zones(back, data)
        dump_visit_json(back, second)
        assert second.read_bytes() == first.read_bytes()


@ROUND_TRIP
@given(visit_data())
def test_every_export_follows_the_schema(data: VisitData) -> None:
    document = json.loads(json.dumps(visit_to_dict(data)))
    errors = sorted(VALIDATOR.iter_errors(document), key=str)
    assert not errors, errors[0].message


def test_the_hand_made_visit_round_trips_with_every_field() -> None:
    data = small_visit()
    back = visit_from_dict(json.loads(json.dumps(visit_to_dict(data))))
    assert back == data
    _assert_same_zones(back, data)
    minister = back.people[0]
    assert minister.photo == data.people[0].photo
    assert isinstance(minister.languages, tuple)
    assert isinstance(back.events[0].participant_ids, list)
    assert back.events[1].modified == data.events[1].modified
    assert back.events[0].start.tzinfo == ZoneInfo("Europe/Warsaw")
    assert back.events[0].end.tzinfo == ZoneInfo("Europe/Paris")


def _with_car_plan() -> VisitData:
    """The hand-made visit with its talks made a transfer: the minister rear right, the
    host in a minibus seat of the same car (format version 6)."""
    data = small_visit()
    move = data.events[1]
    move.kind = EventKind.TRANSFER
    minister, _veteran, host = data.people
    data.car_assignments = [
        CarAssignment(move.id, data.vehicles[0].id, minister.id, CarSeat.REAR_RIGHT),
        CarAssignment(move.id, data.vehicles[0].id, host.id, CarSeat.NUMBERED, 4),
    ]
    return data


def test_the_car_plan_round_trips_with_its_seats() -> None:
    data = _with_car_plan()
    document = json.loads(json.dumps(visit_to_dict(data)))
    assert document["car_assignments"][1] == {
        "id": data.car_assignments[1].id,
        "event_id": data.events[1].id,
        "vehicle_id": data.vehicles[0].id,
        "person_id": data.people[2].id,
        "seat": "numbered",
        "number": 4,
    }
    assert not list(VALIDATOR.iter_errors(document))
    back = visit_from_dict(document)
    assert back.car_assignments == data.car_assignments


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["car_assignments"][1].update(
                person_id=d["car_assignments"][0]["person_id"]
            ),
            "car_assignments[1]: a person rides in one seat of a movement only",
        ),
        (
            lambda d: d["car_assignments"][1].update(seat="rear_right", number=None),
            "car_assignments[1]: two people in the same seat",
        ),
        (
            lambda d: d["car_assignments"][0].update(vehicle_id=d["events"][0]["id"]),
            "car_assignments[0].vehicle_id: no vehicle with id",
        ),
        (
            lambda d: d["car_assignments"][0].update(seat="front", number=2),
            "car_assignments[0]: only a numbered seat has a number",
        ),
    ],
)
def test_a_broken_car_plan_is_refused_with_its_place(change: Any, message: str) -> None:
    document = json.loads(json.dumps(visit_to_dict(_with_car_plan())))
    change(document)
    with pytest.raises(InputError, match=re.escape(message)):
        visit_from_dict(document)


def test_cyrillic_and_apostrophes_are_written_as_themselves(tmp_path: Path) -> None:
    data = small_visit()
    data.people[1].family_name = "Мʼясоїдов D’Arc O'Neil"
    data.people[1].notes = '<b>&amp; "guillemets" 🇺🇦\nligne 2'
    path = tmp_path / "visit.json"
    dump_visit_json(data, path)
    text = path.read_text(encoding="utf-8")
    assert "Мʼясоїдов D’Arc O'Neil" in text
    assert "Калмикова" in text
    assert text.endswith("}\n")
    back = load_visit_json(path)
    assert back.people[1].family_name == "Мʼясоїдов D’Arc O'Neil"
    assert back.people[1].notes == '<b>&amp; "guillemets" 🇺🇦\nligne 2'


def test_times_keep_fractions_and_the_autumn_hour() -> None:
    data = small_visit()
    paris = ZoneInfo("Europe/Paris")
    # 02:30 happens twice on 25 October 2026 in Paris: this is the second one (CET).
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone(paris)
    assert second.fold == 1
    data.events[2].start = second
    data.events[2].end = datetime(2026, 10, 25, 1, 45, 30, 250000, tzinfo=UTC).astimezone(paris)
    data.events[2].running_order = []
    document = visit_to_dict(data)
    assert document["events"][2]["start"] == "2026-10-25T01:30:00Z"
    assert document["events"][2]["start_tz"] == "Europe/Paris"
    assert document["events"][2]["end"] == "2026-10-25T01:45:30.250000Z"
    back = visit_from_dict(document)
    assert back.events[2].start.fold == 1
    assert back.events[2].start.utcoffset() == second.utcoffset()
    assert back.events[2].end == data.events[2].end


def test_the_repeated_autumn_hour_and_the_same_instant_elsewhere_are_written_apart() -> None:
    """Times are written from a memory of those already written: 02:30 of the first and
    of the second pass in Paris (equal as Python compares them) and the same instant in
    Kyiv each keep their own UTC time and zone."""
    data = small_visit()
    paris, kyiv = ZoneInfo("Europe/Paris"), ZoneInfo("Europe/Kyiv")
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC).astimezone(paris)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone(paris)
    assert first == second and first.fold != second.fold
    noon = datetime(2026, 10, 26, 12, 0, tzinfo=paris)
    assert noon == noon.astimezone(kyiv)
    first_event, second_event, third_event = data.events
    first_event.start, first_event.end = first, second
    second_event.start, second_event.end = noon, noon + timedelta(minutes=10)
    third_event.start = noon.astimezone(kyiv)
    third_event.end = third_event.start + timedelta(minutes=10)
    written = [
        (e[key], e[f"{key}_tz"]) for e in visit_to_dict(data)["events"] for key in ("start", "end")
    ]
    assert written[:4] == [
        ("2026-10-25T00:30:00Z", "Europe/Paris"),
        ("2026-10-25T01:30:00Z", "Europe/Paris"),
        ("2026-10-26T11:00:00Z", "Europe/Paris"),
        ("2026-10-26T11:10:00Z", "Europe/Paris"),
    ]
    assert written[4] == ("2026-10-26T11:00:00Z", "Europe/Kyiv")


def test_keys_come_in_the_order_the_schema_declares() -> None:
    def check(value: Any, schema: dict[str, Any], where: str) -> None:
        schema = _resolve(schema)
        if isinstance(value, dict) and "properties" in schema:
            declared = list(schema["properties"])
            if schema is not SCHEMA["$defs"]["localizedText"]:  # empty versions are left out
                assert list(value) == declared, where
            assert list(value) == [key for key in declared if key in value], where
            for key, item in value.items():
                check(item, schema["properties"][key], f"{where}.{key}")
        elif isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                check(item, schema["items"], f"{where}[{i}]")

    check(visit_to_dict(small_visit()), SCHEMA, "$")


def test_travel_minutes_are_written_sorted_by_venue_id() -> None:
    data = small_visit()
    ids = sorted(v.id for v in data.venues)
    data.venues[0].travel_minutes = {ids[1]: 5, ids[0]: 0}
    data.venues[0].travel_minutes = dict(reversed(data.venues[0].travel_minutes.items()))
    written = visit_to_dict(data)["venues"][0]["travel_minutes"]
    assert list(written) == sorted(written)


# --- the written file -----------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "visit.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    data = small_visit()
    dump_visit_json(data, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_visit_json(path) == data
    assert [p.name for p in tmp_path.iterdir()] == ["visit.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "visit.json"
    path.write_text("the old export", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(VisitPlannerError, match=r"visit\.json: cannot write"):
        dump_visit_json(small_visit(), path)
    assert path.read_text(encoding="utf-8") == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["visit.json"]


# --- the schema -----------------------------------------------------------------------


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[1]] if ref else schema


def _subschemas(schema: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield where, schema
        for key, value in schema.items():
            yield from _subschemas(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _subschemas(value, f"{where}[{i}]")


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"]
    assert SCHEMA["properties"]["version"]["maximum"] == FORMAT_VERSION
    assert SCHEMA["$id"].endswith(f":{FORMAT_VERSION}")


def test_every_object_and_field_of_the_schema_is_documented() -> None:
    for where, schema in _subschemas(SCHEMA):
        if where.endswith(".properties"):
            for name, field in schema.items():
                assert field.get("title"), f"{where}.{name} has no title"
                assert field.get("description"), f"{where}.{name} has no description"
        if schema.get("type") == "object" and where != "$":
            assert schema.get("title") and schema.get("description"), where
    for name, definition in SCHEMA["$defs"].items():
        assert definition.get("title") and definition.get("description"), name


def test_the_schema_names_every_use_of_a_form_of_address() -> None:
    forms = SCHEMA["$defs"]["addressForms"]["properties"]
    assert list(forms) == [use.value for use in address.AddressUse]


def test_the_schema_enumerations_are_the_domain_enumerations() -> None:
    enums = {
        name: kind
        for module in (
            values,
            arrangements,
            car_seats,
            gifts,
            flags,
            rooming,
            decree,
            seating_rules,
        )
        for name, kind in vars(module).items()
        if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum
    }
    found = {
        tuple(schema["enum"]) for _, schema in _subschemas(SCHEMA["$defs"]) if "enum" in schema
    }
    for name, kind in enums.items():
        if name == "Profile":  # for exports, not a field of a visit
            continue
        assert tuple(m.value for m in kind) in found, name
    for members in found:
        assert any(members == tuple(m.value for m in kind) for kind in enums.values()), members


def test_fields_left_out_take_the_defaults_the_schema_states() -> None:
    ids = iter(f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 100))
    title = {"fr": "x"}
    at = {"start": "2026-05-08T09:00:00Z", "start_tz": "Europe/Paris"}
    document = {
        "format": "visitplanner-visit",
        # The current version: a field older files lack may take another value (a
        # visit before version 12 places guests by courtesy, see the next test).
        "version": FORMAT_VERSION,
        "visit": {
            "id": next(ids),
            "title": title,
            "start_date": "2026-05-06",
            "end_date": "2026-05-09",
        },
        "delegations": [{"id": next(ids), "name": title}],
        "people": [{"id": next(ids), "family_name": "Rufo"}],
        "venues": [{"id": next(ids), "name": title}],
        "vehicles": [{"id": next(ids), "label": {"fr": "Voiture 1"}}],
        "events": [
            {
                "id": next(ids),
                "title": title,
                **at,
                "end": at["start"],
                "end_tz": "Europe/Paris",
                "running_order": [
                    {"id": next(ids), "at": at["start"], "at_tz": "UTC", "action": title}
                ],
            }
        ],
    }
    assert VALIDATOR.is_valid(document)
    exported = visit_to_dict(visit_from_dict(document))
    checked = 0
    for name, definition in SCHEMA["$defs"].items():
        pairs = zip(_objects_of(exported, name), _objects_of(document, name), strict=True)
        for value, written in pairs:
            for key, field in definition.get("properties", {}).items():
                if "default" in field and key not in written:
                    assert value[key] == field["default"], f"{name}.{key}"
                    checked += 1
    assert checked > 80


def _objects_of(document: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The objects of `document` that the schema definition `name` describes."""
    person, event = document["people"][0], document["events"][0]
    found: dict[str, list[dict[str, Any]]] = {
        "visit": [document["visit"]],
        "organiser": [document["visit"].get("organiser", {})],
        "delegation": document["delegations"],
        "person": document["people"],
        "accreditation": [person.get("accreditation", {})],
        "travelLeg": [person.get("arrival", {}), person.get("departure", {})],
        "venue": document["venues"],
        "vehicle": document["vehicles"],
        "event": document["events"],
        "interpretation": [event.get("interpretation", {})],
        "runningOrderItem": event["running_order"],
    }
    return found.get(name, [])


# --- bad input ------------------------------------------------------------------------


def _sample() -> dict[str, Any]:
    """The hand-made visit as it comes out of a JSON file."""
    document: dict[str, Any] = json.loads(json.dumps(visit_to_dict(small_visit())))
    return document


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the field at `path` (dots and [n]) to `value`, or deletes it."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        key: Any = int(last) if last.isdigit() else last
        if value is _DELETE:
            del node[key]
        else:
            node[key] = value

    return change


_DELETE = object()


def _dangling(document: dict[str, Any]) -> None:
    document["events"][0]["participant_ids"].append("0b0b0b0b-0000-4000-8000-000000000000")


def _duplicate(document: dict[str, Any]) -> None:
    document["people"][1]["id"] = document["people"][0]["id"]


def _swap(document: dict[str, Any]) -> None:
    event = document["events"][1]
    event["start"], event["end"] = event["end"], event["start"]


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "missing family name",
        _set("people[2].family_name", _DELETE),
        "people[2].family_name: missing",
    ),
    (
        "bad date",
        _set("visit.start_date", "2026-13-01"),
        'visit.start_date: not a date (YYYY-MM-DD) "2026-13-01"',
    ),
    (
        "bad time",
        _set("events[2].start", "2026-13-01T08:00:00Z"),
        'events[2].start: not a time "2026-13-01T08:00:00Z"',
    ),
    (
        "local time",
        _set("events[2].start", "2026-05-08T11:00:00+02:00"),
        "events[2].start: not a time",
    ),
    (
        "unknown zone",
        _set("events[1].end_tz", "Mars/Olympus"),
        'events[1].end_tz: unknown time zone "Mars/Olympus"',
    ),
    (
        "zone folder",
        _set("events[1].start_tz", "Europe"),
        'events[1].start_tz: unknown time zone "Europe"',
    ),
    ("zone path", _set("visit.tz", "../../etc/passwd"), "visit.tz: unknown time zone"),
    ("time without zone", _set("events[0].start_tz", _DELETE), "events[0].start_tz: missing"),
    (
        "zone without time",
        _set("people[0].departure.time_tz", "UTC"),
        "people[0].departure.time_tz: a zone without a time",
    ),
    (
        "dangling participant",
        _dangling,
        'events[0].participant_ids[2]: no person with id "0b0b0b0b',
    ),
    (
        "dangling venue",
        _set("events[1].venue_id", "0b0b0b0b-0000-4000-8000-000000000000"),
        "events[1].venue_id: no venue with id",
    ),
    (
        "dangling head",
        _set("delegations[0].head_id", "0b0b0b0b-0000-4000-8000-000000000000"),
        "delegations[0].head_id: no person with id",
    ),
    (
        "dangling travel",
        _set("venues[0].travel_minutes", {"0b0b0b0b-0000-4000-8000-000000000000": 3}),
        "venues[0].travel_minutes.0b0b0b0b-0000-4000-8000-000000000000: no venue",
    ),
    ("duplicate id", _duplicate, "people[1].id: duplicate id"),
    ("bad uuid", _set("vehicles[0].id", "car-1"), 'vehicles[0].id: not an id (a UUID) "car-1"'),
    ("end before start", _swap, "events[1].end: before the start"),
    (
        "visit ends first",
        _set("visit.end_date", "2026-05-01"),
        "visit.end_date: before the start date",
    ),
    ("unknown field", _set("people[0].nickname", "Natasha"), "people[0].nickname: unknown field"),
    (
        "unknown enum",
        _set("events[0].kind", "party"),
        'events[0].kind: unknown value "party" (one of "meeting"',
    ),
    ("text for number", _set("people[0].rank", "1"), 'people[0].rank: not a whole number ("1")'),
    (
        "bool for number",
        _set("delegations[1].position", True),
        "delegations[1].position: not a whole number (true)",
    ),
    ("null text", _set("people[0].notes", None), "people[0].notes: not a text (null)"),
    (
        "list for object",
        _set("people[0].title", ["Ministre"]),
        "people[0].title: not an object (a list)",
    ),
    (
        "unknown language",
        _set("visit.title.de", "Besuch"),
        "visit.title.de: not a language of texts (fr, uk, en)",
    ),
    ("bad base64", _set("people[0].photo", "not base64!"), "people[0].photo: not base64 data"),
    ("photo without type", _set("people[0].photo_type", ""), "people[0]: a photo needs its type"),
    ("people not a list", _set("people", {}), "people: not a list (an object)"),
    ("no visit", _set("visit", _DELETE), "visit: missing"),
    ("domain rule", _set("venues[0].latitude", 91), "venues[0]: latitude 91.0 is out of range"),
    ("no languages", _set("visit.languages", []), "visit: a visit needs at least one language"),
    ("version as text", _set("version", "1"), 'version: not a whole number ("1")'),
    ("version zero", _set("version", 0), "version: unknown format version 0"),
    (
        "lone surrogate",
        _set("people[0].notes", "\ud800"),
        "people[0].notes: not valid Unicode text",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [pytest.param(change, message, id=name) for name, change, message in BAD_DOCUMENTS],
)
def test_bad_documents_are_refused_with_their_location(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    document = _sample()
    change(document)
    with pytest.raises(InputError) as caught:
        visit_from_dict(document)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_negative_travel_minutes_are_refused() -> None:
    document = _sample()
    other = document["venues"][1]["id"]
    document["venues"][0]["travel_minutes"] = {other: -5}
    with pytest.raises(InputError, match=rf"venues\[0\]\.travel_minutes\.{other}: negative"):
        visit_from_dict(document)


@pytest.mark.parametrize(
    "name",
    ["missing family name", "bad date", "bad uuid", "unknown field", "unknown enum", "local time"],
)
def test_the_schema_refuses_what_the_importer_refuses(name: str) -> None:
    change = next(change for n, change, _ in BAD_DOCUMENTS if n == name)
    document = _sample()
    change(document)
    assert not VALIDATOR.is_valid(document)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the file is not a VisitPlanner visit (its top level is a list, not an object)"),
        ("visit", "the file is not a VisitPlanner visit (its top level is a text"),
        (
            {"version": 1},
            'the file is not a VisitPlanner visit (no "format": "visitplanner-visit")',
        ),
        ({"format": "ics", "version": 1}, "the file is not a VisitPlanner visit"),
        (
            {"format": "visitplanner-visit", "version": FORMAT_VERSION + 1},
            "the file was written by a newer VisitPlanner "
            f"(format version {FORMAT_VERSION + 1}; this version reads up to {FORMAT_VERSION})",
        ),
    ],
)
def test_what_is_not_a_visit_is_named(document: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        visit_from_dict(document)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"format": "visitplanner-visit",\n "version" 1}',
            "visit.json: not JSON (line 2, column 12: Expecting ':' delimiter)",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
            "visit.json: not UTF-8 text (byte 0x89 at offset 0)",
        ),
        (
            '{"format": "café"}'.encode("latin-1"),
            "visit.json: not UTF-8 text (byte 0xe9 at offset 15)",
        ),
        (b"", "visit.json: not JSON (line 1, column 1: Expecting value)"),
        (b'{"format": NaN}', "visit.json: not JSON (NaN is not a JSON number)"),
        (b'{"format": 1, "format": 2}', 'visit.json: not JSON (the key "format" appears twice'),
        (b"[" * 200_000, "visit.json: not JSON ("),
        (b"1" * 5000, "visit.json: not JSON ("),
        (b"[1, 2]", "the file is not a VisitPlanner visit (its top level is a list"),
    ],
    ids=["syntax", "binary", "latin-1", "empty", "nan", "twice", "deep", "digits", "list"],
)
def test_bad_files_are_refused_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "visit.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_visit_json(path)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "visit.json"
    data = small_visit()
    dump_visit_json(data, path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_visit_json(path) == data


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^nowhere\.json: cannot read \("):
        load_visit_json(tmp_path / "nowhere.json")


def test_a_file_over_200_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "visit.json"
    with path.open("wb") as stream:
        stream.truncate(importer.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(
        InputError, match=r"^visit\.json: too large \(200 MB; the limit is 200 MB\)"
    ):
        load_visit_json(path)


# --- never a traceback ----------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["2026-05-08", "2026-05-08T08:30:00Z", "Europe/Paris", "Europe", ""]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


_SAMPLE = _sample()
SAMPLE_PATHS = _paths(_SAMPLE)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLE_PATHS), _JSON_VALUES, st.booleans())
def test_any_damage_gives_an_input_error_or_a_visit(
    path: tuple[Any, ...], value: Any, delete: bool
) -> None:
    document = copy.deepcopy(_SAMPLE)
    node: Any = document
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    try:
        visit_from_dict(document)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)


# --- text taken in as an edit takes it ------------------------------------------------


def _import(tmp_path: Path, document: dict[str, Any]) -> tuple[int, Path]:
    """`visitplanner import-json` of `document`: its exit status and the visit file it
    was asked to make."""
    from visitplanner.cli import main

    source = tmp_path / "visit.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "new.visit"
    status = main(["import-json", str(source), "-o", str(target)])
    return status, target


def test_a_name_too_long_is_refused_naming_the_person_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _sample()
    document["people"][1]["family_name"] = "Koval" * 2_000
    status, target = _import(tmp_path, document)
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1  # one line
    assert error.startswith("visitplanner: people[1]: “Andrii KovalKoval")
    assert "the family name is too long (10000 characters; at most 200)" in error
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["visit.json"]  # nothing half-written


def test_a_running_order_line_too_long_is_refused_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _sample()
    document["events"][2]["running_order"][1]["where"] = {"fr": "Arc " * 2_500}
    status, target = _import(tmp_path, document)
    error = capsys.readouterr().err
    assert status == 2 and not target.exists()
    assert error == (
        "visitplanner: events[2]: “Cérémonie du 8 Mai”: running order, line 2: "
        "the “where” is too long (10000 characters; at most 500)\n"
    )


def test_text_xml_cannot_hold_is_taken_out_on_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _sample()
    document["events"][1]["title"]["en"] = "Talks\ufffe with\x00 the\nminister\uffff"
    document["people"][0]["accreditation"]["passport_name"] = "KALMYKOVA\x1b\nNATALIIA"
    document["people"][0]["notes"] = "Line 1\nLine\x072"
    status, target = _import(tmp_path, document)
    assert status == 0, capsys.readouterr().err
    data = read_visit(target)
    assert data.event(document["events"][1]["id"]).title.en == "Talks with the minister"
    minister = data.person(document["people"][0]["id"])
    assert minister.accreditation.passport_name == "KALMYKOVA NATALIIA"
    assert minister.notes == "Line 1\nLine2"  # notes keep their lines


def test_clean_text_comes_back_as_the_very_same_objects() -> None:
    data = small_visit()
    assert cleaned_text(data) is data


def test_the_file_written_a_part_at_a_time_is_the_one_json_would_write(tmp_path: Path) -> None:
    """The export streams (one list item at a time) and still writes exactly what
    `json.dumps` of the whole document writes: the demo with an issued version (seating,
    ceremony, a programme), a small visit, and a visit with every list empty."""
    from visitplanner.demo import build_demo
    from visitplanner.domain.model import Visit
    from visitplanner.operations.session import VisitSession
    from visitplanner.services.versions import issue_version
    from visitplanner.services.visit_files import write_visit

    write_visit(tmp_path / "demo.visit", build_demo())
    session = VisitSession.open(tmp_path / "demo.visit")
    issue_version(session, "pour l’ambassade")
    demo = session.data
    session.close()
    visit = demo.visit
    empty = VisitData(
        visit=Visit(title=visit.title, start_date=visit.start_date, end_date=visit.end_date)
    )
    assert demo.versions
    for data in (demo, small_visit(), empty):
        whole = json.dumps(visit_to_dict(data), ensure_ascii=False, indent=2, allow_nan=False)
        path = tmp_path / "v.json"
        dump_visit_json(data, path)
        assert path.read_text(encoding="utf-8") == whole + "\n"


@pytest.mark.parametrize(
    ("version", "written", "placement"),
    [
        (11, None, GuestPlacement.GUEST_FIRST),
        (12, None, GuestPlacement.AFTER_HOST),
        (11, "after_host", GuestPlacement.AFTER_HOST),
        (12, "guest_first", GuestPlacement.GUEST_FIRST),
    ],
)
def test_a_visit_before_version_12_keeps_the_courtesy_rule_it_was_ordered_by(
    version: int, written: str | None, placement: GuestPlacement
) -> None:
    document = json.loads(json.dumps(visit_to_dict(small_visit())))
    document["version"] = version
    del document["visit"]["guest_placement"]
    if written is not None:
        document["visit"]["guest_placement"] = written
    assert visit_from_dict(document).visit.guest_placement is placement


def test_a_decree_position_round_trips_and_a_broken_one_is_refused_with_its_place() -> None:
    data = small_visit()
    data.people[0].precedence_position = DecreePosition(DecreeList.DEPARTEMENT, "prefet")
    document = json.loads(json.dumps(visit_to_dict(data)))
    assert document["people"][0]["precedence_position"] == {"list": "departement", "id": "prefet"}
    assert visit_from_dict(document).people[0].precedence_position == DecreePosition(
        DecreeList.DEPARTEMENT, "prefet"
    )
    assert "precedence_position" not in programme_to_dict(data)["people"][0]
    document["people"][0]["precedence_position"] = {"list": "région", "id": "prefet"}
    with pytest.raises(InputError, match=r"people\[0\]\.precedence_position\.list"):
        visit_from_dict(document)
    document["people"][0]["precedence_position"] = {"list": "national"}
    with pytest.raises(InputError, match=r"people\[0\]\.precedence_position\.id: missing"):
        visit_from_dict(document)
