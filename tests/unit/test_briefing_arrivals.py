"""The book's "Arrivals and departures": each leg leaves from a place at a time and lands
at a place at a time, each time in its own zone (the demo's flight LO 333: Warsaw 09:35,
Charles de Gaulle 12:00)."""

from __future__ import annotations

import re

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.model import TravelLeg, VisitData
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.i18n import gettext_in

EXPECTED = {
    "fr": ("Départ", "Aéroport Chopin de Varsovie", "mercredi 6 mai, 09:35 (Varsovie)",
           "Arrivée", "Aéroport Paris-Charles de Gaulle", "mercredi 6 mai, 12:00 (Paris)"),
    "uk": ("Відбуття", "Варшавський аеропорт імені Шопена", "середа 6 травня, 09:35 (Варшава)",
           "Прибуття", "Аеропорт Париж – Шарль де Голль", "середа 6 травня, 12:00 (Париж)"),
    "en": ("Departure", "Warsaw Chopin Airport", "Wednesday 6 May, 09:35 (Warsaw)",
           "Arrival", "Paris-Charles de Gaulle Airport", "Wednesday 6 May, 12:00 (Paris)"),
}  # fmt: skip


def _arrivals(lang: str, data: VisitData | None = None) -> str:
    """The text of the book's "Arrivals and departures" table, lines joined."""
    options = BriefingOptions(lang=lang, sections=("movements",))
    book = read_pdf(render_briefing(data or build_demo(), options))
    title = gettext_in(lang, "Arrivals and departures")
    text = book.text
    assert title in text
    return text[text.index(title) :]


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_flight_lo_333_leaves_warsaw_at_0935_and_lands_at_cdg_at_1200(lang: str) -> None:
    leaves, origin, take_off, lands, destination, landing = EXPECTED[lang]
    text = _arrivals(lang)
    flight = text[text.index("LO 333") :]
    # Each end is its own line: label, place, day and time in the end's own zone.
    leg = re.search(
        rf"{leaves}\s*:\s*{re.escape(origin)}[^:]*?{re.escape(take_off)}\s*"
        rf"{lands}\s*:\s*{re.escape(destination)}[^:]*?{re.escape(landing)}",
        flight,
    )
    assert leg is not None, flight[:400]


def test_a_leg_without_its_flight_in_the_programme_splits_its_route() -> None:
    data = build_demo()
    traveller = next(p for p in data.people if p.arrival.number == "LO 335")
    assert isinstance(traveller.arrival, TravelLeg)
    text = _arrivals("en", data)
    flight = text[text.index("LO 335") :]
    assert re.match(
        r"LO 335 Departure: Varsovie-Chopin \(WAW\) "
        r"Arrival: Paris-Charles de Gaulle \(CDG\), terminal 1, Tuesday 5 May, 17:35",
        flight,
    ), flight[:300]
