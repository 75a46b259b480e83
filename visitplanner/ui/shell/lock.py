"""One copy of the application edits a visit at a time: a lock file beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class VisitLock:
    """The lock of one visit file (`NAME.visit.lock`), held while the visit is open."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".lock")
        self._lock = QLockFile(str(self.path))
        # A lock left by a crashed copy is recognised by its process id, not by age.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """Take the lock; False when another running copy holds it."""
        return bool(self._lock.tryLock(100))

    def holder(self) -> str:
        """Who holds the lock: "process 1234 on host", as far as known."""
        info: tuple[object, ...] = tuple(self._lock.getLockInfo())
        if len(info) < 3:
            return ""
        pid, host, app = info[-3:]
        return f"{app or 'VisitPlanner'} ({pid}, {host})"

    def release(self) -> None:
        """Give the lock up (closing the visit)."""
        self._lock.unlock()
