"""The desktop metadata of the packaged application: valid, and all saying the same thing.

The .desktop file, the AppStream metainfo, the MIME type of .visit files, the PyInstaller
spec and the Windows installer script each name the application and its file type; a
desktop only opens a visit on a double-click when they agree. The validators that the
Linux desktops themselves use run when they are installed (.ci/run installs them).
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import visitplanner
from visitplanner.demo import build_demo
from visitplanner.services.visit_files import write_visit
from visitplanner.storage.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "org.visitplanner.VisitPlanner"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / "visitplanner-mime.xml"
SPEC = PACKAGING / "visitplanner.spec"
ISS = PACKAGING / "windows" / "visitplanner.iss"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VISIT_MIME = "application/x-visitplanner-visit"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {package})")
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), capture_output=True, text=True, env=env, timeout=60, check=False
    )


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type() -> ET.Element:
    found = ET.parse(MIME_XML).getroot().find("m:mime-type", MIME_NS)
    assert found is not None
    return found


# --- the validators -------------------------------------------------------------------


def test_desktop_file_is_valid() -> None:
    validator = _tool("desktop-file-validate", "desktop-file-utils")
    result = _run(validator, str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_is_valid() -> None:
    appstreamcli = _tool("appstreamcli", "appstream")
    result = _run(appstreamcli, "validate", "--no-net", "--no-color", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_xml_is_well_formed() -> None:
    xmllint = _tool("xmllint", "libxml2-utils")
    result = _run(xmllint, "--noout", str(MIME_XML))
    assert result.returncode == 0, result.stderr


def _mime_database(tmp_path: Path) -> Path:
    """A user data folder with our MIME type installed as install.sh does."""
    updater = _tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "data" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copyfile(MIME_XML, packages / f"{APP_ID}.xml")
    result = _run(updater, str(packages.parent))
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    return tmp_path / "data"


def test_mime_database_takes_the_type(tmp_path: Path) -> None:
    mime = _mime_database(tmp_path) / "mime"
    assert f"{VISIT_MIME}:*.visit" in (mime / "globs2").read_text(encoding="utf-8")
    assert (mime / "application" / "x-visitplanner-visit.xml").is_file()


# Qt reads the same database as the desktop's file manager; run it in a child process so
# that this test module stays free of Qt.
QT_DETECT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QMimeDatabase
    db = QMimeDatabase()
    print(json.dumps([db.mimeTypeForFile(path).name() for path in sys.argv[1:]]))
    """
)


def test_a_visit_is_known_by_its_name_and_by_its_content(tmp_path: Path) -> None:
    data = _mime_database(tmp_path)
    visit = tmp_path / "kalmykova.visit"
    write_visit(visit, build_demo())
    renamed = tmp_path / "kalmykova-copy.db"  # a name that says nothing
    shutil.copyfile(visit, renamed)
    plain = tmp_path / "other.db"  # SQLite, but not a visit
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": "/usr/local/share:/usr/share"}
    result = _run(sys.executable, "-c", QT_DETECT, str(visit), str(renamed), str(plain), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f'["{VISIT_MIME}", "{VISIT_MIME}", "application/vnd.sqlite3"]'


# --- agreement between the files ------------------------------------------------------


def test_desktop_file_opens_visits_with_the_window() -> None:
    entry = _desktop_entry()
    assert entry["MimeType"] == f"{VISIT_MIME};"
    assert entry["Exec"] == "visitplanner gui %f"
    assert entry["Icon"] == APP_ID
    assert set(entry["Categories"].split(";")) >= {"Office", "ProjectManagement"}
    for key in ("GenericName", "Comment", "Keywords"):
        assert {f"{key}[fr]", f"{key}[uk]"} <= set(entry), f"{key} lacks French or Ukrainian"


def test_mime_xml_defines_the_type_of_the_desktop_file() -> None:
    mime_type = _mime_type()
    assert mime_type.get("type") == _desktop_entry()["MimeType"].rstrip(";")
    globs = [glob.get("pattern") for glob in mime_type.findall("m:glob", MIME_NS)]
    assert globs == ["*.visit"]
    comments = {c.get(XML_LANG) for c in mime_type.findall("m:comment", MIME_NS)}
    assert comments == {None, "fr", "uk"}


def test_mime_magic_is_the_visit_file_header() -> None:
    outer = _mime_type().find("m:magic/m:match", MIME_NS)
    assert outer is not None
    assert (outer.get("type"), outer.get("value"), outer.get("offset")) == (
        "string",
        "SQLite format 3",
        "0",
    )
    inner = outer.find("m:match", MIME_NS)
    assert inner is not None
    assert inner.get("type") == "big32" and inner.get("offset") == "68"
    assert int(inner.get("value", ""), 16) == APPLICATION_ID


def test_metainfo_names_the_desktop_file_the_program_and_the_type() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID == DESKTOP.stem
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "visitplanner"
    assert root.findtext("provides/mediatype") == VISIT_MIME
    summaries = {s.get(XML_LANG) for s in root.findall("summary")}
    assert summaries == {None, "fr", "uk"}
    described = {p.get(XML_LANG) for p in root.findall("description/p")}
    assert described == {None, "fr", "uk"}
    assert root.find("content_rating") is not None


def test_metainfo_release_is_this_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "no release"
    assert releases[0].get("version") == visitplanner.__version__


def test_console_script_is_the_binary_the_desktop_runs() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^visitplanner = "visitplanner.__main__:main"$', pyproject, re.M)


def test_spec_and_installer_use_the_same_names() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in spec
    assert f'VISIT_MIME = "{VISIT_MIME}"' in spec
    assert 'VISIT_UTI = "org.visitplanner.visit"' in spec
    iss = ISS.read_text(encoding="utf-8")
    assert f'#define VisitMime "{VISIT_MIME}"' in iss
    assert '#define ProgId "VisitPlanner.Visit"' in iss
    assert '"Software\\Classes\\.visit"' in iss
    # The window opens the file: the same command as the Linux desktop file's.
    assert '"""{app}\\{#AppExe}"" gui ""%1"""' in iss
    # Every registry entry is removed on uninstall (or sits under a key that is).
    under_removed_key = ("\\{#ProgId}\\", "\\SupportedTypes")
    for line in iss.splitlines():
        if line.startswith("Root: HKA") and not any(key in line for key in under_removed_key):
            assert "Flags: uninsdelete" in line, line
    for language in ("Default.isl", "French.isl", "Ukrainian.isl"):
        assert language in iss
