"""The sync server: pycrdt-websocket's y-websocket server under uvicorn, one room per
visit (the room's name is the visit's UUID), its updates kept in the server's encrypted
database, only the officers it knows let in.

The path of a connection ends with the visit's UUID (`ws://host:8765/UUID`, or
`wss://proxy/any/prefix/UUID` behind a reverse proxy). The officer's token travels in
an `Authorization: Bearer TOKEN` header, or for clients that can only set the URL in a
`token` query parameter; it is checked before the connection is accepted: a missing,
unknown or revoked token, or an officer not allowed on that visit, is closed with code
1008, which a client sees as HTTP 403. Connections are logged by officer's name, never
by token (uvicorn's own lines, which show the query string, are kept out of the log).

Every update a client sends is committed to the database before the room applies it,
and a room answers a connection's messages in order: when the server answers a client's
sync step 1, everything that client sent before it is on disk (`sync.client` relies on
this to know that an exchange is complete). A room, once loaded, stays in memory
(`auto_clean_rooms=False`), so no client ever meets a room being dropped.

`GET /UUID/officers` (same token check) answers `{"visit": UUID, "officers": [names]}`:
who is connected to that visit now. `GET /health` answers `{"status": "ok"}` for a
proxy's or a supervisor's checks.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import socket
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Final
from urllib.parse import parse_qs

import anyio
import anyio.to_thread
import uvicorn
from pycrdt import YMessageType, YSyncMessageType, get_state, read_message
from pycrdt.store import YDocNotFound
from pycrdt.websocket import ASGIServer, WebsocketServer, YRoom
from pycrdt.websocket.websocket_server import exception_logger

from visitplanner.domain.errors import InputError, VisitPlannerError
from visitplanner.i18n import _
from visitplanner.sync.officers import Officer, officer_of_token
from visitplanner.sync.store import EncryptedYStore, ServerDatabase

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8765
#: The largest message a client may send: a summit's full state is about 1 MB.
MAX_MESSAGE: Final = 64 * 1024 * 1024
#: Seconds given to open connections to close when the server stops (SIGTERM, Ctrl+C).
GRACEFUL_SECONDS: Final = 5
#: The close code of a refused connection (policy violation: the client sees 403).
REFUSED: Final = 1008
#: Seconds between two looks at whether a connected officer is still invited.
RECHECK_SECONDS: Final = 2.0
#: The close code when the server could not store an update (the client sends it again).
STORE_FAILED: Final = 1011


class PersistedRoomServer(WebsocketServer):
    """pycrdt-websocket's server whose rooms are loaded from the server's database."""

    def __init__(self, database: ServerDatabase) -> None:
        super().__init__(
            rooms_ready=False,
            auto_clean_rooms=False,
            exception_handler=exception_logger,
            log=logging.getLogger(f"{__name__}.rooms"),
        )
        self.database = database
        self._room_lock = anyio.Lock()

    async def get_room(self, name: str) -> YRoom:
        """The room of visit `name`, made from its stored updates the first time."""
        async with self._room_lock:
            room = self.rooms.get(name)
            if room is None:
                room = YRoom(ready=False, exception_handler=self.exception_handler, log=self.log)
                store = EncryptedYStore(name, database=self.database)
                try:
                    await store.apply_updates(room.ydoc)
                except YDocNotFound:
                    log.info("visit %s: a new room", name)
                room.ready = True
                self.rooms[name] = room
            # Started under the lock: a room started twice at once waits forever (its
            # `start` holds its own lock for as long as it runs).
            await self.start_room(room)
        return room


def sync_update(message: bytes) -> bytes | None:
    """The Yjs update a y-websocket message carries (sync step 2 or update), or None for
    any other message (sync step 1, awareness). ValueError if it is malformed."""
    if len(message) < 2 or message[0] != YMessageType.SYNC:
        return None
    if message[1] not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
        return None
    try:
        update = read_message(message[2:])
    except (AssertionError, IndexError) as exc:
        raise ValueError("a malformed sync message") from exc
    get_state(update)  # ValueError when the update cannot be decoded
    return update


def room_of(path: str) -> str | None:
    """The visit a request's path names (its last segment, a UUID), or None."""
    last = path.rstrip("/").rpartition("/")[2]
    try:
        return str(uuid.UUID(last))
    except ValueError:
        return None


