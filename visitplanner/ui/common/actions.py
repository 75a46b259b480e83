"""Actions shared by the list screens: shortcuts scoped to one screen, buttons that follow them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


def screen_action(
    owner: QWidget,
    slot: Callable[[], object],
    shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QAction:
    """An action of `owner` whose shortcuts work only while the focus is in it.

    Several screens live in one window; scoping the shortcut keeps Del in the
    roster from deleting a venue on another page.
    """
    action = QAction(owner)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def button_row(parent: QWidget, actions: Sequence[QAction | None]) -> QHBoxLayout:
    """A row of buttons, one per action (None: a gap), enabled and named as their actions."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for action in actions:
        if action is None:
            row.addSpacing(12)
            continue
        button = QToolButton(parent)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(button)
    row.addStretch(1)
    return row


def describe(action: QAction, text: str, tip: str = "") -> None:
    """Set an action's text, and a tooltip naming its shortcut."""
    action.setText(text)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    plain = text.replace("&", "").rstrip("…")
    parts = [tip or plain]
    if shortcut:
        parts.append(f"({shortcut})")
    action.setToolTip(" ".join(parts))
