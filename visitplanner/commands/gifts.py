"""The gifts command: export-gifts (the register as CSV or XLSX)."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import (
    EXIT_OK,
    Subcommands,
    add_language_option,
    add_profile_option,
    shown,
)
from visitplanner.domain.values import Profile
from visitplanner.i18n import _, ngettext
from visitplanner.services.gifts import export_gifts
from visitplanner.services.visit_files import read_visit


def _export_gifts(args: argparse.Namespace) -> int:
    data = read_visit(args.visit)
    lang = args.lang or data.visit.main_language
    count = export_gifts(data, args.output, args.profile, lang)
    if args.profile is Profile.INTERNAL:
        message = ngettext(
            "Gifts register written to {path} ({count} gift, internal: values and "
            "declarations in).",
            "Gifts register written to {path} ({count} gifts, internal: values and "
            "declarations in).",
            count,
        )
    else:
        message = ngettext(
            "Gifts register written to {path} ({count} gift, shareable: no value, no declaration).",
            "Gifts register written to {path} ({count} gifts, shareable: no value, no "
            "declaration).",
            count,
        )
    print(message.format(path=shown(args.output), count=count))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the gifts command."""
    exported = commands.add_parser(
        "export-gifts",
        help=_("write the gifts register as CSV or XLSX (values with --profile internal)"),
    )
    exported.add_argument("visit", type=Path, metavar="VISIT")
    exported.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.csv|FILE.xlsx")
    add_profile_option(exported)
    add_language_option(exported)
    exported.set_defaults(handler=_export_gifts)