def token_of(scope: Scope) -> str | None:
    """The token of a request: its `Authorization: Bearer` header, else `?token=`."""
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _space, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    given = query.get("token")
    return str(given[0]) if given else None


@dataclass(frozen=True)
class Verdict:
    """Whether a request is let in: the officer, or why not (for the log)."""

    officer: Officer | None
    refusal: str | None = None


class SyncApp:
    """The ASGI application: token check, who is connected, persistence, and the
    y-websocket server behind them."""

    def __init__(self, database: ServerDatabase) -> None:
        self.database = database
        self.websocket_server = PersistedRoomServer(database)
        self._inner = ASGIServer(self.websocket_server)
        #: The officers connected to each visit now, with their number of connections.
        self.connected: dict[str, Counter[str]] = {}

    def officers_on(self, room: str) -> list[str]:
        """The names of the officers connected to `room` now."""
        return sorted(name for name, count in self.connected.get(room, Counter()).items() if count)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] != "lifespan.startup":
            return
        # The rooms' tasks run in the server's task group: it must be entered, here.
        async with self.websocket_server:
            await send({"type": "lifespan.startup.complete"})
            log.info("sync server started")
            while (await receive())["type"] != "lifespan.shutdown":
                pass
        log.info("sync server stopped")
        await send({"type": "lifespan.shutdown.complete"})

    async def _verdict(self, scope: Scope, room: str | None) -> Verdict:
        if room is None:
            return Verdict(None, "no visit's UUID in the path")
        token = token_of(scope)
        if token is None:
            return Verdict(None, "no token")
        officer = await anyio.to_thread.run_sync(officer_of_token, self.database, token)
        if officer is None:
            return Verdict(None, "an unknown token")
        if not officer.active:
            return Verdict(officer, f"the revoked token of {officer.name}")
        if not officer.may_join(room):
            return Verdict(officer, f"{officer.name}, who is not invited to that visit")
        return Verdict(officer)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        room = room_of(scope.get("path", ""))
        verdict = await self._verdict(scope, room)
        if verdict.refusal is not None or verdict.officer is None or room is None:
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": REFUSED})
            log.warning("refused a connection to visit %s: %s", room or "?", verdict.refusal)
            return
        name = verdict.officer.name
        store = EncryptedYStore(room, database=self.database)

        async def persisted() -> Message:
            message = await receive()
            if message["type"] != "websocket.receive" or not message.get("bytes"):
                return message
            try:
                update = sync_update(message["bytes"])
                if update is not None and update != b"\x00\x00":
                    await store.write(update)
            except ValueError:
                log.warning("%s sent a malformed message to visit %s; closed", name, room)
                await send({"type": "websocket.close", "code": 1007})
                return {"type": "websocket.disconnect", "code": 1007}
            except VisitPlannerError as exc:
                log.error("visit %s: an update of %s not stored (%s); closed", room, name, exc)
                await send({"type": "websocket.close", "code": STORE_FAILED})
                return {"type": "websocket.disconnect", "code": STORE_FAILED}
            return message

        log.info("%s connected to visit %s", name, room)
        officers = self.connected.setdefault(room, Counter())
        officers[name] += 1
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(self._still_invited, scope, room, send, group.cancel_scope)
                await self._inner({**scope, "path": room}, persisted, send)
                group.cancel_scope.cancel()
        finally:
            officers[name] -= 1
            log.info("%s left visit %s", name, room)

    async def _still_invited(
        self, scope: Scope, room: str, send: Send, connection: anyio.CancelScope
    ) -> None:
        """Close the connection once its officer's token is revoked or the visit no longer
        allowed to him (looked at every RECHECK_SECONDS)."""
        while True:
            await anyio.sleep(RECHECK_SECONDS)
            verdict = await self._verdict(scope, room)
            if verdict.refusal is not None:
                log.warning("closed a connection to visit %s: %s", room, verdict.refusal)
                with anyio.CancelScope(shield=True), contextlib.suppress(Exception):
                    await send({"type": "websocket.close", "code": REFUSED})
                connection.cancel()
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope.get("method") not in ("GET", "HEAD"):
            await _answer(send, 405, {"error": "method not allowed"})
        elif path.rstrip("/") == "/health":
            await _answer(send, 200, {"status": "ok"})
        elif path.rstrip("/").endswith("/officers"):
            room = room_of(path.rstrip("/").removesuffix("/officers"))
            verdict = await self._verdict(scope, room)
            if verdict.refusal is not None or room is None:
                await _answer(send, 403, {"error": "forbidden"})
            else:
                await _answer(send, 200, {"visit": room, "officers": self.officers_on(room)})
        else:
            await _answer(send, 404, {"error": "not found"})


