"""The documented JSON format of a visit: what the writer (exports) and the reader
(imports) share, so that neither imports the other."""

from __future__ import annotations

import json
from typing import Final

#: The version of the format written. It rises when a feature adds data.
FORMAT_VERSION: Final = 15
#: The value of the top-level "format" key that marks a VisitPlanner visit.
FORMAT_MARKER: Final = "visitplanner-visit"


def snapshot_json(programme: object) -> str:
    """The text a programme version keeps of its programme (JSON-ready data): compact,
    the same bytes whether the programme was just written or read back from a file, so
    that versions survive a round trip."""
    return json.dumps(programme, ensure_ascii=False, allow_nan=False)
