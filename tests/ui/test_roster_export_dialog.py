"""File > Export roster's accreditation list: always internal, and marked on every row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from visitplanner.domain.values import Profile
from visitplanner.operations.session import VisitSession
from visitplanner.ui.exchange.roster_export import RosterExportDialog


def test_the_accreditation_list_is_written_internal_and_marked(
    qtbot, demo: VisitSession, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = RosterExportDialog(None, demo)
    qtbot.addWidget(dialog)
    dialog.profile.setCurrentIndex(dialog.profile.findData(Profile.SHAREABLE))
    dialog.accreditation.setChecked(True)
    # The dialog offers no shareable accreditation list: the profile is forced and locked.
    assert dialog.profile.currentData() == Profile.INTERNAL
    assert not dialog.profile.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData(".csv"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.export_to(tmp_path / "accreditation") == len(demo.data.people)
    raw = (tmp_path / "accreditation.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
    assert header[0] == "Marking"
    assert all(row[0].endswith("INTERNAL: personal data, for accreditation only") for row in rows)
    assert all(row[0].startswith(demo.data.visit.marking.upper()) for row in rows)
