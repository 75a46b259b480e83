"""The application's settings, declared once: typed properties over QSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QByteArray, QSettings

from visitplanner.i18n import UI_LANGUAGES

MAX_RECENT: Final = 8


class AppSettings:
    """Every setting the window keeps between runs, with its type and default."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    @property
    def language(self) -> str | None:
        """The interface language chosen in Preferences (None: follow the system)."""
        value = str(self._s.value("interface/language", "", type=str))
        return value if value in UI_LANGUAGES else None

    @language.setter
    def language(self, value: str | None) -> None:
        self._s.setValue("interface/language", value or "")

    @property
    def last_visit(self) -> Path | None:
        """The visit open when the window was last closed."""
        value = str(self._s.value("files/last_visit", "", type=str))
        return Path(value) if value else None

    @last_visit.setter
    def last_visit(self, value: Path | None) -> None:
        self._s.setValue("files/last_visit", str(value) if value else "")

    @property
    def recent_visits(self) -> list[Path]:
        """Visits opened lately, newest first."""
        raw: Any = self._s.value("files/recent", [], type=list)
        return [Path(str(item)) for item in raw or [] if item]

    def remember_visit(self, path: Path) -> None:
        """Put `path` first among the recent visits and make it the last one."""
        resolved = path.resolve()
        recent = [p for p in self.recent_visits if p != resolved]
        self._s.setValue("files/recent", [str(p) for p in [resolved, *recent][:MAX_RECENT]])
        self.last_visit = resolved

    @property
    def window_geometry(self) -> bytes:
        """The main window's size and place."""
        value: Any = self._s.value("window/geometry", QByteArray())
        return bytes(value.data()) if isinstance(value, QByteArray) else b""

    @window_geometry.setter
    def window_geometry(self, value: bytes) -> None:
        self._s.setValue("window/geometry", QByteArray(value))

    def sync(self) -> None:
        """Write the settings to disk now."""
        self._s.sync()
