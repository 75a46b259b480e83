"""File > Shared visit: share the open visit on a sync server, join a shared visit, sync
now, work online (the status bar's word on it: `sharing_status.py`).

The exchanges run in a worker with a visit session of their own; the window then looks
for what they wrote to the file, as for any other program's edits (the journal, the
revisions, the checks and every page follow). The token is typed or taken from the
system keyring, never kept in the visit file.
"""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _, ngettext
from visitplanner.services.progress import Progress
from visitplanner.services.sharing import (
    Invitation,
    SyncReport,
    findings_told,
    join_visit,
    keep_token,
    kept_token,
    restore_value,
    share_status,
    share_visit,
    sync_visit,
)
from visitplanner.sync.link_status import LinkState
from visitplanner.ui.common.forms import add_row, error_label, show_error
from visitplanner.ui.common.worker import Worker
from visitplanner.ui.exchange.live import LiveSharing, remember_token, typed_token
from visitplanner.ui.shell.controller import VisitController

if TYPE_CHECKING:
    from visitplanner.sync.document import Conflict


class _SharingForm(QDialog):
    """Who the officer is, their token, and whether to keep it in the keyring."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.officer = QLineEdit(getpass.getuser(), self)
        self.officer.setAccessibleName(_("Your name"))
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName(_("Your token"))
        self.keep = QCheckBox(_("&Remember the token in the system keyring"), self)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.worker: Worker[object] | None = None

    def finish_layout(self) -> None:
        add_row(self.form, _("&Your name:"), self.officer)
        add_row(self.form, _("Your &token:"), self.token)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.keep)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def run(self, work: Callable[[Progress], object], done: Callable[[Any], None]) -> None:
        """Run `work` off the GUI thread; `done` gets its result."""
        self.setEnabled(False)
        worker: Worker[object] = Worker(work, self)
        worker.done.connect(done)
        worker.error.connect(self._failed)
        self.worker = worker
        worker.start()

    def _failed(self, exc: object) -> None:
        self.setEnabled(True)
        if isinstance(exc, VisitPlannerError):
            show_error(self.error, exc.message)
            return
        raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def keep_if_asked(self, server: str) -> None:
        if self.keep.isChecked():
            keep_token(server, self.officer.text().strip(), self.token.text())


class ShareDialog(_SharingForm):
    """Share the open visit: the server's address, then the invitation to hand on."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(_("Share the visit"), parent)
        self.controller = controller
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("wss://sync.example.gouv.fr")
        self.server.setAccessibleName(_("Address of the sync server"))
        add_row(self.form, _("&Sync server:"), self.server)
        self.finish_layout()
        self.invitation = QLineEdit(self)
        self.invitation.setReadOnly(True)
        self.invitation.setAccessibleName(_("Invitation"))
        self.copy = QPushButton(_("&Copy"), self)
        self.copy.clicked.connect(lambda: QApplication.clipboard().setText(self.invitation.text()))
        row = QHBoxLayout()
        row.addWidget(self.invitation)
        row.addWidget(self.copy)
        self.shared = QWidget(self)
        shared = QVBoxLayout(self.shared)
        shared.setContentsMargins(0, 0, 0, 0)
        shared.addWidget(
            QLabel(_("Shared. Other officers join it with this invitation and their own token:"))
        )
        shared.addLayout(row)
        self.shared.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.shared)

    def accept(self) -> None:
        if self.shared.isVisible():
            super().accept()
            return
        path = self.controller.session.path
        server, token = self.server.text().strip(), self.token.text()
        officer = self.officer.text().strip()
        if path is None or not server or not token or not officer:
            show_error(self.error, _("Give the server's address, your name and your token."))
            return

        def work(progress: Progress) -> Invitation:
            return share_visit(path, server, token, officer)

        self.run(work, self._shared)

    def _shared(self, invitation: Invitation) -> None:
        self.setEnabled(True)
        self.keep_if_asked(invitation.server)
        remember_token(invitation.server, self.officer.text().strip(), self.token.text())
        self.controller.look_for_outside_changes()
        self.invitation.setText(str(invitation))
        self.shared.show()
        show_error(self.error, "")
        for widget in (self.server, self.officer, self.token, self.keep):
            widget.setEnabled(False)


