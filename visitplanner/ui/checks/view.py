"""The findings of the plan checks, kept live: re-run shortly after every change.

The checks run in a worker thread on a snapshot of the visit (see
`domain/plan_checker.py`), re-checking only what changed; the window stays
responsive. A newer change stops a run under way and starts another: the findings
shown are never older than those of the latest run that ended.
"""

from __future__ import annotations

import functools
import gc
import sys
import weakref
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.checks import Finding, Severity
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.plan_checker import PlanChecker, snapshot
from visitplanner.domain.values import zone
from visitplanner.i18n import _, current_language, format_date
from visitplanner.operations.change import Change
from visitplanner.services.progress import Progress
from visitplanner.ui.checks.model import FindingsModel
from visitplanner.ui.common.worker import Worker
from visitplanner.ui.shell.controller import VisitController

_Index = QModelIndex | QPersistentModelIndex

#: How long after the last change the checks run again: edits in quick succession
#: (an undo held down, an import) cost one run.
RECHECK_DELAY_MS = 250
#: A run that lasts longer than this shows that it runs, with Cancel: quicker
#: ones (an edit re-checked) do not make the page flicker.
SHOW_RUNNING_AFTER_MS = 400

#: Runs under way, kept until they end even when their page is gone (a language
#: switch rebuilds the pages): a thread must not be destroyed while it runs.
_RUNNING: set[Worker[Any]] = set()


def _release_later(ref: weakref.ref[Worker[Any]], *_args: object) -> None:
    """Let go of an ended run once the signal that says so has been delivered (never
    while the worker is still emitting it); a weak reference: no cycle through Qt."""
    worker = ref()
    if worker is not None and worker in _RUNNING:
        _release_collector()
        QTimer.singleShot(0, functools.partial(_RUNNING.discard, worker))


#: Set while every run is being stopped, and for good once the application quits: no
#: run starts then (a change or a timer delivered meanwhile would start one, whose
#: thread would still run when the program ends, and Qt aborts on that).
_stopping = False
_quitting = False


def stop_all_checks(msecs: int = 30_000) -> None:
    """Stop every run of the checks and wait for their threads (quitting, tests)."""
    global _stopping
    _stopping = True
    try:
        for _round in range(5):
            for worker in list(_RUNNING):
                worker.cancel()
                worker.wait(msecs)
            # Their last signals (done, cancelled) are queued to this thread: deliver them,
            # then the letting go that those signals post.
            QCoreApplication.processEvents()
            QCoreApplication.processEvents()
            if not any(worker.running() for worker in _RUNNING):
                break
    finally:
        _stopping = _quitting


def _stop_for_good() -> None:
    """The application quits: stop every run, and start none after."""
    global _quitting
    _quitting = True
    stop_all_checks()


#: Runs under way that keep the visit out of the cycle collector's walks.
_gc_holds = 0


def _hold_collector() -> None:
    """Keep the objects that exist now (the visit, long-lived) out of the cycle
    collector's walks while a run goes on.

    The collector stops every thread while it walks the heap; a summit is hundreds
    of thousands of objects, and the checks allocate enough to set off full walks of
    it: the window would stop for 150 ms at a time. Handed back when the run ends
    (`_release_collector`), so nothing is left uncollected.
    """
    global _gc_holds
    if _gc_holds == 0:
        gc.freeze()
    _gc_holds += 1


def _release_collector() -> None:
    global _gc_holds
    _gc_holds -= 1
    if _gc_holds == 0:
        gc.unfreeze()


def _quit_stops_checks() -> None:
    app = QCoreApplication.instance()
    if app is not None and not app.property("visitplanner_checks_stop"):
        app.setProperty("visitplanner_checks_stop", True)
        app.aboutToQuit.connect(_stop_for_good)


@functools.lru_cache(maxsize=512)
def _day_text(day: date, lang: str) -> str:
    """A finding's day as the Checks page writes it ("ven. 8 mai"): a visit has a few
    days and a summit thousands of findings, so each day is written once."""
    return format_date(day, "EEE d MMM")


