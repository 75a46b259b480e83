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
    ChangesBasis,
    registered_sections,
)
from visitplanner.exports.files import check_output, write_private
from visitplanner.i18n import _
from visitplanner.services.progress import Progress, silent
from visitplanner.services.versions import find_version, programme_of

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
    check_output(out_path)  # a refused target is said before the book is built
    progress = progress or silent()
    shown = for_profile(data, options.profile)
    since = options.changes_since
    changes = None if since is None else _changes_basis(data, shown, options, since)
    renderer = BriefingBookRenderer(shown, options, progress, changes)
    payload = renderer.render()
    progress.step(1, 1, _("Writing {path}").format(path=out_path.name))
    write_private(out_path, payload)
    log.info("briefing book %s: %d pages, %d passes", out_path, renderer.pages, renderer.passes)
    return BriefingResult(out_path, renderer.pages, len(payload))


def _changes_basis(
    data: VisitData, shown: VisitData, options: BriefingOptions, since_number: int
) -> ChangesBasis:
    """The programmes the changes sheet compares (since version `since_number`), read
    from the versions' snapshots and cut to the book's profile like the visit (`shown`)."""
    since = find_version(data, since_number)
    to = None if options.changes_to is None else find_version(data, options.changes_to)
    old = for_profile(programme_of(since, like=data), options.profile)
    new = shown if to is None else for_profile(programme_of(to, like=data), options.profile)
    return ChangesBasis(since, old, to, new)
