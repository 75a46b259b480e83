"""Forms of address: how each person is addressed in each language, for a letter's
salutation, a place card, speech and an introduction, and the person's title in that
language (the host country's equivalent of a foreign title).

The rules are data, not code: visitplanner/resources/address/offices.toml says which
office a person holds (from grade, role, and words of the title or function), and one
file per language (fr.toml, uk.toml, en.toml) says how each office is addressed per
civility ("Madame la Ministre", "Пані Міністерко", "Minister"), with the Ukrainian
vocative of given names ("Пане Андрію"). The files are read once.

What the rules propose, the officer may change per person, language and use
(`Person.address_forms`, an `AddressForms`): an empty override means "as proposed".
The title given for a language feeds the introduction in that language.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from visitplanner.domain.values import LANGUAGES, Civility, LocalizedText

if TYPE_CHECKING:
    from visitplanner.domain.model import Person, VisitData


class AddressUse(StrEnum):
    """What a form of address is for."""

    LETTER = "letter"
    CARD = "card"
    SPOKEN = "spoken"
    INTRODUCTION = "introduction"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class AddressForms:
    """The officer's own forms of address for one person, per use, in each language.

    A version left empty is proposed by the rules (`AddressBook.proposed`).
    """

    letter: LocalizedText = field(default_factory=LocalizedText)
    card: LocalizedText = field(default_factory=LocalizedText)
    spoken: LocalizedText = field(default_factory=LocalizedText)
    introduction: LocalizedText = field(default_factory=LocalizedText)
    title: LocalizedText = field(default_factory=LocalizedText)

    def get(self, use: AddressUse, lang: str) -> str:
        """The override for `use` in `lang` itself ("" when none: no fallback)."""
        text: LocalizedText = getattr(self, use.value)
        return str(getattr(text, lang, ""))

    def __bool__(self) -> bool:
        return any(getattr(self, use.value).to_dict() for use in AddressUse)


#: Where the rules live in the package.
_FOLDER: Final = ("resources", "address")
#: The office of someone no other office matches.
DEFAULT_OFFICE: Final = "default"
#: A language without its own file is addressed as in English.
_FALLBACK_LANGUAGE: Final = "en"
_FIELDS: Final = string.Formatter()


def _read(name: str) -> dict[str, Any]:
    path = resources.files("visitplanner").joinpath(*_FOLDER, name)
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Office:
    """One office of offices.toml and how a person is recognised as holding it."""

    key: str
    grades: frozenset[str]
    roles: frozenset[str]
    words: re.Pattern[str] | None
    title_starts: re.Pattern[str] | None

    def holds(self, grade: str, role: str, texts: list[str], titles: list[str]) -> bool:
        """Whether a person with this grade, role, title and function texts holds it."""
        if grade in self.grades or role in self.roles:
            return True
        if self.words is not None and any(self.words.search(t) for t in texts):
            return True
        starts = self.title_starts
        return starts is not None and any(starts.match(t) for t in titles)


def _whole_words(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern finding any of `words` as whole words ("генерал" is not in "генеральна")."""
    listed = [re.escape(w.casefold()) for w in words]
    if not listed:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(listed) + r")(?!\w)")


@cache
def offices() -> tuple[_Office, ...]:
    """The offices in the order they are tried (offices.toml)."""
    return tuple(
        _Office(
            key=item["key"],
            grades=frozenset(item.get("grades", ())),
            roles=frozenset(item.get("roles", ())),
            words=_whole_words(item.get("words", ())),
            title_starts=_whole_words(item.get("title_starts", ())),
        )
        for item in _read("offices.toml")["office"]
    )


def office_of(person: Person) -> str:
    """The key of the office `person` holds ("minister", "general" … or "default")."""
    texts = [
        t.casefold()
        for text in (person.title, person.function)
        for t in text.to_dict().values()
        if t
    ]
    titles = [t.casefold() for t in person.title.to_dict().values() if t]
    grade, role = str(person.grade), str(person.role)
    for office in offices():
        if office.holds(grade, role, texts, titles):
            return office.key
    return DEFAULT_OFFICE


@dataclass(frozen=True)
class LanguageRules:
    """One language's file: its civilities, vocatives and forms per office and civility."""

    lang: str
    native_names: bool
    lowercase_title: bool
    #: Titles that keep their capital inside a sentence ("Надзвичайний і Повноважний …").
    keep_capital: tuple[str, ...]
    given_name_countries: frozenset[str]
    civility: Mapping[str, str]
    civility_vocative: Mapping[str, str]
    vocative: Mapping[str, tuple[tuple[str, str], ...]]
    forms: Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]]

    def templates(self, office: str, civility: str, use: AddressUse) -> tuple[str, ...]:
        """The templates for `use`: the office's for the civility, for any civility, then
        the default office's likewise."""
        for where, who in ((office, civility), (office, "any"), (DEFAULT_OFFICE, civility)):
            found = self.forms.get(where, {}).get(who, {}).get(use.value)
            if found is not None:
                return found
        return self.forms[DEFAULT_OFFICE]["any"][use.value]

    def vocative_of(self, name: str, civility: str) -> str:
        """`name` in the vocative, by the longest ending the rules list."""
        for ending, replacement in self.vocative.get(civility, ()):
            if name.endswith(ending):
                return name[: len(name) - len(ending)] + replacement
        return name


