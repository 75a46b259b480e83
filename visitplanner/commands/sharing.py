"""Commands of a shared visit: share, join, sync.

The officer's token for the sync server comes from --token-file FILE, else the
VISITPLANNER_SYNC_TOKEN variable, else a prompt on a terminal: never the command line,
never the visit file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Final

from visitplanner.commands.base import EXIT_OK, Subcommands, read_passphrase_file
from visitplanner.domain.errors import InputError
from visitplanner.i18n import _, ngettext

#: Where a script gives the officer's token.
TOKEN_VARIABLE: Final = "VISITPLANNER_SYNC_TOKEN"


def _token(args: argparse.Namespace) -> str:
    if args.token_file is not None:
        return read_passphrase_file(args.token_file)
    given = os.environ.get(TOKEN_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InputError(
            _(
                "give your token for the sync server (--token-file FILE, or the {variable} "
                "variable)"
            ).format(variable=TOKEN_VARIABLE)
        )
    return getpass.getpass(_("Your token for the sync server: "))


def _officer(args: argparse.Namespace) -> str:
    name = (args.officer or getpass.getuser() or "").strip()
    if not name:
        raise InputError(_("say who you are with --as NAME"))
    return name


def _share(args: argparse.Namespace) -> int:
    from visitplanner.services.sharing import share_visit

    invitation = share_visit(args.visit, args.server, _token(args), _officer(args))
    print(
        _("{path} is shared; other officers join it with their own token:").format(path=args.visit)
    )
    print(invitation)  # the last line: what a script hands on
    return EXIT_OK


def _join(args: argparse.Namespace) -> int:
    from visitplanner.services.sharing import Invitation, join_visit

    invitation = Invitation.parse(args.invitation)
    title = join_visit(invitation, args.output, _token(args), _officer(args))
    print(_("{title}: joined, in {path}.").format(title=title, path=args.output))
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from visitplanner.services.sharing import findings_told, shared_status, sync_visit

    if shared_status(args.visit) is None:  # said before a token is asked for
        raise InputError(
            _("{path}: this visit is not shared; share it first (visitplanner share)").format(
                path=args.visit
            )
        )
    report = sync_visit(args.visit, _token(args))
    print(
        ngettext("Sent {sent} change", "Sent {sent} changes", report.sent).format(sent=report.sent)
        + "; "
        + ngettext("received {count} change.", "received {count} changes.", report.received).format(
            count=report.received
        )
    )
    for message in report.messages:
        print(message)
    for line in findings_told(report.findings):
        print(line)
    return EXIT_OK


def _token_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help=_("the file holding your token (else {variable}, else a prompt)").format(
            variable=TOKEN_VARIABLE
        ),
    )


def _as_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="officer",
        metavar="NAME",
        help=_("your name as other officers see it in the history (default: your login)"),
    )


def register(commands: Subcommands) -> None:
    """Add the commands of a shared visit."""
    share = commands.add_parser(
        "share", help=_("put a visit on a sync server and print the invitation to join it")
    )
    share.add_argument("visit", type=Path, metavar="VISIT")
    share.add_argument(
        "--server", required=True, metavar="URL", help=_("wss://host:port of the sync server")
    )
    _token_option(share)
    _as_option(share)
    share.set_defaults(handler=_share)
    join = commands.add_parser("join", help=_("make your own replica of a shared visit"))
    join.add_argument("invitation", metavar="INVITATION")
    join.add_argument("-o", "--output", type=Path, required=True, metavar="VISIT")
    _token_option(join)
    _as_option(join)
    join.set_defaults(handler=_join)
    sync = commands.add_parser(
        "sync", help=_("send your changes to a shared visit and bring in the others', once")
    )
    sync.add_argument("visit", type=Path, metavar="VISIT")
    _token_option(sync)
    sync.set_defaults(handler=_sync)
