"""The sync server's folder in-process: its officers and tokens, the rooms' store on
pycrdt-store's BaseYStore, the merging of many stored updates into one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from pycrdt import Doc, Map
from pycrdt.store import YDocNotFound

from visitplanner.domain.errors import InputError, NotFoundError, WrongPassphraseError
from visitplanner.storage import keys
from visitplanner.sync import store as store_module
from visitplanner.sync.officers import add_officer, list_officers, officer_of_token, revoke_officer
from visitplanner.sync.store import EncryptedYStore, ServerDatabase

VISIT = "6f0c2f1e-3b53-4c1e-9a57-0a1e2b3c4d5e"
OTHER = "9d8c7b6a-5f4e-4d3c-8b2a-190807060504"


@pytest.fixture(autouse=True)
def _fast_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files made and opened in this process only.
    monkeypatch.setattr(keys, "KDF_ITERATIONS", 1000)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[ServerDatabase]:
    opened = ServerDatabase.open(tmp_path / "server", "passphrase", create=True)
    yield opened
    opened.close()


def test_the_folder_opens_with_its_passphrase_only(tmp_path: Path) -> None:
    ServerDatabase.open(tmp_path / "server", "right", create=True).close()
    assert oct((tmp_path / "server").stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / "server" / "server.db").stat().st_mode & 0o777) == "0o600"
    with pytest.raises(WrongPassphraseError, match="wrong passphrase for the server's data"):
        ServerDatabase.open(tmp_path / "server", "wrong")
    ServerDatabase.open(tmp_path / "server", "right").close()
    with pytest.raises(InputError, match="no such folder"):
        ServerDatabase.open(tmp_path / "missing", "right")


def test_an_officer_and_his_token(database: ServerDatabase) -> None:
    token = add_officer(database, "  Olena Kovalenko ", [VISIT.upper()])
    officer = officer_of_token(database, token)
    assert officer is not None and officer.name == "Olena Kovalenko"
    assert officer.may_join(VISIT) and not officer.may_join(OTHER)
    assert officer_of_token(database, token + "x") is None
    assert officer_of_token(database, "") is None
    with pytest.raises(InputError, match="an officer already"):
        add_officer(database, "Olena Kovalenko")
    revoke_officer(database, "Olena Kovalenko")
    revoked = officer_of_token(database, token)
    assert revoked is not None and not revoked.active and not revoked.may_join(VISIT)
    # Added again: a new token, the old one stays refused.
    fresh = add_officer(database, "Olena Kovalenko")
    assert fresh != token
    again = officer_of_token(database, fresh)
    assert again is not None and again.active and again.may_join(OTHER)
    assert [found.name for found in list_officers(database)] == ["Olena Kovalenko"]
    with pytest.raises(NotFoundError):
        revoke_officer(database, "Nobody")


@pytest.mark.parametrize("name", ["", "   ", "a\nb", "x" * 101])
def test_a_bad_officers_name_is_refused(database: ServerDatabase, name: str) -> None:
    with pytest.raises(InputError):
        add_officer(database, name)


def test_no_token_is_kept(database: ServerDatabase) -> None:
    token = add_officer(database, "Olena Kovalenko")
    with database.locked() as conn:
        rows = conn.execute("SELECT * FROM officers").fetchall()
    stored = [value for row in rows for value in row]
    assert token not in [value for value in stored if isinstance(value, str)]
    assert not any(token.encode() in value for value in stored if isinstance(value, bytes))
    assert token not in repr(rows)


def test_the_store_gives_back_a_rooms_updates(database: ServerDatabase) -> None:
    source = Doc()
    people = source.get("people", type=Map)
    updates: list[bytes] = []
    source.observe(lambda event: updates.append(event.update))
    people["p1"] = "Taras Shevchenko"
    people["p2"] = "Marie Curie"

    async def main() -> Doc:
        store = EncryptedYStore(VISIT, database=database)
        for update in updates:
            await store.write(update)
        with pytest.raises(YDocNotFound):
            await EncryptedYStore(OTHER, database=database).apply_updates(Doc())
        copy: Doc = Doc()
        await store.apply_updates(copy)
        return copy

    copy = anyio.run(main)
    assert dict(copy.get("people", type=Map)) == dict(people)
    assert database.rooms() == [VISIT]


def test_many_stored_updates_are_merged_into_one(
    database: ServerDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "COMPACT_ABOVE", 20)
    source = Doc()
    people = source.get("people", type=Map)
    source.observe(lambda event: database.append(VISIT, event.update))
    for number in range(50):
        people[f"p{number}"] = f"Guest {number}"
    del people["p7"]
    assert len(database.updates(VISIT)) == 51

    copy: Doc = Doc()
    anyio.run(EncryptedYStore(VISIT, database=database).apply_updates, copy)
    assert len(database.updates(VISIT)) == 1
    assert dict(copy.get("people", type=Map)) == dict(people)
    assert "p7" not in copy.get("people", type=Map)
