"""A shared visit open in the window is live: it goes online by itself when the token is
known, another officer's edit shows on the page without a click, the window's edits
reach the others at once, edits made while the server is down wait and go out when it
is back, the officers connected are named, and a wrong token is refused in words."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.sync_server import Team, team_server
from visitplanner.demo import build_demo
from visitplanner.domain.lookup import find_event
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.sharing import Invitation, join_visit, share_visit, sync_visit
from visitplanner.services.visit_files import write_visit
from visitplanner.sync.live import LiveLink
from visitplanner.ui.exchange import live as ui_live
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings

WAIT_MS = 20_000
DINNER = "Dîner de travail"


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    with team_server(tmp_path_factory.mktemp("live-window")) as running:
        yield running


@pytest.fixture(autouse=True)
def _quick_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_live, "RETRY_SECONDS", (0.2,))
    monkeypatch.setattr(ui_live, "PEERS_EVERY", 0.2)
    set_language("en")


def _shared_pair(team: Team, folder: Path) -> tuple[Path, Path]:
    """The demo shared by Olena, and Jean's replica of it."""
    olena, jean = folder / "olena.visit", folder / "jean.visit"
    write_visit(olena, build_demo())
    invitation = share_visit(olena, team.server.url, team.olena, "Olena Kovalenko")
    join_visit(Invitation.parse(str(invitation)), jean, team.jean, "Jean Dupont")
    return olena, jean


