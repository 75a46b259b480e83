"""A principal's pack without filler: under twelve pages, her role said only where it is
not her usual one, no "Press: closed" under a transfer, the biographies of the people
she meets and not her own."""

from __future__ import annotations

import functools

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing import BriefingBookRenderer, BriefingOptions


@functools.cache
def _pack(key: str, lang: str) -> tuple[str, int]:
    data = for_profile(build_demo(), Profile.INTERNAL)
    options = BriefingOptions(lang=lang, profile=Profile.INTERNAL, person_id=person_id(key))
    renderer = BriefingBookRenderer(data, options)
    text = read_pdf(renderer.render()).text
    return " ".join(text.split()), renderer.pages


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_the_ministers_pack_is_under_twelve_pages(lang: str) -> None:
    _text, pages = _pack("kalmykova", lang)
    assert pages < 12


def test_the_ministers_pack_keeps_what_she_needs_and_drops_the_filler() -> None:
    text, _pages = _pack("kalmykova", "en")
    assert "Your role" not in text  # head of delegation at every event: said once, on the cover
    assert "Your car: Minister’s car (GJ-508-LM), rear right" in text
    assert "Your place: Table of honour, seat 4" in text
    # Biographies: Alice Rufo's (whom she meets), not her own nor her deputy's.
    biographies = text[text.index("Biographies") :]
    assert "RUFO" in biographies
    assert "KALMYKOVA" not in biographies.split("Biographies", 1)[1][:40]
    assert "SHYMANSKYI" not in biographies.split("Contacts")[0]
    # A transfer says nothing of the press when it is closed; a press interview does.
    assert "Press: open" in text or "Press: pool" in text


def test_a_pack_says_the_role_where_it_is_not_the_readers_usual_one() -> None:
    text, _pages = _pack("marchenko", "en")  # the security officer, in charge of two events
    assert text.count("Your role: officer in charge") == 2
    assert "Your role: security" not in text
