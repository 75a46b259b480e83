"""Start the Qt application: settings, the visit to open, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from visitplanner import __version__
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _, detect_language, set_language
from visitplanner.services.demo import build_demo
from visitplanner.services.visit_files import back_up_in_background, open_visit, write_visit
from visitplanner.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_LAST_VISIT_KEY = "files/last_visit"


def _demo_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.visit"


def _visit_to_open(settings: QSettings, requested: Path | None) -> Path:
    if requested is not None:
        return requested
    last = str(settings.value(_LAST_VISIT_KEY, "", type=str))
    if last and Path(last).is_file():
        return Path(last)
    demo = _demo_path()
    if not demo.exists():
        write_visit(demo, build_demo())
    return demo


def run(requested: Path | None) -> int:
    """Run the window until it is closed; return the exit status."""
    set_language(detect_language())
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("VisitPlanner")
    app.setOrganizationName("VisitPlanner")
    app.setApplicationVersion(__version__)
    settings = QSettings()
    try:
        path = _visit_to_open(settings, requested)
        session = open_visit(path)
    except VisitPlannerError as exc:
        QMessageBox.critical(None, "VisitPlanner", exc.message)
        return 2
    settings.setValue(_LAST_VISIT_KEY, str(path))
    window = MainWindow(session)
    window.show()
    back_up_in_background(path)
    log.info("opened %s", path)
    status = app.exec()
    session.close()
    return int(status)


__all__ = ["_", "run"]
