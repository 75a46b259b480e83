"""An export pointed at a visit file, a backup, a folder or a device is refused, and the
visit loses nothing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.services.visit_files import open_visit, save_copy, write_visit
from visitplanner.storage.backup import make_backup


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def visit(tmp_path: Path) -> Path:
    path = tmp_path / "kalmykova.visit"
    write_visit(path, build_demo())
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["export-json"],
        ["briefing"],
        ["export-ics"],
        ["changes"],
    ],
)
def test_an_export_over_the_visit_itself_is_refused(
    visit: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _sha(visit)
    if command == ["changes"]:
        assert main(["version", str(visit)]) == 0
        before = _sha(visit)
    assert main([*command, str(visit), "-o", str(visit)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a visit file" in err[0]
    assert _sha(visit) == before


def test_a_roster_over_a_link_to_the_visit_is_refused(
    visit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _sha(visit)
    link = tmp_path / "delegations.csv"
    link.symlink_to(visit)
    assert main(["export-roster", str(visit), "-o", str(link)]) == 2
    assert "is a visit file" in capsys.readouterr().err
    assert _sha(visit) == before and link.is_symlink()


def test_an_export_over_another_visit_or_a_backup_is_refused(
    visit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "autre.visit"
    write_visit(other, build_demo())
    backup = make_backup(visit)
    link = tmp_path / "programme.json"
    link.symlink_to(other)
    for target in (other, backup, link):
        kept = _sha(other), _sha(backup)
        assert main(["export-json", str(visit), "-o", str(target)]) == 2
        assert "is a visit file" in capsys.readouterr().err
        assert (_sha(other), _sha(backup)) == kept
    assert link.is_symlink()


def test_an_export_to_a_folder_or_a_device_is_refused(
    visit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-json", str(visit), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    device = Path("/dev/full") if Path("/dev/full").exists() else Path(os.devnull)
    if not device.exists():
        pytest.skip("no device file on this system to point an export at")
    assert main(["export-json", str(visit), "-o", str(device)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert device.exists() and not device.is_file()


def test_an_export_to_a_new_file_still_works(visit: Path, tmp_path: Path) -> None:
    out = tmp_path / "programme.json"
    assert main(["export-json", str(visit), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"{")


def test_saving_a_copy_over_the_open_visit_is_refused(visit: Path) -> None:
    from visitplanner.domain.errors import StorageError

    session = open_visit(visit)
    before = _sha(visit)
    with pytest.raises(StorageError, match="is the visit itself"):
        save_copy(session, visit)
    session.close()
    assert _sha(visit) == before


def test_a_command_that_changes_the_visit_backs_it_up_first(visit: Path) -> None:
    folder = visit.with_name(visit.name + ".backups")
    assert main(["check", str(visit)]) in (0, 1)
    assert not folder.exists()  # reading makes no backup
    assert main(["version", str(visit), "--note", "pour l'ambassade"]) == 0
    backups = list(folder.glob("*.visit"))
    assert len(backups) == 1
    # The backup holds the visit as it was before the change.
    from visitplanner.services.visit_files import read_visit

    assert read_visit(backups[0]).versions == []
    assert len(read_visit(visit).versions) == 1
