"""The visit file's schema, made only by migrations.

Each migration is a function of the set `MIGRATIONS`, applied in order and
recorded by sqlite-utils; `SCHEMA_VERSION` is how many there are. A feature that
adds data adds a migration here (and bumps the JSON format's version).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from sqlite_utils import Database, Migrations

from visitplanner.domain.rooming import stays_from_texts
from visitplanner.domain.version_store import store_texts
from visitplanner.storage.entity_rows import stay_row

#: Written in the SQLite header (offset 68) so a visit file is recognised on sight.
APPLICATION_ID: Final = 0x56504C4E  # "VPLN"

MIGRATIONS: Final = Migrations("visitplanner")

#: The names of the migrations, in order; the schema version is their count.
MIGRATION_NAMES: Final[list[str]] = []


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register a migration under `name` (and count it in the schema version)."""
    MIGRATION_NAMES.append(name)
    return MIGRATIONS(name=name)


if TYPE_CHECKING:
    #: How many migrations this version knows; written to PRAGMA user_version.
    SCHEMA_VERSION: int
else:

    def __getattr__(name: str) -> int:
        """`SCHEMA_VERSION`, counted when asked for, so that every migration registered is in it.

        A constant computed in the module's body would count only the migrations above it
        (it once said 3 with 4 migrations); a module attribute looked up lazily (PEP 562)
        cannot, wherever a new migration is added in this file.
        """
        if name == "SCHEMA_VERSION":
            return len(MIGRATION_NAMES)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _run_script(db: Database, script: str) -> None:
    """Run SQL statements one by one.

    `executescript` would commit the migration's transaction first; statements run
    one at a time stay inside it, so a failed migration leaves nothing behind.
    """
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@_migration("0001_initial")
def _initial(db: Database) -> None:
    """The first schema: visit, delegations, people, venues, vehicles, events."""
    _run_script(db, _INITIAL_SQL)


