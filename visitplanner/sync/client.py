"""The client side of the sync: a document exchanged once with its room on a sync server
(`exchange`), or kept linked to it (`Connection`). No Qt: the window runs these on a
thread of its own, the command line with `anyio.run`.

When is an exchange complete? The y-websocket protocol has no acknowledgement, so the
client asks twice. On connecting, it sends its state vector (sync step 1) and the server
sends its own; each answers the other with what the other lacks (sync step 2). Once the
server's step 2 is applied, this document holds everything the server held. Then the
client sends a second step 1: the server handles a connection's messages in order, so
its answer comes after it has applied what this client sent; this package's server
also writes every update to disk before applying it. When that second answer arrives,
both sides hold each other's changes, and the server has stored this side's. A server
that dies before answering loses nothing: the next exchange sends again whatever the
server's state vector shows it lacks.
"""

from __future__ import annotations

import functools
import logging
import math
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Final

import anyio
import httpx
from anyio.abc import TaskGroup
from httpx_ws import (
    AsyncWebSocketSession,
    HTTPXWSException,
    WebSocketDisconnect,
    WebSocketNetworkError,
    WebSocketUpgradeError,
    aconnect_ws,
)
from pycrdt import (
    Doc,
    Provider,
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    read_message,
)
from pycrdt.websocket.websocket import HttpxWebsocket
from wsproto.utilities import LocalProtocolError

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _
from visitplanner.sync.link_status import ConnectionStatus as ConnectionStatus
from visitplanner.sync.link_status import LinkState as LinkState

log = logging.getLogger(__name__)

#: The largest message accepted from the server (a summit's full state is about 1 MB).
MAX_MESSAGE: Final = 64 * 1024 * 1024
#: Seconds an exchange may take by default (a summit's first download included).
DEFAULT_TIMEOUT: Final = 30.0
#: An empty Yjs update: nothing to send.
EMPTY_UPDATE: Final = b"\x00\x00"


class SyncError(VisitPlannerError):
    """A sync that did not complete; every change is kept and goes on the next one."""


class ServerUnreachableError(SyncError):
    """No sync server answered at the address (offline, wrong address, server down)."""


class AccessRefusedError(SyncError):
    """The server refused the token: missing, wrong, revoked, or not invited to the visit."""


class SyncTimeoutError(SyncError):
    """The server did not complete the exchange in time."""


class ConnectionLostError(SyncError):
    """The connection dropped before the exchange completed."""


def http_url(url: str) -> str:
    """The http(s) form of a server's address given as ws(s) or http(s), without its
    trailing slash."""
    base = url.strip().rstrip("/")
    if base.startswith("ws://"):
        return "http://" + base.removeprefix("ws://")
    if base.startswith("wss://"):
        return "https://" + base.removeprefix("wss://")
    return base


def room_url(url: str, room: str) -> str:
    """The address of `room` on the server at `url`."""
    return f"{http_url(url)}/{room}"


@dataclass(frozen=True)
class ExchangeResult:
    """What an exchange moved: the bytes of updates sent and received, its duration."""

    sent: int
    received: int
    seconds: float

    @property
    def changed(self) -> bool:
        """Whether this document received changes from the server."""
        return self.received > 0


def _update_size(message: bytes) -> int:
    """The size of the Yjs update a sync message carries (0: none, or an empty one)."""
    if len(message) < 3 or message[0] != YMessageType.SYNC:
        return 0
    if message[1] == YSyncMessageType.SYNC_STEP1:
        return 0
    update = read_message(message[2:])
    return 0 if update == EMPTY_UPDATE else len(update)


