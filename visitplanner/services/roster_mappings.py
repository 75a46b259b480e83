"""Remember how the officer mapped a sheet's columns, for the next sheet with the same headers.

Not visit data: a preference of this user, kept in a JSON file in the user's
configuration folder (VISITPLANNER_CONFIG_DIR when set, as tests do), keyed by
the set of the sheet's headers compared without case or accents. A damaged file
is logged and treated as empty: losing a remembered mapping loses no work.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from visitplanner.domain.roster_columns import Target
from visitplanner.exports.files import make_private_folder, write_private
from visitplanner.imports.roster.words import key

log = logging.getLogger(__name__)

FILE_NAME: Final = "roster-mappings.json"
_FORMAT: Final = 1
#: A target of "" means "this column is left out".
_IGNORED: Final = ""


def config_folder(environ: Mapping[str, str] | None = None) -> Path:
    """The user's VisitPlanner configuration folder on this platform."""
    env = os.environ if environ is None else environ
    if env.get("VISITPLANNER_CONFIG_DIR"):
        return Path(env["VISITPLANNER_CONFIG_DIR"])
    if sys.platform == "win32":
        base = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "VisitPlanner"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "VisitPlanner"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "visitplanner"


def headers_key(headers: Sequence[str]) -> str:
    """The key of a set of headers: each compared without case or accents, in sorted order."""
    return "|".join(sorted({key(h) for h in headers if key(h)}))


class MappingStore:
    """The remembered column mappings, in one JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_folder() / FILE_NAME

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring the remembered roster mappings in %s: %s", self.path, exc)
            return {}
        mappings = document.get("mappings") if isinstance(document, dict) else None
        if not isinstance(mappings, dict):
            return {}
        return {
            k: {h: t for h, t in v.items() if isinstance(h, str) and isinstance(t, str)}
            for k, v in mappings.items()
            if isinstance(k, str) and isinstance(v, dict)
        }

    def recall(self, headers: Sequence[str]) -> dict[int, Target | None]:
        """The remembered mapping for these headers, by column index (empty if none)."""
        saved = self._read().get(headers_key(headers))
        if not saved:
            return {}
        found: dict[int, Target | None] = {}
        for index, header in enumerate(headers):
            text = saved.get(key(header))
            if text is None:
                continue
            try:
                found[index] = Target.from_key(text) if text != _IGNORED else None
            except ValueError:
                log.warning("ignoring an unknown remembered column target %r", text)
        return found

    def remember(self, headers: Sequence[str], mapping: Mapping[int, Target | None]) -> None:
        """Remember `mapping` (column index to target, None to leave out) for these headers."""
        everything = self._read()
        everything[headers_key(headers)] = {
            key(headers[index]): target.key() if target else _IGNORED
            for index, target in mapping.items()
            if 0 <= index < len(headers) and key(headers[index])
        }
        document = {"format": _FORMAT, "mappings": everything}
        make_private_folder(self.path.parent)
        payload = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        write_private(self.path, payload.encode("utf-8"))
