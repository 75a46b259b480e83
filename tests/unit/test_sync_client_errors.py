"""Why a sync server could not be reached, told in the officer's words and language
(the network libraries' own messages are English and technical), with the address."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import anyio
import pytest
from pycrdt import Doc

from tests.sync_server import free_port
from visitplanner.i18n import set_language
from visitplanner.sync.client import ServerUnreachableError, exchange

ROOM = "5b0e3c2a-1d4f-4e6a-8b9c-0d1e2f3a4b5c"


def _error(url: str) -> str:
    async def attempt() -> None:
        await exchange(Doc(), url, ROOM, "token", timeout=5)

    with pytest.raises(ServerUnreachableError) as caught:
        anyio.run(attempt)
    return caught.value.message


@pytest.fixture
def plain_http() -> Iterator[int]:
    """A web server without TLS on loopback (what wss:// meets by mistake)."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_nothing_listening_is_told_in_words() -> None:
    url = f"ws://127.0.0.1:{free_port()}"
    assert _error(url) == (
        f"cannot reach the sync server at {url} "
        "(nothing answers there: no network here, or the server is stopped)"
    )


def test_an_unknown_name_is_told_in_words() -> None:
    assert "its name is not known" in _error("wss://sync.no-such-host.invalid")


def test_wss_on_a_server_without_tls_is_told_in_words(plain_http: int) -> None:
    assert "the secure connection failed" in _error(f"wss://127.0.0.1:{plain_http}")


def test_the_reason_speaks_the_officers_language() -> None:
    set_language("uk")
    try:
        message = _error(f"ws://127.0.0.1:{free_port()}")
    finally:
        set_language("en")
    assert "127.0.0.1" in message and "nothing answers" not in message
