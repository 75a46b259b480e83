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
from typing import Final

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


#: What an error's message may carry of a visit: quoted text, paths (a file is named
#: after its visit or its people), e-mail addresses, long numbers (phones, passports),
#: and words, each judged by `_is_code_word`.
_PERSONAL = re.compile(
    r"""'[^']*'|"[^"]*"|«[^»]*»|“[^”]*”|‘[^’]*’|„[^“”]*[“”]"""
    r"""|(?:~|\.{1,2})?/[^\s'"():;,<>]+|\b[A-Za-z]:\\[^\s'"():;,<>]+"""
    r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""
    r"""|\d[\d ./+-]{3,}\d"""
    r"""|(?P<word>\w+)"""
)
#: Words in capitals that name formats and parts of a program, not people.
_TECHNICAL: Final = frozenset(
    [
        "ASCII",
        "BOM",
        "CSV",
        "DB",
        "ICS",
        "ID",
        "IO",
        "JSON",
        "NUL",
        "OK",
        "OS",
        "PDF",
        "SQL",
        "SQLITE",
        "TTF",
        "UID",
        "URL",
        "UTC",
        "UTF",
        "XLSX",
        "XML",
        "ZIP",
    ]
)


def _is_code_word(word: str) -> bool:
    """Whether `word` is the program's rather than the visit's: a lower-case English word,
    an identifier (`family_name`, `utf8`, `LayoutError`), a short number, a format's name.
    A capitalised word (`Petrenko`), a word in capitals (`PETRENKO`) or a word with
    letters beyond ASCII may be a name: it is not."""
    if not word.isascii():
        return False
    if word.isdigit() or word.islower() or word in _TECHNICAL:
        return True
    if "_" in word or any(c.isdigit() for c in word):
        return True
    return any(c.isupper() for c in word[1:]) and not word.isupper()  # CamelCase


def _masked(found: re.Match[str]) -> str:
    text = found.group()
    if found.group("word") and _is_code_word(text):
        return text
    return f"<{len(text)} characters>"


def redact(text: str) -> str:
    """`text` with what may be a person's data replaced by its length: quoted values,
    e-mail addresses, long numbers, and every word that may be a name (capitalised, in
    capitals, beyond ASCII) and every path. The program's own words stay, so the bug
    can be found."""
    return _PERSONAL.sub(_masked, text)


def crash_text(error: BaseException) -> str:
    """The traceback of `error` (and of the errors it came from) with every message
    redacted: where the code failed, never the visit's names, phones or numbers."""
    lines: list[str] = []
    home = str(Path.home())
    for exc in _chain(error):
        for frame in traceback.format_tb(exc.__traceback__):
            lines.append(frame.replace(home, "~") if len(home) > 1 else frame)
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
