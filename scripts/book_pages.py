"""Make pictures of the printed books and packs for docs/screenshots, from the demo visit.

    .venv/bin/python scripts/book_pages.py

Writes two pages of each: the whole-visit book in French, Ukrainian and English, internal
and shareable, and the personal packs of the minister, a veteran and a driver (each in
the language they read). Needs poppler's pdftoppm (Debian: poppler-utils); the pictures
are reduced to 256 colours to keep the repository light. Run it after changing a page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
#: Which pages to show of each document: the first page of the programme and one more.
PAGES = (2, 5)


def main() -> int:
    """Write the pictures; exit 2 without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        print("book_pages: pdftoppm is missing (apt-get install poppler-utils)")
        return 2
    from visitplanner.demo import build_demo
    from visitplanner.demo.common import person_id
    from visitplanner.domain.values import Profile
    from visitplanner.exports.briefing import render_briefing
    from visitplanner.exports.briefing.options import BriefingOptions

    data = build_demo()
    documents = [
        (f"book-{lang}-{profile.value}", BriefingOptions(lang=lang, profile=profile))
        for lang in ("fr", "uk", "en")
        for profile in (Profile.SHAREABLE, Profile.INTERNAL)
    ]
    documents += [
        ("pack-minister-uk", BriefingOptions(lang="uk", person_id=person_id("kalmykova"))),
        ("pack-veteran-uk", BriefingOptions(lang="uk", person_id=person_id("melnyk"))),
        ("pack-driver-fr", BriefingOptions(lang="fr", person_id=person_id("benali"))),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, options in documents:
            pdf = Path(folder) / f"{name}.pdf"
            pdf.write_bytes(render_briefing(data, options))
            for page in PAGES:
                stem = Path(folder) / f"{name}-{page}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        "60",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        str(pdf),
                        str(stem),
                    ],
                    check=True,
                )
                target = OUT / f"{name}-p{page}.png"
                Image.open(f"{stem}.png").convert("RGB").quantize(256).save(target, optimize=True)
                print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
