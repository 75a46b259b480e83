"""Open, create and check visit files.

A visit file is an SQLite database with its own application id, a rollback
journal (so the `.visit` file alone holds every committed edit, and a copy taken
while the application runs is complete) and `synchronous=FULL` (so a committed
edit survives a power cut). A file that is not a visit is recognised from its
header before SQLite opens it, and is never modified.

A visit may be encrypted with SQLCipher 4 (`storage.keys`): such a file has no
plaintext header, so one that is not an SQLite file in clear but has the size of one
is taken for an encrypted visit; it is opened through `sqlcipher3` with its key, and
its application identity and schema version are checked once the key has opened it.
A plain visit opens through Python's `sqlite3` as it always did.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, cast

from sqlcipher3 import dbapi2 as sqlcipher
from sqlite_utils import Database

from visitplanner.domain.errors import (
    EncryptedVisitError,
    NewerFileError,
    NotAVisitFileError,
    StorageError,
    WrongPassphraseError,
)
from visitplanner.i18n import _
from visitplanner.storage import keys
from visitplanner.storage.schema import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATIONS,
    SCHEMA_VERSION,
)

log = logging.getLogger(__name__)

#: The extension of visit files.
EXTENSION: Final = ".visit"
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
_HEADER_SIZE: Final = 100

#: SQLite's page cache of an encrypted visit's connection, in KiB (negative: a size).
_ENCRYPTED_CACHE_KIB: Final = -65536

#: The errors of either SQLite: Python's `sqlite3` (plain visits) and SQLCipher's.
DATABASE_ERRORS: Final = (sqlite3.Error, sqlcipher.Error)


def create_private_file(path: Path) -> None:
    """Create `path` empty and readable by its owner only (0600 on POSIX).

    Raises FileExistsError when it exists. On Windows the file takes the
    permissions of the user's profile folder.
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def read_header(path: Path) -> tuple[int, int]:
    """Check that `path` looks like a visit file; return (user_version, application_id).

    Reads only the 100-byte header: a foreign file is refused before SQLite
    touches it.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except FileNotFoundError as exc:
        raise StorageError(_("{path}: no such file").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise StorageError(_("{path}: is a folder, not a visit file").format(path=path)) from exc
    except PermissionError as exc:
        raise StorageError(_("{path}: permission denied").format(path=path)) from exc
    if not header.startswith(_SQLITE_MAGIC):
        if looks_encrypted(path):
            raise EncryptedVisitError(_encrypted_message(path))
        raise NotAVisitFileError(
            _("{path}: not a VisitPlanner visit file (not an SQLite database)").format(path=path)
        )
    if len(header) < _HEADER_SIZE:
        raise NotAVisitFileError(_("{path}: the file is truncated").format(path=path))
    user_version, application_id = struct.unpack(">i4xi", header[60:72])
    if application_id != APPLICATION_ID:
        raise NotAVisitFileError(
            _("{path}: an SQLite database of another application, not a visit file").format(
                path=path
            )
        )
    if user_version > SCHEMA_VERSION:
        raise NewerFileError(_newer_message(path, user_version))
    return user_version, application_id


def _encrypted_message(path: Path) -> str:
    return _(
        "{path}: this visit is encrypted (or not an SQLite database): give its passphrase"
    ).format(path=path)


def _wrong_message(path: Path) -> str:
    return _("{path}: wrong passphrase (or not an encrypted visit file)").format(path=path)


def looks_encrypted(path: Path) -> bool:
    """Whether `path` may be an encrypted visit: not an SQLite file in clear, but whole
    pages of one (random bytes look the same: only the passphrase tells them apart)."""
    return keys.salt_if_encrypted(path) is not None


def salt_of(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(keys.SALT_SIZE)


def _in_transaction(conn: sqlite3.Connection) -> bool:
    """Whether a transaction is open (asked anew each time: a write may have ended it)."""
    return conn.in_transaction


def is_visit_file(path: Path) -> bool:
    """Whether `path` (followed through links) holds a VisitPlanner visit, a backup included,
    as its header says; False for anything unreadable or foreign."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except OSError:
        return False
    if not header.startswith(_SQLITE_MAGIC):
        # An encrypted visit has no header in clear: its name and shape tell it.
        return path.suffix == EXTENSION and looks_encrypted(path)
    if len(header) < _HEADER_SIZE:
        return False
    return bool(struct.unpack(">i", header[68:72])[0] == APPLICATION_ID)


def _newer_message(path: Path, version: int) -> str:
    return _(
        "{path}: written by a newer version of VisitPlanner (schema {found}; "
        "this version reads up to {known}); update VisitPlanner to open it"
    ).format(path=path, found=version, known=SCHEMA_VERSION)


