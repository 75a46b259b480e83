"""Apply an edit from a dialog and learn why it failed, to say so inside the dialog."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _
from visitplanner.services.commands import Command
from visitplanner.ui.controller import VisitController
from visitplanner.ui.forms import show_error

T = TypeVar("T")


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


class Outcome(Enum):
    """How an editor's OK ends: closed as saved, closed as nothing to save, or kept open."""

    SAVED = "saved"
    UNCHANGED = "unchanged"
    READ_ONLY = "read-only"
    KEPT_OPEN = "kept-open"


def commit_edit(
    controller: VisitController,
    error: QLabel,
    build: Callable[[], T],
    unchanged: Callable[[T], bool],
    command_for: Callable[[T], Command],
    failure: str,
    parent: QWidget | None = None,
) -> tuple[Outcome, T | None]:
    """What every editor's OK does: build the entity from the fields, save it as one edit.

    A value the domain refuses, or an edit that fails, is shown in `error` and the
    editor stays open (`failure` words the second, with {reason}); an unchanged
    entity adds no empty step to the undo stack.
    """
    if controller.read_only:
        return Outcome.READ_ONLY, None
    try:
        entity = build()
    except DomainError as exc:
        show_error(error, exc.message)
        return Outcome.KEPT_OPEN, None
    if unchanged(entity):
        return Outcome.UNCHANGED, entity
    reason = apply_or_reason(controller, command_for(entity), parent)
    if reason is not None:
        show_error(error, failure.format(reason=reason))
        return Outcome.KEPT_OPEN, None
    return Outcome.SAVED, entity


def close_editor(dialog: QDialog, outcome: Outcome) -> None:
    """Close an editor as its OK's outcome says: accepted, rejected (read-only), or kept open."""
    if outcome is Outcome.READ_ONLY:
        QDialog.reject(dialog)
    elif outcome is not Outcome.KEPT_OPEN:
        QDialog.accept(dialog)
