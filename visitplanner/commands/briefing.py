"""The `briefing` command: the printed briefing book, for the visit or one person."""

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
from visitplanner.domain.lookup import find_person
from visitplanner.i18n import _
from visitplanner.services.briefing import BriefingOptions, build_briefing, section_choices
from visitplanner.services.versions import find_version
from visitplanner.services.visit_files import read_visit


def _sections(text: str) -> tuple[str, ...]:
    """--sections cover,programme,events: keys separated by commas or spaces."""
    keys = tuple(k for k in text.replace(",", " ").split() if k)
    known = {key for key, _title in section_choices()}
    unknown = [k for k in keys if k not in known]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            _("unknown section {names}; the sections are: {known}").format(
                names=", ".join(unknown) or "''", known=", ".join(sorted(known))
            )
        )
    return keys


def _briefing(args: argparse.Namespace) -> int:
    data = read_visit(args.visit)
    person = find_person(data, args.person) if args.person else None
    sections = args.sections
    if args.changes_since is not None:
        find_version(data, args.changes_since)  # a clear error before any work
        if sections is not None and "changes" not in sections:
            sections = ("changes", *sections)
    options = BriefingOptions(
        changes_since=args.changes_since,
        sections=sections,
        lang=args.lang,
        profile=args.profile,
        marking=args.marking,
        person_id=person.id if person else None,
    )
    result = build_briefing(data, args.output, options)
    print(
        _("Briefing book written to {path} ({pages} pages).").format(
            path=shown(result.path), pages=result.pages
        )
    )
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the briefing command."""
    briefing = commands.add_parser(
        "briefing", help=_("print the briefing book (PDF) of the visit or of one person")
    )
    briefing.add_argument("visit", type=Path, metavar="VISIT")
    briefing.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    briefing.add_argument(
        "--person", metavar="NAME", help=_("a personal pack: only this person's events")
    )
    add_language_option(briefing)
    add_profile_option(briefing)
    briefing.add_argument(
        "--marking",
        metavar="TEXT",
        help=_("the handling marking of this book (default: the visit's own)"),
    )
    briefing.add_argument(
        "--sections",
        type=_sections,
        metavar="KEYS",
        help=_("the sections to print, separated by commas (default: all): {keys}").format(
            keys=", ".join(key for key, _title in section_choices())
        ),
    )
    briefing.add_argument(
        "--changes-since",
        type=int,
        metavar="N",
        help=_("a re-issued book: the changes since programme version N come first"),
    )
    briefing.set_defaults(handler=_briefing)