def key_connection(conn: Any, key: str) -> None:
    """Give SQLCipher the key of the database (SQLCipher says nothing on standard error)."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f'PRAGMA key = "{key}"')  # x'hex': hexadecimal only, never a passphrase


def connect_encrypted(path: Path, key: str, read_only: bool = False) -> sqlite3.Connection:
    """A connection through SQLCipher to the encrypted file at `path`, keyed with `key`
    (`storage.keys.raw_key`); a new file is created encrypted with it. The key is
    tried at once: a wrong one is a WrongPassphraseError, never "damaged"."""
    if read_only:
        conn = sqlcipher.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=5.0
        )
    else:
        conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=5.0)
    try:
        key_connection(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise WrongPassphraseError(_wrong_message(path)) from exc
        raise
    conn.execute("PRAGMA foreign_keys = ON")
    # Pages are decrypted as they enter SQLite's cache: one large enough for a summit
    # keeps the integrity check's pages for the reading that follows.
    conn.execute(f"PRAGMA cache_size = {_ENCRYPTED_CACHE_KIB}")
    if not read_only:
        conn.execute("PRAGMA journal_mode = DELETE")  # the journal is encrypted too
        conn.execute("PRAGMA synchronous = FULL")
    return cast(sqlite3.Connection, conn)


def known_key(path: Path) -> str | None:
    """The key of the encrypted file at `path` if this process knows it already: from
    the passphrase given for it, or one derived for its salt that opens it."""
    salt = salt_of(path)
    given = keys.known_passphrase(path)
    if given is not None:
        return keys.raw_key(given, salt)
    kept = keys.given_key(path)
    if kept is not None:
        if _key_opens(path, kept):
            return kept
        keys.forget_key(path)  # the file was re-keyed since the key was kept
    for key in keys.keys_for_salt(salt):
        if _key_opens(path, key):
            return key
    return None


def key_of(path: Path) -> str:
    """The key that opens the encrypted file at `path`: one already derived for its salt
    (a backup of an open visit), else from its passphrase (given, else asked)."""
    known = known_key(path)
    if known is not None:
        return known
    asked = keys.ask(path)
    if asked is None:
        raise EncryptedVisitError(_encrypted_message(path))
    key = keys.raw_key(asked, salt_of(path))
    if not _key_opens(path, key):
        raise WrongPassphraseError(_wrong_message(path))
    keys.remember(path, asked)  # the other connections to it (worker, backup) need it too
    return key


def _key_opens(path: Path, key: str) -> bool:
    try:
        connect_encrypted(path, key, read_only=True).close()
    except WrongPassphraseError:
        return False
    return True


def check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """The checks of `read_header`, on an encrypted file once its key has opened it."""
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application_id != APPLICATION_ID:
        raise NotAVisitFileError(
            _("{path}: an SQLite database of another application, not a visit file").format(
                path=path
            )
        )
    user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if user_version > SCHEMA_VERSION:
        raise NewerFileError(_newer_message(path, user_version))


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5.0)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
    conn.execute("PRAGMA foreign_keys = ON")
    # A rollback journal keeps every committed edit in the .visit file itself.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def translate_error(exc: BaseException, path: Path) -> StorageError:
    """Turn an error the environment caused into a StorageError with a clear message."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        message = _("{path}: the file is in use by another program; try again").format(path=path)
    elif "readonly" in text or "read-only" in text:
        message = _("{path}: the file is read-only; changes cannot be saved").format(path=path)
    elif "disk is full" in text:
        message = _("{path}: the disk is full; the last change was not saved").format(path=path)
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = _("{path}: the file is damaged ({detail})").format(path=path, detail=exc)
    elif "unable to open" in text:
        message = _("{path}: cannot open the file ({detail})").format(path=path, detail=exc)
    else:
        message = _("{path}: storage error ({detail})").format(path=path, detail=exc)
    return StorageError(message)


def _memory_like(conn: sqlite3.Connection, key: str | None) -> sqlite3.Connection:
    """An empty database in memory that the backup API can copy `conn` into (keyed as
    it is, for an encrypted visit: SQLCipher copies only between equal keys)."""
    if key is None:
        return sqlite3.connect(":memory:", check_same_thread=False)
    memory = sqlcipher.connect(":memory:", check_same_thread=False)
    key_connection(memory, key)
    return cast(sqlite3.Connection, memory)


