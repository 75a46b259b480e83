"""Messages in French, Ukrainian and English (gettext), dates and numbers (Babel).

A leaf module used by every layer: it imports nothing from the application.
The command line, every export and the window share these catalogs.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from datetime import date, datetime, time
from functools import cache
from importlib import resources
from typing import Final, Literal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

#: Interface languages, in the order menus list them.
UI_LANGUAGES: Final = ("fr", "uk", "en")
DEFAULT_LANGUAGE: Final = "en"
DOMAIN: Final = "visitplanner"

#: The Babel locale used for each interface language.
_BABEL_LOCALES: Final = {"fr": "fr_FR", "uk": "uk_UA", "en": "en_GB"}

_current = DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for `lang` (English is the source language)."""
    if lang not in UI_LANGUAGES:
        raise ValueError(f"unknown interface language {lang!r}")
    locale_dir = resources.files("visitplanner") / "resources" / "locale"
    mo = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        return _gettext.NullTranslations()
    with mo.open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def normalise_language(code: str | None) -> str | None:
    """The interface language a locale name stands for ("uk_UA.UTF-8" -> "uk"), or None."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if base == "ua":  # a common mistake for Ukrainian
        base = "uk"
    return base if base in UI_LANGUAGES else None


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The interface language from the environment, as gettext reads it."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(var, "").split(":"):
            found = normalise_language(part)
            if found:
                return found
            if part and var != "LANGUAGE":
                # LC_ALL=C or an unsupported locale: that setting decides.
                return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Make `lang` the language of every message from now on."""
    global _current
    translations(lang)  # validate early
    _current = lang


def current_language() -> str:
    """The language messages are given in now."""
    return _current


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(_current).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it yet (translated when shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the current language."""
    return translations(_current).ngettext(singular, plural, count)


def gettext_in(lang: str, message: str) -> str:
    """`message` in `lang`, whatever the current language (for exports in another language)."""
    return translations(lang).gettext(message)


def babel_locale(lang: str | None = None) -> Locale:
    """The Babel locale for an interface language (the current one by default)."""
    return Locale.parse(_BABEL_LOCALES[lang or _current])


def format_decimal(value: float, places: int = 6, lang: str | None = None) -> str:
    """A number as the language writes it, up to `places` decimals and no grouping
    ("48,8597" in French and Ukrainian, "48.8597" in English)."""
    pattern = "0." + "#" * places if places else "0"
    return str(babel_numbers.format_decimal(value, format=pattern, locale=babel_locale(lang)))


def format_date(value: date, fmt: str = "full", lang: str | None = None) -> str:
    """A date as the language writes it ("mercredi 6 mai 2026", "середа, 6 травня 2026 р.")."""
    return str(babel_dates.format_date(value, format=fmt, locale=babel_locale(lang)))


#: How each language writes a time of day, wherever the program prints or shows one
#: (the book's tables and text, packs, charts, notices, calendars, the window): hours
#: and minutes on 24 hours, "17:30". French could write "17 h 30" (the Imprimerie
#: nationale's rule for running text), but the ministry's programmes and every table
#: print "17:30", a time that also never breaks across two lines; one form in every
#: language, so that a French and a Ukrainian reader point at the same line.
TIME_PATTERNS: Final = {"fr": "HH:mm", "uk": "HH:mm", "en": "HH:mm"}


def format_time(value: time | datetime, lang: str | None = None) -> str:
    """A time of day as the language writes it ("17:30"), in the value's own zone: the
    one form of a time that every output and the window use."""
    if isinstance(value, datetime):
        value = value.timetz() if value.tzinfo else value.time()
        value = value.replace(tzinfo=None)
    code = lang or _current
    pattern = TIME_PATTERNS.get(code, TIME_PATTERNS[DEFAULT_LANGUAGE])
    return str(babel_dates.format_time(value, format=pattern, locale=babel_locale(code)))


def format_datetime(
    value: datetime,
    fmt: Literal["full", "long", "medium", "short"] = "medium",
    lang: str | None = None,
) -> str:
    """A date (as `fmt` writes it: "short", "medium", "long") and a time of day
    (`format_time`: no seconds) in the value's own zone, joined as the language joins
    them ("6 mai 2026, 17:30")."""
    locale = babel_locale(lang)
    joined = str(babel_dates.get_datetime_format(fmt, locale=locale))
    day = str(babel_dates.format_date(value.date(), format=fmt, locale=locale))
    # The pattern quotes its literal words ("{1} 'à' {0}"): the quotes are not printed.
    return joined.replace("{1}", day).replace("{0}", format_time(value, lang)).replace("'", "")


def zone_city(tz_name: str, lang: str | None = None) -> str:
    """The city that names a zone, in the language ("Varsovie", "Варшава", "Warsaw")."""
    return str(
        babel_dates.get_timezone_location(
            babel_dates.get_timezone(tz_name), locale=babel_locale(lang), return_city=True
        )
    )


def format_time_in_zone(value: datetime, home_zone: str, lang: str | None = None) -> str:
    """A time of day in its own zone, naming the zone when it is not `home_zone`.

    "09:35 (Varsovie)" for a flight leaving Warsaw in a visit planned in Paris time.
    """
    text = format_time(value, lang=lang)
    key = getattr(value.tzinfo, "key", home_zone)
    return text if key == home_zone else f"{text} ({zone_city(key, lang)})"


def format_date_range(start: date, end: date, lang: str | None = None, full: bool = False) -> str:
    """A span of days ("6–9 mai 2026"); `full`: the months in full, as a cover prints
    them ("6–9 травня 2026 р.", "6 May – 2 June 2026")."""
    locale = babel_locale(lang)
    text = str(babel_dates.format_interval(start, end, skeleton="yMMMd", locale=locale))
    if not full:
        return text
    # CLDR has no interval of full month names for every language (Ukrainian falls back
    # to "трав."): each abbreviated month of the span is put back in full.
    short = babel_dates.get_month_names("abbreviated", "format", locale)
    wide = babel_dates.get_month_names("wide", "format", locale)
    for month in dict.fromkeys((start.month, end.month)):
        text = re.sub(rf"(?<!\w){re.escape(short[month])}(?!\w)", wide[month], text, count=2)
    return text
