"""Fixtures shared by every test: Qt without a display, temporary visit files."""

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: the tests never need a display, in CI or on a desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def tmp_visit_path(tmp_path: Path) -> Path:
    """Where a test may write a visit file; the file does not exist yet."""
    return tmp_path / "visit.visit"


@pytest.fixture(autouse=True)
def _collector_handed_back() -> Iterator[None]:
    """Each test ends as a process would: what loading a visit froze out of the cycle
    collector's walks (`storage.rows.collector_paused`) is handed back, so that one
    test's garbage never outlives it frozen."""
    yield
    gc.unfreeze()
