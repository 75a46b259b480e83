"""Small helpers every editor uses: labelled rows, an error line, a read-only mode."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from visitplanner.i18n import _


def plain(text: str) -> str:
    """A label's text as a screen reader should say it: no mnemonic "&", no colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :…")


def add_row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    """Add `field` to `form` under a label pointing to it (or to `buddy`), and name it."""
    label = QLabel(text)
    target = buddy or field
    label.setBuddy(target)
    if not target.accessibleName():
        target.setAccessibleName(plain(text))
    form.addRow(label, field)
    return label


def error_label(parent: QWidget) -> QLabel:
    """A hidden red line that says what is wrong with the input, read out when it appears."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: 600;")
    label.setAccessibleName(_("Error"))
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show `message` in an error line (hidden again when empty)."""
    label.setText(message)
    label.setAccessibleDescription(message)
    label.setVisible(bool(message))


def make_read_only(root: QWidget) -> None:
    """Let everything under `root` be read (and text copied) but nothing changed."""
    for edit in root.findChildren(QLineEdit):
        edit.setReadOnly(True)
    for area in root.findChildren(QPlainTextEdit):
        area.setReadOnly(True)
    for spin in root.findChildren(QAbstractSpinBox):
        spin.setReadOnly(True)
    for widget in (*root.findChildren(QComboBox), *root.findChildren(QCheckBox)):
        widget.setEnabled(False)


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]]) -> None:
    """Replace the items of `combo` by (text, data) pairs."""
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)


def select_data(combo: QComboBox, data: Any) -> None:
    """Make the item carrying `data` current (the first item when none does)."""
    index = combo.findData(data)
    combo.setCurrentIndex(max(0, index))


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Ask a yes/no question; True when the officer says yes (No is the default)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
