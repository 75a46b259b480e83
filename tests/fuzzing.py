"""Damaged real files for every importer, and what an import of one must come to.

Shared by the unit test (`tests/unit/test_import_fuzzing.py`, hypothesis drawing the
changes) and the long run (`benchmarks/fuzz.py --minutes N`, a seeded random loop).

The corpus holds real files of each kind: the demo's exports (a calendar, rosters in
CSV and XLSX, the accreditation list, its JSON), the sheets the roster tests use and
calendars as other programs write them (tests/data/ics/). A file is damaged by a list
of changes drawn apart from it (`Change`): bytes cut, flipped, repeated, spliced in or
deleted, a token an importer finds hard (a year 1, a duration of 270,000 years, U+FFFE, a
formula) put in, or lines swapped; `inner` makes the changes after it fall inside
one part of a workbook (which is then zipped again with correct checksums), so the
XML reader is reached and not only the zip reader.

Every input must come to an import or a refusal in words (a `VisitPlannerError`, or an
`OSError`, which the command line prints in one line with exit 2), never another
exception, and a refusal must leave the visit's file as it was.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import Profile

ROOT = Path(__file__).resolve().parent.parent
#: Calendars as Exchange, Lotus Notes, Apple Calendar, Thunderbird, Google and Nextcloud
#: write them (`tests/unit/test_ics_import_sources.py`).
CALENDAR_FILES = ROOT / "tests" / "data" / "ics"

#: One change to a file: how, where (a fraction of its length), how much, what bytes.
Change = tuple[str, float, int, bytes]

HOWS = ("cut", "flip", "repeat", "splice", "delete", "token", "lines", "inner")

#: What importers find hard, put into a file by the `token` change.
TOKENS: tuple[bytes, ...] = (
    b"00010101T000000",
    b"99991231T235959Z",
    b"P99999999D",
    b"-P1D",
    b"PT0S",
    b"20260230T250000",
    b"\r\n ",
    b"\r\nEND:VEVENT\r\n",
    b"\r\nBEGIN:VEVENT\r\n",
    b"\r\nBEGIN:VCALENDAR\r\n",
    b"RRULE:FREQ=SECONDLY;COUNT=999999999\r\n",
    b"TZID=Mars/Olympus_Mons",
    "\ufffe".encode(),
    "\u202e".encode(),
    "\ud7ff\U0010ffff".encode(),
    b"\xed\xa0\x80",  # a lone surrogate, as UTF-8 would write it
    b"\x00",
    b"\x1b[31m",
    b'=HYPERLINK("http://x")',
    b"@SUM(A1)",
    b";;;;;;;;;;;;;;;;;;;;",
    b'"',
    b'""""',
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b"&a;&a;&a;",
    b'<c r="XFD1048576" t="s"><v>99999999</v></c>',
    b"<v>1e308</v>",
    b"<v>-99999999999</v>",
    b't="d"><v>0001-01-01T00:00:00</v>',
    b"9" * 40,
    b"-1",
    b"1e999",
    b"NaN",
    b"null",
    b"[]",
    b"{}",
    b'"id": "x"',
    b'"start_date": "0001-01-01"',
    b'"tz": "Nowhere/None"',
    b'"schema_version": 999',
    b"x" * 12000,
)


def damaged(seed: bytes, changes: list[Change]) -> bytes:
    """`seed` with `changes` made to it, in order.

    The changes are drawn apart from the seed (where they fall is a fraction of its
    length), so that the same draw always damages the file the same way.
    """
    for index, (how, where, size, _chunk) in enumerate(changes):
        if how == "inner" and zipfile.is_zipfile(io.BytesIO(seed)):
            return _damaged_part(seed, where, size, changes[index + 1 :], changes[:index])
    return _bytes_changed(seed, changes)


