"""Backups through SQLite's backup API, and the rotation that keeps history."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.factories import small_visit
from visitplanner.services.visit_files import (
    back_up,
    back_up_in_background,
    read_visit,
    write_visit,
)
from visitplanner.storage.backup import (
    KEEP_NEWEST,
    backup_folder,
    backups_to_keep,
    list_backups,
    make_backup,
)
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository


def test_a_backup_holds_what_the_visit_holds(tmp_path: Path) -> None:
    path = tmp_path / "Visite.visit"
    data = small_visit()
    write_visit(path, data)
    database = VisitDatabase.open(path)  # open, as the application has it while backing up
    target = make_backup(path)
    assert target.parent == backup_folder(path)
    assert read_visit(target) == read_visit(path)
    database.close()


def test_a_backup_taken_during_editing_has_every_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = small_visit()
    write_visit(path, data)
    database = VisitDatabase.open(path)
    repo = VisitRepository(database)
    with database.transaction():
        data.people[0].notes = "Hôtel Lutetia"
        repo.save_person(data.people[0])
    target = make_backup(path)
    assert read_visit(target).person(data.people[0].id).notes == "Hôtel Lutetia"
    database.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    old = os.umask(0o022)
    try:
        target = make_backup(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_rotation_keeps_the_ten_newest_and_one_a_day_for_thirty_days() -> None:
    now = datetime(2026, 5, 8, 12, 0, tzinfo=UTC)
    today = [now - timedelta(minutes=m) for m in range(25)]
    daily = [now - timedelta(days=d, hours=h) for d in range(1, 40) for h in (1, 5)]
    kept = backups_to_keep(today + daily, now)
    assert set(sorted(today, reverse=True)[:KEEP_NEWEST]) <= kept
    for days in range(1, 30):
        newest_that_day = now - timedelta(days=days, hours=1)
        assert newest_that_day in kept
        assert now - timedelta(days=days, hours=5) not in kept
    assert not any(moment < now - timedelta(days=31) for moment in kept)
    assert len(kept) == KEEP_NEWEST + 29


def test_making_backups_rotates_old_ones_away(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    for minutes in range(15):
        _edit(path, f"edit {minutes}")
        make_backup(path, now=start + timedelta(minutes=minutes))
    backups = list_backups(backup_folder(path), path.stem)
    assert len(backups) == KEEP_NEWEST
    assert backups[0][0] == start + timedelta(minutes=14)


def _edit(path: Path, notes: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE person SET notes = ?", (notes,))
    conn.close()


def test_a_visit_unchanged_since_its_newest_backup_is_not_backed_up_again(
    tmp_path: Path,
) -> None:
    """Opening a visit, or a command that is refused, eleven times in a row must not
    rotate out the backup taken before the last real change."""
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    first = make_backup(path, now=start)
    _edit(path, "the last real change")
    before_change = first
    after_change = make_backup(path, now=start + timedelta(minutes=1))
    for minutes in range(2, 14):
        assert make_backup(path, now=start + timedelta(minutes=minutes)) == after_change
    assert [p for _m, p in list_backups(backup_folder(path), path.stem)] == [
        after_change,
        before_change,
    ]


def test_a_failed_backup_does_not_stop_the_visit_from_opening(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    backup_folder(path).write_text("a file where the folder should be")
    assert back_up(path) is None
    worker = back_up_in_background(path)
    worker.join(10)
    assert not worker.is_alive()
