"""The sync server's data in DIR: one SQLCipher database holding its officers and the
Yjs updates of every room (visit), encrypted at rest with the server's passphrase.

Why SQLCipher rather than each update sealed with a server key: the application already
opens SQLCipher files (`storage.keys`, `storage.database`), so the server's data is made
and opened the way an encrypted visit is (PBKDF2-HMAC-SHA512 from the passphrase and the
file's salt, pages encrypted with AES-256 and authenticated with HMAC); not only the
updates but the room names (the visits' UUIDs), the officers' names, their token hashes
and the server's secret are encrypted, and so are the WAL and the journal. Sealing each
update would have left the rest in clear and added a second key format to keep.

The server's passphrase comes from a file or the VISITPLANNER_SERVER_PASSPHRASE variable,
never from the command line; the server holds the derived key in memory while it runs.

`ServerDatabase` is the open database (one connection, used from one thread at a time
behind a lock: the asynchronous server calls it through worker threads);
`EncryptedYStore` is pycrdt-store's `BaseYStore` over it, one per room.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from logging import Logger
from pathlib import Path
from typing import Final, cast

import anyio.to_thread
from pycrdt import merge_updates
from pycrdt.store import BaseYStore, YDocNotFound
from sqlcipher3 import dbapi2 as sqlcipher

from visitplanner.domain.errors import InputError, StorageError, WrongPassphraseError
from visitplanner.i18n import _
from visitplanner.storage import keys
from visitplanner.storage.database import (
    DATABASE_ERRORS,
    create_private_file,
    key_connection,
    salt_of,
)

log = logging.getLogger(__name__)

#: The file of the server's data in DIR.
DATABASE_NAME: Final = "server.db"
#: Where scripts and service managers give the server's passphrase (else a file).
PASSPHRASE_VARIABLE: Final = "VISITPLANNER_SERVER_PASSPHRASE"
#: "VPsv": tells the server's database from a visit file and from other SQLite files.
APPLICATION_ID: Final = 0x56507376
SCHEMA_VERSION: Final = 1
#: A room loaded with more stored updates than this has them merged into one first.
COMPACT_ABOVE: Final = 500

_SCHEMA: Final = (
    "CREATE TABLE secret (id INTEGER PRIMARY KEY CHECK (id = 1), hmac_key BLOB NOT NULL)",
    "CREATE TABLE officers (name TEXT PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE, "
    "visits TEXT NOT NULL, added TEXT NOT NULL, revoked TEXT)",
    "CREATE TABLE updates (id INTEGER PRIMARY KEY, room TEXT NOT NULL, "
    "yupdate BLOB NOT NULL, metadata BLOB NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX updates_by_room ON updates (room, id)",
)


def _connect(path: Path, key: str) -> sqlite3.Connection:
    """A connection to the server's database, keyed; WrongPassphraseError if the key does
    not open it. Unlike a visit's, its journal stays in WAL mode: `officers add` can
    write while the server runs (switching the mode would need the file to itself)."""
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=5.0)
    try:
        key_connection(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise WrongPassphraseError(
                _("{path}: wrong passphrase for the server's data").format(path=path)
            ) from exc
        raise
    return cast(sqlite3.Connection, conn)


def database_path(folder: Path) -> Path:
    """Where the server's database is in `folder`."""
    return folder / DATABASE_NAME


