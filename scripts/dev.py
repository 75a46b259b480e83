#!/usr/bin/env python3
"""Set up the development environment, then open the app or run the checks (stdlib only).

    python3 scripts/dev.py app [ARGS...]   set up .venv and open the window (ARGS: to the app)
    python3 scripts/dev.py test [ARGS...]  set up .venv, run ruff, mypy, lint-imports, pytest
                                           (ARGS: to pytest)
    python3 scripts/dev.py setup           set up .venv only (packaging/build-linux.sh uses it)
    python3 scripts/dev.py lock            regenerate requirements.lock with uv

Set-up creates .venv, installs the pinned, hashed dependencies of requirements.lock and
the project itself (editable), and remembers what it installed in a stamp inside .venv,
so that a second run skips straight to the command. On Linux it then checks that the
system libraries Qt loads are there, and names the packages to install when they are not.
"""

# No `from __future__` import and nothing newer than f-strings above the version check,
# so that an old Python gets to the check and says why it stops instead of a SyntaxError.
import sys

if sys.version_info < (3, 11):  # noqa: UP036 -- the point is to say so on an old Python
    sys.exit(
        f"dev.py: VisitPlanner needs Python 3.11 or newer;"
        f" this is Python {sys.version_info[0]}.{sys.version_info[1]} ({sys.executable})"
    )

import ctypes
import hashlib
import importlib.util
import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
STAMP = VENV / "visitplanner-setup.stamp"
WINDOWS = os.name == "nt"
UV_VERSION = "0.13.9"
# Bump to force a new set-up everywhere when the steps below change.
SETUP_VERSION = "1"

