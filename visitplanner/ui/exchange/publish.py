"""File > Publish calendars: put the calendars on a CalDAV server, and show the
address of each, to put on a phone.

The same choices as the export (whole visit, a delegation, a person, one per person;
profile, language, drafts, reminder), and the server: the folder of a CalDAV account,
the user name, and the password when the server asks for one (used for this publish
only; the system keyring and VISITPLANNER_CALDAV_PASSWORD are looked at first). The
publish runs off the GUI thread, with its own connection to the visit file, progress
and Cancel; what the server accepted is remembered as it goes, so a publish cut short
goes on from there the next time. "Addresses" lists each calendar's address without
asking the server anything.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.services.progress import Progress
from visitplanner.services.publish import (
    PublishResult,
    PublishTarget,
    Subscription,
    collection_urls,
    publish,
)
from visitplanner.ui.common.worker import Worker, run_with_progress_dialog
from visitplanner.ui.exchange.calendars import ExportCalendarDialog


class PublishCalendarDialog(ExportCalendarDialog):
    """Choose the calendars and the server, publish, and see their addresses."""

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(_("Publish calendars"))
        self.publish_worker: Worker[PublishResult] | None = None
        self.published: PublishResult | None = None
        per_person = self.scope.findData("per_person")
        self.scope.setItemText(per_person, _("One calendar per person"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(_("https://calendars.example.org/dav/officer/"))
        self.url.setAccessibleName(_("Address of the CalDAV server"))
        self.user = QLineEdit(self)
        self.user.setAccessibleName(_("User name on the server"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("only if the server asks for one"))
        self.password.setAccessibleName(_("Password on the server"))
        self.form.insertRow(0, _("&Server:"), self.url)
        self.form.insertRow(1, _("&User:"), self.user)
        self.form.insertRow(2, _("&Password:"), self.password)
        self.write_button.setText(_("&Publish"))
        self.addresses_button = self.buttons.addButton(
            _("&Addresses…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.addresses_button.clicked.connect(self.show_addresses)

    def target(self) -> PublishTarget:
        """The server as typed (InputError when it is not an https:// address)."""
        target = PublishTarget(self.url.text().strip(), self.user.text().strip() or None)
        target.home  # noqa: B018 -- checks the address, raising InputError
        return target

    def show_addresses(self) -> None:
        """The address of each calendar the publish makes, without asking the server."""
        try:
            found = collection_urls(self.session.data, self.request(), self.target())
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Publish calendars"), exc.message)
            return
        AddressesDialog(found, self).exec()

    def write(self, target: object = None) -> None:
        """Publish, off the GUI thread, with progress and Cancel."""
        try:
            server = self.target()
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Publish calendars"), exc.message)
            return
        path = self.session.path
        if path is None or self.session.read_only:
            QMessageBox.warning(
                self,
                _("Publish calendars"),
                _("The visit is open read-only: publishing must remember what the server holds."),
            )
            return
        request = self.request()
        typed = self.password.text()

        def password(_user: str, _url: str) -> str | None:
            return typed or None

        def work(progress: Progress) -> PublishResult:
            # The worker thread has its own connection to the visit file.
            own = VisitSession.open(path)
            try:
                return publish(own, request, server, password, progress)
            finally:
                own.close()

        self.publish_worker = Worker(work, self)
        self.publish_worker.done.connect(self._published)
        self.publish_worker.error.connect(self._publish_failed)
        self.setEnabled(False)
        run_with_progress_dialog(self, _("Publishing calendars"), self.publish_worker)

    def _published(self, result: PublishResult) -> None:
        self.setEnabled(True)
        self.published = result
        self.session.sync()  # what the worker remembered: sequences, what the server holds
        summary = _(
            "Calendars: {made} made, {calendars} in all. Events sent: {sent} "
            "({cancelled} cancelled); unchanged: {unchanged}."
        ).format(
            made=result.made,
            calendars=len(result.calendars),
            sent=result.sent,
            cancelled=result.cancelled,
            unchanged=result.unchanged,
        )
        AddressesDialog(result.calendars, self, summary, webcal=result.webcal).exec()
        self.accept()

    def _publish_failed(self, exc: object) -> None:
        self.setEnabled(True)
        self.session.sync()
        if isinstance(exc, VisitPlannerError):
            QMessageBox.warning(self, _("Publish calendars"), exc.message)
            return
        raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))


class AddressesDialog(QDialog):
    """The address of each published calendar, to copy onto a phone."""

    def __init__(
        self,
        calendars: list[Subscription],
        parent: QWidget | None = None,
        summary: str = "",
        webcal: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Calendar addresses"))
        self.intro = intro = QLabel(
            (summary + "\n\n" if summary else "")
            + _(
                "Put each address on the person's phone or computer: DAVx5 on Android, "
                "“Add CalDAV account” on an iPhone, Thunderbird's “New calendar” on a network."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Calendar addresses"))
        # A person's or a delegation's calendar by its name; the visit's by its title.
        lines = []
        for c in calendars:
            lines += [c.title.partition(" — ")[2] or c.title, f"    {c.url}"]
            if webcal:  # the server serves each calendar whole: for apps that read no CalDAV
                lines.append("    " + _("read-only: {address}").format(address=c.webcal))
        self.text.setPlainText("\n".join(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(_("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)


def publish_calendar_dialog(parent: QWidget | None, session: VisitSession) -> None:
    """File > Publish calendars: the dialog, modal over `parent`."""
    PublishCalendarDialog(session, parent).exec()
