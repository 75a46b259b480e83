"""What every command module shares: exit statuses, the parser class, argument types,
the passphrase of an encrypted visit."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Final, NoReturn, Protocol

from visitplanner.domain.errors import InputError
from visitplanner.domain.values import Profile, is_standard_output
from visitplanner.i18n import UI_LANGUAGES, _

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_USAGE: Final = 2


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"visitplanner: {message}\n")


class Subcommands(Protocol):
    """What `add_subparsers()` returns, as far as command modules use it."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """Add a subcommand."""
        ...


def shown(path: object) -> str:
    """An output as a message names it: its path, or "standard output" for "-"."""
    return _("standard output") if is_standard_output(path) else str(path)


def iso_date(text: str) -> date:
    """An argument that is a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {value}").format(value=text)
        ) from exc


def add_profile_option(parser: argparse.ArgumentParser) -> None:
    """--profile shareable|internal (shareable by default: no private field)."""
    parser.add_argument(
        "--profile",
        type=Profile,
        choices=list(Profile),
        default=Profile.SHAREABLE,
        help=_("who the export is for (default: shareable, without private fields)"),
    )


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """--lang fr|uk|en: the language of the content (default: the visit's main language)."""
    parser.add_argument(
        "--lang",
        choices=list(UI_LANGUAGES),
        default=None,
        help=_("language of the texts (default: the visit's main language)"),
    )


#: Where scripts give the passphrase of an encrypted visit (and the new one, to re-key).
PASSPHRASE_VARIABLE: Final = "VISITPLANNER_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE: Final = "VISITPLANNER_NEW_PASSPHRASE"


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """--passphrase-file FILE: the passphrase of an encrypted visit, on the file's first line
    (else the VISITPLANNER_PASSPHRASE variable, else a prompt on a terminal)."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        default=None,
        help=_(
            "the passphrase of an encrypted visit, on the first line of FILE (else the "
            "VISITPLANNER_PASSPHRASE variable, else a prompt)"
        ),
    )


def read_passphrase_file(path: Path) -> str:
    """The passphrase on the first line of `path` (its line ending left off)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read the passphrase ({reason})").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(_("{path}: the passphrase is not UTF-8 text").format(path=path)) from exc
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise InputError(_("{path}: the passphrase file is empty").format(path=path))
    return lines[0]


def given_passphrase(file: Path | None, variable: str) -> str | None:
    """The passphrase given in `file`, else in the environment `variable`; None if neither."""
    if file is not None:
        return read_passphrase_file(file)
    return os.environ.get(variable) or None


def passphrase_asker(args: argparse.Namespace) -> Callable[[Path], str | None]:
    """What the command line answers when an encrypted visit is opened: the passphrase of
    --passphrase-file, else of VISITPLANNER_PASSPHRASE, else typed at a prompt (never
    shown) when standard input is a terminal; else none."""

    def ask(path: Path) -> str | None:
        given = given_passphrase(getattr(args, "passphrase_file", None), PASSPHRASE_VARIABLE)
        if given is not None:
            return given
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(_("Passphrase of {path}: ").format(path=path)) or None

    return ask


def new_passphrase(file: Path | None, variable: str, path: Path) -> str:
    """A new passphrase for the visit at `path`: from `file`, else the `variable`, else
    typed twice at a prompt on a terminal."""
    given = given_passphrase(file, variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise InputError(
            _("{path}: give the new passphrase (a file, or the {variable} variable)").format(
                path=path, variable=variable
            )
        )
    first = getpass.getpass(_("New passphrase of {path}: ").format(path=path))
    again = getpass.getpass(_("The same passphrase again: "))
    if first != again:
        raise InputError(_("the two passphrases differ; nothing was changed"))
    if not first:
        raise InputError(_("the passphrase is empty"))
    return first
