"""`visitplanner share`, `join` and `sync` as a script runs them: the invitation on the
last line, tokens never on the command line, one line and exit 2 when the server is
down (the change then waits in the file), the replicas' exports identical after syncing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli_process import ROOT
from tests.sync_server import ServerProcess, environment


def run(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = environment(None)
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
        timeout=120,
        check=False,
    )


def _export(visit: Path) -> dict[str, object]:
    out = visit.with_suffix(".json")
    assert run("export-json", str(visit), "-o", str(out)).returncode == 0
    found: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    for stamp in ("exported_at", "exported", "generated_at"):
        found.pop(stamp, None)
    out.unlink()
    return found


def test_share_join_edit_and_sync_from_the_command_line(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, olena, jean = team
    mine, theirs = tmp_path / "olena.visit", tmp_path / "jean.visit"
    assert run("demo", str(mine)).returncode == 0
    shared = run("share", str(mine), "--server", server.url, "--as", "Olena Kovalenko", token=olena)
    assert shared.returncode == 0, shared.stderr
    invitation = shared.stdout.strip().splitlines()[-1]
    assert invitation.startswith(server.url + "/")
    assert olena not in shared.stdout + shared.stderr  # the token is never printed
    joined = run("join", invitation, "-o", str(theirs), "--as", "Jean Dupont", token=jean)
    assert joined.returncode == 0, joined.stderr
    assert "joined" in joined.stdout
    # Jean changes the visit's rules of precedence, then syncs; Olena syncs and has them.
    edit = run("precedence", str(theirs), "--guest-placement", "after_host")
    assert edit.returncode == 0, edit.stderr
    sent = run("sync", str(theirs), token=jean)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("Sent 1 change; received 0 changes.")
    got = run("sync", str(mine), token=olena)
    assert got.returncode == 0, got.stderr
    assert "received 1 change." in got.stdout
    assert _export(mine) == _export(theirs)
    # The server down: one line, exit 2, and the change waits for the next sync.
    server.kill()
    assert run("precedence", str(mine), "--guest-placement", "guest_first").returncode == 0
    down = run("sync", str(mine), token=olena)
    assert down.returncode == 2
    assert len(down.stderr.strip().splitlines()) == 1 and "Traceback" not in down.stderr
    assert "cannot reach the sync server" in down.stderr
    server.start()
    assert run("sync", str(mine), token=olena).returncode == 0
    assert run("sync", str(theirs), token=jean).returncode == 0
    assert _export(mine) == _export(theirs)


def test_without_a_token_or_with_a_wrong_one_nothing_happens(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, _olena, _jean = team
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    missing = run("share", str(visit), "--server", server.url)
    assert missing.returncode == 2
    assert "give your token for the sync server" in missing.stderr
    wrong = run("share", str(visit), "--server", server.url, token="not-a-token")
    assert wrong.returncode == 2 and "refused the token" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    bad = run("join", "https://example.org/x", "-o", str(tmp_path / "x.visit"), token="t")
    assert bad.returncode == 2 and "not an invitation" in bad.stderr
    # A refused share leaves the visit unshared.
    still = run("sync", str(visit), token="t")
    assert still.returncode == 2 and "this visit is not shared" in still.stderr
