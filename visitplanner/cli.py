"""The command line: the same jobs as the window, without a display.

Exit status: 0 done; 1 a check found an error; 2 the input or the command was
wrong, with one clear line on standard error and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from visitplanner import __version__
from visitplanner.commands.base import (
    EXIT_USAGE,
    Parser,
    add_passphrase_option,
    passphrase_asker,
)
from visitplanner.crashlog import redact, write_crash_report
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.values import is_standard_output
from visitplanner.i18n import _, detect_language, set_language
from visitplanner.services.encryption import set_passphrase_asker

log = logging.getLogger(__name__)

#: The command modules and the commands each adds, in the order `--help` lists them.
#: A command line imports only the module of its command (a test keeps this in step
#: with what the modules register), so `--version` or `check` starts without loading
#: PDF, calendar or spreadsheet libraries.
COMMANDS: Final = {
    "visitplanner.commands.files": ("demo", "new", "export-json", "import-json"),
    "visitplanner.commands.check": ("check",),
    "visitplanner.commands.calendars": ("export-ics", "publish", "import-ics"),
    "visitplanner.commands.protocol": ("seating", "ceremony"),
    "visitplanner.commands.cars": ("cars",),
    "visitplanner.commands.precedence": ("precedence",),
    "visitplanner.commands.gifts": ("export-gifts",),
    "visitplanner.commands.rooming": ("export-rooming",),
    "visitplanner.commands.rosters": ("import-roster", "export-roster"),
    "visitplanner.commands.briefing": ("briefing",),
    "visitplanner.commands.versions": ("version", "changes", "send-updates"),
    "visitplanner.commands.history": ("history", "undo", "redo"),
    "visitplanner.commands.encryption": ("encrypt", "rekey", "decrypt"),
    "visitplanner.commands.server": ("serve", "officers"),
    "visitplanner.commands.sharing": ("share", "join", "sync"),
}
COMMAND_MODULES: Final = tuple(COMMANDS)


def _gui(args: argparse.Namespace) -> int:
    from visitplanner.app import run_app

    return run_app(args.visit)


def modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules the command line `argv` needs: its command's only; none for
    `--version` or the window; all of them for `--help` or a command not known."""
    words = list(sys.argv[1:] if argv is None else argv)
    # The options before a command take no value: the first other word is the command.
    command = next((word for word in words if not word.startswith("-")), None)
    if command is None:
        return COMMAND_MODULES if "-h" in words or "--help" in words else ()
    if command == "gui":
        return ()
    owners = tuple(module for module, names in COMMANDS.items() if command in names)
    return owners or COMMAND_MODULES


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser of the command line, with the commands of `modules` (all by default)."""
    parser = Parser(
        prog="visitplanner",
        description=_("Plan official delegation visits: roster, programme, venues, calendars."),
    )
    parser.add_argument("--version", action="version", version=f"VisitPlanner {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log what is done"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    gui = commands.add_parser("gui", help=_("open the window"))
    gui.add_argument("visit", nargs="?", type=Path, metavar="VISIT")
    gui.set_defaults(handler=_gui)
    for name in modules:
        importlib.import_module(name).register(commands)
    for name, command in commands.choices.items():
        if name not in ("gui", "demo"):  # every command that opens a visit (the window asks)
            add_passphrase_option(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    set_language(detect_language())
    parser = build_parser(modules_for(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        args.visit = None
        handler = _gui
    if handler is not _gui:  # the window asks in a dialog, never on the terminal
        set_passphrase_asker(passphrase_asker(args))
    try:
        if is_standard_output(getattr(args, "output", None)):
            # The file is the standard output: what the command says goes beside it.
            with contextlib.redirect_stdout(sys.stderr):
                return handler(args)
        return handler(args)
    except VisitPlannerError as exc:
        print(f"visitplanner: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"visitplanner: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(_("visitplanner: interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: a bug is reported, never a traceback
        log.debug("unexpected error", exc_info=True)
        report = write_crash_report(exc)
        where = (
            _(
                "; details in {path} (where the program failed, without the visit's "
                "names or values)"
            ).format(path=report)
            if report
            else ""
        )
        print(
            _("visitplanner: internal error ({error}){where}").format(
                error=f"{type(exc).__name__}: {redact(str(exc))}", where=where
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
