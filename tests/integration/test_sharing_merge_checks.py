"""After a merge, the plan checks run on the merged visit: two officers who each book
the head of the delegation at the same hour while apart see the double booking when the
second one syncs; and the history names who made each change, on which machine."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from tests.sync_server import ServerProcess, exported
from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.domain.checks import FindingKind
from visitplanner.domain.model import Event
from visitplanner.domain.values import LocalizedText, zone
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.sharing import Invitation, join_visit, share_visit, sync_visit
from visitplanner.services.visit_files import write_visit

TIMEOUT = 20.0
PARIS = zone("Europe/Paris")


#: Olena's replica and token, Jean's replica and token.
Pair = tuple[tuple[Path, str], tuple[Path, str]]


@pytest.fixture
def pair(tmp_path: Path, team: tuple[ServerProcess, str, str]) -> Pair:
    """The demo shared by Olena Kovalenko and joined by Jean Dupont."""
    server, olena, jean = team
    mine, theirs = tmp_path / "olena.visit", tmp_path / "jean.visit"
    write_visit(mine, build_demo())
    invitation = share_visit(mine, server.url, olena, "Olena Kovalenko", timeout=TIMEOUT)
    join_visit(invitation, theirs, jean, "Jean Dupont", timeout=TIMEOUT)
    return (mine, olena), (theirs, jean)


def _book_the_head(path: Path, title: str, start: tuple[int, int], end: tuple[int, int]) -> str:
    """A new meeting on the first evening with the head of the guest delegation."""
    session = VisitSession.open(path)
    try:
        head = next(p for p in session.data.people if p.family_name == "Kalmykova")
        venue = session.data.venues[0]
        event = Event(
            title=LocalizedText(fr=title),
            start=datetime(2026, 5, 6, *start, tzinfo=PARIS),
            end=datetime(2026, 5, 6, *end, tzinfo=PARIS),
            venue_id=venue.id,
            participant_ids=[head.id],
        )
        session.apply(SaveEntity(event, None, "Add a meeting"))
        return head.id
    finally:
        session.close()


def test_a_double_booking_made_apart_is_found_when_the_second_officer_syncs(
    pair: Pair,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (mine, olena), (theirs, jean) = pair
    head = _book_the_head(mine, "Entretien avec la presse", (18, 15), (19, 0))
    _book_the_head(theirs, "Appel du ministre", (18, 30), (19, 0))
    first = sync_visit(mine, olena, timeout=TIMEOUT)
    assert first.received == 0 and first.findings == ()
    second = sync_visit(theirs, jean, timeout=TIMEOUT)
    assert second.received == 1
    (found,) = [f for f in second.findings if f.kind is FindingKind.PERSON_OVERLAP]
    assert head in found.person_ids
    assert "Entretien avec la presse" in found.message and "Appel du ministre" in found.message
    # Only what the merge brought is told (the venue booked twice, a short move to the
    # press meeting), not what the checks found before.
    assert all("Entretien avec la presse" in f.message for f in second.findings)
    # Olena's next sync, from the command line, brings Jean's meeting: she is told too.
    monkeypatch.setenv("VISITPLANNER_SYNC_TOKEN", olena)
    assert main(["sync", str(mine)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Sent 0 changes; received 1 change."
    told = out.index("The plan checks find 3 new problems in the merged visit:")
    assert any(
        line.startswith("error: [person-overlap] Natalia Kalmykova is in two events at once")
        for line in out[told + 1 :]
    )


def test_the_history_names_the_officer_and_the_machine_of_each_change(pair: Pair) -> None:
    (mine, olena), (theirs, jean) = pair
    _book_the_head(mine, "Entretien avec la presse", (18, 15), (19, 0))
    sync_visit(mine, olena, timeout=TIMEOUT)
    sync_visit(theirs, jean, timeout=TIMEOUT)
    session = VisitSession.open(theirs, read_only=True)
    try:
        (received,) = session.history()
    finally:
        session.close()
    assert received.officer == "Olena Kovalenko" and received.machine
    assert received.program == "sync" and not received.undoable
    session = VisitSession.open(mine, read_only=True)
    try:
        (made,) = session.history()
    finally:
        session.close()
    assert made.officer == "Olena Kovalenko" and made.program == "command line"


def test_syncing_a_visit_not_shared_says_so_before_asking_for_a_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = tmp_path / "demo.visit"
    write_visit(visit, build_demo())
    before = visit.read_bytes()
    monkeypatch.delenv("VISITPLANNER_SYNC_TOKEN", raising=False)
    assert main(["sync", str(visit)]) == 2
    err = capsys.readouterr().err
    assert "this visit is not shared" in err and "token" not in err
    assert visit.read_bytes() == before


def test_what_a_merge_mended_goes_to_the_server_with_the_sync(
    tmp_path: Path, pair: Pair, team: tuple[ServerProcess, str, str]
) -> None:
    """Olena deletes a guest while Jean, apart, adds him to a meeting: Jean's sync frees
    the meeting of him (a mend of the merge) and sends that too, so that an officer who
    joins afterwards gets a visit without a link to the guest who went."""
    (mine, olena), (theirs, jean) = pair
    session = VisitSession.open(mine)
    try:
        guest = next(p for p in session.data.people if p.family_name == "Hnatiuk")
        session.apply(delete_operation(session.data, guest))
    finally:
        session.close()
    session = VisitSession.open(theirs)
    try:
        meeting = next(e for e in session.data.events if guest.id not in e.participant_ids)
        after = dataclasses.replace(meeting, participant_ids=[*meeting.participant_ids, guest.id])
        session.apply(SaveEntity(after, meeting, "Add a participant"))
    finally:
        session.close()
    sync_visit(mine, olena, timeout=TIMEOUT)
    sync_visit(theirs, jean, timeout=TIMEOUT)
    server = team[0]
    late = tmp_path / "late.visit"
    join_visit(Invitation(server.url, build_demo().visit.id), late, jean, "Jean", timeout=TIMEOUT)
    sync_visit(mine, olena, timeout=TIMEOUT)
    exports = [exported(path) for path in (mine, theirs, late)]
    assert exports[0] == exports[1] == exports[2]
    (joined,) = [e for e in exports[2]["events"] if e["id"] == meeting.id]
    assert guest.id not in joined["participant_ids"]
