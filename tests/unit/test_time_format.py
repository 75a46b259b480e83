"""One form of a time of day per language, everywhere: "17:30" in French, Ukrainian and
English, in tables and text alike (never "17 h 30", "5:30 PM" or seconds)."""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.values import EventKind, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.protocol_pdf import ceremony_pdf, seating_pdf
from visitplanner.i18n import format_datetime, format_time, format_time_in_zone

LANGS = ("fr", "uk", "en")

#: A time of day written otherwise than "17:30": "17 h 30", "17h30", "5:30 PM", seconds.
OTHER_FORMS = re.compile(
    r"\b\d{1,2}\s?h\s?\d{2}\b|\b\d{1,2}:\d{2}\s?(?:AM|PM|am|pm)\b|\b\d{1,2}:\d{2}:\d{2}\b"
)
HH_MM = re.compile(r"\b\d{2}:\d{2}\b")


@pytest.mark.parametrize("lang", LANGS)
def test_a_time_is_hours_and_minutes_on_24_hours(lang: str) -> None:
    paris = ZoneInfo("Europe/Paris")
    assert format_time(time(17, 30), lang) == "17:30"
    assert format_time(datetime(2026, 5, 8, 9, 5, 59, tzinfo=paris), lang) == "09:05"
    warsaw = datetime(2026, 5, 6, 9, 35, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert format_time_in_zone(warsaw, "Europe/Paris", lang).startswith("09:35 (")
    stamp = format_datetime(datetime(2026, 5, 3, 11, 30, 12, tzinfo=paris), "long", lang)
    assert stamp.endswith("11:30") and "11:30:12" not in stamp


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_book_writes_every_time_the_same_way(lang: str) -> None:
    data = build_demo()
    text = read_pdf(
        render_briefing(data, BriefingOptions(lang=lang, profile=Profile.INTERNAL))
    ).text
    assert OTHER_FORMS.findall(text) == []
    assert len(HH_MM.findall(text)) > 100  # the programme, sheets, running orders, notes


@pytest.mark.parametrize("lang", LANGS)
def test_the_ceremony_sheet_and_the_seating_plan_write_times_the_same_way(lang: str) -> None:
    data = build_demo()
    ceremony = next(e for e in data.events if e.kind is EventKind.CEREMONY and e.running_order)
    dinner = next(e for e in data.events if e.seating is not None)
    for pdf in (ceremony_pdf(data, ceremony, lang), seating_pdf(data, dinner, lang)):
        text = read_pdf(pdf).text
        assert OTHER_FORMS.findall(text) == []
        assert HH_MM.search(text)