def _run(
    checker: PlanChecker, generation: int, data: VisitData, progress: Progress
) -> tuple[int, list[Finding]]:
    """The work of one run, in the worker thread: (generation, findings)."""
    return generation, checker.run(data, progress.step)


class ChecksView(QWidget):
    """The live list of findings; double-click goes to what a finding is about."""

    #: kind ("event", "person", "venue", "vehicle") and id of what to show
    go_to = Signal(str, str)
    findings_changed = Signal(list)

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.summary = QLabel(self)
        self.summary.setAccessibleName(_("Summary of the checks"))
        self.model = FindingsModel()
        # One line per cause (the whole message in its tooltip), the people it concerns
        # under it; sortable by severity, day, kind and message.
        self.table = QTreeView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setUniformRowHeights(True)
        self.table.setWordWrap(False)
        self.table.setAllColumnsShowFocus(True)
        self.table.setExpandsOnDoubleClick(False)  # double-click goes to the event
        header = self.table.header()
        # Sized from their words, not from their contents: sizing to the contents reads
        # every row, thousands on a summit, on the GUI thread.
        header.setStretchLastSection(True)
        self._size_columns()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the checks' order first
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        self.running = QWidget(self)
        self.running_label = QLabel(_("Checking the plan…"), self.running)
        self.progress = QProgressBar(self.running)
        self.progress.setAccessibleName(_("Progress of the checks"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton(_("Cancel"), self.running)
        self.cancel_button.setToolTip(_("Stop the checks; they run again at the next change"))
        self.cancel_button.clicked.connect(self.cancel)
        status = QHBoxLayout(self.running)
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.running_label)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        status.addStretch(1)
        self.running.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.running)
        layout.addWidget(self.table)
        self.checker = PlanChecker()
        self._events: dict[str, Event] | None = None
        self._events_of: list[Event] | None = None
        self._people_of: list[Person] | None = None
        self._names: dict[str, str] = {}
        #: Raised by every request to check: a run's findings show only if it is the latest.
        self.generation = 0
        self._worker: Worker[object] | None = None
        self._again = False  # a change came while a run was under way
        self._show_running = QTimer(self)
        self._show_running.setSingleShot(True)
        self._show_running.setInterval(SHOW_RUNNING_AFTER_MS)
        self._show_running.timeout.connect(self.running.show)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_checks)
        controller.changed.connect(self._on_change)
        _quit_stops_checks()
        # The first run waits for the window to be painted: opening stays quick.
        self._timer.start()

    def _on_change(self, change: Change) -> None:
        self._timer.start()  # restarts: one run after a burst of changes

    @property
    def checking(self) -> bool:
        """Whether a run of the checks is under way (or waits for the one before to stop)."""
        return self._worker is not None or self._timer.isActive()

    def run_checks(self) -> None:
        """Check the plan again, in a worker thread; the findings show when it ends.

        A run under way is stopped first, and this one starts when it has.
        """
        self._timer.stop()
        self.generation += 1
        if self._worker is not None:
            self._again = True
            self._worker.cancel()
            return
        self._start()

    def _start(self) -> None:
        self._again = False
        if _stopping:
            return  # the application is quitting (or a test stops every run)
        # Taken on this thread, at once: the worker reads this copy, never the visit
        # the window goes on editing.
        data = snapshot(self.controller.data)
        generation, checker = self.generation, self.checker
        worker: Worker[object] = Worker(lambda progress: _run(checker, generation, data, progress))
        self._worker = worker
        _RUNNING.add(worker)
        _hold_collector()
        for signal in (worker.done, worker.error, worker.cancelled):
            signal.connect(functools.partial(_release_later, weakref.ref(worker)))
        worker.progressed.connect(self._progressed)
        worker.done.connect(self._finished)
        worker.error.connect(self._failed)
        worker.cancelled.connect(self._stopped)
        self.progress.setRange(0, 0)
        self._show_running.start()
        worker.start()

    def cancel(self) -> None:
        """Stop the run under way (the Cancel button); the next change runs them again."""
        self._again = False
        if self._worker is not None:
            self._worker.cancel()

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _ended(self) -> None:
        """A run ended (done, failed or stopped): start the next one if a change waits."""
        self._worker = None
        self._show_running.stop()
        self.running.hide()
        if self._again:
            self._start()

    def _finished(self, result: tuple[int, list[Finding]]) -> None:
        generation, findings = result
        latest = generation == self.generation
        self._ended()
        if latest:
            self.show_findings(findings)

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        self.summary.setText(_("The checks could not run: {error}").format(error=exc))
        # Our bug, not the officer's: the crash handler logs it and says so.
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _stopped(self) -> None:
        self._ended()
        if self._worker is None:  # not started again: the Cancel button
            self.summary.setText(
                _(
                    "Checks stopped: the findings shown may be out of date. "
                    "They run again at the next change."
                )
            )

    def show_findings(self, findings: list[Finding]) -> None:
        """Show `findings`, the summary and the marks on the programme."""
        self.model.set_findings(findings, self._when, self._who)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        data = self.controller.data
        if findings:
            text = _("Errors: {errors}, warnings: {warnings}, causes: {causes}.").format(
                errors=errors, warnings=warnings, causes=self.model.rowCount()
            )
        else:
            text = _(
                "No problem found (events: {events}, people: {people}, venues: {venues}, "
                "vehicles: {vehicles}): no one is in two places at once, every move leaves "
                "time enough, every need is known, seats and ceremonies are in order."
            ).format(
                events=len(data.events),
                people=len(data.people),
                venues=len(data.venues),
                vehicles=len(data.vehicles),
            )
        self.summary.setText(text)
        self.summary.setWordWrap(True)
        self.table.setVisible(bool(findings))
        self.findings_changed.emit(findings)

    def _when(self, finding: Finding) -> tuple[float, str]:
        """The day of a finding's first event, in the visit's zone: a sort key and its text."""
        if not finding.event_ids:
            return (float("inf"), "")
        if self._events is None or self._events_of is not self.controller.data.events:
            self._events_of = self.controller.data.events
            self._events = {e.id: e for e in self._events_of}
        event = self._events.get(finding.event_ids[0])
        if event is None:
            return (float("inf"), "")
        local = event.start.astimezone(zone(self.controller.data.visit.tz))
        return (event.start.timestamp(), _day_text(local.date(), current_language()))

    def _who(self, person_id: str) -> str:
        people = self.controller.data.people
        if self._people_of is not people:  # a name per row under a cause: one look-up
            self._people_of = people
            self._names = {p.id: p.display_name() for p in people}
        return self._names.get(person_id, person_id)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        words = (_("error"), _("warning"), _(FindingsModel.HEADERS[0]))
        header = self.table.header()
        header.resizeSection(0, max(map(metrics.horizontalAdvance, words)) + 3 * metrics.height())
        header.resizeSection(1, metrics.horizontalAdvance("mer. 00 mai.") + 2 * metrics.height())
        header.resizeSection(2, metrics.horizontalAdvance("M" * 16))

    def retranslate(self) -> None:
        """Run again so messages come in the new language."""
        self.summary.setAccessibleName(_("Summary of the checks"))
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.running_label.setText(_("Checking the plan…"))
        self.progress.setAccessibleName(_("Progress of the checks"))
        self.cancel_button.setText(_("Cancel"))
        self._size_columns()
        self.cancel_button.setToolTip(_("Stop the checks; they run again at the next change"))
        self.run_checks()

    def _activate(self, index: QModelIndex) -> None:
        finding = index.data(FindingsModel.FindingRole)
        if not isinstance(finding, Finding):
            return
        if finding.kind.value.startswith("car-") and finding.event_ids:
            # A car plan's finding: the movement's cars on the Vehicles page.
            self.go_to.emit("movement", finding.event_ids[0])
            return
        if finding.gift_ids:  # a gift not declared: the gift in the register
            self.go_to.emit("gift", finding.gift_ids[0])
            return
        for kind, ids in (
            ("event", finding.event_ids),
            ("person", finding.person_ids),
            ("venue", finding.venue_ids),
            ("vehicle", finding.vehicle_ids),
        ):
            if ids:
                self.go_to.emit(kind, ids[0])
                return
