"""The application icon: an SVG source and PNGs of every size, found through the package."""

from __future__ import annotations

import importlib.util
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from visitplanner.app_resources import ICON_SIZES, icon_path, icon_paths

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def _make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging/make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_has_its_size(size: int) -> None:
    path = icon_path(size)
    assert path.name == f"visitplanner-{size}.png"
    assert _png_size(path.read_bytes()) == (size, size)


def test_icon_paths_lists_every_size_smallest_first() -> None:
    paths = icon_paths()
    assert [_png_size(p.read_bytes())[0] for p in paths] == sorted(ICON_SIZES)


def test_svg_source_is_a_square_drawing() -> None:
    root = ET.parse(icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"


def test_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="no 20 px icon"):
        icon_path(20)


def test_windows_icon_holds_the_small_and_large_sizes() -> None:
    data = (icon_path(16).parent / "visitplanner.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 6 + 16 * (index + 1)]
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", entry)
        side = width or 256
        assert _png_size(data[offset : offset + length]) == (side, height or 256)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_icon_tools_agree_on_the_sizes() -> None:
    assert _make_icons().PNG_SIZES == ICON_SIZES
    install = (ROOT / "packaging/linux/install.sh").read_text(encoding="utf-8")
    found = re.search(r"^sizes=\(([\d ]+)\)$", install, re.M)
    assert found is not None
    assert tuple(int(size) for size in found.group(1).split()) == ICON_SIZES


def test_ico_writer_marks_256_as_zero() -> None:
    data = _make_icons().ico_bytes([(256, PNG_SIGNATURE + b"x" * 20)])
    assert data[6] == 0 and data[7] == 0
