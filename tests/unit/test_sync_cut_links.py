"""A deletion undone, arriving in two parts: a replica that first learns of the deletion
alone (through another officer's update that carried the deletion but not the deleter's
own edits) has its visit file cut the links to what went (events' participants, gifts'
recipients) while the shared document keeps them; when the undo brings the people back,
the file writes those links again, in the same run or in a later one. Found by the
convergence test: the exports differed (events without participants on one replica)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sync_replicas import Team
from visitplanner.demo import build_demo
from visitplanner.operations.edits import delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.sync.kept import KeptReplica
from visitplanner.sync.replica import Replica


def _apart(tmp_path: Path) -> tuple[Team, str]:
    """Olena (2) deletes the guest delegation and undoes it; Jean (1) deletes an event;
    only Olena and Jean sync. Anna (0) has seen none of it. The delegation's id."""
    team = Team.of(build_demo(), tmp_path, 3)
    data = team[2].session.data
    delegation = data.delegations[2806 % len(data.delegations)]  # as the test found it
    team[2].apply(delete_operation(data, delegation))
    team[2].undo()
    jean = team[1].session.data
    team[1].apply(delete_operation(jean, jean.events[583 % len(jean.events)]))
    team.sync_all([1, 2])
    return team, delegation.id


def _participants(replica: Replica) -> dict[str, list[str]]:
    return {e.id: list(e.participant_ids) for e in replica.session.data.events}


def test_links_the_file_cut_are_written_again_when_what_they_named_comes_back(
    tmp_path: Path,
) -> None:
    team, _delegation = _apart(tmp_path)
    try:
        team.sync_all()
        exports = team.exports()
        assert exports[0] == exports[1] == exports[2]
        assert _participants(team[0]) == _participants(team[1])
        assert any(_participants(team[0]).values())
        assert team[0].cut == set()
    finally:
        team.close()


def test_across_runs_the_file_remembers_what_it_cut(tmp_path: Path) -> None:
    team, delegation = _apart(tmp_path)
    anna = team[0]
    kept = KeptReplica.start(anna, "ws://127.0.0.1:1", "room")
    # Anna first receives Jean's pending updates: his deletion, and what his replica
    # mended when Olena's deletion reached it, which carries the deletion of the
    # delegation's people but not Olena's own edits (the links she cut).
    for update in team[1].outgoing():
        anna.receive(update)
    assert anna.cut  # events, gifts ... whose links to the people the file cut
    assert not any(p.delegation_id == delegation for p in anna.session.data.people)
    kept.save()
    path = anna.session.path
    assert path is not None
    anna.session.close()
    session = VisitSession.open(path)
    reopened = KeptReplica.load(session)
    assert reopened is not None and reopened.replica.cut == anna.cut
    team.replicas[0] = reopened.replica
    try:
        team.sync_all()
        exports: list[dict[str, Any]] = team.exports()
        assert exports[0] == exports[1] == exports[2]
        assert reopened.replica.cut == set()
    finally:
        team.close()
