"""Map the rows of a visit file to domain objects and back.

Reads load a whole visit in a handful of queries (fast for thousands of rows);
writes are upserts by id, never delete-and-insert, so that rows referring to
an entity are not lost when it is saved. Callers group writes with
`VisitDatabase.transaction()`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from visitplanner.domain.arrangements import StepKind
from visitplanner.domain.car_seats import CarAssignment, CarSeat
from visitplanner.domain.contacts import EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.decree import GuestPlacement
from visitplanner.domain.errors import DomainError, NotFoundError, StorageError
from visitplanner.domain.flags import FlagHonour
from visitplanner.domain.gifts import Gift, GiftStatus
from visitplanner.domain.model import (
    CalendarMemory,
    Delegation,
    Event,
    ExportMark,
    Interpretation,
    Organiser,
    Person,
    PublishedResource,
    RunningOrderItem,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.plain import entity_from_plain
from visitplanner.domain.rooming import Billing, Stay
from visitplanner.domain.rooming_list import SentList
from visitplanner.domain.seating_rules import ConstraintKind, SeatingConstraint
from visitplanner.domain.values import (
    Access,
    EventKind,
    EventStatus,
    InterpretationMode,
    PressAccess,
    Side,
)
from visitplanner.i18n import _
from visitplanner.storage import calendar_rows, publish_rows, rooming_rows
from visitplanner.storage.database import DATABASE_ERRORS, VisitDatabase, translate_error
from visitplanner.storage.entity_rows import (
    arrangements,
    book_copy_row,
    car_assignment_row,
    delegation_row,
    event_row,
    gift_row,
    room_types_from_db,
    seating_constraint_row,
    stay_row,
    vehicle_row,
    venue_row,
    visit_row,
    write_row,
)
from visitplanner.storage.person_rows import person_from_row, person_to_row
from visitplanner.storage.protocol_rows import (
    load_arrangements,
    load_line_people,
    save_arrangements,
    save_line_people,
)
from visitplanner.storage.rows import (
    collector_paused,
    date_from_db,
    enum_from_db,
    list_from_db,
    optional_time_from_db,
    rows_of,
    text_from_db,
    text_to_db,
    time_from_db,
    time_to_db,
)
from visitplanner.storage.version_rows import load_versions, save_versions

#: Told how far a long read is: (done, total, what is being read).
Step = Callable[[int, int, str], None]


def _no_step(done: int, total: int, what: str) -> None:
    """For a read that nobody watches."""


#: How many events are read between two reports of progress.
_EVENTS_PER_STEP: Final = 2_000

_EVENT_COLUMNS: Final = (
    "id, kind, title, start_utc, start_tz, end_utc, end_tz, status, venue_id, destination_id,"
    " press, dress_code, purpose, interpretation_mode, interpretation_languages,"
    " responsible_id, notes, modified, source_uid, sample, flags"
)
_event_kind: Final = enum_from_db(EventKind)
_event_status: Final = enum_from_db(EventStatus)
_press: Final = enum_from_db(PressAccess)
_interpretation_mode: Final = enum_from_db(InterpretationMode)
_step_kind: Final = enum_from_db(StepKind)
_access: Final = enum_from_db(Access)
_car_seat: Final = enum_from_db(CarSeat)
_gift_status: Final = enum_from_db(GiftStatus)
_flag_honour: Final = enum_from_db(FlagHonour)
_billing: Final = enum_from_db(Billing)
_guest_placement: Final = enum_from_db(GuestPlacement)


class VisitRepository:
    """Reads and writes the entities of one visit file."""

    def __init__(self, database: VisitDatabase) -> None:
        self.database = database

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection to the visit file."""
        return self.database.conn

    # -- reading ---------------------------------------------------------------

    def has_visit(self) -> bool:
        """Whether the file holds a visit yet (a new file holds none)."""
        count: int = self.conn.execute("SELECT count(*) FROM visit").fetchone()[0]
        return count > 0

    def load_visit(self) -> Visit:
        """The visit's own settings."""
        rows = rows_of(self.conn, "SELECT * FROM visit")
        if not rows:
            raise StorageError(_("the file holds no visit yet"))
        r = rows[0]
        return Visit(
            id=r["id"],
            title=text_from_db(r["title"]),
            start_date=date_from_db(r["start_date"]),  # type: ignore[arg-type]
            end_date=date_from_db(r["end_date"]),  # type: ignore[arg-type]
            tz=r["tz"],
            marking=r["marking"],
            languages=list_from_db(r["languages"]),
            organiser=Organiser(
                name=text_from_db(r["organiser_name"]),
                email=r["organiser_email"],
                phone=r["organiser_phone"],
                address=r["organiser_address"],
            ),
            notes=r["notes"],
            gift_threshold=r["gift_threshold"],
            gift_currency=r["gift_currency"],
            emergency=entity_from_plain(EmergencyContacts, json.loads(r["emergency"])),
            flag_honour=_flag_honour(r["flag_honour"]),
            guest_placement=_guest_placement(r["guest_placement"]),
            decree_version=r["decree_version"],
        )

    def load(self, step: Step | None = None) -> VisitData:
        """The whole visit, as domain objects; `step(done, total, what)` is told how far
        the reading is (the window shows it while a large visit opens, and may stop it
        by raising from `step`).

        A file whose rows break the domain's rules (edited by another program, or
        damaged) gives a StorageError naming the problem, never a crash.
        """
        try:
            with collector_paused(freeze_after=True):
                return self._load(step or _no_step)
        except DATABASE_ERRORS as exc:
            raise translate_error(exc, self._where()) from exc
        except (DomainError, KeyError, IndexError, ValueError, TypeError) as exc:
            raise StorageError(
                _("{path}: the visit in the file is inconsistent ({detail})").format(
                    path=self._where(), detail=exc
                )
            ) from exc

    def _where(self) -> Path:
        return self.database.path or Path(":memory:")

    def _load(self, step: Step) -> VisitData:
        # Each step's share is its share of the time of reading a summit.
        step(0, 100, _("Reading the delegations"))
        visit, delegations = self.load_visit(), self.load_delegations()
        step(5, 100, _("Reading the people"))
        people = self.load_people()
        step(25, 100, _("Reading the venues and vehicles"))
        venues, vehicles = self.load_venues(), self.load_vehicles()
        step(30, 100, _("Reading the programme"))
        events = self.load_events(step=step)
        step(95, 100, _("Reading the versions"))
        data = VisitData(
            visit=visit,
            delegations=delegations,
            people=people,
            venues=venues,
            vehicles=vehicles,
            events=events,
            calendars=self.load_calendar_memory(),
            versions=load_versions(self.conn),
            car_assignments=self.load_car_assignments(),
            gifts=self.load_gifts(),
            copies=self.load_copies(),
            stays=self.load_stays(),
            seating_constraints=self.load_seating_constraints(),
        )
        step(100, 100, "")
        return data

    def load_delegations(self, ids: Iterable[str] | None = None) -> list[Delegation]:
        """Every delegation (or those with `ids`), in the order they are listed."""
        where, args = _id_filter(ids)
        return [
            Delegation(
                id=r["id"],
                name=text_from_db(r["name"]),
                side=Side(r["side"]),
                country=r["country"],
                head_id=r["head_id"],
                position=r["position"],
                notes=r["notes"],
            )
            for r in rows_of(
                self.conn, f"SELECT * FROM delegation{where} ORDER BY {_ORDER['delegation']}", args
            )
        ]

    def load_people(self, ids: Iterable[str] | None = None) -> list[Person]:
        """Every person (or those with `ids`), by delegation and rank."""
        where, args = _id_filter(ids)
        photo_where, _args = _id_filter(ids, "person_id")
        photos = {
            r["person_id"]: (bytes(r["data"]), r["mime_type"])
            for r in rows_of(self.conn, f"SELECT * FROM person_photo{photo_where}", args)
        }
        people = []
        for r in rows_of(
            self.conn, f"SELECT * FROM person{where} ORDER BY {_ORDER['person']}", args
        ):
            photo, photo_type = photos.get(r["id"], (None, ""))
            people.append(person_from_row(r, photo, photo_type))
        return people

    def load_venues(self, ids: Iterable[str] | None = None) -> list[Venue]:
        """Every venue (or those with `ids`), with its travel times to others."""
        where, args = _id_filter(ids)
        travel_where, _args = _id_filter(ids, "from_id")
        travel: dict[str, dict[str, int]] = defaultdict(dict)
        for r in rows_of(
            self.conn, f"SELECT * FROM travel_time{travel_where} ORDER BY from_id, to_id", args
        ):
            travel[r["from_id"]][r["to_id"]] = r["minutes"]
        return [
            Venue(
                id=r["id"],
                name=text_from_db(r["name"]),
                address=r["address"],
                postcode=r["postcode"],
                city=r["city"],
                country=r["country"],
                latitude=r["latitude"],
                longitude=r["longitude"],
                contact_name=r["contact_name"],
                contact_phone=r["contact_phone"],
                capacity=r["capacity"],
                step_free=_access(r["step_free"]),
                access_notes=text_from_db(r["access_notes"]),
                security_notes=text_from_db(r["security_notes"]),
                travel_minutes=travel.get(r["id"], {}),
                sample=bool(r["sample"]),
                hotel=bool(r["hotel"]),
                room_types=room_types_from_db(r["room_types"]),
                rooming_language=r["rooming_language"],
            )
            for r in rows_of(
                self.conn, f"SELECT * FROM venue{where} ORDER BY {_ORDER['venue']}", args
            )
        ]

    def load_vehicles(self, ids: Iterable[str] | None = None) -> list[Vehicle]:
        """Every vehicle (or those with `ids`), in convoy order."""
        where, args = _id_filter(ids)
        return [
            Vehicle(
                id=r["id"],
                label=text_from_db(r["label"]),
                convoy_position=r["convoy_position"],
                plate=r["plate"],
                driver_id=r["driver_id"],
                driver_name=r["driver_name"],
                duty_phone=r["duty_phone"],
                seats=r["seats"],
                wheelchair=_access(r["wheelchair"]),
                notes=text_from_db(r["notes"]),
                sample=bool(r["sample"]),
            )
            for r in rows_of(
                self.conn, f"SELECT * FROM vehicle{where} ORDER BY {_ORDER['vehicle']}", args
            )
        ]

    def load_events(
        self, ids: Iterable[str] | None = None, step: Step | None = None
    ) -> list[Event]:
        """Every event (or those with `ids`), by start time, with its links; `step` is
        told how far the reading is, as a share of reading the whole visit (30 to 95)."""
        step = step or _no_step
        where, args = _id_filter(ids)
        link_where, _args = _id_filter(ids, "event_id")
        participants = _links(self.conn, "event_participant", "person_id", link_where, args)
        interpreters = _links(self.conn, "event_interpreter", "person_id", link_where, args)
        vehicles = _links(self.conn, "event_vehicle", "vehicle_id", link_where, args)
        running: dict[str, list[RunningOrderItem]] = defaultdict(list)
        line_people = load_line_people(self.conn, link_where, args)
        arranged = load_arrangements(self.conn, link_where, args)
        for r in rows_of(
            self.conn,
            f"SELECT * FROM running_order_item{link_where} ORDER BY event_id, position",
            args,
        ):
            running[r["event_id"]].append(
                RunningOrderItem(
                    id=r["id"],
                    at=time_from_db(r["at_utc"], r["at_tz"]),
                    action=text_from_db(r["action"]),
                    who=text_from_db(r["who"]),
                    where=text_from_db(r["place"]),
                    kind=_step_kind(r["kind"]),
                    person_ids=line_people.get(r["id"], []),
                )
            )
        step(50, 100, _("Reading the programme"))
        total: int = max(
            1, self.conn.execute(f"SELECT count(*) FROM event{where}", args).fetchone()[0]
        )
        events: list[Event] = []
        # Columns by position, not by name: this loop runs 50,000 times for ten summits.
        sql = f"SELECT {_EVENT_COLUMNS} FROM event{where} ORDER BY {_ORDER['event']}"
        for (
            ident,
            kind,
            title,
            start_utc,
            start_tz,
            end_utc,
            end_tz,
            status,
            venue_id,
            destination_id,
            press,
            dress_code,
            purpose,
            interpretation_mode,
            interpretation_languages,
            responsible_id,
            notes,
            modified,
            source_uid,
            sample,
            flags,
        ) in self.conn.execute(sql, args):
            if len(events) % _EVENTS_PER_STEP == 0:
                step(50 + 45 * len(events) // total, 100, _("Reading the programme"))
            parts = arranged.get(ident)
            events.append(
                Event(
                    id=ident,
                    kind=_event_kind(kind),
                    title=text_from_db(title),
                    start=time_from_db(start_utc, start_tz),
                    end=time_from_db(end_utc, end_tz),
                    status=_event_status(status),
                    venue_id=venue_id,
                    destination_id=destination_id,
                    participant_ids=participants.get(ident, []),
                    vehicle_ids=vehicles.get(ident, []),
                    press=_press(press),
                    dress_code=text_from_db(dress_code),
                    purpose=text_from_db(purpose),
                    interpretation=Interpretation(
                        mode=_interpretation_mode(interpretation_mode),
                        languages=list_from_db(interpretation_languages),
                        interpreter_ids=interpreters.get(ident, []),
                    ),
                    responsible_id=responsible_id,
                    notes=text_from_db(notes),
                    running_order=running.get(ident, []),
                    precedence_ids=[] if parts is None else parts.precedence_ids,
                    seating=None if parts is None else parts.seating,
                    wreaths=[] if parts is None else parts.wreaths,
                    placement=[] if parts is None else parts.placement,
                    modified=time_from_db(modified, "UTC") if modified else None,
                    source_uid=source_uid,
                    sample=bool(sample),
                    flags=list_from_db(flags),
                )
            )
        return events

    def load_car_assignments(self, ids: Iterable[str] | None = None) -> list[CarAssignment]:
        """Every car assignment (or those with `ids`), in the order they were made."""
        where, args = _id_filter(ids)
        sql = (
            "SELECT id, event_id, vehicle_id, person_id, seat, number FROM car_assignment"
            f"{where} ORDER BY {_ORDER['car_assignment']}"
        )
        return [
            CarAssignment(
                id=ident,
                event_id=event_id,
                vehicle_id=vehicle_id,
                person_id=person_id,
                seat=_car_seat(seat),
                number=number,
            )
            for ident, event_id, vehicle_id, person_id, seat, number in self.conn.execute(sql, args)
        ]

    def load_gifts(self, ids: Iterable[str] | None = None) -> list[Gift]:
        """Every gift (or those with `ids`), in the order they were made."""
        where, args = _id_filter(ids)
        rows = rows_of(self.conn, f"SELECT * FROM gift{where} ORDER BY {_ORDER['gift']}", args)
        return [
            Gift(
                id=r["id"],
                description=text_from_db(r["description"]),
                giver_id=r["giver_id"],
                giver_name=r["giver_name"],
                recipient_id=r["recipient_id"],
                recipient_name=r["recipient_name"],
                event_id=r["event_id"],
                status=_gift_status(r["status"]),
                value=r["value"],
                currency=r["currency"],
                keeper_id=r["keeper_id"],
                declared=bool(r["declared"]),
                declared_on=date_from_db(r["declared_on"]),
                notes=r["notes"],
                at=optional_time_from_db(r["at_utc"], r["at_tz"]),
            )
            for r in rows
        ]

    def load_copies(self, ids: Iterable[str] | None = None) -> list[BookCopy]:
        """Every numbered copy (or those with `ids`), in the order they were printed."""
        where, args = _id_filter(ids)
        sql = f"SELECT * FROM book_copy{where} ORDER BY {_ORDER['book_copy']}"
        return [
            BookCopy(
                id=r["id"],
                number=r["number"],
                total=r["total"],
                printed_on=date_from_db(r["printed_on"]),  # type: ignore[arg-type]
                holder_id=r["holder_id"],
                holder_name=r["holder_name"],
                edition=r["edition"],
                returned_on=date_from_db(r["returned_on"]),
                destroyed_on=date_from_db(r["destroyed_on"]),
            )
            for r in rows_of(self.conn, sql, args)
        ]

    def load_seating_constraints(self, ids: Iterable[str] | None = None) -> list[SeatingConstraint]:
        """Every seating constraint (or those with `ids`), in the order they were set."""
        where, args = _id_filter(ids)
        sql = f"SELECT * FROM seating_constraint{where} ORDER BY {_ORDER['seating_constraint']}"
        return [
            SeatingConstraint(
                id=r["id"],
                event_id=r["event_id"],
                kind=ConstraintKind(r["kind"]),
                person_id=r["person_id"],
                other_id=r["other_id"],
                hard=bool(r["hard"]),
            )
            for r in rows_of(self.conn, sql, args)
        ]

    def load_stays(self, ids: Iterable[str] | None = None) -> list[Stay]:
        """Every stay (or those with `ids`), in the order they were made."""
        where, args = _id_filter(ids)
        rows = rows_of(self.conn, f"SELECT * FROM stay{where} ORDER BY {_ORDER['stay']}", args)
        return [
            Stay(
                id=r["id"],
                person_id=r["person_id"],
                hotel_id=r["hotel_id"],
                room_type_id=r["room_type_id"],
                room_number=r["room_number"],
                check_in=time_from_db(r["check_in_utc"], r["check_in_tz"]),
                check_out=time_from_db(r["check_out_utc"], r["check_out_tz"]),
                shares_with_id=r["shares_with_id"],
                step_free=bool(r["step_free"]),
                late_arrival=bool(r["late_arrival"]),
                billing=_billing(r["billing"]),
                notes=r["notes"],
            )
            for r in rows
        ]

    def load_rooming_sent(self) -> list[SentList]:
        """Every rooming list sent to a hotel, with its rows."""
        return rooming_rows.load_sent(self.conn)

    def save_rooming_sent(self, sent: SentList) -> None:
        """Remember a rooming list sent."""
        rooming_rows.save_sent(self.conn, sent)

    def load_calendar_memory(self) -> CalendarMemory:
        """What the exported calendars left behind: sequences, and each calendar's events."""
        return calendar_rows.load_calendar_memory(self.conn)

    # -- writing ---------------------------------------------------------------
    # Each save takes the entity as it is to be and, for one that exists, as the file
    # holds it now (`before`): only the columns and child rows that differ are written,
    # so a reorder touches ranks, not photos. Without `before` everything is written.

    def save_marks(self, marks: Mapping[tuple[str, str], ExportMark]) -> None:
        """Insert or replace the export marks of these events in these variants."""
        calendar_rows.save_marks(self.conn, marks)

    def save_sent(
        self, calendar: str, event_ids: Iterable[str], dropped: Iterable[str] = ()
    ) -> None:
        """Remember that the last file of `calendar` contained exactly `event_ids`, of
        which it sent `dropped` as cancelled for itself alone."""
        calendar_rows.save_sent(self.conn, calendar, event_ids, dropped)

    def save_ghosts(self, ghosts: Mapping[str, Event]) -> None:
        """Keep the last content of these deleted events, for the calendars that held them."""
        calendar_rows.save_ghosts(self.conn, ghosts)

    def deleted_events(self, ids: Iterable[str]) -> dict[str, Event]:
        """The last content of the deleted events among `ids`: what the journal recorded
        when each was deleted, else what the visit kept for its calendars (a visit made
        from its JSON format has no journal of it)."""
        ids = set(ids)
        found = calendar_rows.deleted_events(self.conn, ids)
        if len(found) < len(ids):
            kept = self.load_calendar_memory().ghosts
            found.update({i: kept[i] for i in ids - set(found) if i in kept})
        return found

    def save_calendar_memory(self, memory: CalendarMemory) -> None:
        """Write the whole calendar memory (a new file, an imported JSON visit)."""
        calendar_rows.save_calendar_memory(self.conn, memory)

    def load_published(
        self, collections: Iterable[str] | None = None
    ) -> dict[tuple[str, str], PublishedResource]:
        """What CalDAV servers hold of the published calendars (see `publish_rows`)."""
        return publish_rows.load_published(self.conn, collections)

    def save_published(self, resources: Iterable[PublishedResource]) -> None:
        """Remember what the server accepted (outside the journal: see `publish_rows`)."""
        publish_rows.save_published(self.conn, resources)

    def forget_published(self, collection: str) -> None:
        """Forget what a collection held (the server lost it)."""
        publish_rows.forget_collection(self.conn, collection)

    def save_visit(self, visit: Visit, before: Visit | None = None) -> None:
        """Write the visit's settings (there is one visit per file)."""
        existing = self.conn.execute("SELECT id FROM visit").fetchone()
        if existing and existing[0] != visit.id:
            raise StorageError(_("the file already holds another visit"))
        write_row(self.conn, "visit", visit_row, visit, before)

    def save_delegation(self, delegation: Delegation, before: Delegation | None = None) -> None:
        """Insert or update a delegation."""
        write_row(self.conn, "delegation", delegation_row, delegation, before)

    def save_person(self, person: Person, before: Person | None = None) -> None:
        """Insert or update a person, with the photo (written only when it changed)."""
        write_row(self.conn, "person", person_to_row, person, before)
        if (
            before is not None
            and before.photo == person.photo
            and before.photo_type == person.photo_type
        ):
            return
        self.conn.execute("DELETE FROM person_photo WHERE person_id = ?", (person.id,))
        if person.photo is not None:
            self.conn.execute(
                "INSERT INTO person_photo (person_id, mime_type, data) VALUES (?, ?, ?)",
                (person.id, person.photo_type, person.photo),
            )

    def save_venue(self, venue: Venue, before: Venue | None = None) -> None:
        """Insert or update a venue and its travel times to other venues."""
        write_row(self.conn, "venue", venue_row, venue, before)
        if before is not None and before.travel_minutes == venue.travel_minutes:
            return
        self.conn.execute("DELETE FROM travel_time WHERE from_id = ?", (venue.id,))
        self.conn.executemany(
            "INSERT INTO travel_time (from_id, to_id, minutes) VALUES (?, ?, ?)",
            [(venue.id, to_id, minutes) for to_id, minutes in sorted(venue.travel_minutes.items())],
        )

    def save_vehicle(self, vehicle: Vehicle, before: Vehicle | None = None) -> None:
        """Insert or update a vehicle."""
        write_row(self.conn, "vehicle", vehicle_row, vehicle, before)

    def save_event(self, event: Event, before: Event | None = None) -> None:
        """Insert or update an event with its links, running order and arrangements.

        With `before`, a kind of child rows (participants, running order, seating ...)
        is rewritten only when it changed.
        """
        write_row(self.conn, "event", event_row, event, before)
        ident = event.id
        for table, column, ids, earlier in (
            (
                "event_participant",
                "person_id",
                event.participant_ids,
                before.participant_ids if before else None,
            ),
            (
                "event_interpreter",
                "person_id",
                event.interpretation.interpreter_ids,
                before.interpretation.interpreter_ids if before else None,
            ),
            (
                "event_vehicle",
                "vehicle_id",
                event.vehicle_ids,
                before.vehicle_ids if before else None,
            ),
        ):
            if earlier == ids:
                continue
            self.conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (ident,))
            self.conn.executemany(
                f"INSERT INTO {table} (event_id, {column}, position) VALUES (?, ?, ?)",
                [(ident, other, index) for index, other in enumerate(ids)],
            )
        if before is None or before.running_order != event.running_order:
            self._save_running_order(event)
        if before is None or arrangements(before) != arrangements(event):
            save_arrangements(self.conn, event)

    def save_car_assignment(
        self, assignment: CarAssignment, before: CarAssignment | None = None
    ) -> None:
        """Insert or update a car assignment."""
        write_row(self.conn, "car_assignment", car_assignment_row, assignment, before)

    def save_gift(self, gift: Gift, before: Gift | None = None) -> None:
        """Insert or update a gift."""
        write_row(self.conn, "gift", gift_row, gift, before)

    def save_book_copy(self, copy_: BookCopy, before: BookCopy | None = None) -> None:
        """Insert or update a numbered copy."""
        write_row(self.conn, "book_copy", book_copy_row, copy_, before)

    def save_stay(self, stay: Stay, before: Stay | None = None) -> None:
        """Insert or update a stay."""
        write_row(self.conn, "stay", stay_row, stay, before)

    def save_seating_constraint(
        self, constraint: SeatingConstraint, before: SeatingConstraint | None = None
    ) -> None:
        """Insert or update a seating constraint."""
        write_row(self.conn, "seating_constraint", seating_constraint_row, constraint, before)

    def _save_running_order(self, event: Event) -> None:
        ident = event.id
        self.conn.execute("DELETE FROM running_order_item WHERE event_id = ?", (ident,))
        rows = []
        for index, line in enumerate(event.running_order):
            at_utc, at_tz = time_to_db(line.at)
            rows.append(
                (
                    line.id,
                    ident,
                    index,
                    at_utc,
                    at_tz,
                    text_to_db(line.action),
                    text_to_db(line.who),
                    text_to_db(line.where),
                    line.kind.value,
                )
            )
        self.conn.executemany(
            "INSERT INTO running_order_item "
            "(id, event_id, position, at_utc, at_tz, action, who, place, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        save_line_people(self.conn, event)

    # -- by kind -----------------------------------------------------------------

    def load_kind(self, kind: str, ids: Iterable[str] | None = None) -> list[Any]:
        """The entities of `kind` (or those with `ids`), as the file holds them."""
        load = TABLES[kind].load
        if ids is None:
            return load(self, None)
        wanted = list(ids)
        found: list[Any] = []
        for start in range(0, len(wanted), 500):  # SQLite caps a query's parameters
            found.extend(load(self, wanted[start : start + 500]))
        return found

    def save_entity(self, kind: str, entity: Any, before: Any | None = None) -> None:
        """Write an entity of `kind`: whole, or only what differs from `before`."""
        TABLES[kind].save(self, entity, before)

    def ids_in_order(self, kind: str) -> list[str]:
        """The ids of every entity of `kind`, in the order the visit lists them."""
        return [r[0] for r in self.conn.execute(f"SELECT id FROM {kind} ORDER BY {_ORDER[kind]}")]

    def place_of(self, kind: str, ident: str) -> int | None:
        """Where the row of entity `ident` stands in its table (its rowid)."""
        if kind not in _ORDER:
            return None
        row = self.conn.execute(f"SELECT rowid FROM {kind} WHERE id = ?", (ident,)).fetchone()
        return None if row is None else int(row[0])

    def put_back(self, kind: str, ident: str, place: int) -> None:
        """Give the row of a re-created entity its former place, so lists keep their order."""
        if kind not in _ORDER:
            return
        taken = self.conn.execute(f"SELECT 1 FROM {kind} WHERE rowid = ?", (place,)).fetchone()
        if taken is None:
            self.conn.execute(f"UPDATE {kind} SET rowid = ? WHERE id = ?", (place, ident))

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are entities of the visit (of any kind)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for kind in TABLES:
            for start in range(0, len(wanted), 500):
                chunk = [i for i in wanted[start : start + 500] if i not in found]
                if not chunk:
                    continue
                marks = ", ".join("?" for _ in chunk)
                sql = f"SELECT id FROM {kind} WHERE id IN ({marks})"
                found.update(r[0] for r in self.conn.execute(sql, chunk))
        return found

    def ids_by_place(self, kind: str) -> list[str]:
        """The ids of every entity of `kind` in the order of their rows (their places)."""
        return [r[0] for r in self.conn.execute(f"SELECT id FROM {kind} ORDER BY rowid")]

    def renumber(self, kind: str, ids: list[str]) -> None:
        """Give the rows of `kind` places in the order of `ids` (a shared visit's order,
        the same on every replica); rows not named keep their order, after them."""
        if kind not in _ENTITY_TABLES:
            return
        self.conn.execute(f"UPDATE {kind} SET rowid = -rowid")
        self.conn.executemany(
            f"UPDATE {kind} SET rowid = ? WHERE id = ?",
            [(place, ident) for place, ident in enumerate(ids, start=1)],
        )
        rest = [
            r[0]
            for r in self.conn.execute(f"SELECT id FROM {kind} WHERE rowid < 0 ORDER BY rowid DESC")
        ]
        start = len(ids) + 1
        self.conn.executemany(
            f"UPDATE {kind} SET rowid = ? WHERE id = ?",
            [(place, ident) for place, ident in enumerate(rest, start=start)],
        )

    def delete(self, table: str, ident: str) -> None:
        """Delete the entity `ident` from `table` (links to it go with it)."""
        if table not in _ENTITY_TABLES:
            raise ValueError(f"not an entity table: {table}")
        cursor = self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (ident,))
        if cursor.rowcount == 0:
            raise NotFoundError(
                _("nothing to delete: no {what} with id {id}").format(what=table, id=ident)
            )

    def save_all(self, data: VisitData) -> None:
        """Write a whole visit (a new file, the demo, an imported JSON visit)."""
        self.save_visit(data.visit)
        for delegation in data.delegations:
            self.save_delegation(delegation)
        for person in data.people:
            self.save_person(person)
        for venue in data.venues:
            self.save_venue(venue)
        for vehicle in data.vehicles:
            self.save_vehicle(vehicle)
        for event in data.events:
            self.save_event(event)
        for assignment in data.car_assignments:
            self.save_car_assignment(assignment)
        for gift in data.gifts:
            self.save_gift(gift)
        for copy_ in data.copies:
            self.save_book_copy(copy_)
        for stay in data.stays:
            self.save_stay(stay)
        for constraint in data.seating_constraints:
            self.save_seating_constraint(constraint)
        self.save_calendar_memory(data.calendars)
        save_versions(self.conn, data.versions)


