"""Forms of address: the rules kept as data per language (an ambassador among them), the
officer's own forms, and the demo's minister, governor and veterans as a protocol
officer names them."""

from __future__ import annotations

import dataclasses

import pytest

from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.address import AddressBook, AddressForms, AddressUse, office_of, rules
from visitplanner.domain.model import Person
from visitplanner.domain.values import LANGUAGES, Civility, Grade, LocalizedText, Role

LETTER, CARD, SPOKEN, INTRO, TITLE = (
    AddressUse.LETTER,
    AddressUse.CARD,
    AddressUse.SPOKEN,
    AddressUse.INTRODUCTION,
    AddressUse.TITLE,
)


def _person(
    civility: Civility,
    grade: Grade = Grade.MEMBER,
    title: str = "",
    given: tuple[str, str] = ("Anna", "Анна"),
    family: tuple[str, str] = ("Petrenko", "Петренко"),
    role: Role = Role.MEMBER,
) -> Person:
    return Person(
        family_name=family[0],
        given_name=given[0],
        family_name_native=family[1],
        given_name_native=given[1],
        civility=civility,
        grade=grade,
        role=role,
        title=LocalizedText(fr=title, en=title, uk=title),
    )


#: civility × grade × language → what the rules propose for (use): the table a protocol
#: officer would write.
TABLE = [
    (Civility.MADAME, Grade.MINISTER, "fr", LETTER, "Madame la Ministre,"),
    (Civility.MADAME, Grade.MINISTER, "fr", CARD, "Madame la Ministre"),
    (Civility.MONSIEUR, Grade.MINISTER, "fr", SPOKEN, "Monsieur le Ministre"),
    (Civility.MADAME, Grade.MINISTER, "uk", CARD, "Пані Міністерко"),
    (Civility.MONSIEUR, Grade.MINISTER, "uk", SPOKEN, "Пане Міністре"),
    (Civility.MADAME, Grade.MINISTER, "uk", LETTER, "Шановна пані Міністерко!"),
    (Civility.MADAME, Grade.MINISTER, "en", CARD, "Minister"),
    (Civility.MONSIEUR, Grade.MINISTER, "en", LETTER, "Dear Minister,"),
    (Civility.MADAME, Grade.MINISTER_DELEGATE, "fr", CARD, "Madame la Ministre"),
    (Civility.MONSIEUR, Grade.DEPUTY_MINISTER, "uk", SPOKEN, "Пане Заступнику Міністра"),
    (Civility.MONSIEUR, Grade.AMBASSADOR, "fr", SPOKEN, "Monsieur l’Ambassadeur"),
    (Civility.MADAME, Grade.AMBASSADOR, "fr", CARD, "Madame l’Ambassadrice"),
    (Civility.MONSIEUR, Grade.AMBASSADOR, "uk", SPOKEN, "Пане После"),
    (Civility.MONSIEUR, Grade.AMBASSADOR, "en", SPOKEN, "Your Excellency"),
    (Civility.MADAME, Grade.AMBASSADOR, "en", CARD, "Her Excellency"),
    (Civility.MONSIEUR, Grade.HEAD_OF_STATE, "fr", LETTER, "Monsieur le Président,"),
    (Civility.MADAME, Grade.HEAD_OF_GOVERNMENT, "fr", SPOKEN, "Madame la Première ministre"),
    (Civility.MADAME, Grade.MEMBER, "fr", LETTER, "Madame,"),
    (Civility.MONSIEUR, Grade.MEMBER, "fr", CARD, "Monsieur"),
    (Civility.NONE, Grade.MEMBER, "fr", LETTER, "Madame, Monsieur,"),
    (Civility.MADAME, Grade.MEMBER, "en", LETTER, "Dear Ms Petrenko,"),
    (Civility.MONSIEUR, Grade.MEMBER, "en", SPOKEN, "Mr Petrenko"),
    (Civility.MADAME, Grade.MEMBER, "uk", CARD, "Пані"),
]


@pytest.mark.parametrize(("civility", "grade", "lang", "use", "expected"), TABLE)
def test_the_rules_propose_each_language_s_form(
    civility: Civility, grade: Grade, lang: str, use: AddressUse, expected: str
) -> None:
    assert AddressBook().proposed(_person(civility, grade), lang, use) == expected