class _WatchedChannel(HttpxWebsocket):
    """The websocket as pycrdt's Provider uses it, counting the server's sync steps 2
    (each is the answer to one of our steps 1) and the bytes of updates both ways."""

    def __init__(self, websocket: Any, path: str) -> None:
        super().__init__(websocket, path)
        self.answers = 0
        self.sent = 0
        self.received = 0
        self.lost: BaseException | None = None
        self._changed = anyio.Event()

    async def recv(self) -> bytes:
        try:
            message = await super().recv()
        except BaseException as exc:
            self.lost = exc
            self._notify()
            raise
        if len(message) > 1 and message[0] == YMessageType.SYNC:
            size = _update_size(message)
            self.received += size
            if message[1] == YSyncMessageType.SYNC_STEP2:
                self.answers += 1
            if size or message[1] == YSyncMessageType.SYNC_STEP2:
                # Whoever waits runs once the Provider has applied the message: it does
                # so before its next await.
                self._notify()
        return message

    async def send(self, message: bytes) -> None:
        self.sent += _update_size(message)
        await super().send(message)

    async def answered(self, count: int) -> None:
        """Wait until the server has answered `count` of our steps 1;
        ConnectionLostError if the connection drops first."""
        while self.answers < count:
            if self.lost is not None:
                raise _lost(self.lost)
            await self.changed()

    def _notify(self) -> None:
        # Every waiter holds the event of its own call: several may wait at once.
        changed, self._changed = self._changed, anyio.Event()
        changed.set()

    async def changed(self) -> None:
        """Wait for the next answer, update received, or the connection's loss."""
        await self._changed.wait()


#: What a send on a dying connection may raise.
_NETWORK_ERRORS: Final = (
    HTTPXWSException,
    LocalProtocolError,
    OSError,
    anyio.BrokenResourceError,
    anyio.ClosedResourceError,
)


def _lost(cause: BaseException) -> SyncError:
    if isinstance(cause, WebSocketDisconnect) and cause.code == 1008:
        return AccessRefusedError(_("the sync server refused the token"))
    return ConnectionLostError(
        _("the connection to the sync server was lost; the changes go on the next sync")
    )


def _leaf(exc: BaseException) -> BaseException:
    """The first error inside nested exception groups (anyio's task groups make them)."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _translated(exc: BaseException, url: str) -> BaseException:
    """An error of a connection to `url` as the officer is told it."""
    exc = _leaf(exc)
    if isinstance(exc, SyncError):
        return exc
    if isinstance(exc, WebSocketUpgradeError):
        status = exc.response.status_code
        if status in (401, 403):
            return AccessRefusedError(
                _(
                    "the sync server at {url} refused the token (wrong or revoked, or "
                    "not invited to this visit)"
                ).format(url=url)
            )
        return SyncError(
            _("no sync server at {url} (it answered HTTP {status})").format(url=url, status=status)
        )
    if isinstance(exc, WebSocketDisconnect | WebSocketNetworkError | LocalProtocolError):
        # LocalProtocolError: a message sent while the dying server's close came in.
        return _lost(exc)
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return SyncTimeoutError(
            _("the sync server at {url} did not answer in time").format(url=url)
        )
    if isinstance(exc, httpx.TransportError | HTTPXWSException | OSError):
        return ServerUnreachableError(
            _("cannot reach the sync server at {url} ({reason})").format(
                url=url, reason=_reason(exc)
            )
        )
    return exc


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and the errors it came from, outermost first."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _reason(exc: BaseException) -> str:
    """Why a server could not be reached, in the officer's words (the libraries' own
    messages are English and technical)."""
    causes = _causes(exc)
    if any(isinstance(c, socket.gaierror) for c in causes) or "Name or service" in str(exc):
        return _("its name is not known: no network here, or a wrong address")
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
        return _("its TLS certificate cannot be verified: ask who runs the server")
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return _("the secure connection failed: is the address wss:// on a server without TLS?")
    return _("nothing answers there: no network here, or the server is stopped")


@functools.cache
def _tls() -> ssl.SSLContext:
    """The TLS settings of every connection (httpx's: certifi's authorities, and
    SSL_CERT_FILE when set), made once: making them costs 25 to 45 ms, more than a
    whole exchange on a local network."""
    return httpx.create_ssl_context()


def _client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=timeout, verify=_tls())


def _headers(token: str) -> dict[str, str]:
    """The token's header (none without a token: the server then refuses, as it should)."""
    token = token.strip()
    return {"Authorization": f"Bearer {token}"} if token else {}


