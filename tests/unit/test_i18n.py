"""Every message is translated in French, Ukrainian and English, and dates speak each language."""

from __future__ import annotations

import re
import runpy
from datetime import date
from pathlib import Path

import pytest

from visitplanner.i18n import (
    UI_LANGUAGES,
    detect_language,
    format_date,
    gettext_in,
    translations,
)

ROOT = Path(__file__).resolve().parents[2]
_FIELD = re.compile(r"\{(\w*)\}")


def test_every_message_in_the_code_is_translated_and_compiled() -> None:
    i18n_script = runpy.run_path(str(ROOT / "scripts" / "i18n.py"))
    problems = i18n_script["problems"](i18n_script["extract"]())
    assert problems == []


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    catalog = translations(lang)
    messages = getattr(catalog, "_catalog", {})
    assert messages, f"no compiled catalog for {lang}"
    for message, text in messages.items():
        if isinstance(message, str) and message:
            assert sorted(_FIELD.findall(text)) == sorted(_FIELD.findall(message)), message


def test_a_message_in_each_language() -> None:
    assert gettext_in("fr", "{path}: no such file") == "{path} : aucun fichier de ce nom"
    assert gettext_in("uk", "{path}: no such file") == "{path}: такого файлу немає"
    assert gettext_in("en", "{path}: no such file") == "{path}: no such file"


def test_dates_in_each_language() -> None:
    day = date(2026, 5, 6)
    assert format_date(day, lang="fr") == "mercredi 6 mai 2026"
    assert format_date(day, lang="uk").startswith("середа, 6 травня 2026")
    assert format_date(day, lang="en") == "Wednesday, 6 May 2026"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "uk_UA.UTF-8"}, "uk"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "uk:fr", "LANG": "en_GB.UTF-8"}, "uk"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_every_plural_message_has_each_form_the_language_needs(lang: str) -> None:
    from babel.messages.pofile import read_po

    i18n_script = runpy.run_path(str(ROOT / "scripts" / "i18n.py"))
    with i18n_script["po_path"](lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert catalog.num_plurals == 3  # French: one, millions, other; Ukrainian: one, few, many
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert len(plurals) >= 10
    for message in plurals:
        assert len(message.string) == 3 and all(message.string), message.id
        wanted = set(_FIELD.findall(message.id[1]))
        for form in message.string:
            assert set(_FIELD.findall(form)) == wanted, (message.id, form)


def test_counts_agree_with_their_number_in_each_language() -> None:
    from visitplanner.i18n import ngettext, set_language

    def venues(lang: str, count: int) -> str:
        set_language(lang)
        try:
            return ngettext("{count} new venue", "{count} new venues", count).format(count=count)
        finally:
            set_language("en")

    assert [venues("en", n) for n in (1, 2)] == ["1 new venue", "2 new venues"]
    assert [venues("fr", n) for n in (0, 1, 2)] == [
        "0 nouveau lieu",
        "1 nouveau lieu",
        "2 nouveaux lieux",
    ]
    assert [venues("uk", n) for n in (1, 3, 5, 21, 22, 11)] == [
        "1 нове місце",
        "3 нові місця",
        "5 нових місць",
        "21 нове місце",
        "22 нові місця",
        "11 нових місць",
    ]
