"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 dropped a reference to None on every call of a method returning
void, and one to True on every Signal.emit(): after a few thousand calls Python
freed None and aborted ("none_dealloc"), in tests and in a long session alike.
This test names the fault at once if a version with it comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

CALLS = 1000


class _Emitter(QObject):
    ping = Signal()


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        widget.update()
        emitter.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    assert lost_none < CALLS // 10, f"each void call loses a reference to None ({lost_none})"
    assert lost_true < CALLS // 10, f"each emit loses a reference to True ({lost_true})"
