"""The protocol arrangements in the visit file and the JSON format: kept, migrated, undone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlite_utils import Database

from tests.protocol_factories import by_name
from tests.strategies import visit_data
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import StepKind
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Event, VisitData
from visitplanner.exports.visit_json import visit_to_dict
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import open_visit, read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS


def _arranged(event: Event) -> tuple[object, ...]:
    lines = [(line.id, line.kind, line.person_ids) for line in event.running_order]
    return (event.precedence_ids, event.seating, event.wreaths, event.placement, lines)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visit_data())
def test_the_arrangements_come_back_from_the_file_as_written(data: VisitData) -> None:
    database = VisitDatabase.in_memory()
    repo = VisitRepository(database)
    with database.transaction():
        repo.save_all(data)
    back = {e.id: e for e in repo.load().events}
    for event in data.events:
        assert _arranged(back[event.id]) == _arranged(event)
    database.close()


def test_the_demo_keeps_its_plan_and_wreaths_in_the_file(tmp_visit_path: Path) -> None:
    demo = build_demo()
    write_visit(tmp_visit_path, demo)
    back = read_visit(tmp_visit_path)
    for event in demo.events:
        assert _arranged(back.event(event.id)) == _arranged(event)


def test_a_version_1_json_file_still_imports() -> None:
    document = visit_to_dict(build_demo())
    document["version"] = 1
    for event in document["events"]:
        for key in ("precedence_ids", "seating", "wreaths", "placement"):
            del event[key]
        for line in event["running_order"]:
            del line["kind"], line["person_ids"]
    data = visit_from_dict(json.loads(json.dumps(document)))
    ceremony = next(e for e in data.events if e.running_order)
    assert ceremony.seating is None and ceremony.wreaths == []
    assert {line.kind for line in ceremony.running_order} == {StepKind.OTHER}


def test_a_json_seat_naming_an_unknown_person_is_refused_with_its_place() -> None:
    document = visit_to_dict(build_demo())
    dinner = next(e for e in document["events"] if e["seating"])
    dinner["seating"]["tables"][0]["seats"][0]["person_id"] = "00000000-0000-4000-8000-000000000999"
    with pytest.raises(InputError, match=r"seating\.tables\[0\]\.seats\[0\]\.person_id"):
        visit_from_dict(document)


def test_a_file_of_the_previous_schema_migrates_with_its_running_order(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before="0003_protocol")
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index('0003_protocol')}")
    conn.execute(
        "INSERT INTO visit (id, title, start_date, end_date, tz, languages) "
        "VALUES ('00000000-0000-4000-8000-000000000001', '{\"fr\": \"V\"}', '2026-05-06', "
        "'2026-05-09', 'Europe/Paris', '[\"fr\"]')"
    )
    conn.execute(
        "INSERT INTO event (id, kind, title, start_utc, start_tz, end_utc, end_tz) VALUES "
        "('00000000-0000-4000-8000-000000000002', 'ceremony', '{\"fr\": \"C\"}', "
        "'2026-05-08T16:00:00Z', 'Europe/Paris', '2026-05-08T17:00:00Z', 'Europe/Paris')"
    )
    conn.execute(
        "INSERT INTO running_order_item (id, event_id, position, at_utc, at_tz, action) VALUES "
        "('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 0, "
        "'2026-05-08T16:00:00Z', 'Europe/Paris', '{\"fr\": \"Arrivée\"}')"
    )
    conn.commit()
    conn.close()
    session = open_visit(path)
    try:
        (event,) = session.data.events
        assert event.running_order[0].kind is StepKind.OTHER
        assert event.running_order[0].person_ids == [] and event.seating is None
    finally:
        session.close()


def test_deleting_a_seated_person_is_undone_with_their_seat_and_wreath(
    tmp_visit_path: Path,
) -> None:
    write_visit(tmp_visit_path, build_demo())
    session: VisitSession = open_visit(tmp_visit_path)
    try:
        kalmykova = by_name(session.data, "Kalmykova")
        dinner = next(e for e in session.data.events if e.seating)
        seat = dinner.seating.seat_of(kalmykova.id) if dinner.seating else None
        assert seat is not None
        operation = delete_operation(session.data, kalmykova)
        session.apply(operation)
        emptied = session.data.event(dinner.id).seating
        assert emptied is not None and emptied.seat(seat.id).person_id is None
        session.undo()
        restored = session.data.event(dinner.id).seating
        assert restored is not None and restored.seat(seat.id).person_id == kalmykova.id
        ceremony = next(e for e in session.data.events if e.wreaths)
        assert kalmykova.id in ceremony.wreaths[1].layer_ids
    finally:
        session.close()
