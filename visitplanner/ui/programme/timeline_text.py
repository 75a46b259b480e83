"""The words the timeline shows for an event: block lines, tooltip, spoken description."""

from __future__ import annotations

import html
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventKind, zone_name
from visitplanner.i18n import (
    _,
    current_language,
    format_date,
    format_time,
    format_time_in_zone,
)
from visitplanner.ui.programme.timeline_style import CONFLICT_GLYPH, BlockText


@lru_cache(maxsize=4096)
def clock(hour: int, minute: int, lang: str) -> str:
    """A time of day as `lang` writes it; cached: Babel is slow and there are 1,440 minutes."""
    return format_time(time(hour, minute), lang=lang)


@lru_cache(maxsize=256)
def day_heading(day: date, lang: str) -> str:
    """A day as a column heading ("jeudi 7 mai")."""
    return format_date(day, "EEEE d MMMM", lang=lang)


def _span(event: Event, home: ZoneInfo, lang: str) -> str:
    start = event.start.astimezone(home)
    end = event.end.astimezone(home)
    return f"{clock(start.hour, start.minute, lang)}–{clock(end.hour, end.minute, lang)}"


class EventWords:
    """Texts about events of one visit, in the current language."""

    def __init__(self, data: VisitData) -> None:
        self.data = data
        self.lang = current_language()
        self.main = data.visit.main_language
        self.home = ZoneInfo(data.visit.tz)
        self._venues = {v.id: v for v in data.venues}

    def title(self, event: Event) -> str:
        """The event's title in the current language, else the visit's main one."""
        return event.title.get(self.lang, self.main) or _("(untitled)")

    def place(self, event: Event) -> str:
        """Where the event is: its venue, or "from → to" for a transfer or a journey."""
        names = []
        for ident in (event.venue_id, event.destination_id):
            venue = self._venues.get(ident or "")
            if venue is not None:
                names.append(venue.name.get(self.lang, self.main))
        return " → ".join(names)

    def block(self, event: Event, continued: bool) -> BlockText:
        """The lines of a block; `continued` for the part after midnight."""
        span = _span(event, self.home, self.lang)
        return BlockText("… " + span if continued else span, self.title(event), self.place(event))

    def when(self, event: Event) -> str:
        """Day and times in the visit's zone, with each end's own zone where it differs."""
        start = event.start.astimezone(self.home)
        text = f"{format_date(start.date(), 'full')}, {_span(event, self.home, self.lang)}"
        visit_zone = self.data.visit.tz
        if zone_name(event.start) != visit_zone or zone_name(event.end) != visit_zone:
            local = _("local times: {start} – {end}").format(
                start=format_time_in_zone(event.start, visit_zone),
                end=format_time_in_zone(event.end, visit_zone),
            )
            text = f"{text} ({local})"
        return text

    def summary(self, event: Event) -> list[str]:
        """Title, when, kind and status, where, who: one item per line."""
        count = len(event.participant_ids)
        lines = [
            self.title(event),
            self.when(event),
            f"{label(event.kind)} · {label(event.status)}",
        ]
        place = self.place(event)
        if place:
            lines.append(place)
        elif event.kind not in (EventKind.TRAVEL,):
            lines.append(_("no venue"))
        lines.append(_("participants: {count}").format(count=count))
        return lines

    def tooltip(self, event: Event, problems: list[str]) -> str:
        """Rich text for the block's tooltip."""
        lines = [html.escape(line) for line in self.summary(event)]
        lines[0] = f"<b>{lines[0]}</b>"
        for problem in problems:
            lines.append(
                f'<span style="color:#D00000;">{CONFLICT_GLYPH} {html.escape(problem)}</span>'
            )
        return "<br>".join(lines)

    def description(self, event: Event, problems: list[str]) -> str:
        """The selected event, for a screen reader."""
        parts = self.summary(event)
        parts.extend(_("conflict: {problem}").format(problem=p) for p in problems)
        return ". ".join(parts)


def slot_time(day: date, minute: int, home: ZoneInfo) -> datetime:
    """The aware time `minute` minutes into `day` in `home`, rounded down to a quarter."""
    minute = max(0, min(minute - minute % 15, 24 * 60 - 15))
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=home)
