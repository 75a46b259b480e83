"""The words a roster's cells use for roles, yes and no, civilities, languages and grades.

In French, English and Ukrainian, compared without case, accents or apostrophes.
The words the export writes (the labels of domain/labels.py, in each language)
are always among them, so a roster exported here reads back the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from visitplanner.domain.labels import civility as civility_form
from visitplanner.domain.labels import label
from visitplanner.domain.values import LANGUAGES, Access, Civility, Grade, Role

_APOSTROPHES: Final = re.compile(r"['ʼ’‘`´]")
_NOT_WORD: Final = re.compile(r"[^\w]+")


def key(text: str) -> str:
    """Text as compared here: no accents, case, apostrophes or punctuation; single spaces.

    "Імʼя" and "ім'я" give the same key, and so do "Prénom" and "PRENOM".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    bare = _APOSTROPHES.sub("", bare)
    return " ".join(_NOT_WORD.sub(" ", bare).split())


_ROLE_WORDS: Final[dict[Role, tuple[str, ...]]] = {
    Role.HEAD: (
        "chef de délégation",
        "chef",
        "cheffe",
        "cheffe de délégation",
        "head",
        "head of delegation",
        "голова делегації",
        "голова",
        "керівник делегації",
        "керівник",
    ),
    Role.DEPUTY: (
        "chef de délégation adjoint",
        "chef adjoint",
        "adjoint",
        "adjointe",
        "deputy",
        "deputy head",
        "deputy head of delegation",
        "заступник",
        "заступниця",
        "заступник голови делегації",
        "заступник керівника делегації",
    ),
    Role.MEMBER: (
        "membre",
        "membre de la délégation",
        "member",
        "член делегації",
        "член",
        "учасник",
        "учасниця",
    ),
    Role.VETERAN: (
        "ancien combattant",
        "ancienne combattante",
        "vétéran",
        "vétérane",
        "veteran",
        "war veteran",
        "ветеран",
        "ветеранка",
    ),
    Role.INTERPRETER: (
        "interprète",
        "interprete",
        "traducteur",
        "traductrice",
        "interpreter",
        "translator",
        "перекладач",
        "перекладачка",
        "перекладач-синхроніст",
    ),
    Role.SECURITY: (
        "sécurité",
        "officier de sécurité",
        "garde du corps",
        "protection",
        "security",
        "security officer",
        "bodyguard",
        "close protection",
        "охорона",
        "охоронець",
        "служба безпеки",
        "безпека",
    ),
    Role.LIAISON: (
        "officier de liaison",
        "liaison",
        "liaison officer",
        "офіцер звязку",
        "офіцер зв'язку",
    ),
    Role.PRESS: (
        "presse",
        "journaliste",
        "photographe",
        "caméraman",
        "press",
        "journalist",
        "photographer",
        "camera operator",
        "media",
        "преса",
        "журналіст",
        "журналістка",
        "фотограф",
        "оператор",
        "змі",
    ),
    Role.DRIVER: ("chauffeur", "conducteur", "driver", "водій"),
    Role.STAFF: (
        "personnel",
        "assistant",
        "assistante",
        "secrétaire",
        "staff",
        "aide",
        "secretary",
        "персонал",
        "помічник",
        "помічниця",
        "секретар",
        "асистент",
    ),
    Role.AUTHORITY: ("autorité", "authority", "official", "посадова особа", "офіційна особа"),
    Role.MEDICAL: (
        "médecin",
        "médical",
        "medical",
        "medical staff",
        "doctor",
        "лікар",
        "лікарка",
        "медик",
        "медичний персонал",
    ),
    Role.HOST: ("hôte", "host", "event host", "приймаюча особа"),
}

_YES: Final = (
    "oui",
    "o",
    "yes",
    "y",
    "true",
    "vrai",
    "1",
    "x",
    "так",
    "т",
    "да",
    "+",
    "✓",
    "✔",
    "requis",
    "required",
    "потрібно",
    "потрібен",
)
_NO: Final = (
    "non",
    "n",
    "no",
    "false",
    "faux",
    "0",
    "ні",
    "нет",
    "-",
    "—",
    "aucun",
    "aucune",
    "none",
    "sans",
    "néant",
    "rien",
    "nothing",
    "n/a",
    "немає",
    "відсутні",
    "нема",
)

