"""import-roster and export-roster on the command line, as an officer or a script runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_process import run_visitplanner
from tests.roster_sheets import FRENCH, UKRAINIAN, write_csv, write_xlsx
from visitplanner.services.visit_files import read_visit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_roster import sheet_rows  # noqa: E402 - the benchmark's generator, shared
from bench_roster import write_csv as write_big_csv  # noqa: E402


def run(tmp_path: Path, *args: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess[str]:
    """Run `visitplanner ARGS` in a child process, its settings kept in `tmp_path`."""
    return run_visitplanner(*args, lang=lang, config=tmp_path / "config")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo visit, written for the test."""
    path = tmp_path / "demo.visit"
    assert run(tmp_path, "demo", str(path)).returncode == 0
    return path


def test_a_ukrainian_csv_in_windows_1251_is_imported(tmp_path: Path, demo: Path) -> None:
    rows = [[c.replace("ʼ", "'") for c in row] for row in UKRAINIAN]
    sheet = write_csv(tmp_path / "список.csv", rows, "cp1251", ";")
    before = len(read_visit(demo).people)
    result = run(tmp_path, "import-roster", str(demo), str(sheet))
    assert result.returncode == 0, result.stderr
    assert "CSV, Windows-1251" in result.stdout
    # "Україна" is the country of the demo's Ukrainian delegation: no new delegation.
    assert "New delegation" not in result.stdout
    # Kalmykova and Shymanskyi are in it already (matched by their Cyrillic names).
    assert "2 to add, 2 to update, 0 unchanged." in result.stdout
    data = read_visit(demo)
    assert len(data.people) == before + 2
    minister = next(p for p in data.people if p.family_name_native == "Калмикова")
    assert minister.patronymic_native == "Іванівна" and minister.family_name == "Kalmykova"
    new = next(p for p in data.people if p.family_name_native == "Мʼясоїдов".replace("ʼ", "'"))
    assert new.family_name == "Miasoidov" and new.latin_derived


def test_the_delegation_option_and_the_summary(tmp_path: Path, demo: Path) -> None:
    sheet = write_xlsx(tmp_path / "liste.xlsx", [*FRENCH, ["Dupont", "Marie", "", "Chambellan"]])
    result = run(tmp_path, "import-roster", str(demo), str(sheet), "--delegation", "ukrainienne")
    assert result.returncode == 0, result.stderr
    assert "XLSX, sheet “Feuil1”" in result.stdout
    assert "Role not known, kept as written: “Chambellan” (row 5)" in result.stdout
    assert "New delegation" not in result.stdout


def test_a_wrong_row_stops_the_import_unless_skip_invalid(tmp_path: Path, demo: Path) -> None:
    rows = [*FRENCH, ["", "Sans nom", "", "", "", "Ukraine"]]
    sheet = write_csv(tmp_path / "liste.csv", rows)
    before = read_visit(demo)
    result = run(tmp_path, "import-roster", str(demo), str(sheet))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "row 6: no family name" in result.stderr
    assert "Traceback" not in result.stderr
    assert read_visit(demo) == before
    skipped = run(tmp_path, "import-roster", str(demo), str(sheet), "--skip-invalid")
    assert skipped.returncode == 0, skipped.stderr
    assert len(read_visit(demo).people) == len(before.people) + 2  # Kalmykova is matched


def test_row_errors_in_french(tmp_path: Path, demo: Path) -> None:
    sheet = write_csv(tmp_path / "liste.csv", [*FRENCH, ["", "Sans nom", "", "", "", "X"]])
    result = run(tmp_path, "import-roster", str(demo), str(sheet), lang="fr_FR.UTF-8")
    assert result.returncode == 2
    assert "ligne 6" in result.stderr


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("scan.csv", b"%PDF-1.4\n", "PDF document"),
        ("vide.csv", b"", "the file is empty"),
        ("faux.xlsx", b"PK\x03\x04garbage", "damaged ZIP archive"),
    ],
)
def test_a_bad_file_is_one_clear_line(
    tmp_path: Path, demo: Path, name: str, payload: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    result = run(tmp_path, "import-roster", str(demo), str(path))
    assert result.returncode == 2
    assert message in result.stderr and name in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unknown_encoding_and_a_missing_file(tmp_path: Path, demo: Path) -> None:
    sheet = write_csv(tmp_path / "liste.csv", FRENCH)
    result = run(tmp_path, "import-roster", str(demo), str(sheet), "--encoding", "martian")
    assert result.returncode == 2 and "unknown encoding" in result.stderr
    missing = run(tmp_path, "import-roster", str(demo), str(tmp_path / "absent.csv"))
    assert missing.returncode == 2 and "absent.csv" in missing.stderr


def test_export_roster_shareable_internal_and_accreditation(tmp_path: Path, demo: Path) -> None:
    shareable = tmp_path / "roster.csv"
    result = run(tmp_path, "export-roster", str(demo), "-o", str(shareable))
    assert result.returncode == 0, result.stderr
    assert "shareable" in result.stdout
    text = shareable.read_text(encoding="utf-8-sig")
    assert text.startswith("Délégation;")  # the demo's main language is French
    assert "ZZ0000101" not in text
    accreditation = tmp_path / "accreditation.xlsx"
    refused = run(
        tmp_path, "export-roster", str(demo), "-o", str(accreditation), "--accreditation",
        "--lang", "en",
    )  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "internal by nature" in refused.stderr and "--profile internal" in refused.stderr
    assert not accreditation.exists()
    result = run(
        tmp_path, "export-roster", str(demo), "-o", str(accreditation), "--accreditation",
        "--profile", "internal", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert accreditation.stat().st_size > 0
    bad = run(tmp_path, "export-roster", str(demo), "-o", str(tmp_path / "roster.txt"))
    assert bad.returncode == 2 and ".csv or .xlsx" in bad.stderr


def test_a_ten_thousand_row_sheet_imports_on_the_command_line(tmp_path: Path) -> None:
    visit = tmp_path / "summit.visit"
    assert run(
        tmp_path, "new", str(visit), "--title", "Sommet", "--start", "2026-06-01",
        "--end", "2026-06-03", "--no-encryption",
    ).returncode == 0  # fmt: skip
    sheet = tmp_path / "big.csv"
    write_big_csv(sheet, sheet_rows(10_000))
    result = run(tmp_path, "import-roster", str(visit), str(sheet))
    assert result.returncode == 0, result.stderr
    assert "10000 to add" in result.stdout.replace(",", "")
    data = read_visit(visit)
    assert len(data.people) == 10_000
    assert len(data.delegations) == 20
