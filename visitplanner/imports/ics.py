"""Read events from another calendar (the host ministry's agenda, a hotel booking).

Whatever can be read is read; what cannot is left out with its line and the reason,
as events outside the visit's dates are. Only a file that is not a calendar at all
(binary data, text that does not start with BEGIN:VCALENDAR) or that is too large is
refused whole. The work is split by concern: `ics_lines` reads the content lines and
components, `ics_zones` resolves TZIDs (the file's own VTIMEZONE first, then IANA,
Windows and vendor-prefixed names), `ics_events` reads the events and expands repeats
within the visit's dates. Nothing here touches a visit: `services/calendar_import.py`
decides what to add, update or skip.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from visitplanner.domain.model import Visit
from visitplanner.i18n import _
from visitplanner.imports.ics_events import (
    MAX_OCCURRENCES,
    MAX_RULE_STEPS,
    EventReader,
    ForeignCalendar,
    ForeignEvent,
)
from visitplanner.imports.ics_lines import (
    MAX_DEPTH,
    MAX_EVENTS,
    MAX_FILE_BYTES,
    SkipKind,
    SkippedItem,
    decode,
    fail,
    structure,
    unfold,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_EVENTS",
    "MAX_FILE_BYTES",
    "MAX_OCCURRENCES",
    "MAX_RULE_STEPS",
    "ForeignCalendar",
    "ForeignEvent",
    "SkipKind",
    "SkippedItem",
    "parse_calendar",
    "read_calendar",
]


def read_calendar(path: Path, visit: Visit) -> ForeignCalendar:
    """The events of the calendar file at `path` for `visit`, and what is left out;
    an InputError naming the file when it is not a calendar at all."""
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _too_large(name, size)
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        fail(name, None, _("cannot read ({reason})").format(reason=exc.strerror or exc))
    return parse_calendar(raw, name, visit)


def _too_large(name: str, size: int) -> NoReturn:
    megabyte = 1024 * 1024
    fail(
        name,
        None,
        _("too large ({size} MB; the limit is {limit} MB)").format(
            size=size // megabyte, limit=MAX_FILE_BYTES // megabyte
        ),
    )


def parse_calendar(raw: bytes, name: str, visit: Visit) -> ForeignCalendar:
    """The events of a calendar file's bytes (`name` is for messages)."""
    if len(raw) > MAX_FILE_BYTES:
        _too_large(name, len(raw))
    found = structure(unfold(decode(raw, name)), name)
    calendar = ForeignCalendar(skipped=list(found.skipped))
    for block in found.calendars:
        EventReader(block, visit, calendar).read()
    return calendar
