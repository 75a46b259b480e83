"""Recognise a sheet's columns by their headers, in French, English and Ukrainian.

Headers are compared without case, accents, apostrophes or punctuation ("Prénom",
"PRENOM", "Імʼя", "ім'я"). A header ending with a language code in brackets
("Fonction (fr)") fills that language of a multilingual field. The export's own
headers, in each language, are always recognised.

Name columns: "Nom" / "Last name" / "Прізвище" take either script; a Cyrillic
value goes to the native-script name, a Latin one to the Latin name. Columns
saying which script they hold ("Nom (cyrillique)", "Прізвище латиницею") are
recognised too. "Téléphone" / "Phone" / "Телефон" is taken for a private phone
unless it says it is the duty phone: a phone number of unknown use is kept private.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from visitplanner.domain.roster_columns import (
    FIELD_HEADERS,
    LOCALIZED_FIELDS,
    RosterField,
    Target,
)
from visitplanner.domain.values import LANGUAGES
from visitplanner.i18n import gettext_in
from visitplanner.imports.roster.words import key

F = RosterField

#: Usual headers of each field, by the language they are written in.
_HEADERS: Final[dict[RosterField, dict[str, tuple[str, ...]]]] = {
    F.ID: {"fr": ("identifiant", "id", "uuid"), "en": ("identifier",), "uk": ("ідентифікатор",)},
    F.DELEGATION: {
        "fr": ("délégation", "nom de la délégation"),
        "en": ("delegation", "delegation name", "group"),
        "uk": ("делегація", "назва делегації", "делегация"),
    },
    F.RANK: {
        "fr": ("rang", "ordre", "préséance", "ordre de préséance", "ordre protocolaire", "n°"),
        "en": ("rank", "order", "precedence", "order of precedence", "no"),
        "uk": ("№", "№ з/п", "з/п", "порядковий номер", "порядок", "ранг", "черговість"),
    },
    F.ROLE: {
        "fr": ("rôle", "statut", "catégorie", "rôle dans la délégation"),
        "en": ("role", "status", "category", "role in the delegation"),
        "uk": ("роль", "статус", "категорія", "роль у делегації"),
    },
    F.GRADE: {
        "fr": ("grade protocolaire", "niveau protocolaire"),
        "en": ("protocol grade", "protocol level"),
        "uk": ("протокольний ранг", "протокольний рівень"),
    },
    F.CIVILITY: {
        "fr": ("civilité", "titre de civilité", "sexe", "genre", "m mme"),
        "en": ("civility", "salutation", "honorific", "mr mrs", "gender", "sex", "prefix"),
        "uk": ("звернення", "стать", "пол"),
    },
    F.FAMILY_NAME: {
        "fr": ("nom", "nom de famille", "nom latin", "nom en caractères latins", "nom (latin)"),
        "en": ("last name", "surname", "family name", "last name (latin)", "surname (latin)"),
        "uk": (
            "прізвище",
            "прізвище латиницею",
            "прізвище (латиницею)",
            "прізвище англійською",
            "фамилия",
        ),
    },
    F.GIVEN_NAME: {
        "fr": ("prénom", "prénoms", "prénom latin", "prénom (latin)"),
        "en": ("first name", "given name", "forename", "first names", "given names"),
        "uk": ("ім'я", "ім'я латиницею", "ім'я (латиницею)", "ім'я англійською", "имя"),
    },
    F.FAMILY_NAME_NATIVE: {
        "fr": (
            "nom (cyrillique)",
            "nom en cyrillique",
            "nom en caractères cyrilliques",
            "nom (écriture d'origine)",
            "nom en ukrainien",
        ),
        "en": (
            "last name (cyrillic)",
            "surname (cyrillic)",
            "family name (cyrillic)",
            "native family name",
            "family name (native)",
            "last name (native)",
        ),
        "uk": (
            "прізвище (кирилицею)",
            "прізвище кирилицею",
            "прізвище українською",
            "прізвище (українською)",
        ),
    },
    F.GIVEN_NAME_NATIVE: {
        "fr": (
            "prénom (cyrillique)",
            "prénom en cyrillique",
            "prénom (écriture d'origine)",
            "prénom en ukrainien",
        ),
        "en": (
            "first name (cyrillic)",
            "given name (cyrillic)",
            "native given name",
            "given name (native)",
            "first name (native)",
        ),
        "uk": ("ім'я (кирилицею)", "ім'я кирилицею", "ім'я українською", "ім'я (українською)"),
    },
    F.PATRONYMIC_NATIVE: {
        "fr": ("patronyme", "nom patronymique", "deuxième prénom"),
        "en": ("patronymic", "middle name", "father's name", "patronymic name"),
        "uk": ("по батькові", "по-батькові", "отчество"),
    },
    F.FULL_NAME: {
        "fr": (
            "nom complet",
            "nom et prénom",
            "nom prénom",
            "prénom nom",
            "nom et prénoms",
            "nom et prénom(s)",
            "prénom et nom",
            "nom, prénom",
            "identité",
        ),
        "en": ("full name", "name", "first and last name", "name and surname", "names"),
        "uk": (
            "піб",
            "п.і.б.",
            "прізвище, ім'я, по батькові",
            "прізвище ім'я по батькові",
            "прізвище та ім'я",
            "прізвище, ім'я",
            "ім'я та прізвище",
            "фио",
            "ф.и.о.",
        ),
    },
    F.TITLE: {
        "fr": ("fonction", "titre", "qualité", "poste", "grade", "fonction officielle"),
        "en": ("title", "job title", "position", "post", "function", "official title"),
        "uk": ("посада", "звання", "титул", "посада, звання", "должность"),
    },
    F.FUNCTION: {
        "fr": ("fonction dans la délégation", "rôle dans la visite"),
        "en": ("function in the delegation",),
        "uk": ("функція в делегації", "функції в делегації"),
    },
    F.ORGANISATION: {
        "fr": (
            "organisme",
            "organisation",
            "institution",
            "ministère",
            "administration",
            "service",
            "employeur",
            "structure",
            "entité",
        ),
        "en": ("organization", "institution", "ministry", "agency", "employer", "department"),
        "uk": ("організація", "установа", "відомство", "міністерство", "місце роботи", "орган"),
    },
    F.BIOGRAPHY: {
        "fr": ("biographie", "bio", "notice biographique"),
        "en": ("biography", "bio", "biographical note"),
        "uk": ("біографія", "біографічна довідка", "довідка"),
    },
    F.LANGUAGES: {
        "fr": ("langues", "langue", "langues parlées", "langues de travail"),
        "en": ("languages", "language", "languages spoken", "working languages"),
        "uk": ("мови", "мова", "володіння мовами", "іноземні мови", "знання мов"),
    },
    F.DUTY_PHONE: {
        "fr": (
            "téléphone de service",
            "téléphone professionnel",
            "tél de service",
            "téléphone pendant la visite",
            "téléphone de permanence",
        ),
        "en": ("duty phone", "work phone", "office phone", "phone during the visit"),
        "uk": ("службовий телефон", "робочий телефон", "телефон на час візиту"),
    },
    F.DUTY_EMAIL: {
        "fr": ("courriel", "e-mail", "email", "mail", "adresse électronique", "mél"),
        "en": ("email address", "e-mail address"),
        "uk": ("електронна пошта", "ел. пошта", "ел пошта", "пошта", "e-mail"),
    },
    F.PRIVATE_PHONE: {
        "fr": (
            "téléphone",
            "tél",
            "tel",
            "portable",
            "téléphone portable",
            "mobile",
            "gsm",
            "téléphone personnel",
            "numéro de téléphone",
        ),
        "en": (
            "phone",
            "telephone",
            "mobile phone",
            "cell",
            "cell phone",
            "personal phone",
            "phone number",
        ),
        "uk": (
            "телефон",
            "тел",
            "мобільний",
            "мобільний телефон",
            "особистий телефон",
            "номер телефону",
        ),
    },
    F.DIETARY: {
        "fr": (
            "régime alimentaire",
            "régime",
            "alimentation",
            "restrictions alimentaires",
            "allergies",
            "besoins alimentaires",
            "régime particulier",
        ),
        "en": (
            "dietary requirements",
            "diet",
            "dietary restrictions",
            "allergies",
            "food requirements",
        ),
        "uk": (
            "харчування",
            "дієта",
            "харчові обмеження",
            "особливості харчування",
            "алергії",
            "харчові потреби",
        ),
    },
    F.DIETARY_DETAIL: {"fr": ("détail du régime",), "en": ("diet detail",), "uk": ()},
    F.STEP_FREE: {
        "fr": (
            "fauteuil roulant",
            "pmr",
            "mobilité réduite",
            "accès de plain-pied",
            "personne à mobilité réduite",
        ),
        "en": ("wheelchair", "wheelchair user", "step-free access", "reduced mobility"),
        "uk": (
            "інвалідний візок",
            "крісло колісне",
            "візок",
            "маломобільний",
            "обмежена мобільність",
        ),
    },
    F.ACCESSIBILITY_DETAIL: {
        "fr": (
            "accessibilité",
            "besoins d'accessibilité",
            "besoins particuliers",
            "handicap",
            "besoins médicaux",
            "santé",
        ),
        "en": (
            "accessibility",
            "accessibility needs",
            "special needs",
            "medical needs",
            "disability",
        ),
        "uk": (
            "доступність",
            "особливі потреби",
            "медичні потреби",
            "інвалідність",
            "стан здоров'я",
        ),
    },
    F.PASSPORT_NAME: {
        "fr": (
            "nom (passeport)",
            "nom tel que sur le passeport",
            "nom sur le passeport",
            "nom et prénom (passeport)",
            "nom complet (passeport)",
            "nom selon passeport",
        ),
        "en": (
            "name in passport",
            "passport name",
            "name as per passport",
            "full name (passport)",
            "name (passport)",
        ),
        "uk": (
            "піб латиницею",
            "як у паспорті",
            "прізвище та ім'я як у паспорті",
            "ім'я та прізвище як у паспорті",
            "піб (як у паспорті)",
            "прізвище та ім'я латиницею (як у паспорті)",
        ),
    },
    F.BIRTH_DATE: {
        "fr": ("date de naissance", "né le", "née le", "né(e) le", "naissance"),
        "en": ("birth date", "dob", "birthdate", "born", "date of birth (dd/mm/yyyy)"),
        "uk": ("дата народження", "народження", "д.н.", "дата рождения"),
    },
    F.NATIONALITY: {
        "fr": ("nationalité", "citoyenneté"),
        "en": ("citizenship",),
        "uk": ("громадянство", "національність", "гражданство"),
    },
    F.PASSPORT_NUMBER: {
        "fr": (
            "numéro de passeport",
            "n° de passeport",
            "passeport",
            "passeport n°",
            "n° passeport",
        ),
        "en": ("passport no", "passport", "passport #", "passport no."),
        "uk": (
            "номер паспорта",
            "паспорт",
            "серія та номер паспорта",
            "№ паспорта",
            "закордонний паспорт",
            "паспорт №",
            "номер закордонного паспорта",
        ),
    },
    F.PASSPORT_EXPIRY: {
        "fr": (
            "date d'expiration",
            "expiration du passeport",
            "validité du passeport",
            "date d'expiration du passeport",
            "valable jusqu'au",
            "passeport valable jusqu'au",
        ),
        "en": (
            "passport expiry",
            "expiry date",
            "expiration date",
            "valid until",
            "date of expiry",
            "passport expiry date",
        ),
        "uk": (
            "термін дії паспорта",
            "дійсний до",
            "дата закінчення дії",
            "паспорт дійсний до",
            "дата закінчення терміну дії",
        ),
    },
    F.ARRIVAL_CARRIER: {
        "fr": ("compagnie arrivée", "compagnie aérienne arrivée", "transporteur arrivée"),
        "en": ("arrival airline",),
        "uk": ("перевізник прибуття", "авіакомпанія прибуття"),
    },
    F.ARRIVAL_NUMBER: {
        "fr": ("vol aller", "vol d'arrivée", "vol arrivée", "n° de vol arrivée", "vol", "train"),
        "en": ("arrival flight", "inbound flight", "flight in", "flight"),
        "uk": ("рейс прибуття", "рейс", "номер рейсу", "рейс туди"),
    },
    F.ARRIVAL_TIME: {
        "fr": ("arrivée", "date d'arrivée", "heure d'arrivée", "date et heure d'arrivée"),
        "en": ("arrival", "arrival date", "arrival date and time"),
        "uk": ("прибуття", "дата прибуття", "час прибуття", "дата і час прибуття"),
    },
    F.ARRIVAL_PLACE: {
        "fr": ("lieu d'arrivée", "aéroport d'arrivée", "gare d'arrivée"),
        "en": ("arrival airport", "arrival station"),
        "uk": ("місце прибуття", "аеропорт прибуття"),
    },
    F.DEPARTURE_CARRIER: {
        "fr": ("compagnie départ", "compagnie aérienne départ", "transporteur départ"),
        "en": ("departure airline",),
        "uk": ("перевізник відбуття", "авіакомпанія відбуття"),
    },
    F.DEPARTURE_NUMBER: {
        "fr": ("vol retour", "vol de départ", "vol départ", "n° de vol départ"),
        "en": ("departure flight", "outbound flight", "return flight", "flight out"),
        "uk": ("рейс відбуття", "рейс назад", "зворотний рейс"),
    },
    F.DEPARTURE_TIME: {
        "fr": ("départ", "date de départ", "heure de départ", "date et heure de départ"),
        "en": ("departure", "departure date", "departure date and time"),
        "uk": ("відбуття", "дата відбуття", "час відбуття", "дата і час відбуття", "виїзд"),
    },
    F.DEPARTURE_PLACE: {
        "fr": ("lieu de départ", "aéroport de départ", "gare de départ"),
        "en": ("departure airport", "departure station"),
        "uk": ("місце відбуття", "аеропорт відбуття"),
    },
    F.HOTEL: {
        "fr": ("hôtel", "hébergement", "logement"),
        "en": ("accommodation", "lodging"),
        "uk": ("готель", "проживання", "розміщення"),
    },
    F.NOTES: {
        "fr": ("remarques", "observations", "commentaires", "commentaire", "note", "divers"),
        "en": ("remarks", "comments", "comment", "note"),
        "uk": ("примітки", "примітка", "коментар", "коментарі", "зауваження"),
    },
    F.VEHICLE_PLATES: {
        "fr": ("plaques", "immatriculation", "véhicule", "immatriculations"),
        "en": ("plates", "vehicle", "car", "number plates"),
        "uk": ("номерні знаки", "автомобіль", "транспорт", "номер автомобіля"),
    },
}

_LANG_SUFFIX: Final = re.compile(r"^(.*?)\s*[(\[]\s*(fr|uk|en)\s*[)\]]\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Recognised:
    """A recognised header: what its column becomes, and the language it is written in."""

    target: Target
    lang: str


@cache
def _table() -> dict[str, Recognised]:
    table: dict[str, Recognised] = {}
    # The export's own headers first: they must read back as what they were written for.
    for roster_field, message in FIELD_HEADERS.items():
        for lang in ("en", *(code for code in LANGUAGES if code != "en")):
            table.setdefault(key(gettext_in(lang, message)), Recognised(Target(roster_field), lang))
    for roster_field, by_lang in _HEADERS.items():
        for lang, words in by_lang.items():
            for word in words:
                if key(word):
                    table.setdefault(key(word), Recognised(Target(roster_field), lang))
    return table


def recognise(header: str) -> Recognised | None:
    """What a header names, or None when it is not one we know."""
    text = header.strip().rstrip("*:").strip()
    lang: str | None = None
    match = _LANG_SUFFIX.match(text)
    if match:
        text, lang = match.group(1), match.group(2).lower()
    found = _table().get(key(text))
    if found is None:
        bare = re.sub(r"\s*[(\[].*?[)\]]\s*", " ", text).strip()
        found = _table().get(key(bare)) if bare and bare != text else None
    if found is None:
        return None
    if lang is not None:
        if found.target.field not in LOCALIZED_FIELDS:
            return None
        return Recognised(Target(found.target.field, lang), found.lang)
    return found


def recognise_all(headers: Sequence[str]) -> list[Recognised | None]:
    """What each header names; a field named twice keeps its first column only.

    Name columns may repeat (a Latin and a Cyrillic "Nom" column): each value goes
    to the script it is written in.
    """
    seen: set[Target] = set()
    found: list[Recognised | None] = []
    repeatable = {F.FAMILY_NAME, F.GIVEN_NAME, F.FULL_NAME}
    for header in headers:
        hit = recognise(header) if header.strip() else None
        if hit is not None and hit.target in seen and hit.target.field not in repeatable:
            hit = None
        if hit is not None:
            seen.add(hit.target)
        found.append(hit)
    return found


def sheet_language(found: Sequence[Recognised | None]) -> str | None:
    """The language most recognised headers are written in, if any."""
    counts = Counter(hit.lang for hit in found if hit is not None)
    return counts.most_common(1)[0][0] if counts else None


def header_score(cells: Sequence[str]) -> int:
    """How many cells of a row are headers we know (to find the header row)."""
    return sum(1 for cell in cells if cell.strip() and recognise(cell) is not None)