class ServerDatabase:
    """The server's open, encrypted database: officers, its secret, rooms' updates."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def open(cls, folder: Path, passphrase: str, *, create: bool = False) -> ServerDatabase:
        """Open the server's database in `folder` with `passphrase`; with `create`, make
        the folder (0700) and the database (0600) when they are missing."""
        path = database_path(folder)
        if not path.exists():
            if not create:
                if not folder.is_dir():
                    raise InputError(_("{path}: no such folder").format(path=folder))
                raise InputError(
                    _(
                        "{path}: no sync server's data here; add an officer first "
                        "(visitplanner officers --data {path} add NAME)"
                    ).format(path=folder)
                )
            return cls._create(folder, path, passphrase)
        if not passphrase:
            raise InputError(_("the passphrase is empty"))
        key = keys.raw_key(passphrase, salt_of(path))
        try:
            conn = _connect(path, key)
        except DATABASE_ERRORS as exc:
            raise StorageError(
                _("{path}: cannot open the server's data ({detail})").format(path=path, detail=exc)
            ) from exc
        application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if application_id != APPLICATION_ID:
            conn.close()
            raise InputError(_("{path}: not a sync server's data").format(path=path))
        return cls._ready(conn, path)

    @classmethod
    def _create(cls, folder: Path, path: Path, passphrase: str) -> ServerDatabase:
        if not passphrase:
            raise InputError(_("the passphrase is empty"))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        create_private_file(path)
        try:
            conn = _connect(path, keys.raw_key(passphrase, keys.new_salt()))
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            with conn:
                for statement in _SCHEMA:
                    conn.execute(statement)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return cls._ready(conn, path)

    @classmethod
    def _ready(cls, conn: sqlite3.Connection, path: Path) -> ServerDatabase:
        # WAL: `officers add` may write while the server reads (both encrypted alike).
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        return cls(conn, path)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.conn.close()

    @contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, for one thread at a time; an error of the disk becomes a
        StorageError."""
        with self._lock:
            try:
                yield self.conn
            except DATABASE_ERRORS as exc:
                raise StorageError(
                    _("{path}: storage error ({detail})").format(path=self.path, detail=exc)
                ) from exc

    # The rooms' updates.

    def append(self, room: str, update: bytes, metadata: bytes = b"") -> None:
        """Store one update of `room` (committed, on disk, when this returns)."""
        with self.locked() as conn, conn:
            conn.execute(
                "INSERT INTO updates (room, yupdate, metadata, at) VALUES (?, ?, ?, ?)",
                (room, update, metadata, time.time()),
            )

    def updates(self, room: str) -> list[tuple[bytes, bytes, float]]:
        """The updates stored for `room`, oldest first: (update, metadata, time)."""
        with self.locked() as conn:
            rows = conn.execute(
                "SELECT yupdate, metadata, at FROM updates WHERE room = ? ORDER BY id", (room,)
            ).fetchall()
        return [(bytes(update), bytes(metadata), float(at)) for update, metadata, at in rows]

    def compact(self, room: str) -> int:
        """Merge the stored updates of `room` into one when there are many; return how
        many rows it has now."""
        with self.locked() as conn, conn:
            rows = conn.execute(
                "SELECT id, yupdate FROM updates WHERE room = ? ORDER BY id", (room,)
            ).fetchall()
            if len(rows) <= COMPACT_ABOVE:
                return len(rows)
            merged = merge_updates(*(bytes(update) for _id, update in rows))
            last = rows[-1][0]
            conn.execute("DELETE FROM updates WHERE room = ? AND id <= ?", (room, last))
            conn.execute(
                "INSERT INTO updates (room, yupdate, metadata, at) VALUES (?, ?, ?, ?)",
                (room, merged, b"", time.time()),
            )
        log.info("merged %d stored updates of a room into one", len(rows))
        return 1

    def rooms(self) -> list[str]:
        """The rooms that have updates stored."""
        with self.locked() as conn:
            return [row[0] for row in conn.execute("SELECT DISTINCT room FROM updates")]


class EncryptedYStore(BaseYStore):
    """pycrdt-store's store of one room's updates, in the server's encrypted database.

    `write` returns once the update is committed: the server writes each update a
    client sends before applying it, so what the server has answered for is on disk."""

    def __init__(
        self,
        path: str,
        metadata_callback: Callable[[], Awaitable[bytes] | bytes] | None = None,
        log: Logger | None = None,
        *,
        database: ServerDatabase,
    ) -> None:
        self.path = path
        self.metadata_callback = metadata_callback
        self.log = log or logging.getLogger(__name__)
        self.database = database

    async def write(self, data: bytes) -> None:
        """Store an update of this room."""
        metadata = await self.get_metadata()
        await anyio.to_thread.run_sync(self.database.append, self.path, data, metadata)

    async def read(self) -> AsyncIterator[tuple[bytes, bytes, float]]:
        """The room's updates, oldest first; YDocNotFound when it has none."""
        await anyio.to_thread.run_sync(self.database.compact, self.path)
        rows = await anyio.to_thread.run_sync(self.database.updates, self.path)
        if not rows:
            raise YDocNotFound
        for row in rows:
            yield row
