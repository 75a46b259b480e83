"""What a briefing book holds: its sections, language, profile, marking and person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from visitplanner.domain.model import ProgrammeVersion, VisitData
from visitplanner.domain.values import Profile

#: Handling markings offered in the editors; the marking itself is free text.
MARKING_SUGGESTIONS: Final = (
    "Diffusion restreinte",
    "Non protégé",
    "Confidentiel — usage interne",
    "Для службового користування",
)


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """The choices of one book.

    `sections` are keys of the section registry (unknown keys are an error;
    None prints every registered section);
    `lang` None means the visit's main language; `marking` None means the visit's
    own marking (an empty string prints no marking); `person_id` makes a
    per-person pack holding only that person's events; `changes_since` N puts the
    "changes since version N" sheet first (to version `changes_to`, else to the
    programme now).
    """

    sections: tuple[str, ...] | None = None
    lang: str | None = None
    profile: Profile = Profile.SHAREABLE
    marking: str | None = None
    person_id: str | None = None
    changes_since: int | None = None
    changes_to: int | None = None
    #: A numbered copy: "Copy 3 of 12" beside the marking on every page (None: none).
    copy_number: int | None = None
    copies: int | None = None


@dataclass(frozen=True, slots=True)
class ChangesBasis:
    """What a "changes since version N" sheet compares: the programme of version
    `since` (`old`) and that of version `to`, or the programme now when `to` is None
    (`new`), both already cut to the book's profile. The services read a version's
    programme from its snapshot (the JSON reader is an import, which exports do not use).
    """

    since: ProgrammeVersion
    old: VisitData
    to: ProgrammeVersion | None
    new: VisitData
