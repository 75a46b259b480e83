"""The Ceremony page: a ceremony's ground plan, adjusted by hand, with its wreaths, its
running order and its checks beside and under it.

The plan shows the monument at the top, the wreath party wreath by wreath, the rows
(row 1 the nearest) and the press, each place numbered, wheelchair places marked. A
person is dragged to another place (whoever stood there takes their old place), or from
the "Not placed" list onto a place; from the keyboard, as on the seating chart, the
arrows go from place to place, Enter picks up and Enter puts down (Esc lets go), Del
frees the place, Shift+F10 opens its menu. "Place everyone" lays the plan out afresh by
precedence. Beside the plan: the wreaths in the order they are laid (the highest
authority's last) and the running order; selecting a line of the running order lights
up the people it names; a gift handed over shows there at its time, greyed (it is
edited in the Gifts register). The flags, in order of precedence, are reordered there
too. Under it, the ceremony's checks, after every change.

Each edit is one operation given to `apply` (the window's undo stack by default
`session.apply`) that changes only the event's placement; `changed` tells the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain import ceremony, protocol_checks
from visitplanner.domain.arrangements import PlacementArea
from visitplanner.domain.checks import Severity
from visitplanner.domain.flags import FlagHonour, flags_of
from visitplanner.domain.gift_lines import GiftLine, with_gifts
from visitplanner.domain.model import Event, Person
from visitplanner.domain.values import EventKind, zone
from visitplanner.i18n import _, current_language, format_time
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services import ceremony as ceremony_service
from visitplanner.services.flags import flag_honour_operation, flags_operation
from visitplanner.ui.ceremony.canvas import CeremonyCanvas
from visitplanner.ui.ceremony.plan_items import draw_plan, lines_of, parse_key
from visitplanner.ui.common.flags_panel import FlagsPanel
from visitplanner.ui.common.plan_page import PlanPage
from visitplanner.ui.seating.canvas import UnseatedList


class CeremonyView(PlanPage):
    """See and adjust a ceremony's placement beside its wreaths and running order."""

    def __init__(
        self,
        session: VisitSession,
        parent: QWidget | None = None,
        apply: Callable[[Operation], Change] | None = None,
    ) -> None:
        super().__init__(session, parent, apply)
        self.propose_button = QPushButton(_("Place everyone"))
        self.propose_button.setToolTip(
            _("Lay the plan out afresh: the wreath party, then the rows by precedence")
        )
        self.canvas = CeremonyCanvas()
        self.canvas.setAccessibleName(_("Ground plan of the ceremony"))
        self.canvas.setToolTip(
            _(
                "Arrows: from place to place. Enter: pick up the person, then Enter on "
                "another place to put them there (Esc lets go). Del: free the place. "
                "Shift+F10: the place's menu."
            )
        )
        self.unplaced = UnseatedList()
        self.unplaced.setAccessibleName(_("People not placed"))
        self.unplaced.setToolTip(_("Enter picks the person up: choose a place on the plan"))
        self.wreaths = QListWidget()
        self.wreaths.setAccessibleName(_("Wreaths, in the order they are laid"))
        self.wreaths.setWordWrap(True)
        self.running = QListWidget()
        self.running.setAccessibleName(_("Running order"))
        self.running.setWordWrap(True)
        self.running.setToolTip(_("Select a line to see on the plan the people it names"))
        self.checks = QListWidget()
        self.checks.setAccessibleName(_("Checks of the ceremony"))
        self.flags = FlagsPanel()
        self.flags.flags_wanted.connect(self.set_flags)
        self.flags.honour_wanted.connect(self.set_honour)
        self._build()
        self.events.currentIndexChanged.connect(self.event_chosen)
        self.propose_button.clicked.connect(self.propose)
        self.canvas.move_requested.connect(self.move_person)
        self.canvas.free_requested.connect(self.free)
        self.canvas.menu_requested.connect(self._show_menu)
        self.canvas.picked_changed.connect(self._show_picked)
        self.unplaced.picked.connect(self._pick_from_list)
        self.running.currentRowChanged.connect(self._light_line)
        self.reload()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Ceremony:")))
        bar.addWidget(self.events, 1)
        bar.addWidget(self.propose_button)
        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        plan_layout.addWidget(self.canvas, 1)
        plan_layout.addWidget(self.hint)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(QLabel(_("Checks:")))
        below_layout.addWidget(self.checks)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(plan)
        left.addWidget(below)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        left.setSizes([500, 130])
        side = QSplitter(Qt.Orientation.Vertical)
        for title, widget in (
            (_("Not placed:"), self.unplaced),
            (_("Wreaths, in the order they are laid:"), self.wreaths),
            (_("Running order:"), self.running),
            (_("Flags:"), self.flags),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(title)
            caption.setWordWrap(True)
            caption.setBuddy(widget.list if isinstance(widget, FlagsPanel) else widget)
            box_layout.addWidget(caption)
            box_layout.addWidget(widget, 1)
            side.addWidget(box)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 1)
        side.setStretchFactor(2, 3)
        side.setStretchFactor(3, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 280])
        side.setSizes([80, 120, 300, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # -- state -------------------------------------------------------------------------

    def offered(self) -> list[Event]:
        """The events offered: ceremonies, and any event with a placement."""
        found = [e for e in self.session.data.events if e.kind is EventKind.CEREMONY or e.placement]
        return sorted(found, key=lambda e: e.start.timestamp())

    def refusal_title(self) -> str:
        return _("Ceremony")

    def held_words(self) -> str:
        return _("{name} picked up: choose a place with the arrows and press Enter (Esc: let go)")

    # -- edits -------------------------------------------------------------------------

    def move_person(self, person_id: str, key: str) -> None:
        """Put a person at a place (swapping with whoever stood there)."""
        event = self.current_event()
        if event is None:
            return
        area, row, place = parse_key(key)
        self._run(
            lambda: ceremony_service.place_operation(
                self.session.data, event, person_id, area, row, place
            )
        )

    def free(self, key: str) -> None:
        """Leave a place empty."""
        event = self.current_event()
        position = self._position(key)
        if event is not None and position is not None:
            self._run(lambda: ceremony_service.free_operation(event, position))

    def propose(self) -> None:
        """Lay the plan out afresh by precedence (one step of undo)."""
        event = self.current_event()
        if event is not None:
            self._run(lambda: ceremony_service.placement_operation(self.session.data, event))

    def set_flags(self, flags: list[str]) -> None:
        """Give the ceremony the flags `flags` in that order (empty: as proposed)."""
        event = self.current_event()
        if event is None:
            return
        operation = flags_operation(self.session.data, event, flags)
        if operation is not None:
            self._run(lambda: operation)
        else:
            self.refresh()

    def set_honour(self, honour: FlagHonour) -> None:
        """Put the host's or the guest's flag at the place of honour (the visit's setting)."""
        operation = flag_honour_operation(self.session.data, honour)
        if operation is not None:
            self._run(lambda: operation)

    def _position(self, key: str) -> str | None:
        item = self.canvas.items_by_key().get(key)
        if item is None or item.slot.position is None:
            return None
        return item.slot.position.id

    def menu_for(self, key: str) -> QMenu:
        """The context menu of a place: free it, or put someone not placed there."""
        menu = QMenu(self)
        item = self.canvas.items_by_key().get(key)
        if item is None:
            return menu
        if item.slot.person_id:
            free = QAction(_("Free the place"), menu)
            free.triggered.connect(lambda: self.free(key))
            menu.addAction(free)
        waiting = self._unplaced_people()
        if waiting:
            here = menu.addMenu(_("Place here"))
            for person in waiting:
                action = QAction(person.formal_name(), here)
                ident = person.id
                action.triggered.connect(
                    lambda _checked=False, ident=ident: self.move_person(ident, key)
                )
                here.addAction(action)
        return menu

    def _unplaced_people(self) -> list[Person]:
        event = self.current_event()
        return ceremony.unplaced(self.session.data, event) if event is not None else []

    def _pick_from_list(self, person_id: str) -> None:
        """A person picked up from the "Not placed" list: to the plan, on a free place."""
        free = [
            key
            for key, item in self.canvas.items_by_key().items()
            if not item.slot.person_id and item.slot.area is not PlacementArea.WREATH_PARTY
        ]
        if free:
            self.canvas.set_current(free[0])
        self.canvas.pick(person_id)
        self.canvas.setFocus()

    def _light_line(self, row: int) -> None:
        """Light up on the plan the people the running-order line `row` names."""
        item = self.running.item(row) if row >= 0 else None
        named = set(item.data(Qt.ItemDataRole.UserRole) or []) if item is not None else set()
        for place in self.canvas.items_by_key().values():
            place.light(bool(place.slot.person_id) and place.slot.person_id in named)

    def lit(self) -> set[str]:
        """The people lit up on the plan."""
        return {
            place.slot.person_id
            for place in self.canvas.items_by_key().values()
            if place.slot.person_id and place.brush().color() != place.base
        }

    # -- drawing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw the plan, the people not placed, the wreaths, the running order and the
        checks."""
        line = self.running.currentRow()
        self.canvas.lines = []  # their items go with the scene's
        self.canvas.scene().clear()
        self.running.blockSignals(True)
        for widget in (self.unplaced, self.wreaths, self.running, self.checks):
            widget.clear()
        self.running.blockSignals(False)
        event = self.current_event()
        self.propose_button.setEnabled(event is not None)
        data = self.session.data
        if event is None:
            self.canvas.set_lines([])
            self.checks.addItem(_("No ceremony in this visit."))
            self.flags.set_flags([], False, data.visit.flag_honour)
            return
        self.flags.set_flags(flags_of(data, event), bool(event.flags), data.visit.flag_honour)
        lang = current_language()
        people = {p.id: p for p in data.people}
        monument = (
            data.venue(event.venue_id).name.get(lang, data.visit.main_language)
            if event.venue_id
            else _("Monument")
        )
        drawn = draw_plan(self.canvas.scene(), monument, lines_of(event.placement), people)
        self.canvas.set_lines(drawn)
        self.canvas.fit()
        for person in ceremony.unplaced(data, event):
            entry = QListWidgetItem(person.formal_name())
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            self.unplaced.addItem(entry)

        def names(ids: list[str]) -> str:
            return ", ".join(people[i].display_name() for i in ids if i in people)

        for number, wreath in enumerate(event.wreaths, start=1):
            ribbon = wreath.ribbon.get(lang, data.visit.main_language)
            laid_by = names(wreath.layer_ids)
            text = f"{number}. {ribbon}" + (f" — {laid_by}" if laid_by else "")
            self.wreaths.addItem(text)
        home = zone(data.visit.tz)
        written = sorted(event.running_order, key=lambda x: x.at.timestamp())
        for entry_line in with_gifts(data, replace(event, running_order=written), lang):
            if isinstance(entry_line, GiftLine):
                self.running.addItem(_gift_item(entry_line, home))
                continue
            action = entry_line.action.get(lang, data.visit.main_language)
            text = f"{format_time(entry_line.at.astimezone(home))}  {action}"
            named = names(entry_line.person_ids)
            if named:
                text += f" — {named}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, list(entry_line.person_ids))
            self.running.addItem(entry)
        if 0 <= line < self.running.count():
            self.running.blockSignals(True)
            self.running.setCurrentRow(line)
            self.running.blockSignals(False)
            self._light_line(line)
        findings = list(protocol_checks.check_ceremonies(data, [event]))
        style = self.style()
        icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for finding in findings:
            self.checks.addItem(QListWidgetItem(icons[finding.severity], finding.message))
        if not findings:
            self.checks.addItem(_("No problem found."))


def _gift_item(line: GiftLine, home: tzinfo) -> QListWidgetItem:
    """A gift's line of the running order: greyed, naming no one on the plan."""
    when = format_time(line.at.astimezone(home)) if line.at is not None else "…"
    text = f"{when}  {line.action}" + (f" — {line.who}" if line.who else "")
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, [])
    item.setForeground(QPalette().color(QPalette.ColorRole.PlaceholderText))
    item.setToolTip(_("A gift of the register: edit it on the Gifts page"))
    return item
