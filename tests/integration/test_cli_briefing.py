"""`visitplanner briefing` end to end: the whole visit, a person's pack, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.cli import main


@pytest.fixture
def demo_visit(tmp_path: Path) -> Path:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    return visit


def test_briefing_prints_the_whole_visit(demo_visit: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    result = run("briefing", str(demo_visit), "-o", str(out), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    pdf = read_pdf(out.read_bytes())
    assert f"({len(pdf.pages)} pages)" in result.stdout
    assert "DOSSIER DE VISITE" in pdf.text
    assert f"page 1 sur {len(pdf.pages)}" in pdf.page_text(1)


def test_briefing_prints_a_personal_pack_named_in_cyrillic(
    demo_visit: Path, tmp_path: Path
) -> None:
    out = tmp_path / "melnyk.pdf"
    result = run(
        "briefing",
        str(demo_visit),
        "-o",
        str(out),
        "--person",
        "Мельник",
        "--lang",
        "uk",
        "--marking",
        "Для службового користування",
        "--sections",
        "cover,programme",
    )
    assert result.returncode == 0, result.stderr
    text = read_pdf(out.read_bytes()).text
    assert "ОСОБИСТИЙ ІНФОРМАЦІЙНИЙ ПАКЕТ" in text
    assert "Юлія Олександрівна МЕЛЬНИК" in text
    assert "ДЛЯ СЛУЖБОВОГО КОРИСТУВАННЯ" in text
    assert "Ваше місце" in text  # her own place at each event she attends
    assert "Картки заходів" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--person", "Nobody"], "no person named"),
        (["--person", "a"], "matches"),
        (["--sections", "cover,toilets"], "unknown section toilets"),
        (["--lang", "de"], "invalid choice"),
        (["--profile", "public"], "public"),
    ],
    ids=["unknown person", "ambiguous person", "unknown section", "language", "profile"],
)
def test_bad_briefing_input_is_one_line_and_exit_2(
    demo_visit: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "book.pdf"
    result = run("briefing", str(demo_visit), "-o", str(out), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert not out.exists()


def test_briefing_into_a_missing_folder_says_so(demo_visit: Path, tmp_path: Path) -> None:
    result = run("briefing", str(demo_visit), "-o", str(tmp_path / "no" / "book.pdf"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr
