"""The `history`, `undo` and `redo` commands: the journal of operations, as the window has it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands
from visitplanner.domain.values import zone
from visitplanner.i18n import _
from visitplanner.services.history import made_by, what_changed
from visitplanner.services.visit_files import open_visit


def _history(args: argparse.Namespace) -> int:
    session = open_visit(args.visit, read_only=True)
    try:
        entries = session.history(args.limit)
        tz = zone(session.data.visit.tz)
    finally:
        session.close()
    if args.json:
        document = [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "officer": e.officer,
                "machine": e.machine,
                "program": e.program,
                "label": e.label,
                "undoable": e.undoable,
                "state": "done" if e.done else "undone",
            }
            for e in entries
        ]
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print(_("No change has been made to this visit yet."))
        return EXIT_OK
    for e in entries:
        when = e.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{when}  {what_changed(e)}  — {made_by(e)}")
    return EXIT_OK


def _undo(args: argparse.Namespace) -> int:
    return _step(args, undo=True)


def _redo(args: argparse.Namespace) -> int:
    return _step(args, undo=False)


def _step(args: argparse.Namespace, undo: bool) -> int:
    session = open_visit(args.visit)
    try:
        label = session.undo_state().undo_label if undo else session.undo_state().redo_label
        session.undo() if undo else session.redo()
    finally:
        session.close()
    message = _("Undone: {label}") if undo else _("Redone: {label}")
    print(message.format(label=label))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the history, undo and redo commands."""
    history = commands.add_parser("history", help=_("the journal of changes, newest first"))
    history.add_argument("visit", type=Path, metavar="VISIT")
    history.add_argument("--json", action="store_true", help=_("print the journal as JSON"))
    history.add_argument(
        "--limit", type=int, default=None, metavar="N", help=_("show the N newest changes only")
    )
    history.set_defaults(handler=_history)
    undo = commands.add_parser("undo", help=_("take back the latest change (as Edit > Undo)"))
    undo.add_argument("visit", type=Path, metavar="VISIT")
    undo.set_defaults(handler=_undo)
    redo = commands.add_parser("redo", help=_("bring back the change undone last"))
    redo.add_argument("visit", type=Path, metavar="VISIT")
    redo.set_defaults(handler=_redo)
