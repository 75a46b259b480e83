"""Run slow work off the GUI thread, with a progress bar and a Cancel button.

The work is a function of a `Progress` (see services/progress.py); it never
touches widgets. Its result, or its error, comes back on the GUI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from visitplanner.i18n import _
from visitplanner.services.progress import Cancelled, Progress

T = TypeVar("T")

#: How long a thread may keep Python's lock while another waits for it, while work
#: runs off the GUI thread (Python's own default: 5 ms).
#:
#: The work is Python through and through, so it keeps the lock until Python makes it
#: hand it over; and the GUI thread takes the lock for every call into Python: each
#: method of an item model, each event of a widget written in Python. With the
#: default, each of those calls waits up to 5 ms: a page repainting its table (a
#: hundred calls) stopped the window for half a second while the checks of a big
#: visit ran. Measured on a 2-core machine: with 0.5 ms the window answered every
#: 20 ms tick but for a few of 40-90 ms, and the work took no longer.
BUSY_SWITCH_INTERVAL: Final = 0.0005

_busy = 0  # works running now
_idle_interval = sys.getswitchinterval()


def _work_starts() -> None:
    global _busy, _idle_interval
    if _busy == 0:
        _idle_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(BUSY_SWITCH_INTERVAL, _idle_interval))
    _busy += 1


def _work_ends() -> None:
    global _busy
    _busy -= 1
    if _busy == 0:
        sys.setswitchinterval(_idle_interval)


class _Runner(QObject):
    """Lives in the worker thread; runs the work once."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class Worker(QObject, Generic[T]):
    """Slow work in a QThread, reporting progress through signals.

    `done(result)` on success, `error(exception)` on failure, `cancelled()` when
    the user cancelled. Keep a reference to the Worker until one of them fires.
    """

    progressed = Signal(int, int, str)
    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Callable[[Progress], T], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = Progress(self._report)
        self._thread = QThread(self)
        self._runner = _Runner(work, self.progress)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progressed.connect(self.progressed)
        self._runner.finished.connect(self._finish)
        self._runner.failed.connect(self._fail)
        self._started = False

    def _report(self, done: int, total: int, what: str) -> None:
        self._runner.progressed.emit(done, total, what)  # crosses to the GUI thread

    def start(self) -> None:
        """Start the work."""
        if not self._started:
            self._started = True
            _work_starts()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop."""
        self.progress.cancel()

    def running(self) -> bool:
        """Whether the work's thread is still running."""
        return bool(self._thread.isRunning())

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the work to end, and its thread with it (tests, closing the window).

        The thread is told to quit once the work returns: otherwise only `_finish` or
        `_fail`, which run on the GUI thread that is waiting here, would end it, and the
        wait would last its whole time. Its result or error still reaches the GUI thread.
        """
        self._thread.quit()
        return bool(self._thread.wait(msecs))

    def _stop_thread(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self._started:
            self._started = False
            _work_ends()

    @Slot(object)
    def _finish(self, result: object) -> None:
        self._stop_thread()
        self.done.emit(result)

    @Slot(object)
    def _fail(self, exc: object) -> None:
        self._stop_thread()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.error.emit(exc)


def run_with_progress_dialog(
    parent: QWidget | None, label: str, worker: Worker[Any]
) -> QProgressDialog:
    """Show a modal-less progress dialog for `worker` (Cancel cancels it), and start it."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(label)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(True)

    def show(done: int, total: int, what: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if what:
            dialog.setLabelText(what)

    worker.progressed.connect(show)
    dialog.canceled.connect(worker.cancel)
    for signal in (worker.done, worker.error, worker.cancelled):
        signal.connect(dialog.reset)
    worker.start()
    return dialog
