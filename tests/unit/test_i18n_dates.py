"""Dates as each language writes them in print."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("lang", "same_month", "two_months"),
    [
        ("uk", "6–9 травня 2026 р.", "30 травня — 2 червня 2026 р."),
        ("fr", "6–9 mai 2026", "30 mai – 2 juin 2026"),
        ("en", "6 – 9 May 2026", "30 May – 2 June 2026"),
    ],
)
def test_a_cover_gives_the_visits_months_in_full(
    lang: str, same_month: str, two_months: str
) -> None:
    """The book's cover writes the visit's days with the months in full in every
    language ("травня", never "трав.", which CLDR falls back to in Ukrainian)."""
    from visitplanner.i18n import format_date_range

    def spaced(start: date, end: date, lang: str, full: bool) -> str:
        text = format_date_range(start, end, lang, full=full)
        return text.replace("\u202f", " ").replace("\u2009", " ").replace("\u00a0", " ")

    assert spaced(date(2026, 5, 6), date(2026, 5, 9), lang, True) == same_month
    assert spaced(date(2026, 5, 30), date(2026, 6, 2), lang, True) == two_months
    assert "трав." in spaced(date(2026, 5, 6), date(2026, 5, 9), "uk", False)  # lists