def _bytes_changed(seed: bytes, changes: list[Change]) -> bytes:
    data = bytearray(seed)
    for how, where, size, chunk in changes:
        at = int(where * max(len(data) - 1, 0))
        if how == "cut":
            del data[at:]
        elif how == "flip" and data:
            data[at] = chunk[0]
        elif how == "repeat":
            data[at:at] = data[at : at + size] * (1 + size % 5)
        elif how == "splice":
            data[at:at] = chunk
        elif how == "token":
            data[at:at] = TOKENS[size % len(TOKENS)]
        elif how == "lines":
            data[:] = _lines_swapped(bytes(data), where, size)
        elif how == "delete":
            del data[at : at + size]
    return bytes(data)


def _lines_swapped(data: bytes, where: float, size: int) -> bytes:
    lines = data.split(b"\n")
    first = int(where * max(len(lines) - 1, 0))
    second = (first + size) % max(len(lines), 1)
    lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def _damaged_part(
    seed: bytes, where: float, size: int, inside: list[Change], outside: list[Change]
) -> bytes:
    """The workbook `seed` with one of its parts damaged by `inside`, zipped again
    (so the checksums hold), then the bytes of the whole damaged by `outside`."""
    with zipfile.ZipFile(io.BytesIO(seed)) as book:
        parts = [(info.filename, book.read(info)) for info in book.infolist()]
    # Most inputs damage the sheet or its strings, where the importer reads the cells.
    cells = [n for n, (name, _b) in enumerate(parts) if "sheet" in name or "sharedStrings" in name]
    pick = cells[size % len(cells)] if cells and where < 0.75 else int(where * (len(parts) - 1))
    name, payload = parts[pick]
    parts[pick] = (name, _bytes_changed(payload, inside))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for part_name, part in parts:
            book.writestr(part_name, part)
    return _bytes_changed(out.getvalue(), outside)


def random_changes(rng: random.Random) -> list[Change]:
    """One to four changes drawn with `rng` (the long run's counterpart of the test's
    hypothesis strategy)."""
    changes: list[Change] = []
    for _ in range(rng.randint(1, 4)):
        how = rng.choice(HOWS)
        chunk = rng.randbytes(rng.randint(1, 64))
        changes.append((how, rng.random(), rng.randint(1, 200), chunk))
    return changes


# -- the corpus ------------------------------------------------------------------

#: The kinds of input, as the importers read them (the file name's ending).
KINDS = ("ics", "csv", "xlsx", "json")

_CALENDARS = {
    "outlook": """BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:REQUEST\r
BEGIN:VTIMEZONE\r
TZID:Romance Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008000000001\r
SUMMARY;LANGUAGE=fr-FR:Entretien au Quai d'Orsay\r
DTSTART;TZID=Romance Standard Time:20260507T103000\r
DTEND;TZID=Romance Standard Time:20260507T113000\r
LOCATION:37 Quai d'Orsay\\, Paris\r
DESCRIPTION:Ordre du jour :\\n1. Coopération\\n2. Questions diverses\r
END:VEVENT\r
END:VCALENDAR\r
""",
    "hotel": """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Hotel//Booking//EN\r
X-WR-TIMEZONE:Europe/Paris\r
BEGIN:VEVENT\r
UID:booking-1\r
DTSTART;VALUE=DATE:20260506\r
DTEND;VALUE=DATE:20260508\r
SUMMARY:Hôtel Lutetia\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:booking-2\r
DTSTART:20260507T190000\r
DURATION:PT2H30M\r
SUMMARY:Dîner\\, salon Matignon\r
CATEGORIES:MEAL\r
STATUS:TENTATIVE\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:booking-3\r
DTSTART:20260506T070000Z\r
DTEND:20260506T073000Z\r
RRULE:FREQ=DAILY;COUNT=3\r
EXDATE:20260507T070000Z\r
SUMMARY:Petit-déjeuner de travail, une ligne assez longue pour être pliée par le\r
  programme qui l'a écrite\r
END:VEVENT\r
END:VCALENDAR\r
""",
}