_INITIAL_SQL: Final = """
CREATE TABLE visit (
    id TEXT PRIMARY KEY,
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    title TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    tz TEXT NOT NULL,
    marking TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL,
    organiser_name TEXT NOT NULL DEFAULT '{}',
    organiser_email TEXT NOT NULL DEFAULT '',
    organiser_phone TEXT NOT NULL DEFAULT '',
    organiser_address TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE delegation (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('guest', 'host', 'other')),
    country TEXT NOT NULL DEFAULT '',
    head_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE person (
    id TEXT PRIMARY KEY,
    delegation_id TEXT REFERENCES delegation(id) DEFERRABLE INITIALLY DEFERRED,
    rank INTEGER NOT NULL DEFAULT 0,
    family_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    family_name_native TEXT NOT NULL DEFAULT '',
    given_name_native TEXT NOT NULL DEFAULT '',
    patronymic_native TEXT NOT NULL DEFAULT '',
    latin_derived INTEGER NOT NULL DEFAULT 0,
    civility TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '{}',
    function TEXT NOT NULL DEFAULT '{}',
    organisation TEXT NOT NULL DEFAULT '{}',
    role TEXT NOT NULL DEFAULT 'member',
    grade TEXT NOT NULL DEFAULT 'member',
    languages TEXT NOT NULL DEFAULT '[]',
    duty_phone TEXT NOT NULL DEFAULT '',
    duty_email TEXT NOT NULL DEFAULT '',
    private_phone TEXT NOT NULL DEFAULT '',
    biography TEXT NOT NULL DEFAULT '{}',
    dietary TEXT NOT NULL DEFAULT 'unknown' CHECK (dietary IN ('unknown', 'none', 'given')),
    dietary_detail TEXT NOT NULL DEFAULT '',
    step_free TEXT NOT NULL DEFAULT 'unknown' CHECK (step_free IN ('unknown', 'none', 'given')),
    accessibility_detail TEXT NOT NULL DEFAULT '',
    passport_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    nationality TEXT NOT NULL DEFAULT '',
    passport_number TEXT NOT NULL DEFAULT '',
    passport_expiry TEXT,
    arrival_carrier TEXT NOT NULL DEFAULT '',
    arrival_number TEXT NOT NULL DEFAULT '',
    arrival_utc TEXT,
    arrival_tz TEXT,
    arrival_place TEXT NOT NULL DEFAULT '',
    departure_carrier TEXT NOT NULL DEFAULT '',
    departure_number TEXT NOT NULL DEFAULT '',
    departure_utc TEXT,
    departure_tz TEXT,
    departure_place TEXT NOT NULL DEFAULT '',
    hotel TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0,
    CHECK (family_name <> '' OR family_name_native <> '')
);
CREATE INDEX person_delegation ON person(delegation_id, rank);

-- Photos apart, so that loading the roster does not read every image.
CREATE TABLE person_photo (
    person_id TEXT PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    mime_type TEXT NOT NULL,
    data BLOB NOT NULL
);

CREATE TABLE venue (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    capacity INTEGER,
    step_free TEXT NOT NULL DEFAULT 'unknown' CHECK (step_free IN ('unknown', 'no', 'yes')),
    access_notes TEXT NOT NULL DEFAULT '{}',
    security_notes TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE travel_time (
    from_id TEXT NOT NULL REFERENCES venue(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    to_id TEXT NOT NULL REFERENCES venue(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (from_id, to_id)
);

CREATE TABLE vehicle (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    convoy_position INTEGER NOT NULL DEFAULT 0,
    plate TEXT NOT NULL DEFAULT '',
    driver_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    driver_name TEXT NOT NULL DEFAULT '',
    duty_phone TEXT NOT NULL DEFAULT '',
    seats INTEGER,
    wheelchair TEXT NOT NULL DEFAULT 'unknown' CHECK (wheelchair IN ('unknown', 'no', 'yes')),
    notes TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE event (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    start_tz TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    end_tz TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed', 'cancelled')),
    venue_id TEXT REFERENCES venue(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    destination_id TEXT REFERENCES venue(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    press TEXT NOT NULL DEFAULT 'unknown',
    dress_code TEXT NOT NULL DEFAULT '{}',
    purpose TEXT NOT NULL DEFAULT '{}',
    interpretation_mode TEXT NOT NULL DEFAULT 'none',
    interpretation_languages TEXT NOT NULL DEFAULT '[]',
    responsible_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    notes TEXT NOT NULL DEFAULT '',
    modified TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    CHECK (end_utc >= start_utc)
);
CREATE INDEX event_start ON event(start_utc);

CREATE TABLE event_participant (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_participant_person ON event_participant(person_id);

CREATE TABLE event_interpreter (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_interpreter_person ON event_interpreter(person_id);

CREATE TABLE event_vehicle (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    vehicle_id TEXT NOT NULL REFERENCES vehicle(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, vehicle_id)
);
CREATE INDEX event_vehicle_vehicle ON event_vehicle(vehicle_id);

CREATE TABLE running_order_item (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    at_utc TEXT NOT NULL,
    at_tz TEXT NOT NULL,
    action TEXT NOT NULL DEFAULT '{}',
    who TEXT NOT NULL DEFAULT '{}',
    place TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX running_order_event ON running_order_item(event_id, position);
"""


@_migration("0002_calendars")
def _calendars(db: Database) -> None:
    """Calendars: imported events keep their foreign UID; exports remember sequences."""
    _run_script(db, _CALENDARS_SQL)


_CALENDARS_SQL: Final = """
ALTER TABLE event ADD COLUMN source_uid TEXT NOT NULL DEFAULT '';
CREATE INDEX event_source_uid ON event(source_uid) WHERE source_uid <> '';

-- No foreign key to event: a mark outlives a deleted event, so that undoing the
-- deletion keeps the sequence calendar apps already hold.
CREATE TABLE calendar_mark (
    event_id TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    fingerprint TEXT NOT NULL,
    exported_utc TEXT NOT NULL
);

-- Which events the last file of each calendar ("visit", "delegation:<id>",
-- "person:<id>") contained: one left out since is sent as cancelled.
CREATE TABLE calendar_sent (
    calendar TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (calendar, event_id)
)
"""


@_migration("0003_protocol")
def _protocol(db: Database) -> None:
    """Protocol: event precedence, seating plans, wreaths, placement, who a line concerns."""
    _run_script(db, _PROTOCOL_SQL)


