"""The roster and the accreditation list as spreadsheets: CSV for French Excel, or XLSX.

Both go through `for_profile` first: the roster in the profile asked for (shareable
by default, without any private field), the accreditation list always internal
(it is made of private fields). Rows come in order of precedence: delegations by
position, people by rank; people of no delegation last.

Formula injection: a cell starting with = + - @, a tab or a carriage return gets
an apostrophe before it in CSV, as OWASP advises (the import takes it off again).
In XLSX every text is a text cell, never a formula, and such a cell carries
Excel's "quote prefix" so that editing it keeps it text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from visitplanner.domain.car_plan import assigned_plates
from visitplanner.domain.labels import civility, label
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.rooming_list import hotel_names
from visitplanner.domain.roster_columns import (
    LOCALIZED_FIELDS,
    PRIVATE_ROSTER_FIELDS,
    RosterField,
    Target,
    header_for,
)
from visitplanner.domain.values import (
    LANGUAGES,
    Access,
    Grade,
    LocalizedText,
    Need,
    Profile,
)
from visitplanner.i18n import N_, gettext_in

F = RosterField
Cell = str | int | date | None

#: What a formula starts with, in the eyes of Excel, LibreOffice and Google Sheets.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

#: The roster's columns, in the order written. Multilingual fields get one per language.
ROSTER_FIELDS: Final = (
    F.DELEGATION, F.RANK, F.ROLE, F.GRADE, F.CIVILITY,
    F.FAMILY_NAME, F.GIVEN_NAME, F.FAMILY_NAME_NATIVE, F.GIVEN_NAME_NATIVE,
    F.PATRONYMIC_NATIVE, F.LATIN_DERIVED, F.TITLE, F.FUNCTION, F.ORGANISATION,
    F.LANGUAGES, F.DUTY_PHONE, F.DUTY_EMAIL, F.PRIVATE_PHONE, F.DIETARY, F.DIETARY_DETAIL,
    F.STEP_FREE, F.ACCESSIBILITY_DETAIL, F.PASSPORT_NAME, F.BIRTH_DATE, F.NATIONALITY,
    F.PASSPORT_NUMBER, F.PASSPORT_EXPIRY, F.ARRIVAL_CARRIER, F.ARRIVAL_NUMBER,
    F.ARRIVAL_TIME, F.ARRIVAL_PLACE, F.DEPARTURE_CARRIER, F.DEPARTURE_NUMBER,
    F.DEPARTURE_TIME, F.DEPARTURE_PLACE, F.HOTEL, F.BIOGRAPHY, F.NOTES, F.ID,
)  # fmt: skip

#: Always written, even when every cell is empty: a roster without them is no roster.
_ALWAYS: Final = frozenset(
    {F.DELEGATION, F.RANK, F.ROLE, F.FAMILY_NAME, F.GIVEN_NAME, F.FAMILY_NAME_NATIVE, F.ID}
)

#: Notes are the officer's own: only in an internal roster.
_INTERNAL_ONLY: Final = PRIVATE_ROSTER_FIELDS | {F.NOTES}

ACCREDITATION_FIELDS: Final = (
    F.DELEGATION, F.FAMILY_NAME, F.GIVEN_NAME, F.PASSPORT_NAME, F.BIRTH_DATE, F.NATIONALITY,
    F.PASSPORT_NUMBER, F.PASSPORT_EXPIRY, F.VEHICLE_PLATES,
)  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A sheet to write: a header row and rows of cells (text, whole numbers, dates)."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    #: The handling marking every page of the workbook carries, above its table and in
    #: its printed header and footer ("" for none). The accreditation list has one.
    marking: str = ""


#: Characters XML 1.0 cannot hold beyond the control characters openpyxl removes.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def neutralise(text: str) -> str:
    """`text` made safe for a spreadsheet cell: an apostrophe before a formula start."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def in_precedence(data: VisitData) -> list[Person]:
    """Every person: delegations by position, people by rank; those of no delegation last."""
    ordered: list[Person] = []
    for delegation in sorted(data.delegations, key=lambda d: d.position):
        ordered.extend(data.members(delegation.id))
    ordered.extend(data.members(None))
    return ordered


def _time_text(moment: datetime | None, home_zone: str) -> str:
    if moment is None:
        return ""
    text = moment.strftime("%Y-%m-%d %H:%M" if moment.second == 0 else "%Y-%m-%d %H:%M:%S")
    zone = getattr(moment.tzinfo, "key", home_zone)
    return text if zone == home_zone else f"{text} {zone}"


