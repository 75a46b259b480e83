"""What a search compares: any part of a name, in either script, case and accents aside.

Every list, the roster and the participants picker search the same way. A row's
search text is folded once when the data changes (`search_text`): case folded,
accents taken off (é = e), and any Ukrainian also in Latin by the national
transliteration the roster import uses, so "tkach" finds Ткачук. A search is split
into words (`search_words`), each with its alternatives: as typed, and in Latin when
typed in Cyrillic, so "Ткач" also finds a name entered only as Tkachuk. A row is
found when its text holds every word in one of its forms (`found`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from visitplanner.domain.lookup import normalise
from visitplanner.domain.translit import has_cyrillic, transliterate

#: The words of a search, each as its alternative forms.
Words = tuple[tuple[str, ...], ...]


def fold(text: str) -> str:
    """Text as a search compares it: normalised, and without accents (é = e, й = и)."""
    normalised = normalise(text)
    if normalised.isascii():  # nothing to take off: most names and titles
        return normalised
    decomposed = unicodedata.normalize("NFD", normalised)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(text: str) -> str:
    """What a search looks in: `text` folded, then its Latin form if it holds Ukrainian.

    A summit repeats its titles and names: each short text is worked out once."""
    return _short_text(text) if len(text) <= _CACHED_UP_TO else _search_text(text)


#: Texts up to this length are remembered (names, titles); longer ones are not.
_CACHED_UP_TO = 200


def _search_text(text: str) -> str:
    folded = fold(text)
    if not has_cyrillic(text):
        return folded
    return f"{folded}\n{fold(transliterate(text))}"


_short_text = lru_cache(maxsize=65536)(_search_text)


def search_words(text: str) -> Words:
    """The words of a search, each with its forms: as typed, and in Latin if Cyrillic."""
    words = []
    for word in fold(text).split():
        if has_cyrillic(word):
            latin = fold(transliterate(word))
            words.append((word, latin) if latin != word else (word,))
        else:
            words.append((word,))
    return tuple(words)


def found(key: str, words: Words) -> bool:
    """Whether a search text holds every word, in one of its forms."""
    return all(any(form in key for form in forms) for forms in words)


def matching(order: Sequence[int], keys: Sequence[str], words: Words) -> list[int]:
    """The entries of `order` whose key holds every word: one pass per word, no call
    per row beyond the test itself."""
    rows = list(order)
    for forms in words:
        if len(forms) == 1:
            (form,) = forms
            rows = [i for i in rows if form in keys[i]]
        else:
            rows = [i for i in rows if any(f in keys[i] for f in forms)]
    return rows


def narrows(before: Words, after: Words) -> bool:
    """Whether `after` can only keep rows `before` kept (each earlier word lies, in each
    of its forms, within a later one: one more letter typed), so only those need
    testing again."""

    def within(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
        return len(old) == len(new) and all(o in n for o, n in zip(old, new, strict=True))

    return bool(before) and all(any(within(old, new) for new in after) for old in before)
