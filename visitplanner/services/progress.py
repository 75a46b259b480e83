"""Progress and cancellation for long work (a 500-page book, 3,000 calendars).

The work calls `progress.step(done, total)` now and then; the window shows it in
a progress bar and may cancel, which makes the next `step` raise `Cancelled`.
No Qt here: the command line passes a Progress that reports nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _

Reporter = Callable[[int, int, str], None]


class Cancelled(VisitPlannerError):
    """The user cancelled the work; nothing half-done is kept."""

    def __init__(self) -> None:
        super().__init__(_("cancelled"))


class Progress:
    """Where long work reports how far it is, and learns that it must stop."""

    def __init__(self, reporter: Reporter | None = None) -> None:
        self._reporter = reporter
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (from any thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancelling was asked for."""
        return self._cancelled.is_set()

    def step(self, done: int, total: int, what: str = "") -> None:
        """Report `done` of `total`; raise Cancelled if the user cancelled."""
        if self._cancelled.is_set():
            raise Cancelled
        if self._reporter is not None:
            self._reporter(done, total, what)


#: For work run without anyone watching (the command line, tests).
def silent() -> Progress:
    """A Progress that reports nothing and is never cancelled."""
    return Progress()
