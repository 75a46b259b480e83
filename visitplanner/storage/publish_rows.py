"""Rows of what CalDAV servers hold of the published calendars (`PublishedResource`).

Written outside the journal: the state of a server is not an edit of the visit, and
undoing it would only make the next publish send everything again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from visitplanner.domain.model import PublishedResource
from visitplanner.storage.rows import time_from_db, time_to_db


def load_published(
    conn: sqlite3.Connection, collections: Iterable[str] | None = None
) -> dict[tuple[str, str], PublishedResource]:
    """What the server holds, by (collection URL, resource name): every collection, or
    only those named."""
    query = "SELECT collection, resource, etag, digest, sent_utc FROM calendar_published"
    wanted = None if collections is None else set(collections)
    found = {}
    for collection, resource, etag, digest, sent in conn.execute(
        query + " ORDER BY collection, resource"
    ):
        if wanted is None or collection in wanted:
            found[(collection, resource)] = PublishedResource(
                collection, resource, etag, digest, time_from_db(sent, "UTC")
            )
    return found


def save_published(conn: sqlite3.Connection, resources: Iterable[PublishedResource]) -> None:
    """Insert or replace what the server holds of these resources."""
    conn.executemany(
        "INSERT INTO calendar_published (collection, resource, etag, digest, sent_utc) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(collection, resource) DO UPDATE SET "
        "etag = excluded.etag, digest = excluded.digest, sent_utc = excluded.sent_utc",
        [(r.collection, r.resource, r.etag, r.digest, time_to_db(r.sent)[0]) for r in resources],
    )


def forget_collection(conn: sqlite3.Connection, collection: str) -> None:
    """Forget everything a collection held (the server lost it: it is made again)."""
    conn.execute("DELETE FROM calendar_published WHERE collection = ?", (collection,))
