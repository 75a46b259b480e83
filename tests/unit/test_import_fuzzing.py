"""Every importer, fed damaged versions of real files: an import or one clear refusal
(an InputError or another VisitPlannerError), never an internal error, and a refusal
leaves the visit's file as it was.

The corpus and the changes are `tests/fuzzing.py`'s, shared with the long run
(`benchmarks/fuzz.py --minutes N`); here hypothesis draws the changes, for
VISITPLANNER_FUZZ_EXAMPLES examples each (60 unless told).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.fuzzing import HOWS, KINDS, Change, attempt, attempt_import, corpus, damaged, plan

FUZZ = settings(
    max_examples=int(os.environ.get("VISITPLANNER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    # The seeds are made anew each run (a workbook carries its time of writing): an
    # example saved by an earlier run would not replay the same.
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: One to four changes to a file (see `tests.fuzzing.damaged`).
_CHANGES = st.lists(
    st.tuples(
        st.sampled_from(HOWS),
        st.floats(0, 1),
        st.integers(1, 200),
        st.binary(min_size=1, max_size=64),
    ),
    min_size=1,
    max_size=4,
)


def _damaged_file(kind: str, which: int, changes: list[Change], folder: Path) -> Path:
    seeds = corpus()[kind]
    path = folder / f"input.{kind}"
    path.write_bytes(damaged(seeds[which % len(seeds)][1], changes))
    return path


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(which=st.integers(0, 10), changes=_CHANGES)
@example(which=0, changes=[("flip", 0.125, 1, b"\x00")])  # a damaged deflate stream: zlib.error
@example(which=0, changes=[("inner", 0.1, 0, b"x"), ("token", 0.5, 13, b"x")])  # U+FFFE in a cell
@example(which=3, changes=[("token", 0.4, 0, b"x")])  # a calendar event in year 1
# An attribute of a sheet's XML damaged: openpyxl's TypeError, once an internal error.
@example(which=2, changes=[("inner", 0.0, 1, b"\x00"), ("delete", 0.125, 1, b"\x00")])
def test_a_damaged_file_is_imported_or_refused_in_words(
    kind: str, which: int, changes: list[Change], tmp_path: Path
) -> None:
    path = _damaged_file(kind, which, changes, tmp_path)
    outcome = attempt(lambda: plan(kind, path))
    assert outcome.verdict != "internal", outcome.describe()


@pytest.mark.parametrize("kind", KINDS)
@settings(FUZZ, max_examples=max(FUZZ.max_examples // 4, 5))
@given(which=st.integers(0, 10), changes=_CHANGES)
def test_a_damaged_file_imported_into_a_visit_changes_nothing_when_refused(
    kind: str, which: int, changes: list[Change], tmp_path: Path
) -> None:
    path = _damaged_file(kind, which, changes, tmp_path)
    outcome = attempt_import(kind, path, tmp_path)
    assert outcome.verdict != "internal", outcome.describe()
    assert not outcome.changed_on_refusal, outcome.describe()


@pytest.mark.parametrize("kind", KINDS)
def test_the_seeds_themselves_import(kind: str, tmp_path: Path) -> None:
    for name, seed in corpus()[kind]:
        path = tmp_path / f"input.{kind}"
        path.write_bytes(seed)
        assert attempt(lambda p=path: plan(kind, p)).verdict == "imported", name
