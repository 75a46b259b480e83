"""The command line says what is wrong with a visit in the user's language, domain rules too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_cli import run
from visitplanner.cli import main


@pytest.fixture(scope="module")
def twice_json(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The demo as JSON, with one event listing its first participant twice; and that event."""
    folder = tmp_path_factory.mktemp("twice")
    visit, exported = folder / "demo.visit", folder / "demo.json"
    assert main(["demo", str(visit)]) == 0
    assert main(["export-json", str(visit), "-o", str(exported)]) == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    index, event = next(
        (i, e) for i, e in enumerate(document["events"]) if e.get("participant_ids")
    )
    event["participant_ids"].append(event["participant_ids"][0])
    broken = folder / "twice.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return broken, index


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr_FR.UTF-8", "events[{i}] : un événement indique deux fois le même participant"),
        ("uk_UA.UTF-8", "events[{i}]: у заході двічі вказано того самого учасника"),
        ("en_GB.UTF-8", "events[{i}]: an event lists the same participant twice"),
    ],
    ids=["fr", "uk", "en"],
)
def test_a_domain_rule_broken_in_a_json_visit_is_told_in_the_users_language(
    tmp_path: Path, twice_json: tuple[Path, int], lang: str, expected: str
) -> None:
    broken, index = twice_json
    target = tmp_path / "new.visit"
    result = run("import-json", str(broken), "-o", str(target), lang=lang)
    assert result.returncode == 2
    assert result.stderr.strip() == f"visitplanner: {expected.format(i=index)}"
    assert not target.exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr_FR.UTF-8", "bad.json : pas du JSON (ligne 1, colonne 6 : un deux-points est attendu)"),
        ("uk_UA.UTF-8", "bad.json: не JSON (рядок 1, стовпець 6: очікується двокрапка)"),
        ("en_GB.UTF-8", "bad.json: not JSON (line 1, column 6: Expecting ':' delimiter)"),
    ],
    ids=["fr", "uk", "en"],
)
def test_malformed_json_is_told_in_the_users_language(
    tmp_path: Path, lang: str, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"a" 1}', encoding="utf-8")
    result = run("import-json", str(bad), "-o", str(tmp_path / "new.visit"), lang=lang)
    assert result.returncode == 2
    assert result.stderr.strip() == f"visitplanner: {expected}"


def test_a_missing_json_file_is_told_in_french(tmp_path: Path) -> None:
    result = run(
        "import-json",
        str(tmp_path / "absent.json"),
        "-o",
        str(tmp_path / "new.visit"),
        lang="fr_FR.UTF-8",
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "visitplanner: absent.json : illisible (aucun fichier de ce nom)"
    )
