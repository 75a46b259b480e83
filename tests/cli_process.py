"""Run the command line in a child process, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Literal, overload

ROOT = Path(__file__).resolve().parents[1]


@overload
def run_visitplanner(
    *args: str,
    cwd: Path = ...,
    lang: str = ...,
    config: Path | None = ...,
    binary: Literal[False] = ...,
) -> subprocess.CompletedProcess[str]: ...


@overload
def run_visitplanner(
    *args: str, cwd: Path = ..., lang: str = ..., config: Path | None = ..., binary: Literal[True]
) -> subprocess.CompletedProcess[bytes]: ...


def run_visitplanner(
    *args: str,
    cwd: Path = ROOT,
    lang: str = "en_GB.UTF-8",
    config: Path | None = None,
    binary: bool = False,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """`visitplanner ARGS` in `lang`, its settings in `config` when given; standard output
    as bytes when `binary` (a PDF on a pipe), else as text."""
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "LANGUAGE": ""}
    if config is not None:
        env["VISITPLANNER_CONFIG_DIR"] = str(config)
    # The checkout under test, whatever the folder it runs in (a worktree's child would
    # otherwise import the copy the environment was installed from).
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True,
        text=not binary,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
