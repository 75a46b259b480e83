"""Naming a person, delegation or event on the command line: ids, both scripts, parts."""

from __future__ import annotations

import pytest

from tests.factories import small_visit
from visitplanner.domain.errors import AmbiguousNameError, NotFoundError
from visitplanner.domain.lookup import find_delegation, find_event, find_person, normalise
from visitplanner.i18n import set_language


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_a_person_by_latin_or_cyrillic_name_part_or_id() -> None:
    data = small_visit()
    minister = data.people[0]
    assert find_person(data, "Kalmykova") is minister
    assert find_person(data, "калмикова") is minister
    assert find_person(data, "Наталія Калмикова") is minister
    assert find_person(data, "  NATALIA   kalmykova ") is minister
    assert find_person(data, minister.id) is minister
    assert find_person(data, minister.id[:8]) is minister


def test_apostrophes_of_every_kind_match() -> None:
    data = small_visit()
    veteran = data.people[1]  # Koval'
    assert find_person(data, "Kovalʼ") is veteran
    assert find_person(data, "Koval’") is veteran
    assert normalise("Об’єднання") == normalise("Обʼєднання")


def test_a_part_that_matches_several_is_ambiguous_and_says_so() -> None:
    data = small_visit()
    with pytest.raises(AmbiguousNameError, match="matches 2"):
        find_delegation(data, "Délégation")


def test_an_exact_name_wins_over_partial_ones() -> None:
    data = small_visit()
    assert find_event(data, "Entretien").title.fr == "Entretien"


def test_nothing_found_is_a_clear_error() -> None:
    with pytest.raises(NotFoundError, match="no person named “Dupont”"):
        find_person(small_visit(), "Dupont")
    with pytest.raises(NotFoundError):
        find_person(small_visit(), "   ")
