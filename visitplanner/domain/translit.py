"""Ukrainian to Latin: the national transliteration of 2010 (passports, place names).

Resolution no. 55 of the Cabinet of Ministers of Ukraine, 27 January 2010. Є, Ї, Й,
Ю and Я are written Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia
elsewhere; "зг" is "zgh" (so as not to read "zh"); the soft sign and the apostrophe
are dropped. A word written in capitals stays in capitals (KALMYKOVA).
"""

from __future__ import annotations

from typing import Final

#: Letters written the same wherever they stand in a word.
_PLAIN: Final = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    # Not Ukrainian letters, but met in names written the Russian way.
    "ъ": "",
    "ы": "y",
    "э": "e",
}

#: Letters written one way at the start of a word and another elsewhere.
_POSITIONAL: Final = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
    "ё": ("yo", "io"),
}

#: The apostrophes Ukrainian is written with; dropped between letters.
APOSTROPHES: Final = frozenset("'ʼ’‘`´")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def has_cyrillic(text: str) -> bool:
    """Whether `text` holds a Cyrillic letter."""
    return any(_is_cyrillic(char) for char in text)


def _word_in_capitals(text: str, index: int) -> bool:
    """Whether the word around `index` is written in capitals (two letters or more)."""
    start = index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in APOSTROPHES):
        start -= 1
    end = index
    while end < len(text) and (text[end].isalpha() or text[end] in APOSTROPHES):
        end += 1
    letters = [c for c in text[start:end] if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _starts_word(text: str, index: int) -> bool:
    """Whether the letter at `index` begins a word (an apostrophe inside a word does not)."""
    if index == 0:
        return True
    before = text[index - 1]
    if before.isalpha():
        return False
    return not (before in APOSTROPHES and index >= 2 and text[index - 2].isalpha())


def transliterate(text: str) -> str:
    """`text` with its Ukrainian letters in Latin; other characters kept as they are."""
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        if char in APOSTROPHES:
            between = 0 < index < len(text) - 1
            if between and _is_cyrillic(text[index - 1]) and _is_cyrillic(text[index + 1]):
                continue
            out.append(char)
            continue
        if lower in _POSITIONAL:
            start, inside = _POSITIONAL[lower]
            latin = start if _starts_word(text, index) else inside
        elif lower == "г" and index > 0 and text[index - 1].lower() == "з":
            latin = "gh"
        elif lower in _PLAIN:
            latin = _PLAIN[lower]
        else:
            out.append(char)
            continue
        if char != lower and latin:
            latin = latin.upper() if _word_in_capitals(text, index) else latin.capitalize()
        out.append(latin)
    return "".join(out)
