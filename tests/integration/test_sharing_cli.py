"""`visitplanner share`, `join` and `sync` as a script runs them: the invitation on the
last line, tokens never on the command line, one line and exit 2 when the server is
down (the change then waits in the file), the replicas' exports identical after syncing."""

from __future__ import annotations

from pathlib import Path

from tests.sync_server import ServerProcess, exported, visitplanner


def test_share_join_edit_and_sync_from_the_command_line(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, olena, jean = team
    mine, theirs = tmp_path / "olena.visit", tmp_path / "jean.visit"
    assert visitplanner("demo", str(mine)).returncode == 0
    shared = visitplanner(
        "share", str(mine), "--server", server.url, "--as", "Olena Kovalenko", token=olena
    )
    assert shared.returncode == 0, shared.stderr
    invitation = shared.stdout.strip().splitlines()[-1]
    assert invitation.startswith(server.url + "/")
    assert olena not in shared.stdout + shared.stderr  # the token is never printed
    joined = visitplanner("join", invitation, "-o", str(theirs), "--as", "Jean Dupont", token=jean)
    assert joined.returncode == 0, joined.stderr
    assert "joined" in joined.stdout
    # Jean changes the visit's rules of precedence, then syncs; Olena syncs and has them.
    edit = visitplanner("precedence", str(theirs), "--guest-placement", "after_host")
    assert edit.returncode == 0, edit.stderr
    sent = visitplanner("sync", str(theirs), token=jean)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("Sent 1 change; received 0 changes.")
    got = visitplanner("sync", str(mine), token=olena)
    assert got.returncode == 0, got.stderr
    assert "received 1 change." in got.stdout
    assert exported(mine, by_command=True) == exported(theirs, by_command=True)
    # The server down: one line, exit 2, and the change waits for the next sync.
    server.kill()
    assert visitplanner("precedence", str(mine), "--guest-placement", "guest_first").returncode == 0
    down = visitplanner("sync", str(mine), token=olena)
    assert down.returncode == 2
    assert len(down.stderr.strip().splitlines()) == 1 and "Traceback" not in down.stderr
    assert "cannot reach the sync server" in down.stderr
    server.start()
    assert visitplanner("sync", str(mine), token=olena).returncode == 0
    assert visitplanner("sync", str(theirs), token=jean).returncode == 0
    assert exported(mine, by_command=True) == exported(theirs, by_command=True)


def test_without_a_token_or_with_a_wrong_one_nothing_happens(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, _olena, _jean = team
    visit = tmp_path / "demo.visit"
    assert visitplanner("demo", str(visit)).returncode == 0
    missing = visitplanner("share", str(visit), "--server", server.url)
    assert missing.returncode == 2
    assert "give your token for the sync server" in missing.stderr
    wrong = visitplanner("share", str(visit), "--server", server.url, token="not-a-token")
    assert wrong.returncode == 2 and "refused the token" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    bad = visitplanner("join", "https://example.org/x", "-o", str(tmp_path / "x.visit"), token="t")
    assert bad.returncode == 2 and "not an invitation" in bad.stderr
    # A refused share leaves the visit unshared.
    still = visitplanner("sync", str(visit), token="t")
    assert still.returncode == 2 and "this visit is not shared" in still.stderr
