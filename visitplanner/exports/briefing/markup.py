"""Escaping: user text reaches reportlab's paragraph markup only through here.

reportlab's Paragraph reads a small XML markup (<b>, <img src=...>, <a href=...>,
entities). A name like "Smith <Jr> & Co" or a purpose holding "<img src='/etc/passwd'/>"
must print literally and never load a file or a URL, so every user string is
escaped before it is put into markup; only the book's own code writes tags.
"""

from __future__ import annotations

import re
from typing import Final

# Control characters other than tab and newline: reportlab's parser rejects some of
# them and none prints; they arrive from pasted text and spreadsheets.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
# French typography puts a space before : ; ! ? » and after «; a line must not break
# there. reportlab breaks lines at a narrow no-break space (U+202F) but not at U+00A0.
_FRENCH_SPACES: Final = re.compile(r"[ \u202f]([:;!?»])|(«)[ \u202f]")


def esc(text: str | None) -> str:
    """`text` as literal paragraph markup: &, <, > and quotes escaped, line breaks kept."""
    if not text:
        return ""
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    clean = _FRENCH_SPACES.sub(_no_break, clean)
    return clean.translate(_ESCAPES).replace("\t", " ").replace("\n", "<br/>")


def _no_break(match: re.Match[str]) -> str:
    before, after = match.group(1), match.group(2)
    return f"\u00a0{before}" if before else f"{after}\u00a0"


def plain(text: str | None) -> str:
    """`text` for places that take no markup (PDF bookmarks, metadata, the page header)."""
    if not text:
        return ""
    return " ".join(_CONTROL.sub("", text).split())


def bold(text: str) -> str:
    """Escaped `text` in bold."""
    return f"<b>{esc(text)}</b>" if text else ""


def italic(text: str) -> str:
    """Escaped `text` in italics."""
    return f"<i>{esc(text)}</i>" if text else ""


def small(markup: str, colour: str) -> str:
    """Markup (already escaped) in a smaller, muted line (`colour` as #rrggbb)."""
    return f'<font size="-1" color="{colour}">{markup}</font>' if markup else ""


def join_lines(*parts: str) -> str:
    """Markup parts (already escaped) on separate lines, empty ones left out."""
    return "<br/>".join(p for p in parts if p)
