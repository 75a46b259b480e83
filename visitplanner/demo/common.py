"""Helpers the demo visit's modules share: stable ids, zoned times, text in three languages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from visitplanner.domain.model import Interpretation
from visitplanner.domain.values import InterpretationMode, LocalizedText

#: Namespace of every demo id. Ids are uuid5(namespace, readable key), so the demo written
#: twice (or on two machines) has the same ids, and calendars exported from it keep their UIDs.
DEMO_NAMESPACE: Final = uuid.UUID("d911a8f7-a953-4be7-9148-4b3e807ad8e6")

PARIS: Final = ZoneInfo("Europe/Paris")
WARSAW: Final = ZoneInfo("Europe/Warsaw")

#: The two delegations; people and the programme refer to them before they are built.
GUEST_DELEGATION_ID: Final = str(uuid.uuid5(DEMO_NAMESPACE, "delegation:ukraine"))
HOST_DELEGATION_ID: Final = str(uuid.uuid5(DEMO_NAMESPACE, "delegation:france"))


def demo_id(key: str) -> str:
    """The stable id of the demo entity called `key` (e.g. "person:kalmykova")."""
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


def person_id(key: str) -> str:
    """The id of the demo person `key`."""
    return demo_id(f"person:{key}")


def person_ids(*keys: str) -> list[str]:
    """The ids of the demo people `keys`, in that order."""
    return [person_id(key) for key in keys]


def venue_id(key: str) -> str:
    """The id of the demo venue `key`."""
    return demo_id(f"venue:{key}")


def vehicle_id(key: str) -> str:
    """The id of the demo vehicle `key`."""
    return demo_id(f"vehicle:{key}")


def event_id(key: str) -> str:
    """The id of the demo event `key`."""
    return demo_id(f"event:{key}")


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of May 2026 in Paris time."""
    return datetime(2026, 5, day, hour, minute, tzinfo=PARIS)


def warsaw(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of May 2026 in Warsaw time (where the flights start and end)."""
    return datetime(2026, 5, day, hour, minute, tzinfo=WARSAW)


def text(fr: str, uk: str, en: str) -> LocalizedText:
    """A text in French, Ukrainian and English."""
    return LocalizedText(fr=fr, uk=uk, en=en)


def interpreted(mode: InterpretationMode, *interpreters: str) -> Interpretation:
    """Interpretation between Ukrainian and French by the demo people `interpreters`."""
    return Interpretation(
        mode=mode, languages=("uk", "fr"), interpreter_ids=person_ids(*interpreters)
    )


#: Sample e-mail domains: the reserved .example top-level domain, so that calendars or
#: e-mails produced from the demo can never reach a real mailbox of either ministry.
UA_MAIL: Final = "mva.gov.example"
FR_MAIL: Final = "defense.gouv.example"
