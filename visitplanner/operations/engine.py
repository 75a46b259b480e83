"""Carry out an operation, undo and redo it: one transaction each, journaled in the file.

An operation names the entities it writes, each as the caller saw it (`before`) and as
it is to be (`after`). The engine refuses an operation on a copy that another program
has changed since (revisions), writes only the fields that differ, records them in the
journal, and raises the revision of every entity touched. Undo and redo read the
journal, so they work alike from the window and the command line, across sessions.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import HistoryError, StaleError
from visitplanner.domain.ids import new_id
from visitplanner.domain.plain import (
    changed_fields,
    entity_from_plain,
    fields_to_plain,
    to_plain,
    with_plain_fields,
)
from visitplanner.domain.text import clean_change, name_of
from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.storage import journal
from visitplanner.storage.journal import EntityChange, JournalEntry, Key
from visitplanner.storage.repository import VisitRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Write:
    """One entity written by an operation: created (`before` None), changed, or deleted
    (`after` None)."""

    before: Any | None
    after: Any | None

    @property
    def entity(self) -> Any:
        """The entity, as it is to be or as it was."""
        return self.after if self.after is not None else self.before

    @property
    def key(self) -> Key:
        """(kind, id) of the entity."""
        return entity_kinds.kind_of(self.entity).name, self.entity.id


class Operation(Protocol):
    """A change to a visit that can be carried out, journaled and undone."""

    @property
    def text(self) -> str:
        """What the operation is, for Edit > Undo and the history."""
        ...

    def writes(self) -> Sequence[Write]:
        """The entities written, in the order they are written."""
        ...

    def affected(self) -> Sequence[Any]:
        """Entities the file changes as a consequence (links cut by a deletion), as they were."""
        ...


@dataclass
class Context:
    """What the engine needs to know of the session carrying out an operation."""

    repository: VisitRepository
    #: The revision of each entity as the caller last saw it.
    revisions: dict[Key, int]
    #: The entities as the caller holds them now, by (kind, id).
    current: dict[Key, Any]
    program: str = "visitplanner"
    machine: str = field(default_factory=socket.gethostname)
    #: Who makes the change (the journal names them): the shared visit's officer, or
    #: the computer's user.
    officer: str = ""


@dataclass(frozen=True)
class Outcome:
    """What an operation, an undo or a redo did."""

    change: Change
    revisions: dict[Key, int]


def _stale(ctx: Context, writes: Sequence[Write], affected: Sequence[Any]) -> None:
    """Refuse when the file, or the caller's own memory, holds a newer version than `before`."""
    conn = ctx.repository.conn
    seen: list[tuple[Key, Any]] = [(w.key, w.before) for w in writes if w.before is not None]
    seen += [((entity_kinds.kind_of(e).name, e.id), e) for e in affected]
    if not seen:
        return
    _unforeseen_links(ctx, writes, {key for key, _before in seen})
    stored = journal.stored_revisions(conn, [key for key, _before in seen])
    for key, before in seen:
        newer = stored[key] > ctx.revisions.get(key, 0)
        held = ctx.current.get(key)
        if not newer and (held is None or held == before):
            continue
        kind = entity_kinds.BY_NAME[key[0]]
        found = ctx.repository.load_kind(kind.name, [key[1]])
        now = found[0] if found else None
        fields = changed_fields(before, now) if now is not None else []
        what = (
            ", ".join(entity_kinds.field_label(name) for name in fields) if fields else _("deleted")
        )
        raise _changed_elsewhere(before, what)


def _changed_elsewhere(entity: Any, what: str) -> StaleError:
    """The refusal of an edit built on a version of `entity` that is no longer the file's."""
    return StaleError(
        _(
            "“{name}” was changed elsewhere since it was opened ({fields}); "
            "the visit now shows that version: make the change again"
        ).format(name=name_of(entity), fields=what)
    )


def _unforeseen_links(ctx: Context, writes: Sequence[Write], foreseen: set[Key]) -> None:
    """Refuse a deletion built on an outdated visit: an entity now in the file refers to
    what it deletes (another program linked it since), which the file would cut without
    the journal knowing, or refuse with a foreign-key error."""
    gone = {w.key[1] for w in writes if w.after is None}
    if not gone:
        return
    for key, entity in ctx.current.items():
        if key in foreseen or key[1] in gone:
            continue
        kind = entity_kinds.BY_NAME[key[0]]
        if kind.links(entity) & gone:
            raise _changed_elsewhere(entity, _(kind.label))


