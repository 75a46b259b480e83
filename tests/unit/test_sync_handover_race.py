"""An edit another program (the window) journals while a sync takes in another officer's
update is not skipped: it goes out at the next hand-over, as every other edit does."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tests.sync_replicas import Team
from visitplanner.demo import build_demo
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import PROGRAM_WINDOW, VisitSession
from visitplanner.sync.replica import Replica


def test_an_edit_journaled_while_an_update_is_taken_in_still_goes_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = Team.of(build_demo(), tmp_path, 2)
    try:
        olena, jean = team[0], team[1]
        event = jean.session.data.events[3]
        jean.apply(
            SaveEntity(dataclasses.replace(event, notes=LocalizedText(fr="Salle Foch")), event)
        )
        update = jean.outgoing()[0]
        path = olena.session.path
        assert path is not None
        receive = olena.document.receive

        def meanwhile(update: bytes) -> Any:
            # The window, on the same file, journals an edit while the update comes in.
            window = VisitSession.open(path, program=PROGRAM_WINDOW)
            try:
                other = window.data.events[5]
                after = dataclasses.replace(other, dress_code=LocalizedText(fr="Tenue de ville"))
                window.apply(SaveEntity(after, other, "Dress code"))
            finally:
                window.close()
            return receive(update)

        monkeypatch.setattr(olena.document, "receive", meanwhile)
        olena.receive(update)
        monkeypatch.undo()
        made = olena.hand_over()
        assert made, "the window's edit was skipped"
        team.send(0)
        dressed = next(
            e for e in jean.session.data.events if e.id == olena.session.data.events[5].id
        )
        assert dressed.dress_code.get("fr") == "Tenue de ville"
        exports = team.exports()
        assert exports[0] == exports[1]
    finally:
        team.close()


def test_what_another_program_brought_in_by_a_sync_is_not_handed_over_as_ones_own(
    tmp_path: Path,
) -> None:
    """The window's replica and the command line's `sync` on one file: the entry the sync
    wrote is another officer's change, not the window's officer's edit."""
    team = Team.of(build_demo(), tmp_path, 2)
    try:
        olena, jean = team[0], team[1]
        path = olena.session.path
        assert path is not None
        event = jean.session.data.events[3]
        jean.apply(
            SaveEntity(dataclasses.replace(event, notes=LocalizedText(fr="Salle Foch")), event)
        )
        # Another program on Olena's file (the command line) takes in Jean's update.
        command_line = Replica.join(
            VisitSession.open(path), olena.document.state(), olena.document.identity
        )
        try:
            command_line.receive(jean.outgoing()[0])
        finally:
            command_line.session.close()
        olena.session.sync()
        assert olena.hand_over() == []
    finally:
        team.close()
