"""The layers hold: Qt stays inside visitplanner.ui, and the domain depends on nothing else.

The command line and every export must run on a machine without a display, so importing
any module outside the ui package must not load Qt, directly or through another module.
"""

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import visitplanner

PACKAGE_DIR = Path(visitplanner.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6")

#: Modules that exist to open the window and so may load the ui package: the ui package
#: itself, and the composition root that wires it to the services (the command line
#: imports it only when asked for the window). They still must not import PySide6
#: themselves: the static test below holds them to that.
UI_PACKAGE = "visitplanner.ui"
GUI_MODULES = (UI_PACKAGE, "visitplanner.app")

#: For each layer, the only parts of visitplanner its modules may import.
ALLOWED_IMPORTS = {
    "domain": ("visitplanner.domain", "visitplanner.i18n"),
    # The demo visit is data built from domain objects: writing it is the caller's job.
    "demo": ("visitplanner.demo", "visitplanner.domain", "visitplanner.i18n"),
}

# Imports every non-GUI module in a fresh interpreter and reports the one whose import
# first loaded Qt, if any. pkgutil.walk_packages imports each package it walks into, so
# the GUI packages are left out of the walk itself, not only of the imports.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
import visitplanner

gui, qt = {gui!r}, {qt!r}
imported, culprits = [], []
def is_gui(name):
    return any(name == g or name.startswith(g + ".") for g in gui)
def load(name):
    before = [m for m in qt if m in sys.modules]
    module = importlib.import_module(name)
    imported.append(name)
    if not before and any(m in sys.modules for m in qt):
        culprits.append(name)
    return module
for top in pkgutil.iter_modules(visitplanner.__path__, "visitplanner."):
    if is_gui(top.name):
        continue
    module = load(top.name)
    if top.ispkg:
        for info in pkgutil.walk_packages(module.__path__, top.name + "."):
            if not is_gui(info.name):
                load(info.name)
print(json.dumps({{"imported": imported, "culprits": culprits}}))
"""


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_own_module(module: str) -> bool:
    """Whether `module` names a module or package of visitplanner (not a name inside one)."""
    path = PACKAGE_DIR.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in a source file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{module}" if module else base
            yield node.lineno, module
            # `from visitplanner import storage` imports the module visitplanner.storage.
            for alias in node.names:
                if _is_own_module(f"{module}.{alias.name}"):
                    yield node.lineno, f"{module}.{alias.name}"


def test_importing_everything_but_the_ui_loads_no_qt() -> None:
    code = IMPORT_ALL.format(gui=GUI_MODULES, qt=QT_MODULES)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"a module failed to import:\n{result.stderr}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "visitplanner.domain" in report["imported"]
    assert report["culprits"] == [], f"importing {report['culprits']} loaded Qt"


def test_no_module_outside_the_ui_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {module}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if not _within(_module_name(path), (UI_PACKAGE,))
        for line, module in _imported_modules(path)
        if _within(module, QT_MODULES)
    ]
    assert not offenders, "\n".join(offenders)


def test_each_layer_imports_only_what_it_may() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE_DIR.parent)}:{line}: {module}"
        for layer, allowed in ALLOWED_IMPORTS.items()
        for path in sorted((PACKAGE_DIR / layer).rglob("*.py"))
        for line, module in _imported_modules(path)
        if _within(module, ("visitplanner",))
        and module != "visitplanner"
        and not _within(module, allowed)
    ]
    assert not offenders, "\n".join(offenders)
