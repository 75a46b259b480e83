"""Words broken at their syllables, numbers never: the book's running text and table
cells as a typesetter would set them.

Each long word of a paragraph whose style asks for it (`BookStyles.hyphenated`) gets
soft hyphens where the language's dictionary (pyphen's, as LibreOffice uses) allows a
break; reportlab breaks a line at one of them only when it must, and prints the hyphen
there alone ("com-/battant", "українсь-/ка", never "Immatriculat/ion"). Soft hyphens
rather than reportlab's own `hyphenationLang`: with it, a word still longer than a line
after one break (a long address, a link) ran past the margin.

Telephone numbers (an international one may break after its country code only) and
the times of a span ("17:50 – 19:10") are held together with no-break spaces, so a
line never ends inside one. Names written in capitals (family
names) are never hyphenated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Final

import pyphen
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

#: The soft hyphen reportlab breaks at, and prints only at a break.
SOFT: Final = "\u00ad"
#: Words shorter than this are never split.
SHORTEST: Final = 7
_WORD: Final = re.compile(rf"[^\W\d_]{{{SHORTEST},}}")
#: "+33 6 39 98 40 01", "01 44 42 30 11": digits in groups, spaces between.
_PHONE: Final = re.compile(r"\+?\d{1,4}(?:[ .]\d{1,4}){3,}(?![\d:])")
#: "17:50 – 19:10", "9 h 30 – 10 h": the two ends of a span stay on one line.
_SPAN: Final = re.compile(r"(\d{1,2}[:h.]\s?\d{2})\s([–-])\s(\d{1,2}[:h.]\s?\d{2})")
_NBSP: Final = "\u00a0"


@lru_cache(maxsize=8)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang)


#: Longer "words" are not words (a run of letters pasted without spaces): left whole,
#: reportlab cuts them where a line ends (with a soft hyphen in them, it would not).
LONGEST: Final = 40


@lru_cache(maxsize=65536)
def _hyphenated_word(lang: str, word: str) -> str:
    if word.isupper() or len(word) > LONGEST:
        return word  # a family name in capitals: never cut
    return str(_dictionary(lang).inserted(word, hyphen=SOFT))


def hyphenate_text(text: str, lang: str) -> str:
    """`text` with soft hyphens in its long words and no-break spaces inside its phone
    numbers and time spans."""
    return _WORD.sub(lambda m: _hyphenated_word(lang, m.group(0)), _held(text))


def _hyphenate_frag(text: str, lang: str) -> str:
    """A piece of a paragraph hyphenated, but for its last word when a space ends it:
    reportlab loses that space after a word holding a soft hyphen when another piece
    (bold, another colour) follows ("Ваш автомобіль:Minibus")."""
    if not text[-1:].isspace():
        return hyphenate_text(text, lang)
    words = list(_WORD.finditer(text))
    if not words:
        return hyphenate_text(text, lang)
    last = words[-1].start()
    return hyphenate_text(text[:last], lang) + _held(text[last:])


def _held(text: str) -> str:
    """Phone numbers and time spans held together, no word hyphenated."""
    text = _PHONE.sub(_phone, text)
    return _SPAN.sub(lambda m: f"{m.group(1)}{_NBSP}{m.group(2)}{_NBSP}{m.group(3)}", text)


def unbroken(number: str) -> str:
    """A phone number printed whole on one line, its country code too: for a line of
    running text that has the room ("Your car: …, driver …, +33 6 39 98 40 02"), where a
    break after "+33" left the number's country alone at a line's end."""
    return number.replace(" ", _NBSP)


def _phone(match: re.Match[str]) -> str:
    """A number held together; an international one may still break after its country
    code ("+380 / 50 000 30 01") when a narrow column cannot hold it whole."""
    number = match.group(0)
    if number.startswith("+") and " " in number:
        country, rest = number.split(" ", 1)
        return f"{country} {rest.replace(' ', _NBSP)}"
    return number.replace(" ", _NBSP)


def _paragraphs(flowable: Any) -> Iterator[Paragraph]:
    """The paragraphs in a flowable, inside tables and kept-together groups too."""
    if isinstance(flowable, Paragraph):
        yield flowable
    elif isinstance(flowable, Table):
        for row in getattr(flowable, "_cellvalues", ()):
            for cell in row:
                yield from _walk(cell)
    elif isinstance(flowable, KeepTogether):
        yield from _walk(getattr(flowable, "_content", ()))


def _walk(value: Any) -> Iterator[Paragraph]:
    if isinstance(value, Flowable):
        yield from _paragraphs(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item)


def hyphenate(flowables: Iterable[Flowable]) -> Iterator[Flowable]:
    """The flowables as given, each paragraph of a hyphenated style set for breaking."""
    for flowable in flowables:
        for paragraph in _paragraphs(flowable):
            lang = getattr(paragraph.style, "hyphenate_as", "")
            if not lang:
                continue
            for frag in paragraph.frags:
                text = getattr(frag, "text", "")
                if text:
                    frag.text = _hyphenate_frag(text, lang)
        yield flowable
