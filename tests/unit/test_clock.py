"""A time of day as an officer types it."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitplanner.domain.clock import parse_clock
from visitplanner.domain.errors import DomainError


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_usual_way_of_writing_a_time_reads_the_same(hour: int, minute: int) -> None:
    expected = time(hour, minute)
    for typed in (
        f"{hour:02d}:{minute:02d}",
        f"{hour}:{minute:02d}",
        f"{hour}{minute:02d}",
        f"{hour}h{minute:02d}",
        f"{hour} h {minute:02d}",
        f"{hour}.{minute:02d}",
        f" {hour:02d}H{minute:02d} ",
    ):
        assert parse_clock(typed) == expected, typed
    twelve = hour % 12 or 12
    suffix = "pm" if hour >= 12 else "am"
    assert parse_clock(f"{twelve}:{minute:02d} {suffix}") == expected
    assert parse_clock(f"{twelve}:{minute:02d}{suffix.upper()}") == expected


@pytest.mark.parametrize(("typed", "read"), [("14h", time(14)), ("9", time(9)), ("2pm", time(14))])
def test_an_hour_alone(typed: str, read: time) -> None:
    assert parse_clock(typed) == read


@pytest.mark.parametrize(
    "typed", ["24:00", "1460", "13pm", "0am", "14:3", "12345", "", "abc", "-1"]
)
def test_what_is_no_time_of_day_is_refused_saying_what_would_be(typed: str) -> None:
    with pytest.raises(DomainError, match="is not a time of day: type 14:30, 1430"):
        parse_clock(typed)
