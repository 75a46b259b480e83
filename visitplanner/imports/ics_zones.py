"""The time zone a calendar file's TZID stands for.

RFC 5545 defines a TZID by the VTIMEZONE of the same file, and Exchange, Lotus Notes and
many servers give theirs names of their own (`GMT +0100 (Standard) / GMT +0200
(Daylight)`, `(UTC-03:00) Brasília`, `custom_America/New_York`): `ZoneBook` reads a
file's VTIMEZONEs and resolves a TZID by the file's own definition first (icalendar
builds the time zone from it), then by its name. Names, in `resolve_tzid`: IANA
names (Europe/Paris), old IANA names (Europe/Kiev), Windows names written by Outlook
and Exchange ("Romance Standard Time", "FLE Standard Time"), Outlook's display names
("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris") and "globally unique" TZIDs with
a vendor prefix
(/mozilla.org/20050126_1/Europe/Paris, /freeassociation.sourceforge.net/Europe/Kyiv).
Each is mapped to the current IANA name, or to None when it names no zone we know;
the Windows names come from CLDR's windowsZones mapping, as icalendar ships it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Component, Timezone
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from visitplanner.imports.ics_lines import Block

#: IANA names that were renamed or merged, with the name to use now.
RENAMED: Final = {
    "Europe/Kiev": "Europe/Kyiv",
    "Europe/Uzhgorod": "Europe/Kyiv",
    "Europe/Zaporozhye": "Europe/Kyiv",
    "Europe/Belfast": "Europe/London",
    "Europe/Nicosia": "Asia/Nicosia",
    "Asia/Istanbul": "Europe/Istanbul",
    "Turkey": "Europe/Istanbul",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Asia/Dacca": "Asia/Dhaka",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Godthab": "America/Nuuk",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "GB": "Europe/London",
    "Poland": "Europe/Warsaw",
    "W-SU": "Europe/Moscow",
    "Etc/UTC": "UTC",
    "Etc/GMT": "UTC",
    "Etc/Universal": "UTC",
    "Etc/Zulu": "UTC",
    "GMT": "UTC",
    "UCT": "UTC",
    "Universal": "UTC",
    "Zulu": "UTC",
    "Z": "UTC",
}

#: Windows zone names whose usual IANA zone (CLDR's "001" territory) is not the one the
#: visit's people live in, or is an old name: corrected here.
WINDOWS_CORRECTIONS: Final = {
    "FLE Standard Time": "Europe/Kyiv",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
}

#: The cities Outlook lists in its display names ("(UTC+01:00) Brussels, Copenhagen,
#: Madrid, Paris"), each list with its Windows zone.
_DISPLAY_CITIES: Final = {
    "brussels, copenhagen, madrid, paris": "Romance Standard Time",
    "amsterdam, berlin, bern, rome, stockholm, vienna": "W. Europe Standard Time",
    "belgrade, bratislava, budapest, ljubljana, prague": "Central Europe Standard Time",
    "sarajevo, skopje, warsaw, zagreb": "Central European Standard Time",
    "helsinki, kyiv, riga, sofia, tallinn, vilnius": "FLE Standard Time",
    "helsinki, kiev, riga, sofia, tallinn, vilnius": "FLE Standard Time",
    "dublin, edinburgh, lisbon, london": "GMT Standard Time",
    "athens, bucharest": "GTB Standard Time",
    "chisinau": "E. Europe Standard Time",
    "moscow, st. petersburg": "Russian Standard Time",
    "istanbul": "Turkey Standard Time",
    "coordinated universal time": "UTC",
}
_DISPLAY: Final = re.compile(r"^\(utc(?:[+-]\d{2}:\d{2})?\)\s*(.+)$", re.IGNORECASE)


def _known(name: str) -> str | None:
    """`name` if it is an IANA zone here (after renames), else None."""
    name = RENAMED.get(name, name)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", name) or len(name) > 64:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder: OSError
        return None
    return name


def _windows(name: str) -> str | None:
    if name in WINDOWS_CORRECTIONS:
        return WINDOWS_CORRECTIONS[name]
    found = WINDOWS_TO_OLSON.get(name)
    return _known(found) if found else None


def resolve_tzid(tzid: str) -> str | None:
    """The current IANA name of the zone `tzid` names, or None if it names none."""
    name = tzid.strip().strip('"').strip()
    if not name:
        return None
    found = _known(name) or _windows(name)
    if found:
        return found
    display = _DISPLAY.match(name)
    if display:
        cities = " ".join(display.group(1).lower().split())
        windows = _DISPLAY_CITIES.get(cities)
        return _windows(windows) if windows else None
    if name.startswith("/"):  # a vendor prefix: the longest IANA name at the end wins
        parts = name.strip("/").split("/")
        for start in range(1, len(parts)):
            found = _known("/".join(parts[start:]))
            if found:
                return found
    return None


@dataclass(frozen=True, slots=True)
class Zone:
    """A TZID resolved: the rules the file's times follow, and the IANA zone to show
    them in (None: the file's floating zone, for a VTIMEZONE with a name of its own)."""

    rules: tzinfo
    shown: ZoneInfo | None


#: Errors a damaged VTIMEZONE can raise while icalendar and dateutil build it.
_BUILD_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


def _clean(tzid: str) -> str:
    return tzid.strip().strip('"').strip()


class ZoneBook:
    """The time zones of one calendar: its own VTIMEZONEs first, then known names."""

    def __init__(self, timezones: list[Block]) -> None:
        self._defined: dict[str, Block] = {}
        for block in timezones:
            tzid = block.first("TZID")
            if tzid is not None and _clean(tzid.value):
                self._defined.setdefault(_clean(tzid.value), block)
        self._folded = {name.casefold(): block for name, block in reversed(self._defined.items())}
        self._found: dict[str, Zone | None] = {}

    def resolve(self, tzid: str) -> Zone | None:
        """The zone `tzid` stands for, or None where it is defined nowhere."""
        name = _clean(tzid)
        if name not in self._found:
            self._found[name] = self._resolve(name)
        return self._found[name]

    def _resolve(self, name: str) -> Zone | None:
        known = resolve_tzid(name)
        shown = ZoneInfo(known) if known else None
        block = self._defined.get(name) or self._folded.get(name.casefold())
        rules = _build(name, block) if block is not None else None
        if rules is not None:
            return Zone(rules, shown)
        return Zone(shown, shown) if shown is not None else None


def _build(name: str, block: Block) -> tzinfo | None:
    """The time zone a VTIMEZONE defines, built by icalendar; None if it cannot be.

    Built from its parts rather than parsed whole: icalendar's parser would also keep
    the zone under its name for every later file the process reads."""
    try:
        zone = Timezone()
        zone.add("TZID", name)
        for child in block.children:
            if child.name not in ("STANDARD", "DAYLIGHT"):
                continue
            lines = [f"BEGIN:{child.name}", *(line.text for line in child.properties)]
            zone.add_component(Component.from_ical("\r\n".join([*lines, f"END:{child.name}"])))
        if not zone.subcomponents:
            return None
        rules: tzinfo = tzp.create_timezone(zone)
        for year in (1970, 2000, 2026, 2100):  # a zone that cannot answer is no zone
            datetime(year, 7, 1, 12, tzinfo=rules).utcoffset()
            datetime(year, 1, 1, 12, tzinfo=rules).utcoffset()
    except _BUILD_ERRORS:
        return None
    return rules