# The system libraries the PySide6 wheels link to and a minimal Debian lacks, with the
# Debian/Ubuntu package of each. Found with `ldd`/`readelf -d` on libQt6Core, libQt6Gui,
# libQt6DBus, libQt6Widgets, libQt6Test and platforms/libqoffscreen.so (tests), and on
# libQt6XcbQpa and platforms/libqxcb.so (the window on X11). libc, libstdc++, zlib and
# zstd are left out: every Debian has them.
OFFSCREEN_LIBRARIES: Mapping[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
XCB_LIBRARIES: Mapping[str, str] = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


class SetupError(Exception):
    """The environment stops the set-up; the message says what to do."""


def say(message: str) -> None:
    """One line of progress, on stderr so that command output stays clean."""
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def venv_executable(name: str) -> Path:
    """A program installed in .venv (bin/NAME, or Scripts\\NAME.exe on Windows)."""
    if WINDOWS:
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def venv_python() -> Path:
    """The interpreter of .venv."""
    return venv_executable("python")


def run(args: Sequence[str | Path], env: Mapping[str, str] | None = None) -> int:
    """Run a command in the repository and return its exit status."""
    return subprocess.run([str(arg) for arg in args], cwd=ROOT, env=env, check=False).returncode


def pip(*args: str) -> None:
    """Run pip of .venv; a failure stops the set-up."""
    status = run([venv_python(), "-m", "pip", "--disable-pip-version-check", *args])
    if status != 0:
        raise SetupError(f"pip {args[0]} failed (exit status {status}), see above")


def setup_fingerprint() -> str:
    """What the set-up installed from: the lock file and pyproject.toml, by content."""
    if not LOCK.exists():
        raise SetupError("requirements.lock is missing: make it with `python3 scripts/dev.py lock`")
    digest = hashlib.sha256(SETUP_VERSION.encode())
    for path in (LOCK, PYPROJECT):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def venv_is_usable() -> bool:
    """Whether .venv has an interpreter >= 3.11 with pip in it."""
    python = venv_python()
    if not python.exists():
        return False
    probe = "import sys, pip; sys.exit(0 if sys.version_info >= (3, 11) else 1)"
    try:
        result = subprocess.run([str(python), "-c", probe], capture_output=True, check=False)
    except OSError:  # the interpreter .venv was made from is gone
        return False
    return result.returncode == 0


def create_venv() -> None:
    """Create .venv with pip, from the interpreter running this script."""
    missing_venv = (
        importlib.util.find_spec("venv") is None or importlib.util.find_spec("ensurepip") is None
    )
    if missing_venv:
        raise SetupError(
            "this Python lacks venv/ensurepip; on Debian/Ubuntu: apt-get install python3-venv"
        )
    say(f"creating .venv with {sys.executable}")
    status = run([sys.executable, "-m", "venv", "--clear", VENV])
    if status != 0 or not venv_is_usable():
        hint = "; on Debian/Ubuntu: apt-get install python3-venv" if sys.platform == "linux" else ""
        raise SetupError(f"could not create .venv with pip in it{hint}")


def ensure_venv() -> None:
    """Make sure .venv exists with a usable interpreter and pip."""
    if VENV.exists() and venv_is_usable():
        return
    if VENV.exists():
        say(".venv has no usable Python >= 3.11 with pip: making it again")
    create_venv()


def set_up() -> None:
    """Create .venv and install the locked dependencies and the project, unless done already."""
    fingerprint = setup_fingerprint()
    if venv_python().exists() and STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        return
    started = time.monotonic()
    ensure_venv()
    STAMP.unlink(missing_ok=True)
    say("installing the pinned dependencies of requirements.lock")
    pip("install", "--require-hashes", "-r", str(LOCK))
    say("installing visitplanner itself (editable)")
    pip("install", "--no-deps", "-e", str(ROOT))
    STAMP.write_text(fingerprint + "\n")
    say(f"set-up done in {time.monotonic() - started:.0f} s")


def library_problem(soname: str) -> str | None:
    """Why the dynamic loader cannot load `soname`, or None when it can."""
    try:
        ctypes.CDLL(soname)
    except OSError as error:
        return str(error)
    return None


def check_qt_libraries(libraries: Mapping[str, str]) -> None:
    """Stop with the apt-get line to run when a system library Qt needs is missing (Linux)."""
    if sys.platform != "linux":
        return
    missing: dict[str, str] = {}
    for soname, package in libraries.items():
        problem = library_problem(soname)
        if problem is None:
            continue
        # The library may be there but lack one of its own dependencies: say which.
        if problem.startswith(soname) or "cannot open shared object file" not in problem:
            missing[soname] = package
        else:
            missing[f"{soname} (needs {problem.split(':')[0]})"] = package
    if not missing:
        return
    packages = " ".join(sorted(set(missing.values())))
    sudo = "" if os.geteuid() == 0 else "sudo "
    raise SetupError(
        "Qt needs system libraries that are missing: "
        + ", ".join(missing)
        + f"\n  on Debian/Ubuntu: {sudo}apt-get install {packages}"
    )


def tool_environment() -> dict[str, str]:
    """The environment for tools: .venv first on PATH, like an activated venv."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = os.pathsep.join([str(venv_executable("python").parent), env.get("PATH", "")])
    env.pop("PYTHONHOME", None)
    return env


def command_app(args: Sequence[str]) -> int:
    """Open the window (the demo visit on first run), passing ARGS on to the app."""
    set_up()
    check_qt_libraries({**OFFSCREEN_LIBRARIES, **XCB_LIBRARIES})
    env = tool_environment()
    if (
        sys.platform == "linux"
        and not env.get("QT_QPA_PLATFORM")
        and not env.get("DISPLAY")
        and not env.get("WAYLAND_DISPLAY")
    ):
        # Not an error: commands like `app --version` or `app check VISIT` need no window.
        say("no display (DISPLAY and WAYLAND_DISPLAY are unset): the window cannot open here;")
        say("run it in a desktop session, or under xvfb-run")
    return run([venv_executable("visitplanner"), *args], env=env)


def command_test(args: Sequence[str]) -> int:
    """Run ruff, the formatter check, mypy, the import contracts and pytest (ARGS go to
    pytest); all must pass."""
    set_up()
    check_qt_libraries(OFFSCREEN_LIBRARIES)
    env = tool_environment()
    env["QT_QPA_PLATFORM"] = "offscreen"
    python = str(venv_python())
    steps: list[tuple[str, list[str]]] = [
        ("ruff check", [python, "-m", "ruff", "check", "."]),
        ("ruff format --check", [python, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [python, "-m", "mypy"]),
        # The layers of STYLE.md, as the contracts in pyproject.toml state them.
        ("lint-imports", [str(venv_executable("lint-imports")), "--no-cache"]),
        ("pytest", [python, "-m", "pytest", *args]),
    ]
    failed: list[str] = []
    for name, command in steps:
        say(f"running {name}")
        status = run(command, env=env)
        if status != 0:
            failed.append(f"{name} (exit status {status})")
    if failed:
        say("FAILED: " + ", ".join(failed))
        return 1
    say("all checks passed")
    return 0


def command_setup(args: Sequence[str]) -> int:
    """Set up .venv and nothing else (for scripts that then use its programs)."""
    if args:
        raise SetupError("setup takes no arguments")
    set_up()
    return 0


def command_lock(args: Sequence[str]) -> int:
    """Regenerate requirements.lock for every platform, with hashes, using uv in .venv."""
    if args:
        raise SetupError("lock takes no arguments")
    ensure_venv()
    uv = venv_executable("uv")
    if not uv.exists():
        say(f"installing uv {UV_VERSION} into .venv")
        pip("install", f"uv=={UV_VERSION}")
    status = run(
        [
            uv,
            "pip",
            "compile",
            "--quiet",
            "pyproject.toml",
            "--extra",
            "dev",
            "--universal",
            "--generate-hashes",
            "--python-version",
            "3.11",
            "--custom-compile-command",
            "python3 scripts/dev.py lock",
            "-o",
            "requirements.lock",
        ]
    )
    if status == 0:
        say("wrote requirements.lock; the next app or test run installs from it")
    return status


COMMANDS = {
    "app": command_app,
    "test": command_test,
    "setup": command_setup,
    "lock": command_lock,
}


def main(argv: Sequence[str]) -> int:
    """Run the command named first in `argv`."""
    if not argv or argv[0] not in COMMANDS:
        print((__doc__ or "").strip(), file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except SetupError as error:
        say(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
