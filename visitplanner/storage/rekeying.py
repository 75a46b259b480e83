"""Encrypt, re-key and decrypt a visit file as one atomic step.

The visit is written anew beside its target with SQLCipher's `sqlcipher_export` (every
table, index and row, through the keys), checked (`integrity_check`, and SQLCipher's
`cipher_integrity_check` for an encrypted result), flushed to the disk, then renamed
over the target: a crash at any moment leaves the old file or the new one, whole. The
source is held under SQLite's write lock meanwhile, so no other program's edit can
slip in between the copy and the rename.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from visitplanner.domain.errors import StorageError
from visitplanner.i18n import _
from visitplanner.storage.database import (
    DATABASE_ERRORS,
    check_identity,
    connect_encrypted,
    create_private_file,
    key_connection,
    translate_error,
)

log = logging.getLogger(__name__)


def scratch_beside(target: Path) -> Path:
    """Where the new file is written before it takes the target's name."""
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


def remove_stale_scratches(target: Path) -> list[Path]:
    """Remove what a rewrite of `target` killed half-way left beside it (a decryption's
    would be in clear): the scratch files of processes that are no longer running."""
    removed = []
    for scratch in target.parent.glob(f".{target.name}.*.partial"):
        pid_text = scratch.name.removeprefix(f".{target.name}.").removesuffix(".partial")
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        try:
            scratch.unlink()
            removed.append(scratch)
        except OSError as exc:
            log.warning("could not remove %s: %s", scratch, exc)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's: running, as far as we can tell
    return True


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _source(path: Path, key: str | None) -> Any:
    conn = sqlcipher.connect(str(path), isolation_level=None, timeout=5.0)
    if key is not None:
        key_connection(conn, key)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def verify(path: Path, key: str | None) -> None:
    """Check the file at `path`: it opens with `key` (None: in clear), is a visit, and
    passes `integrity_check` (and `cipher_integrity_check` when encrypted)."""
    if key is None:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = connect_encrypted(path, key, read_only=True)
    try:
        check_identity(conn, path)
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        problems = [] if key is None else conn.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        conn.close()
    if result != "ok" or problems:
        raise StorageError(
            _("{path}: the file is damaged ({detail})").format(
                path=path, detail=result if result != "ok" else problems[0][0]
            )
        )


def rewrite(source: Path, old_key: str | None, target: Path, new_key: str | None) -> None:
    """Write the visit at `source` (opened with `old_key`; None: in clear) to `target`
    encrypted with `new_key` (None: in clear). `target` may be `source` itself: it is
    replaced whole, or not at all."""
    remove_stale_scratches(target)
    scratch = scratch_beside(target)
    scratch.unlink(missing_ok=True)
    try:
        create_private_file(scratch)
    except OSError as exc:
        raise StorageError(
            _("{path}: cannot create the file ({detail})").format(path=scratch, detail=exc.strerror)
        ) from exc
    try:
        conn = _source(source, old_key)
        try:
            conn.execute("ATTACH DATABASE ? AS rewritten KEY ?", (str(scratch), new_key or ""))
            conn.execute("BEGIN IMMEDIATE")  # no other program writes meanwhile
            before = int(conn.execute("PRAGMA data_version").fetchone()[0])
            user_version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            application_id = int(conn.execute("PRAGMA main.application_id").fetchone()[0])
            conn.execute("SELECT sqlcipher_export('rewritten')").fetchall()
            conn.execute(f"PRAGMA rewritten.user_version = {user_version}")
            conn.execute(f"PRAGMA rewritten.application_id = {application_id}")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE rewritten")
            # Hold the source's write lock again while the new file is checked and renamed.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # Another program's commit between the two locks changes data_version.
            if int(conn.execute("PRAGMA data_version").fetchone()[0]) != before:
                raise StorageError(
                    _("{path}: changed by another program meanwhile; try again").format(path=source)
                )
            _fsync(scratch)
            verify(scratch, new_key)
            scratch.replace(target)
            _fsync_folder(target.parent)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except BaseException as exc:
        scratch.unlink(missing_ok=True)
        if isinstance(exc, DATABASE_ERRORS):
            raise translate_error(exc, source) from exc
        raise
    log.info("rewrote %s to %s (%s)", source, target, "encrypted" if new_key else "in clear")
