"""The Seating view: a meal's tables and numbered seats, moved by drag and drop.

Pick a meal; "Propose" fills the plan from the order of precedence with the chosen
strategy (locked seats stay). Drag a name onto another seat to move the person there
(whoever sat there takes the old seat), or from the "No seat" list onto a seat. A
seat's context menu locks or unlocks it and marks it near an exit, or not. The same
without a mouse: on the chart the arrows go from seat to seat, Enter picks up the sitter
and Enter on another seat puts them there (Esc lets go), Del takes them off the table,
the menu key (Shift+F10) opens the seat's menu; Enter on a name of the "No seat" list
picks that person up. The plan's checks are listed underneath, its constraints beside
(ui/seating/constraints.py), the broken ones marked as people move.
Each edit is one operation given to `apply` (the window's undo stack by default
`session.apply`), and `changed` tells the window what changed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain import protocol_checks
from visitplanner.domain.arrangements import SeatingStrategy
from visitplanner.domain.checks import CheckIndex, Severity
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event
from visitplanner.domain.seating_checks import seating_rule_findings
from visitplanner.domain.values import EventKind
from visitplanner.i18n import _, current_language
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services import seating as seating_service
from visitplanner.services.progress import Progress
from visitplanner.ui.common.plan_page import PlanPage
from visitplanner.ui.common.worker import Worker, run_with_progress_dialog
from visitplanner.ui.seating.canvas import SeatingCanvas, UnseatedList
from visitplanner.ui.seating.chart_items import (
    SeatItem,
    draw_table,
    place_name,
    seat_places,
)
from visitplanner.ui.seating.constraints import ConstraintsPanel

log = logging.getLogger(__name__)


class SeatingView(PlanPage):
    """Propose, adjust and print a meal's seating plan."""

    def __init__(
        self,
        session: VisitSession,
        parent: QWidget | None = None,
        apply: Callable[[Operation], Change] | None = None,
    ) -> None:
        super().__init__(session, parent, apply)
        self.strategy = QComboBox()
        self.strategy.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.strategy.setMinimumContentsLength(14)
        for strategy in SeatingStrategy:
            self.strategy.addItem(label(strategy), strategy)
        self.propose_button = QPushButton(_("Propose"))
        self.print_button = QPushButton(_("Place cards and chart (PDF)…"))
        self.canvas = SeatingCanvas()
        self.canvas.setAccessibleName(_("Seating chart"))
        self.canvas.setToolTip(
            _(
                "Arrows: from seat to seat. Enter: pick up the person seated, then Enter on "
                "another seat to put them there (Esc lets go). Del: off the table. "
                "Shift+F10: the seat's menu."
            )
        )
        self.unseated = UnseatedList()
        self.unseated.setAccessibleName(_("People without a seat"))
        self.unseated.setToolTip(_("Enter picks the person up: choose a seat on the chart"))
        self.checks = QListWidget()
        self.constraints = ConstraintsPanel(self._run, self)
        self._build()
        self.events.currentIndexChanged.connect(self.event_chosen)
        self.propose_button.clicked.connect(self.propose)
        self.print_button.clicked.connect(self._print)
        self.canvas.move_requested.connect(self.move_person)
        self.canvas.menu_requested.connect(self._show_menu)
        self.canvas.unseat_requested.connect(self.unseat)
        self.canvas.picked_changed.connect(self._show_picked)
        self.unseated.picked.connect(self._pick_from_list)
        self.reload()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Meal:")))
        bar.addWidget(self.events, 1)
        bar.addWidget(QLabel(_("Strategy:")))
        bar.addWidget(self.strategy)
        bar.addWidget(self.propose_button)
        bar.addWidget(self.print_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("No seat:")))
        side_layout.addWidget(self.unseated, 1)
        side_layout.addWidget(self.constraints, 2)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.canvas, 1)
        chart_layout.addWidget(self.hint)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(chart)
        top.addWidget(side)
        top.setStretchFactor(0, 4)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(QLabel(_("Checks:")))
        below_layout.addWidget(self.checks)
        split.addWidget(below)
        split.setStretchFactor(0, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # -- state -------------------------------------------------------------------------

    def offered(self) -> list[Event]:
        """The events offered: meals, and any event that has a seating plan."""
        found = [
            e for e in self.session.data.events if e.kind is EventKind.MEAL or e.seating is not None
        ]
        return sorted(found, key=lambda e: e.start.timestamp())

    def event_chosen(self) -> None:
        """Another meal: its plan's strategy in the list, then its plan."""
        event = self.current_event()
        if event is not None and event.seating is not None:
            self.strategy.setCurrentIndex(self.strategy.findData(event.seating.strategy))
        self.refresh()

    def refusal_title(self) -> str:
        return _("Seating plan")

    def held_words(self) -> str:
        return _("{name} picked up: choose a seat with the arrows and press Enter (Esc: let go)")

    # -- edits -------------------------------------------------------------------------

    def propose(self) -> None:
        """Propose a plan with the chosen strategy, keeping locked seats, and save it."""
        event = self.current_event()
        if event is None:
            return
        strategy = SeatingStrategy(self.strategy.currentData())
        proposed = seating_service.proposed_plan(self.session.data, event, strategy)
        self._run(lambda: proposed.operation)
        self.constraints.show_unmet(proposed.unmet)

    def move_person(self, person_id: str, seat_id: str) -> None:
        """Seat a person at a seat (swapping with its sitter)."""
        event = self.current_event()
        if event is not None:
            self._run(
                lambda: seating_service.move_operation(self.session.data, event, person_id, seat_id)
            )

    def set_locked(self, seat_id: str, locked: bool) -> None:
        """Lock or unlock a seat."""
        event = self.current_event()
        if event is not None:
            self._run(lambda: seating_service.lock_operation(event, seat_id, locked))

    def set_near_exit(self, seat_id: str, near_exit: bool) -> None:
        """Mark a seat as near an exit, or not."""
        event = self.current_event()
        if event is not None:
            self._run(lambda: seating_service.exit_operation(event, seat_id, near_exit))

    def unseat(self, person_id: str) -> None:
        """Leave a person without a seat."""
        event = self.current_event()
        if event is not None:
            self._run(lambda: seating_service.unseat_operation(event, person_id))

    def menu_for(self, seat_id: str) -> QMenu:
        """The context menu of a seat."""
        event = self.current_event()
        menu = QMenu(self)
        if event is None or event.seating is None:
            return menu
        seat = event.seating.seat(seat_id)
        lock = QAction(_("Unlock the seat") if seat.locked else _("Lock the seat"), menu)
        lock.triggered.connect(lambda: self.set_locked(seat_id, not seat.locked))
        menu.addAction(lock)
        if seat.person_id and not seat.locked:
            remove = QAction(_("Remove from the table"), menu)
            person = seat.person_id
            remove.triggered.connect(lambda: self.unseat(person))
            menu.addAction(remove)
        near = QAction(_("Near an exit"), menu)
        near.setCheckable(True)
        near.setChecked(seat.near_exit)
        near.triggered.connect(lambda: self.set_near_exit(seat_id, not seat.near_exit))
        menu.addAction(near)
        return menu

    def _pick_from_list(self, person_id: str) -> None:
        """A person picked up from the "No seat" list: to the chart, on the first free seat."""
        event = self.current_event()
        if event is None or event.seating is None:
            return
        free = [s.id for t in event.seating.tables for s in t.seats if not s.person_id]
        if free:
            self.canvas.set_current(free[0])
        self.canvas.pick(person_id)
        self.canvas.setFocus()

    def _print(self) -> None:
        event = self.current_event()
        if event is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Place cards and seating chart"), "", _("PDF files (*.pdf)")
        )
        if not path:
            return
        self.print_to(Path(path if path.lower().endswith(".pdf") else f"{path}.pdf"))

    def print_to(self, path: Path) -> Worker[None]:
        """Write the place cards and the chart to `path` off the GUI thread."""
        data, event = self.session.data, self.current_event()
        lang = current_language()

        def work(progress: Progress) -> None:
            if event is not None:
                seating_service.write_place_cards(path, data, event, lang)

        worker: Worker[None] = Worker(work, self)
        worker.error.connect(self._print_failed)
        run_with_progress_dialog(self, _("Writing place cards…"), worker)
        return worker

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, VisitPlannerError):
            QMessageBox.warning(self, _("Place cards"), exc.message)
            return
        # Our bug, not the user's: the crash handler logs it and says so.
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- drawing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw the chart, the people without a seat and the checks."""
        scene = self.canvas.scene()
        scene.clear()
        self.unseated.clear()
        self.checks.clear()
        event = self.current_event()
        self.constraints.show_event(self.session.data, event)
        self.propose_button.setEnabled(event is not None)
        self.print_button.setEnabled(event is not None and event.seating is not None)
        if event is None:
            return
        data = self.session.data
        people = {p.id: p for p in data.people}
        guests = {d.id for d in data.delegations if d.side.value != "host"}
        plan = event.seating
        for table in plan.tables if plan else []:
            for seat, centre in seat_places(table):
                person = people.get(seat.person_id or "")
                name = person.formal_name() if person else ""
                guest = person is not None and person.delegation_id in guests
                item = SeatItem(seat, name, guest, centre)
                scene.addItem(item)
                place_name(item, seat)
            draw_table(scene, table)
        order = [seat.id for table in plan.tables for seat in table.seats] if plan else []
        self.canvas.set_order(order)
        self.canvas.fit()
        seated = set(plan.seated_ids()) if plan else set()
        behind = dict(seating_service.behind(data, event))
        for ident in event.participant_ids:
            if ident in people and ident not in seated:
                text = people[ident].formal_name()
                if ident in behind and behind[ident] in people:
                    principal = people[behind[ident]].formal_name()
                    text = _("{person} (behind {principal})").format(
                        person=text, principal=principal
                    )
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, ident)
                self.unseated.addItem(entry)
        findings = list(protocol_checks.check_seating(data, [event]))
        findings += [f for f in seating_rule_findings(CheckIndex(data)) if event.id in f.event_ids]
        style = self.style()
        icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for finding in findings:
            # Icons, not ⛔ characters, which many fonts lack.
            self.checks.addItem(QListWidgetItem(icons[finding.severity], finding.message))
        if not findings:
            self.checks.addItem(_("No problem found."))