def _need(value: Need, lang: str) -> str:
    if value is Need.UNKNOWN:
        return ""
    return label(Access.YES if value is Need.GIVEN else Access.NO, lang)


@dataclass(frozen=True)
class _Context:
    """What a cell's value may need besides the person: looked up once per export."""

    lang: str
    home_zone: str
    delegations: dict[str, str]
    plates: dict[str, str]
    #: The hotels of each person's stays, by person id ("; " between two hotels).
    hotels: dict[str, str]


def _context(data: VisitData, lang: str, plates: dict[str, str]) -> _Context:
    names = {d.id: d.name.get(lang, data.visit.main_language) for d in data.delegations}
    return _Context(lang, data.visit.tz, names, plates, hotel_names(data, lang))


_Getter = Callable[[Person, _Context], Cell]

#: The value of each field for a person (multilingual fields are read in `_value`).
_GETTERS: Final[dict[RosterField, _Getter]] = {
    F.ID: lambda p, c: p.id,
    F.DELEGATION: lambda p, c: c.delegations.get(p.delegation_id or "", ""),
    F.RANK: lambda p, c: p.rank,
    F.ROLE: lambda p, c: label(p.role, c.lang),
    F.GRADE: lambda p, c: "" if p.grade is Grade.MEMBER else label(p.grade, c.lang),
    F.CIVILITY: lambda p, c: civility(p.civility, c.lang),
    F.FAMILY_NAME: lambda p, c: p.family_name,
    F.GIVEN_NAME: lambda p, c: p.given_name,
    F.FAMILY_NAME_NATIVE: lambda p, c: p.family_name_native,
    F.GIVEN_NAME_NATIVE: lambda p, c: p.given_name_native,
    F.PATRONYMIC_NATIVE: lambda p, c: p.patronymic_native,
    F.LATIN_DERIVED: lambda p, c: label(Access.YES, c.lang) if p.latin_derived else "",
    F.LANGUAGES: lambda p, c: ", ".join(p.languages),
    F.DUTY_PHONE: lambda p, c: p.duty_phone,
    F.DUTY_EMAIL: lambda p, c: p.duty_email,
    F.PRIVATE_PHONE: lambda p, c: p.private_phone,
    F.DIETARY: lambda p, c: _need(p.dietary, c.lang),
    F.STEP_FREE: lambda p, c: _need(p.step_free, c.lang),
    F.PASSPORT_NAME: lambda p, c: p.accreditation.passport_name,
    F.BIRTH_DATE: lambda p, c: p.accreditation.birth_date,
    F.NATIONALITY: lambda p, c: p.accreditation.nationality,
    F.PASSPORT_NUMBER: lambda p, c: p.accreditation.passport_number,
    F.PASSPORT_EXPIRY: lambda p, c: p.accreditation.passport_expiry,
    F.ARRIVAL_CARRIER: lambda p, c: p.arrival.carrier,
    F.ARRIVAL_NUMBER: lambda p, c: p.arrival.number,
    F.ARRIVAL_TIME: lambda p, c: _time_text(p.arrival.time, c.home_zone),
    F.ARRIVAL_PLACE: lambda p, c: p.arrival.place,
    F.DEPARTURE_CARRIER: lambda p, c: p.departure.carrier,
    F.DEPARTURE_NUMBER: lambda p, c: p.departure.number,
    F.DEPARTURE_TIME: lambda p, c: _time_text(p.departure.time, c.home_zone),
    F.DEPARTURE_PLACE: lambda p, c: p.departure.place,
    F.HOTEL: lambda p, c: c.hotels.get(p.id, ""),
    F.NOTES: lambda p, c: p.notes,
    F.VEHICLE_PLATES: lambda p, c: c.plates.get(p.id, ""),
}


def _value(person: Person, target: Target, context: _Context) -> Cell:
    if target.field in LOCALIZED_FIELDS:
        text: LocalizedText = getattr(person, target.field.value)
        return str(getattr(text, target.lang or context.lang))
    return _GETTERS[target.field](person, context)


def _targets(fields: tuple[RosterField, ...]) -> list[Target]:
    targets: list[Target] = []
    for kind in fields:
        if kind in LOCALIZED_FIELDS:
            targets.extend(Target(kind, lang) for lang in LANGUAGES)
        else:
            targets.append(Target(kind))
    return targets


