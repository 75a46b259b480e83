"""France's official order of precedence (décret n° 89-655 du 13 septembre 1989) as data.

The décret lists the authorities who attend public ceremonies in the order they take
rank: in Paris (article 2, the national order) and in the other départements (article
3). Each consolidated version is one TOML file in `visitplanner/resources/precedence/`
saying which text and version it follows; a newer version is another file, no code.
A visit uses the latest version unless it names one (`Visit.decree_version`).

A French authority is given a position in one of the lists (`DecreePosition` on the
person); the merged order of precedence (`domain.precedence`) ranks authorities by it.
Each position also carries the protocol grade at which a foreign guest is compared with
it: that grade is VisitPlanner's reading, not the décret's, and never rises down a list.

Loading checks a file whole (ids unique in a list, ranks from 1 and never going back,
grades never rising, the three labels) and names the file and the entry at fault.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any, Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.values import Grade, LocalizedText
from visitplanner.i18n import N_, _, ngettext


class DecreeList(StrEnum):
    """Which list of the décret a position belongs to."""

    #: Article 2: public ceremonies in Paris.
    NATIONAL = "national"
    #: Article 3: public ceremonies in the other départements.
    DEPARTEMENT = "departement"


#: How each list is named to the officer.
LIST_NAMES: Final = {
    DecreeList.NATIONAL: N_("Paris (art. 2)"),
    DecreeList.DEPARTEMENT: N_("département (art. 3)"),
}


class GuestPlacement(StrEnum):
    """Where the guests of a visiting delegation stand against host authorities of
    equal grade (a setting of the visit).

    - `AFTER_HOST` (the default): the host authority first, the visiting delegation's
      people immediately after (the guest head right after the host of equal grade).
    - `GUEST_FIRST`: French courtesy, the guest before the host of equal grade (the
      rule VisitPlanner always applied before the décret's positions; a visit file made
      before this setting keeps it).

    Either way, grade decides first: a guest minister precedes a host director.
    """

    AFTER_HOST = "after_host"
    GUEST_FIRST = "guest_first"


#: How each rule is named to the officer.
PLACEMENT_NAMES: Final = {
    GuestPlacement.AFTER_HOST: N_("the guest after the host of equal grade"),
    GuestPlacement.GUEST_FIRST: N_("the guest before the host of equal grade (courtesy)"),
}


@dataclass(frozen=True, slots=True)
class DecreePosition:
    """A person's position in the décret: which list, and the position's id in it."""

    list: DecreeList
    id: str

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise DomainError(_("a position in the décret needs its id"))


@dataclass(frozen=True, slots=True)
class Position:
    """One position of a list: its stable id, the décret's number, labels and grade."""

    id: str
    rank: int
    grade: Grade
    label: LocalizedText
    #: False for a position this file does not have from the text of its version (an
    #: older text, a reading to confirm): shown as such wherever it is offered.
    checked: bool = True


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one of the décret's lists a data file holds: its last number, the
    numbers it leaves out, and whether the décret goes on after its last."""

    last: int
    missing: tuple[int, ...] = ()
    continues: bool = False


@dataclass(frozen=True)
class Decree:
    """One consolidated version of the décret: what it is, and its two lists in order."""

    title: str
    reference: str
    version: str
    source: str
    lists: Mapping[DecreeList, tuple[Position, ...]]
    file: str = ""
    #: What the file holds of each list (numbers left out, more after the last).
    coverage: Mapping[DecreeList, Coverage] = field(default_factory=dict)
    _by_id: dict[tuple[DecreeList, str], Position] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for kind, positions in self.lists.items():
            for position in positions:
                self._by_id[kind, position.id] = position

    def position(self, at: DecreePosition | None) -> Position | None:
        """The position `at` names, or None (no position, or none by that id here)."""
        if at is None:
            return None
        return self._by_id.get((at.list, at.id))

    def positions(self, kind: DecreeList) -> tuple[Position, ...]:
        """The positions of list `kind`, in the décret's order."""
        return self.lists.get(kind, ())

    def unchecked(self) -> int:
        """How many positions this file does not have from the text of its version."""
        return sum(not p.checked for positions in self.lists.values() for p in positions)


_FOLDER: Final = "precedence"
_LABELS: Final = ("fr", "uk", "en")


def _broken(name: str, where: str, problem: str) -> DomainError:
    return DomainError(
        _("the order of precedence {file} cannot be read: {where}: {problem}").format(
            file=name, where=where, problem=problem
        )
    )