def _links_to_the_gone(ctx: Context, writes: Sequence[Write]) -> None:
    """Refuse to link to an entity that another program deleted since the caller saw it."""
    new_links: set[str] = set()
    for w in writes:
        if w.after is not None:
            links = entity_kinds.kind_of(w.after).links
            new_links |= links(w.after) - (links(w.before) if w.before is not None else set())
    new_links -= {w.key[1] for w in writes if w.after is not None}
    if not new_links:
        return
    missing = new_links - {ident for _kind, ident in ctx.current}
    if missing:
        entity = next(
            w.after
            for w in writes
            if w.after is not None and entity_kinds.kind_of(w.after).links(w.after) & missing
        )
        raise StaleError(
            _(
                "“{name}” refers to something that is no longer in the visit (deleted "
                "elsewhere since it was opened): make the change again"
            ).format(name=name_of(entity))
        )


def _cleaned(write: Write) -> Write:
    """`write` with the text it changes cleaned (domain/text.py): only the fields it
    changes, so that saving an entity never rewrites text the officer did not touch."""
    if write.after is None:
        return write
    after = clean_change(write.before, write.after)
    return write if after is write.after else Write(write.before, after)


def change_of(keys: Iterable[Key]) -> Change:
    """A change naming the entities `keys`."""
    by_kind: dict[str, set[str]] = {}
    for kind, ident in keys:
        by_kind.setdefault(kind, set()).add(ident)
    change = Change()
    for kind, ids in by_kind.items():
        change = change | Change.of(kind, ids)
    return change


def carry_out(ctx: Context, operation: Operation) -> Outcome:
    """Write `operation` and journal it. The caller holds the write transaction.

    Nothing that differs: nothing is written and no journal entry is made.
    """
    repo = ctx.repository
    writes = list(operation.writes())
    affected = list(operation.affected())
    # A "creation" of an entity that exists is an edit of it: undo must not delete it.
    writes = [Write(ctx.current.get(w.key), w.after) if w.before is None else w for w in writes]
    _stale(ctx, writes, affected)
    _links_to_the_gone(ctx, writes)
    writes = [_cleaned(w) for w in writes]
    records: list[EntityChange] = []
    for w in writes:
        kind, ident = w.key
        if w.after is None:
            whole = _with_place(to_plain(w.before), repo.place_of(kind, ident))
            repo.delete(kind, ident)
            records.append(EntityChange(kind, ident, whole, None))
        elif w.before is None:
            repo.save_entity(kind, w.after)
            whole = _with_place(to_plain(w.after), repo.place_of(kind, ident))
            records.append(EntityChange(kind, ident, None, whole))
        else:
            names = changed_fields(w.before, w.after)
            if not names:
                continue
            repo.save_entity(kind, w.after, w.before)
            records.append(
                EntityChange(
                    kind, ident, fields_to_plain(w.before, names), fields_to_plain(w.after, names)
                )
            )
    records += _consequences(repo, affected)
    if not records:
        return Outcome(Change(), {})
    journal.drop_redo_tail(repo.conn)
    journal.append(
        repo.conn,
        new_id(),
        operation.text,
        records,
        machine=ctx.machine,
        program=ctx.program,
        undoable=True,
        officer=ctx.officer,
    )
    return _finish(repo, records)


#: The key under which a created or deleted entity's journal record keeps its row's place.
_PLACE = "_place"


def _with_place(plain: dict[str, Any], place: int | None) -> dict[str, Any]:
    if place is not None:
        plain[_PLACE] = place
    return plain


def _consequences(repo: VisitRepository, affected: Sequence[Any]) -> list[EntityChange]:
    """How the entities that a deletion touched changed in the file (links cut)."""
    records = []
    by_kind: dict[str, list[Any]] = {}
    for entity in affected:
        by_kind.setdefault(entity_kinds.kind_of(entity).name, []).append(entity)
    for kind, earlier in by_kind.items():
        now = {e.id: e for e in repo.load_kind(kind, [e.id for e in earlier])}
        for before in earlier:
            after = now.get(before.id)
            if after is None:
                continue
            names = changed_fields(before, after)
            if names:
                records.append(
                    EntityChange(
                        kind,
                        before.id,
                        fields_to_plain(before, names),
                        fields_to_plain(after, names),
                    )
                )
    return records


def _finish(repo: VisitRepository, records: Sequence[EntityChange], undo: bool = False) -> Outcome:
    """Raise the revisions of what `records` touched (taken back when `undo`: what they
    deleted is there again, what they created is gone); say what changed."""
    deleted: dict[Key, bool] = {}
    for record in records:
        deleted[(record.kind, record.id)] = (record.before if undo else record.after) is None
    revisions = journal.raise_revisions(
        repo.conn, [(kind, ident, gone) for (kind, ident), gone in deleted.items()]
    )
    return Outcome(change_of(deleted), revisions)


