"""The "changes since version N" sheet: first page of a re-issued book, or printed
alone (`visitplanner changes -o FILE.pdf`).

The old programme is rebuilt from the version's frozen snapshot and cut to the
book's profile, like the visit itself, so a shareable sheet holds no private field.
"""

from __future__ import annotations

import json

from reportlab.platypus import Flowable

from visitplanner.domain.errors import InputError
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.versions import ProgrammeVersion, diff_programmes
from visitplanner.exports.briefing.blocks import heading, nothing, section_title, text, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.changes import ChangeWords, changes_heading, changes_sections
from visitplanner.i18n import N_, _
from visitplanner.imports.visit_json import visit_from_dict


def _version(ctx: BookContext, number: int) -> ProgrammeVersion:
    for version in ctx.data.versions:
        if version.number == number:
            return version
    raise InputError(_("no programme version {number}").format(number=number))


def build_changes(ctx: BookContext) -> list[Flowable]:
    """The changes since `options.changes_since`; nothing when no version is asked for."""
    since_number = ctx.options.changes_since
    if since_number is None:
        return []
    since = _version(ctx, since_number)
    to = None if ctx.options.changes_to is None else _version(ctx, ctx.options.changes_to)
    old = for_profile(visit_from_dict(json.loads(since.snapshot)), ctx.options.profile)
    new = ctx.data
    if to is not None:
        new = for_profile(visit_from_dict(json.loads(to.snapshot)), ctx.options.profile)
    words = ChangeWords(old, new, ctx.lang)
    changes = diff_programmes(old, new)
    parts = section_title(ctx, changes_heading(words, since, to), since.note)
    sections = changes_sections(words, changes)
    if ctx.person is not None:
        mine = ctx.t(N_("For {name}")).format(name=words.person(ctx.person.id))
        sections = [s for s in sections if s[0] == mine]
    if not sections:
        parts.append(nothing(ctx, ctx.t(N_("Nothing changed."))))
    for title, lines in sections:
        parts += titled(heading(ctx, title, 1), *[text(ctx, f"• {line}") for line in lines])
    return parts