_PROTOCOL_SQL: Final = """
ALTER TABLE running_order_item ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind IN ('other', 'arrival', 'honours', 'wreath', 'music', 'silence', 'anthem',
                    'departure'));

CREATE TABLE running_order_person (
    item_id TEXT NOT NULL
        REFERENCES running_order_item(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, person_id)
);
CREATE INDEX running_order_person_person ON running_order_person(person_id);

CREATE TABLE precedence_override (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX precedence_override_person ON precedence_override(person_id);

CREATE TABLE seating_plan (
    event_id TEXT PRIMARY KEY
        REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    strategy TEXT NOT NULL CHECK (strategy IN ('working', 'official'))
);

CREATE TABLE seating_table (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
        REFERENCES seating_plan(event_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    shape TEXT NOT NULL CHECK (shape IN ('long', 'round', 'head')),
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0
);
CREATE INDEX seating_table_event ON seating_table(event_id, position);

CREATE TABLE seat (
    id TEXT PRIMARY KEY,
    table_id TEXT NOT NULL
        REFERENCES seating_table(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    number INTEGER NOT NULL CHECK (number >= 1),
    side TEXT NOT NULL CHECK (side IN ('north', 'south', 'west', 'east', 'round')),
    position INTEGER NOT NULL CHECK (position >= 0),
    label TEXT NOT NULL DEFAULT '',
    step_free INTEGER NOT NULL DEFAULT 1,
    locked INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX seat_table ON seat(table_id, number);
CREATE INDEX seat_person ON seat(person_id);

CREATE TABLE wreath (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    ribbon TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX wreath_event ON wreath(event_id, position);

CREATE TABLE wreath_person (
    wreath_id TEXT NOT NULL REFERENCES wreath(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL CHECK (role IN ('layer', 'carrier')),
    position INTEGER NOT NULL,
    PRIMARY KEY (wreath_id, role, person_id)
);
CREATE INDEX wreath_person_person ON wreath_person(person_id);

CREATE TABLE placement_position (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    area TEXT NOT NULL CHECK (area IN ('row', 'wreath-party', 'press')),
    row INTEGER NOT NULL CHECK (row >= 1),
    place INTEGER NOT NULL CHECK (place >= 1),
    label TEXT NOT NULL DEFAULT '',
    wheelchair INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX placement_position_event ON placement_position(event_id, position);
CREATE INDEX placement_position_person ON placement_position(person_id)
"""


@_migration("0004_versions")
def _versions(db: Database) -> None:
    """Programme versions: numbered, dated, frozen snapshots of the programme."""
    _run_script(db, _VERSIONS_SQL)


_VERSIONS_SQL: Final = """
-- A snapshot is the JSON of the programme in the visit format of its day (it names
-- its own format version), never rewritten: any later VisitPlanner reads it back.
CREATE TABLE programme_version (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    issued_utc TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT NOT NULL
)
"""


@_migration("0005_journal")
def _journal(db: Database) -> None:
    """The journal of operations (undo and redo in the file) and each entity's revision."""
    _run_script(db, _JOURNAL_SQL)


_JOURNAL_SQL: Final = """
-- One row per operation, in the order they were made (seq orders them within this
-- file; id names the operation everywhere). `changes` holds, for each entity touched,
-- the fields that changed, before and after: a whole entity only when created or deleted.
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at_utc TEXT NOT NULL,
    machine TEXT NOT NULL DEFAULT '',
    program TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL,
    undoable INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
    changes TEXT NOT NULL
);
CREATE INDEX journal_state ON journal(undoable, state, seq);

-- Every change raises the revision of what it touches; `stamp` orders the changes of
-- the file (another program sees what changed since it last looked). Deleted entities
-- keep their row, marked, so that a later look knows they went.
CREATE TABLE entity_revision (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    stamp INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, id)
);
CREATE INDEX entity_revision_stamp ON entity_revision(stamp)
"""


@_migration("0006_version_deltas")
def _version_deltas(db: Database) -> None:
    """Programme versions kept as what changed since the version before, not whole.

    Each version held the whole programme's JSON (8 MB for a summit). Now a version is
    kept whole and compressed, or as a compressed delta on the version before it
    (`domain.version_store`); every version already issued is converted here, its text
    coming back the same, byte for byte.
    """
    _run_script(db, _VERSION_DELTAS_SQL)
    rows = db.execute(
        "SELECT number, issued_utc, note, snapshot FROM programme_version_0004 ORDER BY number"
    ).fetchall()
    kept = store_texts(snapshot for _number, _issued, _note, snapshot in rows)
    previous: int | None = None
    for (number, issued, note, _snapshot), stored in zip(rows, kept, strict=True):
        db.execute(
            "INSERT INTO programme_version (number, issued_utc, note, kept, base, programme) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                number,
                issued,
                note,
                stored.kept,
                None if stored.base is None else previous,
                stored.data,
            ),
        )
        previous = number
    db.execute("DROP TABLE programme_version_0004")