def _load_one(repo: VisitRepository, kind: str, ident: str) -> Any | None:
    found = repo.load_kind(kind, [ident])
    return found[0] if found else None


def _conflict(entry: JournalEntry, record: EntityChange, undo: bool) -> HistoryError:
    if undo:
        message = _("cannot undo “{label}”: it has been changed since ({what})")
    else:
        message = _("cannot redo “{label}”: it has been changed since ({what})")
    return HistoryError(message.format(label=entry.label, what=f"{record.kind} {record.id[:8]}"))


def _replay(repo: VisitRepository, entry: JournalEntry, undo: bool) -> None:
    """Take `entry` back (undo) or carry it out again (redo), checking the file still holds
    what the entry left (or found)."""
    records = list(entry.changes)
    created = [r for r in records if r.before is None]
    deleted = [r for r in records if r.after is None]
    edits = [r for r in records if r.before is not None and r.after is not None]
    # 1. Undo brings back what the operation deleted; redo re-creates what it created.
    for record in deleted if undo else created:
        whole = record.before if undo else record.after
        kind = entity_kinds.BY_NAME[record.kind]
        if _load_one(repo, record.kind, record.id) is not None:
            raise _conflict(entry, record, undo)
        whole = whole or {}
        repo.save_entity(record.kind, entity_from_plain(kind.cls, whole))
        if _PLACE in whole:
            repo.put_back(record.kind, record.id, whole[_PLACE])
    # 2. Field changes, set back (or again), each checked against what the entry left.
    for record in reversed(edits) if undo else edits:
        now = _load_one(repo, record.kind, record.id)
        expected = record.after if undo else record.before
        wanted = record.before if undo else record.after
        if now is None or fields_to_plain(now, list(expected or {})) != expected:
            raise _conflict(entry, record, undo)
        repo.save_entity(record.kind, with_plain_fields(now, wanted or {}), now)
    # What is written back may not refer to what is gone since (a person deleted by
    # another program or another officer): the visit file would refuse it on commit.
    _links_still_there(repo, entry, [*(deleted if undo else created), *edits], undo)
    # 3. Undo removes again what the operation created; redo deletes again what it deleted.
    for record in reversed(created) if undo else deleted:
        if _load_one(repo, record.kind, record.id) is None:
            raise _conflict(entry, record, undo)
        repo.delete(record.kind, record.id)


def _links_still_there(
    repo: VisitRepository, entry: JournalEntry, records: Sequence[EntityChange], undo: bool
) -> None:
    """Refuse to write back an entity whose links point to an entity no longer there."""
    going = {r.id for r in entry.changes if (r.before if undo else r.after) is None}
    for record in records:
        if record.id in going:
            continue
        now = _load_one(repo, record.kind, record.id)
        if now is None:
            continue
        links = entity_kinds.BY_NAME[record.kind].links(now)
        if links and links - repo.existing(links):
            raise _conflict(entry, record, undo)


def undo(ctx: Context) -> Outcome:
    """Take back the latest operation still done. The caller holds the write transaction."""
    entry = journal.last_done(ctx.repository.conn)
    if entry is None:
        raise HistoryError(_("nothing to undo"))
    _replay(ctx.repository, entry, undo=True)
    journal.set_done(ctx.repository.conn, entry.seq, False)
    return _finish(ctx.repository, entry.changes, undo=True)


def redo(ctx: Context) -> Outcome:
    """Carry out again the operation undone last. The caller holds the write transaction."""
    entry = journal.first_undone(ctx.repository.conn)
    if entry is None:
        raise HistoryError(_("nothing to redo"))
    _replay(ctx.repository, entry, undo=False)
    journal.set_done(ctx.repository.conn, entry.seq, True)
    return _finish(ctx.repository, entry.changes)


def record(
    ctx: Context,
    label: str,
    touched: Sequence[tuple[str, str]],
    summary: Sequence[EntityChange],
    author: tuple[str, str] | None = None,
) -> Outcome:
    """Journal bookkeeping that cannot be undone (a version issued, calendars sent,
    another officer's changes): the caller has written it in the same transaction;
    `touched` names what changed; `author` (officer, machine) when it is not this
    session's officer on this machine."""
    repo = ctx.repository
    officer, machine = author if author is not None else (ctx.officer, ctx.machine)
    journal.append(
        repo.conn,
        new_id(),
        label,
        summary,
        machine=machine,
        program=ctx.program,
        undoable=False,
        officer=officer,
    )
    revisions = journal.raise_revisions(repo.conn, [(k, i, False) for k, i in touched])
    return Outcome(change_of(touched), revisions)