@cache
def corpus() -> dict[str, list[tuple[str, bytes]]]:
    """The real files of each kind, by kind: (a name, the bytes).

    Made once per process, in a temporary folder; the workbooks carry the time they
    were written, so the bytes differ from one run to the next (the long run saves
    every reproducer's bytes, and the test keeps no example database).
    """
    from tests.factories import small_visit
    from tests.roster_sheets import ENGLISH, FRENCH, UKRAINIAN, csv_bytes, write_xlsx
    from visitplanner.demo import build_demo
    from visitplanner.domain.calendars import Scope, ScopeKind
    from visitplanner.exports.visit_json import visit_to_json
    from visitplanner.services.calendars import ExportRequest, export_calendars
    from visitplanner.services.rosters import export_roster
    from visitplanner.services.visit_files import open_visit, write_visit

    folder = Path(tempfile.mkdtemp(prefix="visitplanner-corpus-"))
    data = build_demo()
    visit = folder / "demo.visit"
    write_visit(visit, data)
    session = open_visit(visit, read_only=True)
    try:
        export_calendars(session, ExportRequest(lang="uk"), folder / "demo.ics")
        one = ExportRequest(Scope(ScopeKind.PERSON, data.people[0].id), lang="fr")
        export_calendars(session, one, folder / "one.ics")
    finally:
        session.close()
    export_roster(data, folder / "roster.csv", lang="fr")
    export_roster(data, folder / "roster.xlsx", lang="uk")
    export_roster(data, folder / "accreditation.xlsx", Profile.INTERNAL, True, lang="fr")
    write_xlsx(folder / "french.xlsx", FRENCH)
    write_xlsx(folder / "ukrainian.xlsx", UKRAINIAN, title="Аркуш1")

    def read(name: str) -> bytes:
        return (folder / name).read_bytes()

    return {
        "ics": [
            ("demo.ics", read("demo.ics")),
            ("one-person.ics", read("one.ics")),
            *((f"{name}.ics", text.encode("utf-8")) for name, text in _CALENDARS.items()),
            *((path.name, path.read_bytes()) for path in sorted(CALENDAR_FILES.glob("*.ics"))),
        ],
        "csv": [
            ("demo-roster.csv", read("roster.csv")),
            ("french.csv", csv_bytes(FRENCH)),
            ("ukrainian-cp1251.csv", csv_bytes(UKRAINIAN[:3], "cp1251")),
            ("ukrainian-utf8.csv", csv_bytes(UKRAINIAN)),
            ("english-comma.csv", csv_bytes(ENGLISH, delimiter=",")),
        ],
        "xlsx": [
            ("demo-roster.xlsx", read("roster.xlsx")),
            ("accreditation.xlsx", read("accreditation.xlsx")),
            ("french.xlsx", read("french.xlsx")),
            ("ukrainian.xlsx", read("ukrainian.xlsx")),
        ],
        "json": [
            ("demo.json", visit_to_json(data).encode("utf-8")),
            ("small.json", visit_to_json(small_visit()).encode("utf-8")),
        ],
    }


@cache
def demo_data() -> VisitData:
    """The visit the damaged files are planned against (read only: plans, never writes)."""
    from visitplanner.demo import build_demo

    return build_demo()


@cache
def demo_visit_bytes() -> bytes:
    """The demo visit's file, to copy before an import that writes."""
    from visitplanner.demo import build_demo
    from visitplanner.services.visit_files import write_visit

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.visit"
        write_visit(path, build_demo())
        return path.read_bytes()


# -- what an import comes to -----------------------------------------------------

Verdict = Literal["imported", "refused", "internal"]


@dataclass
class Outcome:
    """What one input came to, and the exception if it was not an import."""

    verdict: Verdict
    error: BaseException | None = None
    changed_on_refusal: bool = False

    def describe(self) -> str:
        """The verdict and the exception, in one line."""
        if self.error is None:
            return self.verdict
        return f"{self.verdict}: {type(self.error).__name__}: {str(self.error)[:300]!r}"