async def _answer(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode("ascii")),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeOptions:
    """Where and how the server listens."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    certfile: Path | None = None
    keyfile: Path | None = None
    behind_tls_proxy: bool = False

    def check(self) -> None:
        """InputError when the options would expose tokens and updates in clear."""
        if (self.certfile is None) != (self.keyfile is None):
            raise InputError(_("give both --certfile and --keyfile, or neither"))
        for path in (self.certfile, self.keyfile):
            if path is not None and not path.is_file():
                raise InputError(_("{path}: no such file").format(path=path))
        if not (1 <= self.port <= 65535):
            raise InputError(_("not a port number: {value}").format(value=self.port))
        if self.certfile is None and not self.behind_tls_proxy and not is_loopback(self.host):
            raise InputError(
                _(
                    "{host} is not a loopback address: give --certfile and --keyfile "
                    "(TLS), or --behind-tls-proxy when a reverse proxy terminates TLS"
                ).format(host=self.host)
            )

    @property
    def url(self) -> str:
        """The address clients give (the proxy's own when behind one)."""
        scheme = "wss" if self.certfile is not None else "ws"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"


class _NoQueryStrings(logging.Filter):
    """Keeps uvicorn's lines that show a request's URL (and so a `?token=`) out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "token=" not in record.getMessage()


def _check_free(options: ServeOptions) -> None:
    """InputError, in one line, when the port cannot be listened on (uvicorn would log
    its own lines, then exit)."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((options.host, options.port))
        except OSError as exc:
            raise InputError(
                _("cannot listen on {host} port {port} ({reason})").format(
                    host=options.host, port=options.port, reason=exc.strerror or exc
                )
            ) from exc


class CleanlyStoppedServer(uvicorn.Server):
    """uvicorn's server, for which SIGTERM or Ctrl+C is the normal way to stop: once the
    connections are closed, the command ends with status 0 (uvicorn would raise the
    signal again, and the process would die of it)."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def serve(database: ServerDatabase, options: ServeOptions) -> None:
    """Run the sync server until SIGTERM or SIGINT (Ctrl+C); the connections are closed
    and the rooms stopped before this returns. Every update is on disk already."""
    options.check()
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).addFilter(_NoQueryStrings())
    # uvicorn's per-request lines name the path with its query: never at INFO.
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    config = uvicorn.Config(
        SyncApp(database),
        host=options.host,
        port=options.port,
        ssl_certfile=None if options.certfile is None else str(options.certfile),
        ssl_keyfile=None if options.keyfile is None else str(options.keyfile),
        ws="wsproto",
        ws_max_size=MAX_MESSAGE,
        lifespan="on",
        log_config=None,
        access_log=False,
        proxy_headers=options.behind_tls_proxy,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
        server_header=False,
    )
    _check_free(options)
    server = CleanlyStoppedServer(config)
    try:
        server.run()
    except SystemExit as exc:  # uvicorn's way of saying it could not listen
        raise InputError(
            _("cannot listen on {host} port {port} ({reason})").format(
                host=options.host, port=options.port, reason=exc
            )
        ) from exc
