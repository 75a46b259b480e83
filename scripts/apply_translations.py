"""Fill the fr and uk catalogs from a table of translations (a Python file defining T).

    python scripts/apply_translations.py TABLE.py

T maps each English message to its (French, Ukrainian) translations. Messages
already translated are overwritten; placeholders must match the English ones.

A message with plural forms (`ngettext`) has as its key the pair (singular, plural)
and, for each language, a tuple of forms in the catalog's order: French's one and
other (its form for exact millions is taken to be the other), Ukrainian's one, few
and many ("1 людина", "2 людини", "5 людей").
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
import i18n

_FIELD = re.compile(r"\{(\w*)\}")


def main(table_path: str) -> int:
    """Apply the table; exit 1 on a placeholder mismatch."""
    table: dict[str, tuple[str, str]] = runpy.run_path(table_path)["T"]
    bad = 0
    for index, lang in enumerate(("fr", "uk")):
        path = i18n.po_path(lang)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if message.id not in table:
                continue
            text = table[message.id][index]
            if isinstance(message.id, tuple):
                forms = _forms(text, catalog.num_plurals, lang)
                if forms is None:
                    print(f"{lang}: {catalog.num_plurals} plural forms wanted: {message.id!r}")
                    bad += 1
                    continue
                wanted = sorted(set(_FIELD.findall(message.id[1])))
                if any(sorted(set(_FIELD.findall(form))) != wanted for form in forms):
                    print(f"{lang}: placeholders differ: {message.id!r} -> {forms!r}")
                    bad += 1
                    continue
                message.string = forms
                continue
            if sorted(_FIELD.findall(text)) != sorted(_FIELD.findall(str(message.id))):
                print(f"{lang}: placeholders differ: {message.id!r} -> {text!r}")
                bad += 1
                continue
            message.string = text
        i18n.write(lang, catalog)
    return 1 if bad else 0


def _forms(text: str | tuple[str, ...], wanted: int, lang: str) -> tuple[str, ...] | None:
    """The plural forms of a translation, as many as the catalog has (None if they do not
    fit): French's two forms stand for its three (exact millions take the plural)."""
    forms = (text,) if isinstance(text, str) else tuple(text)
    if lang == "fr" and wanted == 3 and len(forms) == 2:
        forms = (forms[0], forms[1], forms[1])
    return forms if len(forms) == wanted else None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
