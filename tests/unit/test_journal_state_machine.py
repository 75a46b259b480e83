"""The journal under random use: edits of every kind, undo, redo, reopening, a second writer.

A hypothesis state machine works the demo visit through two sessions on one file (the
window and, standing for another program, a second session; once per run a real
`python -m visitplanner` process). After every step the visit in memory agrees with
the file, the file is sound, ids never change and the undo counts are the model's; at
the end, undoing everything gives back the original visit byte for byte.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from visitplanner.demo import build_demo
from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import HistoryError, StaleError
from visitplanner.domain.model import Event, Person, Venue, VisitData
from visitplanner.domain.values import LocalizedText
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.precedence import reorder_operation
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage import journal
from visitplanner.storage.journal import Key

DINNER = "Dîner de travail"

#: A field never edited by the machine, per kind: an entity keeping its id keeps it.
_IDENTITY = {
    "delegation": "country",
    "person": "family_name",
    "venue": "address",
    "vehicle": "plate",
    "event": "start",
}

#: The fields the machine edits, per kind (each edit writes a new value, so it is a step).
_EDITED = {
    "visit": "notes",
    "delegation": "notes",
    "person": "notes",
    "venue": "security_notes",
    "vehicle": "notes",
    "event": "notes",
}

_COLLECTIONS = {
    "delegation": "delegations",
    "person": "people",
    "venue": "venues",
    "vehicle": "vehicles",
    "event": "events",
}


def _entities(data: VisitData) -> dict[Key, Any]:
    return {(kind.name, entity.id): entity for kind, entity in entity_kinds.walk(data)}


def _inner_ids(data: VisitData) -> dict[str, tuple[list[str], list[str]]]:
    """Running-order line ids and seat ids, by event."""
    return {
        event.id: (
            [line.id for line in event.running_order],
            [seat.id for table in event.seating.tables for seat in table.seats]
            if event.seating is not None
            else [],
        )
        for event in data.events
    }


def _keys(operation: Operation) -> set[Key]:
    """The entities an operation expects to find as it saw them."""
    keys = {w.key for w in operation.writes() if w.before is not None}
    keys |= {(entity_kinds.kind_of(e).name, e.id) for e in operation.affected()}
    return keys


class JournalMachine(RuleBasedStateMachine):
    """Two sessions on one visit file, driven at random, checked against a small model."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="journal-machine-"))
        self.path = self.folder / "demo.visit"
        original = build_demo()
        write_visit(self.path, original)
        self.original = read_visit(self.path)
        self.original_json = visit_to_json(self.original)
        self.original_identity = self._identity(self.original)
        self.original_inner = _inner_ids(self.original)
        self.sessions: list[VisitSession] = []
        #: What the other writer changed since each session last looked at the file.
        self.foreign: list[set[Key]] = [set(), set()]
        self.done = 0
        self.undone = 0
        self.counter = 0
        self.subprocess_used = False
        #: The seat ids of each event's plan, as first seen.
        self.seats_seen: dict[str, list[str]] = {}

    @staticmethod
    def _identity(data: VisitData) -> dict[Key, Any]:
        return {
            (kind, ident): getattr(entity, _IDENTITY[kind])
            for (kind, ident), entity in _entities(data).items()
            if kind in _IDENTITY
        }

    @initialize()
    def open_both(self) -> None:
        self.sessions = [VisitSession.open(self.path), VisitSession.open(self.path)]

    def teardown(self) -> None:
        try:
            if self.sessions:
                first = self.sessions[0]
                first.sync()
                while first.undo_state().done:
                    first.undo()
                assert visit_to_json(first.data) == self.original_json
                assert visit_to_json(read_visit(self.path)) == self.original_json
        finally:
            for session in self.sessions:
                session.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- bookkeeping -----------------------------------------------------------------

    def _next_text(self) -> str:
        self.counter += 1
        return f"edit {self.counter}"

    def _wrote(self, who: int, keys: set[Key]) -> None:
        """`who` wrote `keys`: the other session has not seen them."""
        self.foreign[who].clear()
        self.foreign[1 - who] |= keys

    def _stepped(self) -> None:
        self.done += 1
        self.undone = 0

    def _apply(self, who: int, operation: Operation, makes_step: bool = True) -> None:
        """Apply through session `who`, expecting a refusal exactly when the entities it
        was built from have changed in the file, and only if the other writer did it."""
        session = self.sessions[who]
        in_file = _entities(read_visit(self.path))
        held = _entities(session.data)
        keys = _keys(operation)
        outdated = {key for key in keys if in_file.get(key) != held.get(key)}
        # Nor may it link to what the other writer deleted.
        present = {ident for _kind, ident in in_file}
        for w in operation.writes():
            if w.after is not None:
                links = entity_kinds.kind_of(w.after).links(w.after)
                earlier = entity_kinds.kind_of(w.after).links(w.before) if w.before else set()
                written = {x.key[1] for x in operation.writes()}
                outdated |= {(k, i) for k, i in held if i in links - earlier - present - written}
        # A deletion must also know everything in the file that refers to what it deletes.
        gone = {w.key[1] for w in operation.writes() if w.after is None}
        outdated |= {
            key
            for key, entity in in_file.items()
            if gone
            and key not in keys
            and key[1] not in gone
            and entity_kinds.BY_NAME[key[0]].links(entity) & gone
        }
        try:
            change = session.apply(operation)
        except StaleError:
            assert outdated, "refused though nothing it edits changed"
            assert outdated & self.foreign[who], "refused though the other writer touched none"
            self.foreign[who].clear()
            return
        assert not outdated, f"{outdated} changed in the file but the edit was not refused"
        written = {w.key for w in operation.writes()} | keys
        touched = {(kind, ident) for kind, ids in change.ids.items() for ident in ids}
        if makes_step:
            assert written <= touched
        # What the change names beyond the operation's own writes, it caught up.
        self._wrote(who, written & touched)
        if makes_step:
            self._stepped()

    # -- edits -----------------------------------------------------------------------

    @rule(
        who=st.integers(0, 1),
        kind=st.sampled_from(sorted(_EDITED)),
        pick=st.integers(0, 10_000),
    )
    def edit_a_field(self, who: int, kind: str, pick: int) -> None:
        data = self.sessions[who].data
        if kind == "visit":
            entity: Any = data.visit
        else:
            items = getattr(data, _COLLECTIONS[kind])
            if not items:
                return
            entity = items[pick % len(items)]
        text: Any = self._next_text()
        if kind in ("vehicle", "venue", "event"):  # these notes have a version per language
            text = LocalizedText(fr=text, uk=f"{text} (uk)")
        after = dataclasses.replace(entity, **{_EDITED[kind]: text})
        self._apply(who, SaveEntity(after, entity, "Edit"))

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000))
    def create_a_person(self, who: int, pick: int) -> None:
        data = self.sessions[who].data
        delegation = data.delegations[pick % len(data.delegations)] if data.delegations else None
        person = Person(
            family_name=f"Nouveau{self.counter}",
            given_name="Test",
            delegation_id=delegation.id if delegation else None,
            rank=100 + self.counter,
        )
        self.counter += 1
        self._apply(who, SaveEntity(person, None, "Add a person"))

    @rule(who=st.integers(0, 1))
    def create_a_venue(self, who: int) -> None:
        venue = Venue(name=LocalizedText(fr=f"Salle {self.counter}"), address=f"{self.counter} rue")
        self.counter += 1
        self._apply(who, SaveEntity(venue, None, "Add a venue"))

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000), size=st.integers(0, 4))
    def create_an_event(self, who: int, pick: int, size: int) -> None:
        data = self.sessions[who].data
        start = data.events[pick % len(data.events)].start if data.events else None
        if start is None:
            return
        people = data.people
        participants = (
            [people[(pick + 7 * n) % len(people)].id for n in range(size)] if people else []
        )
        venue = data.venues[pick % len(data.venues)].id if data.venues else None
        event = Event(
            title=LocalizedText(fr=f"Réunion {self.counter}"),
            start=start + timedelta(minutes=self.counter),
            end=start + timedelta(minutes=self.counter + 30),
            venue_id=venue,
            participant_ids=list(dict.fromkeys(participants)),
        )
        self.counter += 1
        self._apply(who, SaveEntity(event, None, "Add an event"))

    @rule(
        who=st.integers(0, 1),
        kind=st.sampled_from(sorted(_COLLECTIONS)),
        pick=st.integers(0, 10_000),
    )
    def delete_one(self, who: int, kind: str, pick: int) -> None:
        data = self.sessions[who].data
        items = getattr(data, _COLLECTIONS[kind])
        if not items:
            return
        self._apply(who, delete_operation(data, items[pick % len(items)]))

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000), seed=st.randoms())
    def reorder_a_delegation(self, who: int, pick: int, seed: Any) -> None:
        data = self.sessions[who].data
        if not data.delegations:
            return
        delegation = data.delegations[pick % len(data.delegations)]
        order = [p.id for p in data.members(delegation.id)]
        seed.shuffle(order)
        command = reorder_operation(data, delegation.id, order)
        if not command.edits:
            return
        self._apply(who, command)

    # -- undo, redo, files, other programs -------------------------------------------

    @rule(who=st.integers(0, 1))
    def undo(self, who: int) -> None:
        session = self.sessions[who]
        entry = journal.last_done(session.database.conn)
        try:
            change = session.undo()
        except HistoryError as error:
            assert self.done == 0, f"undo refused with {self.done} steps done: {error}"
            self.foreign[who].clear()
            return
        assert self.done > 0
        self.done -= 1
        self.undone += 1
        assert entry is not None
        written = {(c.kind, c.id) for c in entry.changes}
        assert written <= {(kind, ident) for kind, ids in change.ids.items() for ident in ids}
        self._wrote(who, written)

    @rule(who=st.integers(0, 1))
    def redo(self, who: int) -> None:
        session = self.sessions[who]
        entry = journal.first_undone(session.database.conn)
        try:
            change = session.redo()
        except HistoryError as error:
            assert self.undone == 0, f"redo refused with {self.undone} steps undone: {error}"
            self.foreign[who].clear()
            return
        assert self.undone > 0
        self.undone -= 1
        self.done += 1
        assert entry is not None
        written = {(c.kind, c.id) for c in entry.changes}
        assert written <= {(kind, ident) for kind, ids in change.ids.items() for ident in ids}
        self._wrote(who, written)

    @rule(who=st.integers(0, 1))
    def close_and_reopen(self, who: int) -> None:
        self.sessions[who].close()
        self.sessions[who] = VisitSession.open(self.path)
        self.foreign[who].clear()

    @rule(who=st.integers(0, 1))
    def sync(self, who: int) -> None:
        expected = set(self.foreign[who])
        change = self.sessions[who].sync()
        got = {(kind, ident) for kind, ids in change.ids.items() for ident in ids}
        assert expected <= got
        self.foreign[who].clear()

    @precondition(lambda self: not self.subprocess_used)
    @rule()
    def another_process_proposes_seating(self) -> None:
        self.subprocess_used = True
        before = read_visit(self.path)
        dinner = next((e for e in before.events if e.title.get("fr").startswith(DINNER)), None)
        if dinner is None:
            return
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "visitplanner",
                "seating",
                "--propose",
                str(self.path),
                dinner.id,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        if read_visit(self.path).event(dinner.id).seating != dinner.seating:
            self._stepped()
            self.foreign[0].add(("event", dinner.id))
            self.foreign[1].add(("event", dinner.id))

    # -- invariants ------------------------------------------------------------------

    @invariant()
    def memory_agrees_with_the_file(self) -> None:
        if not self.sessions:
            return
        in_file = visit_to_json(read_visit(self.path))
        for who, session in enumerate(self.sessions):
            if not self.foreign[who]:
                assert visit_to_json(session.data) == in_file, f"session {who} differs"

    @invariant()
    def the_file_is_sound(self) -> None:
        conn = sqlite3.connect(self.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()

    @invariant()
    def ids_are_stable(self) -> None:
        now = read_visit(self.path)
        identity = self._identity(now)
        for key, value in identity.items():
            if key in self.original_identity:
                assert value == self.original_identity[key], f"{key} changed identity"
        inner = _inner_ids(now)
        for event_id, (lines, _seats) in inner.items():
            if event_id in self.original_inner:
                assert lines == self.original_inner[event_id][0]
        for event_id, (_lines, seats) in inner.items():
            # Seats are proposed once at most: a plan kept keeps its seats' ids.
            if event_id in self.seats_seen and seats and self.seats_seen[event_id]:
                assert seats == self.seats_seen[event_id]
            if seats:
                self.seats_seen.setdefault(event_id, seats)

    @invariant()
    def undo_counts_are_the_models(self) -> None:
        if not self.sessions:
            return
        state = self.sessions[0].undo_state()
        assert (state.done, state.undone) == (self.done, self.undone)


JournalMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestJournalMachine = JournalMachine.TestCase


def test_another_process_undoes_what_the_window_did(tmp_path: Path) -> None:
    """`visitplanner undo` in another process; the window notices, refuses a stale edit
    of what it took back, and goes on after syncing."""
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    window = VisitSession.open(path)
    original = visit_to_json(window.data)
    person = window.data.people[0]
    window.apply(SaveEntity(dataclasses.replace(person, notes="vu"), person, "Notes"))
    undone = subprocess.run(
        [sys.executable, "-m", "visitplanner", "undo", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert undone.returncode == 0, undone.stderr
    held = window.data.person(person.id)
    try:
        window.apply(SaveEntity(dataclasses.replace(held, notes="encore"), held, "Notes"))
    except StaleError:
        pass
    else:
        raise AssertionError("an edit of what another process took back was not refused")
    assert visit_to_json(window.data) == original
    fresh = window.data.person(person.id)
    window.apply(SaveEntity(dataclasses.replace(fresh, notes="encore"), fresh, "Notes"))
    assert read_visit(path).person(person.id).notes == "encore"
    assert (window.undo_state().done, window.undo_state().undone) == (1, 0)
    window.undo()
    assert visit_to_json(read_visit(path)) == original
    window.close()


def test_what_an_undo_brings_back_can_be_edited_from_another_session(tmp_path: Path) -> None:
    """Undoing a deletion marks the entity alive again, so another program may edit it."""
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    window, other = VisitSession.open(path), VisitSession.open(path)
    person = window.data.people[0]
    window.apply(delete_operation(window.data, person))
    window.undo()
    other.sync()
    held = other.data.person(person.id)
    other.apply(SaveEntity(dataclasses.replace(held, notes="vu"), held, "Notes"))
    assert read_visit(path).person(person.id).notes == "vu"
    window.close()
    other.close()


def test_a_deletion_blind_to_a_new_link_is_refused_not_half_done(tmp_path: Path) -> None:
    """Another program put a person in a new event; deleting that person from a session
    that has not seen the event is refused as stale (not cut silently from the event)."""
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    window, other = VisitSession.open(path), VisitSession.open(path)
    person = window.data.people[0]
    start = other.data.events[0].start
    event = Event(
        title=LocalizedText(fr="Nouvelle réunion"),
        start=start,
        end=start + timedelta(hours=1),
        participant_ids=[person.id],
    )
    other.apply(SaveEntity(event, None, "Add an event"))
    try:
        window.apply(delete_operation(window.data, person))
    except StaleError:
        pass
    else:
        raise AssertionError("the deletion did not see the new event and was not refused")
    assert read_visit(path).event(event.id).participant_ids == [person.id]
    window.apply(delete_operation(window.data, window.data.person(person.id)))
    window.undo()
    assert read_visit(path).event(event.id).participant_ids == [person.id]
    window.close()
    other.close()
