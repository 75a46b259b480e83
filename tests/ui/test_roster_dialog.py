"""The roster import and export dialogs, driven as an officer would."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from tests.factories import small_visit
from tests.roster_sheets import FRENCH, UKRAINIAN, write_csv
from visitplanner.domain.roster_columns import RosterField, Target
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.roster_mappings import MappingStore
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.exchange.roster_export import RosterExportDialog
from visitplanner.ui.exchange.roster_import import RosterImportDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_roster import sheet_rows
from bench_roster import write_csv as write_big_csv


@pytest.fixture
def session(tmp_path: Path) -> Iterator[VisitSession]:
    """The small visit, open."""
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    opened = VisitSession.open(path)
    yield opened
    opened.close()


def _dialog(qtbot, session: VisitSession, path: Path, tmp_path: Path, applied=None):  # type: ignore[no-untyped-def]
    store = MappingStore(tmp_path / "config" / "roster-mappings.json")

    def apply(operation: Operation) -> object:
        if applied is not None:
            applied.append(operation)
        return session.apply(operation)

    dialog = RosterImportDialog(None, session, path, apply=apply, store=store)
    qtbot.addWidget(dialog)
    return dialog


def _wait_for_page(qtbot, dialog: RosterImportDialog, page: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: dialog.worker is None and dialog.pages.currentIndex() == page, timeout=15000
    )


def test_open_a_csv_see_the_counts_confirm_and_undo(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [[c.replace("ʼ", "'") for c in row] for row in UKRAINIAN]
    sheet = write_csv(tmp_path / "список.csv", rows, "cp1251")
    applied: list[Operation] = []
    dialog = _dialog(qtbot, session, sheet, tmp_path, applied)
    _wait_for_page(qtbot, dialog, 2)
    assert "Windows-1251" in dialog.source.text()
    assert dialog.summary.text().startswith("4 to add, 0 to update, 0 unchanged.")
    assert "New delegations: Україна." in dialog.summary.text()
    assert dialog.preview_model.rowCount() == 4
    assert dialog.preview_model.lines[0][:4] == (2, "New", "Nataliia Kalmykova", "Україна (new)")
    before = read_visit(session.path)  # type: ignore[arg-type]
    assert dialog.confirm.isEnabled()
    dialog.confirm.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    after = read_visit(session.path)  # type: ignore[arg-type]
    assert len(after.people) == len(before.people) + 4
    # "Україна" is a new delegation here: its minister is a new person beside the one
    # already in the visit's Ukrainian delegation.
    assert sum(1 for p in after.people if p.family_name_native == "Калмикова") == 2
    [_command] = applied
    session.undo()
    assert read_visit(session.path) == before  # type: ignore[arg-type]


def test_unrecognised_columns_are_mapped_and_remembered(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Nom", "Prénom", "Logement prévu", "Délégation"],
            ["Dupont", "Marie", "Hôtel Lutetia", "Délégation française"]]  # fmt: skip
    sheet = write_csv(tmp_path / "liste.csv", rows)
    dialog = _dialog(qtbot, session, sheet, tmp_path)
    _wait_for_page(qtbot, dialog, 1)
    assert "Columns not recognised: 1." in dialog.columns_note.text()
    assert dialog.columns.item(1, 2).text() == "Hôtel Lutetia"  # the first rows are shown
    box = dialog.columns.cellWidget(0, 2)
    assert isinstance(box, QComboBox) and box.currentText() == "(left out)"
    box.setCurrentIndex(box.findData(Target(RosterField.HOTEL).key()))
    dialog.next.click()
    _wait_for_page(qtbot, dialog, 2)
    assert dialog.summary.text().startswith("1 to add")
    dialog.confirm.click()
    dupont = next(p for p in read_visit(session.path).people if p.family_name == "Dupont")  # type: ignore[arg-type]
    assert dupont.notes == "Hôtel : Hôtel Lutetia"  # no such venue: kept in the notes
    # The next sheet with the same headers goes straight to the preview.
    again = _dialog(qtbot, session, sheet, tmp_path)
    _wait_for_page(qtbot, again, 2)
    assert again.summary.text().startswith("0 to add, 0 to update, 1 unchanged.")
    assert not again.confirm.isEnabled()


def test_the_encoding_can_be_overridden_and_errors_are_shown(
    qtbot, session, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sheet = write_csv(
        tmp_path / "liste.csv", [*FRENCH, ["", "Sans nom", "", "", "", "X"]], "cp1252"
    )
    dialog = _dialog(qtbot, session, sheet, tmp_path)
    _wait_for_page(qtbot, dialog, 2)
    assert "Windows-1252" in dialog.source.text()
    assert "Wrong rows, left out: 1." in dialog.summary.text()
    errors = [line for line in dialog.preview_model.lines if line[1] == "Error"]
    assert errors == [(6, "Error", "", "", "no family name")]  # Koval's cell takes 2 lines
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=15000)
    assert dialog.pages.currentIndex() == 0
    assert "not UTF-8 text" in dialog.status.text()
    # Read the wrong way, the accented headers are no longer recognised: the officer
    # sees the garbled first rows in the columns step, and picks another encoding.
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1251"))
    dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    _wait_for_page(qtbot, dialog, 1)
    assert "Windows-1251" in dialog.source.text()
    assert dialog.columns.horizontalHeaderItem(1).text() == "⚠ Prйnom"  # marked unknown


def test_a_chosen_delegation_takes_every_row(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = write_csv(tmp_path / "liste.csv", FRENCH)
    dialog = _dialog(qtbot, session, sheet, tmp_path)
    _wait_for_page(qtbot, dialog, 2)
    assert "New delegations: Ukraine." in dialog.summary.text()
    dialog.delegation.setCurrentIndex(dialog.delegation.findData(session.data.delegations[0].id))
    dialog.delegation.activated.emit(dialog.delegation.currentIndex())
    _wait_for_page(qtbot, dialog, 2)
    assert "New delegations" not in dialog.summary.text()
    assert "1 to add, 1 to update, 1 unchanged." in dialog.summary.text()


def test_a_ten_thousand_row_sheet_shows_progress(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "big.csv"
    write_big_csv(sheet, sheet_rows(10_000))
    seen: list[int] = []
    dialog = _dialog(qtbot, session, sheet, tmp_path)
    assert dialog.worker is not None
    dialog.worker.progressed.connect(lambda done, total, _what: seen.append(total))
    _wait_for_page(qtbot, dialog, 2)
    assert dialog.summary.text().startswith("10000 to add")
    assert seen and max(seen) >= 10_000
    assert dialog.progress.maximum() >= 10_000


def test_cancel_writes_nothing(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = read_visit(session.path)  # type: ignore[arg-type]
    dialog = _dialog(qtbot, session, write_csv(tmp_path / "liste.csv", FRENCH), tmp_path)
    _wait_for_page(qtbot, dialog, 2)
    dialog.reject()
    assert read_visit(session.path) == before  # type: ignore[arg-type]


def test_the_export_dialog_writes_the_chosen_file(qtbot, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = RosterExportDialog(None, session)
    qtbot.addWidget(dialog)
    dialog.accreditation.setChecked(True)
    assert not dialog.profile.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData(".csv"))
    assert dialog.export_to(tmp_path / "accreditation") == 3
    text = (tmp_path / "accreditation.csv").read_text(encoding="utf-8-sig")
    assert "FX000001" in text
    dialog.accreditation.setChecked(False)
    dialog.profile.setCurrentIndex(0)
    dialog.export_to(tmp_path / "roster.csv")
    assert "FX000001" not in (tmp_path / "roster.csv").read_text(encoding="utf-8-sig")


def test_cancel_while_reading_stops_the_work_and_closes(qtbot, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "big.csv"
    write_big_csv(sheet, sheet_rows(10_000))
    before = read_visit(session.path)
    dialog = _dialog(qtbot, session, sheet, tmp_path)
    assert dialog.worker is not None
    with qtbot.waitSignal(dialog.rejected, timeout=15000):
        dialog.reject()
    assert dialog.worker is None
    assert read_visit(session.path) == before
