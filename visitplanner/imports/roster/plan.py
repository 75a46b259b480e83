"""From a read sheet to a plan: who is added, who is updated, which rows are wrong.

Nothing is written here: the plan is shown to the officer (or summed up on the
command line) and applied by services/rosters.py as one undoable command.

Matching a row to someone already in the visit, in this order: the id column
(a VisitPlanner id, as the export writes it); the native-script family and given
names within the row's delegation; the Latin family and given names within the
row's delegation (the transliterated form when the row has only Cyrillic).
Names are compared without case and with every apostrophe (ʼ ’ ') the same.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.lookup import normalise
from visitplanner.domain.model import Delegation, Person, Venue, VisitData
from visitplanner.domain.rooming import Stay
from visitplanner.domain.roster_columns import RosterField, Target
from visitplanner.domain.text import clean_change
from visitplanner.domain.values import LANGUAGES, LocalizedText, Role
from visitplanner.i18n import _, babel_locale, current_language
from visitplanner.imports.roster.headers import recognise_all, sheet_language
from visitplanner.imports.roster.hotels import plan_stays
from visitplanner.imports.roster.rows import RowRecord, columns_for, read_row
from visitplanner.imports.roster.sheet import Sheet, Step, no_progress


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong (or worth a look) in one row of the sheet."""

    row: int
    message: str

    def __str__(self) -> str:
        return _("row {row}: {problem}").format(row=self.row, problem=self.message)


@dataclass
class PlannedPerson:
    """A person the import adds (`before` is None) or updates, and the row it comes from."""

    row: int
    after: Person
    before: Person | None = None
    delegation_name: str = ""

    @property
    def action(self) -> str:
        """ "add", "update" or "unchanged"."""
        if self.before is None:
            return "add"
        return "unchanged" if self.before == self.after else "update"


@dataclass
class ImportPlan:
    """What importing a sheet would do; applied only when the officer confirms."""

    source: str
    sheet: Sheet
    targets: list[Target | None]
    people: list[PlannedPerson] = field(default_factory=list)
    new_delegations: list[Delegation] = field(default_factory=list)
    changed_delegations: list[tuple[Delegation, Delegation]] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    unknown_roles: dict[str, list[int]] = field(default_factory=dict)
    without_delegation: list[int] = field(default_factory=list)
    rows_read: int = 0
    #: The stays the hotel column makes or moves (after, before), and the venues it makes
    #: hotels of (after, before): see imports/roster/hotels.py.
    stays: list[tuple[Stay, Stay | None]] = field(default_factory=list)
    hotels: list[tuple[Venue, Venue]] = field(default_factory=list)

    def of(self, action: str) -> list[PlannedPerson]:
        """The planned people whose action is `action`."""
        return [p for p in self.people if p.action == action]

    @property
    def ignored_columns(self) -> list[str]:
        """The headers of the columns that become nothing."""
        return [
            header or _("column {number}").format(number=index + 1)
            for index, (header, target) in enumerate(
                zip(self.sheet.headers, self.targets, strict=False)
            )
            if target is None
        ]

    @property
    def error_rows(self) -> set[int]:
        """The numbers of the rows that are wrong (left out)."""
        return {problem.row for problem in self.errors}


@dataclass(frozen=True)
class Delegations:
    """Where the rows go: one delegation for all (`fixed`), or each row's delegation column."""

    fixed: Delegation | None = None
    fixed_is_new: bool = False


def country_names(country: str) -> set[str]:
    """A delegation's country as a sheet may write it: "UA", "Ukraine", "Україна"."""
    if not country:
        return set()
    names = {country}
    code = country.strip().upper()
    for lang in LANGUAGES:
        name = babel_locale(lang).territories.get(code)
        if name:
            names.add(str(name))
    return names


def recognised_targets(sheet: Sheet) -> list[Target | None]:
    """What each column of `sheet` becomes, by its header alone."""
    return [hit.target if hit else None for hit in recognise_all(sheet.headers)]


def _keys(record: RowRecord, delegation_id: str | None) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = []
    if record.ident:
        keys.append(("id", record.ident))
    where = delegation_id or ""
    if record.family_native:
        native = (normalise(record.family_native), normalise(record.given_native))
        keys.append(("native", *native, where))
    family, given = record.derived_latin()
    if family:
        keys.append(("latin", normalise(family), normalise(given), where))
    return keys


def _person_keys(person: Person) -> list[tuple[str, ...]]:
    where = person.delegation_id or ""
    keys: list[tuple[str, ...]] = [("id", person.id)]
    if person.family_name_native:
        native = (normalise(person.family_name_native), normalise(person.given_name_native))
        keys.append(("native", *native, where))
    if person.family_name:
        latin = (normalise(person.family_name), normalise(person.given_name))
        keys.append(("latin", *latin, where))
    return keys


