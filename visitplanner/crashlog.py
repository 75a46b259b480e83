"""Where unexpected errors are written down, for the window and the command line alike.

An error the application expects gets a clear message; anything else is a bug:
its traceback goes to a log file the user can send, and the user sees one line.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from visitplanner import __version__


def log_folder() -> Path:
    """The folder for VisitPlanner's logs, as each system expects it."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "VisitPlanner" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "VisitPlanner"
    base = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state"))
    return base / "visitplanner"


def write_crash_report(error: BaseException) -> Path | None:
    """Write the traceback of `error` to a new file in the log folder; return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = log_folder()
    report = "".join(traceback.format_exception(error))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"crash-{stamp}.log"
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"VisitPlanner {__version__}, Python {sys.version}\n{report}")
    except OSError:
        return None
    return path
