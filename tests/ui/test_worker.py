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


def test_while_work_runs_the_gui_thread_waits_less_for_pythons_lock(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each call of the window into Python waits for the worker to hand over the lock:
    the interval is short while work runs, and Python's own again once all has ended,
    whether it ended well, failed or was cancelled."""
    import sys

    from visitplanner.ui.common.worker import BUSY_SWITCH_INTERVAL

    before = sys.getswitchinterval()
    seen: list[float] = []
    release = threading.Event()

    def work(progress: Progress) -> None:
        release.wait(5)
        raise ValueError("broken page")

    first: Worker[None] = Worker(work)
    second: Worker[None] = Worker(lambda progress: seen.append(sys.getswitchinterval()))
    first.start()
    with qtbot.waitSignal(second.done, timeout=5000):
        second.start()  # ends while the first still runs: the interval stays short
    assert seen == [BUSY_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == BUSY_SWITCH_INTERVAL
    with qtbot.waitSignal(first.error, timeout=5000):
        release.set()
    assert sys.getswitchinterval() == before

    def stopped(progress: Progress) -> None:
        while True:
            progress.step(0, 1)
            time.sleep(0.01)

    third: Worker[None] = Worker(stopped)
    with qtbot.waitSignal(third.cancelled, timeout=5000):
        third.start()
        third.cancel()
    assert sys.getswitchinterval() == before
