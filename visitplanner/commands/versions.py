"""The programme version commands: version, changes and send-updates."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands, add_language_option, shown
from visitplanner.domain.values import zone
from visitplanner.i18n import UI_LANGUAGES, _, format_datetime, ngettext
from visitplanner.services.versions import (
    changes,
    changes_as_dict,
    describe_changes,
    issue_version,
)
from visitplanner.services.visit_files import open_visit, read_visit


def _number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("not a version number: {value}").format(value=text))
    return value


def _version(args: argparse.Namespace) -> int:
    session = open_visit(args.visit)
    try:
        version = issue_version(session, args.note or "")
        issued = version.issued.astimezone(zone(session.data.visit.tz))
    finally:
        session.close()
    print(
        _("Programme version {number} issued ({date}).").format(
            number=version.number, date=format_datetime(issued)
        )
    )
    return EXIT_OK


def _changes(args: argparse.Namespace) -> int:
    data = read_visit(args.visit)
    comparison = changes(data, args.since, args.to)
    lang = args.lang or data.visit.main_language
    if args.output is not None:
        from visitplanner.services.briefing import BriefingOptions, build_briefing

        options = BriefingOptions(
            sections=("changes",),
            lang=lang,
            changes_since=comparison.since,
            changes_to=comparison.to,
        )
        result = build_briefing(data, args.output, options)
        print(_("Changes written to {path}.").format(path=shown(result.path)))
        return EXIT_OK
    if args.json:
        print(json.dumps(changes_as_dict(comparison), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(describe_changes(data, comparison, lang), end="")
    return EXIT_OK


def _send_updates(args: argparse.Namespace) -> int:
    # Imported here: calendars and e-mail are not needed by `version` and `changes`.
    from visitplanner.services.updates import send_updates

    session = open_visit(args.visit)
    try:
        result = send_updates(session, args.since, args.output, args.lang)
    finally:
        session.close()
    people = len({u.person_id for u in result.updates})
    print(
        ngettext(
            "{count} update message written to {path} (people: {people}).",
            "{count} update messages written to {path} (people: {people}).",
            len(result.updates),
        ).format(count=len(result.updates), people=people, path=args.output)
    )
    if result.by_hand:
        print(
            _(
                "To reach by hand ({count}): a calendar file and a printable notice are in "
                "each one's folder."
            ).format(count=len(result.by_hand))
        )
        for entry in result.by_hand:
            print(
                _("  {name}: {reason} ({folder})").format(
                    name=entry.person.display_name(),
                    reason=entry.reason,
                    folder=shown(entry.notice.parent),
                )
            )
    if result.index is not None:
        print(_("The list of everyone concerned is in {path}.").format(path=shown(result.index)))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the programme version commands."""
    version = commands.add_parser(
        "version", help=_("issue a programme version: a numbered, dated, frozen snapshot")
    )
    version.add_argument("visit", type=Path, metavar="VISIT")
    version.add_argument("--note", metavar="TEXT", help=_("what this version is for"))
    version.set_defaults(handler=_version)

    changed = commands.add_parser("changes", help=_("what changed since a programme version"))
    changed.add_argument("visit", type=Path, metavar="VISIT")
    changed.add_argument(
        "--since", type=_number, metavar="N", help=_("from this version (default: the latest)")
    )
    changed.add_argument(
        "--to", type=_number, metavar="M", help=_("to this version (default: the programme now)")
    )
    changed.add_argument("--json", action="store_true", help=_("write the changes as JSON"))
    changed.add_argument(
        "-o", "--output", type=Path, metavar="FILE.pdf", help=_("print the changes sheet (PDF)")
    )
    add_language_option(changed)
    changed.set_defaults(handler=_changes)

    updates = commands.add_parser(
        "send-updates",
        help=_("write the calendar invitations (.ics, .eml) for the changes since a version"),
    )
    updates.add_argument("visit", type=Path, metavar="VISIT")
    updates.add_argument(
        "--since", type=_number, required=True, metavar="N", help=_("from this version")
    )
    updates.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help=_("the folder to write")
    )
    updates.add_argument(
        "--lang",
        choices=list(UI_LANGUAGES),
        default=None,
        help=_("language of the messages (default: each person's own language)"),
    )
    updates.set_defaults(handler=_send_updates)
