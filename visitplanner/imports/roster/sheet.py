"""A spreadsheet as read: its header, its rows with the sheet's own row numbers.

Cells are text, cleaned the same way whatever the file: the apostrophe that an
export put before a formula character is taken off again, control characters
that no cell should hold are dropped, and spaces around the text are trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

#: Where long work reports how far it is: step(done, total, what); it may raise to cancel.
Step = Callable[[int, int, str], None]


def no_progress(done: int, total: int, what: str) -> None:
    """A Step for work nobody watches."""


#: What an export puts before a cell starting with one of these (see exports/roster.py).
FORMULA_STARTS: Final = frozenset("=+-@\t\r")

# C0 controls except tab, line feed and carriage return: no cell means them, and
# XLSX cannot hold them.
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unneutralise(text: str) -> str:
    """Take off the apostrophe an export put before a formula character."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def clean_cell(text: str) -> str:
    """A cell's text as the import reads it."""
    return _CONTROLS.sub("", unneutralise(text)).strip()


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row under the header: its number in the sheet and its cells (one per column).

    `extra` counts the non-empty cells beyond the header's last column: data that
    belongs to no column, which makes the row wrong.
    """

    number: int
    cells: tuple[str, ...]
    extra: int = 0

    def is_blank(self) -> bool:
        """Whether every cell is empty."""
        return not self.extra and not any(self.cells)


@dataclass(frozen=True)
class Sheet:
    """A roster sheet: where it came from, how it was read, its header and its rows."""

    name: str
    kind: str  # "csv" or "xlsx"
    headers: tuple[str, ...]
    header_row: int
    rows: tuple[SheetRow, ...]
    encoding: str = ""
    delimiter: str = ""
    worksheet: str = ""
    preamble: tuple[str, ...] = field(default=())

    def first_rows(self, count: int = 5) -> list[SheetRow]:
        """The first `count` rows that are not blank (for the mapping step)."""
        found: list[SheetRow] = []
        for row in self.rows:
            if not row.is_blank():
                found.append(row)
                if len(found) == count:
                    break
        return found
