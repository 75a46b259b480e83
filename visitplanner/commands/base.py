"""What every command module shares: exit statuses, the parser class, argument types."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, Final, NoReturn, Protocol

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