@dataclass(frozen=True)
class Table:
    """How one kind of entity (domain/kinds.py) is kept: its table, its order, its rows."""

    #: How its rows are listed (the visit in memory keeps the same order).
    order: str
    load: Callable[[VisitRepository, list[str] | None], list[Any]]
    save: Callable[[VisitRepository, Any, Any | None], None]
    #: The entity's fields that `order` goes by (besides the row's place).
    sort_fields: tuple[str, ...] = ()


def _load_visit(repo: VisitRepository, ids: list[str] | None) -> list[Any]:
    return [repo.load_visit()] if repo.has_visit() else []


#: The table of each kind of entity, by the kind's name.
TABLES: Final[Mapping[str, Table]] = {
    "visit": Table("rowid", _load_visit, VisitRepository.save_visit),
    "delegation": Table(
        "position, rowid",
        VisitRepository.load_delegations,
        VisitRepository.save_delegation,
        ("position",),
    ),
    "person": Table(
        "delegation_id, rank, rowid",
        VisitRepository.load_people,
        VisitRepository.save_person,
        ("delegation_id", "rank"),
    ),
    "venue": Table("rowid", VisitRepository.load_venues, VisitRepository.save_venue),
    "vehicle": Table(
        "convoy_position, rowid",
        VisitRepository.load_vehicles,
        VisitRepository.save_vehicle,
        ("convoy_position",),
    ),
    "event": Table(
        "start_utc, rowid", VisitRepository.load_events, VisitRepository.save_event, ("start",)
    ),
    "car_assignment": Table(
        "rowid", VisitRepository.load_car_assignments, VisitRepository.save_car_assignment
    ),
    "gift": Table("rowid", VisitRepository.load_gifts, VisitRepository.save_gift),
    "book_copy": Table("rowid", VisitRepository.load_copies, VisitRepository.save_book_copy),
    "stay": Table("rowid", VisitRepository.load_stays, VisitRepository.save_stay),
    "seating_constraint": Table(
        "rowid", VisitRepository.load_seating_constraints, VisitRepository.save_seating_constraint
    ),
}
_ORDER: Final = {kind: table.order for kind, table in TABLES.items()}
_ENTITY_TABLES: Final = frozenset(TABLES) - {"visit"}


def _id_filter(ids: Iterable[str] | None, column: str = "id") -> tuple[str, list[str]]:
    """A WHERE clause keeping rows whose `column` is one of `ids` (all rows for None)."""
    if ids is None:
        return "", []
    wanted = list(ids)
    return f" WHERE {column} IN ({', '.join('?' for _ in wanted)})", wanted


def _links(
    conn: sqlite3.Connection, table: str, column: str, where: str, args: list[str]
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for event_id, other in conn.execute(
        f"SELECT event_id, {column} FROM {table}{where} ORDER BY event_id, position", args
    ):
        found[event_id].append(other)
    return found
