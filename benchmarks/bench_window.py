"""Time the window on a summit-sized visit: launch to first paint.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [--scale S] [--repeat N]

Measures, in a fresh process each time, from the start of the program to the
main window's first paint: Qt start-up, opening and loading the visit, building
the pages. Target: under 1.5 s. The roster filter's per-keystroke time is
measured by bench_roster_filter.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import time
started = time.perf_counter()
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from visitplanner.ui.shell.application import Application
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.settings import AppSettings

from PySide6.QtWidgets import QMainWindow, QWidget

class FirstPaint(QObject):
    # The first paint of anything (the opening progress of a large visit, else the
    # window) and the main window's own first paint: the visit on screen.

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            now = time.perf_counter()
            if not hasattr(self, "first"):
                self.first = now
            if isinstance(obj.window(), QMainWindow) and not hasattr(self, "at"):
                self.at = now
                app.quit()
        return False

settings = AppSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
apply_language("en")
application = Application(settings)
probe = FirstPaint()
app.installEventFilter(probe)
application.open(Path(sys.argv[1]))
app.exec()
print(json.dumps({"first_paint": probe.first - started, "window": probe.at - started}))
application.shutdown()
"""


#: The floor: a bare PySide6 window (a main window with a menu bar and a label), launched
#: the same way, timed to its first paint.
FLOOR = r"""
import time
started = time.perf_counter()
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "at"):
            self.at = time.perf_counter()
            app.quit()
        return False

probe = FirstPaint()
app.installEventFilter(probe)
window = QMainWindow()
window.menuBar().addMenu("File")
window.setCentralWidget(QLabel("floor"))
window.resize(1280, 800)
window.show()
app.exec()
print(json.dumps({"first_paint": probe.at - started}))
"""


def main(argv: list[str]) -> int:
    """Print the best of `--repeat` launches (five by default)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--visit", type=Path, help="launch on this visit file (no generation)")
    parser.add_argument("--json", action="store_true", help="end with the best figures as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from summit import SummitSize, generate_summit

    from visitplanner.services.visit_files import write_visit

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as folder:
        path = args.visit
        if path is None:
            path = Path(folder) / "summit.visit"
            write_visit(path, generate_summit(SummitSize.scaled(args.scale)))
        first, window = [], []
        for run in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(Path(folder) / f"s{run}.ini")],
                capture_output=True,
                text=True,
                env=env,
                check=False,
                timeout=600,
            )
            if out.returncode != 0:
                raise SystemExit(f"the window failed ({out.returncode}):\n{out.stderr[-3000:]}")
            times = json.loads(out.stdout.strip().splitlines()[-1])
            first.append(times["first_paint"])
            window.append(times["window"])
        floor = []
        for _run in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", FLOOR],
                capture_output=True,
                text=True,
                env=env,
                check=True,
                timeout=120,
            )
            floor.append(json.loads(out.stdout.strip().splitlines()[-1])["first_paint"])
    what = path.name if args.visit else f"summit visit x{args.scale:g}"
    print(f"floor, a bare PySide6 window to its first paint: best {min(floor) * 1000:.0f} ms")
    print(
        f"launch to first paint, {what}: best {min(first) * 1000:.0f} ms, "
        f"worst {max(first) * 1000:.0f} ms (target < 1000 ms at 1x, < 2000 ms at 10x)"
    )
    print(
        f"launch to the visit in the window, {what}: best {min(window) * 1000:.0f} ms, "
        f"worst {max(window) * 1000:.0f} ms"
    )
    if args.json:
        print(json.dumps({"first_paint": min(first), "window": min(window), "floor": min(floor)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
