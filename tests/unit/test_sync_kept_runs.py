"""A replica kept in its visit file across runs of the program: an edit handed over in one
run, met by a conflicting one in a later run, is still told, with one click to restore it;
an update whose writing fails loses nothing and the next sync brings the file in step."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.sync_replicas import OFFICERS, Team
from visitplanner.demo import build_demo
from visitplanner.domain.errors import StorageError
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.storage.repository import VisitRepository
from visitplanner.sync.kept import KeptReplica
from visitplanner.sync.replica import Replica

DINNER = "Working dinner of the two delegations"


def _shared(tmp_path: Path) -> tuple[Path, Path]:
    """Two replicas' files of the demo, kept; closed."""
    first, second = tmp_path / "olena.visit", tmp_path / "jean.visit"
    write_visit(first, build_demo())
    session = VisitSession.open(first)
    sharer = Replica.share(session, OFFICERS[0])
    KeptReplica.start(sharer, "wss://sync.example", "room")
    state = sharer.document.state()
    session.close()
    joined = Replica.create(second, state, OFFICERS[1])
    KeptReplica.start(joined, "wss://sync.example", "room")
    joined.session.close()
    return first, second


def _open(path: Path) -> KeptReplica:
    kept = KeptReplica.load(VisitSession.open(path))
    assert kept is not None
    return kept


def _set_dress_code(kept: KeptReplica, notes: str) -> None:
    session = kept.replica.session
    dinner = next(e for e in session.data.events if e.title.get("en").startswith(DINNER))
    dress = LocalizedText(en=notes, fr=notes)
    session.apply(SaveEntity(dataclasses.replace(dinner, dress_code=dress), dinner))


def _dinner(kept: KeptReplica) -> object:
    data = kept.replica.session.data
    return next(e for e in data.events if e.title.get("en").startswith(DINNER))


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_a_conflict_on_an_edit_handed_over_in_an_earlier_run_is_told(tmp_path: Path) -> None:
    olena, jean = _shared(tmp_path)
    # Run 1 on each laptop: each officer sets the dinner's dress code, unseen by the other;
    # it is handed over and kept in the file, the program closed.
    values = {olena: "Salon des Ambassadeurs", jean: "Salon Murat"}
    sent: dict[Path, list[bytes]] = {}
    for path, value in values.items():
        kept = _open(path)
        _set_dress_code(kept, value)
        kept.hand_over()
        sent[path] = kept.replica.outgoing()
        kept.replica.session.close()
    # Run 2 on each laptop: a sync brings the other's value in. Yjs keeps one value; the
    # officer whose value was replaced is told, though their edit was made in run 1.
    told: dict[Path, list[str]] = {}
    for path, other in ((jean, olena), (olena, jean)):
        kept = _open(path)
        kept.hand_over()
        received = [kept.replica.receive(update) for update in sent[other]]
        told[path] = [m for r in received for m in r.messages]
        conflicts = [c for r in received for c in r.incoming.conflicts]
        if conflicts:
            assert len(conflicts) == 1
            kept.replica.restore(conflicts[0])
            restored = _dinner(kept).dress_code.get("en")  # type: ignore[attr-defined]
            assert restored == values[path]
        kept.replica.session.close()
    loser = jean if told[jean] else olena
    assert not told[olena if loser == jean else jean]
    (message,) = told[loser]
    assert values[loser] in message and "replaced by" in message, message


def _fail_once(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The repository's next save of an entity fails as a full disk would; the count of
    failures so far."""
    failed: list[int] = []
    original = VisitRepository.save_entity

    def save_entity(self: VisitRepository, *args: Any, **kwargs: Any) -> None:
        if not failed:
            failed.append(1)
            raise sqlite3.OperationalError("database or disk is full")
        original(self, *args, **kwargs)

    monkeypatch.setattr(VisitRepository, "save_entity", save_entity)
    return failed


def test_an_update_whose_writing_fails_is_written_at_the_next_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = Team.of(build_demo(), tmp_path, 2)
    try:
        dinner = next(e for e in team[0].session.data.events if e.seating is not None)
        dress = LocalizedText(en="Black tie", fr="Smoking")
        team[0].apply(SaveEntity(dataclasses.replace(dinner, dress_code=dress), dinner))
        failed = _fail_once(monkeypatch)
        with pytest.raises(StorageError):
            team.send(0)
        assert failed
        # The file kept its former value, and nothing was journaled.
        held = next(e for e in team[1].session.data.events if e.id == dinner.id)
        assert held.dress_code == dinner.dress_code
        # The next update from anyone (here: a pull that brings nothing new) writes it.
        team.pull(1, 0)
        held = next(e for e in team[1].session.data.events if e.id == dinner.id)
        assert held.dress_code.get("en") == "Black tie"
        team.sync_all()
        assert team.exports()[0] == team.exports()[1]
    finally:
        team.close()


def test_a_kept_replica_whose_writing_failed_is_in_step_at_the_next_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    olena, jean = _shared(tmp_path)
    theirs = _open(olena)
    _set_dress_code(theirs, "Black tie")
    theirs.hand_over()
    updates = theirs.replica.outgoing()
    theirs.replica.session.close()
    kept = _open(jean)
    _fail_once(monkeypatch)
    with pytest.raises(StorageError):
        kept.replica.receive(updates[0])
    kept.save()  # the window keeps its standing, the document ahead of the file
    kept.replica.session.close()
    kept = _open(jean)
    assert _dinner(kept).dress_code.get("en") == "Black tie"  # type: ignore[attr-defined]
    assert kept.state.in_step
    kept.replica.session.close()
