"""Every importer, fed damaged versions of real files: an import or one clear refusal
(an InputError or another VisitPlannerError), never an internal error.

The seeds are real files of each kind (a calendar export of the demo, a roster in CSV
and XLSX, the demo's JSON); hypothesis cuts, flips, repeats and splices their bytes.
"""

from __future__ import annotations

import io
import os
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from visitplanner.demo import build_demo
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import VisitData
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.services.calendar_import import plan_import as plan_calendar
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.rosters import export_roster, plan_import, read_roster
from visitplanner.services.visit_files import open_visit, write_visit

FUZZ = settings(
    max_examples=int(os.environ.get("VISITPLANNER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    # The seeds are made anew each run (a workbook carries its time of writing): an
    # example saved by an earlier run would not replay the same.
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def seed(kind: str) -> bytes:
    """A real file of `kind` ("ics", "csv", "xlsx", "json"), as the importers read them.

    Made once per run; not a fixture, so that a failing example's report stays short.
    """
    return _seeds()[kind]


@cache
def _seeds() -> dict[str, bytes]:
    folder = Path(tempfile.mkdtemp(prefix="visitplanner-seeds-"))
    visit = folder / "demo.visit"
    write_visit(visit, build_demo())
    session = open_visit(visit)
    export_calendars(session, ExportRequest(lang="uk"), folder / "demo.ics")
    session.close()
    data = build_demo()
    export_roster(data, folder / "roster.csv", lang="fr")
    export_roster(data, folder / "roster.xlsx", lang="uk")
    return {
        "ics": (folder / "demo.ics").read_bytes(),
        "csv": (folder / "roster.csv").read_bytes(),
        "xlsx": (folder / "roster.xlsx").read_bytes(),
        "json": visit_to_json(data).encode("utf-8"),
    }


#: One change to a file: what, where (a fraction of its length), how much, what bytes.
_CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["cut", "flip", "repeat", "splice", "delete"]),
        st.floats(0, 1),
        st.integers(1, 200),
        st.binary(min_size=1, max_size=64),
    ),
    min_size=1,
    max_size=4,
)


def damaged(seed: bytes, changes: list[tuple[str, float, int, bytes]]) -> bytes:
    """`seed` cut, with bytes flipped, a slice repeated or bytes spliced in or deleted.

    The changes are drawn apart from the seed (where they fall is a fraction of its
    length), so that the same draw always damages the file the same way.
    """
    data = bytearray(seed)
    for how, where, size, chunk in changes:
        at = int(where * max(len(data) - 1, 0))
        if how == "cut":
            del data[at:]
        elif how == "flip" and data:
            data[at] = chunk[0]
        elif how == "repeat":
            data[at:at] = data[at : at + size] * (1 + size % 5)
        elif how == "splice":
            data[at:at] = chunk
        else:
            del data[at : at + size]
    return bytes(data)


def _refused_cleanly(run: object) -> None:
    try:
        run()  # type: ignore[operator]
    except VisitPlannerError as exc:
        assert exc.message.strip()
        assert "\n" not in exc.message.strip() or len(exc.message) < 2000


@cache
def demo_data() -> VisitData:
    """The visit the damaged files are imported into (read only: plans, never writes)."""
    return build_demo()


@FUZZ
@given(changes=_CHANGES)
def test_a_damaged_calendar_is_imported_or_refused_in_words(
    changes: list[tuple[str, float, int, bytes]],
    tmp_path: Path,
) -> None:
    path = tmp_path / "agenda.ics"
    path.write_bytes(damaged(seed("ics"), changes))
    _refused_cleanly(lambda: plan_calendar(demo_data(), path))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@FUZZ
@given(changes=_CHANGES)
@example(changes=[("flip", 0.125, 1, b"\x00")])  # a damaged deflate stream: zlib.error
def test_a_damaged_roster_is_imported_or_refused_in_words(
    kind: str,
    changes: list[tuple[str, float, int, bytes]],
    tmp_path: Path,
) -> None:
    path = tmp_path / f"liste.{kind}"
    path.write_bytes(damaged(seed(kind), changes))

    def run() -> None:
        plan_import(demo_data(), read_roster(path))

    _refused_cleanly(run)


@FUZZ
@given(changes=_CHANGES)
def test_a_damaged_json_visit_is_read_or_refused_in_words(
    changes: list[tuple[str, float, int, bytes]], tmp_path: Path
) -> None:
    from visitplanner.imports.visit_json import load_visit_json

    path = tmp_path / "visite.json"
    path.write_bytes(damaged(seed("json"), changes))
    _refused_cleanly(lambda: load_visit_json(path))


def test_the_seeds_themselves_import() -> None:
    assert seed("xlsx").startswith(b"PK")
    assert read_roster_bytes(seed("csv"), "csv").rows


def read_roster_bytes(payload: bytes, kind: str) -> object:
    """Read a roster from bytes (through a temporary file, as the importer reads files)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"liste.{kind}"
        path.write_bytes(io.BytesIO(payload).getvalue())
        return read_roster(path)
