"""The words for the domain's enumerations, in the user's language or in a chosen one."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from visitplanner.domain.arrangements import (
    FeatureKind,
    PlacementArea,
    SeatingStrategy,
    SeatRole,
    SeatSide,
    StepKind,
    TableShape,
)
from visitplanner.domain.gifts import GiftStatus
from visitplanner.domain.rooming import Billing
from visitplanner.domain.values import (
    Access,
    Civility,
    EventKind,
    EventStatus,
    Grade,
    InterpretationMode,
    Need,
    PressAccess,
    Role,
    Side,
)
from visitplanner.i18n import N_, current_language, gettext_in


def _k(value: StrEnum) -> tuple[type, str]:
    """Key by type and value: Role.PRESS and EventKind.PRESS are both "press"."""
    return (type(value), value.value)


_LABELS: Final[dict[tuple[type, str], str]] = {
    _k(Side.GUEST): N_("guest"),
    _k(Side.HOST): N_("host"),
    _k(Side.OTHER): N_("other"),
    _k(Civility.NONE): "",
    _k(Civility.MADAME): N_("Madam"),
    _k(Civility.MONSIEUR): N_("Mister"),
    _k(Role.HEAD): N_("head of delegation"),
    _k(Role.DEPUTY): N_("deputy head"),
    _k(Role.MEMBER): N_("member"),
    _k(Role.VETERAN): N_("veteran"),
    _k(Role.INTERPRETER): N_("interpreter"),
    _k(Role.SECURITY): N_("security"),
    _k(Role.LIAISON): N_("liaison officer"),
    _k(Role.PRESS): N_("press"),
    _k(Role.DRIVER): N_("driver"),
    _k(Role.STAFF): N_("staff"),
    _k(Role.AUTHORITY): N_("authority"),
    _k(Role.MEDICAL): N_("medical staff"),
    _k(Role.HOST): N_("event host"),
    _k(Grade.HEAD_OF_STATE): N_("head of state"),
    _k(Grade.HEAD_OF_GOVERNMENT): N_("head of government"),
    _k(Grade.MINISTER): N_("minister"),
    _k(Grade.MINISTER_DELEGATE): N_("minister delegate"),
    _k(Grade.DEPUTY_MINISTER): N_("deputy minister"),
    _k(Grade.AMBASSADOR): N_("ambassador"),
    _k(Grade.SENIOR_OFFICIAL): N_("senior official"),
    _k(Grade.DIRECTOR): N_("director"),
    _k(Grade.DEPUTY_DIRECTOR): N_("deputy director"),
    _k(Grade.ADVISER): N_("adviser"),
    _k(Grade.OFFICER): N_("officer"),
    _k(Grade.MEMBER): N_("member of staff"),
    _k(Grade.UNRANKED): N_("unranked"),
    _k(Need.UNKNOWN): N_("unknown"),
    _k(Need.NONE): N_("none"),
    _k(Need.GIVEN): N_("given"),
    _k(Access.UNKNOWN): N_("unknown"),
    _k(Access.NO): N_("no"),
    _k(Access.YES): N_("yes"),
    _k(EventKind.MEETING): N_("meeting"),
    _k(EventKind.CEREMONY): N_("ceremony"),
    _k(EventKind.MEAL): N_("meal"),
    _k(EventKind.VISIT): N_("visit"),
    _k(EventKind.TRANSFER): N_("transfer"),
    _k(EventKind.PRESS): N_("press event"),
    _k(EventKind.REST): N_("rest"),
    _k(EventKind.TRAVEL): N_("travel"),
    _k(EventStatus.DRAFT): N_("draft"),
    _k(EventStatus.CONFIRMED): N_("confirmed"),
    _k(EventStatus.CANCELLED): N_("cancelled"),
    _k(GiftStatus.PLANNED): N_("planned"),
    _k(GiftStatus.BOUGHT): N_("bought"),
    _k(GiftStatus.WRAPPED): N_("wrapped"),
    _k(GiftStatus.GIVEN): N_("handed over"),
    _k(GiftStatus.RECEIVED): N_("received"),
    _k(Billing.HOST): N_("host pays"),
    _k(Billing.GUEST): N_("guest pays"),
    _k(PressAccess.UNKNOWN): N_("not decided"),
    _k(PressAccess.OPEN): N_("open to the press"),
    _k(PressAccess.POOL): N_("press pool"),
    _k(PressAccess.CLOSED): N_("closed to the press"),
    _k(InterpretationMode.NONE): N_("none"),
    _k(InterpretationMode.CONSECUTIVE): N_("consecutive"),
    _k(InterpretationMode.SIMULTANEOUS): N_("simultaneous"),
    _k(InterpretationMode.WHISPERED): N_("whispered"),
    _k(SeatingStrategy.WORKING): N_("working meal (dîner de travail)"),
    _k(SeatingStrategy.OFFICIAL): N_("official meal (à la française)"),
    _k(TableShape.LONG): N_("long table"),
    _k(TableShape.ROUND): N_("round table"),
    _k(TableShape.HEAD): N_("head table"),
    _k(SeatSide.NORTH): N_("north side"),
    _k(SeatSide.SOUTH): N_("south side"),
    _k(SeatSide.WEST): N_("west end"),
    _k(SeatSide.EAST): N_("east end"),
    _k(SeatSide.ROUND): N_("round"),
    _k(StepKind.OTHER): N_("other"),
    _k(StepKind.ARRIVAL): N_("arrival"),
    _k(StepKind.HONOURS): N_("honours"),
    _k(StepKind.WREATH): N_("wreath"),
    _k(StepKind.MUSIC): N_("music"),
    _k(StepKind.SILENCE): N_("silence"),
    _k(StepKind.ANTHEM): N_("anthem"),
    _k(StepKind.DEPARTURE): N_("departure"),
    _k(PlacementArea.ROW): N_("rows"),
    _k(PlacementArea.WREATH_PARTY): N_("wreath party"),
    _k(PlacementArea.PRESS): N_("press area"),
    _k(TableShape.IMPERIAL): N_("imperial table"),
    _k(TableShape.U): N_("U-shaped table"),
    _k(SeatRole.NONE): N_("no one in particular"),
    _k(SeatRole.HOST): N_("a host"),
    _k(SeatRole.GUEST): N_("a guest"),
    _k(SeatRole.INTERPRETER): N_("an interpreter"),
    _k(FeatureKind.DOOR): N_("door"),
    _k(FeatureKind.EXIT): N_("exit"),
    _k(FeatureKind.STAGE): N_("stage"),
    _k(FeatureKind.FIXED): N_("fixed feature"),
}

#: How a civility is written in each language (Madame / пані / Mrs).
_CIVILITY_FORMS: Final = {
    ("fr", Civility.MADAME): "Madame",
    ("fr", Civility.MONSIEUR): "Monsieur",
    ("uk", Civility.MADAME): "пані",
    ("uk", Civility.MONSIEUR): "пан",
    ("en", Civility.MADAME): "Mrs",
    ("en", Civility.MONSIEUR): "Mr",
}


def label(value: StrEnum | str, lang: str | None = None) -> str:
    """The word for an enumeration value in `lang` (the user's language by default).

    A role written freely (not one of `Role`) is returned as written.
    """
    text = _LABELS.get(_k(value)) if isinstance(value, StrEnum) else None
    if text is None and not isinstance(value, StrEnum):
        # A role as stored ("head") is a plain string: find its Role.
        known = value in Role._value2member_map_
        text = _LABELS.get((Role, value)) if known else None
    if text is None:
        return str(value)
    if not text:
        return ""
    return gettext_in(lang or current_language(), text)


def civility(value: Civility, lang: str) -> str:
    """The civility as written before a name in `lang` (Madame, пані, Mrs)."""
    return _CIVILITY_FORMS.get((lang, value), "")
