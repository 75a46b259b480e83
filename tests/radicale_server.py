"""A real CalDAV server for tests: Radicale in a child process on a free port.

Its collections live in a temporary folder; users log in with an htpasswd file
(plain passwords, which Radicale reads without extra packages), or not at all
(`users=None`). `rights` is a Radicale rights file, to make a server that refuses
something (MKCALENDAR). Stopped (terminated, then killed) when the block ends.
"""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

#: Why the CalDAV tests are skipped, or None when Radicale can run.
SKIP_REASON = (
    None
    if importlib.util.find_spec("radicale") is not None
    else "Radicale is not installed (pip install radicale): no CalDAV server to publish to"
)

#: Rights that let a user write events in their calendars but create no calendar.
NO_NEW_CALENDARS = """
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: R

[calendars]
user: .+
collection: {user}/[^/]+
permissions: rw
"""


@dataclass(frozen=True, slots=True)
class RadicaleServer:
    """A running Radicale: its base URL, its storage folder and its users."""

    base: str
    folder: Path
    users: Mapping[str, str] | None

    def home(self, user: str = "officer") -> str:
        """The folder where `user`'s calendars are made (ends with "/")."""
        return f"{self.base}/{user}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_answering(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Radicale stopped at start: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/.web/", timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever it says
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("Radicale did not answer within 20 seconds")


@contextlib.contextmanager
def radicale(
    tmp: Path, users: Mapping[str, str] | None = None, rights: str | None = None
) -> Iterator[RadicaleServer]:
    """Run Radicale for the block, with `users` (name: password) or no login at all."""
    if SKIP_REASON is not None:
        raise RuntimeError(SKIP_REASON)
    tmp.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    folder = tmp / "collections"
    lines = [
        "[server]",
        f"hosts = 127.0.0.1:{port}",
        "[storage]",
        f"filesystem_folder = {folder}",
        "[logging]",
        "level = warning",
        "mask_passwords = True",
        "[web]",
        "type = none",
    ]
    if users is None:
        lines += ["[auth]", "type = none", "[rights]", "type = authenticated"]
    else:
        htpasswd = tmp / "users"
        htpasswd.write_text("".join(f"{name}:{word}\n" for name, word in users.items()))
        lines += [
            "[auth]",
            "type = htpasswd",
            f"htpasswd_filename = {htpasswd}",
            "htpasswd_encryption = plain",
            # Every failed login is answered at once (no delay against guessing).
            "delay = 0",
        ]
        if rights is None:
            lines += ["[rights]", "type = owner_only"]
        else:
            (tmp / "rights").write_text(rights)
            lines += ["[rights]", "type = from_file", f"file = {tmp / 'rights'}"]
    config = tmp / "radicale.conf"
    config.write_text("\n".join(lines) + "\n")
    log = tmp / "radicale.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process, log)
        yield RadicaleServer(base, folder, users)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
