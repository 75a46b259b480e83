"""The programme as a table: one row per event, in time order, for the list beside the timeline."""

from __future__ import annotations

from datetime import date, datetime, time

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.search import search_text
from visitplanner.i18n import N_, current_language, format_date, format_time_in_zone
from visitplanner.ui.common.models import Column, EntityTableModel


class ProgrammeModel(EntityTableModel[Event]):
    """The programme as a table: day, times, title, kind, venue, status, participants."""

    kind = "event"
    #: Each person's search text, made by `columns` for the data shown.
    _names: dict[str, str]

    def rows(self, data: VisitData) -> list[Event]:
        return sorted(data.events, key=lambda e: e.start.timestamp())

    def columns(self, data: VisitData) -> list[Column[Event]]:
        venues = {v.id: v for v in data.venues}
        main = data.visit.main_language
        home = data.visit.tz

        def venue_name(event: Event) -> str:
            venue = venues.get(event.venue_id or "")
            return venue.name.get(current_language(), main) if venue else ""

        # Babel takes tens of microseconds a date: a summit has four days and a few
        # dozen times of day for its 5,000 events, so each is written once.
        days: dict[date, str] = {}
        times: dict[tuple[time, str | None], str] = {}

        def day(event: Event) -> str:
            when = event.start.date()
            text = days.get(when)
            if text is None:
                text = days[when] = format_date(when, "full")
            return text

        def clock(moment: datetime) -> str:
            key = (moment.time(), getattr(moment.tzinfo, "key", None))
            text = times.get(key)
            if text is None:
                text = times[key] = format_time_in_zone(moment, home)
            return text

        # The filter finds an event by its participants' names too, in either script:
        # each person's folded once (a summit's 3,000 people are in 32,000 places).
        self._names = {
            p.id: search_text(f"{p.latin_name()}\n{p.native_name()}") for p in data.people
        }
        return [
            Column(N_("Day"), day, lambda e: e.start.timestamp()),
            Column(N_("Start"), lambda e: clock(e.start), lambda e: e.start.timestamp()),
            Column(N_("End"), lambda e: clock(e.end), lambda e: e.end.timestamp()),
            Column(N_("Title"), lambda e: e.title.get(current_language(), main)),
            Column(N_("Kind"), lambda e: label(e.kind)),
            Column(N_("Venue"), venue_name),
            Column(N_("Status"), lambda e: label(e.status)),
            Column(
                N_("Participants"),
                lambda e: str(len(e.participant_ids)),
                lambda e: len(e.participant_ids),
            ),
        ]

    def search_key(self, item: Event) -> str:
        """What the columns show, and the names of the people taking part."""
        shown = search_text("\n".join(column.text(item) for column in self._columns))
        names = self._names
        return "\n".join([shown, *(names.get(i, "") for i in item.participant_ids)])


def programme_model(data: VisitData) -> ProgrammeModel:
    """The programme model over `data`."""
    return ProgrammeModel(data)
