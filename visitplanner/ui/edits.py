"""Editors that save one entity as one undoable edit, and say inside themselves why not."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Delegation, Person, Vehicle, Venue
from visitplanner.i18n import _
from visitplanner.operations.edits import Command, SaveEntity
from visitplanner.ui.controller import VisitController
from visitplanner.ui.forms import show_error


def apply_or_reason(
    controller: VisitController, command: Command, parent: QWidget | None = None
) -> str | None:
    """Apply `command` as an undoable edit: None when done, else why it was not."""
    messages: list[str] = []

    def collect(message: str) -> None:
        messages.append(message)

    controller.error.connect(collect)
    try:
        done = controller.apply(command, parent)
    finally:
        controller.error.disconnect(collect)
    if done:
        return None
    return messages[-1] if messages else _("the visit is open read-only")


E = TypeVar("E", Delegation, Person, Venue, Vehicle)


class EntityEditor(QDialog, Generic[E]):
    """An editor whose OK saves one entity (new, or a new version of `before`) as one edit.

    A subclass sets `controller`, `before`, `saved` and the `error` label, and gives
    `build_entity`, `edit_label` and `failure`; a venue's editor also saves others.
    """

    controller: VisitController
    before: E | None
    saved: E | None
    error: QLabel

    def build_entity(self) -> E:
        """The entity as the fields describe it (a DomainError when they break a rule)."""
        raise NotImplementedError

    def edit_label(self, new: E) -> str:
        """What the edit is called on the undo stack."""
        raise NotImplementedError

    def failure(self) -> str:
        """The message when the edit could not be made ({reason} says why)."""
        raise NotImplementedError

    def is_unchanged(self, new: E) -> bool:
        """Whether saving `new` would change nothing."""
        return self.before is not None and new == self.before

    def save_command(self, new: E) -> Command:
        """The edit that saves `new`."""
        return SaveEntity(new, self.before, label=self.edit_label(new))

    def accept(self) -> None:
        """Save as one undoable edit; stay open, saying why, when it cannot be.

        A value the domain refuses, or an edit that fails, is shown in `error`; an
        unchanged entity adds no empty step to the undo stack.
        """
        if self.controller.read_only:
            QDialog.reject(self)
            return
        try:
            entity = self.build_entity()
        except DomainError as exc:
            show_error(self.error, exc.message)
            return
        if not self.is_unchanged(entity):
            reason = apply_or_reason(self.controller, self.save_command(entity), self)
            if reason is not None:
                show_error(self.error, self.failure().format(reason=reason))
                return
            self.saved = entity
        QDialog.accept(self)
