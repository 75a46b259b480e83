"""Searching by any part of a name in either script, case and accents aside."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from visitplanner.domain.search import (
    found,
    matching,
    narrows,
    search_text,
    search_words,
)


def _finds(query: str, text: str) -> bool:
    return found(search_text(text), search_words(query))


def test_latin_typing_finds_a_name_written_only_in_cyrillic() -> None:
    assert _finds("tkach", "Ткачук Дмитро")
    assert _finds("dmytro tkachuk", "Ткачук Дмитро")  # the 2010 transliteration
    assert _finds("yevh", "Євген Шиманський")  # Є at the start of a word is Ye
    assert not _finds("tkach", "Шиманський Олег")


def test_cyrillic_typing_finds_a_name_written_only_in_latin() -> None:
    assert _finds("Ткач", "Tkachuk Dmytro")
    assert _finds("КАЛМИК", "Natalia Kalmykova")
    assert not _finds("Ткач", "Kalmykova")


def test_case_accents_and_word_order_aside() -> None:
    assert _finds("stephane roux", "ROUX Stéphane")
    assert _finds("roux STÉPHANE", "Stéphane Roux")
    assert _finds("готель переїзд", "Переїзд готель → Інваліди")
    assert _finds("ceremonie", "Cérémonie commémorative du 8 Mai")


def test_one_more_letter_narrows_the_search() -> None:
    assert narrows(search_words("tka"), search_words("tkac"))
    assert narrows(search_words("Тка"), search_words("Ткач"))
    assert narrows(search_words("roux"), search_words("stephane roux"))
    assert not narrows(search_words("tkac"), search_words("tka"))
    assert not narrows(search_words(""), search_words("a"))
    assert not narrows(search_words("tka"), search_words("Ткач"))


_TEXTS = st.text(alphabet="abcéТкачукЄвгенії ’'", max_size=20)


@given(st.lists(_TEXTS, max_size=12), _TEXTS)
def test_matching_keeps_exactly_the_rows_found(texts: list[str], query: str) -> None:
    keys = [search_text(t) for t in texts]
    words = search_words(query)
    order = list(range(len(keys)))
    assert matching(order, keys, words) == [i for i in order if found(keys[i], words)]


@given(_TEXTS, _TEXTS, st.sampled_from("aкЄ"))
def test_a_narrower_search_keeps_no_row_the_wider_one_dropped(
    text: str, query: str, letter: str
) -> None:
    wider, narrower = search_words(query), search_words(query + letter)
    if narrows(wider, narrower) and found(search_text(text), narrower):
        assert found(search_text(text), wider)
