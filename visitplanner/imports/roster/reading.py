"""Read a roster file, CSV or XLSX, into rows of text with the sheet's own row numbers.

CSV: UTF-8 with or without BOM (and UTF-16 with a BOM, as Excel's "Unicode text"
writes it); otherwise Windows-1251 or Windows-1252, told apart by which reading
gives whole Cyrillic words rather than Latin words with stray letters in them.
The delimiter (comma, semicolon or tab) is the one that splits the lines into the
same number of columns most often. A row's number is the line its record starts
on, so a cell holding a line break does not shift the numbers after it.

XLSX: the active worksheet (or the first one holding anything), read with
openpyxl in read-only mode; dates come as dates, numbers as their text.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from visitplanner.domain.errors import InputError
from visitplanner.i18n import _
from visitplanner.imports.roster.headers import header_score
from visitplanner.imports.roster.sheet import Sheet, SheetRow, Step, clean_cell, no_progress

#: A row as read: its number in the sheet and its cells, not yet cleaned.
RawRow = tuple[int, list[str]]

#: How encodings are named to the user.
ENCODING_NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251",
    "latin-1": "ISO-8859-1",
    "iso8859-1": "ISO-8859-1",
    "koi8-u": "KOI8-U",
}

#: The encodings offered as overrides, in the order the window lists them.
OVERRIDES: Final = ("utf-8", "cp1252", "cp1251", "utf-16")

_DELIMITERS: Final = (";", ",", "\t")
_CYRILLIC_WORD: Final = re.compile(r"^[\u0400-\u04ff]{2,}$")
_WORD: Final = re.compile(r"[^\W\d_]+")


def encoding_name(codec: str) -> str:
    """The encoding as the user knows it ("Windows-1251")."""
    return ENCODING_NAMES.get(codec, codec)


def codec_for(name: str) -> str:
    """The Python codec for an encoding the user typed ("windows-1251" -> "cp1251")."""
    try:
        found = codecs.lookup(name.strip()).name
    except LookupError as exc:
        raise InputError(_("unknown encoding “{name}”").format(name=name)) from exc
    return {"utf_8": "utf-8", "iso8859-1": "latin-1"}.get(found, found)


# -- what kind of file --------------------------------------------------------------


def sniff(path: Path, head: bytes) -> str:
    """ "csv" or "xlsx" for a file we can read; an InputError naming what it is otherwise."""
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"%PDF"):
        raise InputError(
            _("{path}: this is a PDF document, not a spreadsheet; use CSV or XLSX").format(
                path=path.name
            )
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            _("{path}: an old Excel .xls workbook; save it as .xlsx or CSV first").format(
                path=path.name
            )
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise InputError(
            _("{path}: not an Excel workbook (the file is not a ZIP archive)").format(
                path=path.name
            )
        )
    return "csv"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (OSError, *_DAMAGED) as exc:
        raise InputError(
            _("{path}: a damaged ZIP archive, not a readable workbook").format(path=path.name)
        ) from exc
    if b"opendocument.spreadsheet" in mimetype:
        raise InputError(
            _("{path}: an OpenDocument spreadsheet; save it as .xlsx or CSV first").format(
                path=path.name
            )
        )
    if "xl/workbook.xml" not in names:
        raise InputError(
            _("{path}: a ZIP archive that holds no Excel workbook").format(path=path.name)
        )
    return "xlsx"


# -- CSV ------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """The codec `data` is most likely written in (see the module's docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    cyrillic = latin = 0
    for word in _WORD.findall(data.decode("cp1251", errors="replace")):
        if word.isascii():
            continue
        if _CYRILLIC_WORD.match(word):
            cyrillic += len(word)
        elif any("a" <= c.lower() <= "z" for c in word):
            # A Latin word with a letter from the upper half: an accented letter
            # read the Cyrillic way ("Hщlшne" for "Hélène").
            latin += sum(1 for c in word if not c.isascii())
    return "cp1251" if cyrillic > latin else "cp1252"


def _decode(data: bytes, codec: str, path: Path) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            _("{path}: not {encoding} text (line {line}); choose another encoding").format(
                path=path.name, encoding=encoding_name(codec), line=line
            )
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same width most often."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= 30:
                    break
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


#: The largest spreadsheet file read, and what an XLSX's parts may unpack to at most (a
#: workbook is a zip: a small file can unpack to gigabytes).
MAX_SHEET_BYTES: Final = 20 * 1024 * 1024
MAX_UNPACKED_BYTES: Final = 200 * 1024 * 1024
#: The most rows read unless asked for more (a summit's roster holds a few thousand).
MAX_ROWS: Final = 50_000


def read_csv(
    path: Path, data: bytes, encoding: str | None, step: Step, max_rows: int = MAX_ROWS
) -> tuple[list[RawRow], str, str]:
    """The rows of a CSV file, the codec it was read with and its delimiter."""
    not_text = InputError(
        _("{path}: not a text file; a roster is a CSV or XLSX spreadsheet").format(path=path.name)
    )
    if encoding:
        codec = codec_for(encoding)
        text = _decode(data, codec, path)
    else:
        codec = detect_encoding(data)
        if codec != "utf-16" and b"\x00" in data[:8192]:
            raise not_text
        try:
            text = _decode(data, codec, path)
        except InputError:
            # A byte the guessed code page lacks: the other one may have it.
            codec = {"cp1251": "cp1252", "cp1252": "cp1251"}.get(codec, codec)
            try:
                text = _decode(data, codec, path)
            except InputError:
                raise not_text from None
    if not text.strip():
        raise InputError(_("{path}: the file is empty").format(path=path.name))
    if _looks_binary(text):
        raise not_text
    delimiter = detect_delimiter(text)
    total = text.count("\n") + 1
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 0
    try:
        for record in reader:
            if len(rows) >= max_rows:
                raise _too_many_rows(path, max_rows)
            rows.append((line + 1, record))
            line = reader.line_num
            if len(rows) % 1000 == 0:
                step(line, total, _("Reading the sheet"))
    except csv.Error as exc:
        raise InputError(
            _("{path}: cannot read line {line} ({detail})").format(
                path=path.name, line=reader.line_num, detail=exc
            )
        ) from exc
    return rows, codec, delimiter


# -- XLSX -----------------------------------------------------------------------------


def _too_many_rows(path: Path, limit: int) -> InputError:
    return InputError(
        _(
            "{path}: more than {limit} rows; nothing was imported (--max-rows raises the limit)"
        ).format(path=path.name, limit=limit)
    )


def cell_text(value: object) -> str:
    """An XLSX cell's value as text: dates written YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, step: Step, max_rows: int = MAX_ROWS) -> tuple[list[RawRow], str]:
    """The rows of the workbook's active worksheet (or first one holding anything)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_unpacked_size(path)
    try:
        # A file object, not the path: openpyxl refuses a workbook named .csv by mistake.
        book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED) as exc:
        raise _damaged(path, exc) from exc
    try:
        sheets = [s for s in book.worksheets if hasattr(s, "iter_rows")]
        active = book.active
        if active in sheets:
            sheets.remove(active)
            sheets.insert(0, active)
        for sheet in sheets:
            rows = list(_sheet_rows(sheet, step, path, max_rows))
            if any(any(cells) for _n, cells in rows):
                return rows, str(sheet.title)
    except _DAMAGED as exc:
        raise _damaged(path, exc) from exc
    finally:
        book.close()
    raise InputError(_("{path}: the workbook holds no data").format(path=path.name))


