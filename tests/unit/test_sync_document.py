"""The demo visit shared between replicas (each its own visit file): what two officers do
apart merges, what the merge settles against one of them is told in plain words, and
every replica ends with the same visit."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.sync_replicas import Team, dangling, fixed_clock
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import StepKind
from visitplanner.domain.model import Event, Person, RunningOrderItem
from visitplanner.domain.plain import to_plain
from visitplanner.domain.seating import move
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.storage.journal import EntityChange
from visitplanner.sync.document import Identity, VisitDocument
from visitplanner.sync.replica import Replica

DINNER = "Working dinner of the two delegations"
CEREMONY = "8 May commemorative ceremony"


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    set_language("en")
    made = Team.of(build_demo(), tmp_path, 2)
    yield made
    made.close()


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[Team]:
    set_language("en")
    made = Team.of(build_demo(), tmp_path, 3)
    yield made
    made.close()


def _event(team: Team, n: int, title: str) -> Event:
    return next(e for e in team[n].session.data.events if e.title.get("en").startswith(title))


def _person(team: Team, n: int, ident: str) -> Person | None:
    return next((p for p in team[n].session.data.people if p.id == ident), None)


def _edit(team: Team, n: int, entity: Any, **fields: Any) -> None:
    team[n].apply(SaveEntity(dataclasses.replace(copy.deepcopy(entity), **fields), entity))


def _same_everywhere(team: Team) -> dict[str, Any]:
    exports = team.exports()
    for other in exports[1:]:
        assert other == exports[0]
    for replica in team.replicas:
        assert dangling(replica.session.data) == []
    return exports[0]


def test_two_officers_changing_different_fields_of_one_event_both_keep_their_change(
    team: Team,
) -> None:
    dinner = _event(team, 0, DINNER)
    _edit(team, 0, dinner, dress_code=LocalizedText.same("Black tie"))
    _edit(team, 1, _event(team, 1, DINNER), notes=LocalizedText.same("Menu without pork"))
    team.sync_all()
    for n in (0, 1):
        merged = _event(team, n, DINNER)
        assert merged.dress_code.get("en") == "Black tie"
        assert merged.notes.get("en") == "Menu without pork"
    assert team.told == [[], []]
    _same_everywhere(team)


def test_same_field_changed_apart_keeps_one_value_and_tells_the_officer_who_lost(
    team: Team,
) -> None:
    dinner = _event(team, 0, DINNER)
    start = dinner.start
    _edit(team, 0, dinner, start=start + timedelta(minutes=30), end=dinner.end)
    other = _event(team, 1, DINNER)
    _edit(team, 1, other, start=start + timedelta(minutes=15))
    team.sync_all()
    starts = {_event(team, n, DINNER).start for n in (0, 1)}
    assert len(starts) == 1
    won = starts.pop()
    loser = 1 if won == start + timedelta(minutes=30) else 0
    assert team.told[1 - loser] == []
    (message,) = team.told[loser]
    winner = ("Olena Kovalenko (laptop-3)", "Jean Dupont (pc-protocole)")[1 - loser]
    assert message.startswith(f"“{dinner.title.get('en')}”: start, ")
    assert f"set by {winner} at " in message
    assert message.endswith("while you were offline")
    mine = start + timedelta(minutes=15 if loser else 30)
    assert f", {mine.strftime('%H:%M')}, was replaced by {won.strftime('%H:%M')}" in message
    _same_everywhere(team)


def test_the_history_names_the_officer_whose_update_came_in_and_undo_leaves_it_alone(
    team: Team,
) -> None:
    dinner = _event(team, 0, DINNER)
    _edit(team, 0, dinner, dress_code=LocalizedText.same("Black tie"))
    _edit(team, 1, _event(team, 1, CEREMONY), notes=LocalizedText.same("Rain plan"))
    team.sync_all()
    history = team[0].session.history(2)
    assert history[0].label == "From Jean Dupont (pc-protocole): 1 change"
    assert not history[0].undoable
    team[0].undo()
    team.sync_all()
    for n in (0, 1):
        assert _event(team, n, DINNER).dress_code == dinner.dress_code
        assert _event(team, n, CEREMONY).notes.get("en") == "Rain plan"
    _same_everywhere(team)


def test_a_deletion_met_by_an_edit_wins_and_the_editor_is_told(team: Team) -> None:
    guest = next(p for p in team[0].session.data.people if p.function.get("en"))
    team[0].apply(delete_operation(team[0].session.data, guest))
    held = _person(team, 1, guest.id)
    assert held is not None
    _edit(team, 1, held, notes="Arrives late")
    team.sync_all()
    assert _person(team, 0, guest.id) is None
    assert _person(team, 1, guest.id) is None
    assert team.told[0] == []
    (message,) = team.told[1]
    assert message.startswith(f"“{held.display_name()}” was deleted by Olena Kovalenko (laptop-3)")
    assert "the deletion wins, and your change is kept in the history" in message
    assert any(e.label.startswith("Edit") for e in team[1].session.history())
    _same_everywhere(team)


def test_a_person_deleted_on_one_laptop_and_seated_on_another_leaves_the_seat_free(
    team: Team,
) -> None:
    dinner = _event(team, 1, DINNER)
    assert dinner.seating is not None
    seated = dinner.seating.seated_ids()
    empty = next(s for _t, s in dinner.seating.seats() if s.person_id is None)
    guest = next(
        p
        for p in team[1].session.data.people
        if p.id not in seated and p.id not in {x for e in team[1].session.data.events for x in []}
    )
    _edit(team, 1, dinner, seating=move(dinner.seating, guest.id, empty.id))
    team[0].apply(delete_operation(team[0].session.data, _person(team, 0, guest.id)))
    team.sync_all()
    for n in (0, 1):
        plan = _event(team, n, DINNER).seating
        assert plan is not None
        assert guest.id not in plan.seated_ids()
        assert plan.seat(empty.id).person_id is None
    assert any("a link to what another officer deleted was cut" in m for m in team.told[1])
    _same_everywhere(team)


def test_lines_added_to_a_running_order_at_once_are_both_kept_in_one_order(team: Team) -> None:
    def add_line(n: int, text: str, after: int) -> None:
        ceremony = _event(team, n, CEREMONY)
        lines = list(ceremony.running_order)
        line = RunningOrderItem(
            at=lines[after].at, action=LocalizedText.same(text), kind=StepKind.OTHER
        )
        lines.insert(after + 1, line)
        _edit(team, n, ceremony, running_order=lines)

    add_line(0, "Minute of silence", 3)
    add_line(1, "Anthem", 3)
    first = _event(team, 0, CEREMONY)
    team.sync_all()
    orders = [
        [line.action.get("en") for line in _event(team, n, CEREMONY).running_order] for n in (0, 1)
    ]
    assert orders[0] == orders[1]
    assert len(orders[0]) == len(first.running_order) + 1
    assert {"Minute of silence", "Anthem"} <= set(orders[0])
    _same_everywhere(team)


def test_a_line_edited_on_one_laptop_and_moved_on_another_keeps_both(team: Team) -> None:
    ceremony = _event(team, 0, CEREMONY)
    lines = list(ceremony.running_order)
    moved = [lines[5], *lines[:5], *lines[6:]]
    _edit(team, 0, ceremony, running_order=moved)
    other = _event(team, 1, CEREMONY)
    changed = copy.deepcopy(other.running_order)
    changed[5].where = LocalizedText.same("North steps")
    _edit(team, 1, other, running_order=changed)
    team.sync_all()
    for n in (0, 1):
        merged = _event(team, n, CEREMONY).running_order
        assert merged[0].id == lines[5].id
        assert merged[0].where.get("en") == "North steps"
    _same_everywhere(team)


def test_people_added_apart_keep_one_order_everywhere(trio: Team) -> None:
    for n in range(3):
        member = next(p for p in trio[n].session.data.people if p.delegation_id)
        twin = dataclasses.replace(
            copy.deepcopy(member),
            family_name=f"Newcomer {n}",
            id=f"00000000-0000-4000-8000-00000000000{n}",
        )
        trio[n].apply(SaveEntity(twin))
    trio.sync_all()
    people = _same_everywhere(trio)["people"]
    assert {p["family_name"] for p in people} >= {f"Newcomer {n}" for n in range(3)}


def test_undo_on_one_replica_travels_to_the_others(trio: Team) -> None:
    dinner = _event(trio, 0, DINNER)
    _edit(trio, 0, dinner, purpose=LocalizedText.same("Roadmap"))
    trio.sync_all()
    assert _event(trio, 2, DINNER).purpose.get("en") == "Roadmap"
    trio[0].undo()
    trio.sync_all()
    assert _event(trio, 2, DINNER).purpose == dinner.purpose
    trio[0].redo()
    trio.sync_all()
    assert _event(trio, 1, DINNER).purpose.get("en") == "Roadmap"
    _same_everywhere(trio)


def test_an_event_given_start_and_end_apart_never_ends_before_it_starts(team: Team) -> None:
    dinner = _event(team, 0, DINNER)
    late = timedelta(hours=3)
    _edit(team, 0, dinner, start=dinner.start + late, end=dinner.end + late)
    other = _event(team, 1, DINNER)
    _edit(team, 1, other, start=other.start - late, end=other.end - late)
    team.sync_all()
    merged = _event(team, 0, DINNER)
    assert merged.end >= merged.start
    _same_everywhere(team)


def test_the_document_rebuilt_from_its_state_holds_the_same_visit() -> None:
    data = build_demo()
    first = VisitDocument.build(data, Identity("Olena Kovalenko", "laptop-3"))
    second = VisitDocument.load(first.state(), Identity("Jean Dupont", "pc-protocole"))
    assert second.visit_plain() == first.visit_plain()
    ceremony = next(e for e in data.events if e.running_order)
    plain = second.entity("event", ceremony.id)
    assert plain is not None
    assert [line["id"] for line in plain["running_order"]] == [
        line.id for line in ceremony.running_order
    ]


def test_an_update_says_what_was_created_changed_and_deleted_and_who_set_a_value() -> None:
    set_language("en")
    data = build_demo()
    olena = VisitDocument.build(
        data, Identity("Olena Kovalenko", "laptop-3"), clock=lambda: fixed_clock(12, 2)
    )
    jean = VisitDocument.load(olena.state(), Identity("Jean Dupont", "pc-protocole"))
    dinner = next(e for e in data.events if e.seating is not None)
    guest = data.people[-1]
    newcomer = {
        "id": "00000000-0000-4000-8000-000000000001",
        "name": to_plain(LocalizedText.same("Salle Foch")),
    }
    venue = next(iter(data.venues))
    created = {**to_plain(venue), **newcomer}
    start = to_plain(dinner.start + timedelta(minutes=30))
    update = olena.local(
        [
            EntityChange("event", dinner.id, {"start": to_plain(dinner.start)}, {"start": start}),
            EntityChange("person", guest.id, to_plain(guest), None),
            EntityChange("venue", newcomer["id"], None, created),
        ]
    )
    incoming = jean.receive(update)
    assert incoming.changed[("event", dinner.id)] == {"start": start}
    assert ("person", guest.id) in incoming.deleted
    assert incoming.created[("venue", newcomer["id"])]["name"]["fr"] == "Salle Foch"
    assert incoming.authors == [Identity("Olena Kovalenko", "laptop-3")]
    stamp = jean.stamp_of("event", dinner.id, "start")
    assert stamp is not None
    assert (stamp.officer, stamp.machine, stamp.at) == (
        "Olena Kovalenko",
        "laptop-3",
        fixed_clock(12, 2),
    )
    assert jean.ordered_ids("venue")[-1] == newcomer["id"]


def test_a_running_order_line_changed_on_both_laptops_tells_the_loser_which_column(
    team: Team,
) -> None:
    for n, place in ((0, "North steps"), (1, "South steps")):
        ceremony = _event(team, n, CEREMONY)
        lines = copy.deepcopy(ceremony.running_order)
        lines[2].where = LocalizedText.same(place)
        _edit(team, n, ceremony, running_order=lines)
    team.sync_all()
    places = {_event(team, n, CEREMONY).running_order[2].where.get("en") for n in (0, 1)}
    assert len(places) == 1
    told = [m for messages in team.told for m in messages]
    (message,) = told
    assert ": running order, “where”, " in message
    assert "North steps" in message and "South steps" in message
    _same_everywhere(team)


def test_a_line_deleted_on_one_laptop_while_changed_on_another_goes_and_is_reported(
    team: Team,
) -> None:
    ceremony = _event(team, 0, CEREMONY)
    doomed = ceremony.running_order[4]
    _edit(team, 0, ceremony, running_order=[x for x in ceremony.running_order if x.id != doomed.id])
    other = _event(team, 1, CEREMONY)
    lines = copy.deepcopy(other.running_order)
    lines[4].where = LocalizedText.same("Under the arch")
    _edit(team, 1, other, running_order=lines)
    team.sync_all()
    for n in (0, 1):
        assert doomed.id not in {x.id for x in _event(team, n, CEREMONY).running_order}
    (message,) = team.told[1]
    assert "a line you changed (“where”) was deleted elsewhere" in message
    _same_everywhere(team)


def test_a_replica_made_from_the_state_alone_holds_the_same_visit(team: Team) -> None:
    dinner = _event(team, 0, DINNER)
    _edit(team, 0, dinner, dress_code=LocalizedText.same("Black tie"))
    team.sync_all()
    third = Replica.create(
        team.folder / "replica-new.visit", team[0].document.state(), Identity("Anna", "laptop-7")
    )
    team.replicas.append(third)
    team.told.append([])
    _edit(team, 2, _event(team, 2, CEREMONY), notes=LocalizedText.same("Rain plan"))
    team.sync_all()
    assert _event(team, 0, CEREMONY).notes.get("fr") == "Rain plan"
    _same_everywhere(team)


def test_the_officer_who_lost_restores_their_value_in_one_step_and_it_travels(team: Team) -> None:
    for n, hour in ((0, "North gate"), (1, "South gate")):
        dinner = _event(team, n, DINNER)
        _edit(team, n, dinner, dress_code=LocalizedText.same(hour))
    received = [r for n in (0, 1) for r in team.send(n)]
    (conflict,) = [c for r in received for c in r.incoming.conflicts]
    loser = 0 if conflict.by is not None and conflict.by.officer == "Jean Dupont" else 1
    team.sync_all()
    team[loser].restore(conflict)
    team.sync_all()
    for n in (0, 1):
        assert _event(team, n, DINNER).dress_code.get("fr") == conflict.mine["fr"]
    assert team[loser].session.history(1)[0].label == "Restore my value"
    _same_everywhere(team)
