"""The pages as pictures (Poppler's pdftoppm): nothing prints in the side margins, and
no page is blank, even with very long names and words."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.factories import small_visit
from visitplanner.demo import build_demo
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import LocalizedText, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.briefing.styles import LEFT_MARGIN, PAGE_WIDTH, RIGHT_MARGIN

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (Debian package poppler-utils) is needed to render pages",
)

DPI = 40
MM = 72 / 25.4


def _render(payload: bytes, folder: Path) -> list[Image.Image]:
    pdf = folder / "book.pdf"
    pdf.write_bytes(payload)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(folder / "page")],
        check=True,
        timeout=120,
    )
    return [Image.open(path) for path in sorted(folder.glob("page-*.pgm"))]


def _ink(image: Image.Image, left_pt: float, right_pt: float) -> int:
    """How many dark pixels lie between two x positions (in points)."""
    scale = DPI / 72
    box = (round(left_pt * scale), 0, round(right_pt * scale), image.height)
    return sum(image.crop(box).histogram()[:200])


def _check_margins(pages: list[Image.Image]) -> None:
    assert pages
    for number, page in enumerate(pages, start=1):
        assert _ink(page, 0, LEFT_MARGIN - 2 * MM) == 0, f"left margin of page {number}"
        right = PAGE_WIDTH - RIGHT_MARGIN + 2 * MM
        assert _ink(page, right, PAGE_WIDTH) == 0, f"right margin of page {number}"
        assert _ink(page, LEFT_MARGIN, PAGE_WIDTH - RIGHT_MARGIN) > 50, f"page {number} is blank"


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_the_demo_book_stays_inside_its_margins(lang: str, tmp_path: Path) -> None:
    data = for_profile(build_demo(), Profile.INTERNAL)
    _check_margins(_render(render_briefing(data, BriefingOptions(lang=lang)), tmp_path))


def test_long_names_and_words_wrap_inside_the_margins(tmp_path: Path) -> None:
    data = small_visit()
    data.people[0].family_name = "Hohenzollern-Sigmaringen-" * 6
    data.people[0].title = LocalizedText(fr="https://example.org/" + "tres-long-chemin/" * 20)
    data.venues[0].address = "Boulevard" + "x" * 150
    data.events[1].title = LocalizedText(fr="Entretien " * 30)
    data.visit.marking = "Diffusion restreinte " * 10
    _check_margins(_render(render_briefing(data, BriefingOptions(lang="fr")), tmp_path))
