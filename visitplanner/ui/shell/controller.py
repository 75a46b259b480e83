"""The window's hold on the open visit: edits as operations, undo from the journal, one signal.

Every edit is an operation applied through the session (committed to the file and
journaled at once). Edit > Undo and Redo mirror the journal in the file, so they take
back the same steps as `visitplanner undo`, and survive closing the visit. A timer
that the window runs notices what another program (the command line) writes to the
file and shows it.
Screens listen to `changed(Change)` and refresh only what the change touched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from visitplanner.domain.errors import StaleError, VisitPlannerError
from visitplanner.domain.model import VisitData
from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import UndoState, VisitSession

log = logging.getLogger(__name__)

#: How often the window looks for changes made by another program (milliseconds).
WATCH_INTERVAL_MS = 1000


class JournalUndoStack(QObject):
    """Undo and redo as the journal in the file holds them (the window's Edit menu).

    Undo that fails (the file cannot be written, or the step was changed elsewhere)
    leaves everything as it was: the step still shows as done and can be tried again.
    """

    changed = Signal()
    canUndoChanged = Signal(bool)
    canRedoChanged = Signal(bool)
    undoTextChanged = Signal(str)
    redoTextChanged = Signal(str)

    def __init__(self, controller: VisitController) -> None:
        super().__init__(controller)
        self._controller = controller
        self._state = UndoState()
        self.refresh()

    def refresh(self) -> None:
        """Read the journal's undo and redo steps again; signal what moved."""
        old = self._state
        try:
            self._state = self._controller.session.undo_state()
        except VisitPlannerError as exc:
            log.warning("cannot read the journal: %s", exc)
            return
        new = self._state
        if (old.done > 0) != (new.done > 0):
            self.canUndoChanged.emit(new.done > 0)
        if (old.undone > 0) != (new.undone > 0):
            self.canRedoChanged.emit(new.undone > 0)
        if old.undo_label != new.undo_label:
            self.undoTextChanged.emit(new.undo_label)
        if old.redo_label != new.redo_label:
            self.redoTextChanged.emit(new.redo_label)
        if old != new:
            self.changed.emit()

    def count(self) -> int:
        """How many steps the journal holds (done and undone)."""
        return self._state.done + self._state.undone

    def index(self) -> int:
        """How many steps are done."""
        return self._state.done

    def canUndo(self) -> bool:
        """Whether there is a step to undo."""
        return self._state.done > 0 and not self._controller.read_only

    def canRedo(self) -> bool:
        """Whether there is a step to redo."""
        return self._state.undone > 0 and not self._controller.read_only

    def undoText(self) -> str:
        """What undo takes back."""
        return self._state.undo_label

    def redoText(self) -> str:
        """What redo brings back."""
        return self._state.redo_label

    def undo(self) -> bool:
        """Take back the latest step; False (and a message) when it could not be."""
        return self._controller.run_history(self._controller.session.undo)

    def redo(self) -> bool:
        """Bring back the step undone last; False (and a message) when it could not be."""
        return self._controller.run_history(self._controller.session.redo)

    def createUndoAction(self, parent: QObject, prefix: str = "") -> QAction:
        """A menu action that undoes, its text naming the step."""
        return HistoryAction(self, parent, prefix or _("Undo"), undo=True)

    def createRedoAction(self, parent: QObject, prefix: str = "") -> QAction:
        """A menu action that redoes, its text naming the step."""
        return HistoryAction(self, parent, prefix or _("Redo"), undo=False)


class HistoryAction(QAction):
    """Edit > Undo or Redo: names the step it takes, enabled when there is one.

    Its slots are its own methods, so Qt drops their connections when the action goes
    (a menu rebuilt on a language switch leaves nothing behind).
    """

    def __init__(self, stack: JournalUndoStack, parent: QObject, prefix: str, undo: bool) -> None:
        super().__init__(prefix, parent)
        self._stack = stack
        self._prefix = prefix
        self._undo = undo
        self.triggered.connect(self._take_step)
        stack.changed.connect(self.follow)
        self.follow()

    def _take_step(self) -> None:
        if self._undo:
            self._stack.undo()
        else:
            self._stack.redo()

    def follow(self) -> None:
        """Show the step the journal offers now."""
        label = self._stack.undoText() if self._undo else self._stack.redoText()
        # "Undo “Lock a seat”": quoted, so the step's own verb does not run on from the
        # command's ("Annuler Verrouiller une place").
        text = _("{command} “{step}”").format(command=self._prefix, step=label)
        self.setText(text if label else self._prefix)
        self.setEnabled(self._stack.canUndo() if self._undo else self._stack.canRedo())


class VisitController(QObject):
    """Applies edits to the open visit and tells every screen what changed."""

    changed = Signal(object)  # a Change
    error = Signal(str)  # an edit, an undo or a redo that could not be made

    def __init__(
        self, session: VisitSession, read_only: bool = False, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.session = session
        self.read_only = read_only
        self.undo_stack = JournalUndoStack(self)

    @property
    def data(self) -> VisitData:
        """The visit as it is now (in step with the file)."""
        return self.session.data

    def apply(self, operation: Operation, parent: QWidget | None = None) -> bool:
        """Carry out `operation` as an undoable edit; False (and a message) when it failed."""
        if self.read_only:
            QMessageBox.information(
                parent, _("Read-only"), _("This visit is open read-only; it cannot be changed.")
            )
            return False
        return self._run(lambda: self.session.apply(operation))

    def run_history(self, step: Callable[[], Change]) -> bool:
        """Undo or redo through the journal; False (and a message) when it failed."""
        if self.read_only:
            return False
        return self._run(step)

    def _run(self, step: Callable[[], Change]) -> bool:
        try:
            change = step()
            self.session.take_unannounced()  # announced below
        except StaleError as exc:
            log.warning("stale edit refused: %s", exc)
            self.error.emit(exc.message)
            self.undo_stack.refresh()
            self.changed.emit(Change.everything())
            return False
        except VisitPlannerError as exc:
            log.warning("edit failed: %s", exc)
            self.error.emit(exc.message)
            self.undo_stack.refresh()
            return False
        self.undo_stack.refresh()
        if change:
            self.changed.emit(change)
        return True

    def look_for_outside_changes(self) -> Change:
        """Show what another program wrote to the file since the last look."""
        if self.session.closed:
            return Change()
        try:
            self.session.sync()  # what it brings in is announced below
        except VisitPlannerError as exc:
            log.warning("cannot look for changes in the file: %s", exc)
            return Change()
        return self.announce()

    def watch(self, owner: QObject) -> QTimer:
        """Look for outside changes every second while `owner` (the window) lives."""
        watcher = QTimer(owner)
        watcher.setInterval(WATCH_INTERVAL_MS)
        watcher.timeout.connect(self.look_for_outside_changes)
        watcher.start()
        return watcher

    def announce(self) -> Change:
        """Tell every screen what changed that no screen was told of: what a service wrote
        through the session (a version issued, calendars remembered) and what another
        program wrote."""
        change = self.session.take_unannounced()
        if change:
            self.undo_stack.refresh()
            self.changed.emit(change)
        return change

    def refresh_all(self) -> None:
        """Tell every screen to refresh everything (after a language switch, say)."""
        self.changed.emit(Change.everything())
