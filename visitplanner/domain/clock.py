"""A time of day as an officer types it: "14:30", "1430", "930", "14h30", "14 h", "14.30",
"2:30 pm", "2pm". What cannot be a time of day is refused with a message saying what
would be."""

from __future__ import annotations

import re
from datetime import time
from typing import Final

from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _

#: Hours and minutes with a separator (":", ".", "h", "H", spaces) or run together
#: ("1430", "930"), or an hour alone; an optional am/pm.
_CLOCK: Final = re.compile(
    r"""^\s*
    (?:
        (?P<hour>\d{1,2}) \s* (?:[:.hH]|\s) \s* (?P<minute>\d{2})?
      | (?P<run>\d{3,4})
      | (?P<alone>\d{1,2})
    )
    \s* (?P<half>[aApP]\.?\s*[mM]\.?)? \s*$""",
    re.VERBOSE,
)


def parse_clock(text: str) -> time:
    """The time of day `text` says (24-hour unless it ends with am or pm)."""
    found = _CLOCK.match(text)
    if found is None:
        raise DomainError(_not_a_time(text))
    if found["run"]:
        digits = found["run"]
        hour, minute = int(digits[:-2]), int(digits[-2:])
    elif found["alone"]:
        hour, minute = int(found["alone"]), 0
    else:
        hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = (found["half"] or "").lower().replace(".", "").replace(" ", "")
    if half:
        if not 1 <= hour <= 12:
            raise DomainError(_not_a_time(text))
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DomainError(_not_a_time(text))
    return time(hour, minute)


def _not_a_time(text: str) -> str:
    return _("“{text}” is not a time of day: type 14:30, 1430, 14h30 or 2:30 pm").format(
        text=text.strip()
    )
