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
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.checks import Finding, Severity
from visitplanner.domain.model import VisitData
from visitplanner.domain.plan_checker import PlanChecker, snapshot
from visitplanner.i18n import N_, _
from visitplanner.operations.change import Change
from visitplanner.services.progress import Progress
from visitplanner.ui.common.models import column_header
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


def stop_all_checks(msecs: int = 30_000) -> None:
    """Stop every run of the checks and wait for their threads (quitting, tests)."""
    for worker in list(_RUNNING):
        worker.cancel()
        worker.wait(msecs)
    # Their last signals (done, cancelled) are queued to this thread: deliver them.
    QCoreApplication.processEvents()


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
        app.aboutToQuit.connect(stop_all_checks)


def _run(
    checker: PlanChecker, generation: int, data: VisitData, progress: Progress
) -> tuple[int, list[Finding]]:
    """The work of one run, in the worker thread: (generation, findings)."""
    return generation, checker.run(data, progress.step)


class FindingsModel(QAbstractTableModel):
    """The findings as a table: severity, then the message."""

    HEADERS = (N_("Severity"), N_("Finding"))
    FindingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace every finding."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        """The findings shown."""
        return list(self._findings)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        error = finding.severity is Severity.ERROR
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return _("error") if error else _("warning")
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor("#b00020") if error else QColor("#8a5a00"))
        if role == self.FindingRole:
            return finding
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.HEADERS, section, orientation, role)


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
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized from its two words, not from its contents: sizing to the contents reads
        # every row, thousands on a summit, on the GUI thread.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self._size_severity_column()
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activate)
        self.table.verticalScrollBar().valueChanged.connect(self._fit_rows)
        header.sectionResized.connect(self._fit_rows)
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
        #: Raised by every request to check: a run's findings show only if it is the latest.
        self.generation = 0
        self._worker: Worker[object] | None = None
        self._again = False  # a change came while a run was under way
        self._show_running = QTimer(self)
        self._show_running.setSingleShot(True)
        self._show_running.setInterval(SHOW_RUNNING_AFTER_MS)
        self._show_running.timeout.connect(self.running.show)
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self._fit_rows)
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
        self.model.set_findings(findings)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        if findings:
            text = _("{errors} errors, {warnings} warnings.").format(
                errors=errors, warnings=warnings
            )
        else:
            text = _("No problem found: the plan passes every check.")
        self.summary.setText(text)
        self.table.setVisible(bool(findings))
        self._fit_rows()
        self.findings_changed.emit(findings)

    def _size_severity_column(self) -> None:
        metrics = self.table.fontMetrics()
        words = (_("error"), _("warning"), _(FindingsModel.HEADERS[0]))
        width = max(metrics.horizontalAdvance(word) for word in words) + 3 * metrics.height()
        self.table.horizontalHeader().resizeSection(0, width)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_later.start()  # once the table has its size

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self, *_args: object) -> None:
        """Give the rows in sight the height of their wrapped message.

        Only those: laying out thousands of messages (a summit's findings) would
        freeze the window for seconds; the others are fitted as they scroll into sight.
        """
        table = self.table
        if not shiboken6.isValid(table):
            return  # the page is being deleted (a language switch rebuilds the pages)
        first = table.rowAt(0)
        if first < 0:
            return
        height = table.viewport().height()
        row, used = first, 0
        while row < self.model.rowCount() and used < height:
            table.resizeRowToContents(row)
            used += table.rowHeight(row)
            row += 1

    def retranslate(self) -> None:
        """Run again so messages come in the new language."""
        self.summary.setAccessibleName(_("Summary of the checks"))
        self.table.setAccessibleName(_("Findings of the plan checks"))
        self.running_label.setText(_("Checking the plan…"))
        self.progress.setAccessibleName(_("Progress of the checks"))
        self.cancel_button.setText(_("Cancel"))
        self._size_severity_column()
        self.cancel_button.setToolTip(_("Stop the checks; they run again at the next change"))
        self.run_checks()

    def _activate(self, index: QModelIndex) -> None:
        finding = index.data(FindingsModel.FindingRole)
        if not isinstance(finding, Finding):
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
