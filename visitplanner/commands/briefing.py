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
from visitplanner.domain.errors import InputError
from visitplanner.domain.lookup import find_person
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import Profile
from visitplanner.i18n import _, ngettext
from visitplanner.services.briefing import BriefingOptions, build_briefing, section_choices
from visitplanner.services.copies import MOST_COPIES, Holder, holders_from_lines, print_copies
from visitplanner.services.versions import find_version
from visitplanner.services.visit_files import open_visit, read_visit


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


def _dietary_sections(args: argparse.Namespace, data: VisitData) -> tuple[str, ...] | None:
    """The sections asked for, the dietary sheets alone with --dietary; refused when
    they would print medical details outside the internal profile, or nothing."""
    sections: tuple[str, ...] | None = args.sections
    if args.dietary:
        if args.person or sections is not None or args.changes_since is not None:
            raise InputError(
                _(
                    "--dietary prints the dietary sheets alone: not with --person, "
                    "--sections or --changes-since"
                )
            )
        if not any(e.seating and e.seating.tables and not e.cancelled for e in data.events):
            raise InputError(_("no meal of this visit has a seating plan: no dietary sheet"))
        sections = ("dietary",)
    asked = sections is not None and "dietary" in sections
    if asked and args.profile is not Profile.INTERNAL:
        raise InputError(
            _(
                "the dietary sheets hold medical details: they are printed only with "
                "the internal profile (--profile internal)"
            )
        )
    return sections


def _count(text: str) -> int:
    """--copies 12: a whole number of copies, 1 or more."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MOST_COPIES:
        raise argparse.ArgumentTypeError(
            _("the number of copies is a whole number from 1 to {most}: {found}").format(
                most=MOST_COPIES, found=text
            )
        )
    return count


def _holders(args: argparse.Namespace, data: VisitData) -> list[Holder]:
    """The holders of the copies, in order: --to's people, or --copy-holders' lines."""
    if args.copies is None:
        if args.to or args.copy_holders:
            raise InputError(_("--to and --copy-holders name the holders of --copies N"))
        return []
    if args.to and args.copy_holders:
        raise InputError(_("--to or --copy-holders, not both"))
    if args.to:
        return [(find_person(data, name).id, "") for name in args.to]
    if args.copy_holders:
        try:
            lines = args.copy_holders.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                _("{path}: cannot read the list of holders ({reason})").format(
                    path=args.copy_holders, reason=getattr(exc, "strerror", None) or exc
                )
            ) from exc
        while lines and not lines[-1].strip():
            lines.pop()
        return holders_from_lines(data, lines)
    return []


def _print_copies(args: argparse.Namespace, options: BriefingOptions) -> int:
    session = open_visit(args.visit)
    try:
        holders = _holders(args, session.data)
        result = print_copies(session, args.output, options, args.copies, holders)
    finally:
        session.close()
    first, last = result.paths[0], result.paths[-1]
    print(
        ngettext(
            "{count} numbered copy written ({first} … {last}, {pages} pages each) and "
            "recorded in the visit's distribution list.",
            "{count} numbered copies written ({first} … {last}, {pages} pages each) and "
            "recorded in the visit's distribution list.",
            len(result.paths),
        ).format(count=len(result.paths), first=shown(first), last=shown(last), pages=result.pages)
    )
    return EXIT_OK


def _briefing(args: argparse.Namespace) -> int:
    data = read_visit(args.visit)
    if args.copies is None:
        _holders(args, data)  # --to without --copies: said before any work
    sections = _dietary_sections(args, data)
    person = find_person(data, args.person) if args.person else None
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
    if args.copies is not None:
        if args.dietary:
            raise InputError(_("--dietary prints a caterer's sheet: not in numbered copies"))
        return _print_copies(args, options)
    result = build_briefing(data, args.output, options)
    done = (
        ngettext(
            "Dietary sheets written to {path} ({pages} page).",
            "Dietary sheets written to {path} ({pages} pages).",
            result.pages,
        )
        if args.dietary
        else ngettext(
            "Briefing book written to {path} ({pages} page).",
            "Briefing book written to {path} ({pages} pages).",
            result.pages,
        )
    )
    print(done.format(path=shown(result.path), pages=result.pages))
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
    briefing.add_argument(
        "--dietary",
        action="store_true",
        help=_(
            "only the dietary sheet of each meal with a seating plan, for the caterer "
            "(medical details: needs --profile internal)"
        ),
    )
    briefing.add_argument(
        "--copies",
        type=_count,
        metavar="N",
        help=_(
            "N numbered copies, one file each (BOOK-01.pdf …), recorded in the visit's "
            "distribution list"
        ),
    )
    briefing.add_argument(
        "--to",
        nargs="+",
        metavar="PERSON",
        help=_("the holders of the copies, in order: people of the visit (with --copies)"),
    )
    briefing.add_argument(
        "--copy-holders",
        type=Path,
        metavar="FILE.txt",
        help=_(
            "the holders of the copies, a line per copy: a person of the visit or any "
            "name (with --copies)"
        ),
    )
    briefing.set_defaults(handler=_briefing)
