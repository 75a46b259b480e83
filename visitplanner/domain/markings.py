"""Handling markings as each language writes them.

A visit's marking is free text ("Diffusion restreinte", "Для службового
користування"), printed on every page and shown in the window's title. The usual
ones are known in the three languages, so a Ukrainian book of a French visit reads
"Для службового користування" where the French one reads "Diffusion restreinte";
a marking of the office's own is shown as written.
"""

from __future__ import annotations

from typing import Final

from visitplanner.domain.search import fold

#: Each known marking in French, Ukrainian and English.
KNOWN: Final = (
    {"fr": "Diffusion restreinte", "uk": "Для службового користування", "en": "Restricted"},
    {"fr": "Non protégé", "uk": "Відкрита інформація", "en": "Unclassified"},
    {
        "fr": "Confidentiel — usage interne",
        "uk": "Конфіденційно — для внутрішнього користування",
        "en": "Confidential — internal use",
    },
    {"fr": "Confidentiel", "uk": "Конфіденційно", "en": "Confidential"},
    {"fr": "Secret", "uk": "Таємно", "en": "Secret"},
)

_BY_TEXT: Final = {
    " ".join(fold(text).split()): versions for versions in KNOWN for text in versions.values()
}


def marking_in(marking: str, lang: str) -> str:
    """`marking` in `lang` when it is a known one (in any of the three languages, case
    and accents aside), else as written; spaces and line breaks made single spaces."""
    written = " ".join(marking.split())
    versions = _BY_TEXT.get(" ".join(fold(written).split()))
    if versions is None or lang not in versions:
        return written
    return versions[lang]
