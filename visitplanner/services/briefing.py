"""Print a briefing book: cut the visit to the profile, render, write the PDF safely."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.exports.briefing import (
    MARKING_SUGGESTIONS,
    BriefingBookRenderer,
    BriefingOptions,
    registered_sections,
)
from visitplanner.exports.files import write_private
from visitplanner.i18n import _
from visitplanner.services.progress import Progress, silent

log = logging.getLogger(__name__)

__all__ = [
    "MARKING_SUGGESTIONS",
    "BriefingOptions",
    "BriefingResult",
    "build_briefing",
    "section_choices",
]


@dataclass(frozen=True, slots=True)
class BriefingResult:
    """What was written: where, how many pages and bytes."""

    path: Path
    pages: int
    size: int


def section_choices() -> list[tuple[str, str]]:
    """(key, title in the interface language) of every section a book may hold."""
    return [(section.key, _(section.title)) for section in registered_sections()]


def build_briefing(
    data: VisitData,
    out_path: Path,
    options: BriefingOptions,
    progress: Progress | None = None,
) -> BriefingResult:
    """Write the briefing book of `data` to `out_path` as `options` say.

    The visit is first cut to the options' profile, so a shareable book never holds
    a private field. The PDF is built in memory and written whole (0600), so a
    cancelled or failed build leaves no file, and an older book stays as it was.
    """
    progress = progress or silent()
    shown = for_profile(data, options.profile)
    renderer = BriefingBookRenderer(shown, options, progress)
    payload = renderer.render()
    progress.step(1, 1, _("Writing {path}").format(path=out_path.name))
    write_private(out_path, payload)
    log.info("briefing book %s: %d pages, %d passes", out_path, renderer.pages, renderer.passes)
    return BriefingResult(out_path, renderer.pages, len(payload))
