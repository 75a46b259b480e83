"""An open visit: the file, the repository and the visit in memory, kept in step.

Every edit goes through `apply`: written to the file in one transaction
(committed at once, nothing to save later), then mirrored in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from visitplanner.domain.model import VisitData
from visitplanner.operations.change import Change
from visitplanner.operations.edits import Command
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository

log = logging.getLogger(__name__)

_RELOAD_ALL_OVER = 500


class VisitSession:
    """One open visit file and its contents."""

    def __init__(self, database: VisitDatabase) -> None:
        self.database = database
        self.repository = VisitRepository(database)
        self.data: VisitData = self.repository.load()

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> VisitSession:
        """Open the visit file at `path` (checked, migrated) and load it; read-only, the
        file is never written (an older one is read through a migrated copy in memory)."""
        if read_only:
            return cls(VisitDatabase.open_for_reading(path))
        return cls(VisitDatabase.open(path))

    @property
    def read_only(self) -> bool:
        """Whether the file was opened for reading only."""
        return self.database.read_only

    @property
    def path(self) -> Path | None:
        """Where the visit file is (None for one in memory)."""
        return self.database.path

    def apply(self, command: Command) -> Change:
        """Carry out `command`, committing its writes to the file at once."""
        with self.database.transaction():
            change = command.redo(self.repository)
        self.reload(change)
        return change

    def revert(self, command: Command) -> Change:
        """Undo `command`, committing at once."""
        with self.database.transaction():
            change = command.undo(self.repository)
        self.reload(change)
        return change

    def reload(self, change: Change) -> None:
        """Bring the visit in memory in step with the file for what `change` touched."""
        repo = self.repository
        if change.touches("visit"):
            self.data.visit = repo.load_visit()
        loaders: dict[str, tuple[str, Callable[..., list[Any]]]] = {
            "delegation": ("delegations", repo.load_delegations),
            "person": ("people", repo.load_people),
            "venue": ("venues", repo.load_venues),
            "vehicle": ("vehicles", repo.load_vehicles),
            "event": ("events", repo.load_events),
        }
        for kind, (attribute, loader) in loaders.items():
            ids = change.ids.get(kind, frozenset())
            if not ids:
                continue
            if "*" in ids or len(ids) > _RELOAD_ALL_OVER:
                # Past a few hundred ids one query would need as many parameters
                # (SQLite caps them); reading the whole kind is as quick.
                setattr(self.data, attribute, loader())
                continue
            fresh = {item.id: item for item in loader(ids)}
            current: list[Any] = getattr(self.data, attribute)
            kept = [
                fresh.pop(item.id, item)
                for item in current
                if item.id not in ids or item.id in fresh
            ]
            kept.extend(fresh.values())
            setattr(self.data, attribute, kept)

    def close(self) -> None:
        """Close the file; every committed edit is in it already."""
        self.database.close()