_CIVILITY_WORDS: Final[dict[Civility, tuple[str, ...]]] = {
    Civility.MADAME: (
        "madame",
        "mme",
        "mlle",
        "mademoiselle",
        "mrs",
        "ms",
        "miss",
        "madam",
        "f",
        "femme",
        "féminin",
        "female",
        "woman",
        "w",
        "пані",
        "п",
        "жін",
        "жінка",
        "жіноча",
        "ж",
        "г-жа",
        "госпожа",
    ),
    Civility.MONSIEUR: (
        "monsieur",
        "m",
        "mr",
        "mister",
        "sir",
        "h",
        "homme",
        "masculin",
        "male",
        "man",
        "пан",
        "чол",
        "чоловік",
        "чоловіча",
        "ч",
        "г-н",
        "господин",
    ),
}

_LANGUAGE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "fr": ("français", "francais", "french", "французька", "французский", "fra", "fre"),
    "uk": ("ukrainien", "ukrainian", "українська", "украинский", "ukr", "ua"),
    "en": ("anglais", "english", "англійська", "английский", "eng"),
    "ru": ("russe", "russian", "російська", "русский", "rus"),
    "de": ("allemand", "german", "deutsch", "німецька", "ger", "deu"),
    "pl": ("polonais", "polish", "polski", "польська", "pol"),
    "es": ("espagnol", "spanish", "español", "іспанська", "spa"),
    "it": ("italien", "italian", "italiano", "італійська", "ita"),
}

_LANGUAGE_SPLIT: Final = re.compile(r"[,;/+|]|\s+(?:et|and|і|та|й|и)\s+|\s+")


@cache
def _table(kind: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if kind == "role":
        for role, words in _ROLE_WORDS.items():
            for lang in LANGUAGES:
                found.setdefault(key(label(role, lang)), role.value)
            found.setdefault(key(role.value), role.value)
            for word in words:
                found.setdefault(key(word), role.value)
    elif kind == "grade":
        for grade in Grade:
            found[key(grade.value)] = grade.value
            for lang in LANGUAGES:
                found.setdefault(key(label(grade, lang)), grade.value)
    elif kind == "civility":
        for value, words in _CIVILITY_WORDS.items():
            for lang in LANGUAGES:
                found.setdefault(key(civility_form(value, lang)), value.value)
            for word in words:
                found.setdefault(key(word), value.value)
    elif kind == "yesno":
        for lang in LANGUAGES:
            found.setdefault(key(label(Access.YES, lang)), "yes")
            found.setdefault(key(label(Access.NO, lang)), "no")
        found.update({key(w): "yes" for w in _YES if key(w)})
        found.update({key(w): "no" for w in _NO if key(w)})
        found.update(dict.fromkeys(("-", "—"), "no"))
    elif kind == "language":
        for code, words in _LANGUAGE_WORDS.items():
            found[code] = code
            for word in words:
                found.setdefault(key(word), code)
    return found


def role_of(text: str) -> tuple[str, bool]:
    """The role a cell names: (a Role's value, True), or (the text as written, False)."""
    found = _table("role").get(key(text))
    return (found, True) if found else (text, False)


def grade_of(text: str) -> Grade | None:
    """The protocol grade a cell names, or None."""
    found = _table("grade").get(key(text))
    return Grade(found) if found else None


def civility_of(text: str) -> Civility | None:
    """The civility a cell names (Madame, Mr, пан, F...), or None."""
    found = _table("civility").get(key(text))
    return Civility(found) if found else None


def yes_no(text: str) -> bool | None:
    """True for a yes (oui, так, x...), False for a no (non, ні, aucun...), None otherwise."""
    stripped = text.strip()
    if stripped in ("-", "—"):
        return False
    found = _table("yesno").get(key(stripped))
    return None if found is None else found == "yes"


def languages_of(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The language codes a cell lists ("uk, en", "ukrainien et anglais"), and the unknown."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in _LANGUAGE_SPLIT.split(text):
        word = key(part)
        if not word:
            continue
        code = _table("language").get(word)
        if code is None and re.fullmatch(r"[a-z]{2}", word):
            code = word
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return tuple(codes), unknown