_VERSION_DELTAS_SQL: Final = """
ALTER TABLE programme_version RENAME TO programme_version_0004;

-- `programme` is the version's programme, zlib-compressed: its whole JSON text (kept
-- 'whole') or what changed since version `base`, the version before it (kept 'delta').
-- Never rewritten: rebuilding a version reads its chain back to a whole one.
CREATE TABLE programme_version (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    issued_utc TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    kept TEXT NOT NULL CHECK (kept IN ('whole', 'delta')),
    base INTEGER CHECK (base < number),
    programme BLOB NOT NULL,
    CHECK ((kept = 'whole') = (base IS NULL))
)
"""


@_migration("0007_participant_order")
def _participant_order(db: Database) -> None:
    """An index that hands each event's participants over in their order.

    Loading a visit reads every participation by event and position; without it SQLite
    sorted them all first, a seventh of the time of opening a visit ten times a summit.
    """
    _run_script(db, _PARTICIPANT_ORDER_SQL)


_PARTICIPANT_ORDER_SQL: Final = """
CREATE INDEX event_participant_order ON event_participant(event_id, position, person_id)
"""


@_migration("0008_calendar_variants")
def _calendar_variants(db: Database) -> None:
    """Calendars remember what they showed of each event in each language and profile.

    An export mark now belongs to an event in one variant of the calendars
    ("fr/shareable"), with a digest of everything written for it; the marks of earlier
    files keep the variant "" and give the sequence that the next export raises.
    Each calendar also remembers which events it sent as cancelled for itself alone,
    and a deleted event's last content is kept when no journal holds it.
    """
    _run_script(db, _CALENDAR_VARIANTS_SQL)


_CALENDAR_VARIANTS_SQL: Final = """
CREATE TABLE calendar_mark_variant (
    event_id TEXT NOT NULL,
    variant TEXT NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    fingerprint TEXT NOT NULL,
    exported_utc TEXT NOT NULL,
    PRIMARY KEY (event_id, variant)
);
INSERT INTO calendar_mark_variant (event_id, variant, sequence, fingerprint, exported_utc)
    SELECT event_id, '', sequence, fingerprint, exported_utc FROM calendar_mark;
DROP TABLE calendar_mark;
ALTER TABLE calendar_mark_variant RENAME TO calendar_mark;

ALTER TABLE calendar_sent ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0
    CHECK (dropped IN (0, 1));

-- The last content of a deleted event that calendars held (as the journal writes an
-- entity), for a visit whose journal does not have it.
CREATE TABLE calendar_ghost (
    event_id TEXT PRIMARY KEY,
    event TEXT NOT NULL
)
"""


@_migration("0009_calendar_published")
def _calendar_published(db: Database) -> None:
    """What each CalDAV server holds of the calendars published to it.

    Per collection (its URL) and resource (an event's "<UID>.ics"), the ETag the server
    gave and a digest of the event sent, so that the next publish sends only what
    changed and a publish cut short resumes where it stopped. It describes a server,
    not the visit: no journal, no undo, not in the JSON format.
    """
    _run_script(db, _CALENDAR_PUBLISHED_SQL)


_CALENDAR_PUBLISHED_SQL: Final = """
CREATE TABLE calendar_published (
    collection TEXT NOT NULL,
    resource TEXT NOT NULL,
    etag TEXT NOT NULL,
    digest TEXT NOT NULL,
    sent_utc TEXT NOT NULL,
    PRIMARY KEY (collection, resource)
)
"""


@_migration("0010_car_assignments")
def _car_assignments(db: Database) -> None:
    """The car plan: for each movement, who rides in which of its vehicles, in which seat.

    An assignment goes with the event, vehicle or person it names (an operation deletes
    it first, for undo; the cascade covers a file edited by other means). Uniqueness (a
    person once per movement, a seat once per vehicle) is the domain's rule, not a
    constraint: swapping two seats writes one row after the other.
    """
    _run_script(db, _CAR_ASSIGNMENTS_SQL)


_CAR_ASSIGNMENTS_SQL: Final = """
CREATE TABLE car_assignment (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    vehicle_id TEXT NOT NULL
        REFERENCES vehicle(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    seat TEXT NOT NULL,
    number INTEGER CHECK (number IS NULL OR number >= 1)
);
CREATE INDEX car_assignment_event ON car_assignment(event_id);
CREATE INDEX car_assignment_vehicle ON car_assignment(vehicle_id);
CREATE INDEX car_assignment_person ON car_assignment(person_id)
"""


