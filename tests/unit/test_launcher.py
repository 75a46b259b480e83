"""The packaged application's launcher: a lone .visit file opens in the window."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

LAUNCHER = Path(__file__).resolve().parents[2] / "packaging" / "launcher.py"


def _launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("launcher", LAUNCHER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/home/o/Kalmykova.visit"], ["gui", "/home/o/Kalmykova.visit"]),
        (["C:\\Visites\\SOMMET.VISIT"], ["gui", "C:\\Visites\\SOMMET.VISIT"]),
        ([], []),
        (["--version"], ["--version"]),
        (["demo", "x.visit"], ["demo", "x.visit"]),
        (["gui", "x.visit"], ["gui", "x.visit"]),
        (["check"], ["check"]),
        (["notes.txt"], ["notes.txt"]),
    ],
)
def test_arguments(argv: list[str], expected: list[str]) -> None:
    assert _launcher().arguments(argv) == expected
