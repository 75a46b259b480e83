"""Where a live link to the sync server stands, as the window shows it: light to import
(the window reads it without loading the network's libraries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class LinkState(StrEnum):
    """Where a connection stands, as the window shows it."""

    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    REFUSED = "refused"


@dataclass(frozen=True)
class ConnectionStatus:
    """What the window shows of a shared visit's link."""

    state: LinkState = LinkState.OFFLINE
    last_sync: datetime | None = None
    peers: tuple[str, ...] = ()
    error: str | None = None
