"""The bindings' reference-count defect on None and True, and the guard against it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from visitplanner.ui import refcount_guard

_CALLS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{guard}
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Source(QObject):
    fired = Signal()

app = QApplication([])
widget, source = QWidget(), Source()
for _ in range(50_000):
    widget.setEnabled(True)   # a void method: returns None
    source.fired.emit()       # returns True
print("alive")
"""


def _run(guard: str) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(_CALLS.format(guard=guard))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_fifty_thousand_calls_leave_the_window_alive() -> None:
    done = _run("import visitplanner.ui")
    assert done.returncode == 0, done.stderr
    assert "alive" in done.stdout


@pytest.mark.skipif(not refcount_guard.needed(), reason="None and True are immortal here")
def test_the_defect_is_still_there_without_the_guard() -> None:
    # When this fails, the bindings are fixed: refcount_guard can be removed.
    done = _run("")
    assert done.returncode != 0
    assert "deallocating" in done.stderr