@pytest.mark.parametrize(
    ("given", "civility", "vocative"),
    [
        ("Андрій", Civility.MONSIEUR, "Андрію"),
        ("Тарас", Civility.MONSIEUR, "Тарасе"),
        ("Дмитро", Civility.MONSIEUR, "Дмитре"),
        ("Олег", Civility.MONSIEUR, "Олеже"),
        ("Максим", Civility.MONSIEUR, "Максиме"),
        ("Сергій", Civility.MONSIEUR, "Сергію"),
        ("Микола", Civility.MONSIEUR, "Миколо"),
        ("Юлія", Civility.MADAME, "Юліє"),
        ("Наталія", Civility.MADAME, "Наталіє"),
        ("Ірина", Civility.MADAME, "Ірино"),
        ("Олена", Civility.MADAME, "Олено"),
    ],
)
def test_a_ukrainian_is_addressed_by_the_given_name_in_the_vocative(
    given: str, civility: Civility, vocative: str
) -> None:
    person = _person(civility, given=("x", given))
    book = AddressBook({person.id: "UA"})
    word = "Пане" if civility is Civility.MONSIEUR else "Пані"
    assert book.proposed(person, "uk", SPOKEN) == f"{word} {vocative}"


def test_a_foreigner_is_addressed_in_ukrainian_by_the_family_name() -> None:
    person = _person(Civility.MADAME, given=("Claire", "Клер"), family=("Vasseur", "Вассер"))
    assert AddressBook({person.id: "FR"}).proposed(person, "uk", SPOKEN) == "Пані Вассер"


def test_the_demo_people_get_the_forms_a_protocol_officer_uses() -> None:
    data = build_demo()
    book = AddressBook.of(data)
    minister = data.person(person_id("kalmykova"))
    governor = next(p for p in data.people if p.family_name == "Lacombe")
    veteran = data.person(person_id("kovalenko"))
    assert book.form(minister, "fr", INTRO) == (
        "Madame Natalia Kalmykova, ministre des Anciens combattants d’Ukraine"
    )
    assert book.form(minister, "uk", CARD) == "Пані Міністерко"
    assert book.form(minister, "en", SPOKEN) == "Minister"
    assert book.form(governor, "fr", CARD) == "Monsieur le Gouverneur militaire de Paris"
    assert book.form(governor, "fr", SPOKEN) == "Mon Général"
    assert book.form(governor, "fr", INTRO) == (
        "Le général d’armée Bertrand Lacombe, gouverneur militaire de Paris"
    )
    assert book.form(governor, "en", SPOKEN) == "General"
    assert book.form(veteran, "uk", SPOKEN) == "Пане Андрію"
    assert book.form(veteran, "uk", LETTER) == "Шановний пане Андрію!"
    assert book.form(veteran, "fr", CARD) == "Monsieur"


def test_a_directrice_generale_is_no_general() -> None:
    person = _person(Civility.MADAME, title="Directrice générale adjointe de l’Office")
    assert office_of(person) == "default"
    person = _person(Civility.MADAME, title="Генеральна директорка")
    assert office_of(person) == "default"
    person = _person(Civility.MONSIEUR, title="Général de division, directeur")
    assert office_of(person) == "general"
    assert AddressBook().proposed(person, "fr", SPOKEN) == "Mon Général"


def test_the_officer_s_own_form_wins_and_an_empty_one_is_proposed() -> None:
    person = _person(Civility.MADAME, Grade.MINISTER)
    person = dataclasses.replace(
        person,
        address_forms=AddressForms(
            card=LocalizedText(en="The Honourable Minister"),
            title=LocalizedText(fr="ministre des Anciens combattants d’Ukraine"),
        ),
    )
    book = AddressBook()
    assert book.form(person, "en", CARD) == "The Honourable Minister"
    assert book.form(person, "fr", CARD) == "Madame la Ministre"
    # The title given for French feeds the French introduction.
    assert book.form(person, "fr", INTRO) == (
        "Madame Anna Petrenko, ministre des Anciens combattants d’Ukraine"
    )


def test_every_language_has_a_default_form_for_every_use() -> None:
    for lang in LANGUAGES:
        defaults = rules(lang).forms["default"]["any"]
        assert {use.value for use in AddressUse} <= set(defaults), lang


def test_an_introduction_leaves_no_comma_hanging_without_a_title() -> None:
    person = _person(Civility.MONSIEUR)
    assert AddressBook().proposed(person, "fr", INTRO) == "Monsieur Anna Petrenko"
