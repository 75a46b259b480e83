"""Where the application's own files are: the icon in each size (no Qt here).

The files live in the package (visitplanner/resources/) and are found through
importlib.resources, so the same call works from a source tree, an installed wheel and
the packaged application, where PyInstaller lays the package's data out on disk.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

#: The sizes, in pixels, of the PNG icons shipped in visitplanner/resources/icons/.
ICON_SIZES: Final = (16, 24, 32, 48, 64, 128, 256, 512)


def _icons_folder() -> Path:
    folder = resources.files("visitplanner") / "resources" / "icons"
    # The package is always on disk (source tree, wheel, PyInstaller's folder), never zipped:
    # Qt and the desktop need a real path.
    if not isinstance(folder, Path):
        raise RuntimeError(f"the icons are not in a folder on disk: {folder}")
    return folder


def icon_path(size: int | None = None) -> Path:
    """The PNG icon of `size` pixels (one of ICON_SIZES), or the SVG source when None."""
    if size is None:
        return _icons_folder() / "visitplanner.svg"
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {', '.join(map(str, ICON_SIZES))}")
    return _icons_folder() / f"visitplanner-{size}.png"


def icon_paths() -> list[Path]:
    """Every PNG icon, smallest first: give them all to a window icon to let it choose."""
    return [icon_path(size) for size in ICON_SIZES]
