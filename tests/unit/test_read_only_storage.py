"""Opening a visit file only to read it: the file is never written, an older one is read
through a migrated copy in memory, and a write is refused as on a read-only file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.errors import NewerFileError, StorageError
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION


def _older_file(path: Path, stop: str) -> None:
    """An empty visit file of the schema before migration `stop`."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before=stop)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(stop)}")
    conn.commit()
    conn.close()


def _listing(folder: Path) -> dict[str, bytes]:
    return {entry.name: entry.read_bytes() for entry in sorted(folder.iterdir())}


def test_a_current_file_is_read_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    before = _listing(tmp_path)
    database = VisitDatabase.open_for_reading(path)
    assert database.read_only and database.path == path
    assert len(VisitRepository(database).load().events) == 3
    database.close()
    assert _listing(tmp_path) == before


@pytest.mark.parametrize("stop", MIGRATION_NAMES[1:])
def test_an_older_file_is_read_through_a_migrated_copy(tmp_path: Path, stop: str) -> None:
    path = tmp_path / "old.visit"
    _older_file(path, stop)
    before = _listing(tmp_path)
    database = VisitDatabase.open_for_reading(path)
    assert not MIGRATIONS.pending(database.db)
    assert database.schema_version() == SCHEMA_VERSION
    assert VisitRepository(database).load_events() == []
    database.close()
    assert _listing(tmp_path) == before
    assert MIGRATIONS.pending(Database(sqlite3.connect(path)))  # the file kept its schema


@pytest.mark.parametrize("older", [False, True])
def test_a_write_is_refused_as_on_a_read_only_file(tmp_path: Path, older: bool) -> None:
    path = tmp_path / "v.visit"
    if older:
        _older_file(path, MIGRATION_NAMES[-1])
    else:
        write_visit(path, small_visit())
    database = VisitDatabase.open_for_reading(path)
    repository = VisitRepository(database)
    visit = small_visit().visit if older else repository.load_visit()
    with pytest.raises(StorageError, match="read-only"), database.transaction():
        repository.save_visit(visit)
    database.close()


def test_a_session_opened_read_only_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    before = _listing(tmp_path)
    session = VisitSession.open(path, read_only=True)
    assert session.read_only and len(session.data.events) == 3
    session.close()
    assert _listing(tmp_path) == before


def test_a_newer_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('visitplanner', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerFileError):
        VisitDatabase.open_for_reading(path)
    assert path.read_bytes() == before


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no such file"):
        VisitDatabase.open_for_reading(tmp_path / "absent.visit")
    assert list(tmp_path.iterdir()) == []
