"""The passphrase of an encrypted visit: asked before it opens, and File > Encrypt…,
Change passphrase…, Remove encryption….

The passphrase is typed into a password field (never shown), kept in memory for the
open file only, never logged nor written to the settings; the system keyring keeps the
key derived from it, for that one file, when the officer ticks the box. While the
officer types, each pause starts the key's derivation on a thread, so that OK opens
the visit without waiting for the 256,000 iterations. Each change of encryption is one
atomic step on the file (its backups follow), after which the visit opens again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.services.encryption import (
    decrypt_visit,
    derive_ahead,
    drop_ahead,
    encrypt_visit,
    keep_key,
    kept_key,
    needs_passphrase,
    rekey_visit,
    try_passphrase,
    unlock_with_kept_key,
)

log = logging.getLogger(__name__)

#: A pause in typing this long (ms) starts the derivation of what is typed.
TYPING_PAUSE_MS = 250


class PassphraseDialog(QDialog):
    """Asks for the passphrase of an encrypted visit, or for a new one (typed twice)."""

    def __init__(
        self,
        parent: QWidget | None,
        path: Path,
        *,
        new: bool = False,
        message: str = "",
        allow_plain: bool = False,
    ) -> None:
        super().__init__(parent)
        self._new = new
        #: "Without encryption" was chosen (a new visit only).
        self.plain = False
        self.setWindowTitle(_("New passphrase") if new else _("Encrypted visit"))
        layout = QVBoxLayout(self)
        intro = (
            _("Choose the passphrase of {name}. Whoever has the file needs it to read it.")
            if new
            else _("{name} is encrypted. Its passphrase:")
        )
        label = QLabel(intro.format(name=path.name))
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("&Passphrase:"), self.field)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(_("&Again:"), self.again)
        layout.addLayout(form)
        self.keep = QCheckBox(_("&Remember in the system keyring for this file"))
        layout.addWidget(self.keep)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if allow_plain:
            plain = buttons.addButton(
                _("&Without encryption"), QDialogButtonBox.ButtonRole.ActionRole
            )
            plain.clicked.connect(self._without_encryption)
        layout.addWidget(buttons)
        self.field.setFocus()
        if not new:  # a new visit's salt is not drawn yet: nothing to derive for
            self._pause = QTimer(self)
            self._pause.setSingleShot(True)
            self._pause.setInterval(TYPING_PAUSE_MS)
            self._pause.timeout.connect(lambda: derive_ahead(path, self.field.text()))
            self.field.textEdited.connect(self._pause.start)

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(True)

    def accept(self) -> None:
        """OK: refused while the passphrase is empty, or (a new one) typed differently."""
        if not self.field.text():
            self._say(_("Type the passphrase."))
            return
        if self._new and self.field.text() != self.again.text():
            self._say(_("The two passphrases differ."))
            return
        super().accept()

    def _without_encryption(self) -> None:
        self.plain = True
        super().accept()

    def passphrase(self) -> str:
        """What was typed."""
        return self.field.text()


def ask_passphrase(
    parent: QWidget | None,
    path: Path,
    message: str = "",
    new: bool = False,
    allow_plain: bool = False,
) -> tuple[str, bool] | None:
    """The passphrase typed for `path` and whether to keep it in the keyring; None on
    Cancel; an empty passphrase when the officer chose a visit without encryption."""
    dialog = PassphraseDialog(parent, path, new=new, message=message, allow_plain=allow_plain)
    try:
        if not dialog.exec():
            return None
        if dialog.plain:
            return "", False
        return dialog.passphrase(), dialog.keep.isChecked()
    finally:
        dialog.deleteLater()


def unlock(path: Path, parent: QWidget | None) -> bool:
    """Make sure the visit at `path` can be opened: nothing to do for a plain visit;
    for an encrypted one, the keyring's passphrase, else the officer's, asked again
    while it is wrong. False when the officer gives up (Cancel)."""
    try:
        if not needs_passphrase(path):
            return True
    except OSError:
        return True  # opening says what is wrong with the file
    if unlock_with_kept_key(path):
        return True
    message = ""
    try:
        while True:
            answer = ask_passphrase(parent, path, message)
            if answer is None:
                return False
            passphrase, keep = answer
            if try_passphrase(path, passphrase):
                if keep:
                    keep_key(path, True)
                return True
            message = _("Wrong passphrase; try again.")
    finally:
        drop_ahead()  # the keys of what was typed on the way


def change_encryption(
    parent: QWidget,
    session: VisitSession,
    change: str,
    reopen: Callable[[Path], object] | None,
) -> None:
    """File > Encrypt… / Change passphrase… / Remove encryption… on the open visit
    (`change` is "encrypt", "rekey" or "decrypt")."""
    path = session.path
    if path is None or session.read_only or reopen is None:
        return
    titles = {
        "encrypt": _("Encrypt the visit"),
        "rekey": _("Change the passphrase"),
        "decrypt": _("Remove the encryption"),
    }
    passphrase: str | None = None
    keep = False
    if change == "decrypt":
        sure = QMessageBox.question(
            parent,
            titles[change],
            _(
                "Write {name} and its backups in clear? Whoever finds the file will "
                "then read every passport number in it."
            ).format(name=path.name),
        )
        if sure != QMessageBox.StandardButton.Yes:
            return
    else:
        answer = ask_passphrase(parent, path, new=True)
        if answer is None:
            return
        passphrase, keep = answer

    def work() -> None:
        if change == "encrypt" and passphrase is not None:
            encrypt_visit(path, passphrase)
        elif change == "rekey" and passphrase is not None:
            rekey_visit(path, passphrase)
        else:
            decrypt_visit(path, path)

    # A second or two for a summit: the officer waits, the visit is not edited meanwhile.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        work()
    except VisitPlannerError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, titles[change], exc.message)
        return
    QApplication.restoreOverrideCursor()
    if passphrase is not None and (keep or kept_key(path) is not None):
        keep_key(path, True)  # the keyring never keeps the key of an old passphrase
    elif change == "decrypt":
        keep_key(path, False)
    reopen(path)
