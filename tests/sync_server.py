"""A real sync server for tests: `visitplanner serve` in a child process on a free
loopback port, its data in a folder of the test's; every wait is bounded."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.cli_process import ROOT

#: The server's passphrase in the tests.
PASSPHRASE = "server passphrase, «тест»"
#: Seconds a server may take to start or stop.
START_SECONDS = 20.0


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(passphrase: str | None = PASSPHRASE) -> dict[str, str]:
    """The environment of a child `visitplanner`: this checkout, English, the server's
    passphrase in its variable (none: no variable)."""
    env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": ""}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("VISITPLANNER_SERVER_PASSPHRASE", None)
    if passphrase is not None:
        env["VISITPLANNER_SERVER_PASSPHRASE"] = passphrase
    return env


def visitplanner(
    *args: str,
    passphrase: str | None = PASSPHRASE,
    token: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """`visitplanner ARGS` run to its end, standard input closed; the officer's `token`
    in its variable (none: no variable)."""
    env = environment(passphrase)
    env.pop("VISITPLANNER_SYNC_TOKEN", None)
    if token is not None:
        env["VISITPLANNER_SYNC_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


#: The keys of an export that say when it was made, not what the visit holds.
_STAMPS = ("exported_at", "exported", "generated_at")


def exported(path: Path, by_command: bool = False) -> dict[str, Any]:
    """The visit at `path` as `export-json` writes it (`by_command`: the command run in a
    child process, as a script runs it), the export's own timestamp aside."""
    out = path.with_suffix(".export.json")
    if by_command:
        done = visitplanner("export-json", str(path), "-o", str(out), passphrase=None)
        assert done.returncode == 0, done.stderr
    else:
        from visitplanner.services.visit_files import export_json

        export_json(path, out)
    found: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    for stamp in _STAMPS:
        found.pop(stamp, None)
    return found


class ServerProcess:
    """`visitplanner -v serve --data DIR --port PORT` in a child process."""

    def __init__(self, data: Path, port: int | None = None) -> None:
        self.data = data
        self.port = port or free_port()
        self.process: subprocess.Popen[str] | None = None
        self.log = data.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        """The address clients give."""
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        """Start the server and wait until it answers (at most START_SECONDS)."""
        with self.log.open("a", encoding="utf-8") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "visitplanner",
                    "-v",
                    "serve",
                    "--data",
                    str(self.data),
                    "--port",
                    str(self.port),
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                env=environment(),
                cwd=ROOT,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.output()}")
            try:
                response = httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1.0)
                if response.status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the server did not start: {self.output()}")

    def output(self) -> str:
        """What the server has written (standard output and error)."""
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def wait_for(self, text: str, seconds: float = START_SECONDS) -> bool:
        """Whether the server writes `text` within `seconds` (its log line about a
        connection may come a moment after the client was answered)."""
        deadline = time.monotonic() + seconds
        while text not in self.output():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def stop(self) -> int:
        """SIGTERM, then wait for the server to end; its exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=START_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=START_SECONDS)
                raise
        return int(self.process.returncode)

    def kill(self) -> None:
        """SIGKILL: the server ends at once, as in a power cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=START_SECONDS)


@dataclass
class Team:
    """A running sync server and two officers' tokens, for the sharing tests."""

    server: ServerProcess
    olena: str
    jean: str


@contextmanager
def team_server(folder: Path) -> Iterator[Team]:
    """A server in `folder`/server with Olena Kovalenko and Jean Dupont (every visit),
    started; killed at the end."""
    from visitplanner.sync.officers import add_officer
    from visitplanner.sync.store import ServerDatabase

    data = folder / "server"
    database = ServerDatabase.open(data, PASSPHRASE, create=True)
    try:
        olena = add_officer(database, "Olena Kovalenko")
        jean = add_officer(database, "Jean Dupont")
    finally:
        database.close()
    server = ServerProcess(data).start()
    try:
        yield Team(server, olena, jean)
    finally:
        server.kill()