def _text(entry: Mapping[str, Any], key: str, name: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _broken(name, where, _("“{key}” is missing or empty").format(key=key))
    return value


def _positions(items: object, kind: DecreeList, name: str) -> tuple[Position, ...]:
    if not isinstance(items, list) or not items:
        raise _broken(name, kind.value, _("the list is missing or empty"))
    found: list[Position] = []
    seen: set[str] = set()
    for number, entry in enumerate(items, start=1):
        where = f"{kind.value}[{number}]"
        if not isinstance(entry, dict):
            raise _broken(name, where, _("an entry must be a table"))
        ident = _text(entry, "id", name, where)
        where = f"{kind.value}[{number}] {ident}"
        if ident in seen:
            raise _broken(name, where, _("the id is given twice in the list"))
        seen.add(ident)
        rank = entry.get("rank")
        if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
            raise _broken(name, where, _("the rank must be a whole number from 1"))
        try:
            grade = Grade(str(entry.get("grade")))
        except ValueError:
            raise _broken(
                name, where, _("unknown grade {grade!r}").format(grade=entry.get("grade"))
            ) from None
        if found and rank < found[-1].rank:
            raise _broken(
                name,
                where,
                _("rank {rank} comes after rank {previous}: the list must be in order").format(
                    rank=rank, previous=found[-1].rank
                ),
            )
        if found and grade.order < found[-1].grade.order:
            raise _broken(
                name,
                where,
                _("its grade is higher than the position before it ({previous})").format(
                    previous=found[-1].id
                ),
            )
        label = LocalizedText(**{lang: _text(entry, lang, name, where) for lang in _LABELS})
        checked = entry.get("checked", True)
        if not isinstance(checked, bool):
            raise _broken(name, where, _("“checked” must be true or false"))
        found.append(Position(ident, rank, grade, label, checked))
    return tuple(found)


def _numbers(value: object, name: str, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value
    ):
        raise _broken(name, where, _("a list of whole numbers from 1 is expected"))
    return tuple(sorted(set(value)))


def _coverage(
    top: Mapping[str, Any], kind: DecreeList, positions: tuple[Position, ...], name: str
) -> Coverage:
    """What the file says it holds of list `kind`; every number it skips must be declared
    (a number dropped by a slip would otherwise go unnoticed), none it lists."""
    key = f"{kind.value}_missing"
    missing = _numbers(top.get(key, []), name, key)
    listed = {p.rank for p in positions}
    last = max(listed)
    skipped = tuple(n for n in range(1, last) if n not in listed)
    if undeclared := sorted(set(skipped) - set(missing)):
        raise _broken(
            name,
            kind.value,
            _("numbers {numbers} are neither listed nor declared in “{key}”").format(
                numbers=", ".join(map(str, undeclared)), key=key
            ),
        )
    if wrong := [n for n in missing if n in listed or n > last]:
        raise _broken(
            name,
            key,
            _(
                "numbers {numbers} are declared missing but are listed or come after the last"
            ).format(numbers=", ".join(map(str, wrong))),
        )
    continues = top.get(f"{kind.value}_continues", False)
    if not isinstance(continues, bool):
        raise _broken(name, f"{kind.value}_continues", _("true or false is expected"))
    return Coverage(last, missing, continues)


def parse_decree(text: str, name: str) -> Decree:
    """The décret a data file's `text` holds (`name` says which file in messages).

    Raises DomainError naming the file and the entry at fault.
    """
    try:
        top = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _broken(name, _("the file"), str(error)) from None

    def head(key: str) -> str:
        return _text(top, key, name, _("the header"))

    lists = {kind: _positions(top.get(kind.value), kind, name) for kind in DecreeList}
    return Decree(
        title=head("title"),
        reference=head("reference"),
        version=head("version"),
        source=head("source"),
        lists=lists,
        file=name,
        coverage={kind: _coverage(top, kind, lists[kind], name) for kind in DecreeList},
    )


def load_versions(files: Sequence[tuple[str, str]]) -> tuple[Decree, ...]:
    """The versions `files` (name, text) hold, oldest first; two files of one version
    are refused."""
    decrees = sorted((parse_decree(text, name) for name, text in files), key=lambda d: d.version)
    for before, after in itertools.pairwise(decrees):
        if before.version == after.version:
            raise _broken(
                after.file,
                _("the header"),
                _("version {version} is also in {other}").format(
                    version=after.version, other=before.file
                ),
            )
    return tuple(decrees)


@functools.cache
def decree_versions() -> tuple[Decree, ...]:
    """Every version shipped with VisitPlanner, oldest first (read once)."""
    folder = resources.files("visitplanner") / "resources" / _FOLDER
    files = [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    if not files:
        raise DomainError(_("no order of precedence is installed with VisitPlanner"))
    return load_versions(files)


def decree_for(version: str = "") -> Decree:
    """The version `version` of the décret ("" is the latest)."""
    versions = decree_versions()
    if not version:
        return versions[-1]
    for decree in versions:
        if decree.version == version:
            return decree
    raise DomainError(
        _("no order of precedence of version {version} (known: {known})").format(
            version=version, known=", ".join(d.version for d in versions)
        )
    )


def position_label(decree: Decree, at: DecreePosition | None, lang: str) -> str:
    """How a person's position reads in `lang` ("" for none; the id if this version
    lacks it)."""
    if at is None:
        return ""
    position = decree.position(at)
    return at.id if position is None else position.label.get(lang)


def _runs(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5 -> "1–3, 5"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def coverage_lines(decree: Decree) -> list[str]:
    """What this version's file holds of each list, in the interface's language: the
    officer knows which positions to look up in the décret itself."""
    lines = []
    for kind in DecreeList:
        cover = decree.coverage.get(kind)
        if cover is None:
            continue
        line = _("{list}: numbers 1 to {last}").format(list=_(LIST_NAMES[kind]), last=cover.last)
        if cover.missing:
            line += _(", except {numbers} (not in this file)").format(numbers=_runs(cover.missing))
        if cover.continues:
            line += _("; the décret goes on after number {last}").format(last=cover.last)
        lines.append(line + ".")
    if count := decree.unchecked():
        lines.append(
            ngettext(
                "{count} position is not yet checked against the text of {version}: marked “to "
                "check”.",
                "{count} positions are not yet checked against the text of {version}: marked “to "
                "check”.",
                count,
            ).format(count=count, version=decree.version)
        )
    return lines
