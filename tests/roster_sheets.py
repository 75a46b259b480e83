"""Roster sheets made in tests, as an embassy's Excel would write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]

#: A French officer's sheet: French headers, accents, an apostrophe, a multi-line cell.
FRENCH: list[list[str]] = [
    ["Nom", "Prénom", "Fonction", "Rôle", "Date de naissance", "Délégation"],
    ["Kalmykova", "Natalia", "Ministre", "Chef de délégation", "02/01/1970", "Ukraine"],
    ["Koval'", "Andrii", "Vétéran\nblessé", "vétéran", "15/03/1990", "Ukraine"],
    ["Hélène", "Dupré", "Interprète", "interprète", "", "Ukraine"],
]

#: A Ukrainian office's sheet: Ukrainian headers, Cyrillic only, ПІБ in one column.
UKRAINIAN: list[list[str]] = [
    ["№", "ПІБ", "Посада", "Роль", "Дата народження", "Делегація"],
    ["1", "Калмикова Наталія Іванівна", "Міністр", "голова делегації", "02.01.1970", "Україна"],
    ["2", "Шиманський Олег Петрович", "Заступник Міністра", "заступник", "", "Україна"],
    ["3", "Мʼясоїдов Юрій", "Перекладач", "перекладач", "", "Україна"],
    ["4", "Їжакевич Євгенія", "Ветеранка", "ветеран", "", "Україна"],
]

#: An English sheet, in another column order, with an id-less re-import in mind.
ENGLISH: list[list[str]] = [
    ["Delegation", "Last name", "First name", "Title", "Role", "Wheelchair", "Dietary needs"],
    ["Ukraine", "Melnyk", "Yuliia", "Sergeant", "Veteran", "yes", "gluten free"],
    ["Ukraine", "Bondar", "Taras", "Soldier", "veteran", "no", "none"],
]


def csv_bytes(rows: Rows, encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    """`rows` as a CSV file in `encoding` with `delimiter`, CRLF as Excel writes."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [[str(c) for c in row] for row in rows]
    )
    return out.getvalue().encode(encoding)


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    """Write a CSV sheet at `path`."""
    path.write_bytes(csv_bytes(rows, encoding, delimiter))
    return path


def write_xlsx(path: Path, rows: Rows, title: str = "Feuil1") -> Path:
    """Write an XLSX workbook at `path` with one sheet holding `rows`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
