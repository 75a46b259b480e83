"""Recognising a roster's columns and words in French, English and Ukrainian."""

from __future__ import annotations

import pytest

from visitplanner.domain.roster_columns import FIELD_HEADERS, LOCALIZED_FIELDS, Target, header_for
from visitplanner.domain.roster_columns import RosterField as F
from visitplanner.domain.values import LANGUAGES, Civility, Grade, Role
from visitplanner.imports.roster.headers import recognise, recognise_all, sheet_language
from visitplanner.imports.roster.words import civility_of, grade_of, languages_of, role_of, yes_no


@pytest.mark.parametrize(
    ("header", "field", "lang"),
    [
        ("Nom", F.FAMILY_NAME, "fr"),
        ("NOM", F.FAMILY_NAME, "fr"),
        ("Last name", F.FAMILY_NAME, "en"),
        ("Прізвище", F.FAMILY_NAME, "uk"),
        ("ПРІЗВИЩЕ", F.FAMILY_NAME, "uk"),
        ("Prénom", F.GIVEN_NAME, "fr"),
        ("PRENOM", F.GIVEN_NAME, "fr"),
        ("First name", F.GIVEN_NAME, "en"),
        ("Імʼя", F.GIVEN_NAME, "uk"),
        ("Ім'я", F.GIVEN_NAME, "uk"),
        ("Ім’я", F.GIVEN_NAME, "uk"),
        ("По батькові", F.PATRONYMIC_NATIVE, "uk"),
        ("ПІБ", F.FULL_NAME, "uk"),
        ("П.І.Б.", F.FULL_NAME, "uk"),
        ("Fonction", F.TITLE, "fr"),
        ("Title", F.TITLE, "en"),
        ("Посада", F.TITLE, "uk"),
        ("Date de naissance", F.BIRTH_DATE, "fr"),
        ("Date of birth", F.BIRTH_DATE, "en"),
        ("Дата народження", F.BIRTH_DATE, "uk"),
        ("N° de passeport", F.PASSPORT_NUMBER, "fr"),
        ("Номер паспорта", F.PASSPORT_NUMBER, "uk"),
        ("Nom (cyrillique)", F.FAMILY_NAME_NATIVE, "fr"),
        ("Прізвище латиницею", F.FAMILY_NAME, "uk"),
        ("Nom de la délégation", F.DELEGATION, "fr"),
        ("Делегація", F.DELEGATION, "uk"),
        ("Catégorie", F.ROLE, "fr"),
        ("№ з/п", F.RANK, "uk"),
        ("Téléphone", F.PRIVATE_PHONE, "fr"),
        ("Téléphone de service", F.DUTY_PHONE, "fr"),
        ("Courriel", F.DUTY_EMAIL, "fr"),
        ("Régime alimentaire", F.DIETARY, "fr"),
        ("Fauteuil roulant", F.STEP_FREE, "fr"),
        ("Nom *", F.FAMILY_NAME, "fr"),
        ("Nom (en majuscules)", F.FAMILY_NAME, "fr"),
        ("Date de naissance :", F.BIRTH_DATE, "fr"),
    ],
)
def test_usual_headers_are_recognised(header: str, field: F, lang: str) -> None:
    found = recognise(header)
    assert found is not None, header
    assert found.target == Target(field)
    assert found.lang == lang


def test_a_language_suffix_picks_the_language_of_a_multilingual_field() -> None:
    found = recognise("Fonction (uk)")
    assert found is not None and found.target == Target(F.TITLE, "uk")
    assert recognise("Nom (uk)") is None  # a name is not multilingual


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_header_the_export_writes_reads_back_as_its_field(lang: str) -> None:
    for field in FIELD_HEADERS:
        targets = (
            [Target(field, code) for code in LANGUAGES]
            if field in LOCALIZED_FIELDS
            else [Target(field)]
        )
        for target in targets:
            found = recognise(header_for(target, lang))
            assert found is not None and found.target == target, header_for(target, lang)


def test_unknown_headers_are_left_for_the_officer_to_map() -> None:
    found = recognise_all(["Nom", "Taille de veste", "", "Prénom", "Nom de jeune fille"])
    assert [hit.target.field if hit else None for hit in found] == [
        F.FAMILY_NAME, None, None, F.GIVEN_NAME, None,
    ]  # fmt: skip


def test_a_field_named_twice_keeps_its_first_column_but_names_may_repeat() -> None:
    found = recognise_all(["Nom", "Прізвище", "Fonction", "Посада"])
    assert [hit.target.field if hit else None for hit in found] == [
        F.FAMILY_NAME, F.FAMILY_NAME, F.TITLE, None,
    ]  # fmt: skip


def test_the_sheet_language_is_that_of_most_headers() -> None:
    assert sheet_language(recognise_all(["Прізвище", "Ім'я", "Notes"])) == "uk"
    assert sheet_language(recognise_all(["Nom", "Prénom", "Fonction"])) == "fr"
    assert sheet_language(recognise_all(["Colonne A"])) is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("interprète", Role.INTERPRETER),
        ("Interpreter", Role.INTERPRETER),
        ("перекладач", Role.INTERPRETER),
        ("Chef de délégation", Role.HEAD),
        ("голова делегації", Role.HEAD),
        ("officier de liaison", Role.LIAISON),
        ("офіцер зв’язку", Role.LIAISON),
        ("chauffeur", Role.DRIVER),
        ("водій", Role.DRIVER),
        ("VÉTÉRAN", Role.VETERAN),
        ("ветеран", Role.VETERAN),
    ],
)
def test_roles_are_recognised_in_three_languages(text: str, role: Role) -> None:
    assert role_of(text) == (role.value, True)


def test_a_role_it_does_not_know_is_kept_as_written() -> None:
    assert role_of("Conseiller spécial") == ("Conseiller spécial", False)


@pytest.mark.parametrize("text", ["oui", "OUI", "yes", "Y", "так", "x", "vrai", "TRUE", "1"])
def test_yes_words(text: str) -> None:
    assert yes_no(text) is True


@pytest.mark.parametrize("text", ["non", "No", "ні", "НІ", "aucun", "none", "-", "0", "FALSE"])
def test_no_words(text: str) -> None:
    assert yes_no(text) is False


def test_other_words_are_neither_yes_nor_no() -> None:
    assert yes_no("végétarien") is None


def test_civilities_grades_and_languages() -> None:
    assert civility_of("Mme") is Civility.MADAME
    assert civility_of("пан") is Civility.MONSIEUR
    assert civility_of("F") is Civility.MADAME
    assert civility_of("Dr") is None
    assert grade_of("minister") is Grade.MINISTER
    assert languages_of("ukrainien et anglais") == (("uk", "en"), [])
    assert languages_of("українська, англійська") == (("uk", "en"), [])
    assert languages_of("uk, en, klingon") == (("uk", "en"), ["klingon"])
