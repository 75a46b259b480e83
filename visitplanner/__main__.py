"""Entry point: `python -m visitplanner` and the `visitplanner` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line and exit with its status."""
    from visitplanner.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
