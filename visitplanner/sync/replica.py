"""One officer's replica of a shared visit: the open visit file and its Yjs document, in step.

Every local operation (apply, undo, redo, record) goes through the session as before;
then the journal entries it wrote, or the ones it marked undone or done again, become
one update of the document each (`hand_over`), kept as pending until the server has
them (`acknowledge`). Another officer's update comes in (`receive`) as ONE operation
of the visit file, journaled not undoable under a label naming the officer, raising
revisions, so the window refreshes as for any edit and Undo takes back only this
officer's own changes. What the merge settled against this officer is told in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import HistoryError
from visitplanner.domain.model import VisitData
from visitplanner.domain.plain import (
    Plain,
    entity_from_plain,
    fields_to_plain,
    to_plain,
    with_plain_fields,
)
from visitplanner.i18n import _, ngettext
from visitplanner.operations.change import Change
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import PROGRAM_COMMAND_LINE, PROGRAM_SYNC, VisitSession
from visitplanner.storage import journal
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.journal import EntityChange, JournalEntry, Key
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.sync_rows import write_shared_records
from visitplanner.sync.document import Conflict, Identity, Incoming, VisitDocument
from visitplanner.sync.records import RECORD_KINDS, same_calendars, same_versions
from visitplanner.sync.reports import messages, who


@dataclass(frozen=True)
class Received:
    """What another replica's update did here: what changed (for the window), what the
    document said, and what to tell the officer."""

    change: Change
    incoming: Incoming
    messages: list[str] = field(default_factory=list)


def _reversed(changes: Sequence[EntityChange]) -> list[EntityChange]:
    """What undoing `changes` does, as changes: each one's after and before swapped."""
    return [EntityChange(c.kind, c.id, c.after, c.before) for c in reversed(changes)]


