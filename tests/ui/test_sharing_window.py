"""A shared visit in the window: File > Shared visit > Share the visit… puts it on a real
sync server, the status bar says where it stands, an edit waits until Sync now sends it,
and another officer's change comes in through the same sync."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.sync_server import ServerProcess
from visitplanner.demo import build_demo
from visitplanner.domain.lookup import find_event
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.sharing import Invitation, join_visit, sync_visit
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.exchange import sharing as ui_sharing
from visitplanner.ui.exchange.sharing import ShareDialog, sync_now
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings


def test_share_edit_and_sync_from_the_window(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, team: tuple[ServerProcess, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, olena, jean = team
    set_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    controller = VisitController(VisitSession.open(path))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.sharing_status.text() == ""  # not shared
        dialog = ShareDialog(controller, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.server.setText(server.url)
        dialog.officer.setText("Olena Kovalenko")
        dialog.token.setText(olena)
        dialog.accept()
        qtbot.waitUntil(
            lambda: dialog.shared.isVisible() or bool(dialog.error.text()), timeout=30_000
        )
        assert dialog.shared.isVisible(), dialog.error.text()
        invitation = dialog.invitation.text()
        assert invitation == f"{server.url}/{controller.data.visit.id}"
        dialog.accept()
        window.sharing_status.refresh()
        assert window.sharing_status.text().endswith("nothing waiting")
        # An edit in the window waits for the next sync.
        dinner = find_event(controller.data, "Dîner de travail")
        edited = dataclasses.replace(
            dinner, dress_code=dinner.dress_code.replace("en", "Lounge suit")
        )
        assert controller.apply(SaveEntity(edited, dinner, "Dress code"))
        assert window.sharing_status.text().endswith("1 change waiting")
        # Jean joins, sets a note on the dinner and syncs.
        theirs = tmp_path / "jean.visit"
        join_visit(Invitation.parse(invitation), theirs, jean, "Jean Dupont")
        other = VisitSession.open(theirs)
        meal = find_event(other.data, "Dîner de travail")
        other.apply(
            SaveEntity(
                dataclasses.replace(meal, notes=meal.notes.replace("en", "Room Foch")),
                meal,
                "Notes",
            )
        )
        other.close()
        sync_visit(theirs, jean)
        # Sync now, the token from the keyring (the tests' stand-in for it).
        monkeypatch.setattr(ui_sharing, "kept_token", lambda server, officer: olena)
        worker = sync_now(controller, window)
        assert worker is not None
        qtbot.waitUntil(lambda: not worker.running(), timeout=30_000)
        qtbot.waitUntil(
            lambda: find_event(controller.data, "Dîner de travail").notes.get("en") == "Room Foch",
            timeout=10_000,
        )
        assert find_event(controller.data, "Dîner de travail").dress_code.get("en") == "Lounge suit"
        qtbot.waitUntil(
            lambda: window.sharing_status.text().endswith("nothing waiting"), timeout=10_000
        )
        # Jean's change came in as an edit of another officer's: Undo leaves it alone.
        assert controller.undo_stack.undoText() == "Dress code"
    finally:
        controller.session.close()


def test_a_value_the_merge_replaced_is_set_back_in_one_click(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sync now's report: each value of mine another officer's replaced comes with
    Restore my value, an undoable edit of mine; the other messages are shown as text."""
    from visitplanner.domain.plain import to_plain
    from visitplanner.services.sharing import SyncReport
    from visitplanner.sync.document import Conflict
    from visitplanner.ui.exchange.sharing import MergeReportDialog

    set_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    controller = VisitController(VisitSession.open(path))
    try:
        dinner = find_event(controller.data, "Dîner de travail")
        mine = dinner.dress_code.replace("en", "Lounge suit")
        conflict = Conflict(
            "event", dinner.id, "dress_code", None, None, to_plain(mine), None, None
        )
        gone = Conflict("event", "no-such-event", "notes", None, None, "x", None, None)
        report = SyncReport(
            0,
            3,
            ["dress code replaced", "notes replaced", "a seat was freed"],
            (conflict, gone),
        )
        dialog = MergeReportDialog(controller, "Sent 0 changes; received 3 changes.", report)
        qtbot.addWidget(dialog)
        dialog.show()
        assert len(dialog.restore_buttons) == 2  # the freed seat is told, not restorable
        dialog.restore_buttons[0].click()
        assert find_event(controller.data, "Dîner de travail").dress_code.get("en") == "Lounge suit"
        assert controller.undo_stack.undoText() == "Restore my value"
        assert not dialog.restore_buttons[0].isEnabled()
        assert dialog.restore_buttons[0].text() == "Restored"
        dialog.restore_buttons[1].click()
        assert dialog.error.text() == "nothing to restore: it was deleted since"
        assert dialog.restore_buttons[1].isEnabled()
    finally:
        controller.session.close()


def test_sync_now_tells_the_problems_the_merge_brought(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a merge the plan checks ran on the merged visit: Sync now's report names what
    they found that they had not found before (a double booking made apart)."""
    from PySide6.QtWidgets import QWidget

    from visitplanner.domain.checks import Finding, FindingKind, Severity
    from visitplanner.services.sharing import SyncReport
    from visitplanner.storage.sync_rows import SyncState, save_sync_state

    set_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    session = VisitSession.open(path)
    with session.database.transaction():
        save_sync_state(
            session.database.conn,
            SyncState("ws://127.0.0.1:1", session.data.visit.id, "Olena", "laptop-3", b""),
        )
    controller = VisitController(session)
    parent = QWidget()
    qtbot.addWidget(parent)
    overlap = Finding(
        FindingKind.PERSON_OVERLAP,
        Severity.ERROR,
        "Natalia Kalmykova is in two events at once: “Press” (06/05 18:15) and "
        "“Call” (06/05 18:30)",
    )
    report = SyncReport(sent=1, received=1, findings=(overlap,))
    monkeypatch.setattr(ui_sharing, "kept_token", lambda server, officer: "token")
    monkeypatch.setattr(ui_sharing, "sync_visit", lambda path, token: report)
    shown: list[str] = []
    monkeypatch.setattr(
        ui_sharing.QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    try:
        worker = sync_now(controller, parent)
        assert worker is not None
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        assert shown[0].splitlines() == [
            "Sent 1 change; received 1 change.",
            "",
            "The plan checks find 1 new problem in the merged visit:",
            "error: [person-overlap] Natalia Kalmykova is in two events at once: "
            "“Press” (06/05 18:15) and “Call” (06/05 18:30)",
        ]
    finally:
        session.close()
