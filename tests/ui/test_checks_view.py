"""The Checks page on a big visit: the checks run beside the window, which keeps answering."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from tests.factories import small_visit
from tests.scaled_visits import summit_times
from visitplanner.domain.checks import check_plan
from visitplanner.domain.plan_checker import PlanChecker
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.checks.view import ChecksView
from visitplanner.ui.shell.controller import VisitController


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[VisitController]:
    set_language("en")
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    controller = VisitController(VisitSession.open(path))
    yield controller
    controller.session.close()


def _view(qtbot, controller: VisitController, show_running_after: int = 100) -> ChecksView:  # type: ignore[no-untyped-def]
    view = ChecksView(controller)
    # Sooner than in use (a re-check does not flicker it), so that a quick machine shows it too.
    view._show_running.setInterval(show_running_after)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.checking, timeout=10_000)  # the first run, on opening
    return view


def _big(controller: VisitController, copies: int = 2) -> None:
    """The window's visit becomes `copies` times the summit (in memory only)."""
    controller.session.data = summit_times(copies)


def test_checks_of_a_big_visit_run_off_the_gui_thread_and_the_window_keeps_answering(
    qtbot,  # type: ignore[no-untyped-def]
    controller: VisitController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = _view(qtbot, controller)
    _big(controller, copies=4)  # a run of about a second: long enough to tell a freeze
    threads: list[int] = []
    real = PlanChecker.run

    def run(self: PlanChecker, *args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PlanChecker, "run", run)
    ticks: list[float] = []
    shown: list[bool] = []
    timer = QTimer()
    timer.setInterval(20)
    running: list[bool] = []  # whether the run was still under way at each tick

    def tick() -> None:
        ticks.append(time.perf_counter())
        shown.append(view.running.isVisible())
        running.append(view.checking)

    timer.timeout.connect(tick)
    found: list[object] = []
    view.findings_changed.connect(found.append)
    timer.start()
    started = time.perf_counter()
    view.run_checks()
    qtbot.waitUntil(lambda: bool(found), timeout=60_000)
    lasted = time.perf_counter() - started
    timer.stop()
    assert threads and threading.get_ident() not in threads
    # The gaps between ticks while the run went on (showing its findings comes after).
    during = [t for t, under_way in zip(ticks, running, strict=True) if under_way]
    gaps = [b - a for a, b in zip([started, *during], during, strict=False)]
    assert lasted > 0.3 and len(during) > 5  # a run long enough to tell
    # Run on the GUI thread, these checks froze the window for seconds. In a worker,
    # with Python's default switch interval, the page's own calls into Python (its
    # model, its widgets) each waited up to 5 ms for the lock: repainting the table
    # stopped the window for 0.2-0.8 s. With the worker's interval it answered within
    # 90 ms on a 2-core machine; the bound leaves room for a loaded one.
    assert max(gaps) < 0.25, f"the window froze: {[round(g * 1000) for g in gaps]} ms"
    assert any(shown)  # "Checking the plan…" with Cancel, while it ran
    assert not view.running.isVisible()
    assert len(view.model.findings()) == len(check_plan(controller.data)) > 1000
    assert view.summary.text().startswith("Errors: ")


def test_a_newer_change_stops_the_run_under_way_and_only_its_findings_show(
    qtbot,  # type: ignore[no-untyped-def]
    controller: VisitController,
) -> None:
    view = _view(qtbot, controller)
    small = controller.data
    _big(controller)
    shown: list[list[object]] = []
    view.findings_changed.connect(shown.append)
    view.run_checks()
    qtbot.wait(50)
    assert view.checking
    controller.session.data = small  # the visit changes while the big one is checked
    view.run_checks()
    qtbot.waitUntil(lambda: not view.checking, timeout=60_000)
    qtbot.wait(50)
    assert shown == [check_plan(small)]  # never the big visit's findings
    assert view.model.findings() == check_plan(small)


def test_cancel_stops_the_checks_and_says_so(qtbot, controller: VisitController) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, controller, show_running_after=0)
    _big(controller)
    shown: list[object] = []
    view.findings_changed.connect(shown.append)
    view.run_checks()
    qtbot.waitUntil(view.running.isVisible, timeout=10_000)
    assert view.cancel_button.isVisible()
    view.cancel_button.click()
    qtbot.waitUntil(lambda: not view.checking, timeout=10_000)
    assert shown == []
    assert "stopped" in view.summary.text()
    assert not view.running.isVisible()


def test_quitting_stops_the_run_and_starts_no_other(
    qtbot,  # type: ignore[no-untyped-def]
    controller: VisitController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A change waiting (or the first run's timer) while the application quits started a
    run whose thread outlived the program, and Qt aborted (SIGABRT at exit)."""
    from visitplanner.ui.checks import view as checks_view

    monkeypatch.setattr(checks_view, "_quitting", False)  # put back after the test
    monkeypatch.setattr(checks_view, "_stopping", False)
    view = _view(qtbot, controller)
    _big(controller)
    view.run_checks()
    qtbot.wait(50)
    view.run_checks()  # a change while the run goes on: another run waits for it
    assert view.checking
    checks_view._stop_for_good()  # what the application's aboutToQuit does
    assert not any(worker.running() for worker in checks_view._RUNNING)
    view.run_checks()  # a timer or a change delivered after: no thread starts
    assert view._worker is None
    assert not any(worker.running() for worker in checks_view._RUNNING)