class Replica:
    """A visit session joined to its shared document."""

    def __init__(self, session: VisitSession, document: VisitDocument) -> None:
        self.session = session
        self.document = document
        #: Updates made here that the server has not acknowledged, oldest first.
        self.pending: list[bytes] = []
        conn = session.database.conn
        self._seq = journal.last_seq(conn)
        self._states = journal.undoable_states(conn)
        #: Journal entries that brought in other replicas' updates: never handed back.
        self._received: set[int] = set()
        #: What the document held when the server last had everything of this replica.
        self._acknowledged = document.state_vector()
        #: False when the document holds an update that could not be written into the
        #: visit file (disk full, a constraint): the next `receive` brings it in step first.
        self.in_step = True
        #: Entities whose links the visit file cut (what they referred to went) while the
        #: document keeps them: an update that brings it back (an undone deletion that
        #: arrives in two parts) writes their links again (see `_restore_cut`).
        self.cut: set[Key] = set()

    def progress(self) -> tuple[int, dict[int, bool], frozenset[int]]:
        """How far the journal was handed over (last entry, each undoable entry's state,
        the entries that brought other officers' updates): what a visit file keeps."""
        return self._seq, dict(self._states), frozenset(self._received)

    def resume(self, seq: int, states: dict[int, bool], received: frozenset[int]) -> None:
        """Carry on from what `progress` gave when the replica was last kept: entries
        written since (by this program or another on the file) are handed over next."""
        self._seq, self._states, self._received = seq, dict(states), set(received)

    @classmethod
    def share(cls, session: VisitSession, identity: Identity) -> Replica:
        """The first replica of a visit: its document made from the visit file."""
        repo = session.repository
        document = VisitDocument.build(session.data, identity, repo.ids_by_place)
        return cls(session, document)

    @classmethod
    def join(cls, session: VisitSession, state: bytes, identity: Identity) -> Replica:
        """A replica of a shared visit whose file is a copy of the one shared, and whose
        document starts from `state` (another replica's `document.state()`)."""
        return cls(session, VisitDocument.load(state, identity))

    @classmethod
    def create(
        cls, path: Path, state: bytes, identity: Identity, program: str = PROGRAM_COMMAND_LINE
    ) -> Replica:
        """A new replica at `path` (which must not exist) of the visit whose document
        state another replica handed over: the visit file is written from the document,
        the rows in the document's order."""
        document = VisitDocument.load(state, identity)
        data = document.visit_data()
        database = VisitDatabase.create(path)
        try:
            with database.transaction():
                VisitRepository(database).save_all(data)
        finally:
            database.close()
        return cls(VisitSession.open(path, program=program), document)

    # -- local operations --------------------------------------------------------------

    def apply(self, operation: Operation) -> Change:
        """Carry out `operation` on the visit and hand it over to the document."""
        change = self.session.apply(operation)
        self.hand_over()
        return change

    def undo(self) -> Change:
        """Take back this officer's latest operation, in the document too."""
        change = self.session.undo()
        self.hand_over()
        return change

    def redo(self) -> Change:
        """Carry out again the operation undone last, in the document too."""
        change = self.session.redo()
        self.hand_over()
        return change

    def record(
        self,
        label: str,
        write: Callable[[VisitRepository], None],
        touched: Sequence[tuple[str, str]],
        summary: Sequence[EntityChange] = (),
    ) -> Change:
        """Journaled bookkeeping (`VisitSession.record`), handed over as it changed."""
        change = self.session.record(label, write, touched, summary)
        self.hand_over()
        return change

    def restore(self, conflict: Conflict) -> Change:
        """Set back the value of this officer's that a merge replaced (one click from the
        report): an edit of this officer's like any other, undoable, handed over."""
        return self.apply(restore_operation(self.session.data, conflict))

    def hand_over(self) -> list[bytes]:
        """The updates of what the journal holds that the document has not had: new
        operations (by this program or another one on the same file), and operations
        undone or done again since. Kept as pending; returned too."""
        conn = self.session.database.conn
        states = journal.undoable_states(conn)
        order = self.session.repository.ids_by_place
        updates: list[bytes] = []
        # Undone since: the latest first; done again: the earliest first.
        for seq in sorted(states, reverse=True):
            if seq <= self._seq and self._states.get(seq) and not states[seq]:
                updates.append(self._send(seq, undo=True, order=order))
        for seq in sorted(states):
            if seq <= self._seq and self._states.get(seq) is False and states[seq]:
                updates.append(self._send(seq, undo=False, order=order))
        records = False
        for entry in journal.entries_after(conn, self._seq):
            if entry.seq in self._received or entry.program == PROGRAM_SYNC:
                # What a sync brought in, here or by another program on the file (the
                # command line's `sync` while the window is open), is nobody's edit here.
                continue
            records = records or any(c.kind in RECORD_KINDS for c in entry.changes)
            if entry.done:
                updates.append(self._changes(entry, list(entry.changes), order))
        if records:
            updates.append(self.document.local_records(self.session.data))
        self._seq = journal.last_seq(conn)
        self._states = states
        found = [u for u in updates if u]
        self.pending.extend(found)
        return found

    def _send(self, seq: int, undo: bool, order: Callable[[str], Sequence[str]]) -> bytes:
        entry = journal.entry_at(self.session.database.conn, seq)
        if entry is None:
            return b""
        changes = _reversed(entry.changes) if undo else list(entry.changes)
        return self._changes(entry, changes, order)

    def _changes(
        self,
        entry: JournalEntry,
        changes: list[EntityChange],
        order: Callable[[str], Sequence[str]],
    ) -> bytes:
        shared = [c for c in changes if c.kind in entity_kinds.BY_NAME]
        return self.document.local(shared, order) if shared else b""

    def outgoing(self) -> list[bytes]:
        """Every pending update, oldest first, to be sent in that order (not merged into
        one: pycrdt 0.14's `merge_updates` can drop a field's new value when the updates
        merged depend on ones from a third replica)."""
        return list(self.pending)

    def outgoing_as_one(self) -> bytes:
        """Everything written here since the last acknowledgement as one update (empty
        when nothing waits): what a replica back online sends, rather than its edits one
        by one. Made by Yrs from the document (what others wrote meanwhile rides along;
        the server has it already), not by merging the pending updates."""
        if not self.pending:
            return b""
        return self.document.update_since(self._acknowledged)

    def acknowledge(self) -> None:
        """The server has every pending update: nothing waits any more."""
        self.pending.clear()
        self._acknowledged = self.document.state_vector()

    # -- another replica's update ------------------------------------------------------

    def receive(self, update: bytes) -> Received:
        """Take in another replica's update: written to the visit file as one operation
        (not undoable), the officer told what the merge settled against them. Should the
        writing fail, the error is raised and the replica is marked out of step: the next
        update received (or the next opening of a kept replica) writes what was missed."""
        if not self.in_step:
            self.resync()
        self.hand_over()
        incoming = self.document.receive(update)
        if incoming.update:
            self.pending.append(incoming.update)
        told = messages(incoming, self.document.entity)
        if not incoming:
            return Received(Change(), incoming, told)
        label = ngettext(
            "From {who}: {count} change", "From {who}: {count} changes", incoming.count
        )
        self._restore_cut(incoming)
        author = (
            ", ".join(dict.fromkeys(a.officer for a in incoming.authors)),
            ", ".join(dict.fromkeys(a.machine for a in incoming.authors)),
        )
        self.in_step = False
        change = self._take_in(
            incoming,
            label.format(who=who(incoming.authors), count=incoming.count),
            author if incoming.authors else None,
        )
        self.in_step = True
        return Received(change, incoming, told)

    def resync(self) -> Received:
        """Write into the visit file whatever differs from the document (after an update
        whose writing failed, or to check that both agree: nothing then)."""
        self.hand_over()
        incoming = Incoming()
        held = {(kind.name, e.id): e for kind, e in entity_kinds.walk(self.session.data)}
        shared = self.document.visit_plain()
        for kind, found in shared.items():
            for ident, plain in found.items():
                entity = held.get((kind, ident))
                if entity is None:
                    incoming.created[(kind, ident)] = plain
                    continue
                now = to_plain(entity)
                moved = {name: value for name, value in plain.items() if now.get(name) != value}
                if moved:
                    incoming.changed[(kind, ident)] = moved
        for (kind, ident), entity in held.items():
            if kind != "visit" and ident not in shared[kind]:
                incoming.deleted[(kind, ident)] = to_plain(entity)
        data = self.session.data
        incoming.records = not same_calendars(
            data.calendars, self.document.records.calendars()
        ) or not same_versions(data.versions, self.document.records.programme_versions())
        repo = self.session.repository
        incoming.reordered = {
            kind
            for kind in shared
            if kind != "visit" and repo.ids_by_place(kind) != self.document.ordered_ids(kind)
        }
        if not incoming:
            self.in_step = True
            return Received(Change(), incoming)
        count = incoming.count
        label = ngettext(
            "Brought in step with the shared visit: {count} change",
            "Brought in step with the shared visit: {count} changes",
            count,
        ).format(count=count)
        identity = self.document.identity
        change = self._take_in(incoming, label, (identity.officer, identity.machine))
        self.in_step = True
        return Received(change, incoming)

    def _take_in(
        self, incoming: Incoming, label: str, author: tuple[str, str] | None = None
    ) -> Change:
        """Write `incoming` into the visit file as one operation, not undoable, the
        journal naming `author` (officers, machines) as whose it is."""
        summary: list[EntityChange] = []
        touched: list[Key] = [*incoming.created, *incoming.changed, *incoming.deleted]
        gone = {ident for _kind, ident in incoming.deleted}
        linked: list[Key] = []
        if gone:
            # The file cuts their links to what goes (or takes them along): read again.
            linked = [
                (entity_kinds.kind_of(e).name, e.id)
                for e in entity_kinds.linked_to(self.session.data, gone)
            ]
            touched.extend(linked)

        renumbered: set[str] = set()
        if incoming.records:
            touched.extend([("calendars", "sent"), ("versions", "*")])

        ours = 0

        def write(repo: VisitRepository) -> None:
            nonlocal ours
            ours = journal.next_seq(repo.conn)
            summary.extend(_write(repo, incoming, self.document, renumbered))
            if incoming.records:
                records = self.document.records
                calendars, versions = records.calendars(), records.programme_versions()
                if write_shared_records(repo.conn, calendars, versions):
                    summary.append(EntityChange("shared_records", "*", None, {}))

        change = self.session.record(label, write, touched, summary, author)
        # Not handed back; and how far the journal was handed over stays where it was:
        # an edit another program (the window) journaled meanwhile still goes out.
        self._received.add(ours)
        for kind in renumbered:
            whole = Change.of(kind, {"*"})
            self.session.reload(whole)
            change = change | whole
        self.cut = {key for key in self.cut | set(linked) if self._differs(key)}
        return change

    def _differs(self, key: Key) -> dict[str, Plain]:
        """The fields of an entity the document holds otherwise than the visit file:
        every field when the file has it no more (a dependent the file took along), none
        when the document has it no more."""
        kind, ident = key
        shared = self.document.entity(kind, ident)
        if shared is None:
            return {}
        held = self.session.entity(kind, ident)
        if held is None:
            return dict(shared)
        now = to_plain(held)
        return {name: value for name, value in shared.items() if now.get(name) != value}

    def _restore_cut(self, incoming: Incoming) -> None:
        """Add to `incoming` what the file cut and the document kept (links, dependents
        the file took along) of entities whose every link the file will hold once
        `incoming` is written (what they referred to came back); the others wait for a
        later update."""
        if not self.cut:
            return
        coming = {ident for _kind, ident in incoming.created}
        going = {ident for _kind, ident in incoming.deleted}
        for key in sorted(self.cut):
            if key in incoming.deleted or key in incoming.created:
                continue
            moved = self._differs(key)
            if not moved:
                continue
            kind, ident = key
            shared = self.document.entity(kind, ident)
            assert shared is not None
            entity: Any = entity_from_plain(entity_kinds.BY_NAME[kind].cls, shared)
            links = entity_kinds.BY_NAME[kind].links(entity)
            if links & going or not all(
                link in coming or self.session.has_entity(link) for link in links
            ):
                continue
            if self.session.entity(kind, ident) is None:
                incoming.created[key] = dict(shared)
            else:
                incoming.changed[key] = {**incoming.changed.get(key, {}), **moved}


