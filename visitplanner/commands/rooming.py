"""The rooming command: export-rooming (each hotel's rooming list as XLSX or PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands, add_profile_option, shown
from visitplanner.i18n import _, ngettext
from visitplanner.services.rooming import export_rooming


def _export(args: argparse.Namespace) -> int:
    done = export_rooming(
        args.visit, args.output, args.profile, args.hotel, args.since, sent=args.sent
    )
    hotels = len(done.lists)
    message = ngettext(
        "Rooming list written to {path} ({hotels} hotel, {stays} stays).",
        "Rooming lists written to {path} ({hotels} hotels, {stays} stays).",
        hotels,
    )
    print(message.format(path=shown(args.output), hotels=hotels, stays=done.stay_count))
    for rooming in done.lists:
        if rooming.since is None:
            continue
        changed = sum(1 for row in rooming.rows if row.change != "same")
        line = ngettext(
            "{hotel}: {count} row changed since list {number}.",
            "{hotel}: {count} rows changed since list {number}.",
            changed,
        )
        name = rooming.hotel.name.get(rooming.lang)
        print(line.format(hotel=name, count=changed, number=rooming.since.number))
    if args.sent:
        print(_("Remembered as sent: the next list marks what changes from now on."))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the rooming command."""
    exported = commands.add_parser(
        "export-rooming",
        help=_("write each hotel's rooming list as XLSX or PDF, in the hotel's language"),
    )
    exported.add_argument("visit", type=Path, metavar="VISIT")
    exported.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx|FILE.pdf")
    exported.add_argument("--hotel", metavar="VENUE", help=_("only this hotel (its name or id)"))
    exported.add_argument(
        "--since",
        metavar="VERSION_OR_DATE",
        help=_(
            "mark the rows changed since this list sent (its number, or the last sent on or "
            "before a day YYYY-MM-DD; default: the last list sent)"
        ),
    )
    exported.add_argument(
        "--sent",
        action="store_true",
        help=_("remember the lists as sent to the hotels (the next ones mark changes since)"),
    )
    add_profile_option(exported)
    exported.set_defaults(handler=_export)
