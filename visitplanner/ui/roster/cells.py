"""What a roster row says of a person: the name as the list prints it, needs in a few
words and in full, and the text the filter searches. Plain text, no Qt: the model shows
it in its cells and tooltips.
"""

from __future__ import annotations

from visitplanner.domain.decree import Decree
from visitplanner.domain.model import Person
from visitplanner.domain.search import search_text
from visitplanner.domain.values import Need
from visitplanner.i18n import _, current_language


def search_key(person: Person) -> str:
    """Every name of a person, in both scripts (the Cyrillic ones in Latin too), folded
    for the filter."""
    names = (
        person.given_name,
        person.family_name,
        person.given_name_native,
        person.patronymic_native,
        person.family_name_native,
    )
    return search_text("\n".join(n for n in names if n))


def roster_name(person: Person) -> str:
    """The family name in capitals, then the given name ("KALMYKOVA Natalia")."""
    family = (person.family_name or person.family_name_native).upper()
    given = person.given_name if person.family_name else person.given_name_native
    return f"{family} {given}".strip()


def needs_text(person: Person) -> str:
    """Step-free and dietary needs in a few words; nothing when known to be none."""
    parts = []
    if person.step_free is Need.GIVEN:
        parts.append(_("step-free"))
    elif person.step_free is Need.UNKNOWN:
        parts.append(_("step-free?"))
    if person.dietary is Need.GIVEN:
        parts.append(_("diet"))
    elif person.dietary is Need.UNKNOWN:
        parts.append(_("diet?"))
    return " · ".join(parts)


def needs_tooltip(person: Person) -> str:
    """Both needs in full sentences."""
    step_free = {
        Need.UNKNOWN: _("Step-free access: not known yet."),
        Need.NONE: _("Step-free access: not needed."),
        Need.GIVEN: _("Step-free access: needed."),
    }[person.step_free]
    dietary = {
        Need.UNKNOWN: _("Dietary needs: not known yet."),
        Need.NONE: _("Dietary needs: none."),
        Need.GIVEN: _("Dietary needs: given (see the person's record)."),
    }[person.dietary]
    return f"{step_free}\n{dietary}"


def decree_text(decree: Decree, person: Person) -> str:
    """A person's position in the décret as the roster shows it ("27° The Military
    Governor of Paris…"; empty for none; the id of a position this version lacks)."""
    at = person.precedence_position
    position = decree.position(at)
    if position is None:
        return "" if at is None else at.id
    return f"{position.rank}° {position.label.get(current_language())}"
