"""Fill the fr and uk catalogs from a table of translations (a Python file defining T).

    python scripts/apply_translations.py TABLE.py

T maps each English message to its (French, Ukrainian) translations. Messages
already translated are overwritten; placeholders must match the English ones.
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
            if message.id in table:
                text = table[message.id][index]
                if sorted(_FIELD.findall(text)) != sorted(_FIELD.findall(str(message.id))):
                    print(f"{lang}: placeholders differ: {message.id!r} -> {text!r}")
                    bad += 1
                    continue
                message.string = text
        i18n.write(lang, catalog)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
