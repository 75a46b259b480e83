"""Progress and cancellation for long work (a 500-page book, 3,000 calendars).

The work calls `progress.step(done, total)` now and then; the window shows it in
a progress bar and may cancel, which makes the next `step` raise `Cancelled`.
No Qt here: the command line passes a Progress that reports nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Final

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _

Reporter = Callable[[int, int, str], None]

#: The shortest time between two reports (seconds). Each report reaches the window as
#: a signal that needs Python's lock from the working thread: reported hundreds of
#: times a second, they starved the window's own timers and paints.
REPORT_EVERY: Final = 0.05


class Cancelled(VisitPlannerError):
    """The user cancelled the work; nothing half-done is kept."""

    def __init__(self) -> None:
        super().__init__(_("cancelled"))


class Progress:
    """Where long work reports how far it is, and learns that it must stop."""

    def __init__(self, reporter: Reporter | None = None) -> None:
        self._reporter = reporter
        self._cancelled = threading.Event()
        self._reported = float("-inf")

    def cancel(self) -> None:
        """Ask the work to stop at its next step (from any thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancelling was asked for."""
        return self._cancelled.is_set()

    def step(self, done: int, total: int, what: str = "") -> None:
        """Report `done` of `total` (at most every REPORT_EVERY seconds, and always the
        end); raise Cancelled if the user cancelled."""
        if self._cancelled.is_set():
            raise Cancelled
        if self._reporter is None:
            return
        now = time.monotonic()
        if done >= total or now - self._reported >= REPORT_EVERY:
            self._reported = now
            self._reporter(done, total, what)


#: For work run without anyone watching (the command line, tests).
def silent() -> Progress:
    """A Progress that reports nothing and is never cancelled."""
    return Progress()
