"""How an editor marks a private field: a padlock badge, a tinted input, a tooltip that says why.

Which fields are private is declared once, in `domain.privacy`; editors ask it
and mark those inputs here, so every private field looks the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from visitplanner.i18n import _

#: The Qt property set on every input of a private field (and on its container).
PRIVATE_PROPERTY = "visitplannerPrivate"

#: The tint of private inputs: a warm amber that reads as "take care" in light themes.
PRIVATE_TINT = "#fff1d6"
PRIVATE_BORDER = "#c98a1b"


def private_tooltip() -> str:
    """What the tooltip of a private field says."""
    return _("Private: this field never leaves in shareable exports.")


def lock_pixmap(size: int = 16, color: str = PRIVATE_BORDER) -> QPixmap:
    """A padlock drawn with QPainter: no emoji font is needed to show it."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(color))
    pen.setWidthF(max(1.5, size / 9))
    painter.setPen(pen)
    shackle = QPainterPath()
    left, right = size * 0.3, size * 0.7
    shackle.moveTo(QPointF(left, size * 0.48))
    shackle.lineTo(QPointF(left, size * 0.32))
    shackle.arcTo(QRectF(left, size * 0.1, right - left, size * 0.4), 180, -180)
    shackle.lineTo(QPointF(right, size * 0.48))
    painter.drawPath(shackle)
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(QRectF(size * 0.16, size * 0.46, size * 0.68, size * 0.46), 2, 2)
    painter.end()
    return pixmap


def lock_icon(size: int = 16) -> QIcon:
    """The padlock as an icon (for a tab holding private fields)."""
    return QIcon(lock_pixmap(size))


def mark_private(widget: QWidget, tint: bool = True) -> None:
    """Mark `widget` as a private field's input: property, tooltip, screen-reader text, tint."""
    widget.setProperty(PRIVATE_PROPERTY, True)
    widget.setToolTip(private_tooltip())
    widget.setAccessibleDescription(_("Private field: it never leaves in shareable exports."))
    if not tint:
        return
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        # A type selector, so the tint stays on this input and does not cascade to children.
        kind = widget.metaObject().className()
        widget.setStyleSheet(
            f"{kind} {{ background-color: {PRIVATE_TINT}; color: #1b1b1b;"
            f" border: 1px solid {PRIVATE_BORDER}; border-radius: 3px; padding: 2px; }}"
        )
    else:
        # Spin boxes and date inputs draw their arrows badly under a style sheet: a palette
        # tints their text area and leaves the rest to the platform's style.
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(PRIVATE_TINT))
        palette.setColor(QPalette.ColorRole.Text, QColor("#1b1b1b"))
        widget.setPalette(palette)


def is_marked_private(widget: QWidget) -> bool:
    """Whether `widget` was marked as the input of a private field."""
    return bool(widget.property(PRIVATE_PROPERTY))


class PrivateBadge(QWidget):
    """The padlock and the word "private", shown beside a private field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.lock = QLabel(self)
        self.lock.setPixmap(lock_pixmap(14))
        self.text = QLabel(self)
        layout.addWidget(self.lock)
        layout.addWidget(self.text)
        self.retranslate()

    def retranslate(self) -> None:
        """Say it again in the current language."""
        self.text.setText(_("private"))
        self.text.setStyleSheet(f"color: {PRIVATE_BORDER}; font-weight: 600;")
        for part in (self, self.lock, self.text):
            part.setToolTip(private_tooltip())
        self.setAccessibleName(_("private"))
        self.setAccessibleDescription(private_tooltip())


def with_badge(field: QWidget, parent: QWidget | None = None) -> QWidget:
    """`field` marked private, followed by the padlock badge on one row."""
    mark_private(field)
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(PrivateBadge(row))
    return row