@_migration("0011_gifts")
def _gifts(db: Database) -> None:
    """The gifts register, and the visit's threshold above which a gift is declared.

    A gift keeps its giver, recipient, event and keeper as links cut (set to null) when
    what they name is deleted: the gift stays in the register, its free-text names too.
    """
    _run_script(db, _GIFTS_SQL)


_GIFTS_SQL: Final = """
ALTER TABLE visit ADD COLUMN gift_threshold INTEGER CHECK (gift_threshold >= 0);
ALTER TABLE visit ADD COLUMN gift_currency TEXT NOT NULL DEFAULT 'EUR';
CREATE TABLE gift (
    id TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT '{}',
    giver_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    giver_name TEXT NOT NULL DEFAULT '',
    recipient_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    recipient_name TEXT NOT NULL DEFAULT '',
    event_id TEXT REFERENCES event(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    status TEXT NOT NULL DEFAULT 'planned',
    value INTEGER CHECK (value IS NULL OR value >= 0),
    currency TEXT NOT NULL DEFAULT '',
    keeper_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    declared INTEGER NOT NULL DEFAULT 0,
    declared_on TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gift_event ON gift(event_id)
"""


@_migration("0012_emergency_contacts")
def _emergency_contacts(db: Database) -> None:
    """The visit's emergency contacts (one JSON text: duty officer, embassy, security
    lead, hospitals by day), and the numbered copies of its books with their holders.

    A copy keeps its holder as a link cut (set to null) when the person is deleted: the
    distribution list still has the copy, and its free-text holder.
    """
    _run_script(db, _EMERGENCY_SQL)


_EMERGENCY_SQL: Final = """
ALTER TABLE visit ADD COLUMN emergency TEXT NOT NULL DEFAULT '{}';
CREATE TABLE book_copy (
    id TEXT PRIMARY KEY,
    number INTEGER NOT NULL CHECK (number >= 1),
    total INTEGER NOT NULL CHECK (total >= number),
    printed_on TEXT NOT NULL,
    holder_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    holder_name TEXT NOT NULL DEFAULT '',
    edition TEXT NOT NULL DEFAULT '',
    returned_on TEXT,
    destroyed_on TEXT
)
"""


@_migration("0013_texts_by_language")
def _texts_by_language(db: Database) -> None:
    """A vehicle's name and notes, and a person's dietary and accessibility details, have
    a version per language (printed in the book's language).

    Each was one text, written in the visit's main language: it becomes that language's
    version (a JSON object, as every multilingual text is kept); an empty text, none.
    """
    _into_versions(db, _BY_LANGUAGE)


def _into_versions(db: Database, by_language: Mapping[str, tuple[str, ...]]) -> None:
    """Turn each text of the columns `by_language` names (by table) into the version in
    the visit's main language, in the rows and in the journal's entries."""
    row = db.execute("SELECT languages FROM visit LIMIT 1").fetchone()
    languages = json.loads(row[0]) if row and row[0] else []
    main = languages[0] if languages else "fr"
    for table, columns in by_language.items():
        for column in columns:
            found = db.execute(f"SELECT id, {column} FROM {table}").fetchall()
            db.conn.executemany(
                f"UPDATE {table} SET {column} = ? WHERE id = ?",
                [(_one_version(main, text), ident) for ident, text in found],
            )
    # The journal's entries hold those fields as they were: undoing one brings back
    # a version per language too.
    entries = db.execute("SELECT seq, changes FROM journal").fetchall()
    rewritten = []
    for seq, text in entries:
        changes = json.loads(text)
        if _journal_versions(main, changes, by_language):
            rewritten.append((json.dumps(changes, ensure_ascii=False), seq))
    db.conn.executemany("UPDATE journal SET changes = ? WHERE seq = ?", rewritten)


def _journal_versions(
    lang: str, changes: list[dict[str, Any]], by_language: Mapping[str, tuple[str, ...]]
) -> bool:
    """Turn, in a journal entry's changes, each text of a field `by_language` names into
    its version in `lang`; whether any was."""
    changed = False
    for change in changes:
        columns = by_language.get(change.get("kind", ""), ())
        for side in ("before", "after"):
            fields = change.get(side) or {}
            for name in columns:
                if isinstance(fields.get(name), str) and not _is_versions(fields[name]):
                    fields[name] = {lang: fields[name]} if fields[name] else {}
                    changed = True
    return changed


