"""Commands on a visit's encryption: encrypt, rekey, decrypt."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import (
    EXIT_OK,
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    Subcommands,
    new_passphrase,
)
from visitplanner.i18n import _
from visitplanner.services.encryption import decrypt_visit, encrypt_visit, rekey_visit


def _encrypt(args: argparse.Namespace) -> int:
    passphrase = new_passphrase(args.passphrase_file, PASSPHRASE_VARIABLE, args.visit)
    encrypt_visit(args.visit, passphrase)
    print(_("{path} is encrypted, and so are its backups.").format(path=args.visit))
    return EXIT_OK


def _rekey(args: argparse.Namespace) -> int:
    passphrase = new_passphrase(args.new_passphrase_file, NEW_PASSPHRASE_VARIABLE, args.visit)
    rekey_visit(args.visit, passphrase)
    print(_("{path} has its new passphrase, and so have its backups.").format(path=args.visit))
    return EXIT_OK


def _decrypt(args: argparse.Namespace) -> int:
    decrypt_visit(args.visit, args.output)
    print(_("{path} written in clear.").format(path=args.output))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the encryption commands."""
    encrypt = commands.add_parser(
        "encrypt",
        help=_("encrypt a visit file and its backups (the passphrase as for opening)"),
    )
    encrypt.add_argument("visit", type=Path, metavar="VISIT")
    encrypt.set_defaults(handler=_encrypt)

    rekey = commands.add_parser("rekey", help=_("give an encrypted visit a new passphrase"))
    rekey.add_argument("visit", type=Path, metavar="VISIT")
    rekey.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=_(
            "the new passphrase, on the first line of FILE (else the "
            "VISITPLANNER_NEW_PASSPHRASE variable, else a prompt)"
        ),
    )
    rekey.set_defaults(handler=_rekey)

    decrypt = commands.add_parser(
        "decrypt", help=_("write an encrypted visit in clear (the visit itself when -o names it)")
    )
    decrypt.add_argument("visit", type=Path, metavar="VISIT")
    decrypt.add_argument("-o", "--output", required=True, type=Path, metavar="PLAIN.visit")
    decrypt.set_defaults(handler=_decrypt)
