"""A person's photo: attach a PNG or JPEG of at most 5 MB, see it as a thumbnail, remove it.

The file's type is read from its bytes (domain.photos), and Qt must be able to
decode it, so that nothing the briefing book cannot print gets into the visit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.photos import MAX_PHOTO_BYTES, photo_type
from visitplanner.i18n import _

log = logging.getLogger(__name__)

THUMBNAIL = QSize(96, 120)


class PhotoInput(QWidget):
    """The photo of a person: thumbnail, Attach and Remove buttons, and what went wrong."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._type = ""
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)
        self.attach_button = QPushButton(self)
        self.attach_button.clicked.connect(self.choose_file)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbnail)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()
        self._show()

    def retranslate(self) -> None:
        """Label the buttons in the current language."""
        self.attach_button.setText(_("&Attach photo…"))
        self.attach_button.setAccessibleName(_("Attach photo"))
        self.attach_button.setToolTip(
            _("A PNG or JPEG image of at most {limit} MB.").format(
                limit=MAX_PHOTO_BYTES // (1024 * 1024)
            )
        )
        self.remove_button.setText(_("Remove photo"))
        self.remove_button.setAccessibleName(_("Remove photo"))
        self.thumbnail.setAccessibleName(_("Photo"))
        self._show()

    def value(self) -> tuple[bytes | None, str]:
        """The photo's bytes and MIME type, or (None, "")."""
        return self._data, self._type

    def set_value(self, data: bytes | None, mime: str) -> None:
        """Show the photo stored for the person."""
        self._data, self._type = (data, mime) if data is not None else (None, "")
        self.message.hide()
        self._show()

    def choose_file(self) -> None:
        """Ask for an image file and attach it."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Attach a photo"),
            "",
            _("Images (*.png *.jpg *.jpeg);;All files (*)"),
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        """Attach the image at `path`; False, with the reason shown, when it is refused."""
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                # Refused before reading: a huge file is never loaded into memory.
                raise DomainError(
                    _("The photo is {size} MB; at most {limit} MB can be attached.").format(
                        size=f"{size / (1024 * 1024):.1f}",
                        limit=MAX_PHOTO_BYTES // (1024 * 1024),
                    )
                )
            data = path.read_bytes()
            mime = photo_type(data)
            if QImage.fromData(data).isNull():
                raise DomainError(_("The image cannot be read; the file may be damaged."))
        except DomainError as exc:
            self._refuse(path, exc.message)
            return False
        except OSError as exc:
            self._refuse(path, _("The file cannot be read: {reason}").format(reason=exc.strerror))
            return False
        self._data, self._type = data, mime
        self.message.hide()
        self._show()
        self.changed.emit()
        return True

    def remove(self) -> None:
        """Take the photo away."""
        self._data, self._type = None, ""
        self.message.hide()
        self._show()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Show the photo without the buttons that change it."""
        self.attach_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and self._data is not None)

    def _refuse(self, path: Path, reason: str) -> None:
        log.info("photo %s refused: %s", path, reason)
        self.message.setText(
            _("{file} was not attached. {reason}").format(file=path.name, reason=reason)
        )
        self.message.show()

    def _show(self) -> None:
        self.remove_button.setEnabled(self._data is not None)
        if self._data is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No photo"))
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(self._data):
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("Photo (no preview)"))
            return
        self.thumbnail.setPixmap(
            pixmap.scaled(
                THUMBNAIL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