def _one_version(lang: str, text: str | None) -> str:
    """One text as the version in `lang` of a multilingual text (as `rows.text_to_db`
    writes it); a text that already is one (a file whose rows a newer program wrote
    before its migrations were recorded) is kept as it is."""
    if not text:
        return "{}"
    if _is_versions(text):
        return text
    return json.dumps({lang: text}, ensure_ascii=False, sort_keys=True)


def _is_versions(text: str) -> bool:
    """Whether `text` is a multilingual text's JSON object ({"fr": "…", "uk": "…"})."""
    if not text.startswith("{"):
        return False
    try:
        found = json.loads(text)
    except ValueError:
        return False
    languages = {"fr", "uk", "en"}
    return isinstance(found, dict) and found.keys() <= languages


#: The columns that held one text and now hold a version per language (0013).
_BY_LANGUAGE: Final = {
    "vehicle": ("label", "notes"),
    "person": ("dietary_detail", "accessibility_detail"),
}


@_migration("0014_rooming")
def _rooming(db: Database) -> None:
    """Hotels and stays: a venue may be a hotel with room types; a person's stays replace
    the free-text hotel.

    Each person's hotel text is matched to a venue by name (`domain.rooming.match_hotel`,
    case and accents aside), which becomes a hotel, and becomes a stay there over the
    visit's dates; a text that names no venue is kept in the person's notes
    ("Hôtel : …"). Then the text column goes. `rooming_sent` keeps each rooming list as
    sent to a hotel, so that the next one marks what changed since.
    """
    _run_script(db, _ROOMING_SQL)
    _hotels_to_stays(db)
    db.execute("ALTER TABLE person DROP COLUMN hotel")


_ROOMING_SQL: Final = """
ALTER TABLE venue ADD COLUMN hotel INTEGER NOT NULL DEFAULT 0;
ALTER TABLE venue ADD COLUMN room_types TEXT NOT NULL DEFAULT '[]';
ALTER TABLE venue ADD COLUMN rooming_language TEXT NOT NULL DEFAULT '';
CREATE TABLE stay (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    hotel_id TEXT NOT NULL REFERENCES venue(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    room_type_id TEXT,
    room_number TEXT NOT NULL DEFAULT '',
    check_in_utc TEXT NOT NULL,
    check_in_tz TEXT NOT NULL,
    check_out_utc TEXT NOT NULL,
    check_out_tz TEXT NOT NULL,
    shares_with_id TEXT
        REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    step_free INTEGER NOT NULL DEFAULT 0,
    late_arrival INTEGER NOT NULL DEFAULT 0,
    billing TEXT NOT NULL DEFAULT 'host',
    notes TEXT NOT NULL DEFAULT '',
    CHECK (check_out_utc > check_in_utc)
);
CREATE INDEX stay_person ON stay(person_id);
CREATE INDEX stay_hotel ON stay(hotel_id);
CREATE TABLE rooming_sent (
    hotel_id TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    sent_utc TEXT NOT NULL,
    rows TEXT NOT NULL,
    PRIMARY KEY (hotel_id, number)
)
"""


def _hotels_to_stays(db: Database) -> None:
    """The free-text hotels of a file made before stays, as stays or notes."""
    visit = db.execute("SELECT start_date, end_date, tz FROM visit").fetchone()
    people = db.execute("SELECT id, hotel, notes FROM person WHERE hotel <> ''").fetchall()
    if visit is None or not people:
        return
    names = {
        ident: list(json.loads(name or "{}").values())
        for ident, name in db.execute("SELECT id, name FROM venue").fetchall()
    }
    found = stays_from_texts(
        {ident: text for ident, text, _notes in people},
        {ident: notes for ident, _text, notes in people},
        names,
        date.fromisoformat(visit[0]),
        date.fromisoformat(visit[1]),
        visit[2],
    )
    for item in found:
        if item.stay is None:
            db.execute("UPDATE person SET notes = ? WHERE id = ?", (item.notes, item.person_id))
            continue
        row = stay_row(item.stay)
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        db.execute(f"INSERT INTO stay ({columns}) VALUES ({marks})", list(row.values()))
        db.execute("UPDATE venue SET hotel = 1 WHERE id = ?", (item.stay.hotel_id,))


@_migration("0015_address_flags")
def _address_flags(db: Database) -> None:
    """Forms of address, flags and the gifts' times in the running order.

    A person's own forms of address (JSON: per use, per language; '{}' when the rules
    propose them all), an event's flags in order of precedence (JSON array of country
    codes; '[]' when proposed), whose flag the visit puts at the place of honour, and
    the time a gift is handed over within its event (UTC and zone, null: at the end).
    """
    _run_script(db, _ADDRESS_FLAGS_SQL)


