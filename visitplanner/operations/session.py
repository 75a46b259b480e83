"""An open visit: the file, the repository and the visit in memory, kept in step.

Every edit goes through `apply`: written to the file in one transaction under the
file's write lock, journaled (so `undo` and `redo` work from any program, across
sessions) and committed at once, then mirrored in memory. `sync` brings in what
another program (the command line while the window is open) wrote meanwhile.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.model import VisitData
from visitplanner.i18n import N_
from visitplanner.operations import engine
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation, Outcome
from visitplanner.storage import journal
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.journal import EntityChange, JournalEntry, Key, UndoState

__all__ = ["PROGRAM_COMMAND_LINE", "PROGRAM_WINDOW", "UndoState", "VisitSession"]
from visitplanner.storage.repository import TABLES, Step, VisitRepository
from visitplanner.storage.version_rows import load_versions

log = logging.getLogger(__name__)

_RELOAD_ALL_OVER = 500

#: Which program writes, as the journal records it.
PROGRAM_WINDOW = N_("window")
PROGRAM_COMMAND_LINE = N_("command line")
#: The program of changes another officer made, brought in by a sync.
PROGRAM_SYNC = N_("sync")


class VisitSession:
    """One open visit file and its contents."""

    def __init__(
        self, database: VisitDatabase, program: str = PROGRAM_COMMAND_LINE, step: Step | None = None
    ) -> None:
        self.database = database
        self.repository = VisitRepository(database)
        self.program = program
        self._closed = False
        self._unannounced = Change()
        # What the file says before the visit is read: a change another program commits
        # while it is read is then seen again by `sync`, never missed.
        self._data_version = self.database.data_version()
        self._stamp = journal.last_stamp(self.database.conn)
        self.revisions: dict[Key, int] = journal.revisions(self.database.conn)
        self.data: VisitData = self.repository.load(step)
        # Every entity by (kind, id), kept up to date by `reload` (rebuilt when the
        # visit in memory is replaced as a whole).
        self._index: dict[Key, Any] | None = None
        self._indexed: VisitData | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        read_only: bool = False,
        program: str = PROGRAM_COMMAND_LINE,
        step: Step | None = None,
    ) -> VisitSession:
        """Open the visit file at `path` (checked, migrated) and load it; read-only, the
        file is never written (an older one is read through a migrated copy in memory).

        `step` is told how far the reading is, and may stop it by raising; the file is
        closed again if the visit cannot be read."""
        database = VisitDatabase.open_for_reading(path) if read_only else VisitDatabase.open(path)
        try:
            return cls(database, program, step)
        except BaseException:
            database.close()
            raise

    @property
    def read_only(self) -> bool:
        """Whether the file was opened for reading only."""
        return self.database.read_only

    @property
    def path(self) -> Path | None:
        """Where the visit file is (None for one in memory)."""
        return self.database.path

    # -- operations ------------------------------------------------------------------

    def _context(self) -> engine.Context:
        return engine.Context(
            repository=self.repository,
            revisions=self.revisions,
            current=self._entities(),
            program=self.program,
            officer=journal.officer_here(self.database.conn),
        )

    def entity(self, kind: str, ident: str) -> Any | None:
        """The entity of `kind` with this id, as the visit in memory holds it."""
        return self._entities().get((kind, ident))

    def has_entity(self, ident: str) -> bool:
        """Whether the visit holds an entity of any kind with this id."""
        found = self._entities()
        return any((kind.name, ident) in found for kind in entity_kinds.KINDS)

    def _entities(self) -> dict[Key, Any]:
        if self._index is None or self._indexed is not self.data:
            self._index = {
                (kind.name, entity.id): entity for kind, entity in entity_kinds.walk(self.data)
            }
            self._indexed = self.data
        return self._index

    def _run(self, step: Callable[[engine.Context], Outcome]) -> Change:
        with self.database.writing():
            # Under the write lock, first take in what another program wrote: an
            # operation on something it changed is then refused as stale.
            caught_up = self.sync()
            outcome = step(self._context())
        self.revisions.update(outcome.revisions)
        self._stamp = journal.last_stamp(self.database.conn)
        self.reload(outcome.change)
        change = outcome.change | caught_up
        self._unannounced = self._unannounced | outcome.change
        return change

    def take_unannounced(self) -> Change:
        """What changed in memory since the last call and nobody was told: writes a
        service made through the session (a version issued ...), and another program's
        changes taken in by an operation that then failed."""
        change, self._unannounced = self._unannounced, Change()
        return change

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the file's write lock across reading and writing: what another program
        wrote is taken in first, and nothing else writes until the block ends. For a
        command that matches what it imports against the visit (two imports of the same
        roster at once must give what one after the other gives)."""
        with self.database.writing():
            self.sync()
            yield
        self._stamp = journal.last_stamp(self.database.conn)

    def apply(self, operation: Operation) -> Change:
        """Carry out `operation`, committing and journaling it at once.

        Refused (StaleError, and the visit in memory brought up to date) when another
        program changed what it edits since this session last saw it.
        """
        return self._run(lambda ctx: engine.carry_out(ctx, operation))

    def undo(self) -> Change:
        """Take back the latest operation still done (HistoryError when there is none)."""
        return self._run(engine.undo)

    def redo(self) -> Change:
        """Carry out again the operation undone last (HistoryError when there is none)."""
        return self._run(engine.redo)

    def record(
        self,
        label: str,
        write: Callable[[VisitRepository], None],
        touched: Sequence[tuple[str, str]],
        summary: Sequence[EntityChange] = (),
        author: tuple[str, str] | None = None,
    ) -> Change:
        """Write bookkeeping that is journaled but not undone (a version issued, the
        calendars sent, another officer's changes), in one transaction; `touched` names
        what changed, `author` (officer, machine) whose it is when not this officer's."""

        def step(ctx: engine.Context) -> Outcome:
            write(ctx.repository)
            if author is not None:
                ctx = dataclasses.replace(ctx, program=PROGRAM_SYNC)
            return engine.record(ctx, label, touched, summary, author)

        return self._run(step)

    def undo_state(self) -> UndoState:
        """What Edit > Undo and Redo offer now."""
        return journal.undo_state(self.database.conn)

    def history(self, limit: int | None = None) -> list[JournalEntry]:
        """The journal, newest first."""
        return journal.entries(self.database.conn, limit)

    # -- keeping memory in step ------------------------------------------------------

    def sync(self, force: bool = False) -> Change:
        """Bring in what another program wrote since this session last looked.

        Cheap when nothing changed (one pragma); otherwise reloads only the entities
        whose revision moved.
        """
        version = self.database.data_version()
        if version == self._data_version and not force:
            return Change()
        self._data_version = version
        moved = journal.changed_since(self.database.conn, self._stamp)
        self._stamp = journal.last_stamp(self.database.conn)
        keys = [(kind, ident) for kind, ident, _revision, _deleted in moved]
        for kind, ident, revision, deleted in moved:
            if deleted:
                self.revisions.pop((kind, ident), None)
            else:
                self.revisions[(kind, ident)] = revision
        change = engine.change_of(keys)
        if change:
            log.info("another program changed the visit: %s", dict(change.ids))
            self.reload(change)
            # Kept for the window even when the operation that looked fails after.
            self._unannounced = self._unannounced | change
        return change

    def reload(self, change: Change) -> None:
        """Bring the visit in memory in step with the file for what `change` touched.

        Only the entities named are read again; a kind is put back in the file's order
        only when an entity came or went or changed what the order goes by.
        """
        repo = self.repository
        index = self._entities()
        if change.touches("visit"):
            index.pop(("visit", self.data.visit.id), None)
            self.data.visit = repo.load_visit()
            index[("visit", self.data.visit.id)] = self.data.visit
        if change.touches("calendars"):
            self.data.calendars = repo.load_calendar_memory()
        if change.touches("versions"):
            self.data.versions = load_versions(self.database.conn)
        for kind in entity_kinds.KINDS:
            ids = change.ids.get(kind.name, frozenset())
            if not ids or kind.collection is None:
                continue
            attribute = kind.collection
            if "*" in ids or len(ids) > _RELOAD_ALL_OVER:
                # Past a few hundred ids, reading the whole kind is as quick.
                for item in getattr(self.data, attribute):
                    index.pop((kind.name, item.id), None)
                setattr(self.data, attribute, repo.load_kind(kind.name))
                for item in getattr(self.data, attribute):
                    index[(kind.name, item.id)] = item
                continue
            fresh = {item.id: item for item in repo.load_kind(kind.name, ids)}
            sort_fields = TABLES[kind.name].sort_fields
            reorder = False
            for ident in ids:
                old = index.pop((kind.name, ident), None)
                new = fresh.get(ident)
                if new is not None:
                    index[(kind.name, ident)] = new
                if (
                    old is None
                    or new is None
                    or any(getattr(old, f) != getattr(new, f) for f in sort_fields)
                ):
                    reorder = True
            current: list[Any] = getattr(self.data, attribute)
            kept = [
                fresh.pop(item.id, item)
                for item in current
                if item.id not in ids or item.id in fresh
            ]
            kept.extend(fresh.values())
            if reorder:
                order = {ident: n for n, ident in enumerate(repo.ids_in_order(kind.name))}
                kept.sort(key=lambda item: order.get(item.id, len(order)))
            setattr(self.data, attribute, kept)

    @property
    def closed(self) -> bool:
        """Whether the file was closed (the session can no longer be used)."""
        return self._closed

    def close(self) -> None:
        """Close the file; every committed edit is in it already."""
        self._closed = True
        self.database.close()
