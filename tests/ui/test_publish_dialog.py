"""File > Publish calendars, driven as an officer does, against a real Radicale: the
server, the user and the password typed in the dialog, the publish run off the GUI
thread, the addresses shown to put on phones, the window's visit told what the
server now holds; a wrong password said in one line, with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.integration.test_publish_caldav import PASSWORD, USER, _report
from tests.radicale_server import SKIP_REASON, RadicaleServer, radicale
from visitplanner.operations.session import VisitSession
from visitplanner.ui.exchange.publish import AddressesDialog, PublishCalendarDialog

pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RadicaleServer]:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    monkeypatch.delenv("VISITPLANNER_CALDAV_PASSWORD", raising=False)  # typed in the dialog
    with radicale(tmp_path / "radicale", {USER: PASSWORD}) as running:
        yield running


@pytest.fixture
def session(demo: VisitSession) -> VisitSession:
    return demo


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[AddressesDialog]:
    """The address lists the dialog shows (not left modal in a test)."""
    found: list[AddressesDialog] = []

    def exec_(dialog: AddressesDialog) -> int:
        found.append(dialog)
        return 0

    monkeypatch.setattr(AddressesDialog, "exec", exec_)
    return found


def _dialog(
    qtbot, session: VisitSession, server: RadicaleServer, password: str
) -> PublishCalendarDialog:  # type: ignore[no-untyped-def]
    dialog = PublishCalendarDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(server.home(USER))
    dialog.user.setText(USER)
    dialog.password.setText(password)
    return dialog


def test_the_dialog_publishes_off_the_gui_thread_and_shows_the_addresses(  # type: ignore[no-untyped-def]
    qtbot, session: VisitSession, server: RadicaleServer, shown: list[AddressesDialog]
) -> None:
    dialog = _dialog(qtbot, session, server, PASSWORD)
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.published is not None, timeout=60_000)
    result = dialog.published
    assert result is not None
    (calendar,) = result.calendars
    on_server = _report(calendar.url)
    shown_events = [e for e in session.data.events if e.status.value != "draft"]
    assert len(on_server) == result.sent == len(shown_events)
    # The window's visit knows what was sent: the sequences of the next export agree.
    assert session.data.calendars.marks
    (addresses,) = shown
    assert calendar.url in addresses.text.toPlainText()
    assert f"Events sent: {result.sent} (0 cancelled)" in addresses.intro.text()


def test_the_addresses_of_every_person_without_asking_the_server(  # type: ignore[no-untyped-def]
    qtbot, session: VisitSession, server: RadicaleServer, shown: list[AddressesDialog]
) -> None:
    dialog = _dialog(qtbot, session, server, "")
    dialog.scope.setCurrentIndex(dialog.scope.findData("per_person"))
    dialog.addresses_button.click()
    (addresses,) = shown
    lines = addresses.text.toPlainText().splitlines()
    urls = [line.strip() for line in lines if line.startswith("    ")]
    assert len(urls) == len(dialog.plan().files) > 10
    assert all(url.startswith(server.home(USER)) for url in urls)


def test_a_wrong_password_is_said_in_one_line_and_nothing_changes(  # type: ignore[no-untyped-def]
    qtbot,
    session: VisitSession,
    server: RadicaleServer,
    shown: list[AddressesDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    before = session.path.read_bytes() if session.path else b""
    dialog = _dialog(qtbot, session, server, "not-the-password")
    dialog.write_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=60_000)
    assert len(warned) == 1 and "\n" not in warned[0]
    assert dialog.published is None and shown == []
    assert dialog.isEnabled()
    assert session.path is not None and session.path.read_bytes() == before