async def exchange(
    doc: Doc[Any], url: str, room: str, token: str, *, timeout: float = DEFAULT_TIMEOUT
) -> ExchangeResult:
    """Send `room` on the server at `url` what it lacks of `doc`, apply to `doc` what it
    lacks, and return once both are in step (see the module's docstring). Raises
    ServerUnreachableError, AccessRefusedError, SyncTimeoutError or ConnectionLostError;
    `doc` keeps every change either way."""
    started = time.perf_counter()
    websocket: AsyncWebSocketSession
    try:
        with anyio.fail_after(timeout):
            async with (
                _client(timeout) as client,
                aconnect_ws(
                    room_url(url, room),
                    client,
                    headers=_headers(token),
                    max_message_size_bytes=MAX_MESSAGE,
                    keepalive_ping_interval_seconds=None,
                ) as websocket,
            ):
                channel = _WatchedChannel(websocket, room)
                async with Provider(doc, channel, log=log):
                    await channel.answered(1)  # we hold what the server held
                    await channel.send(create_sync_message(doc))
                    await channel.answered(2)  # the server holds (and stored) what we sent
    except TimeoutError as exc:
        raise SyncTimeoutError(
            _("the sync server at {url} did not complete the sync in {seconds} s").format(
                url=url, seconds=math.ceil(timeout)
            )
        ) from exc
    except Exception as exc:  # every failure becomes one of ours, or is a bug
        translated = _translated(exc, url)
        if translated is exc:
            raise
        raise translated from exc
    seconds = time.perf_counter() - started
    return ExchangeResult(sent=channel.sent, received=channel.received, seconds=seconds)


async def connected_officers(
    url: str, room: str, token: str, *, timeout: float = 10.0
) -> list[str]:
    """The names of the officers connected to `room` on the server at `url` now."""
    try:
        async with _client(timeout) as client:
            response = await client.get(f"{room_url(url, room)}/officers", headers=_headers(token))
    except httpx.HTTPError as exc:
        raise _translated(exc, url) from exc
    if response.status_code in (401, 403):
        raise AccessRefusedError(_("the sync server at {url} refused the token").format(url=url))
    if response.status_code != 200:
        raise SyncError(
            _("no sync server at {url} (it answered HTTP {status})").format(
                url=url, status=response.status_code
            )
        )
    return [str(name) for name in response.json().get("officers", [])]


StatusCallback = Callable[[ConnectionStatus], None]


