"""Every benchmark runs to its end at a tiny scale, so a broken benchmark fails the
test command instead of the day someone measures (the full runs stay manual)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

#: Each script with the arguments that make it small: a few seconds each.
TINY = {
    "bench_briefing.py": ["--scale", "0.01"],
    "bench_checks.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_checks_page.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_drag.py": ["--scale", "0.02", "--repeat", "1", "--json"],
    "bench_encryption.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_ics.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_proposal.py": ["--guests", "30", "--constraints", "5", "--repeat", "1"],
    "bench_publish.py": ["--scale", "0.005"],
    "bench_journal.py": ["--scale", "0.01", "--repeat", "2"],
    "bench_roster.py": ["--rows", "50", "--repeat", "1"],
    "bench_rooming.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_roster_filter.py": ["--scale", "0.02", "--repeat", "1", "--json"],
    "bench_seating.py": ["--guests", "30", "--repeat", "1"],
    "bench_timeline.py": ["--scale", "0.02", "--repeat", "1"],
    "bench_versions.py": ["--scale", "0.02", "--versions", "3", "--moved", "2"],
    "bench_window.py": ["--scale", "0.02", "--repeat", "1", "--json"],
    "scaling.py": ["--scales", "0.02", "0.04", "--repeat", "1"],
    "fuzz.py": ["--minutes", "0.05"],
    "crash.py": ["--kills", "2"],
}


@pytest.mark.parametrize("script", sorted(TINY))
def test_the_benchmark_runs_at_a_tiny_scale(script: str) -> None:
    # The checkout's own package, whichever one the environment has installed.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(BENCHMARKS.parent)}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *TINY[script]],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert done.stdout.strip(), "a benchmark prints its figures"
