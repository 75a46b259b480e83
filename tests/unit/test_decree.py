"""The décret's order of precedence: its data, the merged order it gives, the guests'
placement by the visit's rule, and the check of positions against typed grades."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.protocol_factories import by_name, person, protocol_visit
from visitplanner.domain.checks import CheckIndex, FindingKind, check_plan
from visitplanner.domain.decree import (
    DecreeList,
    DecreePosition,
    GuestPlacement,
    coverage_lines,
    decree_for,
    decree_versions,
    load_versions,
    parse_decree,
)
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.precedence import merged_order, precedence_key
from visitplanner.domain.precedence_checks import precedence_findings
from visitplanner.domain.values import Grade

DATA = Path(__file__).parents[2] / "visitplanner" / "resources" / "precedence"
LATEST = decree_for("")


def _at(ident: str, kind: DecreeList = DecreeList.NATIONAL) -> DecreePosition:
    return DecreePosition(kind, ident)


# --- the data --------------------------------------------------------------------------


def test_the_shipped_data_says_which_text_and_version_it_follows() -> None:
    assert LATEST.version == "2024-03-01"
    assert "89-655" in LATEST.title and LATEST.reference.startswith("NOR")
    assert LATEST.source.startswith("https://www.legifrance.gouv.fr/")
    national = [p.id for p in LATEST.positions(DecreeList.NATIONAL)]
    assert national[:4] == [
        "president-de-la-republique",
        "premier-ministre",
        "president-du-senat",
        "president-de-l-assemblee-nationale",
    ]
    assert national.index("prefet-de-police") < national.index("maire-de-paris")
    first = LATEST.positions(DecreeList.DEPARTEMENT)[0]
    assert (first.id, first.rank) == ("prefet", 1)
    for kind in DecreeList:
        for position in LATEST.positions(kind):
            assert all(position.label.has(lang) for lang in ("fr", "uk", "en"))


def test_several_authorities_may_share_one_rank_of_the_decree() -> None:
    ranks = [p.rank for p in LATEST.positions(DecreeList.NATIONAL)]
    assert ranks == sorted(ranks) and len(set(ranks)) < len(ranks)
    assert LATEST.position(_at("gouverneur-militaire-de-paris")).rank == 27  # type: ignore[union-attr]


def test_every_number_a_list_skips_is_declared_and_said_to_the_officer() -> None:
    """The file holds article 2 but for its numbers 29 to 32, and neither article to its
    end: the loader knows it (a number dropped by a slip is refused) and the officer
    reads it where positions are chosen."""
    ranks = {p.rank for p in LATEST.positions(DecreeList.NATIONAL)}
    assert set(range(1, max(ranks) + 1)) - ranks == {29, 30, 31, 32}
    paris = LATEST.coverage[DecreeList.NATIONAL]
    assert (paris.last, paris.missing, paris.continues) == (35, (29, 30, 31, 32), True)
    ranks = {p.rank for p in LATEST.positions(DecreeList.DEPARTEMENT)}
    assert sorted(ranks) == list(range(1, 18))
    assert LATEST.coverage[DecreeList.DEPARTEMENT].continues
    assert coverage_lines(LATEST)[:2] == [
        "Paris (art. 2): numbers 1 to 35, except 29–32 (not in this file); the décret goes "
        "on after number 35.",
        "département (art. 3): numbers 1 to 17; the décret goes on after number 17.",
    ]


def test_positions_not_read_from_the_versions_text_are_marked_to_check() -> None:
    unchecked = {
        (kind, p.rank) for kind in DecreeList for p in LATEST.positions(kind) if not p.checked
    }
    # Article 2 was read from older texts beyond its 8th number; article 3's numbers 12
    # to 17 from a reading older than 2015.
    assert {r for k, r in unchecked if k is DecreeList.NATIONAL} == set(range(9, 29)) | {
        33,
        34,
        35,
    }
    assert {r for k, r in unchecked if k is DecreeList.DEPARTEMENT} == set(range(12, 18))
    assert LATEST.position(_at("premier-ministre")).checked  # type: ignore[union-attr]
    assert coverage_lines(LATEST)[2] == (
        f"{LATEST.unchecked()} positions are not yet checked against the text of 2024-03-01: "
        "marked “to check”."
    )


def _shipped() -> str:
    return next(DATA.glob("*.toml")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('id = "premier-ministre"', 'id = "president-de-la-republique"'),
            "national[2] president-de-la-republique: the id is given twice in the list",
        ),
        (
            lambda t: t.replace("rank = 3\n", "rank = 1\n", 1),
            "national[3] president-du-senat: rank 1 comes after rank 2",
        ),
        (
            lambda t: t.replace('grade = "head_of_state"', 'grade = "emperor"'),
            "national[1] president-de-la-republique: unknown grade 'emperor'",
        ),
        (
            lambda t: t.replace('grade = "senior_official"', 'grade = "head_of_state"', 1),
            "its grade is higher than the position before it (chef-d-etat-major-des-armees)",
        ),
        (
            lambda t: t.replace('uk = "Префект поліції"\n', ""),
            "national[21] prefet-de-police: “uk” is missing or empty",
        ),
        (lambda t: t.replace('version = "2024-03-01"', ""), "the header: “version” is missing"),
        (lambda t: t.replace("[[national]]", "[[national]"), "the file: "),
        (
            lambda t: t.replace(
                "national_missing = [29, 30, 31, 32]", "national_missing = [29, 30]"
            ),
            "national: numbers 31, 32 are neither listed nor declared in “national_missing”",
        ),
        (
            lambda t: t.replace(
                "national_missing = [29, 30, 31, 32]", "national_missing = [3, 29, 30, 31, 32, 40]"
            ),
            "national_missing: numbers 3, 40 are declared missing but are listed or come after",
        ),
        (
            lambda t: t.replace(
                "national_missing = [29, 30, 31, 32]", 'national_missing = "29-32"'
            ),
            "national_missing: a list of whole numbers from 1 is expected",
        ),
        (
            lambda t: t.replace("\nchecked = false", '\nchecked = "no"', 1),
            "national[9] ",
        ),
    ],
)
def test_a_broken_data_file_is_refused_naming_the_file_and_the_entry(
    change: object, message: str
) -> None:
    text = change(_shipped())  # type: ignore[operator]
    with pytest.raises(DomainError) as caught:
        parse_decree(text, "decret-broken.toml")
    shown = str(caught.value)
    assert shown.startswith("the order of precedence decret-broken.toml cannot be read: ")
    assert message in shown


def test_a_newer_version_is_another_file_and_becomes_the_default() -> None:
    newer = _shipped().replace('version = "2024-03-01"', 'version = "2026-01-01"')
    versions = load_versions([("b.toml", newer), ("a.toml", _shipped())])
    assert [d.version for d in versions] == ["2024-03-01", "2026-01-01"]
    with pytest.raises(DomainError, match="version 2024-03-01 is also in"):
        load_versions([("a.toml", _shipped()), ("b.toml", _shipped())])


def test_a_visit_chooses_its_version_and_an_unknown_one_is_named() -> None:
    assert decree_for("2024-03-01") is decree_for("") is decree_versions()[-1]
    with pytest.raises(DomainError, match=re.escape("no order of precedence of version 1989")):
        decree_for("1989")


# --- the merged order ------------------------------------------------------------------


def _authority(data: VisitData, name: str, ident: str, grade: Grade, kind: DecreeList) -> Person:
    someone = person(name, None, grade, 1)
    someone.precedence_position = _at(ident, kind)
    data.people.append(someone)
    return someone


def _names(data: VisitData, without: tuple[str, ...] = ()) -> list[str]:
    order = merged_order(data, [p.id for p in data.people])
    return [p.family_name for p in order if p.family_name not in without]


def test_among_authorities_the_decree_decides_whatever_grade_was_typed() -> None:
    data = protocol_visit(0, 0)
    _authority(data, "Prefete", "prefet-de-police", Grade.MINISTER, DecreeList.NATIONAL)
    _authority(data, "Maire", "maire-de-paris", Grade.HEAD_OF_STATE, DecreeList.NATIONAL)
    _authority(data, "Ministre", "gouvernement", Grade.DIRECTOR, DecreeList.NATIONAL)
    _authority(
        data, "Gouverneur", "gouverneur-militaire-de-paris", Grade.MINISTER, DecreeList.NATIONAL
    )
    assert _names(data, ("G1", "H1")) == ["Ministre", "Prefete", "Maire", "Gouverneur"]


def test_at_one_rank_of_the_decree_the_typed_grade_then_the_rank_decide() -> None:
    data = protocol_visit(0, 0)
    _authority(data, "Delegue", "gouvernement", Grade.MINISTER_DELEGATE, DecreeList.NATIONAL)
    _authority(data, "Ministre", "gouvernement", Grade.MINISTER, DecreeList.NATIONAL)
    assert _names(data, ("G1", "H1")) == ["Ministre", "Delegue"]


#: (rule, the guest minister's place against a host minister placed by the décret,
#:  a host minister by typed grade).
GUEST_RULES = [
    (GuestPlacement.AFTER_HOST, ["Ministre", "G1", "H1", "H2", "G2"]),
    (GuestPlacement.GUEST_FIRST, ["G1", "Ministre", "G2", "H1", "H2"]),
]


@pytest.mark.parametrize(("rule", "expected"), GUEST_RULES)
def test_the_guest_head_stands_by_the_visits_rule_against_the_host_of_equal_grade(
    rule: GuestPlacement, expected: list[str]
) -> None:
    data = protocol_visit(2, 2, rule=rule)
    by_name(data, "H1").grade = Grade.DEPUTY_MINISTER  # H2 is one too: the rank decides
    _authority(data, "Ministre", "gouvernement", Grade.MINISTER, DecreeList.NATIONAL)
    assert _names(data) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (GuestPlacement.AFTER_HOST, ["H1", "G1", "H2", "G2"]),
        (GuestPlacement.GUEST_FIRST, ["G1", "H1", "G2", "H2"]),
    ],
)
def test_without_positions_the_rule_orders_the_sides_at_equal_grade(
    rule: GuestPlacement, expected: list[str]
) -> None:
    data = protocol_visit(2, 2, rule=rule)
    by_name(data, "H1").grade = Grade.MINISTER
    assert _names(data) == expected


def test_a_position_places_an_authority_against_a_guest_at_the_positions_grade() -> None:
    data = protocol_visit(2, 1, rule=GuestPlacement.AFTER_HOST)
    # A préfète typed "minister" is compared as the décret's préfet (a senior official):
    # after the guest deputy minister G2, before nobody of higher grade.
    _authority(data, "Prefete", "prefet", Grade.MINISTER, DecreeList.DEPARTEMENT)
    assert _names(data) == ["G1", "H1", "G2", "Prefete"]


def test_an_unknown_position_ranks_by_the_typed_grade() -> None:
    data = protocol_visit(1, 0)
    _authority(data, "Inconnu", "poste-inconnu", Grade.HEAD_OF_STATE, DecreeList.NATIONAL)
    assert _names(data, ("H1",)) == ["Inconnu", "G1"]


_POSITIONS = [(kind, position.id) for kind in DecreeList for position in LATEST.positions(kind)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_POSITIONS) | st.none(),
            st.sampled_from(Grade),
            st.sampled_from(["guest", "host", "none"]),
            st.integers(1, 5),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(GuestPlacement),
)
def test_the_merged_order_is_total_and_keeps_the_decrees_ranks(
    people: list[tuple[tuple[DecreeList, str] | None, Grade, str, int]], rule: GuestPlacement
) -> None:
    data = protocol_visit(0, 0, rule=rule)
    guest, host = data.delegations
    for number, (at, grade, side, rank) in enumerate(people):
        delegation = {"guest": guest, "host": host, "none": None}[side]
        someone = person(f"P{number}", delegation, grade, rank)
        someone.precedence_position = None if at is None else _at(at[1], at[0])
        data.people.append(someone)
    order = merged_order(data, [p.id for p in reversed(data.people)])
    assert order == merged_order(data, [p.id for p in data.people])  # total: input order aside
    keys = [precedence_key(p, {d.id: d for d in data.delegations}, rule) for p in order]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for kind in DecreeList:
        ranks = [
            LATEST.position(p.precedence_position).rank  # type: ignore[union-attr]
            for p in order
            if p.precedence_position is not None and p.precedence_position.list is kind
        ]
        assert ranks == sorted(ranks)


# --- the check -------------------------------------------------------------------------


def _findings(data: VisitData) -> list[str]:
    return [f.message for f in precedence_findings(CheckIndex(data))]


def test_a_prefect_typed_above_a_minister_is_named_with_both() -> None:
    data = protocol_visit(0, 0)
    minister = _authority(data, "Ministre", "gouvernement", Grade.MINISTER, DecreeList.NATIONAL)
    prefect = _authority(
        data, "Prefete", "prefet-de-police", Grade.HEAD_OF_GOVERNMENT, DecreeList.NATIONAL
    )
    found = list(precedence_findings(CheckIndex(data)))
    assert {f.kind for f in found} == {FindingKind.PRECEDENCE_CONTRADICTION}
    messages = [f.message for f in found]
    assert (
        "P Prefete is typed “head of government”, above the décret's position "
        "“The Prefect of Police” (compared as “senior official”)"
    ) in messages
    assert (
        "P Prefete (The Prefect of Police) is typed “head of government”, above M Ministre "
        "(The Government, in the order set by the President of the Republic, typed "
        "“minister”), whom the décret places first"
    ) in messages
    pair = next(f for f in found if len(f.person_ids) == 2)
    assert pair.person_ids == (prefect.id, minister.id)


def test_a_grade_typed_at_or_below_the_position_and_the_order_is_not_flagged() -> None:
    data = protocol_visit(0, 0)
    _authority(data, "Ministre", "gouvernement", Grade.MINISTER_DELEGATE, DecreeList.NATIONAL)
    _authority(data, "Prefete", "prefet-de-police", Grade.SENIOR_OFFICIAL, DecreeList.NATIONAL)
    _authority(data, "Maire", "maire-de-paris", Grade.DIRECTOR, DecreeList.NATIONAL)
    _authority(data, "Prefet", "prefet", Grade.MINISTER_DELEGATE, DecreeList.DEPARTEMENT)
    # Another list is another order: the préfet of a département is not compared with
    # the Paris order, but typed above his own position he is named.
    assert _findings(data) == [
        "P Prefet is typed “minister delegate”, above the décret's position “The Prefect, "
        "representative of the State in the département or territory” (compared as "
        "“senior official”)"
    ]


def test_a_position_unknown_to_the_visits_version_is_named() -> None:
    data = protocol_visit(0, 0)
    _authority(data, "Inconnu", "poste-inconnu", Grade.DIRECTOR, DecreeList.NATIONAL)
    assert _findings(data) == [
        "I Inconnu holds the position “poste-inconnu”, which the décret of 2024-03-01 does "
        "not list: the order of precedence ranks them by their typed grade"
    ]


def test_the_demo_has_no_contradiction_and_the_plan_checks_run_it() -> None:
    from visitplanner.demo import build_demo

    demo = build_demo()
    assert _findings(demo) == []
    rufo = next(p for p in demo.people if p.family_name == "Rufo")
    rufo.grade = Grade.HEAD_OF_STATE
    kinds = [f.kind for f in check_plan(demo)]
    assert FindingKind.PRECEDENCE_CONTRADICTION in kinds