#: What openpyxl raises on a workbook whose zip or XML is damaged (a TypeError for an
#: attribute it does not know or of the wrong type, NotImplementedError from zipfile
#: for a damaged version field). Its XML errors are SyntaxErrors: xml.etree's
#: ParseError, and lxml's XMLSyntaxError when lxml is installed (the caldav library
#: brings it), for then openpyxl reads the workbook's parts with lxml.
_DAMAGED: Final = (
    KeyError,
    ValueError,
    TypeError,
    NotImplementedError,
    SyntaxError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
)


def _damaged(path: Path, exc: BaseException) -> InputError:
    """The refusal of a damaged workbook, in one line (openpyxl's own messages span several)."""
    detail = " ".join(str(exc).split())
    return InputError(
        _("{path}: a damaged Excel workbook ({detail})").format(path=path.name, detail=detail)
    )


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts would unpack to more than MAX_UNPACKED_BYTES."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise _damaged(path, exc) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            _(
                "{path}: the workbook unpacks to {size} MB, more than a roster needs "
                "(at most {limit} MB); nothing was imported"
            ).format(path=path.name, size=unpacked // 2**20, limit=MAX_UNPACKED_BYTES // 2**20)
        )


def _sheet_rows(sheet: object, step: Step, path: Path, max_rows: int) -> Iterator[RawRow]:
    total = int(getattr(sheet, "max_row", 0) or 0)
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # the stored size may be wrong: read every row there is
    iter_rows = sheet.iter_rows  # type: ignore[attr-defined]
    for number, values in enumerate(iter_rows(min_row=1, values_only=True), start=1):
        if number > max_rows:
            raise _too_many_rows(path, max_rows)
        if number % 1000 == 0:
            step(number, max(total, number), _("Reading the sheet"))
        yield number, [cell_text(v) for v in values]


