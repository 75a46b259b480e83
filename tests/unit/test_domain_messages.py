"""The domain's errors speak the user's language: every message it raises goes through gettext."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

import visitplanner.domain
from visitplanner.domain.errors import DomainError, NotFoundError
from visitplanner.domain.model import Event, Visit, VisitData
from visitplanner.domain.values import EventKind, LocalizedText, zone
from visitplanner.i18n import set_language

DOMAIN_DIR = Path(visitplanner.domain.__file__).resolve().parent
ERRORS = {
    "DomainError",
    "NotFoundError",
    "AmbiguousNameError",
    "StorageError",
    "InputError",
    "VisitPlannerError",
}


@pytest.fixture
def language() -> Iterator[None]:
    """Put the language back to English after a test that changes it."""
    yield
    set_language("en")


def _untranslated_raises() -> Iterator[str]:
    """`raise SomeError("...")` or `raise SomeError(f"...")`: a message gettext never sees."""
    for path in sorted(DOMAIN_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func, args = node.exc.func, node.exc.args
            bare = bool(args) and isinstance(args[0], ast.Constant | ast.JoinedStr)
            if isinstance(func, ast.Name) and func.id in ERRORS and bare:
                yield f"{path.name}:{node.lineno}"


def test_no_domain_error_is_raised_with_a_bare_english_message() -> None:
    assert list(_untranslated_raises()) == []


def _event(**changes: object) -> Event:
    start = datetime(2026, 5, 7, 9, 0, tzinfo=zone("Europe/Paris"))
    fields: dict[str, object] = {
        "title": LocalizedText(fr="Réunion"),
        "kind": EventKind.MEETING,
        "start": start,
        "end": start.replace(hour=10),
    }
    return Event(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "un événement indique deux fois le même participant"),
        ("uk", "у заході двічі вказано того самого учасника"),
        ("en", "an event lists the same participant twice"),
    ],
)
def test_a_broken_rule_is_told_in_the_language_set(lang: str, expected: str) -> None:
    set_language(lang)
    with pytest.raises(DomainError) as caught:
        _event(participant_ids=["a", "a"])
    assert str(caught.value) == expected


@pytest.mark.usefixtures("language")
def test_values_and_named_times_are_put_into_the_translated_message() -> None:
    set_language("fr")
    with pytest.raises(DomainError, match=r"^le début d’un événement : il manque le fuseau"):
        _event(start=datetime(2026, 5, 7, 9, 0))
    with pytest.raises(DomainError, match=r"^la visite se termine avant de commencer$"):
        Visit(
            title=LocalizedText(fr="Visite"),
            start_date=date(2026, 5, 9),
            end_date=date(2026, 5, 6),
        )
    data = VisitData(
        visit=Visit(
            title=LocalizedText(fr="V"), start_date=date(2026, 5, 6), end_date=date(2026, 5, 9)
        )
    )
    set_language("uk")
    with pytest.raises(NotFoundError, match=r"^немає особи з ідентифікатором x-1$"):
        data.person("x-1")
