"""Handling markings in each language: the known ones translated, the office's own as written."""

from __future__ import annotations

import pytest

from visitplanner.domain.markings import marking_in


@pytest.mark.parametrize(
    ("written", "lang", "shown"),
    [
        ("Diffusion restreinte", "uk", "Для службового користування"),
        ("DIFFUSION  RESTREINTE", "en", "Restricted"),
        ("diffusion restreinte", "fr", "Diffusion restreinte"),
        ("Для службового користування", "fr", "Diffusion restreinte"),
        ("Confidentiel — usage interne", "en", "Confidential — internal use"),
        ("Non protege", "uk", "Відкрита інформація"),  # accents aside
        ("Réservé au cabinet\nde la ministre", "uk", "Réservé au cabinet de la ministre"),
        ("", "uk", ""),
    ],
)
def test_a_marking_in_each_language(written: str, lang: str, shown: str) -> None:
    assert marking_in(written, lang) == shown
