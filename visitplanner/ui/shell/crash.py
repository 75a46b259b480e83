"""An unexpected error in the window: logged, shown with its details, the visit intact."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.crashlog import crash_text, write_crash_report
from visitplanner.i18n import _

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Says that something went wrong, that no edit was lost, and shows copyable details."""

    def __init__(self, details: str, report: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unexpected error"))
        intro = _(
            "VisitPlanner met an unexpected error. Every change made before it is saved in the "
            "visit file. Please send the details below to whoever maintains VisitPlanner."
        )
        if report:
            intro += "\n" + _(
                "They were also written to {path}. They say where the program failed, "
                "without the visit's names or values."
            ).format(path=report)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Error details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(_("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 400)

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if error.__traceback__ is None:
        error = error.with_traceback(tb)
    # What is shown, copied and sent is what the log holds: where the program failed,
    # without the visit's names or values.
    details = crash_text(error)
    log.error("unexpected error\n%s", details)
    report = write_crash_report(error)
    if QApplication.instance() is not None:
        CrashDialog(details, str(report) if report else None, QApplication.activeWindow()).exec()


def install_crash_handler() -> None:
    """Show unexpected errors in a dialog instead of losing them on a console."""
    sys.excepthook = _hook
