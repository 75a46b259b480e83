"""Make the README's screenshots from the running application, on the demo visit.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [LANG]

Writes docs/screenshots/PAGE-LANG.png for each page of the main window. Run it
after changing a screen, look at the pictures, and commit them with the change.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str]) -> int:
    """Write one picture per page in the language asked for (French by default)."""
    lang = argv[1] if len(argv) > 1 else "fr"
    app = QApplication.instance() or QApplication(argv)
    from visitplanner.demo import build_demo
    from visitplanner.services.visit_files import write_visit
    from visitplanner.ui.checks.view import stop_all_checks
    from visitplanner.ui.shell.application import Application
    from visitplanner.ui.shell.language import apply_language
    from visitplanner.ui.shell.main_window import PAGES
    from visitplanner.ui.shell.settings import AppSettings

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.visit"
        write_visit(path, build_demo())
        settings = AppSettings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        apply_language(lang)
        application = Application(settings)
        application.open(path)
        window = application.window
        assert window is not None
        window.resize(1400, 850)
        window.show()
        for key, _title in PAGES:
            window.show_page(key)
            for _ in range(20):
                app.processEvents()
            if key == "checks":
                checks = window.pages["checks"]
                getattr(checks, "run_checks", lambda: None)()
                # The findings, not the "checking…" line: wait for the run to end.
                deadline = time.monotonic() + 30
                while getattr(checks, "checking", False) and time.monotonic() < deadline:
                    app.processEvents()
                    time.sleep(0.02)
                app.processEvents()
            target = OUT / f"{key}-{lang}.png"
            window.grab().save(str(target))
            print(target.relative_to(ROOT))
        stop_all_checks()  # no run left going when the program ends
        application.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
