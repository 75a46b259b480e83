"""Shared by the window's tests: no run of the plan checks outlives its test, and an
editor a test leaves open with changes is closed at the end without a modal question
(which no one would answer offscreen); tests/ui/test_unsaved_changes.py asks it for real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def _checks_end_with_the_test() -> Iterator[None]:
    yield
    from visitplanner.ui.checks.view import stop_all_checks

    stop_all_checks()


@pytest.fixture(autouse=True)
def _editors_left_open_discard(monkeypatch: pytest.MonkeyPatch) -> None:
    from visitplanner.ui.common.edits import EntityEditor

    monkeypatch.setattr(
        EntityEditor, "ask_unsaved", lambda _self: QMessageBox.StandardButton.Discard
    )
