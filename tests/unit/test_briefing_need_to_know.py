"""A personal pack is need-to-know: its reader's own events, places and private details,
and nobody else's private details, in every language and profile; and it is short."""

from __future__ import annotations

import dataclasses
import functools
import re

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.model import Accreditation, Person, VisitData
from visitplanner.domain.privacy import PRIVATE_FIELDS, for_profile
from visitplanner.domain.values import LocalizedText, Profile
from visitplanner.exports.briefing import BriefingBookRenderer, BriefingOptions

#: A planted marker: "QX", the person's number, the field's letters ("QX07PH").
MARKER = re.compile(r"QX\d\d[A-Z]{2}")

#: The private fields of a person, each with the letters of its marker. A test below
#: fails when a private field is declared that this list does not plant.
PLANTED = {
    "private_phone": "PH",
    "dietary_detail": "DI",
    "accessibility_detail": "AC",
    "accreditation": "PN",  # the passport's number; name and nationality below
}

#: The letters of the markers planted in each language version of the private details
#: that have one per language (the French version keeps the field's own letters).
VERSIONS = {
    "DI": {"fr": "DI", "uk": "DU", "en": "DE"},
    "AC": {"fr": "AC", "uk": "AU", "en": "AE"},
}

#: Who the packs are built for: the minister, a veteran with medical notes, a driver,
#: an interpreter, and a host of the other side.
READERS = ("Kalmykova", "Melnyk", "Benali", "Shevchuk", "Rufo")


def _marker(number: int, letters: str) -> str:
    return f"QX{number:02d}{letters}"


def _versions(number: int, letters: str) -> LocalizedText:
    """A detail with a distinct marker in each language version."""
    return LocalizedText(**{lang: _marker(number, v) for lang, v in VERSIONS[letters].items()})


@functools.cache
def _planted() -> VisitData:
    """The demo with a distinct marker in every private field of every person."""
    data = build_demo()
    people: list[Person] = []
    for number, person in enumerate(data.people):
        people.append(
            dataclasses.replace(
                person,
                private_phone=_marker(number, "PH"),
                dietary_detail=_versions(number, "DI"),
                accessibility_detail=_versions(number, "AC"),
                accreditation=Accreditation(
                    passport_name=_marker(number, "PA"),
                    nationality=_marker(number, "NA"),
                    passport_number=_marker(number, "PN"),
                ),
            )
        )
    data.people = people
    return data


def _number(data: VisitData, family_name: str) -> int:
    return next(i for i, p in enumerate(data.people) if p.family_name == family_name)


@functools.cache
def _pack_text(family_name: str, lang: str, profile: Profile) -> tuple[str, int]:
    data = _planted()
    person = data.people[_number(data, family_name)]
    options = BriefingOptions(lang=lang, profile=profile, person_id=person.id)
    renderer = BriefingBookRenderer(for_profile(data, profile), options)
    pdf = read_pdf(renderer.render())
    return pdf.text, renderer.pages


def test_every_private_field_of_a_person_gets_a_marker() -> None:
    assert PRIVATE_FIELDS[Person] == frozenset(PLANTED)


@pytest.mark.parametrize("family_name", READERS)
@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_a_pack_holds_only_its_readers_private_details(family_name: str, lang: str) -> None:
    data = _planted()
    number = _number(data, family_name)
    # Their own details, in the pack's language only (the other versions are not theirs
    # to read there).
    details = ["PH", VERSIONS["DI"][lang], VERSIONS["AC"][lang]]
    own = {_marker(number, letters) for letters in (*details, "PA", "NA", "PN")}
    internal, _pages = _pack_text(family_name, lang, Profile.INTERNAL)
    shareable, _pages = _pack_text(family_name, lang, Profile.SHAREABLE)
    assert set(MARKER.findall(internal)) <= own, family_name
    assert MARKER.findall(shareable) == [], family_name
    # The internal pack gives its reader their own details to check, never a passport.
    for letters in details:
        assert _marker(number, letters) in internal
    for letters in ("PA", "NA", "PN"):
        assert _marker(number, letters) not in internal


def test_the_whole_internal_book_still_holds_everyones_details() -> None:
    """The cut is the pack's: the office's own book lists every person's details."""
    data = _planted()
    options = BriefingOptions(lang="fr", profile=Profile.INTERNAL, sections=("delegations",))
    text = read_pdf(BriefingBookRenderer(data, options).render()).text
    found = set(MARKER.findall(text))
    assert {_marker(n, "DI") for n in range(len(data.people))} <= found


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_a_delegation_members_pack_is_under_twelve_pages(lang: str) -> None:
    data = build_demo()
    for family_name in ("Kovalenko", "Melnyk", "Benali", "Kalmykova", "Shevchuk", "Boiko"):
        person = next(p for p in data.people if p.family_name == family_name)
        options = BriefingOptions(lang=lang, profile=Profile.INTERNAL, person_id=person.id)
        renderer = BriefingBookRenderer(for_profile(data, Profile.INTERNAL), options)
        renderer.render()
        assert renderer.pages < 12, (family_name, renderer.pages)


def test_a_pack_keeps_its_readers_events_places_and_contacts() -> None:
    data = build_demo()
    melnyk = next(p for p in data.people if p.family_name == "Melnyk")
    options = BriefingOptions(lang="fr", profile=Profile.INTERNAL, person_id=melnyk.id)
    text = read_pdf(BriefingBookRenderer(data, options).render()).text
    for event in data.events:
        if melnyk.id in event.participant_ids and not event.cancelled:
            assert event.title.fr in text, event.title.fr
    assert "Votre place" in text and "Table d’honneur" in text
    assert "Déroulé" in text  # the ceremony's running order
    assert "Officiers de liaison" in text and "+33 6 39 98 10 05" in text  # duty contacts
    # No one else's seat plan nor delegation list: the charts are everyone's.
    assert "Plans de table et placement" not in text
    assert "Autres personnalités" not in text


def test_a_pack_gives_its_reader_only_the_drivers_of_their_own_cars() -> None:
    """The minister's pack names her own driver under Drivers, not the convoy's other
    drivers; the venues' security notes are for the officers who act on them."""
    data = build_demo()
    kalmykova = next(p for p in data.people if p.family_name == "Kalmykova")
    options = BriefingOptions(lang="fr", profile=Profile.INTERNAL, person_id=kalmykova.id)
    text = read_pdf(BriefingBookRenderer(data, options).render()).text
    contacts = text[text.rindex("Conducteurs") :]
    assert "ROUX" in contacts and "PERRIN" not in contacts and "FONTAINE" not in contacts
    assert "Accès au tarmac" not in text
