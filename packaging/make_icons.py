#!/usr/bin/env python3
"""Render the application icon from its SVG source to PNG sizes, a Windows .ico, a macOS iconset.

    python3 packaging/make_icons.py              SVG -> PNGs (rsvg-convert) and the .ico
    python3 packaging/make_icons.py --iconset D  the PNGs laid out as a macOS iconset in D,
                                                 for `iconutil -c icns D` (packaging/build-macos.sh)

The PNGs and the .ico are committed beside the SVG (visitplanner/resources/icons/), so a
build needs no SVG renderer: run the first form only after editing the SVG. It needs
`rsvg-convert` (Debian: librsvg2-bin). Standard library only otherwise: the .ico holds the
PNGs as they are, which Windows Vista and later read.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "visitplanner" / "resources" / "icons"
SVG = ICONS / "visitplanner.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows shows 16 to 48 in lists and menus, 256 in large views; 512 it cannot hold.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS iconset names: (file name in the iconset, the PNG size that fills it).
ICONSET = (
    ("icon_16x16.png", 16),
    ("icon_16x16@2x.png", 32),
    ("icon_32x32.png", 32),
    ("icon_32x32@2x.png", 64),
    ("icon_128x128.png", 128),
    ("icon_128x128@2x.png", 256),
    ("icon_256x256.png", 256),
    ("icon_256x256@2x.png", 512),
    ("icon_512x512.png", 512),
)


def png_path(size: int) -> Path:
    """The committed PNG of the icon at `size` pixels."""
    return ICONS / f"visitplanner-{size}.png"


def render_pngs() -> None:
    """Render the SVG to every PNG size with rsvg-convert."""
    renderer = shutil.which("rsvg-convert")
    if renderer is None:
        sys.exit("make_icons.py: rsvg-convert is missing; on Debian: apt-get install librsvg2-bin")
    for size in PNG_SIZES:
        subprocess.run(
            [renderer, "-w", str(size), "-h", str(size), str(SVG), "-o", str(png_path(size))],
            check=True,
        )


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """An .ico file holding the PNG images as they are (one directory entry each)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in pngs:
        # Width and height are one byte each; 0 stands for 256.
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def write_ico() -> None:
    """Write visitplanner.ico from the PNGs."""
    pngs = [(size, png_path(size).read_bytes()) for size in ICO_SIZES]
    (ICONS / "visitplanner.ico").write_bytes(ico_bytes(pngs))


def write_iconset(folder: Path) -> None:
    """Lay the PNGs out as a macOS .iconset folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in ICONSET:
        shutil.copyfile(png_path(size), folder / name)


def main() -> int:
    """Render the icons, or lay out the iconset."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--iconset", type=Path, metavar="DIR", help="write a macOS iconset")
    args = parser.parse_args()
    if args.iconset is not None:
        write_iconset(args.iconset)
        return 0
    render_pngs()
    write_ico()
    return 0


if __name__ == "__main__":
    sys.exit(main())
