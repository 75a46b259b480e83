"""Reading roster files: encodings, delimiters, row numbers, XLSX, and files that are no roster."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.roster_sheets import FRENCH, UKRAINIAN, csv_bytes, write_csv, write_xlsx
from visitplanner.domain.errors import InputError
from visitplanner.imports.roster.reading import detect_encoding, read_sheet


@pytest.mark.parametrize(
    ("rows", "encoding", "expected"),
    [
        (FRENCH, "utf-8", "utf-8"),
        (FRENCH, "utf-8-sig", "utf-8-sig"),
        (FRENCH, "cp1252", "cp1252"),
        (UKRAINIAN, "utf-8", "utf-8"),
        (UKRAINIAN, "utf-8-sig", "utf-8-sig"),
        (UKRAINIAN, "utf-16", "utf-16"),
    ],
)
def test_the_encoding_is_detected(rows: list[list[str]], encoding: str, expected: str) -> None:
    assert detect_encoding(csv_bytes(rows, encoding)) == expected


def test_windows_1251_is_told_apart_from_windows_1252() -> None:
    # Both give letters for every byte: the words they make decide.
    ukrainian = [[c.replace("ʼ", "'") for c in row] for row in UKRAINIAN]
    assert detect_encoding(csv_bytes(ukrainian, "cp1251")) == "cp1251"
    assert detect_encoding(csv_bytes(FRENCH, "cp1252")) == "cp1252"
    assert detect_encoding("Hélène;Dupré;à Paris\r\n".encode("cp1252")) == "cp1252"
    assert detect_encoding("Олена;Коваль;Київ\r\n".encode("cp1251")) == "cp1251"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_french_sheet_reads_the_same_in_every_encoding_and_delimiter(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv(tmp_path / "liste.csv", FRENCH, encoding, delimiter)
    sheet = read_sheet(path)
    assert sheet.headers == tuple(FRENCH[0])
    assert sheet.delimiter == delimiter
    assert sheet.encoding == encoding
    assert [row.cells for row in sheet.rows] == [tuple(r) for r in FRENCH[1:]]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_a_ukrainian_sheet_reads_in_windows_1251(tmp_path: Path, encoding: str) -> None:
    rows = [[c.replace("ʼ", "'") for c in row] for row in UKRAINIAN]
    sheet = read_sheet(write_csv(tmp_path / "список.csv", rows, encoding, ","))
    assert sheet.rows[0].cells[1] == "Калмикова Наталія Іванівна"
    assert sheet.encoding == encoding


def test_the_encoding_override_wins(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "liste.csv", FRENCH, "cp1252")
    assert read_sheet(path, encoding="windows-1251").rows[0].cells[4] == "02/01/1970"
    assert read_sheet(path, encoding="windows-1251").headers[1] == "Prйnom"
    with pytest.raises(InputError, match="unknown encoding"):
        read_sheet(path, encoding="klingon")
    with pytest.raises(InputError, match=r"not UTF-8 text \(line 1\)"):
        read_sheet(path, encoding="utf-8")


def test_row_numbers_are_the_sheets_own_even_with_line_breaks_in_cells(tmp_path: Path) -> None:
    rows = [
        ["Titre : liste des participants"],
        [],
        *FRENCH,
        ["Rufo", "Alice", "Ministre\ndéléguée\nauprès du ministre", "chef", "", "France"],
        ["Dernier", "Après", "", "", "", "France"],
    ]
    sheet = read_sheet(write_csv(tmp_path / "liste.csv", rows))
    assert sheet.header_row == 3
    assert sheet.preamble == ("Titre : liste des participants",)
    numbers = [row.number for row in sheet.rows]
    # Koval's function takes two lines (5-6), Rufo's three (8-10).
    assert numbers == [4, 5, 7, 8, 11]


def test_a_row_with_more_cells_than_the_header_is_marked(tmp_path: Path) -> None:
    rows = [FRENCH[0], FRENCH[1], [*FRENCH[2], "en trop", "encore"], [*FRENCH[3], "", ""]]
    sheet = read_sheet(write_csv(tmp_path / "liste.csv", rows))
    assert [row.extra for row in sheet.rows] == [0, 2, 0]


def test_a_short_row_is_filled_with_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom;Délégation\r\nRufo\r\n", encoding="utf-8")
    assert read_sheet(path).rows[0].cells == ("Rufo", "", "")


def test_an_xlsx_sheet_gives_its_own_row_numbers_dates_and_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Prénom", "Date de naissance", "Rang", "Arrivée"],
        ["Kalmykova", "Natalia", date(1970, 1, 2), 1, datetime(2026, 5, 6, 9, 35)],
        [None, None, None, None, None],
        ["Rufo", "Alice", None, 2.0, None],
    ]
    sheet = read_sheet(write_xlsx(tmp_path / "liste.xlsx", rows))
    assert sheet.kind == "xlsx"
    assert sheet.worksheet == "Feuil1"
    assert [row.number for row in sheet.rows] == [2, 3, 4]
    assert sheet.rows[0].cells == ("Kalmykova", "Natalia", "1970-01-02", "1", "2026-05-06 09:35")
    assert sheet.rows[2].cells[3] == "2"


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", FRENCH)
    renamed = path.rename(tmp_path / "liste.csv")
    assert read_sheet(renamed).kind == "xlsx"


def _zip(path: Path, names: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, payload in names.items():
            archive.writestr(name, payload)
    return path


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("vide.csv", b"", "the file is empty"),
        ("blanc.csv", b"\r\n  \r\n", "the file is empty"),
        ("random.csv", bytes(range(256)) * 40, "not a text file"),
        ("scan.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
        ("fake.xlsx", b"Nom;Prenom\r\n", "not an Excel workbook"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "damaged ZIP archive"),
    ],
)
def test_a_file_that_is_no_roster_gets_one_clear_message(
    tmp_path: Path, name: str, payload: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(InputError, match=message) as caught:
        read_sheet(path)
    assert name in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_zip_of_something_else_is_not_taken_for_a_workbook(tmp_path: Path) -> None:
    path = _zip(tmp_path / "photos.xlsx", {"photo.jpg": b"\xff\xd8\xff", "readme.txt": b"hi"})
    with pytest.raises(InputError, match="holds no Excel workbook"):
        read_sheet(path)
    ods = _zip(
        tmp_path / "liste.xlsx",
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""},
    )
    with pytest.raises(InputError, match="OpenDocument"):
        read_sheet(ods)


def test_a_workbook_with_a_damaged_part_is_refused(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", FRENCH)
    with zipfile.ZipFile(good) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row>"
    bad = _zip(tmp_path / "bad.xlsx", parts)
    with pytest.raises(InputError, match="damaged Excel workbook"):
        read_sheet(bad)


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no data"):
        read_sheet(write_xlsx(tmp_path / "vide.xlsx", []))


def test_control_characters_are_dropped_and_spaces_trimmed(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom"], ["  Rufo\x07 ", "\x00Alice"]]
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(rows).replace(b"\x00", b""))
    assert read_sheet(path).rows[0].cells == ("Rufo", "Alice")


def test_a_workbook_with_xml_entities_is_refused_by_defusedxml(tmp_path: Path) -> None:
    import zipfile

    import openpyxl.xml
    from openpyxl import Workbook

    from visitplanner.domain.errors import InputError
    from visitplanner.services.rosters import read_roster

    assert openpyxl.xml.DEFUSEDXML  # installed with VisitPlanner: openpyxl parses through it
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom", "Délégation"])
    sheet.append(["Petrenko", "Ivan", "Ukraine"])
    book.save(plain)
    with zipfile.ZipFile(plain) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    xml = laughs + xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else laughs + xml
    parts["xl/worksheets/sheet1.xml"] = xml.replace("Petrenko", "&c;").encode("utf-8")
    hostile = tmp_path / "liste.xlsx"
    with zipfile.ZipFile(hostile, "w") as target:
        for name, payload in parts.items():
            target.writestr(name, payload)
    with pytest.raises(InputError, match=r"liste\.xlsx: a damaged Excel workbook"):
        read_roster(hostile)


def test_a_sheet_with_more_rows_than_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from visitplanner.domain.errors import InputError
    from visitplanner.services.rosters import read_roster

    rows = [["Nom", "Prénom"]] + [[f"Petrenko{n}", "Ivan"] for n in range(120)]
    csv_file = tmp_path / "long.csv"
    csv_file.write_text("\n".join(";".join(row) for row in rows), encoding="utf-8")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    xlsx_file = tmp_path / "long.xlsx"
    book.save(xlsx_file)
    for path in (csv_file, xlsx_file):
        with pytest.raises(InputError, match="more than 100 rows; nothing was imported"):
            read_roster(path, max_rows=100)
        assert len(read_roster(path, max_rows=200).rows) == 120


def test_a_workbook_that_unpacks_to_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    from visitplanner.domain.errors import InputError
    from visitplanner.imports.roster import reading
    from visitplanner.services.rosters import read_roster

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom"])
    sheet.append(["Petrenko", "Ivan " * 2000])
    path = tmp_path / "gonfle.xlsx"
    book.save(path)
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 4096)
    with pytest.raises(InputError, match="unpacks to"):
        read_roster(path)
    monkeypatch.setattr(reading, "MAX_SHEET_BYTES", 1024)
    with pytest.raises(InputError, match="more than a roster file holds"):
        read_roster(path)


def test_control_characters_deep_in_a_file_are_taken_out_of_their_cells(tmp_path: Path) -> None:
    # A NUL in the first 8 KB says "not a text file"; one further on is a stray character.
    rows = [
        ["Nom", "Prénom"],
        *([f"Membre{n}", "Test"] for n in range(1000)),
        ["Nu\x00l", "\x1bAn\x7fna"],
    ]
    sheet = read_sheet(write_csv(tmp_path / "l.csv", rows))
    assert sheet.rows[-1].cells == ("Nul", "Anna")
