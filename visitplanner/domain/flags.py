"""The flags hoisted at a ceremony or an official meal, and where each stands.

An event's flags are a list in order of precedence (`Event.flags`, country codes as ISO
3166 writes them, "EU" for the European Union); left empty, they are proposed from the
delegations: the host country's, each guest country's, then the European Union's when
the host is one of its members. Which national flag comes first is a setting of the
visit (`Visit.flag_honour`): the host's, as French usage wants on French soil, or the
guest's, by courtesy.

Where they stand follows French republican usage (no statute sets it; the circulaire
n° 246 of 4 May 1963 for the European flag, and the prefectures' guidance on
pavoisement), as the audience facing the flags sees them:
- two flags: the first (the national flag) stands on the right; the second stands at
  the national flag's own right, that is on the audience's left ("le drapeau européen se
  place à droite du drapeau français, vu à gauche par l'observateur");
- three flags: the first in the centre, the second on the audience's left, the third
  on its right;
- four or more: in order of precedence from the audience's left.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from visitplanner.domain.values import EventKind, Side
from visitplanner.i18n import N_, babel_locale, gettext_in

if TYPE_CHECKING:
    from visitplanner.domain.model import Event, VisitData


class FlagHonour(StrEnum):
    """Whose national flag takes the place of honour at the visit's events."""

    HOST = "host"
    GUEST = "guest"


#: The European Union's flag, as its code in the list of an event's flags.
EUROPEAN_UNION: Final = "EU"
#: The members of the European Union (ISO 3166-1 alpha-2), whose events fly its flag.
EU_MEMBERS: Final = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
#: The events that fly flags: ceremonies and official meals.
FLAG_EVENTS: Final = frozenset({EventKind.CEREMONY, EventKind.MEAL})


def flies_flags(event: Event) -> bool:
    """Whether flags are hoisted at `event` (a ceremony or an official meal)."""
    return event.kind in FLAG_EVENTS


def valid_flag(code: str) -> bool:
    """Whether `code` names a flag: two capital letters (a country, or EU)."""
    return len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()


def proposed_flags(data: VisitData, honour: FlagHonour | None = None) -> tuple[str, ...]:
    """The flags the visit's delegations call for, in order of precedence."""
    honour = honour or data.visit.flag_honour
    by_position = sorted(data.delegations, key=lambda d: d.position)
    host = [d.country.upper() for d in by_position if d.side is Side.HOST and d.country]
    guests = [d.country.upper() for d in by_position if d.side is Side.GUEST and d.country]
    national = [*host, *guests] if honour is FlagHonour.HOST else [*guests, *host]
    found = [code for code in dict.fromkeys(national) if valid_flag(code)]
    if host and host[0] in EU_MEMBERS:
        found.append(EUROPEAN_UNION)
    return tuple(found)


def flags_of(data: VisitData, event: Event) -> tuple[str, ...]:
    """The flags of `event`: its own list, else the proposed one; none for an event
    that flies no flags."""
    if not flies_flags(event):
        return ()
    return event.flags or proposed_flags(data)


def line_up(flags: Sequence[str]) -> list[str]:
    """The flags as the audience sees them, from left to right (see the module's rule)."""
    if len(flags) == 2:
        return [flags[1], flags[0]]
    if len(flags) == 3:
        return [flags[1], flags[0], flags[2]]
    return list(flags)


def flag_name(code: str, lang: str) -> str:
    """The flag's country (or the European Union) as `lang` names it ("Ukraine", "Україна")."""
    name = babel_locale(lang).territories.get(code)
    return str(name) if name else code


def flags_in_order(flags: Sequence[str], lang: str) -> str:
    """The flags in order of precedence, numbered: "1. France, 2. Ukraine, 3. …"."""
    return ", ".join(f"{n}. {flag_name(code, lang)}" for n, code in enumerate(flags, start=1))


def flags_seen(flags: Sequence[str], lang: str) -> str:
    """The flags as the audience sees them, left to right: "Ukraine — France — …"."""
    return " — ".join(flag_name(code, lang) for code in line_up(flags))


def flags_text(flags: Sequence[str], lang: str) -> str:
    """The flags of an event in one line: their order, then how the audience sees them."""
    if not flags:
        return ""
    seen = gettext_in(lang, N_("as the audience sees them, from left to right: {flags}"))
    return f"{flags_in_order(flags, lang)} ({seen.format(flags=flags_seen(flags, lang))})"
