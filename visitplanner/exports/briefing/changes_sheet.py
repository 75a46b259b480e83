"""The "changes since version N" sheet: first page of a re-issued book, or printed
alone (`visitplanner changes -o FILE.pdf`).

The old programme, rebuilt from the version's frozen snapshot by the services, comes
cut to the book's profile like the visit itself, so a shareable sheet holds no
private field.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from visitplanner.domain.versions import diff_programmes
from visitplanner.exports.briefing.blocks import heading, nothing, section_title, text, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.changes import ChangeWords, changes_heading, changes_sections
from visitplanner.i18n import N_


def build_changes(ctx: BookContext) -> list[Flowable]:
    """The changes since `options.changes_since`; nothing when no version is asked for."""
    if ctx.options.changes_since is None:
        return []
    basis = ctx.changes
    if basis is None or basis.since.number != ctx.options.changes_since:
        raise ValueError("a changes sheet needs the programmes it compares (services.briefing)")
    words = ChangeWords(basis.old, basis.new, ctx.lang)
    changes = diff_programmes(basis.old, basis.new)
    parts = section_title(ctx, changes_heading(words, basis.since, basis.to), basis.since.note)
    sections = changes_sections(words, changes)
    if ctx.person is not None:
        mine = ctx.t(N_("For {name}")).format(name=words.person(ctx.person.id))
        sections = [s for s in sections if s[0] == mine]
    if not sections:
        parts.append(nothing(ctx, ctx.t(N_("Nothing changed."))))
    for title, lines in sections:
        parts += titled(heading(ctx, title, 1), *[text(ctx, f"• {line}") for line in lines])
    return parts
