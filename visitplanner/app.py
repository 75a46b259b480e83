"""Composition root of the window: settings, the visit to open, the main window.

The only module outside `ui` that reaches Qt, and only when the window is asked for.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def run_app(visit: Path | None) -> int:
    """Open the window on `visit` (the last visit, or the demo visit on first run)."""
    from visitplanner.ui.shell.application import run

    return run(visit)
