"""The content lines and components of a calendar file, read as far as they can be.

The file is refused whole only when it is not a calendar at all (binary data, or text
that does not start with BEGIN:VCALENDAR) or too big to read. Anything else that cannot
be read is left out with its line and the reason, and the rest is kept: a line without
a colon (Apple Calendar sometimes breaks a long line without folding it), spaces around
a property name, bytes that are not UTF-8, a property after END:VCALENDAR (caching
servers add one), a component never closed, or opened where RFC 5545 does not allow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, NoReturn

from icalendar.parser import Contentline

from visitplanner.domain.errors import InputError
from visitplanner.i18n import _

#: The largest file read (10 MB): a year of a busy agenda is well under 1 MB.
MAX_FILE_BYTES: Final = 10 * 1024 * 1024
#: How deep components may nest (VCALENDAR > VEVENT > VALARM is 3).
MAX_DEPTH: Final = 5
#: How many events a file may hold.
MAX_EVENTS: Final = 20_000

#: Where each component may stand (its parent); others (X-, IANA) may stand anywhere.
_PARENTS: Final[dict[str, set[str | None]]] = {
    "VCALENDAR": {None},
    "VEVENT": {"VCALENDAR"},
    "VTODO": {"VCALENDAR"},
    "VJOURNAL": {"VCALENDAR"},
    "VFREEBUSY": {"VCALENDAR"},
    "VTIMEZONE": {"VCALENDAR"},
    "VALARM": {"VEVENT", "VTODO"},
    "STANDARD": {"VTIMEZONE"},
    "DAYLIGHT": {"VTIMEZONE"},
}
_NAME_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
#: Bytes that are not UTF-8 come through `surrogateescape` as these code points.
_UNDECODED: Final = range(0xDC80, 0xDD00)


class SkipKind(StrEnum):
    """Why something of a calendar file is not brought into the programme."""

    OUTSIDE_DATES = "outside-dates"
    UNREADABLE_EVENT = "unreadable-event"
    UNREADABLE_LINE = "unreadable-line"
    UNKNOWN_ZONE = "unknown-zone"
    NOT_AN_EVENT = "not-an-event"
    REPEAT_LIMIT = "repeat-limit"
    DUPLICATE = "duplicate"
    CANCELLED = "cancelled"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """Something in the file that is not brought in, and why."""

    line: int
    title: str
    reason: str
    kind: SkipKind = SkipKind.UNREADABLE_EVENT


@dataclass(slots=True)
class Line:
    """One content line (folded lines joined), the number of the line it starts on,
    and its parts once read: the property name (upper case), parameters and value."""

    number: int
    text: str
    name: str = ""
    params: dict[str, str] = field(default_factory=dict)
    value: str = ""


@dataclass(slots=True)
class Block:
    """A component: its name, the line of its BEGIN, its properties and its children."""

    name: str
    line: int
    properties: list[Line] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    def first(self, name: str) -> Line | None:
        """The first property called `name`, if any."""
        return next((line for line in self.properties if line.name == name), None)

    def title(self) -> str:
        """The SUMMARY, or an empty string."""
        summary = self.first("SUMMARY")
        return summary.value.strip() if summary else ""


@dataclass(slots=True)
class Structure:
    """The calendars of a file, and what of it was left out."""

    calendars: list[Block] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)


def fail(name: str, line: int | None, problem: str) -> NoReturn:
    """Refuse the file `name` with the problem (and its line)."""
    where = _("{file}, line {line}").format(file=name, line=line) if line else name
    raise InputError(_("{where}: {problem}").format(where=where, problem=problem))


def decode(raw: bytes, name: str) -> str:
    """The file's text; bytes that are not UTF-8 are kept as `surrogateescape` code
    points, for the lines that hold them to be left out with a reason."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        fail(name, line, _("binary data, not a calendar (a NUL byte)"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8", errors="surrogateescape")


def unfold(text: str) -> list[Line]:
    """Content lines with the number of the line each starts on; folded lines joined."""
    lines: list[Line] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and lines:
            lines[-1].text += physical[1:]
        elif physical.strip():
            lines.append(Line(number, physical))
    return lines


def shown(text: str) -> str:
    """A line as a message shows it: short, and with undecodable bytes as `?`."""
    text = "".join("?" if ord(c) in _UNDECODED else c for c in text)
    return text if len(text) <= 40 else text[:37] + "..."


def _problem(line: Line) -> str | None:
    """Why the content line cannot be read, or None once its parts are filled in."""
    bad = next((c for c in line.text if ord(c) in _UNDECODED), None)
    if bad is not None:
        byte = f"0x{ord(bad) - 0xDC00:02x}"
        return _("not UTF-8 text (byte {byte})").format(byte=byte)
    key, sep, _rest = line.text.partition(":")
    head = key.split(";", 1)[0]
    if not sep:
        return _("not a calendar line (no colon)")
    if head != head.strip() and head.strip():
        return _("spaces around the property name")
    if not head or not set(head) <= _NAME_CHARS:
        return _("not a calendar line")
    try:
        name, params, value = Contentline(line.text).parts()  # type: ignore[no-untyped-call]
    except ValueError as exc:
        return _("a line that cannot be read ({detail})").format(detail=exc)
    line.name = str(name).upper()
    line.params = {str(k).upper(): str(v) for k, v in params.items()}
    line.value = str(value)
    return None


