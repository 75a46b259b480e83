"""The visit file: round trip, schema, refusal of foreign and newer files, modes, copies."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.errors import NewerFileError, NotAVisitFileError, StorageError
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import LocalizedText
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _sorted(data: VisitData) -> VisitData:
    """The visit with lists in a stable order, to compare a write with a read."""
    data.delegations.sort(key=lambda d: d.id)
    data.people.sort(key=lambda p: p.id)
    data.venues.sort(key=lambda v: v.id)
    data.vehicles.sort(key=lambda v: v.id)
    data.events.sort(key=lambda e: e.id)
    return data


def test_a_visit_comes_back_from_the_file_exactly_as_written(tmp_path: Path) -> None:
    data = small_visit()
    path = tmp_path / "visit.visit"
    write_visit(path, data)
    loaded = read_visit(path)
    assert _sorted(loaded) == _sorted(small_visit_with_ids(data))
    arrival = next(e for e in loaded.events if e.title.fr == "Arrivée")
    assert arrival.start.tzinfo.key == "Europe/Warsaw"  # type: ignore[union-attr]
    assert arrival.end.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]
    minister = next(p for p in loaded.people if p.family_name == "Kalmykova")
    assert minister.native_name() == "Наталія Іванівна Калмикова"
    assert minister.photo == b"\x89PNG\r\n\x1a\nfake"


def small_visit_with_ids(data: VisitData) -> VisitData:
    """The same visit (ids included); a separate name for readability."""
    return data


def test_an_in_memory_visit_round_trips() -> None:
    database = VisitDatabase.in_memory()
    repo = VisitRepository(database)
    data = small_visit()
    with database.transaction():
        repo.save_all(data)
    assert _sorted(repo.load()) == _sorted(data)


def test_saving_again_updates_in_place_and_keeps_links(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = small_visit()
    write_visit(path, data)
    database = VisitDatabase.open(path)
    repo = VisitRepository(database)
    minister = data.people[0]
    minister.given_name = "Наталія"
    with database.transaction():
        repo.save_person(minister)
    events = repo.load_events()
    assert all(minister.id in e.participant_ids for e in events)
    assert repo.load_people([minister.id])[0].given_name == "Наталія"
    database.close()


def test_a_failed_multi_row_edit_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = small_visit()
    write_visit(path, data)
    database = VisitDatabase.open(path)
    repo = VisitRepository(database)
    event = data.events[1]
    event.participant_ids.append("no-such-person")
    with pytest.raises(StorageError), database.transaction():
        event.notes = LocalizedText(fr="changed")
        repo.save_event(event)
    database.close()
    again = read_visit(path)
    kept = next(e for e in again.events if e.id == event.id)
    assert kept.notes == LocalizedText()
    assert "no-such-person" not in kept.participant_ids


def test_new_file_has_the_visit_application_id_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    VisitDatabase.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@posix_only
def test_visit_files_are_private_to_their_owner(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    old = os.umask(0o022)
    try:
        write_visit(path, small_visit())
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"title,start\nvisite,2026-05-06\n", "not an SQLite database"),
        (b"", "not an SQLite database"),
        (bytes(range(256)) * 40, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "truncated"),
    ],
    ids=["csv text", "empty", "random bytes", "truncated header"],
)
def test_a_file_that_is_not_a_visit_is_refused_and_left_unchanged(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "thing.visit"
    path.write_bytes(content)
    with pytest.raises(NotAVisitFileError, match=expected):
        VisitDatabase.open(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing.visit"]


def test_an_unrelated_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    Database(path)["notes"].insert({"text": "hello"})
    before = path.read_bytes()
    with pytest.raises(NotAVisitFileError, match="another application"):
        VisitDatabase.open(path)
    assert path.read_bytes() == before


def test_a_truncated_visit_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    cut = path.read_bytes()[: 4096 + 100]
    path.write_bytes(cut)
    with pytest.raises(StorageError, match="damaged"):
        VisitDatabase.open(path)
    assert path.read_bytes() == cut


def test_a_file_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerFileError, match="newer version"):
        VisitDatabase.open(path)
    assert path.read_bytes() == before


def test_a_file_with_an_unknown_migration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('visitplanner', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(NewerFileError):
        VisitDatabase.open(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no such file"):
        VisitDatabase.open(tmp_path / "absent.visit")


def test_writing_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    path.write_text("precious")
    with pytest.raises(StorageError, match="already exists"):
        write_visit(path, small_visit())
    assert path.read_text() == "precious"


@pytest.mark.parametrize("stop", MIGRATION_NAMES)
def test_each_migration_brings_an_older_file_to_the_current_schema(
    tmp_path: Path, stop: str
) -> None:
    """A file made at every earlier schema opens, migrates and matches a new file."""
    old_path = tmp_path / "old.visit"
    old_path.touch(mode=0o600)
    conn = sqlite3.connect(old_path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db = Database(conn)
    MIGRATIONS.apply(db, stop_before=stop)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(stop)}")
    conn.commit()
    conn.close()
    migrated = VisitDatabase.open(old_path)
    fresh = VisitDatabase.create(tmp_path / "fresh.visit")

    def schema(database: VisitDatabase) -> list[tuple[str, str]]:
        return sorted(
            database.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                " AND name NOT LIKE '_sqlite_migrations%'"
            ).fetchall()
        )

    assert schema(migrated) == schema(fresh)
    assert migrated.schema_version() == SCHEMA_VERSION
    data = small_visit()
    repo = VisitRepository(migrated)
    with migrated.transaction():
        repo.save_all(data)
    assert len(repo.load().events) == 3
    migrated.close()
    fresh.close()


def test_a_copy_taken_while_the_file_is_open_holds_every_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = small_visit()
    write_visit(path, data)
    database = VisitDatabase.open(path)
    repo = VisitRepository(database)
    for number in range(20):
        with database.transaction():
            data.events[0].notes = LocalizedText(fr=f"edit {number}")
            repo.save_event(data.events[0])
    copy = tmp_path / "usb-stick.visit"
    shutil.copyfile(path, copy)  # what an officer's file manager does
    copied = read_visit(copy)
    assert next(e for e in copied.events if e.id == data.events[0].id).notes.fr == "edit 19"
    database.close()


def test_read_only_opening_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    before = path.read_bytes()
    database = VisitDatabase.open(path, read_only=True)
    loaded = VisitRepository(database).load()
    assert len(loaded.events) == 3
    with pytest.raises(StorageError, match="read-only"), database.transaction():
        VisitRepository(database).save_visit(loaded.visit)
    database.close()
    assert path.read_bytes() == before


def test_opening_an_up_to_date_file_does_not_touch_it(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    before = path.read_bytes()
    VisitDatabase.open(path).close()
    assert path.read_bytes() == before


def test_save_a_copy_goes_through_the_backup_api_and_replaces_the_target(tmp_path: Path) -> None:
    from visitplanner.operations.session import VisitSession
    from visitplanner.services.visit_files import save_copy

    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    session = VisitSession.open(path)
    target = tmp_path / "copie.visit"
    target.write_text("old")
    save_copy(session, target)
    assert read_visit(target) == read_visit(path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 or sys.platform == "win32"
    session.close()


def test_a_row_with_an_unknown_stored_value_is_told_as_an_inconsistent_visit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "visit.visit"
    write_visit(path, small_visit())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE event SET kind = 'banquet-royal' WHERE rowid = 1")
    conn.close()
    with pytest.raises(StorageError, match=r"inconsistent.*banquet-royal"):
        read_visit(path)


def test_an_event_keeps_its_participants_in_their_order_and_an_empty_modified_time(
    tmp_path: Path,
) -> None:
    data = small_visit()
    event = next(e for e in data.events if len(e.participant_ids) >= 2)
    event.participant_ids.reverse()
    path = tmp_path / "visit.visit"
    write_visit(path, data)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE event SET modified = '' WHERE id = ?", (event.id,))
    conn.close()
    loaded = next(e for e in read_visit(path).events if e.id == event.id)
    assert loaded.participant_ids == event.participant_ids
    assert loaded.modified is None


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    path = tmp_path / "visit.visit"
    write_visit(path, small_visit())
    gc.unfreeze()
    assert gc.isenabled()
    data = read_visit(path)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # the visit read is kept out of the collector's walks
    gc.unfreeze()
    gc.disable()
    try:
        read_visit(path)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
    assert data.events


def test_reading_tells_how_far_it_is_from_0_to_100_never_going_back(tmp_path: Path) -> None:
    path = tmp_path / "visit.visit"
    write_visit(path, small_visit())
    steps: list[tuple[int, int, str]] = []
    database = VisitDatabase.open_for_reading(path)
    try:
        VisitRepository(database).load(lambda done, total, what: steps.append((done, total, what)))
    finally:
        database.close()
    shares = [done for done, _total, _what in steps]
    assert shares[0] == 0 and shares[-1] == 100
    assert shares == sorted(shares)
    assert {total for _done, total, _what in steps} == {100}
    assert "Reading the programme" in {what for _done, _total, what in steps}