class VisitDatabase:
    """An open visit file: a sqlite-utils Database with the visit's pragmas set."""

    def __init__(
        self, db: Database, path: Path | None, read_only: bool = False, key: str | None = None
    ) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        #: The SQLCipher key of an encrypted visit (None: a plain one), for its backups.
        self.key = key

    @property
    def encrypted(self) -> bool:
        """Whether the visit file is encrypted."""
        return self.key is not None

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying SQLite connection."""
        return self.db.conn

    @classmethod
    def create(
        cls, path: Path, passphrase: str | None = None, key: str | None = None
    ) -> VisitDatabase:
        """Create a new, empty visit file at `path` (0600 on POSIX) with the current schema,
        encrypted with `passphrase` when one is given, or with the raw `key` of another
        visit file (its salt and key: a past version of an encrypted visit)."""
        try:
            create_private_file(path)
        except FileExistsError as exc:
            raise StorageError(_("{path}: the file already exists").format(path=path)) from exc
        except OSError as exc:
            raise StorageError(
                _("{path}: cannot create the file ({detail})").format(
                    path=path, detail=exc.strerror
                )
            ) from exc
        if passphrase is not None:
            key = keys.raw_key(passphrase, keys.new_salt())
        try:
            conn = _connect(path) if key is None else connect_encrypted(path, key)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            visit_db = cls(Database(conn), path, key=key)
            visit_db.migrate()
        except DATABASE_ERRORS as exc:
            path.unlink(missing_ok=True)
            raise translate_error(exc, path) from exc
        return visit_db

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> VisitDatabase:
        """Open an existing visit file, check it and bring its schema up to date.

        Read-only (another copy of the application has it open): nothing is
        written, and a file that needs migrating is refused.
        """
        key = cls._key_or_header(path)
        try:
            if key is None:
                conn = _connect(path, read_only)
            else:
                conn = connect_encrypted(path, key, read_only)
                cls._identify(conn, path)
            visit_db = cls(Database(conn), path, read_only, key)
            visit_db.check()
            if not read_only:
                visit_db.migrate()
            elif MIGRATIONS.pending(visit_db.db):
                conn.close()
                raise StorageError(
                    _(
                        "{path}: written by an older version; open it for editing once to update it"
                    ).format(path=path)
                )
        except DATABASE_ERRORS as exc:
            raise translate_error(exc, path) from exc
        return visit_db

    @staticmethod
    def _key_or_header(path: Path) -> str | None:
        """None for a plain visit (its header checked), else the key of the encrypted one."""
        if looks_encrypted(path):
            return key_of(path)
        read_header(path)
        return None

    @staticmethod
    def _identify(conn: sqlite3.Connection, path: Path) -> None:
        try:
            check_identity(conn, path)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def open_for_reading(cls, path: Path) -> VisitDatabase:
        """Open a visit file only to read it: not one byte of the file changes.

        The file is opened with SQLite's `mode=ro`: no migration, no pragma that
        writes, no journal left beside it. A file from an older VisitPlanner (its
        migrations pending) is copied into memory with SQLite's backup API and the
        copy is migrated, never the file. Either way the database refuses writes
        (`query_only`), as a read-only file would.
        """
        key = cls._key_or_header(path)
        conn: sqlite3.Connection | None = None
        try:
            if key is None:
                conn = _connect(path, read_only=True)
            else:
                conn = connect_encrypted(path, key, read_only=True)
                cls._identify(conn, path)
            visit_db = cls(Database(conn), path, read_only=True, key=key)
            visit_db.check()
            if MIGRATIONS.pending(visit_db.db) or visit_db.schema_version() != SCHEMA_VERSION:
                memory = _memory_like(conn, key)
                try:
                    conn.backup(memory)
                finally:
                    conn.close()
                    conn = memory
                memory.execute("PRAGMA foreign_keys = ON")
                visit_db = cls(Database(memory), path, read_only=True, key=key)
                visit_db.migrate()
                log.info("%s is of an older schema: read through a migrated copy", path)
            conn.execute("PRAGMA query_only = ON")
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, DATABASE_ERRORS):
                raise translate_error(exc, path) from exc
            raise
        return visit_db

    @classmethod
    def in_memory(cls) -> VisitDatabase:
        """A visit database in memory, for tests and scratch work."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        visit_db = cls(Database(conn), None)
        visit_db.migrate()
        return visit_db

    def check(self) -> None:
        """Check the file's integrity and that it holds a visit schema we know."""
        where = self.path or ":memory:"
        result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StorageError(
                _("{path}: the file is damaged ({detail})").format(path=where, detail=result)
            )
        applied = [m.name for m in MIGRATIONS.applied(self.db)]
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            raise NewerFileError(_newer_message(Path(where), len(applied)))

    def migrate(self) -> None:
        """Apply pending migrations, each in its own transaction (no write when none is)."""
        if not MIGRATIONS.pending(self.db) and self.schema_version() == SCHEMA_VERSION:
            return
        MIGRATIONS.apply(self.db)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One service call's writes: all committed together, or none."""
        try:
            with self.db.atomic():
                yield
        except DATABASE_ERRORS as exc:
            raise translate_error(exc, self.path or Path(":memory:")) from exc

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One operation's writes, under the file's write lock, committed together or not at all.

        `BEGIN IMMEDIATE` takes SQLite's write lock before anything is read, so that the
        revisions an operation checks cannot change before it commits; another program
        writing the file is waited for (up to the connection's busy timeout).
        """
        where = self.path or Path(":memory:")
        if self.read_only:
            raise StorageError(
                _("{path}: the visit is open read-only; it cannot be changed").format(path=where)
            )
        if _in_transaction(self.conn):
            # Inside `exclusive()`: the lock is held already; this step is a savepoint,
            # undone alone if it fails.
            try:
                with self.db.atomic():
                    yield
            except DATABASE_ERRORS as exc:
                raise translate_error(exc, where) from exc
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if _in_transaction(self.conn):
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except DATABASE_ERRORS as exc:
            if _in_transaction(self.conn):
                self.conn.execute("ROLLBACK")
            raise translate_error(exc, where) from exc

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file."""
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except DATABASE_ERRORS as exc:
            raise translate_error(exc, self.path or Path(":memory:")) from exc

    def close(self) -> None:
        """Close the connection (the file holds every committed edit already)."""
        self.db.close()
