"""Backups of a visit file through SQLite's backup API, with rotation that keeps history.

Backups live in a folder beside the visit (`Name.visit.backups/`), one file per
backup named by its UTC time. Rotation keeps the 10 newest, plus the newest of
each day for the last 30 days. A file copy could catch a half-written page;
the backup API never does.

The backups of an encrypted visit are encrypted with the visit's own key (SQLite's
backup API into a connection keyed the same): not one page of them is in clear.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

from sqlcipher3 import dbapi2 as sqlcipher

from visitplanner.domain.errors import StorageError
from visitplanner.i18n import _
from visitplanner.storage.database import (
    DATABASE_ERRORS,
    check_identity,
    connect_encrypted,
    create_private_file,
    key_connection,
    key_of,
    looks_encrypted,
    read_header,
    translate_error,
)

log = logging.getLogger(__name__)

KEEP_NEWEST: Final = 10
KEEP_DAYS: Final = 30
_STAMP: Final = "%Y%m%dT%H%M%S%fZ"


def backup_folder(visit_path: Path) -> Path:
    """Where the backups of `visit_path` are kept."""
    return visit_path.with_name(visit_path.name + ".backups")


def copy_database(source: sqlite3.Connection, target: Path, key: str | None = None) -> None:
    """Write a consistent copy of the open database `source` to the new file `target`,
    encrypted with `key` when `source` is an encrypted visit opened with that key.

    The target is created 0600 on POSIX; it must not exist yet.
    """
    try:
        create_private_file(target)
    except OSError as exc:
        raise StorageError(
            _("{path}: cannot create the file ({detail})").format(path=target, detail=exc.strerror)
        ) from exc
    try:
        if key is None:
            dest = sqlite3.connect(str(target))
        else:
            dest = sqlcipher.connect(str(target))
            key_connection(dest, key)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except DATABASE_ERRORS as exc:
        target.unlink(missing_ok=True)
        raise translate_error(exc, target) from exc


def _same_pages(first: Path, second: Path) -> bool:
    """Whether two database files hold the same pages. The backup API copies pages as
    they are; only the 100-byte header's counters differ between a file and its copy."""
    try:
        if first.stat().st_size != second.stat().st_size:
            return False
        with first.open("rb") as a, second.open("rb") as b:
            a.seek(100)
            b.seek(100)
            while True:
                block_a, block_b = a.read(1 << 20), b.read(1 << 20)
                if block_a != block_b:
                    return False
                if not block_a:
                    return True
    except OSError:
        return False


def _same_rows(first: sqlite3.Connection, second: sqlite3.Connection) -> bool:
    """Whether two open databases hold the same rows. Encrypted pages differ between a
    file and its copy (each page is written with a fresh IV), so they are compared
    through their keys, table by table."""
    return _fingerprint(first) == _fingerprint(second)


def _fingerprint(conn: sqlite3.Connection) -> bytes:
    digest = hashlib.sha256()
    digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        digest.update(repr((name, sql)).encode())
        quoted = '"' + str(name).replace('"', '""') + '"'
        for row in conn.execute(f"SELECT * FROM {quoted}"):
            digest.update(repr(row).encode())
    return digest.digest()


def _open_encrypted(path: Path) -> tuple[sqlite3.Connection, str]:
    key = key_of(path)
    conn = connect_encrypted(path, key, read_only=True)
    try:
        check_identity(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, key


def _encrypted_newest_is_same(source: sqlite3.Connection, newest: Path) -> bool:
    try:
        other, _key = _open_encrypted(newest)
    except (StorageError, OSError, *DATABASE_ERRORS):
        return False
    try:
        return _same_rows(source, other)
    except DATABASE_ERRORS:
        return False
    finally:
        other.close()


def make_backup(visit_path: Path, now: datetime | None = None) -> Path:
    """Back up the visit file at `visit_path` now, then rotate its backups.

    When the newest backup already holds the visit as it is, no other is made (its path
    is returned): opening a visit, or a command that is refused or changes nothing, ten
    times over must not rotate out the backup from before the last real change.

    Opens its own connection, so it may run in a worker thread while the
    application edits the visit.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    if looks_encrypted(visit_path):
        return _make_encrypted_backup(visit_path, moment)
    read_header(visit_path)
    folder = backup_folder(visit_path)
    newest = next(iter(list_backups(folder, visit_path.stem)), None)
    if newest is not None and _same_pages(visit_path, newest[1]):
        log.info("%s is as its newest backup %s: none made", visit_path, newest[1])
        return newest[1]
    _make_folder(folder)
    target = folder / f"{visit_path.stem}-{moment.strftime(_STAMP)}.visit"
    try:
        source = sqlite3.connect(f"{visit_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise translate_error(exc, visit_path) from exc
    try:
        copy_database(source, target)
    finally:
        source.close()
    removed = rotate(folder, visit_path.stem, moment)
    log.info("backed up %s to %s (%d old backups removed)", visit_path, target, len(removed))
    return target


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("{path}: cannot create the backup folder ({detail})").format(
                path=folder, detail=exc.strerror
            )
        ) from exc


def _make_encrypted_backup(visit_path: Path, moment: datetime) -> Path:
    """`make_backup` of an encrypted visit: the copy is keyed as the visit is."""
    try:
        source, key = _open_encrypted(visit_path)
    except DATABASE_ERRORS as exc:
        raise translate_error(exc, visit_path) from exc
    try:
        folder = backup_folder(visit_path)
        newest = next(iter(list_backups(folder, visit_path.stem)), None)
        if newest is not None and _encrypted_newest_is_same(source, newest[1]):
            log.info("%s is as its newest backup %s: none made", visit_path, newest[1])
            return newest[1]
        _make_folder(folder)
        target = folder / f"{visit_path.stem}-{moment.strftime(_STAMP)}.visit"
        copy_database(source, target, key)
    finally:
        source.close()
    removed = rotate(folder, visit_path.stem, moment)
    log.info("backed up %s to %s (%d old backups removed)", visit_path, target, len(removed))
    return target


def _backup_time(path: Path, stem: str) -> datetime | None:
    stamp = path.stem.removeprefix(f"{stem}-")
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(folder: Path, stem: str) -> list[tuple[datetime, Path]]:
    """The backups in `folder` of the visit named `stem`, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{stem}-*.visit"):
        moment = _backup_time(path, stem)
        if moment is not None:
            found.append((moment, path))
    return sorted(found, reverse=True)


def backups_to_keep(moments: list[datetime], now: datetime) -> set[datetime]:
    """Which backup times rotation keeps: the 10 newest and one a day for 30 days."""
    newest_first = sorted(moments, reverse=True)
    keep = set(newest_first[:KEEP_NEWEST])
    horizon = now.date() - timedelta(days=KEEP_DAYS)
    days_seen: set[date] = set()
    for moment in newest_first:
        day = moment.date()
        if day > horizon and day not in days_seen:
            days_seen.add(day)
            keep.add(moment)
    return keep


def rotate(folder: Path, stem: str, now: datetime) -> list[Path]:
    """Delete the backups rotation does not keep; return what was deleted."""
    backups = list_backups(folder, stem)
    keep = backups_to_keep([moment for moment, _path in backups], now)
    removed = []
    for moment, path in backups:
        if moment not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", path, exc)
    return removed
