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
#: The demo's versions again when its arrival times became the landing at Charles de
#: Gaulle (12:00 Paris time, as the person editor asks), no longer the take-off.
#: Again at format 9: the programmes hold vehicles' names (and the demo's, people's
#: details) as a version per language; the changes texts date their versions to the
#: minute in the long form ("3 травня 2026 р., 11:30", not "3 трав. 2026 р., 11:30:00"),
#: their first line alone differing from before.
#: Again at format 15: the programmes hold events' notes (and venues' security notes) as a
#: version per language; the changes texts are unchanged.
EXPECTED: dict[str, str] = {
    "demo version 1": "28bdc88083cb0dff50405c4e",
    "demo version 2": "e61e7dfe112ffe7cbe24598c",
    "demo version 3": "69581789fcd532a00c6e4e3c",
    "demo changes since None to None fr": "cee35adb8f09325b1cc45711",
    "demo changes since None to None en": "5c0e347cd5a502f8e2f0e92e",
    "demo changes since None to None uk": "5dd150c398753fa60f8fbfe2",
    "demo changes since None to None json": "8a8e0a2466f0fa9542b319fa",
    "demo changes since 1 to None fr": "39770996cbd1c4e7b213d404",
    "demo changes since 1 to None en": "1c69072d160cb954e1e75f79",
    "demo changes since 1 to None uk": "63eae0f0935e3d550dec948a",
    "demo changes since 1 to None json": "6b113fc15658fed66fb13e21",
    "demo changes since 1 to 2 fr": "f92ca74ea034650e661a614c",
    "demo changes since 1 to 2 en": "a9d6223826c658c72509ba94",
    "demo changes since 1 to 2 uk": "c48ead7a9488bfd3230baa3c",
    "demo changes since 1 to 2 json": "8b5f1e5ce6e0056b5d16a868",
    "demo changes since 2 to 3 fr": "4152ba3c1aa9803c9a9e9452",
    "demo changes since 2 to 3 en": "5bd363d888020a228c5988eb",
    "demo changes since 2 to 3 uk": "5f6cdd5462fd19b3acf9b839",
    "demo changes since 2 to 3 json": "8e865d8ac3c044679b1fed9e",
    "summit version 1": "848a2cedc978d8772b9811c0",
    "summit version 2": "c0bafe568ec0e1c5bde58b4e",
    "summit version 3": "8938d4384cef5d49efefb5bc",
    "summit changes since None to None fr": "5c062ff5cb3c9cb847272c8d",
    "summit changes since None to None en": "8429956a0e08d3d7c34004cf",
    "summit changes since None to None uk": "9729b058304029efc61ae778",
    "summit changes since None to None json": "000c6a8f4ba74699c511b09b",
    "summit changes since 1 to None fr": "717dd506af5830bdc69d12fc",
    "summit changes since 1 to None en": "958cde33db4e5daf55cb11b2",
    "summit changes since 1 to None uk": "85c254ce94a50cf1931d3aed",
    "summit changes since 1 to None json": "19039e8d07f5c2ea930f6059",
    "summit changes since 1 to 2 fr": "cd949d697a0b72c698281dd3",
    "summit changes since 1 to 2 en": "18dc2b13bf61ac0f07ced7ee",
    "summit changes since 1 to 2 uk": "7f84094f506db3b9684bc3d3",
    "summit changes since 1 to 2 json": "f48b51e07744bf026c25b41a",
    "summit changes since 2 to 3 fr": "fa6104ba0113d541b4a90f9c",
    "summit changes since 2 to 3 en": "1829a58189bb8c89a161b839",
    "summit changes since 2 to 3 uk": "9d7a65531f9a8af1a476c990",
    "summit changes since 2 to 3 json": "6a66b30cb57b7c2f41d5647a",
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
