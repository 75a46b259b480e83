"""Two officers share the demo visit through a real sync server: one shares it, the other
joins from the invitation, both edit (apart, then with the server down), and each sync
brings both files to the same visit; nothing typed while the server was down is lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tests.sync_server import ServerProcess, exported
from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.domain.lookup import find_event
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.sharing import Invitation, join_visit, share_visit, sync_visit
from visitplanner.services.visit_files import write_visit
from visitplanner.sync.client import AccessRefusedError, ServerUnreachableError

TIMEOUT = 20.0


def _edit(path: Path, title: str, field: str, lang: str, text: str) -> None:
    """One officer's edit of one language's version of an event's text."""
    session = VisitSession.open(path)
    try:
        event = find_event(session.data, title)
        value = getattr(event, field).replace(lang, text)
        session.apply(SaveEntity(dataclasses.replace(event, **{field: value}), event, "Edit"))
    finally:
        session.close()


def _dinner(path: Path) -> Any:
    session = VisitSession.open(path, read_only=True)
    try:
        return find_event(session.data, "Dîner de travail")
    finally:
        session.close()


def test_two_officers_share_edit_apart_and_converge(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, olena, jean = team
    mine, theirs = tmp_path / "olena.visit", tmp_path / "jean.visit"
    write_visit(mine, build_demo())
    invitation = share_visit(mine, server.url, olena, "Olena Kovalenko", timeout=TIMEOUT)
    assert str(invitation) == f"{server.url}/{build_demo().visit.id}"
    assert Invitation.parse(str(invitation)) == invitation
    title = join_visit(invitation, theirs, jean, "Jean Dupont", timeout=TIMEOUT)
    assert "Kalmykova" in title
    assert exported(mine) == exported(theirs)
    # Apart: each edits another field of the dinner; both survive.
    _edit(mine, "Dîner de travail", "dress_code", "fr", "Costume sombre")
    _edit(theirs, "Dîner de travail", "notes", "fr", "Salle Foch")
    first = sync_visit(mine, olena, timeout=TIMEOUT)
    assert first.sent == 1 and first.received == 0
    second = sync_visit(theirs, jean, timeout=TIMEOUT)
    assert second.received >= 1
    sync_visit(mine, olena, timeout=TIMEOUT)
    both = exported(mine), exported(theirs)
    assert both[0] == both[1]
    dinner = _dinner(mine)
    assert (
        dinner.dress_code.get("fr") == "Costume sombre" and dinner.notes.get("fr") == "Salle Foch"
    )
    # The server down: the edit waits in the file, and goes at the next sync.
    server.kill()
    _edit(theirs, "Dîner de travail", "dress_code", "fr", "Cravate noire")
    with pytest.raises(ServerUnreachableError):
        sync_visit(theirs, jean, timeout=5)
    server.start()
    sync_visit(theirs, jean, timeout=TIMEOUT)
    sync_visit(mine, olena, timeout=TIMEOUT)
    assert exported(mine) == exported(theirs)
    assert _dinner(mine).dress_code.get("fr") == "Cravate noire"


def test_bad_invitations_tokens_and_files_are_refused(
    tmp_path: Path, team: tuple[ServerProcess, str, str]
) -> None:
    server, olena, _jean = team
    visit = tmp_path / "demo.visit"
    write_visit(visit, build_demo())
    with pytest.raises(InputError, match="not an invitation"):
        Invitation.parse("https://example.org/not-a-visit")
    with pytest.raises(InputError, match="not shared"):
        sync_visit(visit, olena, timeout=TIMEOUT)
    with pytest.raises(AccessRefusedError):
        share_visit(visit, server.url, "wrong-token", "Olena", timeout=TIMEOUT)
    invitation = share_visit(visit, server.url, olena, "Olena Kovalenko", timeout=TIMEOUT)
    with pytest.raises(InputError, match="shared already"):
        share_visit(visit, server.url, olena, "Olena Kovalenko", timeout=TIMEOUT)
    with pytest.raises(InputError, match="already exists"):
        join_visit(invitation, visit, olena, "Olena", timeout=TIMEOUT)
    empty = Invitation(server.url, "0b6f1c52-1111-4a2b-9c3d-4e5f60718293")
    with pytest.raises(InputError, match="no visit is shared"):
        join_visit(empty, tmp_path / "none.visit", olena, "Olena", timeout=TIMEOUT)
    assert not (tmp_path / "none.visit").exists()