class _Builder:
    """Puts the content lines into components, leaving out what cannot stand."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.out = Structure()
        #: Open components, each with the reason it is left out (None: it is kept).
        self.stack: list[tuple[Block, str | None]] = []
        self.events = 0
        self.closed_calendar = False

    def skip(self, line: int, title: str, reason: str, kind: SkipKind) -> None:
        self.out.skipped.append(SkippedItem(line, title, reason, kind))

    def skip_block(self, block: Block, reason: str) -> None:
        if block.name == "VEVENT":
            self.skip(block.line, block.title(), reason, SkipKind.UNREADABLE_EVENT)
        else:
            self.skip(block.line, f"BEGIN:{block.name}", reason, SkipKind.UNREADABLE_LINE)

    def line(self, line: Line) -> None:
        problem = _problem(line)
        if problem is not None:
            self.skip(line.number, shown(line.text), problem, SkipKind.UNREADABLE_LINE)
        elif line.name == "BEGIN":
            self.begin(line)
        elif line.name == "END":
            self.end(line)
        elif not self.stack:
            where = (
                _("a property after the end of the calendar")
                if self.closed_calendar
                else _("a property outside the calendar")
            )
            self.skip(line.number, shown(line.text), where, SkipKind.UNREADABLE_LINE)
        else:
            block, left_out = self.stack[-1]
            if left_out is None:
                block.properties.append(line)

    def begin(self, line: Line) -> None:
        component = line.value.strip().upper()
        parent = self.stack[-1] if self.stack else None
        block = Block(component, line.number)
        reason: str | None = None
        if parent is not None and parent[1] is not None:
            reason = parent[1]  # inside a component left out: said once, for the outer one
            self.stack.append((block, reason))
            return
        allowed = _PARENTS.get(component)
        if allowed is not None and parent is not None and parent[0].name not in allowed:
            parent = self.close_unfinished(allowed, line)
        if not component:
            reason = _("BEGIN without a component name")
        elif parent is None and component != "VCALENDAR":
            reason = _("BEGIN:{name} outside the calendar").format(name=component)
        elif allowed is not None and (parent[0].name if parent else None) not in allowed:
            where = parent[0].name if parent else _("the top level")
            reason = _("BEGIN:{name} is not allowed in {where}").format(name=component, where=where)
        elif len(self.stack) >= MAX_DEPTH:
            reason = _("components nested too deeply")
        if component == "VEVENT":
            self.events += 1
            if self.events > MAX_EVENTS:
                fail(self.name, line.number, _("more than {count} events").format(count=MAX_EVENTS))
        if reason is not None:
            self.skip_block(block, reason)
        self.stack.append((block, reason))

    def close_unfinished(
        self, allowed: set[str | None], line: Line
    ) -> tuple[Block, str | None] | None:
        """Where a BEGIN may stand only further out (BEGIN:VEVENT in a VEVENT), the
        open components it is in were never closed: they are left out, and the new
        one opens where it may. The new parent, or the current one if none fits."""
        names = [block.name for block, left_out in self.stack if left_out is None]
        if not any(name in allowed for name in names) or self.stack[-1][1] is not None:
            return self.stack[-1]
        while self.stack[-1][0].name not in allowed:
            block, _left_out = self.stack.pop()
            self.skip_block(
                block,
                _("BEGIN:{name} is never closed (BEGIN:{other} on line {line})").format(
                    name=block.name, other=line.value.strip().upper(), line=line.number
                ),
            )
        return self.stack[-1]

    def end(self, line: Line) -> None:
        component = line.value.strip().upper()
        if not any(block.name == component for block, _left_out in self.stack):
            self.skip(
                line.number,
                shown(line.text),
                _("END:{name} without BEGIN:{name}").format(name=component),
                SkipKind.UNREADABLE_LINE,
            )
            return
        while self.stack[-1][0].name != component:
            block, left_out = self.stack.pop()
            if left_out is None:
                self.skip_block(
                    block,
                    _("BEGIN:{name} is never closed (END:{other} on line {line})").format(
                        name=block.name, other=component, line=line.number
                    ),
                )
        self.close()

    def close(self) -> None:
        block, left_out = self.stack.pop()
        if left_out is not None:
            return
        if self.stack:
            parent, parent_left_out = self.stack[-1]
            if parent_left_out is None:
                parent.children.append(block)
        else:
            self.out.calendars.append(block)
            self.closed_calendar = True

    def finish(self) -> Structure:
        """What was read, once every component still open is closed: the file is cut
        short; a component inside the calendar is left out, the calendar itself kept."""
        while self.stack:
            block, left_out = self.stack[-1]
            if left_out is None:
                reason = _("BEGIN:{name} is never closed (the file ends first)")
                self.skip_block(block, reason.format(name=block.name))
            if left_out is None and len(self.stack) == 1:
                self.close()
            else:
                self.stack.pop()
        return self.out


def structure(lines: list[Line], name: str) -> Structure:
    """The components of the file, and the lines and components left out with why."""
    first = lines[0] if lines else None
    if first is None or first.text.strip().upper() != "BEGIN:VCALENDAR":
        fail(
            name,
            first.number if first else 1,
            _("not a calendar file (it does not start with BEGIN:VCALENDAR)"),
        )
    builder = _Builder(name)
    for line in lines:
        builder.line(line)
    return builder.finish()
