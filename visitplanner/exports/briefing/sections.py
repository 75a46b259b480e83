"""The registry of the book's sections: each a key, a title and a builder.

A builder turns a `BookContext` into flowables (a list, or a generator that makes them
as the layout asks for them, so that a long section is never held whole) and gives
none when the visit has nothing for it; the section is then absent from the book and
its contents. A builder is called once before the layout and once per layout pass:
it must give the same flowables each time. Another
module may add a section with `register_section(section, after=key)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reportlab.platypus import Flowable

from visitplanner.domain.errors import InputError
from visitplanner.exports.briefing.arrangements import build_arrangements
from visitplanner.exports.briefing.changes_sheet import build_changes
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.cover import build_contents, build_cover, build_glance
from visitplanner.exports.briefing.dietary import build_dietary
from visitplanner.exports.briefing.emergency import build_distribution, build_emergency
from visitplanner.exports.briefing.event_sheets import build_event_sheets
from visitplanner.exports.briefing.gifts import build_gifts
from visitplanner.exports.briefing.logistics import build_contacts, build_movements, build_venues
from visitplanner.exports.briefing.people import build_biographies, build_delegations
from visitplanner.exports.briefing.programme import build_programme
from visitplanner.exports.briefing.rooming import build_hotels
from visitplanner.i18n import N_, _

Builder = Callable[[BookContext], Iterable[Flowable]]


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the book. `title` is an English message (translated when shown)."""

    key: str
    title: str
    build: Builder


_REGISTRY: list[Section] = [
    Section("changes", N_("Changes since the last version"), build_changes),
    Section("cover", N_("Cover"), build_cover),
    Section("contents", N_("Contents"), build_contents),
    Section("distribution", N_("Distribution list (internal)"), build_distribution),
    Section("glance", N_("The visit at a glance"), build_glance),
    Section("programme", N_("Programme day by day"), build_programme),
    Section("events", N_("Event sheets"), build_event_sheets),
    Section("seating", N_("Seating plans and placement"), build_arrangements),
    Section("dietary", N_("Dietary sheets (internal)"), build_dietary),
    Section("gifts", N_("Gifts (internal)"), build_gifts),
    Section("delegations", N_("Delegations"), build_delegations),
    Section("biographies", N_("Biographies"), build_biographies),
    Section("venues", N_("Venues"), build_venues),
    Section("movements", N_("Movements"), build_movements),
    Section("emergency", N_("Emergency contacts"), build_emergency),
    Section("hotels", N_("Hotels"), build_hotels),
    Section("contacts", N_("Contacts"), build_contacts),
]


def registered_sections() -> tuple[Section, ...]:
    """Every section a book may hold, in print order."""
    return tuple(_REGISTRY)


def register_section(section: Section, after: str | None = None) -> None:
    """Add `section` after the section keyed `after` (at the end by default)."""
    keys = [s.key for s in _REGISTRY]
    if section.key in keys:
        _REGISTRY[keys.index(section.key)] = section
        return
    position = keys.index(after) + 1 if after in keys else len(_REGISTRY)
    _REGISTRY.insert(position, section)


def chosen_sections(keys: tuple[str, ...] | None) -> list[Section]:
    """The sections named by `keys`, in print order (None: all of them)."""
    if keys is None:
        return list(_REGISTRY)
    known = {s.key for s in _REGISTRY}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise InputError(
            _("unknown section {names}; the sections are: {known}").format(
                names=", ".join(unknown), known=", ".join(s.key for s in _REGISTRY)
            )
        )
    wanted = set(keys)
    return [s for s in _REGISTRY if s.key in wanted]
