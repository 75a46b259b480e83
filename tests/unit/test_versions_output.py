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
#: and again from 5 to 6 (the car plan), and from 6 to 7 (the gifts), the same way;
#: and from 7 to 14 (seating constraints: the demo's dinner seats say near_exit, its plan
#: its options; the doctor sits beside the veteran she accompanies), where the summit's
#: give the earlier digests with the version set back.
#: The demo's versions again when its arrival times became the landing at Charles de
#: Gaulle (12:00 Paris time, as the person editor asks), no longer the take-off.
EXPECTED: dict[str, str] = {
    "demo version 1": "5d3c6678bb38eee64f0163ba",
    "demo version 2": "7d76c48d2fc01e170bc1df4e",
    "demo version 3": "ea3960717f90b650c0bc040c",
    "demo changes since None to None fr": "aad94c0857f68ebf8f3d51d9",
    "demo changes since None to None en": "fa31e9ed8d991ffffea7177e",
    "demo changes since None to None uk": "027fc823ae789ebfa8272f54",
    "demo changes since None to None json": "8a8e0a2466f0fa9542b319fa",
    "demo changes since 1 to None fr": "79498ce76e1d0af79a31f73b",
    "demo changes since 1 to None en": "0cf30f9a25c5c16f08a460c0",
    "demo changes since 1 to None uk": "9bbb7ccc1df88cbc48a43da6",
    "demo changes since 1 to None json": "6b113fc15658fed66fb13e21",
    "demo changes since 1 to 2 fr": "3a7dd547c5673c3c679189fb",
    "demo changes since 1 to 2 en": "bf99da829665dfb638fc9f68",
    "demo changes since 1 to 2 uk": "579edf6d78fbe7dde83ee55a",
    "demo changes since 1 to 2 json": "8b5f1e5ce6e0056b5d16a868",
    "demo changes since 2 to 3 fr": "1ec38c25cdaf84d168ff5e68",
    "demo changes since 2 to 3 en": "f287c2e3ab486bf24662aab7",
    "demo changes since 2 to 3 uk": "e814e389f51b4e4d5c21507c",
    "demo changes since 2 to 3 json": "8e865d8ac3c044679b1fed9e",
    "summit version 1": "0a3c3f7d6368c01f19ddd1d7",
    "summit version 2": "e921b4801a617d0d64d501be",
    "summit version 3": "307f78d9826ccb306f21cf79",
    "summit changes since None to None fr": "7c7e4418872c1461b6a908ee",
    "summit changes since None to None en": "9a488fe416e555ab60245137",
    "summit changes since None to None uk": "90757c05d12646156b457c5c",
    "summit changes since None to None json": "000c6a8f4ba74699c511b09b",
    "summit changes since 1 to None fr": "a5ddcd5c6d4e17a3bf43c537",
    "summit changes since 1 to None en": "c49e48ea13b2a57fb9b89e94",
    "summit changes since 1 to None uk": "dd6d87396afd3a9bb8a41c43",
    "summit changes since 1 to None json": "19039e8d07f5c2ea930f6059",
    "summit changes since 1 to 2 fr": "696d8e311624b5646ccdee0c",
    "summit changes since 1 to 2 en": "d288b870cd75f7c31b49da08",
    "summit changes since 1 to 2 uk": "b984f928b678afe8c21e59ac",
    "summit changes since 1 to 2 json": "f48b51e07744bf026c25b41a",
    "summit changes since 2 to 3 fr": "94cb45c64b6e71252e0d0fcc",
    "summit changes since 2 to 3 en": "de98eb761098692e50c0cbcc",
    "summit changes since 2 to 3 uk": "9208e95005c02f744192ea4d",
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
