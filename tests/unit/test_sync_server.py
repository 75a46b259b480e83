"""The sync server as officers meet it: a real `visitplanner serve` in a child process,
pycrdt documents that converge through it, tokens checked before anything is sent,
rooms that survive a restart and a SIGKILL, nothing of a visit in clear in its folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import anyio
import pytest
from httpx_ws import WebSocketUpgradeError, aconnect_ws
from pycrdt import Array, Doc, Map, Text

from tests.cli_process import ROOT
from tests.sync_server import PASSPHRASE, ServerProcess, free_port, visitplanner
from visitplanner.sync.client import (
    AccessRefusedError,
    Connection,
    ConnectionStatus,
    LinkState,
    ServerUnreachableError,
    SyncError,
    connected_officers,
    exchange,
    http_url,
)
from visitplanner.sync.officers import add_officer, revoke_officer
from visitplanner.sync.store import ServerDatabase

VISIT_A = "6f0c2f1e-3b53-4c1e-9a57-0a1e2b3c4d5e"
VISIT_B = "9d8c7b6a-5f4e-4d3c-8b2a-190807060504"
#: Seconds any one exchange may take in these tests.
TIMEOUT = 15.0


@dataclass
class Officers:
    """The server's folder and its officers' tokens."""

    data: Path
    olena: str  # every visit
    jean: str  # visit A only
    revoked: str  # Paul, revoked


@pytest.fixture
def officers(tmp_path: Path) -> Officers:
    data = tmp_path / "server"
    database = ServerDatabase.open(data, PASSPHRASE, create=True)
    try:
        olena = add_officer(database, "Olena Kovalenko")
        jean = add_officer(database, "Jean Dupont", [VISIT_A])
        paul = add_officer(database, "Paul Martin")
        revoke_officer(database, "Paul Martin")
    finally:
        database.close()
    return Officers(data, olena, jean, paul)


@pytest.fixture
def server(officers: Officers) -> Iterator[ServerProcess]:
    process = ServerProcess(officers.data).start()
    yield process
    process.kill()


def _doc(**people: str) -> Doc:
    doc = Doc()
    doc["people"] = Map()
    doc["order"] = Array()
    for key, name in people.items():
        doc["people"][key] = name
    return doc


def _people(doc: Doc) -> dict[str, object]:
    return dict(doc.get("people", type=Map))


def _sync(doc: Doc, server: ServerProcess, token: str, room: str = VISIT_A) -> None:
    anyio.run(lambda: exchange(doc, server.url, room, token, timeout=TIMEOUT))


def test_two_officers_edits_converge(server: ServerProcess, officers: Officers) -> None:
    olena, jean = _doc(p1="Taras Shevchenko"), _doc(p2="Marie Curie")
    olena["order"].append("opening")
    jean["order"].append("wreath")
    for doc, token in ((olena, officers.olena), (jean, officers.jean), (olena, officers.olena)):
        _sync(doc, server, token)
    assert _people(olena) == _people(jean) == {"p1": "Taras Shevchenko", "p2": "Marie Curie"}
    # Both lines inserted apart are kept, in the same order on both sides.
    assert list(olena["order"]) == list(jean["order"])
    assert sorted(olena["order"]) == ["opening", "wreath"]
    assert server.wait_for("Olena Kovalenko connected to visit"), server.output()


def test_an_exchange_reports_what_moved(server: ServerProcess, officers: Officers) -> None:
    doc = _doc(p1="Taras Shevchenko")
    first = anyio.run(lambda: exchange(doc, server.url, VISIT_A, officers.olena, timeout=TIMEOUT))
    again = anyio.run(lambda: exchange(doc, server.url, VISIT_A, officers.olena, timeout=TIMEOUT))
    assert first.sent > 0
    assert again.sent == 0
    assert not again.changed
    assert again.seconds < TIMEOUT


@pytest.mark.parametrize("who", ["wrong", "missing", "revoked"])
def test_a_bad_token_is_refused(server: ServerProcess, officers: Officers, who: str) -> None:
    token = {"wrong": "not-a-token", "missing": "", "revoked": officers.revoked}[who]
    doc = _doc(p1="Nobody")
    with pytest.raises(AccessRefusedError, match="refused the token"):
        _sync(doc, server, token)
    # Nothing of the refused officer reached the room.
    reader = _doc()
    _sync(reader, server, officers.olena)
    assert _people(reader) == {}
    assert officers.revoked not in server.output()
    assert server.wait_for("refused a connection"), server.output()


def test_an_officer_is_let_in_only_on_his_visits(server: ServerProcess, officers: Officers) -> None:
    _sync(_doc(p1="Visit A"), server, officers.jean, VISIT_A)
    with pytest.raises(AccessRefusedError):
        _sync(_doc(p1="Visit B"), server, officers.jean, VISIT_B)
    assert server.wait_for("Jean Dupont, who is not invited to that visit"), server.output()


def test_a_token_in_the_query_string_is_accepted_and_never_logged(
    server: ServerProcess, officers: Officers
) -> None:
    async def connect(token: str) -> None:
        url = f"{http_url(server.url)}/{VISIT_A}?token={token}"
        async with aconnect_ws(url) as websocket:
            assert (await websocket.receive_bytes())[0] == 0  # the server's sync step 1

    anyio.run(connect, officers.olena)
    with pytest.raises(WebSocketUpgradeError) as refused:
        anyio.run(connect, officers.revoked)
    assert refused.value.response.status_code == 403
    assert officers.olena not in server.output()
    assert officers.revoked not in server.output()


def test_an_unreachable_server_is_told_as_such(tmp_path: Path) -> None:
    doc = _doc(p1="Waiting")
    closed = ServerProcess(tmp_path)  # never started: nothing listens on its port
    with pytest.raises(ServerUnreachableError, match="cannot reach the sync server"):
        anyio.run(lambda: exchange(doc, closed.url, VISIT_A, "token", timeout=TIMEOUT))
    assert _people(doc) == {"p1": "Waiting"}


def test_a_restarted_server_keeps_the_room(officers: Officers) -> None:
    server = ServerProcess(officers.data).start()
    try:
        _sync(_doc(p1="Taras Shevchenko"), server, officers.olena)
        assert server.stop() == 0
        assert "sync server stopped" in server.output()
        server.start()
        newcomer = _doc()
        _sync(newcomer, server, officers.olena)
        assert _people(newcomer) == {"p1": "Taras Shevchenko"}
    finally:
        server.kill()


def test_a_server_killed_during_a_sync_loses_nothing(officers: Officers) -> None:
    server = ServerProcess(officers.data).start()
    olena = _doc()
    people = olena.get("people", type=Map)
    interrupted: list[SyncError] = []

    def sync() -> None:
        try:
            _sync(olena, server, officers.olena)
        except SyncError as exc:
            interrupted.append(exc)

    try:
        # Killed at several moments after the officer's connection is let in: while her
        # large update travels, while the server stores it, after it answered.
        for round_, delay in enumerate((0.0, 0.01, 0.03, 0.1)):
            with olena.transaction():
                for number in range(1500):
                    people[f"r{round_}p{number}"] = f"Delegate {number} of the summit, {round_}"
            connections = server.output().count("Olena Kovalenko connected")
            syncing = threading.Thread(target=sync)
            syncing.start()
            deadline = time.monotonic() + TIMEOUT
            while server.output().count("Olena Kovalenko connected") == connections:
                assert time.monotonic() < deadline
                time.sleep(0.001)
            time.sleep(delay)
            server.kill()
            syncing.join(timeout=TIMEOUT * 2)
            assert not syncing.is_alive()
            server.start()
        _sync(olena, server, officers.olena)  # sends again whatever the server lacks
        jean = _doc()
        _sync(jean, server, officers.jean)
        assert _people(jean) == _people(olena)
        assert len(_people(jean)) == 4 * 1500
        assert interrupted  # at least one sync was cut
    finally:
        server.kill()


def test_the_servers_folder_holds_nothing_in_clear(
    server: ServerProcess, officers: Officers
) -> None:
    marker = "Zyxwarkeroff-Маркерчук"
    doc = _doc(p1=marker)
    doc["notes"] = Text(f"Dinner note: {marker}")
    _sync(doc, server, officers.olena)
    server.stop()
    files = [path for path in officers.data.rglob("*") if path.is_file()]
    assert files
    for path in files:
        content = path.read_bytes()
        for secret in (marker, "Zyxwarkeroff", "Olena Kovalenko", officers.olena, VISIT_A):
            assert secret.encode("utf-8") not in content, (path.name, secret)
            assert secret.encode("utf-16-le") not in content, (path.name, secret)


def test_a_linked_document_follows_the_others_and_says_who_is_there(
    server: ServerProcess, officers: Officers
) -> None:
    statuses: list[ConnectionStatus] = []
    olena, jean = _doc(), _doc()
    delays: list[float] = []

    async def main() -> None:
        async with anyio.create_task_group() as group:
            watcher = Connection(olena, server.url, VISIT_A, officers.olena, peers_every=0.2)
            watcher.on_status = statuses.append
            watcher.start(group)
            editor = Connection(jean, server.url, VISIT_A, officers.jean, peers_every=0.2)
            editor.start(group)
            with anyio.fail_after(TIMEOUT):
                while {watcher.status.state, editor.status.state} != {LinkState.ONLINE}:
                    await anyio.sleep(0.01)
                for number in range(5):
                    started = time.perf_counter()
                    jean.get("people", type=Map)[f"p{number}"] = f"Guest {number}"
                    while f"p{number}" not in _people(olena):
                        await anyio.sleep(0.001)
                    delays.append(time.perf_counter() - started)
                while set(watcher.status.peers) != {"Olena Kovalenko", "Jean Dupont"}:
                    await anyio.sleep(0.05)
                assert await connected_officers(server.url, VISIT_A, officers.jean) == [
                    "Jean Dupont",
                    "Olena Kovalenko",
                ]
            watcher.stop()
            editor.stop()

    anyio.run(main)
    states = [status.state for status in statuses]
    assert states[:2] == [LinkState.SYNCING, LinkState.ONLINE]
    assert states[-1] is LinkState.OFFLINE
    assert any(status.last_sync is not None for status in statuses)
    assert max(delays) < 1.0, delays


def test_a_linked_document_reconnects_after_the_server_comes_back(officers: Officers) -> None:
    server = ServerProcess(officers.data).start()
    statuses: list[LinkState] = []
    doc = _doc()
    try:

        async def main() -> None:
            async with anyio.create_task_group() as group:
                link = Connection(
                    doc,
                    server.url,
                    VISIT_A,
                    officers.olena,
                    retry_seconds=(0.1,),
                    on_status=lambda status: statuses.append(status.state),
                )
                link.start(group)
                with anyio.fail_after(TIMEOUT * 2):
                    while link.status.state is not LinkState.ONLINE:
                        await anyio.sleep(0.01)
                    server.kill()
                    while link.status.state is LinkState.ONLINE:
                        await anyio.sleep(0.01)
                    doc.get("people", type=Map)["p1"] = "Written offline"
                    await anyio.to_thread.run_sync(server.start)
                    while link.status.state is not LinkState.ONLINE:
                        await anyio.sleep(0.01)
                    reader = _doc()
                    await exchange(reader, server.url, VISIT_A, officers.jean, timeout=TIMEOUT)
                    assert _people(reader) == {"p1": "Written offline"}
                link.stop()

        anyio.run(main)
    finally:
        server.kill()
    assert LinkState.OFFLINE in statuses
    assert statuses.count(LinkState.ONLINE) >= 2


def test_a_refused_link_stops_trying(server: ServerProcess, officers: Officers) -> None:
    async def main() -> ConnectionStatus:
        link = Connection(_doc(), server.url, VISIT_B, officers.jean, retry_seconds=(0.1,))
        with anyio.fail_after(TIMEOUT):
            await link.run()
        return link.status

    status = anyio.run(main)
    assert status.state is LinkState.REFUSED
    assert status.error is not None and "refused the token" in status.error


def test_a_revoked_officer_is_let_out(server: ServerProcess, officers: Officers) -> None:
    async def main() -> ConnectionStatus:
        link = Connection(_doc(), server.url, VISIT_A, officers.jean, retry_seconds=(0.1,))
        async with anyio.create_task_group() as group:
            link.start(group)
            with anyio.fail_after(TIMEOUT):
                while link.status.state is not LinkState.ONLINE:
                    await anyio.sleep(0.01)
                database = ServerDatabase.open(officers.data, PASSPHRASE)
                try:
                    revoke_officer(database, "Jean Dupont")
                finally:
                    database.close()
                while link.status.state is LinkState.ONLINE:
                    await anyio.sleep(0.05)
        return link.status

    status = anyio.run(main)
    assert status.state is LinkState.REFUSED
    assert server.wait_for("closed a connection to visit"), server.output()
    assert server.wait_for("the revoked token of Jean Dupont"), server.output()


def test_the_client_syncs_through_the_reference_y_websocket_server(tmp_path: Path) -> None:
    node = shutil.which("node")
    server_js = ROOT / "tests" / "js" / "node_modules" / "@y" / "websocket-server" / "src"
    if node is None:
        pytest.skip("Node.js is not installed (apt-get install nodejs npm): y-websocket not run")
    if not (server_js / "server.js").is_file():
        pytest.skip("@y/websocket-server is not installed: run `npm ci --prefix tests/js`")
    port = free_port()
    with (tmp_path / "y-websocket.log").open("w") as log:
        reference = subprocess.Popen(
            [node, str(server_js / "server.js")],
            env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "y-websocket did not start"
            time.sleep(0.05)
        url = f"ws://127.0.0.1:{port}"
        olena, jean = _doc(p1="Taras Shevchenko"), _doc(p2="Marie Curie")
        for doc in (olena, jean, olena):  # the reference server checks no token
            anyio.run(lambda doc=doc: exchange(doc, url, VISIT_A, "unused", timeout=TIMEOUT))
        assert _people(olena) == _people(jean) == {"p1": "Taras Shevchenko", "p2": "Marie Curie"}
    finally:
        reference.kill()
        reference.wait(timeout=20)


# The command line.


def test_officers_list_never_shows_a_token(tmp_path: Path) -> None:
    data = tmp_path / "server"
    added = visitplanner("officers", "--data", str(data), "add", "Olena Kovalenko")
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert len(token) >= 43
    limited = visitplanner(
        "officers", "--data", str(data), "add", "Jean Dupont", "--visit", VISIT_A
    )
    assert limited.returncode == 0, limited.stderr
    revoked = visitplanner("officers", "--data", str(data), "revoke", "Olena Kovalenko")
    assert revoked.returncode == 0, revoked.stderr
    listing = visitplanner("officers", "--data", str(data), "list")
    assert listing.returncode == 0, listing.stderr
    assert token not in listing.stdout + listing.stderr
    lines = listing.stdout.strip().splitlines()
    assert lines[0].startswith(f"Jean Dupont: {VISIT_A}; added ")
    assert lines[0].endswith("; active")
    assert lines[1].startswith("Olena Kovalenko: every visit; added ")
    assert "; revoked " in lines[1]


def test_the_passphrase_file_opens_the_servers_data(tmp_path: Path) -> None:
    data = tmp_path / "server"
    secret = tmp_path / "passphrase"
    secret.write_text("from a file\n", encoding="utf-8")
    args = ("officers", "--data", str(data), "--passphrase-file", str(secret))
    assert visitplanner(*args, "add", "Olena", passphrase=None).returncode == 0
    assert "Olena" in visitplanner(*args, "list", passphrase=None).stdout
    wrong = visitplanner("officers", "--data", str(data), "list", passphrase="another")
    assert wrong.returncode == 2
    assert wrong.stderr.strip().endswith("wrong passphrase for the server's data")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("serve", "--data", "{missing}"), "no such folder"),
        (("officers", "--data", "{missing}", "list"), "no such folder"),
        (("officers", "--data", "{empty}", "list"), "no sync server's data here"),
        (("officers", "--data", "{data}", "revoke", "Nobody"), "no officer named Nobody"),
        (("officers", "--data", "{data}", "add", "X", "--visit", "42"), "not a visit's identifier"),
        (("serve", "--data", "{data}", "--host", "0.0.0.0"), "not a loopback address"),
        (("serve", "--data", "{data}", "--certfile", "{data}/c.pem"), "give both --certfile"),
        (("serve", "--data", "{data}", "--port", "{busy}"), "cannot listen on 127.0.0.1 port"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    officers: Officers, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "empty").mkdir()
    where = {"missing": tmp_path / "missing", "empty": tmp_path / "empty", "data": officers.data}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = visitplanner(*(arg.format(busy=busy.getsockname()[1], **where) for arg in args))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("visitplanner: ")
    assert message in result.stderr


def test_no_passphrase_is_one_line_and_exit_2(officers: Officers) -> None:
    result = visitplanner("officers", "--data", str(officers.data), "list", passphrase=None)
    assert result.returncode == 2
    assert "VISITPLANNER_SERVER_PASSPHRASE" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_message_sent_as_the_dying_server_closes_is_a_lost_connection() -> None:
    """The race the SIGKILL test meets one run in many: this side sends while the server's
    close comes in; the officer is told the connection was lost, not wsproto's error."""
    from wsproto.utilities import LocalProtocolError

    from visitplanner.sync.client import ConnectionLostError, _translated

    cut = LocalProtocolError("Event BytesMessage cannot be sent in state LOCAL_CLOSING")
    told = _translated(ExceptionGroup("task group", [cut]), "ws://127.0.0.1:1")
    assert isinstance(told, ConnectionLostError)
    assert "the changes go on the next sync" in str(told)
