"""The rooming use cases: the lists of the hotels, written as XLSX or PDF, compared with
the lists last sent, and remembered as sent when the officer sends them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Venue, VisitData
from visitplanner.domain.rooming import Stay, fold
from visitplanner.domain.rooming_list import (
    RoomingList,
    SentList,
    compare,
    pick_sent,
    rooming_language,
    rooming_rows,
)
from visitplanner.domain.values import Profile
from visitplanner.exports.files import write_private
from visitplanner.exports.rooming import billing_labels, rooming_pdf, rooming_xlsx, sheet_of
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.storage.journal import EntityChange


@dataclass(frozen=True, slots=True)
class RoomingExport:
    """What an export wrote: each hotel's list (with its changes, if compared)."""

    lists: list[RoomingList]

    @property
    def stay_count(self) -> int:
        """The stays listed (rows removed since the list sent left out)."""
        return sum(1 for r in self.lists for row in r.rows if row.change != "removed")


def hotels_of(data: VisitData, wanted: str | None = None) -> list[Venue]:
    """The visit's hotels by name, or the one `wanted` names (its id, or a name in any
    language, case and accents aside); an InputError naming the hotels there are."""
    hotels = sorted(
        (v for v in data.venues if v.hotel),
        key=lambda v: fold(v.name.get(data.visit.main_language)),
    )
    if wanted is None:
        return hotels
    key = fold(wanted.strip())
    found = [
        v
        for v in hotels
        if v.id == wanted.strip() or key in {fold(n) for n in v.name.to_dict().values()}
    ]
    if len(found) != 1:
        names = ", ".join(v.name.get(data.visit.main_language) for v in hotels) or _("none")
        raise InputError(
            _("no hotel named “{name}” in the visit (its hotels: {hotels})").format(
                name=wanted, hotels=names
            )
        )
    return found


def rooming_lists(
    data: VisitData,
    sent: list[SentList],
    profile: Profile = Profile.SHAREABLE,
    hotel: str | None = None,
    since: str | None = None,
    compared: bool = True,
) -> list[RoomingList]:
    """Each hotel's list (or `hotel`'s), in its language, compared with the list last sent
    (or the one `since` names: a number, or a day YYYY-MM-DD) unless `compared` is false."""
    people = {p.id: p for p in data.people}
    by_hotel: dict[str, list[Stay]] = {}
    for stay in data.stays:
        by_hotel.setdefault(stay.hotel_id, []).append(stay)
    found = []
    for venue in hotels_of(data, hotel):
        lang = rooming_language(venue)
        labels = billing_labels(profile, lang)
        rows = rooming_rows(data, venue, lang, labels, people, by_hotel.get(venue.id, []))
        mine = [s for s in sent if s.hotel_id == venue.id]
        try:
            earlier = pick_sent(mine, since) if compared else None
        except ValueError as exc:
            raise InputError(
                _("--since: “{since}” is neither a list number nor a day (YYYY-MM-DD)").format(
                    since=since
                )
            ) from exc
        found.append(RoomingList(venue, lang, compare(rows, earlier), earlier))
    return found


def check_rooming_output(out: Path) -> str:
    """The kind of file `out` asks for, ".xlsx" or ".pdf"; an InputError otherwise."""
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InputError(
            _("{path}: a rooming list is written as .xlsx or .pdf").format(path=out.name)
        )
    return suffix


def write_rooming(data: VisitData, lists: list[RoomingList], out: Path, profile: Profile) -> None:
    """Write `lists` to `out` (XLSX or PDF by its suffix), readable by its owner only."""
    suffix = check_rooming_output(out)
    sheets = [sheet_of(data, rooming, profile) for rooming in lists]
    payload = rooming_xlsx(sheets) if suffix == ".xlsx" else rooming_pdf(data, sheets, profile)
    write_private(out, payload)


def mark_sent(session: VisitSession, lists: list[RoomingList], now: datetime | None = None) -> None:
    """Remember `lists` as sent to their hotels now (journaled, not undone)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    before = session.repository.load_rooming_sent()
    made = []
    for rooming in lists:
        number = max((s.number for s in before if s.hotel_id == rooming.hotel.id), default=0) + 1
        rows = tuple(r for r in rooming.rows if r.change != "removed")
        made.append(SentList(rooming.hotel.id, number, moment, rows))

    def write(repo: object) -> None:
        for sent in made:
            session.repository.save_rooming_sent(sent)

    summary = [EntityChange("rooming_sent", s.hotel_id, None, {"rows": len(s.rows)}) for s in made]
    session.record(_("Remember the rooming lists sent"), write, [("rooming", "sent")], summary)


def export_rooming(
    path: Path,
    out: Path,
    profile: Profile = Profile.SHAREABLE,
    hotel: str | None = None,
    since: str | None = None,
    sent: bool = False,
) -> RoomingExport:
    """Write the rooming lists of the visit at `path` to `out`; with `sent`, remember them
    as sent (the only case the visit file is written)."""
    check_rooming_output(out)
    session = VisitSession.open(path, read_only=not sent)
    try:
        data = session.data
        lists = rooming_lists(data, session.repository.load_rooming_sent(), profile, hotel, since)
        write_rooming(data, lists, out, profile)
        if sent:
            mark_sent(session, lists)
    finally:
        session.close()
    return RoomingExport(lists)
