"""The window's hold on the open visit: edits through the undo stack, one change signal.

Every edit is a service command pushed on a QUndoStack: pushing applies it
(committed to the file at once), undo and redo write through the same command.
Screens listen to `changed(Change)` and refresh only what the change touched.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import VisitData
from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.operations.edits import Command
from visitplanner.operations.session import VisitSession

log = logging.getLogger(__name__)


class _UndoableEdit(QUndoCommand):
    """A service command on the undo stack."""

    def __init__(self, controller: VisitController, command: Command) -> None:
        super().__init__(command.text)
        self._controller = controller
        self.command = command
        self.failed: VisitPlannerError | None = None

    def redo(self) -> None:
        self._controller.run(self.command, undo=False, edit=self)

    def undo(self) -> None:
        self._controller.run(self.command, undo=True, edit=self)


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
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)

    @property
    def data(self) -> VisitData:
        """The visit as it is now (in step with the file)."""
        return self.session.data

    def apply(self, command: Command, parent: QWidget | None = None) -> bool:
        """Carry out `command` as an undoable edit; False (and a message) when it failed."""
        if self.read_only:
            QMessageBox.information(
                parent, _("Read-only"), _("This visit is open read-only; it cannot be changed.")
            )
            return False
        edit = _UndoableEdit(self, command)
        self.undo_stack.push(edit)  # push() calls redo()
        if edit.failed is not None:
            # The edit did not happen: take it off the stack without running undo.
            self.undo_stack.setIndex(self.undo_stack.index() - 1)
            self._drop_last()
            return False
        return True

    def _drop_last(self) -> None:
        # QUndoStack has no pop; pushing an obsolete command removes the redo tail.
        marker = QUndoCommand()
        marker.setObsolete(True)
        self.undo_stack.push(marker)

    def run(self, command: Command, undo: bool, edit: _UndoableEdit) -> None:
        """Apply or revert `command` on the session and announce the change."""
        if edit.failed is not None:
            return
        try:
            change = self.session.revert(command) if undo else self.session.apply(command)
        except VisitPlannerError as exc:
            log.warning("edit failed: %s", exc)
            edit.failed = exc
            self.error.emit(exc.message)
            return
        self.changed.emit(change)

    def refresh_all(self) -> None:
        """Tell every screen to refresh everything (after a language switch, say)."""
        self.changed.emit(Change.everything())