@dataclass
class Connection:
    """A document kept linked to its room: it connects, syncs, then sends each local
    change and applies each remote one as they come, reconnects after a drop (waiting
    longer each time), and reports its status through `on_status` (called on the
    event loop's thread). A refused token stops it. Use from a task group:

        async with anyio.create_task_group() as group:
            connection = Connection(doc, url, room, token, on_status=show)
            connection.start(group)
            ...
            connection.stop()

    `doc` is used from the event loop's thread only.
    """

    doc: Doc[Any]
    url: str
    room: str
    token: str
    on_status: StatusCallback | None = None
    #: Seconds between attempts after a failure, the last repeated.
    retry_seconds: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)
    #: Seconds between two looks at who else is connected.
    peers_every: float = 5.0
    status: ConnectionStatus = field(default_factory=ConnectionStatus)
    _scope: anyio.CancelScope | None = None
    #: The channel of the session in progress (None between sessions).
    _channel: _WatchedChannel | None = None
    #: Steps 1 sent on the channel (the Provider's first one included).
    _asked: int = 0
    #: The document's state vector when the server last confirmed holding all of it.
    _confirmed: bytes = b""
    _retry: anyio.Event | None = None

    def _set(self, **changes: Any) -> None:
        self.status = replace(self.status, **changes)
        if self.on_status is not None:
            self.on_status(self.status)

    def start(self, group: TaskGroup) -> None:
        """Run the connection in `group` until `stop`."""
        self._scope = anyio.CancelScope()
        group.start_soon(self.run)

    def stop(self) -> None:
        """Close the connection (updates not sent yet go on the next one)."""
        if self._scope is not None:
            self._scope.cancel()

    async def run(self) -> None:
        """Keep the link up until stopped or refused."""
        scope = self._scope = self._scope or anyio.CancelScope()
        failures = 0
        with scope:
            while True:
                try:
                    await self._session()
                    failures = 0
                except Exception as exc:  # a network error becomes one of ours
                    error = _translated(exc, self.url)
                    if isinstance(error, AccessRefusedError):
                        self._set(state=LinkState.REFUSED, peers=(), error=error.message)
                        return
                    if not isinstance(error, SyncError):
                        raise
                    self._set(state=LinkState.OFFLINE, peers=(), error=error.message)
                wait = self.retry_seconds[min(failures, len(self.retry_seconds) - 1)]
                failures += 1
                self._retry = anyio.Event()
                with anyio.move_on_after(wait):
                    await self._retry.wait()  # `retry_now` cuts the wait short
                self._retry = None
        if self.status.state is not LinkState.REFUSED:
            self._set(state=LinkState.OFFLINE, peers=(), error=None)

    def retry_now(self) -> None:
        """Between attempts after a failure: try again now rather than after the wait."""
        if self._retry is not None:
            self._retry.set()

    async def confirm(self, timeout: float = DEFAULT_TIMEOUT) -> bool:
        """Have the server confirm that it holds every change of the document made so
        far: send what it may lack since its last confirmation, then a sync step 1, and
        wait for its answer (the server handles a connection's messages in order, see
        the module's docstring). False when not connected, or the link dropped or
        timed out first (the changes then go on the next session)."""
        channel = self._channel
        if channel is None or channel.lost is not None:
            return False
        vector = self.doc.get_state()
        try:
            with anyio.fail_after(timeout):
                since = self.doc.get_update(self._confirmed) if self._confirmed else b""
                if since and since != EMPTY_UPDATE:
                    await channel.send(create_update_message(since))
                await channel.send(create_sync_message(self.doc))
                self._asked += 1
                await channel.answered(self._asked)
        except (SyncError, TimeoutError, *_NETWORK_ERRORS):
            log.debug("confirmation not received", exc_info=True)
            return False
        self._confirmed = vector
        self._set(last_sync=datetime.now(UTC))
        return True

    async def _session(self) -> None:
        self._set(state=LinkState.SYNCING, error=None)
        # What the Provider sends in answer to the server's step 1 covers at least this.
        self._confirmed = self.doc.get_state()
        websocket: AsyncWebSocketSession
        async with (
            _client(DEFAULT_TIMEOUT) as client,
            aconnect_ws(
                room_url(self.url, self.room),
                client,
                headers=_headers(self.token),
                max_message_size_bytes=MAX_MESSAGE,
            ) as websocket,
        ):
            channel = _WatchedChannel(websocket, self.room)
            self._channel, self._asked = channel, 1
            try:
                await self._linked(channel, client)
            finally:
                self._channel = None

    async def _linked(self, channel: _WatchedChannel, client: httpx.AsyncClient) -> None:
        """The session's life once the websocket is open."""
        async with Provider(self.doc, channel, log=log), anyio.create_task_group() as group:
            with anyio.fail_after(DEFAULT_TIMEOUT):
                await channel.answered(1)
            self._set(state=LinkState.ONLINE, last_sync=datetime.now(UTC))
            group.start_soon(self._watch_peers, client)
            seen = channel.received
            while channel.lost is None:
                await channel.changed()
                if channel.received != seen:
                    seen = channel.received
                    self._set(last_sync=datetime.now(UTC))
            group.cancel_scope.cancel()
            raise _lost(channel.lost)

    async def _watch_peers(self, client: httpx.AsyncClient) -> None:
        while True:
            try:
                response = await client.get(
                    f"{room_url(self.url, self.room)}/officers", headers=_headers(self.token)
                )
                if response.status_code == 200:
                    peers = tuple(str(name) for name in response.json().get("officers", []))
                    if peers != self.status.peers:
                        self._set(peers=peers)
            except httpx.HTTPError:
                log.debug("who is connected: no answer", exc_info=True)
            await anyio.sleep(self.peers_every)