def _window(qtbot, path: Path, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    controller = VisitController(VisitSession.open(path))
    settings = AppSettings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _edit_dinner(path: Path, **fields: object) -> None:
    """Another program's edit of the working dinner in the replica at `path`."""
    session = VisitSession.open(path)
    try:
        dinner = find_event(session.data, DINNER)
        session.apply(SaveEntity(dataclasses.replace(dinner, **fields), dinner, "Dinner"))
    finally:
        session.close()


def _dinner(path: Path) -> object:
    session = VisitSession.open(path)
    try:
        return find_event(session.data, DINNER)
    finally:
        session.close()


def _programme_shows(window: MainWindow, text: str) -> bool:
    model = window.pages["programme"].list.table.model()  # type: ignore[attr-defined]
    return any(
        text in str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_a_shared_visit_in_the_window_is_live(qtbot, tmp_path: Path, team: Team) -> None:  # type: ignore[no-untyped-def]
    olena, jean = _shared_pair(team, tmp_path)
    threads = {t.ident for t in threading.enumerate()}
    ui_live.remember_token(team.server.url, "Olena Kovalenko", team.olena)
    window = _window(qtbot, olena, tmp_path)
    status = window.sharing_status
    controller = window.controller
    try:
        qtbot.waitUntil(lambda: status.text().startswith("Online · last sync"), timeout=WAIT_MS)
        assert status.text().endswith("nothing waiting")
        window.build()  # menus made again (a language switch): the link carries on

        # Jean's edit, synced from his laptop, comes in without a click.
        dinner = find_event(controller.data, DINNER)
        _edit_dinner(jean, title=dinner.title.replace("en", "Working dinner with Jean"))
        sync_visit(jean, team.jean)
        qtbot.waitUntil(
            lambda: _programme_shows(window, "Working dinner with Jean"), timeout=WAIT_MS
        )
        assert window.statusBar().currentMessage().startswith("Received 1 change from Jean Dupont")
        assert controller.undo_stack.undoText() == ""  # his change is not mine to undo

        # The window's edit reaches the server at once; nothing waits once it has it.
        dinner = find_event(controller.data, DINNER)
        edited = dataclasses.replace(dinner, notes=dinner.notes.replace("en", "Salon Foch"))
        assert controller.apply(SaveEntity(edited, dinner, "Notes"))
        qtbot.waitUntil(lambda: status.text().endswith("nothing waiting"), timeout=WAIT_MS)
        sync_visit(jean, team.jean)
        assert _dinner(jean).notes.get("en") == "Salon Foch"  # type: ignore[attr-defined]

        # Who else is connected.
        seen: list[object] = []
        other = LiveLink(
            team.server.url,
            str(controller.data.visit.id),
            team.jean,
            b"\x00\x00",
            on_remote=lambda update: None,
            on_status=seen.append,
            on_confirmed=lambda count: None,
        )
        other.start()
        try:
            qtbot.waitUntil(lambda: "also here: Jean Dupont" in status.text(), timeout=WAIT_MS)
        finally:
            other.stop()
        qtbot.waitUntil(lambda: "also here" not in status.text(), timeout=WAIT_MS)

        # The server goes down: edits wait, counted, and go out once it is back.
        team.server.kill()
        qtbot.waitUntil(lambda: status.text().startswith("Offline"), timeout=WAIT_MS)
        for dress in ("Lounge suit", "Black tie"):
            dinner = find_event(controller.data, DINNER)
            edited = dataclasses.replace(dinner, dress_code=dinner.dress_code.replace("en", dress))
            assert controller.apply(SaveEntity(edited, dinner, "Dress code"))
        assert status.text().startswith("Offline · 2 changes waiting · last sync ")
        team.server.start()
        qtbot.waitUntil(
            lambda: (
                status.text().startswith("Online") and status.text().endswith("nothing waiting")
            ),
            timeout=WAIT_MS,
        )
        sync_visit(jean, team.jean)
        assert _dinner(jean).dress_code.get("en") == "Black tie"  # type: ignore[attr-defined]
        # Undo takes back the officer's own last change, and that goes out too.
        assert controller.undo_stack.undoText() == "Dress code"
        assert controller.undo_stack.undo()
        qtbot.waitUntil(lambda: status.text().endswith("nothing waiting"), timeout=WAIT_MS)
        sync_visit(jean, team.jean)
        assert _dinner(jean).dress_code.get("en") == "Lounge suit"  # type: ignore[attr-defined]

        # Work online unchecked: the link closes; checked again, it comes back.
        action = window.findChild(type(window.menuBar().actions()[0]), "work-online")
        assert action is not None and action.isChecked()
        action.trigger()
        assert not window.live.running
        assert status.text().startswith("Shared · last sync")
        action.trigger()
        qtbot.waitUntil(lambda: status.text().startswith("Online"), timeout=WAIT_MS)
    finally:
        window.close()
        controller.session.close()
    assert not window.live.running
    qtbot.waitUntil(lambda: {t.ident for t in threading.enumerate()} <= threads, timeout=WAIT_MS)


def test_a_wrong_token_is_refused_in_words(qtbot, tmp_path: Path, team: Team) -> None:  # type: ignore[no-untyped-def]
    olena, _jean = _shared_pair(team, tmp_path)
    ui_live.remember_token(team.server.url, "Olena Kovalenko", "not-her-token")
    window = _window(qtbot, olena, tmp_path)
    try:
        qtbot.waitUntil(
            lambda: window.sharing_status.text().startswith("Token refused"), timeout=WAIT_MS
        )
        assert "Sync now" in window.sharing_status.text()
        assert "refused the token" in window.sharing_status.toolTip()
        # The refused token is forgotten: the next window does not try it again.
        assert ui_live.typed_token(team.server.url, "Olena Kovalenko") is None
    finally:
        window.close()
        window.controller.session.close()


def test_what_a_merge_settled_is_told_without_stopping_work(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Another officer's value replaced mine: a word in the status bar, and the merge
    report left open beside the window, its Restore button an edit of mine."""
    from visitplanner.domain.plain import to_plain
    from visitplanner.operations.change import Change
    from visitplanner.sync.document import Conflict, Identity, Incoming
    from visitplanner.sync.replica import Received
    from visitplanner.ui.exchange.sharing import MergeReportDialog

    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    window = _window(qtbot, path, tmp_path)
    try:
        dinner = find_event(window.controller.data, DINNER)
        mine = to_plain(dinner.dress_code.replace("en", "Lounge suit"))
        incoming = Incoming(
            changed={("event", dinner.id): {"dress_code": "x"}},
            conflicts=[Conflict("event", dinner.id, "dress_code", None, None, mine, None, None)],
            authors=[Identity("Jean Dupont", "laptop-3")],
        )
        told = "The working dinner's dress code, Lounge suit, was replaced by Black tie."
        ui_live.tell_received(window, window.controller, Received(Change(), incoming, [told]))
        message = window.statusBar().currentMessage()
        assert message.startswith("Received 1 change from Jean Dupont (laptop-3).")
        assert told in message
        report = window.findChild(MergeReportDialog, "live-merge-report")
        assert report is not None and report.isVisible() and not report.isModal()
        assert report.windowTitle() == "Merge report"
        report.restore_buttons[0].click()
        restored = find_event(window.controller.data, DINNER).dress_code.get("en")
        assert restored == "Lounge suit"
        assert window.controller.undo_stack.undoText() == "Restore my value"
    finally:
        window.close()
        window.controller.session.close()
