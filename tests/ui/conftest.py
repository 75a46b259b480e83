"""Shared by the window's tests: no run of the plan checks outlives its test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _checks_end_with_the_test() -> Iterator[None]:
    yield
    from visitplanner.ui.checks.view import stop_all_checks

    stop_all_checks()