def _templates(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@cache
def rules(lang: str) -> LanguageRules:
    """The rules of `lang` (English's for a language without a file)."""
    name = lang if lang in LANGUAGES else _FALLBACK_LANGUAGE
    raw = _read(f"{name}.toml")
    civility = {str(k): str(v) for k, v in raw["civility"].items()}
    vocative = {
        str(civ): tuple(sorted(endings.items(), key=lambda pair: -len(pair[0])))
        for civ, endings in raw.get("vocative", {}).items()
    }
    forms = {
        office: {
            civ: {use: _templates(value) for use, value in uses.items()}
            for civ, uses in by_civility.items()
        }
        for office, by_civility in raw["forms"].items()
    }
    return LanguageRules(
        lang=name,
        native_names=raw.get("names") == "native",
        lowercase_title=bool(raw.get("lowercase_title", False)),
        keep_capital=tuple(raw.get("keep_capital", ())),
        given_name_countries=frozenset(raw.get("given_name_countries", ())),
        civility=civility,
        civility_vocative={**civility, **raw.get("civility_vocative", {})},
        vocative=vocative,
        forms=forms,
    )


def _civility_key(civility: Civility) -> str:
    return civility.value or "none"


def running_title(title: str, lowercase: bool, keep: tuple[str, ...] = ()) -> str:
    """A title as it reads inside a sentence: its first letter small where the language
    writes it so, unless the first word is an acronym ("OTAN", "ONaCVG") or the title
    one the language keeps capitalised (`keep`)."""
    if not lowercase or len(title) < 2 or not title[1].islower() or title.startswith(keep):
        return title
    return title[0].lower() + title[1:]


def _filled(templates: tuple[str, ...], values: Mapping[str, str]) -> str:
    """The first template whose fields are all known, filled; else the last one, with
    its unknown fields left empty."""
    for template in templates:
        names = [name for _text, name, _spec, _conv in _FIELDS.parse(template) if name]
        if all(values.get(name) for name in names):
            return _tidy(template.format_map(values), template)
    last = templates[-1]
    return _tidy(_FIELDS.vformat(last, (), _Blank(values)), last)


class _Blank(dict[str, str]):
    """Fields with nothing known are left empty."""

    def __missing__(self, key: str) -> str:
        return ""


_SPACES: Final = re.compile(r"\s+")
_LOOSE_COMMA: Final = re.compile(r"\s*,(?:\s*,)*")


def _tidy(text: str, template: str) -> str:
    """One space between words, no comma left hanging by an empty field (a salutation's
    own final comma stays)."""
    text = _LOOSE_COMMA.sub(",", _SPACES.sub(" ", text)).replace(",", ", ").strip()
    text = _SPACES.sub(" ", text).strip(" ")
    if text.endswith(",") and not template.rstrip().endswith(","):
        text = text[:-1].rstrip()
    return text.lstrip(", ") if text != "," else ""


class AddressBook:
    """The forms of address of the people of a visit (each person's country is that of
    their delegation, which says whether Ukrainian calls them by their given name)."""

    def __init__(self, countries: Mapping[str, str] | None = None) -> None:
        #: The country of each person's delegation, by person id.
        self.countries: Mapping[str, str] = countries or {}

    @classmethod
    def of(cls, data: VisitData) -> AddressBook:
        """The address book of a visit (`VisitData`)."""
        country = {d.id: d.country for d in data.delegations}
        return cls({p.id: country.get(p.delegation_id or "", "") for p in data.people})

    def form(self, person: Person, lang: str, use: AddressUse) -> str:
        """The form of address of `person` for `use` in `lang`: the officer's own, or
        the one the rules propose."""
        own = person.address_forms.get(use, lang)
        return own or self.proposed(person, lang, use)

    def proposed(self, person: Person, lang: str, use: AddressUse) -> str:
        """The form the rules propose (the officer's title for `lang` feeds it)."""
        lang_rules = rules(lang)
        civility = _civility_key(person.civility)
        values = self._values(person, lang, lang_rules, civility)
        return _filled(lang_rules.templates(office_of(person), civility, use), values)

    def _values(
        self, person: Person, lang: str, lang_rules: LanguageRules, civility: str
    ) -> dict[str, str]:
        if lang_rules.native_names:
            given = person.given_name_native or person.given_name
            family = person.family_name_native or person.family_name
        else:
            given = person.given_name or person.given_name_native
            family = person.family_name or person.family_name_native
        own_title = person.address_forms.get(AddressUse.TITLE, lang)
        title = own_title or running_title(
            person.title.get(lang), lang_rules.lowercase_title, lang_rules.keep_capital
        )
        head, _comma, rest = title.partition(", ")
        by_given = self.countries.get(person.id, "") in lang_rules.given_name_countries
        vocative = ""
        if by_given and person.given_name_native:
            vocative = lang_rules.vocative_of(person.given_name_native, civility)
        return {
            "civility": lang_rules.civility.get(civility, ""),
            "civility_vocative": lang_rules.civility_vocative.get(civility, ""),
            "given": given,
            "family": family,
            "given_vocative": vocative,
            "title": title,
            "title_head": head if rest else "",
            "title_rest": rest,
        }

    def forms(self, person: Person, lang: str) -> dict[AddressUse, str]:
        """Every use's form of `person` in `lang`."""
        return {use: self.form(person, lang, use) for use in AddressUse}
