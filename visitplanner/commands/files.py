"""Commands on whole visit files: demo, new, export-json, import-json."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import (
    EXIT_OK,
    PASSPHRASE_VARIABLE,
    Subcommands,
    iso_date,
    new_passphrase,
    shown,
)
from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.domain.values import zone
from visitplanner.i18n import _
from visitplanner.services.visit_files import create_visit, export_json, import_json, write_visit


def _demo(args: argparse.Namespace) -> int:
    data = build_demo()
    write_visit(args.visit, data)
    print(
        _("Demo visit written to {path} (people: {people}, events: {events}).").format(
            path=args.visit, people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise InputError(
            _("--end {end} is before --start {start}").format(end=args.end, start=args.start)
        )
    zone(args.tz)  # a wrong zone is told before a passphrase is asked for
    passphrase = (
        None
        if args.no_encryption
        else new_passphrase(args.passphrase_file, PASSPHRASE_VARIABLE, args.visit)
    )
    create_visit(args.visit, args.title, args.start, args.end, args.tz, passphrase=passphrase)
    if passphrase is None:
        print(_("New visit written to {path}.").format(path=args.visit))
    else:
        print(_("New encrypted visit written to {path}.").format(path=args.visit))
    return EXIT_OK


def _export_json(args: argparse.Namespace) -> int:
    data = export_json(args.visit, args.output)
    print(
        _("Visit written to {path} (people: {people}, events: {events}).").format(
            path=shown(args.output), people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def _import_json(args: argparse.Namespace) -> int:
    data = import_json(args.json, args.output)
    print(
        _("Visit file {path} made from {source} (people: {people}, events: {events}).").format(
            path=args.output, source=args.json, people=len(data.people), events=len(data.events)
        )
    )
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the file commands."""
    demo = commands.add_parser("demo", help=_("write the demo visit"))
    demo.add_argument("visit", type=Path, metavar="VISIT")
    demo.set_defaults(handler=_demo)

    new = commands.add_parser("new", help=_("create a new, empty visit"))
    new.add_argument("visit", type=Path, metavar="VISIT")
    new.add_argument("--title", required=True)
    new.add_argument("--start", required=True, type=iso_date, metavar="DATE")
    new.add_argument("--end", required=True, type=iso_date, metavar="DATE")
    new.add_argument("--tz", default="Europe/Paris", metavar="ZONE")
    new.add_argument(
        "--no-encryption",
        action="store_true",
        help=_("write the visit in clear (by default it is encrypted with a passphrase)"),
    )
    new.set_defaults(handler=_new)

    export = commands.add_parser("export-json", help=_("write the visit as JSON"))
    export.add_argument("visit", type=Path, metavar="VISIT")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json")
    export.set_defaults(handler=_export_json)

    imported = commands.add_parser("import-json", help=_("make a visit file from JSON"))
    imported.add_argument("json", type=Path, metavar="FILE.json")
    imported.add_argument("-o", "--output", required=True, type=Path, metavar="VISIT")
    imported.set_defaults(handler=_import_json)
