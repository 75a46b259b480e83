"""Fixtures shared by every test: Qt without a display, temporary visit files."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.sync_server import ServerProcess, team_server

if TYPE_CHECKING:
    from visitplanner.operations.session import VisitSession

# Before anything imports Qt: the tests never need a display, in CI or on a desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[VisitSession]:
    """The demo visit (its ceremony with wreaths, placement and a running order, its
    dinner with a seating plan) written to a file and open (a test may define its own)."""
    from visitplanner.demo import build_demo
    from visitplanner.operations.session import VisitSession
    from visitplanner.services.visit_files import write_visit

    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    session = VisitSession.open(path)
    yield session
    session.close()


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


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[ServerProcess, str, str]]:
    """A real sync server and the tokens of two officers (Olena, Jean) on it."""
    with team_server(tmp_path) as running:
        yield running.server, running.olena, running.jean
