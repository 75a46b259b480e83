"""`version` and `changes` give the very same bytes as before they were made faster:
on the demo and on a small summit, along a fixed story of edits and versions
(tests/versions_scenario.py), every version's frozen programme and every changes text
(in each language) and JSON is compared with what the code gave before (SHA-256)."""

from __future__ import annotations

import hashlib

import pytest

from tests.versions_scenario import all_outputs

#: What the code gave before `version` and `changes` were sped up (2026-12-06): the
#: SHA-256 (its first 96 bits) of each version's programme text and of each output.
#: The programmes' digests were taken again when the JSON format went from version 4
#: to 5: with the format version set back to 4 they give the earlier digests exactly;
#: and again at each later format that added data programme versions leave out: 6 (the
#: car plan), 7 (the gifts), 8 (emergency contacts), 11 (forms of address, flags, gift
#: times), 10, 12, 13 and 14, the same way.
#: Taken again with the rooming (format 10): a person no longer holds a hotel text, the
#: summit has 12 hotels and 3,000 stays (whose ids the seeded generator draws, so the
#: events added later get other ids: the JSON changes name them).
#: The demo's versions again when its arrival times became the landing at Charles de
#: Gaulle (12:00 Paris time, as the person editor asks), no longer the take-off.
#: Again at format 9: the programmes hold vehicles' names (and the demo's, people's
#: details) as a version per language; the changes texts date their versions to the
#: minute in the long form ("3 травня 2026 р., 11:30", not "3 трав. 2026 р., 11:30:00"),
#: their first line alone differing from before.
#: Again at format 15: the programmes hold events' notes (and venues' security notes) as a
#: version per language; the changes texts are unchanged.
EXPECTED: dict[str, str] = {
    "demo version 1": "016bb9bbf79bf19bedb5b46a",
    "demo version 2": "88e59bcc4fce8452ba37cfe7",
    "demo version 3": "6e38f4c05cdaac96bb616a61",
    "demo changes since None to None fr": "cee35adb8f09325b1cc45711",
    "demo changes since None to None en": "5c0e347cd5a502f8e2f0e92e",
    "demo changes since None to None uk": "5dd150c398753fa60f8fbfe2",
    "demo changes since None to None json": "d343c628b8ee64bc9d049990",
    "demo changes since 1 to None fr": "39770996cbd1c4e7b213d404",
    "demo changes since 1 to None en": "1c69072d160cb954e1e75f79",
    "demo changes since 1 to None uk": "63eae0f0935e3d550dec948a",
    "demo changes since 1 to None json": "22319def628e13bc516ca259",
    "demo changes since 1 to 2 fr": "f92ca74ea034650e661a614c",
    "demo changes since 1 to 2 en": "a9d6223826c658c72509ba94",
    "demo changes since 1 to 2 uk": "c48ead7a9488bfd3230baa3c",
    "demo changes since 1 to 2 json": "8b5f1e5ce6e0056b5d16a868",
    "demo changes since 2 to 3 fr": "4152ba3c1aa9803c9a9e9452",
    "demo changes since 2 to 3 en": "5bd363d888020a228c5988eb",
    "demo changes since 2 to 3 uk": "5f6cdd5462fd19b3acf9b839",
    "demo changes since 2 to 3 json": "550daa90763b2eff1e12bb39",
    "summit version 1": "9474a8e66ae0f789c1177970",
    "summit version 2": "bb08b82ae2b66edd942b71b3",
    "summit version 3": "9defd0b41c0134f48e90d646",
    "summit changes since None to None fr": "5c062ff5cb3c9cb847272c8d",
    "summit changes since None to None en": "8429956a0e08d3d7c34004cf",
    "summit changes since None to None uk": "9729b058304029efc61ae778",
    "summit changes since None to None json": "af1c07abb46cc2af4571a036",
    "summit changes since 1 to None fr": "717dd506af5830bdc69d12fc",
    "summit changes since 1 to None en": "958cde33db4e5daf55cb11b2",
    "summit changes since 1 to None uk": "85c254ce94a50cf1931d3aed",
    "summit changes since 1 to None json": "8dbb8eab86378aa1a81737a7",
    "summit changes since 1 to 2 fr": "cd949d697a0b72c698281dd3",
    "summit changes since 1 to 2 en": "18dc2b13bf61ac0f07ced7ee",
    "summit changes since 1 to 2 uk": "7f84094f506db3b9684bc3d3",
    "summit changes since 1 to 2 json": "f48b51e07744bf026c25b41a",
    "summit changes since 2 to 3 fr": "fa6104ba0113d541b4a90f9c",
    "summit changes since 2 to 3 en": "1829a58189bb8c89a161b839",
    "summit changes since 2 to 3 uk": "9d7a65531f9a8af1a476c990",
    "summit changes since 2 to 3 json": "5110d32b5cabfd1e4a9d2f22",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return all_outputs(tmp_path_factory.mktemp("versions"))


def _digest(key: str, value: str) -> str:
    """The first 96 bits of the SHA-256 (a version's programme is given as its digest)."""
    digest = value if " version " in key else hashlib.sha256(value.encode()).hexdigest()
    return digest[:24]


def test_the_story_gives_every_output_it_gave_before(outputs: dict[str, str]) -> None:
    assert sorted(outputs) == sorted(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_output_is_the_same_bytes_as_before(outputs: dict[str, str], key: str) -> None:
    assert _digest(key, outputs[key]) == EXPECTED[key], f"{key} differs from what it was"


def test_the_story_is_worth_comparing(outputs: dict[str, str]) -> None:
    """Moves, renames, people added and taken off, events added and taken out."""
    text = outputs["demo changes since 1 to None en"]
    for heading in ("Events added:", "Events moved:", "Events renamed:", "Participants:"):
        assert heading in text
    assert "Events taken out of the programme:" in outputs["summit changes since 1 to None en"]
