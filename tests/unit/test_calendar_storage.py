"""The calendar memory in the visit file: round trip, and a file of schema 1 migrated."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.model import CalendarMemory, ExportMark, VisitData
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.schema import APPLICATION_ID, MIGRATIONS

UTC = ZoneInfo("UTC")


def test_the_calendar_memory_and_source_uids_come_back_from_the_file(tmp_path: Path) -> None:
    data = small_visit()
    data.events[0].source_uid = "040000008200E00074C5B7101A82E008@outlook"
    gone = "7c9e6679-7425-40de-944b-e07fc1f90ae7"  # an event deleted since its export
    data.calendars = CalendarMemory(
        marks={
            (data.events[0].id, "fr/shareable"): ExportMark(
                3, "abc", datetime(2026, 5, 1, 12, tzinfo=UTC)
            ),
            (data.events[0].id, "uk/internal"): ExportMark(
                4, "abd", datetime(2026, 5, 1, 13, tzinfo=UTC)
            ),
            (gone, ""): ExportMark(0, "def", datetime(2026, 5, 2, 8, tzinfo=UTC)),
        },
        sent={
            "visit": frozenset({data.events[0].id, gone}),
            f"person:{data.people[0].id}": frozenset(),
        },
        dropped={"visit": frozenset({gone})},
        ghosts={gone: replace(data.events[1], id=gone)},
    )
    path = tmp_path / "v.visit"
    write_visit(path, data)
    back = read_visit(path)
    assert back.calendars.marks == data.calendars.marks
    assert back.calendars.sent == {"visit": frozenset({data.events[0].id, gone})}
    assert back.calendars.dropped == {"visit": frozenset({gone})}
    assert back.calendars.ghosts == data.calendars.ghosts
    assert next(e for e in back.events if e.id == data.events[0].id).source_uid.endswith("@outlook")


def test_a_file_of_schema_1_with_events_migrates_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before="0002_calendars")
    conn.execute(
        "INSERT INTO visit (id, title, start_date, end_date, tz, languages) VALUES "
        "('00000000-0000-4000-8000-000000000001', '{\"fr\": \"Visite\"}', '2026-05-06',"
        " '2026-05-09', 'Europe/Paris', '[\"fr\"]')"
    )
    conn.execute(
        "INSERT INTO event (id, kind, title, start_utc, start_tz, end_utc, end_tz, status) VALUES "
        "('00000000-0000-4000-8000-000000000002', 'meeting', '{\"fr\": \"Entretien\"}',"
        " '2026-05-07T08:00:00Z', 'Europe/Paris', '2026-05-07T09:00:00Z', 'Europe/Paris',"
        " 'confirmed')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    VisitDatabase.open(path).close()  # migrates
    data: VisitData = read_visit(path)
    assert [e.title.fr for e in data.events] == ["Entretien"]
    assert all(e.source_uid == "" for e in data.events)
    assert data.calendars == CalendarMemory()