_ADDRESS_FLAGS_SQL: Final = """
ALTER TABLE person ADD COLUMN address_forms TEXT NOT NULL DEFAULT '{}';
ALTER TABLE event ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE visit ADD COLUMN flag_honour TEXT NOT NULL DEFAULT 'host';
ALTER TABLE gift ADD COLUMN at_utc TEXT;
ALTER TABLE gift ADD COLUMN at_tz TEXT
"""


@_migration("0016_precedence_positions")
def _precedence_positions(db: Database) -> None:
    """A French authority's position in the décret's order of precedence, and the visit's
    placement of guests at equal grade.

    A visit made before keeps the rule it was ordered by (the guest first, by courtesy);
    a new visit starts with the guest after the host (the domain's default). A person's
    typed grade gives no position: no grade names one office of the décret. Only a role
    written "préfet" (or "préfète") does: the préfet of the département (article 3).
    """
    _run_script(db, _PRECEDENCE_SQL)
    prefects = [
        ident
        for ident, role in db.execute("SELECT id, role FROM person").fetchall()
        if role.strip().casefold() in _PREFECT_ROLES
    ]
    db.conn.executemany(
        "UPDATE person SET precedence_list = 'departement', precedence_position = 'prefet' "
        "WHERE id = ?",
        [(ident,) for ident in prefects],
    )


_PREFECT_ROLES: Final = frozenset({"préfet", "préfète", "prefet", "prefete"})

_PRECEDENCE_SQL: Final = """
ALTER TABLE visit ADD COLUMN guest_placement TEXT NOT NULL DEFAULT 'guest_first';
ALTER TABLE visit ADD COLUMN decree_version TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN precedence_list TEXT
    CHECK (precedence_list IS NULL OR precedence_list IN ('national', 'departement'));
ALTER TABLE person ADD COLUMN precedence_position TEXT
"""


@_migration("0017_rooms")
def _rooms(db: Database) -> None:
    """A meal's room (its size, doors, exits, stage) and tables of any shape, turned,
    sized, numbered; a seat kept for a role.

    The tables' shape CHECK grows (imperial, U-shaped), so the table of tables is made
    again; its seats are copied aside first, since dropping a table deletes the rows
    that refer to it, and put back once it is there again.
    """
    _run_script(db, _ROOMS_SQL)


_ROOMS_SQL: Final = """
CREATE TABLE seat_0017 AS SELECT * FROM seat;
DROP TABLE seat;
CREATE TABLE seating_table_0017 (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
        REFERENCES seating_plan(event_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    shape TEXT NOT NULL CHECK (shape IN ('long', 'round', 'head', 'imperial', 'u')),
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    rotation REAL NOT NULL DEFAULT 0 CHECK (rotation >= 0 AND rotation < 360),
    length REAL NOT NULL DEFAULT 0 CHECK (length >= 0),
    number INTEGER CHECK (number IS NULL OR number >= 1)
);
INSERT INTO seating_table_0017 (id, event_id, position, name, shape, x, y)
    SELECT id, event_id, position, name, shape, x, y FROM seating_table;
DROP TABLE seating_table;
ALTER TABLE seating_table_0017 RENAME TO seating_table;
CREATE INDEX seating_table_event ON seating_table(event_id, position);
CREATE TABLE seat (
    id TEXT PRIMARY KEY,
    table_id TEXT NOT NULL
        REFERENCES seating_table(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    number INTEGER NOT NULL CHECK (number >= 1),
    side TEXT NOT NULL CHECK (side IN ('north', 'south', 'west', 'east', 'round')),
    position INTEGER NOT NULL CHECK (position >= 0),
    label TEXT NOT NULL DEFAULT '',
    step_free INTEGER NOT NULL DEFAULT 1,
    locked INTEGER NOT NULL DEFAULT 0,
    person_id TEXT REFERENCES person(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    reserved TEXT NOT NULL DEFAULT '' CHECK (reserved IN ('', 'host', 'guest', 'interpreter'))
);
INSERT INTO seat (id, table_id, number, side, position, label, step_free, locked, person_id)
    SELECT id, table_id, number, side, position, label, step_free, locked, person_id
    FROM seat_0017;
DROP TABLE seat_0017;
CREATE INDEX seat_table ON seat(table_id, number);
CREATE INDEX seat_person ON seat(person_id);

ALTER TABLE seating_plan ADD COLUMN room_name TEXT NOT NULL DEFAULT '';
ALTER TABLE seating_plan ADD COLUMN room_width REAL NOT NULL DEFAULT 0 CHECK (room_width >= 0);
ALTER TABLE seating_plan ADD COLUMN room_depth REAL NOT NULL DEFAULT 0 CHECK (room_depth >= 0);
CREATE TABLE room_feature (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
        REFERENCES seating_plan(event_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('door', 'exit', 'stage', 'fixed')),
    label TEXT NOT NULL DEFAULT '',
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    width REAL NOT NULL DEFAULT 0 CHECK (width >= 0),
    depth REAL NOT NULL DEFAULT 0 CHECK (depth >= 0)
);
CREATE INDEX room_feature_event ON room_feature(event_id, position)
"""


