"""Keep the message catalogs in step with the code: extract, update, compile, check.

    python scripts/i18n.py update    extract messages, update fr/uk/en .po files, compile .mo
    python scripts/i18n.py check     exit 1 when a message is missing or untranslated

English is the source language: its catalog repeats each message.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "visitplanner"
LOCALE = PACKAGE / "resources" / "locale"
LANGUAGES = ("fr", "uk", "en")
KEYWORDS = {"_": None, "ngettext": (1, 2), "gettext_in": (2,), "N_": None}


def extract() -> Catalog:
    """Every message the code marks for translation."""
    template = Catalog(project="VisitPlanner", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        template.add(
            message,
            None,
            [(f"visitplanner/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def po_path(lang: str) -> Path:
    """Where the catalog of `lang` lives."""
    return LOCALE / lang / "LC_MESSAGES" / "visitplanner.po"


def load(lang: str, template: Catalog) -> Catalog:
    """The catalog of `lang`, brought in step with `template`."""
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
    else:
        catalog = Catalog(locale=lang, project="VisitPlanner", fuzzy=False)
    # Babel's update shares the template's message objects: give each catalog its own.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    if lang == "en":
        for message in catalog:
            if isinstance(message.id, tuple):  # plural forms: English's own two
                if not all(message.string):
                    message.string = message.id
            elif message.id and not message.string:
                message.string = message.id
    return catalog


def write(lang: str, catalog: Catalog) -> None:
    """Write the .po and the compiled .mo of `lang`."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def problems(template: Catalog) -> list[str]:
    """What is missing: untranslated or fuzzy messages, stale compiled catalogs."""
    found = []
    for lang in LANGUAGES:
        path = po_path(lang)
        if not path.exists():
            found.append(f"{lang}: no catalog")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in template:
            if not message.id:
                continue
            have = catalog.get(message.id, message.context)
            if (
                have is None
                or not have.string
                or (isinstance(have.string, tuple) and not all(have.string))
            ):
                found.append(f"{lang}: untranslated: {message.id!r}")
            elif have.fuzzy:
                found.append(f"{lang}: fuzzy: {message.id!r}")
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled.getvalue():
            found.append(f"{lang}: {mo.name} is not compiled from {path.name}")
    return found


def main(argv: list[str]) -> int:
    """Run the command named in `argv`."""
    command = argv[1] if len(argv) > 1 else "check"
    template = extract()
    if command == "update":
        for lang in LANGUAGES:
            write(lang, load(lang, template))
        for problem in problems(template):
            print(problem)
        return 0
    if command == "check":
        found = problems(template)
        for problem in found:
            print(problem)
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
