"""Checks of the décret's positions against the grades typed for the same authorities.

A French authority ranks by their position in the décret (`domain.decree`); the grade
typed for them still says how a letter addresses them and how they read in lists. The
two contradict when the typed grade is above the position's own (a préfet typed as a
minister), or when an authority is typed above another whom the décret places first
(a préfet typed above a member of the Government). A position this version of the
décret does not hold (a file from a newer VisitPlanner) is named too: it ranks no one.
One pass over the people with a position, then one sort of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.decree import Decree, DecreePosition, Position, position_label
from visitplanner.domain.labels import label
from visitplanner.domain.model import Person
from visitplanner.i18n import _, current_language


def precedence_findings(ix: CheckIndex) -> Iterator[Finding]:
    """Every authority whose décret position contradicts the grade typed for them."""
    decree = ix.precedence.decree
    placed: list[tuple[Person, DecreePosition, Position]] = []
    for person in ix.data.people:
        at = person.precedence_position
        if at is None:
            continue
        position = decree.position(at)
        if position is None:
            yield _unknown(ix, person, at, decree)
            continue
        placed.append((person, at, position))
        if person.grade.order < position.grade.order:
            yield _above_position(ix, person, decree, position)
    yield from _typed_above_earlier(ix, placed, decree)


def _typed_above_earlier(
    ix: CheckIndex, placed: list[tuple[Person, DecreePosition, Position]], decree: Decree
) -> Iterator[Finding]:
    """Each authority typed above one the décret places first in the same list (the
    lowest-typed of those earlier is named): one sort, one sweep per list."""
    by_list: dict[str, list[tuple[Person, DecreePosition, Position]]] = {}
    for entry in placed:
        by_list.setdefault(entry[1].list.value, []).append(entry)
    for entries in by_list.values():
        entries.sort(key=lambda e: e[2].rank)
        lowest: Person | None = None  # the lowest grade typed among earlier ranks
        pending: Person | None = None  # the lowest of the rank being swept
        rank = 0
        for person, _at, position in entries:
            if position.rank != rank:
                lowest = _lower(lowest, pending)
                pending, rank = None, position.rank
            if lowest is not None and person.grade.order < lowest.grade.order:
                yield _above_other(ix, person, lowest, decree)
            pending = _lower(pending, person)


def _lower(first: Person | None, second: Person | None) -> Person | None:
    if first is None:
        return second
    if second is None:
        return first
    return second if second.grade.order > first.grade.order else first


def _where(decree: Decree, person: Person) -> str:
    return position_label(decree, person.precedence_position, current_language())


def _finding(person_ids: tuple[str, ...], message: str, cause: str) -> Finding:
    return Finding(
        FindingKind.PRECEDENCE_CONTRADICTION,
        Severity.WARNING,
        message,
        person_ids=person_ids,
        sort_key=("\uffff", message),
        cause=cause,
    )


def _above_position(ix: CheckIndex, person: Person, decree: Decree, position: Position) -> Finding:
    cause = _(
        "typed “{grade}”, above the décret's position “{position}” (compared as “{grade_of}”)"
    ).format(
        grade=label(person.grade),
        position=position.label.get(current_language()),
        grade_of=label(position.grade),
    )
    message = _("{person} is {cause}").format(person=ix.person_name(person.id), cause=cause)
    return _finding((person.id,), message, cause)


def _above_other(ix: CheckIndex, person: Person, first: Person, decree: Decree) -> Finding:
    values = {
        "person": ix.person_name(person.id),
        "position": _where(decree, person),
        "grade": label(person.grade),
        "other": ix.person_name(first.id),
        "other_position": _where(decree, first),
        "other_grade": label(first.grade),
    }
    message = _(
        "{person} ({position}) is typed “{grade}”, above {other} ({other_position}, typed "
        "“{other_grade}”), whom the décret places first"
    ).format(**values)
    return _finding((person.id, first.id), message, message)


def _unknown(ix: CheckIndex, person: Person, at: DecreePosition, decree: Decree) -> Finding:
    message = _(
        "{person} holds the position “{position}”, which the décret of {version} does not "
        "list: the order of precedence ranks them by their typed grade"
    ).format(person=ix.person_name(person.id), position=at.id, version=decree.version)
    return _finding((person.id,), message, message)
