"""Start the Qt application: settings, language, the visit to open, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from visitplanner import __version__
from visitplanner.app_resources import icon_paths
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _
from visitplanner.operations.session import PROGRAM_WINDOW, VisitSession
from visitplanner.services.encryption import keep_key
from visitplanner.services.visit_files import (
    back_up_in_background,
    create_visit,
    open_visit,
    write_visit,
)
from visitplanner.ui.common.worker import Worker
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.crash import install_crash_handler
from visitplanner.ui.shell.dialogs import NewVisitDialog, confirm_read_only
from visitplanner.ui.shell.language import apply_language, system_language
from visitplanner.ui.shell.lock import VisitLock
from visitplanner.ui.shell.main_window import MainWindow
from visitplanner.ui.shell.passphrase import ask_passphrase, unlock
from visitplanner.ui.shell.settings import AppSettings

log = logging.getLogger(__name__)


def demo_path() -> Path:
    """Where the demo visit is written on first run."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.visit"


#: How long opening may take before its progress is shown (milliseconds): the demo and
#: most visits open well within it, without a dialog flashing by.
OPENING_SHOWN_AFTER_MS = 500


def read_in_background(path: Path, read_only: bool, parent: QWidget | None) -> VisitSession | None:
    """Open and read the visit at `path` in a worker thread, the window staying live.

    A visit ten times a summit takes seconds to read: after a moment its progress is
    shown, and Cancel gives up opening it (None). A visit that cannot be opened raises
    its VisitPlannerError here, on the GUI thread.
    """
    worker: Worker[VisitSession] = Worker(
        lambda progress: open_visit(
            path, read_only=read_only, program=PROGRAM_WINDOW, progress=progress
        )
    )
    dialog = QProgressDialog(
        _("Opening {name}…").format(name=path.name), _("Cancel"), 0, 100, parent
    )
    dialog.setWindowTitle(_("Opening the visit"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # no edit meanwhile
    dialog.setMinimumDuration(OPENING_SHOWN_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    outcome: list[object] = []
    waiting = QEventLoop()

    def show(done: int, total: int, what: str) -> None:
        dialog.setValue(round(100 * done / max(total, 1)))
        if what:
            dialog.setLabelText(f"{path.name}\n{what}")

    def end(result: object = None) -> None:
        outcome.append(result)
        waiting.quit()

    worker.progressed.connect(show)
    worker.done.connect(end)
    worker.error.connect(end)
    worker.cancelled.connect(end)
    dialog.canceled.connect(worker.cancel)
    worker.start()
    waiting.exec()
    dialog.close()
    dialog.deleteLater()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result  # a VisitPlannerError is told; anything else reaches the crash handler
    return result if isinstance(result, VisitSession) else None


class Application:
    """The running application: one window over one open visit at a time."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.window: MainWindow | None = None
        self.controller: VisitController | None = None
        self.lock: VisitLock | None = None

    def open(self, path: Path, parent: QWidget | None = None, read_only: bool = False) -> bool:
        """Open the visit at `path` in the window (read-only if another copy has it, or
        if asked: a past programme version)."""
        lock = VisitLock(path)
        asked = read_only  # a past version's copy: never edited, so never locked
        if not asked and path.exists() and not lock.acquire():
            if not confirm_read_only(parent or self.window, path, lock.holder()):
                return False
            read_only = True
        if not unlock(path, parent or self.window):  # an encrypted visit: its passphrase
            if not read_only:
                lock.release()
            return False
        try:
            session = read_in_background(path, read_only, parent or self.window)
        except VisitPlannerError as exc:
            session = None
            QMessageBox.critical(parent or self.window, _("Cannot open the visit"), exc.message)
        if session is None:  # not readable, or the officer cancelled
            if not read_only:
                lock.release()
            return False
        self._close_current()
        self.lock = None if read_only else lock
        self.controller = VisitController(session, read_only=read_only)
        old = self.window
        self.window = MainWindow(
            self.controller,
            self.settings,
            open_visit=self.open,
            new_visit=self.new_visit,
            change_language=self.change_language,
            open_read_only=lambda snapshot: self.open(snapshot, read_only=True),
            reopen_visit=self.reopen,
        )
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        if not asked:  # a past version's temporary copy is not a recent visit
            self.settings.remember_visit(path)
        if not read_only:
            back_up_in_background(path)
        log.info("opened %s%s", path, " read-only" if read_only else "")
        return True

    def reopen(self, path: Path) -> bool:
        """Open the visit again after its file was replaced (its encryption changed): the
        session on the old file is closed, and its lock given up, first."""
        self._close_current()
        return self.open(path)

    def new_visit(self) -> None:
        """File > New visit."""
        dialog = NewVisitDialog(self.window)
        if not dialog.exec():
            return
        title, start, end, tz, path = dialog.values()
        # Encrypted unless the officer chooses otherwise.
        answer = ask_passphrase(self.window, path, new=True, allow_plain=True)
        if answer is None:
            return
        passphrase, keep = answer
        try:
            create_visit(path, title, start, end, tz, passphrase=passphrase or None)
        except VisitPlannerError as exc:
            QMessageBox.critical(self.window, _("New visit"), exc.message)
            return
        if passphrase and keep:
            keep_key(path, True)
        self.open(path)

    def change_language(self, lang: str | None) -> None:
        """Switch the interface language now, without a restart."""
        self.settings.language = lang
        apply_language(lang or system_language())
        if self.window is not None and self.controller is not None:
            self.window.build()
            self.controller.refresh_all()

    def _close_current(self) -> None:
        if self.controller is not None:
            self.controller.session.close()
            self.controller = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def shutdown(self) -> None:
        """Close the visit and give up its lock (the file already holds every edit)."""
        self._close_current()


def visit_to_open(settings: AppSettings, requested: Path | None) -> Path:
    """The visit asked for, else the last one, else the demo (written on first run)."""
    if requested is not None:
        return requested
    last = settings.last_visit
    if last is not None and last.is_file():
        return last
    demo = demo_path()
    if not demo.exists():
        from visitplanner.demo import build_demo  # the first run only

        write_visit(demo, build_demo())
    return demo


def run(requested: Path | None) -> int:
    """Run the window until it is closed; return the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("VisitPlanner")
    app.setOrganizationName("VisitPlanner")
    app.setApplicationVersion(__version__)
    # Wayland and GNOME match the window to its menu entry and icon by this name.
    QGuiApplication.setDesktopFileName("org.visitplanner.VisitPlanner")
    icon = QIcon()
    for path in icon_paths():
        icon.addFile(str(path))
    QApplication.setWindowIcon(icon)
    install_crash_handler()
    settings = AppSettings()
    apply_language(settings.language or system_language())
    application = Application(settings)
    try:
        path = visit_to_open(settings, requested)
    except VisitPlannerError as exc:
        QMessageBox.critical(None, "VisitPlanner", exc.message)
        return 2
    if not application.open(path):
        return 2
    app.aboutToQuit.connect(application.shutdown)
    return int(app.exec())


__all__ = ["Application", "VisitSession", "run"]