def restore_operation(data: VisitData, conflict: Conflict) -> SaveEntity:
    """The edit that sets back this officer's value a merge replaced: undoable, and handed
    over at the next sync like any other. Raises HistoryError when what it belonged to
    was deleted since."""
    kind = entity_kinds.BY_NAME[conflict.kind]
    entity = next((e for e in kind.entities(data) if e.id == conflict.id), None)
    if entity is None:
        raise HistoryError(_("nothing to restore: it was deleted since"))
    if conflict.item is None:
        after = with_plain_fields(entity, {conflict.field: conflict.mine})
    else:
        items = to_plain(getattr(entity, conflict.field))
        line = next((i for i in items if i.get("id") == conflict.item), None)
        if line is None or conflict.item_field is None:
            raise HistoryError(_("nothing to restore: it was deleted since"))
        line[conflict.item_field] = conflict.mine
        after = with_plain_fields(entity, {conflict.field: items})
    return SaveEntity(after, entity, _("Restore my value"))


def _load(repo: VisitRepository, kind: str, ident: str) -> Any | None:
    found = repo.load_kind(kind, [ident])
    return found[0] if found else None


def _write(
    repo: VisitRepository, incoming: Incoming, document: VisitDocument, renumbered: set[str]
) -> list[EntityChange]:
    """Write what `incoming` says into the visit file: what appeared first (in the order
    a whole visit is written), then what changed, then what went (dependents first),
    then the rows' order. Returns the journal's record of it."""
    rank = {kind.name: n for n, kind in enumerate(entity_kinds.KINDS)}
    records: list[EntityChange] = []
    for (kind, ident), plain in sorted(incoming.created.items(), key=lambda i: rank[i[0][0]]):
        cls = entity_kinds.BY_NAME[kind].cls
        now = _load(repo, kind, ident)
        entity: Any = entity_from_plain(cls, plain)
        repo.save_entity(kind, entity, now)
        records.append(EntityChange(kind, ident, None, plain))
    for (kind, ident), moved in sorted(incoming.changed.items(), key=lambda i: rank[i[0][0]]):
        now = _load(repo, kind, ident)
        if now is None:
            whole: dict[str, Plain] = document.visit_plain()[kind].get(ident, moved)
            repo.save_entity(kind, entity_from_plain(entity_kinds.BY_NAME[kind].cls, whole))
            records.append(EntityChange(kind, ident, None, whole))
            continue
        after = with_plain_fields(now, moved)
        repo.save_entity(kind, after, now)
        records.append(EntityChange(kind, ident, fields_to_plain(now, list(moved)), moved))
    for (kind, ident), old in sorted(incoming.deleted.items(), key=lambda i: -rank[i[0][0]]):
        if kind == "visit" or _load(repo, kind, ident) is None:
            continue
        repo.delete(kind, ident)
        records.append(EntityChange(kind, ident, old, None))
    for kind in sorted(incoming.reordered):
        wanted = document.ordered_ids(kind)
        if repo.ids_by_place(kind) != wanted:
            repo.renumber(kind, wanted)
            renumbered.add(kind)
    return records