def _table(
    title: str, data: VisitData, targets: list[Target], lang: str, plates: dict[str, str]
) -> Table:
    people = in_precedence(data)
    context = _context(data, lang, plates)
    rows = [[_value(p, t, context) for t in targets] for p in people]
    keep = [
        i
        for i, target in enumerate(targets)
        if target.field in _ALWAYS or any(row[i] not in ("", None) for row in rows)
    ]
    return Table(
        title=title,
        headers=[header_for(targets[i], lang) for i in keep],
        rows=[[row[i] for i in keep] for row in rows],
    )


def _people_only(data: VisitData) -> VisitData:
    """The visit with what a roster shows: the privacy copy need not copy the programme."""
    return VisitData(visit=data.visit, delegations=data.delegations, people=data.people)


def roster_table(data: VisitData, profile: Profile, lang: str) -> Table:
    """The roster as `profile` may show it; columns empty for everyone are left out."""
    shown = for_profile(_people_only(data), profile)
    fields: tuple[RosterField, ...] = ROSTER_FIELDS
    if profile is not Profile.INTERNAL:
        fields = tuple(f for f in fields if f not in _INTERNAL_ONLY)
    return _table(gettext_in(lang, N_("Roster")), shown, _targets(fields), lang, {})


def vehicle_plates(data: VisitData) -> dict[str, str]:
    """The plates of the vehicles each person is assigned to in the car plan (drivers:
    the vehicle they drive), as an accreditation lists them."""
    return {person: ", ".join(plates) for person, plates in assigned_plates(data).items()}


def accreditation_marking(data: VisitData, lang: str) -> str:
    """What every row and page of the accreditation list says it is: the visit's
    handling marking, and that it is internal personal data."""
    internal = gettext_in(lang, N_("INTERNAL: personal data, for accreditation only"))
    marking = " ".join(data.visit.marking.split()).upper()
    return f"{marking} — {internal}" if marking else internal


def accreditation_table(data: VisitData, lang: str) -> Table:
    """The list security services ask for: internal by nature.

    Every column stays, even empty: a missing passport number is what security must see.
    Its first column is the marking, on every row: a row copied out of the file still
    says what it is.
    """
    shown = for_profile(_people_only(data), Profile.INTERNAL)
    targets = [Target(kind) for kind in ACCREDITATION_FIELDS]
    context = _context(shown, lang, vehicle_plates(data))
    marking = accreditation_marking(data, lang)
    rows: list[list[Cell]] = [
        [marking, *(_value(p, t, context) for t in targets)] for p in in_precedence(shown)
    ]
    headers = [gettext_in(lang, N_("Marking")), *(header_for(t, lang) for t in targets)]
    return Table(gettext_in(lang, N_("Accreditation")), headers, rows, marking)


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)
    return neutralise(cell)


def to_csv(table: Table) -> bytes:
    """The table as French Excel opens it: UTF-8 with a BOM, `;` between cells, CRLF."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_text(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    """The table as an XLSX workbook: one sheet, a bold header row, every text a text cell.

    A marked table's marking is the sheet's first row (red, bold) and is printed at the
    top and the bottom of every page, with the page number; the first two rows are
    repeated on every printed page.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.cell.cell import Cell as Cell_
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title)
    sheet.freeze_panes = "A3" if table.marking else "A2"
    for index, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(header), 10), 40)
    bold = Font(bold=True)

    def cell(value: Cell, header: bool = False) -> Cell_:
        if isinstance(value, str):
            # openpyxl's rule leaves out U+FFFE, U+FFFF and lone surrogates, which XML
            # 1.0 cannot hold either: a sheet holding one would not open.
            text = _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", value))
            made = WriteOnlyCell(sheet, value=text)
            made.data_type = "s"  # openpyxl reads "=..." as a formula otherwise
            if text.startswith(FORMULA_STARTS):
                made.quotePrefix = True
        else:
            made = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
            if isinstance(value, date):
                made.number_format = "yyyy-mm-dd"
        if header:
            made.font = bold
        return made

    if table.marking:
        printed = _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", table.marking)).replace("&", "&&")
        sheet.oddHeader.center.text = printed
        sheet.oddFooter.left.text = printed
        sheet.oddFooter.right.text = "&P / &N"
        sheet.print_title_rows = "1:2"
        title = cell(table.marking)
        title.font = Font(bold=True, color="B00020")
        sheet.append([title])
    sheet.append([cell(h, header=True) for h in table.headers])
    for row in table.rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
