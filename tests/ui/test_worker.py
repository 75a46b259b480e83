"""Slow work off the GUI thread: its result, its error, and cancelling it."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from visitplanner.services.progress import Progress
from visitplanner.ui.common.worker import Worker


def test_the_work_runs_off_the_gui_thread_and_reports_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        assert threading.get_ident() != gui_thread
        for n in range(5):
            progress.step(n + 1, 5, "page")
        return 42

    worker: Worker[int] = Worker(work)
    worker.progressed.connect(lambda done, total, _what: seen.append((done, total)))
    with qtbot.waitSignal(worker.done, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (5, 5))
    # Steps faster than REPORT_EVERY are reported once, then the end: a flood of reports
    # would starve the window.
    assert seen == [(1, 5), (5, 5)]
    assert QThread.currentThread() is not None


def test_an_error_in_the_work_comes_back_to_the_gui(qtbot) -> None:  # type: ignore[no-untyped-def]
    def work(progress: Progress) -> None:
        raise ValueError("broken page")

    worker: Worker[None] = Worker(work)
    with qtbot.waitSignal(worker.error, timeout=5000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], ValueError)


def test_cancel_stops_the_work_at_its_next_step(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    steps: list[int] = []

    def work(progress: Progress) -> None:
        for n in range(1000):
            started.set()
            progress.step(n, 1000)
            steps.append(n)
            time.sleep(0.005)

    worker: Worker[None] = Worker(work)
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.start()
        started.wait(5)
        worker.cancel()
    assert len(steps) < 1000


def test_waiting_for_a_cancelled_run_returns_as_soon_as_the_work_stops(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Quitting the window cancels the checks and waits for them, on the GUI thread: the
    # thread must end without the GUI thread's help (it used to wait 30 s, then go on).
    started = threading.Event()

    def work(progress: Progress) -> None:
        while True:
            started.set()
            progress.step(1, 2)
            time.sleep(0.005)

    worker: Worker[None] = Worker(work)
    worker.start()
    assert started.wait(5)
    worker.cancel()
    begun = time.monotonic()
    assert worker.wait(10_000)
    assert time.monotonic() - begun < 2
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        pass  # the cancellation still reaches the GUI thread afterwards
