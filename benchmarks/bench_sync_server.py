"""The sync server on loopback: an edit's trip from one linked document to another, a
one-off exchange of a small edit, and joining a summit-sized room (3,000 entities of 10
fields), with a real `visitplanner serve` in a child process.

    .venv/bin/python benchmarks/bench_sync_server.py
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
import httpx
from pycrdt import Doc, Map

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT))  # this checkout's visitplanner, whatever is installed
ROOM = "5b0e3c2a-1d4f-4e6a-8b9c-0d1e2f3a4b5c"
PASSPHRASE = "benchmark"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VISITPLANNER_SERVER_PASSPHRASE": PASSPHRASE}
    process = subprocess.Popen(
        [sys.executable, "-m", "visitplanner", "serve", "--data", str(data), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the server did not start")


def _summit_doc() -> Doc:
    doc = Doc()
    people = doc.get("people", type=Map)
    with doc.transaction():
        for number in range(3000):
            people[f"person-{number}"] = Map(
                {f"field{field}": f"value {field} of person {number}" for field in range(10)}
            )
    return doc


async def _propagation(url: str, token: str, edits: int) -> list[float]:
    from visitplanner.sync.client import Connection, LinkState

    source, target = Doc(), Doc()
    delays: list[float] = []
    async with anyio.create_task_group() as group:
        links = [Connection(doc, url, ROOM, token) for doc in (source, target)]
        for link in links:
            link.start(group)
        while any(link.status.state is not LinkState.ONLINE for link in links):
            await anyio.sleep(0.01)
        seen = target.get("edits", type=Map)
        written = source.get("edits", type=Map)
        for number in range(edits):
            started = time.perf_counter()
            written[str(number)] = number
            while str(number) not in seen:
                await anyio.sleep(0)
            delays.append(time.perf_counter() - started)
        for link in links:
            link.stop()
    return delays


def main() -> None:
    """Print the figures."""
    from visitplanner.sync.client import exchange
    from visitplanner.sync.officers import add_officer
    from visitplanner.sync.store import ServerDatabase

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "server"
        database = ServerDatabase.open(data, PASSPHRASE, create=True)
        token = add_officer(database, "Benchmark")
        database.close()
        port = _free_port()
        url = f"ws://127.0.0.1:{port}"
        server = _start(data, port)
        try:
            delays = sorted(anyio.run(_propagation, url, token, 200))
            print(
                f"edit propagated between two linked documents, 200 edits: median "
                f"{statistics.median(delays) * 1000:.1f} ms, 95th percentile "
                f"{delays[189] * 1000:.1f} ms, max {delays[-1] * 1000:.1f} ms"
            )
            small = Doc()
            fields = small.get("people", type=Map)
            times = []
            for number in range(50):
                with small.transaction():
                    for field in range(10):
                        fields[f"f{field}"] = f"edit {number}"
                result = anyio.run(lambda: exchange(small, url, ROOM, token))
                times.append(result.seconds)
            print(
                f"exchange of a 10-field edit (connect, sync, confirm), 50 times: median "
                f"{statistics.median(times) * 1000:.1f} ms"
            )
            summit = _summit_doc()
            upload = anyio.run(lambda: exchange(summit, url, ROOM, token, timeout=120))
            joiner = Doc()
            join = anyio.run(lambda: exchange(joiner, url, ROOM, token, timeout=120))
            print(
                f"3,000 entities of 10 fields: upload {upload.sent / 1e6:.2f} MB in "
                f"{upload.seconds * 1000:.0f} ms; join (full state) "
                f"{join.received / 1e6:.2f} MB in {join.seconds * 1000:.0f} ms"
            )
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
            server = _start(data, port)
            again = Doc()
            reload = anyio.run(lambda: exchange(again, url, ROOM, token, timeout=120))
            print(
                f"join after a restart (the room read from the encrypted store): "
                f"{reload.seconds * 1000:.0f} ms"
            )
        finally:
            server.kill()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
