"""Three officers on one visit converge: a real sync server in a child process, two
command-line replicas (`visitplanner share`, `join`, `sync`, `export-json` in child
processes; their edits made in the file as another program would) and one window kept
live. They edit online, then offline (the server stopped, edits on every replica: two
fields of one event, a running-order line added on two replicas at once, a deletion),
the server comes back, and every replica's `export-json` is the same apart from the
export's own timestamp."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.sync_server import PASSPHRASE, ServerProcess, exported, visitplanner
from visitplanner.demo import build_demo
from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import Event, RunningOrderItem
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import DeleteEntities, SaveEntity
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.exchange import live as ui_live
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.settings import AppSettings

WAIT_MS = 30_000
DINNER = "Dîner de travail"
CEREMONY = "Cérémonie commémorative"
DEPARTURE = "Départ de la délégation"


@dataclass
class Officers:
    """The server and the tokens of three officers."""

    server: ServerProcess
    olena: str
    jean: str
    petro: str


@pytest.fixture(scope="module")
def officers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Officers]:
    from visitplanner.sync.officers import add_officer
    from visitplanner.sync.store import ServerDatabase

    data = tmp_path_factory.mktemp("three") / "server"
    database = ServerDatabase.open(data, PASSPHRASE, create=True)
    try:
        tokens = [
            add_officer(database, name)
            for name in ("Olena Kovalenko", "Jean Dupont", "Petro Shevchenko")
        ]
    finally:
        database.close()
    server = ServerProcess(data).start()
    try:
        yield Officers(server, *tokens)
    finally:
        server.kill()


def sync(path: Path, token: str) -> None:
    done = visitplanner("sync", str(path), token=token)
    assert done.returncode == 0, done.stderr


def edit(path: Path, make: Callable[[VisitSession], Operation]) -> None:
    """An edit of the replica at `path`, written in its file as another program would."""
    session = VisitSession.open(path)
    try:
        session.apply(make(session))
    finally:
        session.close()


def field_text(name: str, field: str, text: str) -> Callable[[VisitSession], Operation]:
    def make(session: VisitSession) -> Operation:
        event = find_event(session.data, name)
        value = getattr(event, field).replace("en", text)
        return SaveEntity(dataclasses.replace(event, **{field: value}), event, "Edit")

    return make


def line_added(action: str, minutes: int) -> Callable[[VisitSession], Operation]:
    """A running-order line added at the end of the ceremony's."""

    def make(session: VisitSession) -> Operation:
        ceremony = find_event(session.data, CEREMONY)
        last = ceremony.running_order[-1]
        line = RunningOrderItem(
            at=last.at + timedelta(minutes=minutes), action=LocalizedText(en=action)
        )
        after = dataclasses.replace(ceremony, running_order=[*ceremony.running_order, line])
        return SaveEntity(after, ceremony, "Running order")

    return make


def deleted(name: str) -> Callable[[VisitSession], Operation]:
    def make(session: VisitSession) -> Operation:
        event = find_event(session.data, name)
        linked = list(entity_kinds.linked_to(session.data, {event.id}))
        return DeleteEntities([event], linked, "Delete")

    return make


def actions(event: Event) -> list[str]:
    return [line.action.get("en") for line in event.running_order]


def test_three_replicas_converge_online_and_offline(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, officers: Officers, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_language("en")
    monkeypatch.setattr(ui_live, "RETRY_SECONDS", (0.2,))
    server = officers.server
    olena, jean, petro = (tmp_path / f"{n}.visit" for n in ("olena", "jean", "petro"))
    write_visit(olena, build_demo())
    shared = visitplanner(
        "share", str(olena), "--server", server.url, "--as", "Olena Kovalenko", token=officers.olena
    )
    assert shared.returncode == 0, shared.stderr
    invitation = shared.stdout.strip().splitlines()[-1]
    for path, name, token in (
        (jean, "Jean Dupont", officers.jean),
        (petro, "Petro Shevchenko", officers.petro),
    ):
        joined = visitplanner("join", invitation, "-o", str(path), "--as", name, token=token)
        assert joined.returncode == 0, joined.stderr

    ui_live.remember_token(server.url, "Olena Kovalenko", officers.olena)
    controller = VisitController(VisitSession.open(olena))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.show()
    status = window.sharing_status

    def dinner() -> Event:
        return find_event(controller.data, DINNER)

    def window_edit(make: Callable[[VisitSession], Operation]) -> None:
        assert controller.apply(make(controller.session))

    try:
        qtbot.waitUntil(lambda: status.text().startswith("Online"), timeout=WAIT_MS)
        # Online: three fields of one event, each set by another officer.
        edit(jean, field_text(DINNER, "notes", "Salon Foch"))
        sync(jean, officers.jean)
        window_edit(field_text(DINNER, "dress_code", "Lounge suit"))
        edit(petro, field_text(DINNER, "title", "Working dinner"))
        sync(petro, officers.petro)
        qtbot.waitUntil(lambda: dinner().title.get("en") == "Working dinner", timeout=WAIT_MS)
        assert dinner().notes.get("en") == "Salon Foch"
        assert dinner().dress_code.get("en") == "Lounge suit"
        qtbot.waitUntil(lambda: status.text().endswith("nothing waiting"), timeout=WAIT_MS)

        # Offline: the server stops; every replica edits.
        server.kill()
        qtbot.waitUntil(lambda: status.text().startswith("Offline"), timeout=WAIT_MS)
        window_edit(line_added("Olena's line", 1))
        window_edit(field_text(DINNER, "dress_code", "Black tie"))
        edit(jean, line_added("Jean's line", 2))
        edit(jean, field_text(DINNER, "notes", "Salon Murat"))
        edit(petro, deleted(DEPARTURE))
        down = visitplanner("sync", str(jean), token=officers.jean)
        assert down.returncode == 2 and len(down.stderr.strip().splitlines()) == 1
        assert status.text().startswith("Offline · 2 changes waiting")

        # The server comes back: the window sends on its own; the others sync.
        server.start()
        qtbot.waitUntil(
            lambda: (
                status.text().startswith("Online") and status.text().endswith("nothing waiting")
            ),
            timeout=WAIT_MS,
        )
        for path, token in ((jean, officers.jean), (petro, officers.petro), (jean, officers.jean)):
            sync(path, token)

        def settled() -> bool:
            data = controller.data
            ceremony = find_event(data, CEREMONY)
            return (
                {"Olena's line", "Jean's line"} <= set(actions(ceremony))
                and not any(DEPARTURE in e.title.get("fr") for e in data.events)
                and dinner().notes.get("en") == "Salon Murat"
            )

        qtbot.waitUntil(settled, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: status.text().endswith("nothing waiting"), timeout=WAIT_MS)
        for path, token in ((jean, officers.jean), (petro, officers.petro)):
            sync(path, token)
        assert dinner().dress_code.get("en") == "Black tie"
        assert dinner().title.get("en") == "Working dinner"
        exports = [exported(path, by_command=True) for path in (olena, jean, petro)]
        assert exports[0] == exports[1] == exports[2]
    finally:
        window.close()
        controller.session.close()