def attempt(run: Callable[[], object]) -> Outcome:
    """Run one import; sort what it came to.

    Warnings are ignored, as the command line does (openpyxl warns of parts it does not
    understand); the tests' filter would turn them into exceptions.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run()
    except VisitPlannerError as exc:
        message = exc.message.strip()
        if not message:
            return Outcome("internal", exc)
        return Outcome("refused", exc)
    except OSError as exc:  # the command line prints it in one line, exit 2
        return Outcome("refused", exc)
    except Exception as exc:  # noqa: BLE001 - what the fuzzing is there to find
        return Outcome("internal", exc)
    return Outcome("imported")


def plan(kind: str, path: Path) -> None:
    """Read the file at `path` and plan its import into the demo (nothing written)."""
    if kind == "ics":
        from visitplanner.services.calendar_import import plan_import as plan_calendar

        plan_calendar(demo_data(), path)
    elif kind == "json":
        from visitplanner.imports.visit_json import load_visit_json

        load_visit_json(path)
    else:
        from visitplanner.services.rosters import plan_import, read_roster

        plan_import(demo_data(), read_roster(path))


def import_into(kind: str, path: Path, visit: Path) -> None:
    """Import the file at `path` into the visit at `visit` as the command line does
    (for JSON: make the new visit file `visit`)."""
    from visitplanner.services.visit_files import import_json, open_visit

    if kind == "json":
        import_json(path, visit)
        return
    session = open_visit(visit)
    try:
        with session.exclusive():
            if kind == "ics":
                from visitplanner.services.calendar_import import apply_import, plan_import

                calendar = plan_import(session.data, path)
                if not calendar.empty:
                    apply_import(session, calendar)
            else:
                from visitplanner.services import rosters

                roster = rosters.plan_import(session.data, rosters.read_roster(path))
                rosters.apply_import(session, roster, skip_invalid=True)
    finally:
        session.close()


def sha256(path: Path) -> str | None:
    """The file's SHA-256, or None where there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def attempt_import(kind: str, path: Path, folder: Path) -> Outcome:
    """Import `path` into a fresh copy of the demo visit in `folder`; on a refusal,
    the visit file must be byte for byte as it was (for JSON: not made at all)."""
    visit = folder / "target.visit"
    for leftover in (visit, folder / "target.visit.backups"):
        if leftover.is_dir():
            for backup in leftover.iterdir():
                backup.unlink()
            leftover.rmdir()
        else:
            leftover.unlink(missing_ok=True)
    if kind != "json":
        visit.write_bytes(demo_visit_bytes())
    before = sha256(visit)
    outcome = attempt(lambda: import_into(kind, path, visit))
    if outcome.verdict == "refused" and sha256(visit) != before:
        outcome.changed_on_refusal = True
    return outcome


# -- the real command line -------------------------------------------------------

COMMANDS = {
    "ics": ("import-ics", "{visit}", "{file}"),
    "csv": ("import-roster", "{visit}", "{file}"),
    "xlsx": ("import-roster", "{visit}", "{file}"),
    "json": ("import-json", "{file}", "-o", "{visit}"),
}


@dataclass
class CommandOutcome:
    """What `visitplanner import-…` did with one input, as a user sees it."""

    code: int
    stderr: str
    seconds: float
    changed_on_refusal: bool

    @property
    def clean(self) -> bool:
        """Exit 0, or exit 2 with one line and the visit as it was."""
        if "internal error" in self.stderr or "Traceback" in self.stderr:
            return False
        if self.code == 0:
            return True
        lines = self.stderr.strip().splitlines()
        return self.code == 2 and len(lines) == 1 and not self.changed_on_refusal


def command_env(folder: Path) -> dict[str, str]:
    """The environment a command runs in: English, its own settings and crash logs."""
    env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": ""}
    env["VISITPLANNER_CONFIG_DIR"] = str(folder / "config")
    env["XDG_STATE_HOME"] = str(folder / "state")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    env.pop("PYTHONPATH", None)
    return env


def run_command(kind: str, path: Path, folder: Path, timeout: float = 120) -> CommandOutcome:
    """Run the real `visitplanner import-…` on `path` and a fresh demo visit in `folder`."""
    visit = folder / "cli-target.visit"
    visit.unlink(missing_ok=True)
    if kind != "json":
        visit.write_bytes(demo_visit_bytes())
    before = sha256(visit)
    args = [part.format(visit=visit, file=path) for part in COMMANDS[kind]]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True,
        text=True,
        env=command_env(folder),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    took = time.perf_counter() - start
    changed = result.returncode != 0 and sha256(visit) != before
    return CommandOutcome(result.returncode, result.stderr, took, changed)
