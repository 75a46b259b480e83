"""What a screen cuts: widgets narrower than their own text needs.

A button, a check box or a label that is not allowed to wrap needs the width of its
text (its size hint); when its layout gives it less, Qt paints it cut ("Таблички та
схема (PDF…"). A table's headers and a combo box's current item elide by design and
are not counted.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QToolButton,
    QWidget,
)


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QAbstractButton, QLabel)):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def cut(root: QWidget) -> list[str]:
    """Each widget shown in `root` narrower than its text needs: "kind 'text': 80 < 95"."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            if (
                widget.wordWrap()
                or not widget.text()
                or (widget.pixmap() is not None and not widget.pixmap().isNull())
            ):
                continue
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton, QToolButton)):
            if not widget.text():
                continue
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, QTabWidget):
            bar = widget.tabBar()
            for tab in range(bar.count()):
                if bar.tabRect(tab).width() < bar.tabSizeHint(tab).width() - 1:
                    found.append(f"tab {bar.tabText(tab)!r}: {bar.tabRect(tab).width()}")
            continue
        else:
            continue
        if widget.width() < need - 1:
            found.append(f"{type(widget).__name__} {_text(widget)!r}: {widget.width()} < {need}")
    return found
