"""What the officer prints with forms of address, flags and gifts: the place cards, the
book's people pages, and the ceremony sheet (flags in order, introductions, the gifts
in the running order), read back from the PDFs."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.address import AddressForms
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventKind, LocalizedText
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.protocol_pdf import ceremony_pdf, seating_pdf


@pytest.fixture
def demo() -> VisitData:
    return build_demo()


def _ceremony(data: VisitData) -> Event:
    return next(e for e in data.events if e.kind is EventKind.CEREMONY)


def _card_page(pages: list[str], name: str) -> str:
    return next(page for page in pages if name in page)


@pytest.mark.parametrize(
    ("lang", "form"),
    [("fr", "Madame la Ministre"), ("uk", "Пані Міністерко"), ("en", "Minister")],
)
def test_the_minister_s_card_prints_her_form_of_address(
    demo: VisitData, lang: str, form: str
) -> None:
    pdf = read_pdf(seating_pdf(demo, find_event(demo, "Dîner de travail"), lang))
    card = _card_page(pdf.pages, "Natalia KALMYKOVA")
    assert form in card
    # A veteran's card keeps the civility alone.
    veteran = _card_page(pdf.pages, "Andrii KOVALENKO")
    assert {"fr": "Monsieur", "uk": "Пан", "en": "Mr"}[lang] in veteran.split("\n")


def test_a_form_of_address_the_officer_wrote_is_the_one_printed(demo: VisitData) -> None:
    minister = demo.person(person_id("kalmykova"))
    minister.address_forms = AddressForms(card=LocalizedText(en="Her Excellency the Minister"))
    pdf = read_pdf(seating_pdf(demo, find_event(demo, "Dîner de travail"), "en"))
    assert "Her Excellency the Minister" in _card_page(pdf.pages, "Natalia KALMYKOVA")


def test_the_ceremony_sheet_lists_the_flags_in_their_order(demo: VisitData) -> None:
    ceremony = _ceremony(demo)
    text = "\n".join(read_pdf(ceremony_pdf(demo, ceremony, "fr")).pages)
    assert "1. France, 2. Ukraine, 3. Union européenne" in text
    # Three flags: the first in the centre, the second on the audience's left.
    assert "Ukraine — France — Union européenne" in text
    ceremony.flags = ("UA", "FR")
    text = "\n".join(read_pdf(ceremony_pdf(demo, ceremony, "uk")).pages)
    assert "1. Україна, 2. Франція" in text
    # Two flags: the first on the audience's right.
    assert "Франція — Україна" in text


def test_the_ceremony_sheet_introduces_each_personality(demo: VisitData) -> None:
    text = "\n".join(read_pdf(ceremony_pdf(demo, _ceremony(demo), "fr")).pages)
    assert "Madame Natalia Kalmykova, ministre des Anciens combattants d’Ukraine" in text
    assert "Le général d’armée Bertrand Lacombe, gouverneur militaire de Paris" in text
    assert "Mon Général" in text


def test_a_gift_shows_in_the_running_order_at_its_time(demo: VisitData) -> None:
    ceremony = _ceremony(demo)
    written = list(ceremony.running_order)
    gift = next(g for g in demo.gifts if g.event_id == ceremony.id)
    silence = next(line for line in written if "silence" in line.action.fr.lower())
    gift.at = silence.at + timedelta(minutes=1)
    lines = [
        line
        for page in read_pdf(ceremony_pdf(demo, ceremony, "fr")).pages
        for line in page.split("\n")
    ]
    handed = next(i for i, line in enumerate(lines) if "Remise du cadeau" in line)
    assert "Médaille commémorative" in " ".join(lines[handed : handed + 2])
    before = next(i for i, line in enumerate(lines) if "Minute de silence" in line)
    assert before < handed
    # The running order the officer wrote is as it was.
    assert ceremony.running_order == written


def test_a_gift_without_a_time_comes_after_the_last_line(demo: VisitData) -> None:
    ceremony = _ceremony(demo)
    for gift in demo.gifts:
        gift.at = None
    text = "\n".join(read_pdf(ceremony_pdf(demo, ceremony, "en")).pages)
    last = ceremony.running_order[-1].action.en
    assert text.index("Gift handed over") > text.index(last)


def test_the_book_s_people_pages_say_how_to_address_each_person(demo: VisitData) -> None:
    options = BriefingOptions(lang="fr", sections=("delegations", "biographies"))
    text = "\n".join(read_pdf(render_briefing(demo, options)).pages)
    assert "Madame la Ministre" in text
    assert "Monsieur le Vice-Ministre" in text
    options = dataclasses.replace(options, lang="uk")
    text = "\n".join(read_pdf(render_briefing(demo, options)).pages)
    assert "Пані Міністерко" in text
    assert "Пане Андрію" in text