# -- either ---------------------------------------------------------------------------


def read_rows(
    path: Path, encoding: str | None, step: Step, max_rows: int = MAX_ROWS
) -> tuple[list[RawRow], str, str, str, str]:
    """Rows of the file at `path`: (rows, kind, codec, delimiter, worksheet title)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = os.fstat(handle.fileno()).st_size
    except IsADirectoryError as exc:
        raise InputError(_("{path}: a folder, not a file").format(path=path)) from exc
    if size > MAX_SHEET_BYTES:
        raise InputError(
            _("{path}: {size} MB, more than a roster file holds (at most {limit} MB)").format(
                path=path.name, size=size // 2**20, limit=MAX_SHEET_BYTES // 2**20
            )
        )
    if not head:
        raise InputError(_("{path}: the file is empty").format(path=path.name))
    kind = sniff(path, head)
    if kind == "xlsx":
        rows, title = read_xlsx(path, step, max_rows)
        return rows, kind, "", "", title
    rows, codec, delimiter = read_csv(path, path.read_bytes(), encoding, step, max_rows)
    return rows, kind, codec, delimiter, ""


def read_sheet(
    path: Path, encoding: str | None = None, step: Step = no_progress, max_rows: int = MAX_ROWS
) -> Sheet:
    """The roster sheet in the file at `path`, its header found and its rows numbered.

    The header is the row, among the first ones, that holds the most headers we know
    (a title line above it is passed over); without any, the first row that is not blank.
    """
    rows, kind, codec, delimiter, worksheet = read_rows(path, encoding, step, max_rows)
    cleaned = [(number, [clean_cell(cell) for cell in cells]) for number, cells in rows]
    candidates = [(n, cells) for n, cells in cleaned if any(cells)][:15]
    if not candidates:
        raise InputError(_("{path}: the sheet is empty").format(path=path.name))
    best = max(candidates, key=lambda item: header_score(item[1]))
    if header_score(best[1]) == 0:
        best = candidates[0]
    header_number, header = best
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body: list[SheetRow] = []
    preamble: list[str] = []
    for number, cells in cleaned:
        if number < header_number:
            preamble.extend(c for c in cells if c)
        elif number > header_number:
            extra = sum(1 for c in cells[width:] if c)
            padded = (cells + [""] * width)[:width]
            body.append(SheetRow(number, tuple(padded), extra))
    return Sheet(
        name=path.name,
        kind=kind,
        headers=tuple(header),
        header_row=header_number,
        rows=tuple(body),
        encoding=codec,
        delimiter=delimiter,
        worksheet=worksheet,
        preamble=tuple(preamble),
    )
