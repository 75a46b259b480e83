"""The calendar dialogs, driven as an officer would: export, and import with a preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from visitplanner.demo import build_demo
from visitplanner.domain.lookup import find_person
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.exchange import calendars as calendar_dialogs
from visitplanner.ui.exchange.calendars import ExportCalendarDialog, import_calendar_dialog


@pytest.fixture
def session(tmp_path: Path) -> Iterator[VisitSession]:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    opened = VisitSession.open(path)
    yield opened
    opened.close()


def _choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_the_export_dialog_counts_and_writes_one_calendar(
    qtbot: QtBot, session: VisitSession, tmp_path: Path
) -> None:
    dialog = ExportCalendarDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("Events: 30")
    assert not dialog.who.isEnabled()
    dialog.drafts.setChecked(True)
    assert dialog.summary.text().startswith("Events: 31")
    _choose(dialog.scope, "person")
    assert dialog.who.isEnabled()
    minister = find_person(session.data, "Kalmykova")
    _choose(dialog.who, minister.id)
    _choose(dialog.language, "uk")
    dialog.alarm.setValue(20)
    target = tmp_path / "minister.ics"
    dialog.write(target)
    assert dialog.result() == QDialog.DialogCode.Accepted
    text = target.read_text(encoding="utf-8")
    assert "Калмикова" in text.replace("\r\n ", "")
    assert "TRIGGER:-PT20M" in text
    assert f"person:{minister.id}" in read_visit(session.path).calendars.sent  # type: ignore[arg-type]


def test_one_file_per_person_is_written_off_the_gui_thread(
    qtbot: QtBot, session: VisitSession, tmp_path: Path
) -> None:
    dialog = ExportCalendarDialog(session)
    qtbot.addWidget(dialog)
    _choose(dialog.scope, "per_person")
    assert "files" in dialog.summary.text()
    dialog.write(tmp_path / "people")
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert len(list((tmp_path / "people").glob("*.ics"))) == len(dialog.written) > 20
    assert len(session.data.calendars.sent) == len(dialog.written)


def test_the_import_preview_shows_what_happens_and_confirming_is_one_undo(
    qtbot: QtBot, session: VisitSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar = tmp_path / "ministry.ics"
    calendar.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        b"BEGIN:VEVENT\r\nUID:m-1\r\nDTSTART;TZID=Romance Standard Time:20260507T170000\r\n"
        b"DTEND;TZID=Romance Standard Time:20260507T180000\r\nSUMMARY:Point presse\r\n"
        b"LOCATION:Salle Pierre Messmer\\, 60 boulevard du G\xc3\xa9n\xc3\xa9ral Martial Valin\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:m-2\r\nDTSTART:20270101T090000Z\r\nDTEND:20270101T100000Z\r\n"
        b"SUMMARY:Voeux\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    shown: list[list[str]] = []

    def accept(dialog: calendar_dialogs.ImportCalendarDialog) -> int:
        qtbot.addWidget(dialog)
        model = dialog.model
        shown.extend(
            [str(model.index(row, col).data()) for col in range(model.columnCount())]
            for row in range(model.rowCount())
        )
        shown.append([dialog.summary.text()])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(calendar_dialogs.ImportCalendarDialog, "exec", accept)
    applied: list[object] = []

    def apply(operation: object) -> None:
        applied.append(operation)
        session.apply(operation)  # type: ignore[arg-type]

    before = len(session.data.events)
    import_calendar_dialog(None, session, apply=apply, path=calendar)
    assert shown[0][0] == "add" and shown[0][2] == "Point presse"
    assert shown[1][0] == "skip" and "outside the visit" in shown[1][4]
    assert shown[-1] == ["1 to add, 0 to update, 1 skipped — 1 new venue"]
    assert len(applied) == 1
    assert len(session.data.events) == before + 1
    session.undo()
    assert len(session.data.events) == before
    assert len(read_visit(session.path).events) == before  # type: ignore[arg-type]


def test_a_bad_file_is_named_and_nothing_changes(
    qtbot: QtBot, session: VisitSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        calendar_dialogs.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"\x00\x01binary")
    before = read_visit(session.path)  # type: ignore[arg-type]
    import_calendar_dialog(None, session, path=bad)
    assert warnings == ["bad.ics, line 1: binary data, not a calendar (a NUL byte)"]
    assert read_visit(session.path) == before  # type: ignore[arg-type]


def test_the_preview_counts_each_kind_of_skip_and_imports_the_rest(
    qtbot: QtBot, session: VisitSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar = tmp_path / "apple.ics"
    calendar.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 14.4.1//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:a-1\r\nDTSTART;TZID=Europe/Paris:20260507T110000\r\n"
        b"DURATION:PT1H\r\nSUMMARY:Visite du Louvre\r\nDESCRIPTION:Salles de la Renaissance\r\n"
        b"et de la galerie d'Apollon\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:a-2\r\nSUMMARY:Sans heure\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:a-3\r\nDTSTART;TZID=Mars/Olympus:20260507T110000\r\n"
        b"SUMMARY:Ailleurs\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    seen: dict[str, object] = {}

    def accept(dialog: calendar_dialogs.ImportCalendarDialog) -> int:
        qtbot.addWidget(dialog)
        seen["summary"] = dialog.summary.text()
        seen["skips"] = dialog.skips.text()
        model = dialog.model
        seen["rows"] = [
            (model.index(row, 1).data(), model.index(row, 4).data())
            for row in range(model.rowCount())
        ]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(calendar_dialogs.ImportCalendarDialog, "exec", accept)
    before = len(session.data.events)
    import_calendar_dialog(None, session, path=calendar)
    assert seen["summary"] == "1 to add, 0 to update, 3 skipped"
    assert seen["skips"] == (
        "Skipped: events that cannot be read: 1, lines that cannot be read: 1, "
        "unknown time zone: 1."
    )
    assert (10, "not a calendar line (no colon)") in seen["rows"]  # type: ignore[operator]
    assert (12, "an event without a start (DTSTART)") in seen["rows"]  # type: ignore[operator]
    assert len(session.data.events) == before + 1
