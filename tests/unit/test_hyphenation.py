"""Printed text breaks words at their syllables, in each language, and never inside a
phone number or a span of times."""

from __future__ import annotations

import io
import re

import pyphen
import pytest
from pypdf import PdfReader

from visitplanner.demo import build_demo
from visitplanner.exports.briefing import render_briefing
from visitplanner.exports.briefing.hyphenation import SOFT, hyphenate_text
from visitplanner.exports.briefing.options import BriefingOptions

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "word", "hyphenated"),
    [
        ("fr", "combattant", f"com{SOFT}bat{SOFT}tant"),
        ("fr", "Immatriculation", f"Im{SOFT}ma{SOFT}tri{SOFT}cu{SOFT}la{SOFT}tion"),
        ("en", "accessibility", f"ac{SOFT}cess{SOFT}ib{SOFT}il{SOFT}ity"),
    ],
)
def test_long_words_get_soft_hyphens_where_the_language_allows(
    lang: str, word: str, hyphenated: str
) -> None:
    assert hyphenate_text(word, lang) == hyphenated


def test_ukrainian_words_are_hyphenated_with_the_ukrainian_dictionary() -> None:
    text = hyphenate_text("українська делегація", "uk_UA")
    assert SOFT in text and text.replace(SOFT, "") == "українська делегація"


def test_short_words_names_in_capitals_and_runs_of_letters_stay_whole() -> None:
    assert hyphenate_text("ancien KALMYKOVA", "fr") == "ancien KALMYKOVA"
    run = "Boulevard" + "x" * 150  # no word: reportlab cuts it where the line ends
    assert hyphenate_text(run, "fr") == run


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("tél. +33 6 39 98 40 01", f"tél. +33 6{NBSP}39{NBSP}98{NBSP}40{NBSP}01"),
        ("01 44 42 30 11", f"01{NBSP}44{NBSP}42{NBSP}30{NBSP}11"),
        ("17:50 – 19:10", f"17:50{NBSP}–{NBSP}19:10"),
        (
            "+33 6 39 98 40 01 17:50 – 19:10",
            f"+33 6{NBSP}39{NBSP}98{NBSP}40{NBSP}01 17:50{NBSP}–{NBSP}19:10",
        ),
    ],
)
def test_phone_numbers_and_time_spans_hold_together(text: str, held: str) -> None:
    assert hyphenate_text(text, "fr") == held


def test_the_books_line_breaks_inside_words_fall_on_syllables() -> None:
    """In the French book of the demo, every word broken at a line's end is broken where
    the French dictionary allows it, and marked with a hyphen."""
    pdf = render_briefing(build_demo(), BriefingOptions(lang="fr"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    breaks = re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", text)
    french = pyphen.Pyphen(lang="fr")
    hyphenated = [(a, b) for a, b in breaks if b[:1].islower()]
    assert hyphenated, "no word broken at a line's end in the whole book"
    for before, after in hyphenated:
        word = before + after
        assert len(before) in french.positions(word), (before, after)


def test_the_space_after_a_label_survives_before_a_bold_value() -> None:
    """reportlab lost the space after a word holding a soft hyphen when a bold piece
    followed: "Ваш автомобіль:Minibus"."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from visitplanner.exports.briefing.hyphenation import hyphenate
    from visitplanner.exports.briefing.styles import BookStyles

    style = BookStyles().hyphenated("uk").body
    paragraph = Paragraph('<font color="#777777">Ваш автомобіль: </font><b>Minibus</b>', style)
    output = io.BytesIO()
    SimpleDocTemplate(output).build(list(hyphenate([paragraph])))
    text = PdfReader(io.BytesIO(output.getvalue())).pages[0].extract_text()
    assert "Ваш автомобіль: Minibus" in text
