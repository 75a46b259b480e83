"""Entry point of the packaged application: the `visitplanner` console script, frozen.

PyInstaller needs a script rather than an entry point; this one hands over to
`visitplanner.__main__.main`, as the console script does. It adds one thing only the
packaged application meets: a file manager or the macOS Finder that opens a `.visit`
file may start the program with the file as its only argument (the Finder's "open
document" event becomes argv on macOS); that means `gui FILE`, not a command named
after the file.
"""

from __future__ import annotations

import sys

VISIT_SUFFIX = ".visit"


def arguments(argv: list[str]) -> list[str]:
    """The command-line arguments to run, with `gui` put before a lone visit file."""
    if len(argv) == 1 and argv[0].lower().endswith(VISIT_SUFFIX) and not argv[0].startswith("-"):
        return ["gui", argv[0]]
    return argv


def run() -> None:
    """Run the command line (or the window) of VisitPlanner and exit with its status."""
    sys.argv[1:] = arguments(sys.argv[1:])
    from visitplanner.__main__ import main

    main()


if __name__ == "__main__":
    run()