class _Planner:
    """Builds one plan; holds the look-up tables while it does."""

    def __init__(self, data: VisitData, plan: ImportPlan, where: Delegations) -> None:
        self.data = data
        self.plan = plan
        self.where = where
        self.existing: dict[tuple[str, ...], Person] = {}
        for person in data.people:
            for found in _person_keys(person):
                self.existing.setdefault(found, person)
        self.seen: dict[tuple[str, ...], int] = {}
        self.matched: dict[str, int] = {}
        self.taken_ids = set(data.all_ids())
        self.by_name: dict[str, Delegation] = {}
        for delegation in data.delegations:
            for text in (delegation.name.fr, delegation.name.uk, delegation.name.en):
                if text:
                    self.by_name.setdefault(normalise(text), delegation)
        countries: dict[str, list[Delegation]] = {}
        for delegation in data.delegations:
            for name in country_names(delegation.country):
                countries.setdefault(normalise(name), []).append(delegation)
        self.by_country = {k: v[0] for k, v in countries.items() if len(v) == 1}
        self.created: dict[str, Delegation] = {}
        self.next_rank: dict[str | None, int] = {}
        for person in data.people:
            current = self.next_rank.get(person.delegation_id, 0)
            self.next_rank[person.delegation_id] = max(current, person.rank)
        self.next_position = max((d.position for d in data.delegations), default=-1) + 1
        self.heads: dict[str, str] = {}
        #: The hotel column's text of each person planned, with its row.
        self.hotels: dict[str, tuple[int, str]] = {}

    def delegation_for(self, record: RowRecord, default_lang: str) -> Delegation | None:
        if self.where.fixed is not None:
            return self.where.fixed
        text = " ".join(record.delegation.split())
        if not text:
            return None
        wanted = normalise(text)
        found = self.by_name.get(wanted) or self.by_country.get(wanted) or self.created.get(wanted)
        if found is None:
            lang = record.delegation_lang or default_lang
            found = Delegation(
                name=LocalizedText().replace(lang, text), position=self.next_position
            )
            found = clean_change(None, found)
            self.next_position += 1
            self.created[wanted] = found
            self.plan.new_delegations.append(found)
        return found

    def add(self, record: RowRecord, default_lang: str) -> None:
        try:
            delegation = self.delegation_for(record, default_lang)
        except DomainError as exc:  # a delegation's name too long to be one
            record.errors.append(exc.message)
            return
        delegation_id = delegation.id if delegation else None
        keys = _keys(record, delegation_id)
        for found in keys:
            if found in self.seen:
                record.errors.append(_("the same person as row {row}").format(row=self.seen[found]))
                return
        existing = next((self.existing[k] for k in keys if k in self.existing), None)
        if existing is not None and existing.id in self.matched:
            record.errors.append(
                _("the same person as row {row}").format(row=self.matched[existing.id])
            )
            return
        if existing is None:
            ident = (
                record.ident if record.ident and record.ident not in self.taken_ids else new_id()
            )
            after = record.new_person(ident)
            before = None
        else:
            before = copy.deepcopy(existing)
            after = copy.deepcopy(existing)
            record.apply(after)
        after.delegation_id = delegation_id if delegation is not None else after.delegation_id
        try:
            # As the import's edit will clean it, so that the preview shows what is written
            # and a field too long makes this row wrong, named, before anything is written.
            after = clean_change(before, after)
        except DomainError as exc:
            record.errors.append(exc.message)
            return
        if existing is None:
            self.taken_ids.add(after.id)
        else:
            self.matched[existing.id] = record.number
        if delegation is None and existing is None:
            self.plan.without_delegation.append(record.number)
        moved = before is not None and before.delegation_id != after.delegation_id
        if "rank" not in record.attributes and (before is None or moved):
            self.next_rank[after.delegation_id] = self.next_rank.get(after.delegation_id, 0) + 1
            after.rank = self.next_rank[after.delegation_id]
        for found in _keys(record, delegation_id):
            self.seen[found] = record.number
        if record.unknown_role:
            self.plan.unknown_roles.setdefault(record.unknown_role, []).append(record.number)
        if after.role == Role.HEAD and after.delegation_id:
            self.heads.setdefault(after.delegation_id, after.id)
        name = delegation.name.get(current_language(), default_lang) if delegation else ""
        self.plan.people.append(PlannedPerson(record.number, after, before, name))
        if record.hotel:
            self.hotels[after.id] = (record.number, record.hotel)

    def set_heads(self) -> None:
        """A delegation without a head gets the first row whose role is head."""
        for delegation in self.plan.new_delegations:
            delegation.head_id = self.heads.get(delegation.id)
        for delegation in self.data.delegations:
            if delegation.head_id is None and delegation.id in self.heads:
                after = copy.deepcopy(delegation)
                after.head_id = self.heads[delegation.id]
                self.plan.changed_delegations.append((after, copy.deepcopy(delegation)))


def build_plan(
    data: VisitData,
    sheet: Sheet,
    where: Delegations,
    mapping: Mapping[int, Target | None] | None = None,
    home_lang: str | None = None,
    step: Step = no_progress,
) -> ImportPlan:
    """The plan for importing `sheet` into `data`; `mapping` overrides recognised columns."""
    found = recognise_all(sheet.headers)
    targets: list[Target | None] = [hit.target if hit else None for hit in found]
    for index, target in (mapping or {}).items():
        if 0 <= index < len(targets):
            targets[index] = target
    lang = sheet_language(found) or home_lang or data.visit.main_language
    plan = ImportPlan(source=sheet.name, sheet=sheet, targets=targets)
    if where.fixed is not None and where.fixed_is_new:
        plan.new_delegations.append(where.fixed)
    columns = columns_for(sheet.headers, targets, lang)
    planner = _Planner(data, plan, where)
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            step(done, total, _("Checking the rows"))
        record = read_row(row, columns, data.visit.tz)
        if record.blank:
            continue
        plan.rows_read += 1
        if not record.errors:
            planner.add(record, lang)
        plan.errors.extend(RowProblem(record.number, message) for message in record.errors)
        plan.warnings.extend(RowProblem(record.number, message) for message in record.warnings)
    planner.set_heads()
    hotels = plan_stays(data, {p.after.id: p.after for p in plan.people}, planner.hotels)
    plan.stays, plan.hotels = hotels.stays, hotels.hotels
    plan.warnings.extend(RowProblem(row, message) for row, message in hotels.warnings)
    return plan


def has_delegation_column(targets: list[Target | None]) -> bool:
    """Whether one of the columns names each row's delegation."""
    return any(t is not None and t.field is RosterField.DELEGATION for t in targets)
