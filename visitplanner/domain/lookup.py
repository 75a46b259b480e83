"""Find a person, delegation, event or venue by what a user types: an id, or a name.

A name may be in Latin or native script, in any case and with any apostrophe
(ʼ ’ '), and a unique part of it is enough. An exact match wins over partial ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from visitplanner.domain.errors import AmbiguousNameError, NotFoundError
from visitplanner.domain.model import Delegation, Event, Person, Venue, VisitData
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _

_T = TypeVar("_T", Person, Delegation, Event, Venue)

_APOSTROPHES = str.maketrans({"ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'"})


def normalise(text: str) -> str:
    """Text as compared by look-ups: NFC, apostrophes unified, case folded, spaces collapsed."""
    folded = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return " ".join(folded.split())


def _texts(text: LocalizedText) -> list[str]:
    return [v for v in (text.fr, text.uk, text.en) if v]


def _person_names(person: Person) -> list[str]:
    return [
        person.latin_name(),
        person.native_name(),
        f"{person.family_name} {person.given_name}",
        f"{person.family_name_native} {person.given_name_native}",
        f"{person.given_name_native} {person.family_name_native}",
        person.family_name,
        person.family_name_native,
    ]


def _find(
    items: Sequence[_T], query: str, names: Callable[[_T], Iterable[str]], missing: str
) -> _T:
    """The one item of `items` that `query` names; `missing` says none does ({query})."""
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError(missing.format(query=query))
    by_id = [item for item in items if item.id == query.strip().lower()]
    if by_id:
        return by_id[0]
    if len(wanted) >= 8:
        prefixed = [item for item in items if item.id.startswith(wanted)]
        if len(prefixed) == 1:
            return prefixed[0]
    exact, partial = [], []
    for item in items:
        keys = {normalise(name) for name in names(item) if name.strip()}
        if wanted in keys:
            exact.append(item)
        elif any(wanted in key for key in keys):
            partial.append(item)
    found = exact or partial
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(missing.format(query=query))
    shown = ", ".join(
        next(iter(n for n in names(item) if n.strip()), item.id) for item in found[:5]
    )
    more = "…" if len(found) > 5 else ""
    raise AmbiguousNameError(
        _("“{query}” matches {count}: {names}{more}; give more of the name, or the id").format(
            query=query, count=len(found), names=shown, more=more
        )
    )


def find_person(data: VisitData, query: str) -> Person:
    """The one person `query` names."""
    return _find(data.people, query, _person_names, _("no person named “{query}”"))


def find_delegation(data: VisitData, query: str) -> Delegation:
    """The one delegation `query` names."""
    return _find(
        data.delegations, query, lambda d: _texts(d.name), _("no delegation named “{query}”")
    )


def find_event(data: VisitData, query: str) -> Event:
    """The one event `query` names."""
    return _find(data.events, query, lambda e: _texts(e.title), _("no event named “{query}”"))


def find_venue(data: VisitData, query: str) -> Venue:
    """The one venue `query` names."""
    return _find(data.venues, query, lambda v: _texts(v.name), _("no venue named “{query}”"))
