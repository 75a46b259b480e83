"""Entry point: `python -m visitplanner` and the `visitplanner` console script."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: Mirrors commands.base.PASSPHRASE_VARIABLE (not imported: this runs before any module
#: of the command line is loaded; a test keeps the two equal).
PASSPHRASE_VARIABLE = "VISITPLANNER_PASSPHRASE"


def _given_passphrase(argv: Sequence[str]) -> str | None:
    file: str | None = None
    for at, word in enumerate(argv):
        if word == "--passphrase-file" and at + 1 < len(argv):
            file = argv[at + 1]
        elif word.startswith("--passphrase-file="):
            file = word.partition("=")[2]
    if file is None:
        return os.environ.get(PASSPHRASE_VARIABLE) or None
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None  # the command says what is wrong with the file
    return lines[0] if lines and lines[0] else None


def derive_ahead(argv: Sequence[str]) -> None:
    """Start deriving the key of each encrypted visit named on the command line, with the
    passphrase given for scripts (--passphrase-file, else VISITPLANNER_PASSPHRASE), on a
    thread: the 256,000 iterations then run while the command's modules load, and the
    command finds the key made when it opens the visit. A word that is not such a
    visit, or a passphrase that is wrong, costs that thread only."""
    passphrase = _given_passphrase(argv)
    if passphrase is None:
        return
    from visitplanner.storage import keys

    for word in argv:
        if word.startswith("-"):
            continue
        salt = keys.salt_if_encrypted(Path(word))
        if salt is not None:
            keys.derive_ahead(passphrase, salt)


def main() -> None:
    """Run the command line and exit with its status."""
    derive_ahead(sys.argv[1:])
    from visitplanner.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
