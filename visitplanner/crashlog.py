"""Where unexpected errors are written down, for the window and the command line alike.

An error the application expects gets a clear message; anything else is a bug:
its traceback goes to a log file the user can send, and the user sees one line.
"""

from __future__ import annotations

import os
import re
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


#: Quoted text, words with letters beyond ASCII (names in Cyrillic, accented names)
#: and long numbers (phones, passports): what an error's message may carry of a visit.
_PERSONAL = re.compile(
    r"""'[^']*'|"[^"]*"|«[^»]*»|“[^”]*”|\w*[^\x00-\x7f\W]\w*|\d[\d ./+-]{3,}\d"""
)


def redact(text: str) -> str:
    """`text` with what may be a person's data replaced by its length: quoted values,
    words outside ASCII, long numbers. Python's own words stay, so the bug can be found."""
    return _PERSONAL.sub(lambda found: f"<{len(found.group())} characters>", text)


def crash_text(error: BaseException) -> str:
    """The traceback of `error` (and of the errors it came from) with every message
    redacted: where the code failed, never the visit's names, phones or numbers."""
    lines: list[str] = []
    for exc in _chain(error):
        lines.extend(traceback.format_tb(exc.__traceback__))
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {redact(str(exc))}\n")
    return "".join(lines)


def _chain(error: BaseException) -> list[BaseException]:
    """`error` and the errors it was raised from or during, the first one first."""
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(found))


def write_crash_report(error: BaseException) -> Path | None:
    """Write the traceback of `error` (messages redacted) to a new file, readable by its
    owner only, in the log folder; return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = log_folder()
    report = crash_text(error)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"crash-{stamp}.log"
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"VisitPlanner {__version__}, Python {sys.version}\n{report}")
    except OSError:
        return None
    return path
