"""One contract for every store: the SQLite file and the in-memory one behave alike."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.storage.base import Count, Store
from bot.storage.sqlite import SCHEMA_VERSION, SqliteStore
from tests.conftest import SEAL

ALICE = b"a" * 16
BOB = b"b" * 16
DAY = date(2026, 11, 23)


async def test_language_round_trip(any_store: Store) -> None:
    """A remembered language comes back; an unknown user has none."""
    await any_store.remember_language(ALICE, "ar", DAY)
    await any_store.remember_language(ALICE, "fa-AF", DAY)
    assert await any_store.language(ALICE) == "fa-AF"
    assert await any_store.language(BOB) is None


async def test_forget(any_store: Store) -> None:
    """Forgetting one user leaves the others."""
    await any_store.remember_language(ALICE, "ar", DAY)
    await any_store.remember_language(BOB, "sv", DAY)
    await any_store.forget(ALICE)
    assert await any_store.language(ALICE) is None
    assert await any_store.language(BOB) == "sv"


async def test_expire_languages(any_store: Store) -> None:
    """Languages last set before the cut-off are deleted."""
    await any_store.remember_language(ALICE, "ar", date(2025, 1, 1))
    await any_store.remember_language(BOB, "sv", DAY)
    assert await any_store.expire_languages(date(2025, 11, 23)) == 1
    assert await any_store.language(ALICE) is None


async def test_counts_add_up_per_day(any_store: Store) -> None:
    """Counts add up per day, language, event and subject, and filter by period."""
    for _ in range(3):
        await any_store.count(DAY, "ar", "section", "appeal")
    await any_store.count(date(2026, 11, 24), "sv", "start")
    assert await any_store.counts(DAY, DAY) == [Count(DAY, "ar", "section", "appeal", 3)]
    assert len(await any_store.counts(DAY, date(2026, 12, 1))) == 2


async def test_sqlite_survives_reopen_and_has_no_identifier_columns(tmp_path: Path) -> None:
    """The file keeps data across a restart, is in WAL mode, and has no id/name/text column."""
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path, SEAL)
    await store.remember_language(ALICE, "ar", DAY)
    await store.count(DAY, "ar", "start")
    await store.close()
    store = await SqliteStore.open(path, SEAL)
    assert await store.language(ALICE) == "ar"
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {
            row[1]
            for table in ("languages", "counts")
            for row in db.execute(f"PRAGMA table_info({table})")
        }
    assert columns == {"user", "language", "day", "event", "subject", "n"}


async def test_sqlite_refuses_keys_that_are_not_pseudonyms(tmp_path: Path) -> None:
    """The schema only accepts 16-byte pseudonyms as keys, never a raw id."""
    store = await SqliteStore.open(tmp_path / "db.sqlite3", SEAL)
    with pytest.raises(sqlite3.IntegrityError):
        await store.remember_language(b"123456789", "sv", DAY)
    await store.close()
