"""Commands of the sync server: serve, officers."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands, given_passphrase, new_passphrase
from visitplanner.domain.errors import InputError
from visitplanner.i18n import _
from visitplanner.sync.officers import (
    Officer,
    add_officer,
    list_officers,
    revoke_officer,
)
from visitplanner.sync.server import DEFAULT_HOST, DEFAULT_PORT, ServeOptions, serve
from visitplanner.sync.store import PASSPHRASE_VARIABLE, ServerDatabase, database_path


def _passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    """The server's passphrase: --passphrase-file, else VISITPLANNER_SERVER_PASSPHRASE,
    else a prompt on a terminal (twice for a new server)."""
    if new:
        return new_passphrase(args.passphrase_file, PASSPHRASE_VARIABLE, args.data)
    given = given_passphrase(args.passphrase_file, PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise InputError(
            _(
                "give the sync server's passphrase (--passphrase-file FILE, or the "
                "{variable} variable)"
            ).format(variable=PASSPHRASE_VARIABLE)
        )
    return getpass.getpass(
        _("Passphrase of the sync server's data in {path}: ").format(path=args.data)
    )


def _open(args: argparse.Namespace, *, create: bool = False) -> ServerDatabase:
    if not args.data.is_dir() and not create:
        raise InputError(_("{path}: no such folder").format(path=args.data))
    new = create and not database_path(args.data).exists()
    return ServerDatabase.open(args.data, _passphrase(args, new=new), create=create)


def _serve(args: argparse.Namespace) -> int:
    options = ServeOptions(
        host=args.host,
        port=args.port,
        certfile=args.certfile,
        keyfile=args.keyfile,
        behind_tls_proxy=args.behind_tls_proxy,
    )
    options.check()  # before the passphrase is asked
    database = _open(args)
    try:
        print(
            _("Sync server on {url} (Ctrl+C or SIGTERM stops it).").format(url=options.url),
            flush=True,
        )
        serve(database, options)
    finally:
        database.close()
    print(_("Sync server stopped."))
    return EXIT_OK


def _visits(officer: Officer) -> str:
    return ", ".join(officer.visits) if officer.visits else _("every visit")


def _add(args: argparse.Namespace) -> int:
    database = _open(args, create=True)
    try:
        token = add_officer(database, args.name, args.visit)
        officer = next(found for found in list_officers(database) if found.name == args.name)
    finally:
        database.close()
    print(
        _("{name} may join {visits}. The token, shown this once:").format(
            name=officer.name, visits=_visits(officer)
        )
    )
    print(token)
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    database = _open(args)
    try:
        officer = revoke_officer(database, args.name)
    finally:
        database.close()
    print(_("{name}'s token is revoked.").format(name=officer.name))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    database = _open(args)
    try:
        officers = list_officers(database)
    finally:
        database.close()
    if not officers:
        print(_("No officer yet."))
    for officer in officers:
        status = (
            _("active")
            if officer.revoked is None
            else _("revoked {time}").format(time=officer.revoked.strftime("%Y-%m-%d %H:%M UTC"))
        )
        added = officer.added.strftime("%Y-%m-%d %H:%M UTC")
        print(
            _("{name}: {visits}; added {time}; {status}").format(
                name=officer.name, visits=_visits(officer), time=added, status=status
            )
        )
    return EXIT_OK


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        required=True,
        type=Path,
        metavar="DIR",
        help=_("the folder of the server's data (encrypted with its passphrase)"),
    )


def register(commands: Subcommands) -> None:
    """Add the sync server's commands."""
    server = commands.add_parser(
        "serve",
        help=_("run the sync server through which officers share visits"),
        description=_(
            "Run the sync server. Its passphrase: --passphrase-file FILE, else the "
            "VISITPLANNER_SERVER_PASSPHRASE variable, else a prompt."
        ),
    )
    _data_option(server)
    server.add_argument("--host", default=DEFAULT_HOST, help=_("the address to listen on"))
    server.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("the port to listen on"))
    server.add_argument("--certfile", type=Path, metavar="FILE", help=_("TLS certificate (PEM)"))
    server.add_argument("--keyfile", type=Path, metavar="FILE", help=_("TLS private key (PEM)"))
    server.add_argument(
        "--behind-tls-proxy",
        action="store_true",
        help=_("a reverse proxy in front terminates TLS (allows a non-loopback host without it)"),
    )
    server.set_defaults(handler=_serve)

    officers = commands.add_parser(
        "officers",
        help=_("add, revoke or list the officers a sync server lets in"),
        description=_(
            "Manage the sync server's officers. Its passphrase: --passphrase-file FILE "
            "(before the action), else the VISITPLANNER_SERVER_PASSPHRASE variable, else a "
            "prompt."
        ),
    )
    _data_option(officers)
    actions = officers.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(officers)
    )
    add = actions.add_parser("add", help=_("add an officer and print the new token once"))
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--visit",
        action="append",
        default=[],
        metavar="ID",
        help=_("a visit (UUID) the officer may join; repeat it; none: every visit"),
    )
    add.set_defaults(handler=_add)
    revoke = actions.add_parser("revoke", help=_("revoke an officer's token"))
    revoke.add_argument("name", metavar="NAME")
    revoke.set_defaults(handler=_revoke)
    listing = actions.add_parser("list", help=_("list the officers (never their tokens)"))
    listing.set_defaults(handler=_list)
