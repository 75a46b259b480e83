"""Where flags stand and which are proposed: French usage, the visit's setting."""

from __future__ import annotations

import dataclasses

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.errors import DomainError
from visitplanner.domain.flags import FlagHonour, flags_of, line_up, proposed_flags
from visitplanner.domain.values import EventKind


@pytest.mark.parametrize(
    ("flags", "seen"),
    [
        (["FR"], ["FR"]),
        # Two: the first on the audience's right (the EU flag at the French flag's right).
        (["FR", "EU"], ["EU", "FR"]),
        # Three: the first in the centre, the second on the audience's left.
        (["FR", "UA", "EU"], ["UA", "FR", "EU"]),
        # Four or more: from the audience's left, in order.
        (["FR", "UA", "PL", "EU"], ["FR", "UA", "PL", "EU"]),
    ],
)
def test_the_flags_stand_as_french_usage_places_them(flags: list[str], seen: list[str]) -> None:
    assert line_up(flags) == seen


def test_the_flags_are_proposed_from_the_delegations_and_the_visit_s_setting() -> None:
    data = build_demo()
    assert proposed_flags(data) == ("FR", "UA", "EU")
    assert proposed_flags(data, FlagHonour.GUEST) == ("UA", "FR", "EU")
    host = next(d for d in data.delegations if d.country == "FR")
    host.country = "CH"  # a host outside the European Union flies no EU flag
    assert proposed_flags(data) == ("CH", "UA")


def test_only_ceremonies_and_meals_fly_flags_and_their_own_list_wins() -> None:
    data = build_demo()
    for event in data.events:
        flies = event.kind in (EventKind.CEREMONY, EventKind.MEAL)
        assert bool(flags_of(data, event)) is flies, event.title.fr
    ceremony = next(e for e in data.events if e.kind is EventKind.CEREMONY)
    ceremony.flags = ("UA", "FR")
    assert flags_of(data, ceremony) == ("UA", "FR")


@pytest.mark.parametrize("flags", [("FR", "FR"), ("fr",), ("FRA",)])
def test_a_flag_is_two_capitals_listed_once(flags: tuple[str, ...]) -> None:
    event = build_demo().events[0]
    with pytest.raises(DomainError):
        dataclasses.replace(event, flags=flags)
