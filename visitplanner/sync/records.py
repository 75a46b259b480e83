"""The visit's bookkeeping in the shared document: the calendars' memory and the
programme versions issued, merged by rules an officer can trust.

They are not entities (`domain/kinds.KINDS`): the visit writes them as journaled
bookkeeping (`VisitSession.record`), never undone. Each replica hands over what its file
holds that the document lacks, and writes into its file what the document holds, so that
every replica's `export-json` ends the same. The rules:

- **Calendar sequences never go backwards.** A mark (an event's SEQUENCE in one variant
  of the calendars) is a key `event|variant|sequence|write` of the map `calendar.marks`:
  an officer's export adds its own key and drops the lower ones it had seen. The mark
  read is the highest sequence; when two officers sent that same sequence apart with
  different contents, its fingerprint is read as unknown (empty), so the next export of
  the event, by anyone, sends the next sequence and every calendar app takes it.
- **What each calendar was sent**: a key `calendar|event` of `calendar.sent` per event a
  calendar's last file held (value "1" when sent as cancelled for it alone). An export
  sets the keys of its file and deletes those it no longer holds; an event one officer
  sent while another dropped it apart stays (Yjs keeps a key set concurrently with its
  deletion), so it is cancelled at the next export rather than forgotten in someone's
  calendar.
- **Deleted events kept for calendars** (`calendar.ghosts`): only ever added.
- **An issued version is never changed, and no two versions share a number.** Each
  version is a key (its own id) of `versions` holding the number it was issued as, when,
  its note and who issued it; its frozen programme, compressed, is under the same key in
  `version.programmes`. Versions are numbered by the number they were issued as, then by
  issue time: when two officers each issued "version 4" apart, the one issued first
  stays 4 and the later one becomes 5 (the next free number), on every replica; each
  replica that knew it as 4 is told in words, so that copies printed as "version 4" of
  the later one can be corrected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from pycrdt import Doc, Map

from visitplanner.domain.model import CalendarMemory, Event, ExportMark, ProgrammeVersion
from visitplanner.domain.plain import entity_from_plain, to_plain
from visitplanner.domain.values import zone
from visitplanner.domain.version_store import StoredProgramme

#: Journal kinds of the bookkeeping kept here: an entry with one of them is handed over.
RECORD_KINDS: Final = frozenset({"calendar_mark", "calendar_sent", "calendar_ghost", "version"})

MARKS: Final = "calendar.marks"
SENT: Final = "calendar.sent"
GHOSTS: Final = "calendar.ghosts"
VERSIONS: Final = "versions"
PROGRAMMES: Final = "version.programmes"
_SEP: Final = "|"
_UTC: Final = zone("UTC")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(_UTC)


@dataclass(frozen=True)
class Renumbered:
    """A version known here under one number that the merge numbered anew."""

    was: int
    now: int
    issued: datetime
    officer: str
    machine: str
    #: Who issued the version that keeps the number (empty when unknown).
    other_officer: str = ""
    other_machine: str = ""
    other_issued: datetime | None = None


@dataclass(frozen=True)
class _Version:
    """One version as the document holds it."""

    key: str
    claimed: int
    issued: datetime
    note: str
    officer: str
    machine: str
    #: The version whose programme this one's is a delta on (None: kept whole).
    base: str | None = None


def _mark_key(event: str, variant: str, sequence: int, write: str) -> str:
    return _SEP.join((event, variant, f"{sequence:09d}", write))


def _parse_mark(key: str) -> tuple[str, str, int] | None:
    parts = key.split(_SEP)
    if len(parts) != 4 or not parts[2].isdigit():
        return None
    return parts[0], parts[1], int(parts[2])


class SharedRecords:
    """The bookkeeping maps of one replica's document."""

    def __init__(self, doc: Doc[Any]) -> None:
        self.marks: Map[Any] = doc.get(MARKS, type=Map)
        self.sent: Map[Any] = doc.get(SENT, type=Map)
        self.ghosts: Map[Any] = doc.get(GHOSTS, type=Map)
        self.versions: Map[Any] = doc.get(VERSIONS, type=Map)
        self.programmes: Map[Any] = doc.get(PROGRAMMES, type=Map)
        #: Set when another replica's update touched any of them.
        self.touched = False
        for top in (self.marks, self.sent, self.ghosts, self.versions):
            top.observe(self._seen)

    def _seen(self, _event: Any) -> None:
        self.touched = True

    # -- reading -----------------------------------------------------------------------

    def calendars(self) -> CalendarMemory:
        """The calendars' memory the document holds, merged by the rules above."""
        best: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
        for key, text in json.loads(str(self.marks)).items():
            parsed = _parse_mark(key)
            if parsed is None or not isinstance(text, str):
                continue
            event, variant, sequence = parsed
            found = best.setdefault((event, variant), [])
            if found and found[0][0] > sequence:
                continue
            if found and found[0][0] < sequence:
                found.clear()
            found.append((sequence, json.loads(text)))
        marks: dict[tuple[str, str], ExportMark] = {}
        for pair, found in sorted(best.items()):
            prints = {value["f"] for _seq, value in found}
            marks[pair] = ExportMark(
                sequence=found[0][0],
                fingerprint=prints.pop() if len(prints) == 1 else "",
                exported=max(_moment(value["at"]) for _seq, value in found),
            )
        sent: dict[str, set[str]] = {}
        dropped: dict[str, set[str]] = {}
        for key, flag in json.loads(str(self.sent)).items():
            calendar, _sep, event = key.rpartition(_SEP)
            sent.setdefault(calendar, set()).add(event)
            if flag == "1":
                dropped.setdefault(calendar, set()).add(event)
        ghosts = {
            ident: entity_from_plain(Event, json.loads(text))
            for ident, text in sorted(json.loads(str(self.ghosts)).items())
            if isinstance(text, str)
        }
        return CalendarMemory(
            marks=marks,
            sent={k: frozenset(v) for k, v in sorted(sent.items())},
            dropped={k: frozenset(v) for k, v in sorted(dropped.items())},
            ghosts=ghosts,
        )

    def _held_versions(self) -> list[_Version]:
        found = []
        for key, text in json.loads(str(self.versions)).items():
            if not isinstance(text, str):
                continue
            raw = json.loads(text)
            found.append(
                _Version(
                    key,
                    int(raw["number"]),
                    _moment(raw["issued"]),
                    raw["note"],
                    raw["officer"],
                    raw["machine"],
                    raw.get("base"),
                )
            )
        return found

    def numbering(self) -> list[tuple[int, _Version]]:
        """Every version with its number: by the number issued as, then issue time (then
        id); a number already taken goes to the next free one."""
        numbered = []
        last = 0
        for held in sorted(self._held_versions(), key=lambda v: (v.claimed, v.issued, v.key)):
            last = max(held.claimed, last + 1)
            numbered.append((last, held))
        return numbered

    def programme_versions(self) -> list[ProgrammeVersion]:
        """The versions the document holds, numbered, each programme kept as its issuer's
        file kept it (whole, or a delta on the version before it there)."""
        found = []
        built: dict[str, StoredProgramme] = {}
        for number, held in self.numbering():
            data = self.programmes.get(held.key)
            base = None if held.base is None else built.get(held.base)
            if data is None or (held.base is not None and base is None):
                continue  # its programme waits for an update not received yet
            if base is None:
                programme = StoredProgramme("whole", bytes(data))
            else:
                programme = StoredProgramme("delta", bytes(data), base)
            built[held.key] = programme
            found.append(ProgrammeVersion(number, held.issued, held.note, programme))
        return found

    def numbers(self) -> dict[str, int]:
        """Each version's number now, by its id in the document."""
        return {held.key: number for number, held in self.numbering()}

    def renumbered(self, before: dict[str, int]) -> list[Renumbered]:
        """The versions whose number moved since `before` (`numbers()` earlier)."""
        numbering = self.numbering()
        by_number = dict(numbering)
        moved = []
        for number, held in numbering:
            was = before.get(held.key)
            if was is None or was == number:
                continue
            other = by_number.get(was)
            moved.append(
                Renumbered(
                    was,
                    number,
                    held.issued,
                    held.officer,
                    held.machine,
                    other.officer if other else "",
                    other.machine if other else "",
                    other.issued if other else None,
                )
            )
        return moved

    # -- writing -----------------------------------------------------------------------

    def write(
        self,
        memory: CalendarMemory,
        versions: Iterable[ProgrammeVersion],
        write: str,
        officer: str,
        machine: str,
    ) -> bool:
        """Write what the visit file holds (`memory`, `versions`) that the document lacks,
        under the local write `write`, in the caller's transaction; whether anything was."""
        wrote = self._write_marks(memory, write)
        wrote = self._write_sent(memory) or wrote
        held_ghosts = set(self.ghosts.keys())
        for ident, event in sorted(memory.ghosts.items()):
            if ident not in held_ghosts:
                self.ghosts[ident] = json.dumps(to_plain(event), ensure_ascii=False)
                wrote = True
        known = {(number, held.issued): held.key for number, held in self.numbering()}
        #: The key of each version's programme, by the programme's identity.
        keys: dict[int, str] = {}
        for version in sorted(versions, key=lambda v: v.number):
            found = known.get((version.number, version.issued))
            if found is not None:
                keys[id(version.programme)] = found
                continue
            key = f"{version.issued.isoformat()}{_SEP}{write}{_SEP}{version.number}"
            keys[id(version.programme)] = key
            programme = version.programme
            base: str | None = None
            if isinstance(programme, StoredProgramme) and programme.base is not None:
                base = keys.get(id(programme.base))
            data = (
                programme.data
                if base is not None and isinstance(programme, StoredProgramme)
                else (StoredProgramme.whole(programme.text()).data)
            )
            self.versions[key] = json.dumps(
                {
                    "number": version.number,
                    "issued": version.issued.isoformat(),
                    "note": version.note,
                    "officer": officer,
                    "machine": machine,
                    "base": base,
                },
                ensure_ascii=False,
            )
            self.programmes[key] = data
            wrote = True
        return wrote

    def _write_marks(self, memory: CalendarMemory, write: str) -> bool:
        held = self.calendars().marks
        keys: dict[tuple[str, str], list[tuple[str, int]]] = {}
        wrote = False
        for pair, mark in sorted(memory.marks.items()):
            there = held.get(pair)
            if there is not None and (
                there.sequence > mark.sequence
                or (there.sequence == mark.sequence and (there == mark or not mark.fingerprint))
            ):
                continue
            if not keys:
                present: Iterable[str] = self.marks.keys()
                for key in present:
                    parsed = _parse_mark(key)
                    if parsed is not None:
                        keys.setdefault(parsed[:2], []).append((key, parsed[2]))
            for key, sequence in keys.get(pair, []):
                if sequence < mark.sequence:
                    del self.marks[key]
            self.marks[_mark_key(*pair, mark.sequence, write)] = json.dumps(
                {"f": mark.fingerprint, "at": mark.exported.isoformat()}
            )
            wrote = True
        return wrote

    def _write_sent(self, memory: CalendarMemory) -> bool:
        wanted = {
            f"{calendar}{_SEP}{event}": "1" if event in memory.dropped.get(calendar, ()) else "0"
            for calendar, events in memory.sent.items()
            for event in events
        }
        held = json.loads(str(self.sent))
        wrote = False
        for key in sorted(set(held) - set(wanted)):
            del self.sent[key]
            wrote = True
        for key, flag in sorted(wanted.items()):
            if held.get(key) != flag:
                self.sent[key] = flag
                wrote = True
        return wrote


def same_calendars(first: CalendarMemory, second: CalendarMemory) -> bool:
    """Whether two calendar memories agree (their ghosts compared by content)."""
    return (
        first.marks == second.marks
        and first.sent == second.sent
        and {k: v for k, v in first.dropped.items() if v}
        == {k: v for k, v in second.dropped.items() if v}
        and {k: to_plain(v) for k, v in first.ghosts.items()}
        == {k: to_plain(v) for k, v in second.ghosts.items()}
    )


def same_versions(first: Iterable[ProgrammeVersion], second: Iterable[ProgrammeVersion]) -> bool:
    """Whether two lists of versions agree on numbers, issue times and notes."""

    def heads(versions: Iterable[ProgrammeVersion]) -> list[tuple[int, datetime, str]]:
        return sorted((v.number, v.issued, v.note) for v in versions)

    return heads(first) == heads(second)
