"""A page that arranges people for one event at a time: a meal's seating, a ceremony's
placement. What the two share: the event chosen from a list (kept across changes), each
edit made through `apply` with a refusal shown rather than raised, and the line that says
who is held from the keyboard. A subclass lists its events (`offered`), draws the plan
(`refresh`) and gives a place's menu (`menu_for`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QMessageBox, QWidget

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import Event
from visitplanner.i18n import current_language
from visitplanner.operations.change import Change
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession


class PlanPage(QWidget):
    """The event shown, the edits made on its plan, the person held."""

    changed = Signal(object)  # the Change of each edit

    def __init__(
        self,
        session: VisitSession,
        parent: QWidget | None = None,
        apply: Callable[[Operation], Change] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.apply = apply or session.apply
        self.events = QComboBox()
        # Sized for a few words, not for the longest title in the longest language: a
        # combo sized to its contents made the window wider than a laptop's screen.
        self.events.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.events.setMinimumContentsLength(24)
        #: Who is held from the keyboard, and how to put them down.
        self.hint = QLabel()

    # -- what the subclass says ---------------------------------------------------------

    def offered(self) -> list[Event]:
        """The events the page can show, in time order."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Draw the plan of the event shown."""
        raise NotImplementedError

    def menu_for(self, key: str) -> QMenu:
        """The menu of a place."""
        raise NotImplementedError

    def refusal_title(self) -> str:
        """The title of the box that says an edit was refused."""
        raise NotImplementedError

    def held_words(self) -> str:
        """What the hint says while someone is held ({name} in it)."""
        raise NotImplementedError

    # -- the event shown ----------------------------------------------------------------

    def current_event(self) -> Event | None:
        """The event shown, as it is now."""
        ident = self.events.currentData()
        return next((e for e in self.session.data.events if e.id == ident), None)

    def follow(self, change: Change) -> None:
        """Show the visit as it is after `change` (connected to the visit's changes)."""
        self.reload()

    def reload(self) -> None:
        """Refill the list of events (keeping the one shown) and redraw."""
        shown = self.events.currentData()
        self.events.blockSignals(True)
        self.events.clear()
        lang = current_language()
        for event in self.offered():
            title = event.title.get(lang, self.session.data.visit.main_language)
            self.events.addItem(title, event.id)
            self.events.setItemData(self.events.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        index = self.events.findData(shown)
        self.events.setCurrentIndex(index if index >= 0 else 0)
        self.events.blockSignals(False)
        self.event_chosen()

    def show_event(self, event_id: str) -> None:
        """Show the event `event_id`."""
        self.events.setCurrentIndex(self.events.findData(event_id))

    def event_chosen(self) -> None:
        """Another event is shown (the events list's signal comes here)."""
        self.refresh()

    # -- edits ---------------------------------------------------------------------------

    def _run(self, make: Callable[[], Operation]) -> None:
        """Make the operation and apply it; a refusal (a locked seat) is shown, not raised."""
        try:
            operation = make()
            if isinstance(operation, SaveEntity) and operation.after == operation.before:
                # Nothing would change (a name dropped on its own place, the same plan
                # proposed again): nothing is written, no empty step is undone later.
                change = Change()
            else:
                change = self.apply(operation)
        except VisitPlannerError as exc:
            QMessageBox.warning(self, self.refusal_title(), str(exc))
            return
        self.refresh()
        self.changed.emit(change)

    def _show_picked(self, person_id: str) -> None:
        if not person_id:
            self.hint.clear()
            return
        person = next((p for p in self.session.data.people if p.id == person_id), None)
        name = person.formal_name() if person is not None else ""
        self.hint.setText(self.held_words().format(name=name))

    def _show_menu(self, key: str, where: object) -> None:
        self.menu_for(key).exec(where)  # type: ignore[call-overload]
