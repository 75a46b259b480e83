"""Every place a person holds prints whole in their pack: the seat at a meal, the wreath
party and the rows at a ceremony, each with its area, as the plan in the file says."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.places import places_of
from visitplanner.domain.values import EventStatus
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.i18n import gettext_in

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from summit import SummitSize, arrange, generate_summit

LANGS = ("fr", "uk", "en")


def _summit() -> VisitData:
    data = generate_summit(SummitSize(delegations=3, people_per_delegation=10, events=40, venues=6))
    arrange(data, ceremony_every=1)
    return data


def expected_places(data: VisitData, person: Person, lang: str) -> Counter[str]:
    """What the plan in the file says: every place the person holds, at every live event."""
    return Counter(
        place.text(lang)
        for event in data.events
        if event.status is not EventStatus.CANCELLED
        for place in places_of(event, person.id)
    )


def printed_places(text: str, lang: str, wanted: Counter[str]) -> Counter[str]:
    """How often each wanted place follows "Your place:" in the pack's text (lines
    joined), and under "?" the "Your place:" lines that hold none of them."""
    label = re.escape(gettext_in(lang, "Your place")) + r"\s*:\s*"
    found: Counter[str] = Counter()
    for place in wanted:
        # "row 1, place 1" is neither "row 1, place 10" nor "place 1 (wheelchair place)".
        found[place] = len(re.findall(label + re.escape(place) + r"(?!\d| \()", text))
    found["?"] = len(re.findall(label, text)) - sum(found.values())
    return +found


def _check_everyone(data: VisitData, lang: str) -> None:
    placed = 0
    for person in data.people:
        wanted = expected_places(data, person, lang)
        options = BriefingOptions(lang=lang, person_id=person.id, sections=("programme",))
        got = printed_places(read_pdf(render_briefing(data, options)).text, lang, wanted)
        assert got == wanted, f"{person.latin_name()} ({lang})"
        placed += bool(wanted)
    assert placed >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_every_person_of_the_demo_reads_the_places_the_plan_gives(lang: str) -> None:
    _check_everyone(build_demo(), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_person_of_a_summit_reads_the_places_the_plan_gives(lang: str) -> None:
    data = _summit()
    assert any(e.placement for e in data.events)
    assert any(e.seating for e in data.events)
    _check_everyone(data, lang)


@pytest.mark.parametrize(
    ("lang", "wreath", "row"),
    [
        ("fr", "Dépôt de gerbe — gerbe 2, place 1", "Rangs — rang 1, place 5"),
        ("uk", "Група покладання вінків — вінок 2, місце 1", "Ряди — ряд 1, місце 5"),
        ("en", "Wreath party — wreath 2, place 1", "Rows — row 1, place 5"),
    ],
)
def test_the_minister_reads_both_her_ceremony_places_and_not_the_interpreters(
    lang: str, wreath: str, row: str
) -> None:
    data = build_demo()
    minister = next(p for p in data.people if p.family_name == "Kalmykova")
    pdf = read_pdf(render_briefing(data, BriefingOptions(lang=lang, person_id=minister.id)))
    wanted = expected_places(data, minister, lang)
    assert wanted[wreath] == wanted[row] == 1
    # In the programme, once each, and nothing else (the interpreter's row 2, place 1).
    assert printed_places(pdf.text, lang, wanted) == wanted
    # The ceremony's sheet prints them too, under "Your place" (a pack's table of the
    # people its reader meets there gives nobody's place: the reader's are their own).
    assert pdf.text.count(row) == 2
    assert pdf.text.count(wreath) == 2
