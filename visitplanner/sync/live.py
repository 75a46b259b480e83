"""A replica's live link to its room: a `Connection` run on a thread of its own, for a
program (the window) whose replica lives on another thread.

The link keeps a "wire" document, a copy of the replica's, used only on the link's
thread: the Connection keeps it in step with the room. The replica's own updates
(`Replica.hand_over`) are handed to the link (`push`) and applied to the wire document,
marked as local so that they are not handed back; the Connection sends them at once, or
on reconnection. Whatever comes from the server into the wire document is handed to
`on_remote`, for the replica to take in (`Replica.receive`). After local updates, and
after each (re)connection, the link asks the server to confirm that it holds everything
(`Connection.confirm`); `on_confirmed(n)` then says that the first `n` updates pushed
are on the server, so the replica may acknowledge them.

Every callback runs on the link's thread: a window turns them into queued signals.
Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Final

import anyio
from anyio.abc import TaskGroup
from anyio.from_thread import BlockingPortal, start_blocking_portal
from pycrdt import Doc, TransactionEvent

from visitplanner.sync.client import Connection, StatusCallback
from visitplanner.sync.link_status import ConnectionStatus, LinkState

log = logging.getLogger(__name__)

#: Seconds between attempts after a failure, the last repeated (the Connection's).
RETRY_SECONDS: Final = (1.0, 2.0, 5.0, 10.0, 30.0)
#: Seconds between two looks at who else is connected.
PEERS_EVERY: Final = 5.0


class LiveLink:
    """One shared visit kept linked to its room from a thread of its own.

    link = LiveLink(url, room, token, state, on_remote=..., on_status=...,
                    on_confirmed=...)
    link.start()
    link.push(update)   # each update the replica made, in order
    ...
    link.stop()         # the thread ends; nothing is lost (the file keeps it)
    """

    def __init__(
        self,
        url: str,
        room: str,
        token: str,
        state: bytes,
        *,
        on_remote: Callable[[bytes], None],
        on_status: StatusCallback,
        on_confirmed: Callable[[int], None],
        retry_seconds: tuple[float, ...] = RETRY_SECONDS,
        peers_every: float = PEERS_EVERY,
    ) -> None:
        self.url = url
        self.room = room
        self._token = token
        self._state = state
        self._on_remote = on_remote
        self._on_status = on_status
        self._on_confirmed = on_confirmed
        self._retry_seconds = retry_seconds
        self._peers_every = peers_every
        self._portal_cm: AbstractContextManager[BlockingPortal] | None = None
        self._portal: BlockingPortal | None = None
        self._lock = threading.Lock()
        # Used on the link's thread only, from here on.
        self._doc: Doc[Any] | None = None
        self._connection: Connection | None = None
        self._group: TaskGroup | None = None
        self._local = False
        self._state_seen = LinkState.OFFLINE
        self._pushed = 0
        self._wanted: anyio.Event | None = None
        self._stopped: anyio.Event | None = None

    @property
    def running(self) -> bool:
        """Whether the link's thread runs."""
        return self._portal is not None

    # -- from the program's thread ------------------------------------------------------

    def start(self) -> None:
        """Start the link's thread and connect (it keeps trying until `stop`)."""
        with self._lock:
            if self._portal is not None:
                return
            self._portal_cm = start_blocking_portal()
            self._portal = self._portal_cm.__enter__()
            self._portal.call(self._prepare)
            self._portal.start_task_soon(self._run)

    def push(self, update: bytes) -> int:
        """Hand an update made by the replica to the link (sent at once when online,
        on reconnection otherwise); how many updates were pushed so far."""
        portal = self._portal
        if portal is None or not update:
            return self._pushed
        return portal.call(self._apply_local, update)

    def confirm(self) -> None:
        """Ask the server again to confirm it holds everything pushed (or, offline,
        try to connect again now)."""
        portal = self._portal
        if portal is not None:
            portal.call(self._want, True)

    def stop(self) -> None:
        """Close the link and end its thread (updates not sent yet stay in the visit
        file, and go on the next sync)."""
        with self._lock:
            portal, cm = self._portal, self._portal_cm
            self._portal = self._portal_cm = None
        if portal is None or cm is None:
            return
        try:
            portal.call(self._finish)
        finally:
            cm.__exit__(None, None, None)

    # -- on the link's thread -----------------------------------------------------------

    def _prepare(self) -> None:
        doc: Doc[Any] = Doc()
        doc.apply_update(self._state)
        doc.observe(self._observed)
        self._doc = doc
        self._wanted = anyio.Event()
        self._stopped = anyio.Event()

    def _observed(self, event: TransactionEvent) -> None:
        if self._local:
            return
        update = event.update
        if update and update != b"\x00\x00":
            self._on_remote(update)

    def _apply_local(self, update: bytes) -> int:
        assert self._doc is not None
        self._local = True
        try:
            self._doc.apply_update(update)
        finally:
            self._local = False
        self._pushed += 1
        self._want()
        return self._pushed

    def _want(self, retry: bool = False) -> None:
        if retry and self._connection is not None:
            self._connection.retry_now()
        if self._wanted is not None:
            self._wanted.set()

    def _status(self, status: ConnectionStatus) -> None:
        if status.state is LinkState.ONLINE and self._state_seen is not LinkState.ONLINE:
            self._want()  # (re)connected: what waited went out; have it confirmed
        self._state_seen = status.state
        self._on_status(status)

    def _finish(self) -> None:
        if self._connection is not None:
            self._connection.stop()
        if self._group is not None:
            self._group.cancel_scope.cancel()

    async def _run(self) -> None:
        assert self._doc is not None
        connection = Connection(
            self._doc,
            self.url,
            self.room,
            self._token,
            on_status=self._status,
            retry_seconds=self._retry_seconds,
            peers_every=self._peers_every,
        )
        self._connection = connection
        try:
            async with anyio.create_task_group() as group:
                self._group = group
                connection.start(group)
                group.start_soon(self._confirming, connection)
        finally:
            self._group = None

    async def _confirming(self, connection: Connection) -> None:
        """Each time it is wanted, ask the server to confirm it holds what was pushed."""
        while True:
            assert self._wanted is not None
            await self._wanted.wait()
            self._wanted = anyio.Event()
            if connection.status.state is not LinkState.ONLINE:
                continue  # asked again on reconnection
            pushed = self._pushed
            if await connection.confirm():
                self._on_confirmed(pushed)
