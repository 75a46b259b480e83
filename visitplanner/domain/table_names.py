"""The names the program gives a seating plan's tables, printed in each language.

A table's name is one text, as the officer types it on the Seating page, and is printed
as typed. The names the program itself gives ("Table 2" from the command line, "Стіл 2"
when it spoke Ukrainian, the table of honour) are words of the program, not the
officer's: each document prints them in its own language, so the English book reads
"Table of honour, seat 3" where the French one reads "Table d’honneur, place 3".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from visitplanner.domain.values import LANGUAGES
from visitplanner.i18n import N_, gettext_in

#: A numbered table, as the command line names the tables it makes ({n}: its number).
NUMBERED: Final = N_("Table {n}")
#: The table of honour (the demo's dinner has one).
HONOUR: Final = N_("Table of honour")


def printed_table_name(name: str, lang: str) -> str:
    """`name` as a document in `lang` prints it: a name the program gives, in any of the
    three languages, in `lang`; any other name as typed."""
    key = _folded(name)
    if key in _honour_names():
        return gettext_in(lang, HONOUR)
    for pattern in _numbered_patterns():
        found = pattern.fullmatch(key)
        if found:
            return gettext_in(lang, NUMBERED).format(n=found.group(1))
    return name


def _folded(name: str) -> str:
    """A name compared without case, outer spaces or the kind of apostrophe."""
    return " ".join(name.replace("\u2019", "'").split()).casefold()


@cache
def _honour_names() -> frozenset[str]:
    return frozenset(_folded(gettext_in(lang, HONOUR)) for lang in LANGUAGES)


@cache
def _numbered_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = []
    for lang in LANGUAGES:
        before, _n, after = _folded(gettext_in(lang, NUMBERED)).partition("{n}")
        patterns.append(re.compile(re.escape(before) + r"(\d+)" + re.escape(after)))
    return tuple(patterns)
