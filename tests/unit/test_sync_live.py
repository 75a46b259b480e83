"""The live link without a window: a replica's updates pushed from another thread reach
the room at once and are confirmed; another replica's come back through the callback;
an offline link keeps what was pushed and sends it on reconnection; a wrong token is
refused; stopping ends the link's thread."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pycrdt import Doc, Map

from tests.sync_server import Team, team_server
from visitplanner.sync.link_status import ConnectionStatus, LinkState
from visitplanner.sync.live import LiveLink

TIMEOUT = 20.0


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    with team_server(tmp_path_factory.mktemp("live")) as running:
        yield running


def _wait(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


class _Replica:
    """A document on the test's thread, linked through a LiveLink as the window's is."""

    def __init__(self, team: Team, room: str, token: str) -> None:
        self.doc: Doc = Doc()
        self.people = self.doc.get("people", type=Map)
        self.statuses: list[ConnectionStatus] = []
        self.confirmed: list[int] = []
        self.remote: list[bytes] = []
        self.threads = {t.ident for t in threading.enumerate()}
        self.link = LiveLink(
            team.server.url,
            room,
            token,
            self.doc.get_update(),
            on_remote=self.remote.append,
            on_status=self.statuses.append,
            on_confirmed=self.confirmed.append,
            retry_seconds=(0.1,),
            peers_every=0.1,
        )

    @property
    def state(self) -> LinkState:
        return self.statuses[-1].state if self.statuses else LinkState.OFFLINE

    def edit(self, key: str, value: str) -> int:
        before = self.doc.get_state()
        self.people[key] = value
        return self.link.push(self.doc.get_update(before))

    def take_in(self) -> None:
        while self.remote:
            self.doc.apply_update(self.remote.pop(0))


def test_pushed_updates_go_out_at_once_and_come_back_on_the_other_side(team: Team) -> None:
    room = str(uuid.uuid4())
    olena, jean = _Replica(team, room, team.olena), _Replica(team, room, team.jean)
    olena.link.start()
    jean.link.start()
    try:
        _wait(lambda: olena.state is LinkState.ONLINE and jean.state is LinkState.ONLINE, "online")
        _wait(lambda: 0 in olena.confirmed, "the connection's own confirmation")
        assert olena.edit("p1", "Olena's guest") == 1
        _wait(lambda: 1 in olena.confirmed, "the server confirms the update")
        _wait(lambda: bool(jean.remote), "the other replica receives it")
        jean.take_in()
        assert jean.people["p1"] == "Olena's guest"
        assert not olena.remote  # her own update is not handed back to her
        _wait(
            lambda: set(olena.statuses[-1].peers) == {"Olena Kovalenko", "Jean Dupont"},
            "who is connected",
        )
    finally:
        olena.link.stop()
        jean.link.stop()
    assert not olena.link.running
    assert {t.ident for t in threading.enumerate()} <= olena.threads  # no thread left


def test_what_was_pushed_offline_goes_out_on_reconnection(team: Team, tmp_path: Path) -> None:
    room = str(uuid.uuid4())
    olena = _Replica(team, room, team.olena)
    olena.link.start()
    try:
        _wait(lambda: olena.state is LinkState.ONLINE, "online")
        team.server.kill()
        _wait(lambda: olena.state is LinkState.OFFLINE, "offline")
        count = olena.edit("p2", "Written offline")
        time.sleep(0.3)
        assert count not in olena.confirmed
        team.server.start()
        _wait(lambda: count in olena.confirmed, "confirmed once back")
    finally:
        olena.link.stop()
    jean = _Replica(team, room, team.jean)
    jean.link.start()
    try:
        _wait(lambda: bool(jean.remote), "the server kept it")
        jean.take_in()
        assert jean.people["p2"] == "Written offline"
    finally:
        jean.link.stop()


def test_a_wrong_token_is_refused_in_words(team: Team) -> None:
    stranger = _Replica(team, str(uuid.uuid4()), "not-a-token")
    stranger.link.start()
    try:
        _wait(lambda: stranger.state is LinkState.REFUSED, "refused")
        assert "refused the token" in (stranger.statuses[-1].error or "")
    finally:
        stranger.link.stop()
