"""Apply an edit from a dialog and learn why it failed, to say so inside the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from visitplanner.i18n import _
from visitplanner.services.commands import Command
from visitplanner.ui.controller import VisitController


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
