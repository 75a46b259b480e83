"""The sync server's officers: who may connect, with which token, to which visits.

A token is 32 random bytes (URL-safe base64, 43 characters), shown once when the officer
is added and never stored: the database keeps HMAC-SHA256(server secret, token). Why an
HMAC rather than a slow salted hash: a slow hash protects guessable secrets (passwords);
a token of 256 random bits cannot be guessed, slow or fast, so slowness would only cost
time on every connection (and hand whoever sends wrong tokens a way to burn the
server's CPU). The HMAC's key is a random secret kept inside the encrypted database, so
even the hashes are useless without the server's passphrase. A token is looked up by its
HMAC: timing the lookup tells an attacker nothing, since he cannot compute the HMAC of a
token he tries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from visitplanner.domain.errors import InputError, NotFoundError
from visitplanner.i18n import _
from visitplanner.sync.store import ServerDatabase

#: Random bytes in a token.
TOKEN_BYTES: Final = 32
#: The longest officer's name.
NAME_LENGTH: Final = 100


@dataclass(frozen=True)
class Officer:
    """An officer the server knows: the visits allowed (none listed: every visit)."""

    name: str
    visits: tuple[str, ...]
    added: datetime
    revoked: datetime | None = None

    @property
    def active(self) -> bool:
        """Whether the officer may still connect."""
        return self.revoked is None

    def may_join(self, visit: str) -> bool:
        """Whether the officer may join the room of `visit` (a UUID)."""
        return self.active and (not self.visits or visit in self.visits)


def officer_name(text: str) -> str:
    """An officer's name as given, normalised (NFC, spaces trimmed); InputError if empty,
    too long or holding control characters."""
    name = unicodedata.normalize("NFC", text).strip()
    if not name:
        raise InputError(_("an officer's name cannot be empty"))
    if len(name) > NAME_LENGTH:
        raise InputError(
            _("an officer's name is at most {count} characters").format(count=NAME_LENGTH)
        )
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise InputError(_("an officer's name cannot hold control characters"))
    return name


def visit_id(text: str) -> str:
    """A visit's identifier (its UUID) in its canonical form; InputError if not one."""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError as exc:
        raise InputError(
            _("not a visit's identifier (a UUID): {value}").format(value=text)
        ) from exc


def _secret(conn: sqlite3.Connection) -> bytes:
    row = conn.execute("SELECT hmac_key FROM secret WHERE id = 1").fetchone()
    if row is not None:
        return bytes(row[0])
    key = secrets.token_bytes(32)
    conn.execute("INSERT INTO secret (id, hmac_key) VALUES (1, ?)", (key,))
    return key


def _hash(secret: bytes, token: str) -> bytes:
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).digest()


def _officer(row: Sequence[object]) -> Officer:
    name, visits, added, revoked = row
    return Officer(
        name=str(name),
        visits=tuple(json.loads(str(visits))),
        added=datetime.fromisoformat(str(added)),
        revoked=None if revoked is None else datetime.fromisoformat(str(revoked)),
    )


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def add_officer(database: ServerDatabase, name: str, visits: Iterable[str] = ()) -> str:
    """Add the officer `name`, allowed on `visits` (none: every visit), and return the
    new token (shown once; only its HMAC is kept). A revoked officer of that name is
    replaced; an active one is an InputError."""
    name = officer_name(name)
    allowed = sorted({visit_id(visit) for visit in visits})
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with database.locked() as conn, conn:
        row = conn.execute("SELECT revoked FROM officers WHERE name = ?", (name,)).fetchone()
        if row is not None and row[0] is None:
            raise InputError(
                _("{name} is an officer already (revoke the old token first)").format(name=name)
            )
        conn.execute(
            "INSERT OR REPLACE INTO officers (name, token_hash, visits, added, revoked) "
            "VALUES (?, ?, ?, ?, NULL)",
            (name, _hash(_secret(conn), token), json.dumps(allowed), _now()),
        )
    return token


def revoke_officer(database: ServerDatabase, name: str) -> Officer:
    """Revoke the token of the officer `name`; NotFoundError if there is none (revoking
    twice keeps the first time)."""
    name = officer_name(name)
    with database.locked() as conn, conn:
        conn.execute(
            "UPDATE officers SET revoked = ? WHERE name = ? AND revoked IS NULL", (_now(), name)
        )
        row = conn.execute(
            "SELECT name, visits, added, revoked FROM officers WHERE name = ?", (name,)
        ).fetchone()
    if row is None:
        raise NotFoundError(_("no officer named {name} on this server").format(name=name))
    return _officer(row)


def list_officers(database: ServerDatabase) -> list[Officer]:
    """Every officer, active or revoked, by name."""
    with database.locked() as conn:
        rows = conn.execute(
            "SELECT name, visits, added, revoked FROM officers ORDER BY name"
        ).fetchall()
    return [_officer(row) for row in rows]


def officer_of_token(database: ServerDatabase, token: str) -> Officer | None:
    """The officer whose token this is (revoked ones included), or None."""
    if not token or len(token) > 200:
        return None
    with database.locked() as conn:
        row = conn.execute("SELECT hmac_key FROM secret WHERE id = 1").fetchone()
        if row is None:
            return None
        found = conn.execute(
            "SELECT name, visits, added, revoked FROM officers WHERE token_hash = ?",
            (_hash(bytes(row[0]), token),),
        ).fetchone()
    return None if found is None else _officer(found)
