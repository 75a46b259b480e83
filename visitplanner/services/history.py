"""The journal as officers read it: who made each change, on which machine, with which
program (the `history` command and the window's History)."""

from __future__ import annotations

from visitplanner.i18n import _
from visitplanner.storage.journal import JournalEntry

__all__ = ["JournalEntry", "made_by", "what_changed"]


def what_changed(entry: JournalEntry) -> str:
    """The change's label, with whether it was undone or cannot be."""
    text = entry.label
    if not entry.done:
        text += _(" (undone)")
    if not entry.undoable:
        text += _(" (kept: not undone)")
    return text


def made_by(entry: JournalEntry) -> str:
    """Who made a change, on which machine, with which program ("Olena Kovalenko on
    laptop-3, window"); entries older than the officer's name give the program and the
    machine only."""
    program = _(entry.program) if entry.program else "?"
    if not entry.officer:
        return f"{program}, {entry.machine}"
    return _("{officer} on {machine}, {program}").format(
        officer=entry.officer, machine=entry.machine, program=program
    )
