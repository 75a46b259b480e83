"""The command line: the same jobs as the window, without a display.

Exit status: 0 done; 1 a check found an error; 2 the input or the command was
wrong, with one clear line on standard error and no traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from visitplanner import __version__
from visitplanner.crashlog import write_crash_report
from visitplanner.domain.errors import InputError, VisitPlannerError
from visitplanner.i18n import _, detect_language, set_language

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"visitplanner: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {value}").format(value=text)
        ) from exc


def _cmd_demo(args: argparse.Namespace) -> int:
    from visitplanner.services.demo import build_demo
    from visitplanner.services.visit_files import write_visit

    data = build_demo()
    write_visit(args.visit, data)
    print(
        _("Demo visit written to {path}: {people} people, {events} events.").format(
            path=args.visit, people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from visitplanner.services.visit_files import create_visit

    if args.end < args.start:
        raise InputError(
            _("--end {end} is before --start {start}").format(end=args.end, start=args.start)
        )
    create_visit(args.visit, args.title, args.start, args.end, args.tz)
    print(_("New visit written to {path}.").format(path=args.visit))
    return EXIT_OK


def _cmd_export_json(args: argparse.Namespace) -> int:
    from visitplanner.services.visit_files import export_json

    data = export_json(args.visit, args.output)
    print(
        _("Visit written to {path} ({people} people, {events} events).").format(
            path=args.output, people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def _cmd_import_json(args: argparse.Namespace) -> int:
    from visitplanner.services.visit_files import import_json

    data = import_json(args.json, args.output)
    print(
        _("Visit file {path} made from {source} ({people} people, {events} events).").format(
            path=args.output, source=args.json, people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from visitplanner.domain.checks import Severity, check_plan, has_errors
    from visitplanner.services.visit_files import read_visit

    findings = check_plan(read_visit(args.visit))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if args.json:
        document = {
            "errors": errors,
            "warnings": warnings,
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
        for finding in findings:
            print(f"{words[finding.severity]}: [{finding.kind.value}] {finding.message}")
        print(_("{errors} errors, {warnings} warnings.").format(errors=errors, warnings=warnings))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from visitplanner.app import run_app

    return run_app(args.visit)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    parser = _Parser(
        prog="visitplanner",
        description=_("Plan official delegation visits: roster, programme, venues, calendars."),
    )
    parser.add_argument("--version", action="version", version=f"VisitPlanner {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log what is done"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = commands.add_parser("gui", help=_("open the window"))
    gui.add_argument("visit", nargs="?", type=Path, metavar="VISIT")
    gui.set_defaults(handler=_cmd_gui)

    demo = commands.add_parser("demo", help=_("write the demo visit"))
    demo.add_argument("visit", type=Path, metavar="VISIT")
    demo.set_defaults(handler=_cmd_demo)

    new = commands.add_parser("new", help=_("create a new, empty visit"))
    new.add_argument("visit", type=Path, metavar="VISIT")
    new.add_argument("--title", required=True)
    new.add_argument("--start", required=True, type=_iso_date, metavar="DATE")
    new.add_argument("--end", required=True, type=_iso_date, metavar="DATE")
    new.add_argument("--tz", default="Europe/Paris", metavar="ZONE")
    new.set_defaults(handler=_cmd_new)

    export_json = commands.add_parser("export-json", help=_("write the visit as JSON"))
    export_json.add_argument("visit", type=Path, metavar="VISIT")
    export_json.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json")
    export_json.set_defaults(handler=_cmd_export_json)

    import_json = commands.add_parser("import-json", help=_("make a visit file from JSON"))
    import_json.add_argument("json", type=Path, metavar="FILE.json")
    import_json.add_argument("-o", "--output", required=True, type=Path, metavar="VISIT")
    import_json.set_defaults(handler=_cmd_import_json)

    check = commands.add_parser("check", help=_("check the plan for conflicts and gaps"))
    check.add_argument("visit", type=Path, metavar="VISIT")
    check.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    check.set_defaults(handler=_cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    set_language(detect_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        args.visit = None
        handler = _cmd_gui
    try:
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
        where = _("; details in {path}").format(path=report) if report else ""
        print(
            _("visitplanner: internal error ({error}){where}").format(error=exc, where=where),
            file=sys.stderr,
        )
        return EXIT_USAGE
