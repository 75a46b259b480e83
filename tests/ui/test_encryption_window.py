"""The window and encrypted visits: it asks for the passphrase (again when wrong), opens,
and File > Encrypt… / Change passphrase… / Remove encryption… change the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox

from tests.factories import small_visit
from visitplanner.domain.model import Person
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage import keys
from visitplanner.storage.database import looks_encrypted
from visitplanner.ui.shell.application import Application
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.passphrase import PassphraseDialog
from visitplanner.ui.shell.settings import AppSettings

NAMES = sorted(p.family_name for p in small_visit().people)


def _names(people: list[Person]) -> list[str]:
    return sorted(p.family_name for p in people)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A system keyring in memory: what the window keeps there, seen by the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("nothing kept")


@pytest.fixture(autouse=True)
def kept(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Fewer key-derivation rounds (this process, these files); a keyring in memory."""
    keys.forget_all()
    monkeypatch.setattr(keys, "KDF_ITERATIONS", 1000)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    apply_language("en")
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _answers(monkeypatch: pytest.MonkeyPatch, *answers: tuple[str, bool] | None) -> list[str]:
    messages: list[str] = []
    queue = list(answers)

    def ask(parent, path, message="", new=False):  # type: ignore[no-untyped-def]
        messages.append(message)
        return queue.pop(0)

    monkeypatch.setattr("visitplanner.ui.shell.passphrase.ask_passphrase", ask)
    return messages


def _action(app: Application, name: str) -> QAction:
    assert app.window is not None
    found = app.window.findChild(QAction, name)
    assert found is not None
    return found


def test_the_window_asks_again_when_wrong_then_opens(
    qtbot,
    tmp_path: Path,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
    kept: MemoryKeyring,
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="right one")
    keys.forget_all()
    messages = _answers(monkeypatch, ("wrong", False), ("right one", True))
    app = Application(settings)
    assert app.open(path)
    assert messages == ["", "Wrong passphrase; try again."]
    assert app.controller is not None
    assert _names(app.controller.data.people) == NAMES
    app.shutdown()
    # Kept in the keyring as asked: the file's key, never the passphrase; the next
    # opening asks nothing and derives nothing.
    (entry,) = kept.entries.values()
    assert entry.startswith("x'") and "right one" not in entry
    keys.forget_all()
    _answers(monkeypatch)
    derived: list[str] = []
    real = keys._derive
    monkeypatch.setattr(keys, "_derive", lambda *a: derived.append(a[0]) or real(*a))
    again = Application(settings)
    assert again.open(path)
    assert derived == []
    again.shutdown()
    for opened in (app, again):
        if opened.window is not None:
            opened.window.close()
    settings._s.sync()
    assert "right one" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_cancel_does_not_open_it(
    qtbot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="right one")
    keys.forget_all()
    _answers(monkeypatch, None)
    app = Application(settings)
    assert not app.open(path)
    assert app.window is None and app.controller is None
    assert not path.with_name("v.visit.lock").exists()


def test_encrypt_change_and_remove_from_the_file_menu(
    qtbot,
    tmp_path: Path,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
    kept: MemoryKeyring,
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    app = Application(settings)
    assert app.open(path)
    assert not _action(app, "encryption-rekey").isEnabled()
    _answers(monkeypatch, ("first", False))
    _action(app, "encryption-encrypt").trigger()
    assert looks_encrypted(path)
    assert app.controller is not None and _names(app.controller.data.people) == NAMES
    assert _action(app, "encryption-rekey").isEnabled()
    assert not _action(app, "encryption-encrypt").isEnabled()

    _answers(monkeypatch, ("second", True))
    _action(app, "encryption-rekey").trigger()
    keys.forget_all()
    keys.set_asker(lambda _path: "second")
    assert _names(read_visit(path).people) == NAMES
    keys.set_asker(None)
    (entry,) = kept.entries.values()  # the new key, kept as asked

    _answers(monkeypatch, ("third", False))
    _action(app, "encryption-rekey").trigger()
    # The keyring never keeps the key of an old passphrase.
    (newer,) = kept.entries.values()
    assert newer != entry
    keys.forget_all()
    keys.remember_key(path, newer)
    assert _names(read_visit(path).people) == NAMES

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    _action(app, "encryption-decrypt").trigger()
    assert not looks_encrypted(path)
    assert kept.entries == {}
    assert _names(read_visit(path).people) == NAMES
    app.shutdown()
    assert app.window is not None
    app.window.close()


def test_the_dialog_hides_the_passphrase_and_wants_it_twice_alike(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog(None, tmp_path / "v.visit", new=True)
    qtbot.addWidget(dialog)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.again.echoMode() == QLineEdit.EchoMode.Password
    dialog.field.setText("one")
    dialog.again.setText("two")
    dialog.accept()
    assert dialog.result() == 0 and "differ" in dialog.message.text()
    dialog.again.setText("one")
    dialog.accept()
    assert dialog.result() == 1 and dialog.passphrase() == "one"


def test_a_new_visit_is_encrypted_unless_the_officer_says_otherwise(
    qtbot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from visitplanner.ui.shell import application

    made: list[Path] = []

    class Dialog:
        def __init__(self, parent) -> None:  # type: ignore[no-untyped-def]
            self.path = tmp_path / f"new{len(made)}.visit"
            made.append(self.path)

        def exec(self) -> bool:
            return True

        def values(self):  # type: ignore[no-untyped-def]
            return "Sommet", date(2026, 6, 1), date(2026, 6, 3), "Europe/Paris", self.path

    monkeypatch.setattr(application, "NewVisitDialog", Dialog)
    existing = tmp_path / "v.visit"
    write_visit(existing, small_visit())
    app = Application(settings)
    assert app.open(existing)
    monkeypatch.setattr(application, "ask_passphrase", lambda *a, **k: ("s3cret", False))
    app.new_visit()
    assert looks_encrypted(made[0])
    monkeypatch.setattr(application, "ask_passphrase", lambda *a, **k: ("", False))
    app.new_visit()
    assert made[1].read_bytes().startswith(b"SQLite format 3")
    app.shutdown()
    assert app.window is not None
    app.window.close()


def test_typing_a_passphrase_derives_its_key_ahead_of_ok(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A pause in typing starts the 256,000 iterations, so OK opens the visit at once:
    the key is derived once, on the way, and what was typed before is forgotten."""
    from visitplanner.services.encryption import drop_ahead, try_passphrase

    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="right one")
    keys.forget_all()
    derived: list[str] = []
    real = keys._derive
    monkeypatch.setattr(keys, "_derive", lambda *a: derived.append(a[0]) or real(*a))
    dialog = PassphraseDialog(None, path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.field, "right one")
    qtbot.waitUntil(lambda: derived == ["right one"], timeout=3000)
    assert try_passphrase(path, dialog.passphrase())
    assert derived == ["right one"]  # OK found it made
    qtbot.keyClicks(dialog.field, " and more")
    qtbot.waitUntil(lambda: len(derived) == 2, timeout=3000)
    drop_ahead()
    assert keys._ahead == {}
