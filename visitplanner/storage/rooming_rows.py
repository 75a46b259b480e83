"""The rooming lists sent to hotels: each kept with its rows, so that the next list
marks what changed since (domain/rooming_list.py)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from visitplanner.domain.rooming_list import RoomingRow, SentList
from visitplanner.domain.values import zone


def load_sent(conn: sqlite3.Connection) -> list[SentList]:
    """Every list sent, by hotel then number."""
    found = []
    for hotel_id, number, sent_utc, rows in conn.execute(
        "SELECT hotel_id, number, sent_utc, rows FROM rooming_sent ORDER BY hotel_id, number"
    ):
        found.append(
            SentList(
                hotel_id=hotel_id,
                number=number,
                sent=datetime.fromisoformat(sent_utc).astimezone(zone("UTC")),
                rows=tuple(RoomingRow.from_json(r) for r in json.loads(rows)),
            )
        )
    return found


def save_sent(conn: sqlite3.Connection, sent: SentList) -> None:
    """Remember a list sent."""
    conn.execute(
        "INSERT INTO rooming_sent (hotel_id, number, sent_utc, rows) VALUES (?, ?, ?, ?)",
        (
            sent.hotel_id,
            sent.number,
            sent.sent.astimezone(zone("UTC")).isoformat(),
            json.dumps([r.to_json() for r in sent.rows], ensure_ascii=False),
        ),
    )
