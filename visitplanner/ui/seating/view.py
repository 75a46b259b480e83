"""The Seating view: a meal's room, its tables and numbered seats, moved by drag and drop.

Pick a meal; "Add table…" adds tables of any shape (as many as asked: "Arrange in a grid"
lays them out in rows), a table is dragged to its place, turned (R, Shift+R, Alt+wheel),
sized and renamed from its menu (right-click on it, or the "Table" part of a seat's
menu); "Room…" gives the room's name and size. "Propose" fills the plan from the order
of precedence with the chosen strategy (locked seats stay). Drag a name onto another
seat to move the person there (whoever sat there takes the old seat; with Shift the
others shift along), or from the "No seat" list onto a seat. A seat's context menu
locks it, clears it, keeps it for a role, marks it step-free or not. The same without
a mouse: on the chart the arrows go from seat to seat, Enter picks up the sitter and
Enter on another seat puts them there (Esc lets go), Del takes them off the table,
the menu key (Shift+F10) opens the seat's menu; Enter on a name of the "No seat" list
picks that person up. A seat's menu also marks it near an exit, or not. The plan's
checks are listed underneath, its constraints beside (ui/seating/constraints.py), the
broken ones marked as people move.

Each edit is one operation given to `apply` (the window's undo stack by default
`session.apply`), and `changed` tells the window what changed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain import protocol_checks, room_plan
from visitplanner.domain import table_geometry as geometry
from visitplanner.domain.arrangements import (
    Room,
    SeatingPlan,
    SeatingStrategy,
    SeatRole,
    TableShape,
)
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
from visitplanner.ui.seating.canvas import Legend, SeatingCanvas, UnseatedList
from visitplanner.ui.seating.chart_items import (
    EMPTY,
    GUEST,
    HOST,
    SeatItem,
    draw_room,
    draw_table,
    place_name,
    table_title,
)
from visitplanner.ui.seating.constraints import ConstraintsPanel
from visitplanner.ui.seating.room_dialog import RoomDialog

__all__ = ["SeatItem", "SeatingView"]

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
        self.room_print_button = QPushButton(_("Print the room"))
        room_menu = QMenu(self.room_print_button)
        for words, paper, per_table in (
            (_("Plan to scale, A4 (PDF)…"), "a4", False),
            (_("Plan to scale, A3 (PDF)…"), "a3", False),
            (_("One page per table, A4 (PDF)…"), "a4", True),
        ):
            action = room_menu.addAction(words)
            action.triggered.connect(
                lambda _c=False, p=paper, t=per_table: self._ask_path(
                    _("Plan of the room"), lambda path: self.print_room_to(path, p, t)
                )
            )
        cards = room_menu.addAction(_("Table cards (PDF)…"))
        cards.triggered.connect(lambda: self._ask_path(_("Table cards"), self.print_table_cards_to))
        self.room_print_button.setMenu(room_menu)
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
        self.legend = Legend()
        self.add_button = QPushButton(_("Add tables…"))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.delete_button = QPushButton(_("Delete table"))
        self.grid_button = QPushButton(_("Arrange in a grid"))
        self.room_button = QPushButton(_("Room…"))
        self.fit_button = QPushButton(_("Fit"))
        self.fit_button.setToolTip(
            _("Show the whole room (Ctrl+0); Ctrl+wheel, Ctrl++ and Ctrl+- zoom")
        )
        self._shown_event: str | None = None
        #: What the room drawn was made of (the event and its layout, not who sits).
        self._drawn: object = None
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
        self.canvas.shift_requested.connect(self.shift_person)
        self.canvas.table_moved.connect(self.move_table)
        self.canvas.table_turned.connect(self.turn_table)
        self.canvas.table_menu_requested.connect(self._show_table_menu)
        self.canvas.table_seats_requested.connect(self.set_seat_count)
        self.add_button.clicked.connect(self._ask_add)
        self.duplicate_button.clicked.connect(lambda: self._on_table(self.duplicate_table))
        self.delete_button.clicked.connect(lambda: self._on_table(self.delete_table))
        self.grid_button.clicked.connect(self.arrange_grid)
        self.room_button.clicked.connect(self._ask_room)
        self.fit_button.clicked.connect(lambda: self.canvas.zoom_key(Qt.Key.Key_0))
        self.reload()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Meal:")))
        bar.addWidget(self.events, 1)
        bar.addWidget(QLabel(_("Strategy:")))
        bar.addWidget(self.strategy)
        bar.addWidget(self.propose_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.room_print_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("No seat:")))
        side_layout.addWidget(self.unseated, 1)
        side_layout.addWidget(self.constraints, 2)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        for button in (
            self.add_button,
            self.duplicate_button,
            self.delete_button,
            self.grid_button,
            self.room_button,
            self.fit_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        chart_layout.addLayout(tools)
        chart_layout.addWidget(self.canvas, 1)
        chart_layout.addWidget(self.legend)
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
        split.setSizes([600, 110])  # the room first: the checks are a few lines
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

    def shift_person(self, person_id: str, seat_id: str) -> None:
        """Seat a person at a seat, the others moved one seat along."""
        event = self.current_event()
        if event is not None:
            self._run(
                lambda: seating_service.shift_operation(
                    self.session.data, event, person_id, seat_id
                )
            )

    # -- the room's edits: each one operation -------------------------------------------

    def edit_room(self, edit: Callable[[SeatingPlan], SeatingPlan], words: str) -> None:
        """Apply one edit of the room (a `room_plan` function of the plan) as one step."""
        event = self.current_event()
        if event is not None:
            self._run(lambda: seating_service.room_operation(event, edit, words))

    def add_tables(
        self, shape: TableShape, seats: int, count: int = 1, one_side: bool = False
    ) -> None:
        """Add `count` tables of `shape` with `seats` seats each."""
        self.edit_room(
            lambda p: room_plan.add_tables(p, shape, seats, count, one_side=one_side),
            _("Add tables"),
        )

    def duplicate_table(self, table_id: str) -> None:
        """A copy of the table beside it, its seats empty."""
        self.edit_room(lambda p: room_plan.duplicate_table(p, table_id), _("Duplicate a table"))

    def delete_table(self, table_id: str) -> None:
        """Delete a table: its people go back to the list of people without a seat."""
        self.edit_room(lambda p: room_plan.delete_table(p, table_id), _("Delete a table"))

    def arrange_grid(self) -> None:
        """Every table in rows and columns."""
        self.edit_room(room_plan.arrange_grid, _("Arrange the tables in a grid"))

    def move_table(self, table_id: str, x: float, y: float) -> None:
        """A table put at (x, y) metres from the room's centre."""
        self.edit_room(lambda p: room_plan.move_table(p, table_id, x, y), _("Move a table"))

    def turn_table(self, table_id: str, degrees: float) -> None:
        """A table turned to `degrees` clockwise."""
        self.edit_room(lambda p: room_plan.rotate_table(p, table_id, degrees), _("Turn a table"))

    def set_seat_count(self, table_id: str, seats: int) -> None:
        """A table with that many seats."""
        self.edit_room(
            lambda p: room_plan.set_seat_count(p, table_id, seats), _("Change a table's seats")
        )

    def resize_table(self, table_id: str, length: float) -> None:
        """A table that long (a round table's diameter), its seats following."""
        self.edit_room(lambda p: room_plan.resize_table(p, table_id, length), _("Resize a table"))

    def rename_table(self, table_id: str, name: str, number: int | None) -> None:
        """A table's name and number."""
        self.edit_room(
            lambda p: room_plan.rename_table(p, table_id, name, number), _("Rename a table")
        )

    def set_room(self, room: Room) -> None:
        """The room's name and size."""
        self.edit_room(lambda p: room_plan.set_room(p, room), _("Change the room"))

    def reserve(self, seat_id: str, role: SeatRole) -> None:
        """Keep a seat for a role."""
        self.edit_room(lambda p: room_plan.reserve_seat(p, seat_id, role), _("Reserve a seat"))

    def set_step_free(self, seat_id: str, step_free: bool) -> None:
        """Mark a seat as reachable in a wheelchair, or not."""
        self.edit_room(lambda p: room_plan.set_step_free(p, seat_id, step_free), _("Mark a seat"))

    def _on_table(self, act: Callable[[str], None]) -> None:
        table = self.canvas.current_table()
        if table is None:
            QMessageBox.information(
                self, self.refusal_title(), _("Choose a table first: click it, or a seat of it.")
            )
            return
        act(table)

    # -- menus -------------------------------------------------------------------------

    def menu_for(self, seat_id: str) -> QMenu:
        """The context menu of a seat, with its table's."""
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
        reserve = menu.addMenu(_("Reserve for"))
        group = QActionGroup(reserve)
        for role in SeatRole:
            action = QAction(label(role), reserve)
            action.setCheckable(True)
            action.setChecked(seat.reserved is role)
            action.triggered.connect(lambda _c=False, r=role: self.reserve(seat_id, r))
            group.addAction(action)
            reserve.addAction(action)
        step_free = QAction(_("Step-free (a wheelchair can reach it)"), menu)
        step_free.setCheckable(True)
        step_free.setChecked(seat.step_free)
        step_free.triggered.connect(lambda: self.set_step_free(seat_id, not seat.step_free))
        menu.addAction(step_free)
        near = QAction(_("Near an exit"), menu)
        near.setCheckable(True)
        near.setChecked(seat.near_exit)
        near.triggered.connect(lambda: self.set_near_exit(seat_id, not seat.near_exit))
        menu.addAction(near)
        table = event.seating.table_of(seat_id)
        menu.addSeparator()
        menu.addMenu(self.table_menu(table.id, menu))
        return menu

    def table_menu(self, table_id: str, parent: QWidget | None = None) -> QMenu:
        """The menu of a table: rename, renumber, turn, seats, length, duplicate, delete."""
        event = self.current_event()
        menu = QMenu(parent or self)
        if event is None or event.seating is None:
            return menu
        table = event.seating.table(table_id)
        title = table_title(table)
        menu.setTitle(
            title if title and not title.isdigit() else _("Table {name}").format(name=title)
        )
        entries: list[tuple[str, Callable[[], None]]] = [
            (_("Rename…"), lambda: self._ask_name(table_id)),
            (_("Renumber…"), lambda: self._ask_number(table_id)),
            (
                _("Turn 15° clockwise"),
                lambda: self.turn_table(table_id, table.rotation + room_plan.ROTATION_STEP),
            ),
            (
                _("Turn 15° anticlockwise"),
                lambda: self.turn_table(table_id, table.rotation - room_plan.ROTATION_STEP),
            ),
            (_("Seats…"), lambda: self._ask_seats(table_id)),
            (_("Length…"), lambda: self._ask_length(table_id)),
            (_("Duplicate"), lambda: self.duplicate_table(table_id)),
            (_("Delete table"), lambda: self.delete_table(table_id)),
        ]
        for words, act in entries:
            action = QAction(words, menu)
            action.triggered.connect(act)
            menu.addAction(action)
        return menu

    def _show_table_menu(self, table_id: str, where: object) -> None:
        self.table_menu(table_id).exec(where)  # type: ignore[call-overload]

    # -- questions -----------------------------------------------------------------------

    def _table(self, table_id: str):  # type: ignore[no-untyped-def]
        event = self.current_event()
        assert event is not None and event.seating is not None
        return event.seating.table(table_id)

    def _ask_name(self, table_id: str) -> None:
        table = self._table(table_id)
        name, ok = QInputDialog.getText(self, _("Rename the table"), _("Name:"), text=table.name)
        if ok:
            self.rename_table(table_id, name, table.number)

    def _ask_number(self, table_id: str) -> None:
        table = self._table(table_id)
        number, ok = QInputDialog.getInt(
            self, _("Renumber the table"), _("Number (0: none):"), table.number or 0, 0, 999
        )
        if ok:
            self.rename_table(table_id, table.name, number or None)

    def _ask_seats(self, table_id: str) -> None:
        table = self._table(table_id)
        seats, ok = QInputDialog.getInt(
            self, _("Seats"), _("Seats at the table:"), len(table.seats), 1, room_plan.MAX_SEATS
        )
        if ok:
            self.set_seat_count(table_id, seats)

    def _ask_length(self, table_id: str) -> None:
        table = self._table(table_id)
        length, ok = QInputDialog.getDouble(
            self,
            _("Length"),
            _("Length in metres (a round table's diameter):"),
            geometry.size(table)[0],
            0.5,
            60.0,
            2,
        )
        if ok:
            self.resize_table(table_id, length)

    def _ask_add(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Add tables"))
        shape = QComboBox()
        for kind in TableShape:
            shape.addItem(label(kind), kind)
        shape.setCurrentIndex(shape.findData(TableShape.ROUND))
        seats = QSpinBox()
        seats.setRange(1, room_plan.MAX_SEATS)
        seats.setValue(10)
        count = QSpinBox()
        count.setRange(1, 200)
        one_side = QCheckBox(_("Seats on one side only"))
        form = QFormLayout(dialog)
        form.addRow(_("Shape:"), shape)
        form.addRow(_("Seats at each table:"), seats)
        form.addRow(_("How many tables:"), count)
        form.addRow(one_side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_tables(
                TableShape(shape.currentData()), seats.value(), count.value(), one_side.isChecked()
            )

    def _ask_room(self) -> None:
        event = self.current_event()
        if event is None:
            return
        dialog = RoomDialog(event.seating.room if event.seating is not None else Room(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_room(dialog.room())

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

    def _ask_path(self, title: str, then: Callable[[Path], object]) -> None:
        if self.current_event() is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, title, "", _("PDF files (*.pdf)"))
        if path:
            then(Path(path if path.lower().endswith(".pdf") else f"{path}.pdf"))

    def print_room_to(self, path: Path, paper: str = "a4", per_table: bool = False) -> Worker[None]:
        """Print the room to scale (whole, or a page per table), then the caterer's and the
        door's lists, to `path` off the GUI thread (shareable: no dietary needs; the
        command prints them with --profile internal)."""
        data, event = self.session.data, self.current_event()
        lang = current_language()

        def work(progress: Progress) -> None:
            if event is not None:
                seating_service.write_room_plan(
                    path, data, event, lang, paper=paper, per_table=per_table
                )

        worker: Worker[None] = Worker(work, self)
        worker.error.connect(self._print_failed)
        run_with_progress_dialog(self, _("Printing the room…"), worker)
        return worker

    def print_table_cards_to(self, path: Path) -> Worker[None]:
        """Print a tent card per table to `path` off the GUI thread."""
        data, event = self.session.data, self.current_event()
        lang = current_language()

        def work(progress: Progress) -> None:
            if event is not None:
                seating_service.write_table_cards(path, data, event, lang)

        worker: Worker[None] = Worker(work, self)
        worker.error.connect(self._print_failed)
        run_with_progress_dialog(self, _("Printing the table cards…"), worker)
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
        self.unseated.clear()
        self.checks.clear()
        event = self.current_event()
        self.constraints.show_event(self.session.data, event)
        self.propose_button.setEnabled(event is not None)
        self.print_button.setEnabled(event is not None and event.seating is not None)
        self.room_print_button.setEnabled(
            event is not None and event.seating is not None and bool(event.seating.tables)
        )
        for button in (self.add_button, self.grid_button, self.room_button):
            button.setEnabled(event is not None)
        if event is None:
            self.canvas.clear()
            self._drawn = None
            return
        another = event.id != self._shown_event
        if another:
            self._shown_event, self.canvas.zoomed = event.id, False
        data = self.session.data
        people = {p.id: p for p in data.people}
        plan = event.seating
        self._draw(plan, people, {d.id for d in data.delegations if d.side.value != "host"})
        # Fit another meal's room, or tables now out of sight; not after each edit, which
        # would make the room jump under the pointer.
        if another or not (self.canvas.zoomed or self.canvas.shows_everything()):
            self.canvas.fit()
        seated = set(plan.seated_ids()) if plan else set()
        self._list_unseated(event, people, seated)
        self._list_checks(event)

    def _draw(self, plan: SeatingPlan | None, people: dict, guests: set[str]) -> None:
        """The room, its tables and seats; the order the arrows go through the seats."""
        names: dict[str, tuple[str, QColor]] = {}
        for _table, seat in plan.seats() if plan else []:
            person = people.get(seat.person_id or "")
            if person is not None:
                fill = GUEST if person.delegation_id in guests else HOST
                names[seat.id] = (person.formal_name(), fill)
        drawn = (self._shown_event, _layout(plan))
        if drawn == self._drawn and plan is not None:
            # The same room, only people moved (a drag, a swap): the seats are told
            # their new sitters, nothing is drawn again.
            for table in plan.tables:
                directions = geometry.directions(table)
                for seat in table.seats:
                    item = self.canvas.seat_items[seat.id]
                    item.seat = seat
                    item.set_name(*names.get(seat.id, ("", EMPTY)))
                    place_name(item, directions[seat.id])
            self.canvas.show_ring()
            return
        self.canvas.clear()
        self._drawn = drawn
        if plan is None:
            self.canvas.set_order([])
            return
        scene = self.canvas.scene()
        draw_room(scene, plan.room)
        for table in plan.tables:
            table_item, seat_items = draw_table(scene, table, names)
            self.canvas.table_items[table.id] = table_item
            for item in seat_items:
                self.canvas.seat_items[item.seat.id] = item
        order = [seat.id for table in plan.tables for seat in geometry.clockwise(table)]
        self.canvas.set_order(order)

    def _list_unseated(self, event: Event, people: dict, seated: set[str]) -> None:
        behind = dict(seating_service.behind(self.session.data, event))
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

    def _list_checks(self, event: Event) -> None:
        data = self.session.data
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


def _layout(plan: SeatingPlan | None) -> object:
    """What the drawing of a room depends on besides who sits where: the room, each
    table's place, shape and size, each seat's number and marks."""
    if plan is None:
        return None
    return (
        plan.room,
        [
            (
                t.id,
                t.name,
                t.number,
                t.shape,
                t.x,
                t.y,
                t.rotation,
                t.length,
                [
                    (s.id, s.number, s.side, s.position, s.locked, s.step_free, s.reserved)
                    for s in t.seats
                ],
            )
            for t in plan.tables
        ],
    )