class JoinDialog(_SharingForm):
    """Join a shared visit from an invitation: a new visit file, opened when made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Join a shared visit"), parent)
        self.invitation = QLineEdit(self)
        self.invitation.setPlaceholderText("wss://sync.example.gouv.fr/…")
        self.invitation.setAccessibleName(_("Invitation"))
        add_row(self.form, _("&Invitation:"), self.invitation)
        self.target = QLineEdit(self)
        self.target.setAccessibleName(_("File of your replica"))
        choose = QPushButton(_("C&hoose…"), self)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.target)
        row.addWidget(choose)
        holder = QWidget(self)
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        add_row(self.form, _("&Save as:"), holder, self.target)
        self.finish_layout()
        self.joined: Path | None = None

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the shared visit as"), str(Path.home()), _("Visits (*.visit)")
        )
        if chosen:
            self.target.setText(chosen)

    def accept(self) -> None:
        token, officer = self.token.text(), self.officer.text().strip()
        target = Path(self.target.text().strip()) if self.target.text().strip() else None
        try:
            invitation = Invitation.parse(self.invitation.text())
        except VisitPlannerError as exc:
            show_error(self.error, exc.message)
            return
        if target is None or not token or not officer:
            show_error(
                self.error, _("Give the invitation, the file to make, your name and your token.")
            )
            return

        def work(progress: Progress) -> Path:
            join_visit(invitation, target, token, officer)
            return target

        self.run(work, lambda path: self._joined(path, invitation))

    def _joined(self, path: Path, invitation: Invitation) -> None:
        self.setEnabled(True)
        self.keep_if_asked(invitation.server)
        remember_token(invitation.server, self.officer.text().strip(), self.token.text())
        self.joined = path
        super().accept()


def sync_now(
    controller: VisitController, parent: QWidget, live: LiveSharing | None = None
) -> Worker[SyncReport] | None:
    """Sync the open shared visit once (File > Sync now): the token from the keyring (or
    typed in this run), else asked; what the merge settled against this officer is shown
    when it ends. The live link, if up, pauses meanwhile and comes back with the token
    that worked."""
    session = controller.session
    status = share_status(session)
    path = session.path
    if status is None or path is None:
        QMessageBox.information(parent, _("Sync now"), _("This visit is not shared."))
        return None
    refused = live is not None and live.running and live.status.state is LinkState.REFUSED
    token = (
        None
        if refused
        else (
            typed_token(status.server, status.officer) or kept_token(status.server, status.officer)
        )
    )
    if not token:
        token = _ask_token(controller, parent, _("Sync now"))
        if not token:
            return None
    given = token
    was_live = live is not None and (live.running or refused)
    if live is not None:
        live.stop()  # the sync writes the file's sharing standing: the link reads it again

    def work(progress: Progress) -> SyncReport:
        return sync_visit(path, given)

    worker: Worker[SyncReport] = Worker(work, parent)

    def done(report: SyncReport) -> None:
        controller.look_for_outside_changes()
        remember_token(status.server, status.officer, given)
        if live is not None and (was_live or not live.running):
            live.start(given)
        text = (
            ngettext("Sent {sent} change", "Sent {sent} changes", report.sent).format(
                sent=report.sent
            )
            + "; "
            + ngettext(
                "received {count} change.", "received {count} changes.", report.received
            ).format(count=report.received)
        )
        told = findings_told(report.findings)
        if told:  # shown after what the merge settled, as text
            report = dataclasses.replace(report, messages=[*report.messages, "\n".join(told)])
        if report.conflicts:
            MergeReportDialog(controller, text, report, parent).exec()
        elif report.messages:
            QMessageBox.information(parent, _("Sync now"), "\n\n".join([text, *report.messages]))

    def failed(exc: object) -> None:
        from visitplanner.sync.client import AccessRefusedError

        controller.look_for_outside_changes()
        if live is not None and was_live and not isinstance(exc, AccessRefusedError):
            live.start(given)  # offline: the link keeps trying
        if isinstance(exc, VisitPlannerError):
            QMessageBox.warning(parent, _("Sync now"), exc.message)
            return
        raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    worker.done.connect(done)
    worker.error.connect(failed)
    worker.start()
    return worker


class MergeReportDialog(QDialog):
    """What a sync settled against this officer, each value of theirs that another
    officer's replaced with a button that sets it back (an undoable edit of theirs)."""

    def __init__(
        self,
        controller: VisitController,
        summary: str,
        report: SyncReport,
        parent: QWidget | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(title or _("Sync now"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary, self))
        self.restore_buttons: list[QPushButton] = []
        for index, message in enumerate(report.messages):
            label = QLabel(message, self)
            label.setWordWrap(True)
            if index >= len(report.conflicts):
                layout.addWidget(label)
                continue
            button = QPushButton(_("&Restore my value"), self)
            button.setToolTip(_("Set your value back: an edit of yours, which you can undo"))
            conflict = report.conflicts[index]
            button.clicked.connect(lambda _checked=False, c=conflict, b=button: self._restore(c, b))
            self.restore_buttons.append(button)
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(button)
            layout.addLayout(row)
        self.error = error_label(self)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def _restore(self, conflict: Conflict, button: QPushButton) -> None:
        try:
            operation = restore_value(self.controller.data, conflict)
        except VisitPlannerError as exc:
            show_error(self.error, exc.message)
            return
        if self.controller.apply(operation):
            button.setEnabled(False)
            button.setText(_("Restored"))


def add_sharing_entries(
    window: QWidget, menu: QMenu, controller: VisitController, live: LiveSharing | None = None
) -> None:
    """File > Share the visit…, Join a shared visit…, Sync now, Work online."""
    share = QAction(_("S&hare the visit…"), menu)

    def share_one() -> None:
        ShareDialog(controller, window).exec()
        if live is not None:
            live.start()

    share.triggered.connect(share_one)
    join = QAction(_("&Join a shared visit…"), menu)

    def join_one() -> None:
        dialog = JoinDialog(window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.joined is not None:
            opener = getattr(window, "open_path", None)
            if callable(opener):
                opener(dialog.joined)

    join.triggered.connect(join_one)
    now = QAction(_("S&ync now"), menu)
    now.setShortcut(QKeySequence("Ctrl+Shift+Y"))
    now.triggered.connect(lambda: sync_now(controller, window, live))
    for action in (share, join, now):
        menu.addAction(action)
    if live is None:
        return
    menu.addSeparator()
    menu.addAction(WorkOnlineAction(controller, live, window, menu))


class WorkOnlineAction(QAction):
    """File > Shared visit > Work online: checked while the live link is up; unchecked,
    the window works apart from the server (Sync now still syncs once).

    Its slots are its own methods, so Qt drops their connections when the action goes
    (a menu rebuilt on a language switch leaves nothing behind)."""

    def __init__(
        self,
        controller: VisitController,
        live: LiveSharing,
        window: QWidget,
        parent: QObject,
    ) -> None:
        super().__init__(_("Work &online"), parent)
        self._controller = controller
        self._live = live
        self._window = window
        self.setObjectName("work-online")
        self.setCheckable(True)
        self.setToolTip(_("Keep the shared visit in step with the sync server as you work"))
        self.setEnabled(not controller.read_only and share_status(controller.session) is not None)
        self.setChecked(live.running)
        self.toggled.connect(self._toggled)
        live.status_changed.connect(self.follow)

    def follow(self, _status: object = None) -> None:
        """Show whether the link is up now."""
        self.setChecked(self._live.running)

    def _toggled(self, checked: bool) -> None:
        live = self._live
        if checked == live.running:
            return
        if not checked:
            live.stop()
        elif not live.start() and not _start_with_asked_token(self._controller, live, self._window):
            self.setChecked(False)


def _ask_token(controller: VisitController, parent: QWidget, title: str) -> str | None:
    """The officer's token, typed in a form (kept in the keyring if they ask)."""
    status = share_status(controller.session)
    if status is None:
        return None
    form = _SharingForm(title, parent)
    form.officer.setText(status.officer)
    form.officer.setEnabled(False)
    form.finish_layout()
    if form.exec() != QDialog.DialogCode.Accepted or not form.token.text():
        return None
    form.keep_if_asked(status.server)
    return form.token.text()


def _start_with_asked_token(
    controller: VisitController, live: LiveSharing, parent: QWidget
) -> bool:
    token = _ask_token(controller, parent, _("Work online"))
    return bool(token) and live.start(token)