@_migration("0018_seating_constraints")
def _seating_constraints(db: Database) -> None:
    """Seating constraints of a meal (next to, near an exit ...), a plan's options for
    couples and delegations, and seats near an exit.

    A constraint goes with its meal and the people it names (an operation deletes it
    first, for undo; the cascade covers a file edited by other means).
    """
    _run_script(db, _SEATING_CONSTRAINTS_SQL)


_SEATING_CONSTRAINTS_SQL: Final = """
ALTER TABLE seat ADD COLUMN near_exit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seating_plan ADD COLUMN couples TEXT NOT NULL DEFAULT 'free';
ALTER TABLE seating_plan ADD COLUMN delegations TEXT NOT NULL DEFAULT 'free';
CREATE TABLE seating_constraint (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    other_id TEXT REFERENCES person(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    hard INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX seating_constraint_event ON seating_constraint(event_id)
"""


@_migration("0019_more_texts_by_language")
def _more_texts_by_language(db: Database) -> None:
    """A venue's security notes and an event's notes have a version per language (printed
    in the book's language), as 0013 made a vehicle's name: each text becomes the version
    in the visit's main language, in the rows and in the journal's entries."""
    _into_versions(db, _MORE_BY_LANGUAGE)


#: The columns that held one text and now hold a version per language (0019).
_MORE_BY_LANGUAGE: Final = {
    "venue": ("security_notes",),
    "event": ("notes",),
}


@_migration("0020_sync_replica")
def _sync_replica(db: Database) -> None:
    """Where a shared visit stands with its sync server: the server and the visit's room
    there, this officer, the shared document's state, how far the journal has been handed
    over to it, and the updates the server has not yet acknowledged.

    Not visit data: no export carries it, and undo never touches it (as the calendars
    published to a CalDAV server). A file never shared has no row.
    """
    _run_script(db, _SYNC_REPLICA_SQL)


_SYNC_REPLICA_SQL: Final = """
CREATE TABLE sync_replica (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    room TEXT NOT NULL,
    officer TEXT NOT NULL,
    machine TEXT NOT NULL,
    state BLOB NOT NULL,
    handed_through INTEGER NOT NULL DEFAULT 0,
    undo_states TEXT NOT NULL DEFAULT '{}',
    received TEXT NOT NULL DEFAULT '[]',
    last_sync_utc TEXT
);
CREATE TABLE sync_pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    made_utc TEXT NOT NULL,
    update_bytes BLOB NOT NULL
)
"""


@_migration("0021_journal_officer")
def _journal_officer(db: Database) -> None:
    """The journal names who made each change (the officer of a shared visit, else the
    computer's user), beside the machine it was made on: in a visit shared between
    officers, the history says whose each change is. Older entries name no one."""
    _run_script(db, "ALTER TABLE journal ADD COLUMN officer TEXT NOT NULL DEFAULT ''")


@_migration("0022_sync_my_writes")
def _sync_my_writes(db: Database) -> None:
    """A shared visit remembers, across openings, the fields this officer set that no other
    officer's value has replaced yet: a conflicting update that arrives in a later run of
    the program (a command-line `sync` after an edit in the window) is still told. And
    whether the file holds everything the kept document does (`in_step`, 0 after an
    update whose writing into the file failed: the next opening brings the file in step),
    and the entities whose links the file cut while the shared document keeps them
    (`cut_links`: written again when what they referred to comes back)."""
    _run_script(db, _SYNC_MY_WRITES_SQL)


_SYNC_MY_WRITES_SQL: Final = """
ALTER TABLE sync_replica ADD COLUMN my_writes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sync_replica ADD COLUMN in_step INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sync_replica ADD COLUMN cut_links TEXT NOT NULL DEFAULT '[]'
"""
