"""Make the user manual's pictures from the running application, on the demo visit.

    .venv/bin/python scripts/manual_screenshots.py [LANG ...]

Writes visitplanner/resources/manual/LANG/TASK.png (fr, uk and en by default) beside
each language's index.html: the dialog or page each task of the manual shows, in that
language, so the pictures stay current. Runs on Qt's offscreen platform (no display
needed). Run it after changing a screen the manual shows, look at the pictures, and
commit them with the change.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

MANUAL = ROOT / "visitplanner" / "resources" / "manual"
#: The note of the version the Versions page shows, in each language.
VERSION_NOTE = {
    "fr": "Programme envoyé aux deux délégations",
    "uk": "Програму надіслано обом делегаціям",
    "en": "Programme sent to both delegations",
}
#: Pictures wider than this are scaled down (the manual shows them at most 640 px wide).
WIDEST = 1000


def settle(app: QApplication, rounds: int = 20) -> None:
    """Let the window lay itself out and paint."""
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, target: Path) -> None:
    """Grab `widget` as the screen shows it, scaled down to WIDEST, in 256 colours
    (a screen's few colours: a tenth of the size of a full-colour PNG)."""
    image = widget.grab().toImage()
    if image.width() > WIDEST:
        image = image.scaledToWidth(WIDEST, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )
    if not image.save(str(target)):
        raise OSError(f"could not write {target}")
    print(target.relative_to(ROOT))


def pictures(lang: str, app: QApplication, folder: Path) -> None:
    """Every picture of the manual in `lang`."""
    from visitplanner.demo import build_demo
    from visitplanner.operations.edits import SaveEntity
    from visitplanner.services.visit_files import write_visit
    from visitplanner.ui.exchange.briefing import BriefingDialog
    from visitplanner.ui.exchange.calendars import ExportCalendarDialog
    from visitplanner.ui.shell.application import Application
    from visitplanner.ui.shell.dialogs import NewVisitDialog
    from visitplanner.ui.shell.language import apply_language
    from visitplanner.ui.shell.settings import AppSettings
    from visitplanner.ui.versions.view import VersionsView

    out = MANUAL / lang
    out.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{lang}.visit"
    write_visit(path, build_demo())
    settings = AppSettings(QSettings(str(folder / f"s-{lang}.ini"), QSettings.Format.IniFormat))
    apply_language(lang)
    application = Application(settings)
    application.open(path)
    window = application.window
    assert window is not None
    window.resize(1280, 760)
    window.show()
    settle(app)
    session = window.controller.session

    def dialog_picture(name: str, make: Callable[[], QWidget]) -> None:
        dialog = make()
        # A file proposed in the temporary folder shows as in the officer's documents.
        for edit in dialog.findChildren(QLineEdit):
            if str(folder) in edit.text():
                edit.setText(edit.text().replace(str(folder), "~/Documents"))
        dialog.show()
        settle(app)
        save(dialog, out / f"{name}.png")
        dialog.close()
        dialog.deleteLater()

    def page_picture(name: str, key: str, prepare: Callable[[QWidget], None] | None = None) -> None:
        page = window.show_page(key)
        if prepare is not None:
            prepare(page)
        settle(app)
        save(window, out / f"{name}.png")

    dialog_picture("plan-visit", lambda: NewVisitDialog(window, folder))
    page_picture("roster", "roster")
    page_picture("programme", "programme")
    page_picture("seating", "seating")
    dialog_picture("book", lambda: BriefingDialog(session, window))
    dialog_picture("calendars", lambda: ExportCalendarDialog(session, window))

    def issued(page: QWidget) -> None:
        assert isinstance(page, VersionsView)
        page.issue(VERSION_NOTE.get(lang, VERSION_NOTE["en"]))
        # One change after it, for the page to show what to tell the people who have it.
        event = next(e for e in session.data.events if not e.seating and not e.wreaths)
        moved = replace(event, start=event.start + timedelta(minutes=30))
        moved = replace(moved, end=event.end + timedelta(minutes=30))
        window.controller.apply(SaveEntity(moved, event, label="move"), window)
        page.reload()
        page.select(1)
        getattr(page, "show_changes", lambda: None)()

    page_picture("versions", "versions", issued)
    application.shutdown()


def main(argv: list[str]) -> int:
    """Write the pictures of each language asked for (all three by default)."""
    languages = argv[1:] or ["fr", "uk", "en"]
    app = QApplication.instance() or QApplication(argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        for lang in languages:
            pictures(lang, app, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
