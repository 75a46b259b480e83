"""Fixtures shared by every test: Qt without a display, temporary visit files."""

import os
from pathlib import Path

import pytest

# Before anything imports Qt: the tests never need a display, in CI or on a desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def tmp_visit_path(tmp_path: Path) -> Path:
    """Where a test may write a visit file; the file does not exist yet."""
    return tmp_path / "visit.visit"
