"""The relay part of the store contract: both stores behave alike; SQLite upgrades in place."""

from __future__ import annotations

import asyncio
import sqlite3
import struct
import time
from datetime import date
from pathlib import Path

import pytest

from bot.storage.base import AmbiguousTopic, Expired, Store
from bot.storage.schema import MIGRATIONS
from bot.storage.seal import ChatSeal
from bot.storage.sqlite import SCHEMA_VERSION, SqliteStore
from tests.conftest import SEAL

ALICE = b"a" * 16
BOB = b"b" * 16
CARL = b"c" * 16
DAY = date(2026, 11, 23)


async def test_open_relay_and_topic(any_store: Store) -> None:
    """A relay opens without a topic, gets one, and is found by user and by (group, topic)."""
    relay = await any_store.open_relay(ALICE, 42, "Fox-1234", "fa-AF", DAY, staff_chat=-100)
    assert (relay.chat, relay.topic, relay.pseudonym) == (42, None, "Fox-1234")
    await any_store.set_relay_topic(ALICE, 7)
    found = await any_store.relay_by_topic(-100, 7)
    assert found is not None and found.user == ALICE and found.language == "fa-AF"
    assert found.desk == "any" and found.is_open and found.staff_chat == -100
    assert await any_store.relay(BOB) is None
    assert await any_store.relay_by_topic(-100, 8) is None
    # A relay of the shared group is not found through an organisation's own group.
    assert await any_store.relay_by_topic(-200, 7) is None
    await any_store.open_relay(BOB, 43, "Owl-1", "ar", DAY, "radda-barnen", -200)
    await any_store.set_relay_topic(BOB, 7)
    found = await any_store.relay_by_topic(-200, 7)
    assert found is not None and found.user == BOB and found.staff_chat == -200
    found = await any_store.relay_by_topic(-100, 7)
    assert found is not None and found.user == ALICE
    # Moved: a new group, no topic until one is opened there.
    await any_store.set_relay_topic(ALICE, None, -300)
    moved = await any_store.relay(ALICE)
    assert moved is not None and (moved.staff_chat, moved.topic) == (-300, None)


async def test_a_topic_claimed_twice_fails_closed(any_store: Store) -> None:
    """Rows without a group (schema 3) adopt the shared group; two relays on one topic
    give nobody, and dropping the topic sends each to a new one."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY)  # as written before schema 4
    await any_store.set_relay_topic(ALICE, 7)
    await any_store.open_relay(BOB, 2, "Owl-2", "sv", DAY, staff_chat=-100)
    await any_store.set_relay_topic(BOB, 7)
    assert await any_store.relay_by_topic(-100, 7) is not None  # only BOB has the group
    assert await any_store.adopt_relays(-100) == 1
    with pytest.raises(AmbiguousTopic):
        await any_store.relay_by_topic(-100, 7)
    assert await any_store.drop_topic(-100, 7) == 2
    assert await any_store.relay_by_topic(-100, 7) is None
    relay = await any_store.relay(ALICE)
    assert relay is not None and (relay.staff_chat, relay.topic) == (-100, None)


async def test_first_response_is_counted_once(any_store: Store) -> None:
    """Two staff answers at the same moment: only one of them gets the waiting time."""
    from datetime import UTC, datetime

    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
    await any_store.relay_waiting(ALICE, datetime(2026, 11, 24, 9, 0, 31, 5, tzinfo=UTC))
    got = await asyncio.gather(*(any_store.relay_answered(ALICE) for _ in range(2)))
    assert sorted(map(str, got)) == ["2026-11-24 09:00:00+00:00", "None"]  # to the minute


async def test_reopen_keeps_topic_and_pseudonym(any_store: Store) -> None:
    """Opening again keeps the staff topic and the pseudonym, renewing language and day."""
    await any_store.open_relay(ALICE, 42, "Fox-1234", "fa-AF", DAY)
    await any_store.set_relay_topic(ALICE, 7)
    relay = await any_store.open_relay(ALICE, 42, "Owl-9999", "sv", date(2026, 11, 24))
    assert (relay.topic, relay.pseudonym, relay.language) == (7, "Fox-1234", "sv")
    # Another organisation: a new made-up name (nothing links the two), a new topic.
    relay = await any_store.open_relay(ALICE, 42, "Owl-9999", "sv", DAY, "farr", -300)
    assert (relay.topic, relay.pseudonym, relay.desk, relay.staff_chat) == (
        None,
        "Owl-9999",
        "farr",
        -300,
    )


async def test_closed_by_staff_then_grace_and_reopen(any_store: Store) -> None:
    """Staff close: the row stays for the grace period, then goes; opening again clears it."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY)
    await any_store.open_relay(BOB, 2, "Owl-2", "sv", DAY)
    await any_store.set_relay_closed(ALICE, DAY)
    relay = await any_store.relay(ALICE)
    assert relay is not None and not relay.is_open and relay.closed_day == DAY
    await any_store.set_relay_closed(ALICE, None)
    relay = await any_store.relay(ALICE)
    assert relay is not None and relay.is_open
    await any_store.set_relay_closed(ALICE, DAY)
    await any_store.set_relay_topic(ALICE, 7)
    assert await any_store.expire_relays(date(2026, 1, 1), DAY) == []
    expired = await any_store.expire_relays(date(2026, 1, 1), date(2026, 11, 24))
    assert expired == [Expired(None, 7, closed=True)]
    assert await any_store.relay(ALICE) is None and await any_store.relay(BOB) is not None
    await any_store.set_relay_closed(BOB, DAY)
    relay = await any_store.open_relay(BOB, 2, "Owl-2", "sv", DAY)
    assert relay.is_open


async def test_first_response_waiting_and_answered(any_store: Store) -> None:
    """The first unanswered message's time is kept only until staff first answer."""
    from datetime import UTC, datetime

    first = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY)
    await any_store.relay_waiting(ALICE, first)
    await any_store.relay_waiting(ALICE, datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    relay = await any_store.relay(ALICE)
    assert relay is not None and relay.waiting_since == first
    assert await any_store.relay_answered(ALICE) == first
    relay = await any_store.relay(ALICE)
    assert relay is not None and relay.waiting_since is None and relay.answered
    # Later messages do not start a new wait: only the first response is counted.
    await any_store.relay_waiting(ALICE, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    assert await any_store.relay_answered(ALICE) is None
    assert await any_store.relay_answered(BOB) is None


async def test_close_forget_and_expire(any_store: Store) -> None:
    """A relay goes at close, at forget, and after expiry; the others stay."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY)
    assert await any_store.close_relay(ALICE)
    assert not await any_store.close_relay(ALICE)
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY)
    await any_store.forget(ALICE)
    assert await any_store.relay(ALICE) is None
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", date(2026, 10, 1))
    await any_store.open_relay(BOB, 2, "Owl-2", "ar", date(2026, 10, 1), "rb", -1009)
    await any_store.open_relay(CARL, 3, "Elk-3", "ar", date(2026, 10, 1), "rb", -1009)
    await any_store.set_relay_topic(CARL, 12)
    await any_store.touch_relay(BOB, DAY)
    # Only relays with a topic are reported: staff have nothing to be told about the others.
    assert await any_store.expire_relays(date(2026, 10, 24)) == [Expired(-1009, 12, closed=False)]
    assert await any_store.relay(CARL) is None
    assert await any_store.relay(ALICE) is None
    assert await any_store.relay(BOB) is not None


async def test_sqlite_upgrades_version_1_in_place(tmp_path: Path) -> None:
    """A schema 1 file keeps its languages and gains the relay table."""
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("INSERT INTO languages VALUES (?, 'ar', '2026-11-01')", (ALICE,))
        db.execute("PRAGMA user_version = 1")
    store = await SqliteStore.open(path, SEAL)
    assert await store.language(ALICE) == "ar"
    await store.open_relay(ALICE, 5, "Fox-5", "ar", DAY)
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5


async def test_sqlite_upgrades_version_2_relays_in_place(tmp_path: Path) -> None:
    """An open relay of schema 2 survives the upgrade, in the shared group, desk "any"."""
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + MIGRATIONS[1])
        db.execute("INSERT INTO relays VALUES (?, 5, 9, 'Fox-5', 'fa-AF', '2026-11-20')", (ALICE,))
        db.execute("PRAGMA user_version = 2")
    store = await SqliteStore.open(path, SEAL)
    assert await store.relay_by_topic(-100, 9) is None  # no group yet: found by nobody
    assert await store.adopt_relays(-100) == 1  # at start, by the configured shared group
    relay = await store.relay_by_topic(-100, 9)
    assert relay is not None and (relay.chat, relay.desk, relay.staff_chat) == (5, "any", -100)
    assert relay.is_open and not relay.answered
    await store.close()


def on_disk(path: Path) -> bytes:
    """Everything the store has on disk: the file and its write-ahead log."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_sqlite_upgrade_to_4_seals_chat_ids(tmp_path: Path) -> None:
    """Schema 3 rows get their chat id sealed (gone from the disk in clear) and their
    waiting time cut to the minute; they still work under the same key."""
    path = tmp_path / "db.sqlite3"
    chat = 7012345678
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + MIGRATIONS[1] + MIGRATIONS[2])
        db.execute(
            "INSERT INTO relays VALUES (?, ?, 9, 'Fox-6365', 'sv', '2026-11-20', 'any', -100, "
            "'2026-11-20T19:44:34.121973+00:00', 0, NULL)",
            (ALICE, chat),
        )
        db.execute("PRAGMA user_version = 3")
    assert struct.pack(">q", chat)[3:] in on_disk(path)  # its low 5 of 6 bytes
    store = await SqliteStore.open(path, SEAL)
    relay = await store.relay_by_topic(-100, 9)
    assert relay is not None and relay.chat == chat and relay.waiting_since is not None
    assert relay.waiting_since.second == relay.waiting_since.microsecond == 0
    await store.close()
    assert struct.pack(">q", chat)[3:] not in on_disk(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT typeof(chat) FROM relays").fetchone()[0] == "blob"


async def test_another_key_deletes_the_relays_it_cannot_read(tmp_path: Path) -> None:
    """Opened with another key, relays are unreadable: they are deleted at start, their
    topics reported at the next expiry (to tell staff), and /forget finds nothing left."""
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path, SEAL)
    await store.open_relay(ALICE, 5, "Fox-5", "sv", DAY, staff_chat=-100)
    await store.set_relay_topic(ALICE, 9)
    await store.open_relay(BOB, 6, "Owl-6", "sv", DAY, staff_chat=-100)  # no topic yet
    await store.close()
    store = await SqliteStore.open(path, ChatSeal(b"another key of 32 bytes, really!"))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM relays").fetchone()[0] == 0
    assert await store.relay_by_topic(-100, 9) is None
    expired = await store.expire_relays(date(2026, 1, 1))
    assert expired == [Expired(-100, 9, closed=False, lost=True)]
    assert await store.expire_relays(date(2026, 1, 1)) == []  # told once
    await store.close()


async def test_a_damaged_row_is_not_used_and_is_expired(tmp_path: Path) -> None:
    """A row whose sealed id does not decrypt (tampered, moved) is never used, and goes."""
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path, SEAL)
    await store.open_relay(ALICE, 5, "Fox-5", "sv", DAY, staff_chat=-100)
    await store.open_relay(BOB, 6, "Owl-6", "sv", DAY, staff_chat=-100)
    await store.set_relay_topic(BOB, 4)
    with sqlite3.connect(path) as db:  # Alice's sealed id copied onto Bob's row
        db.execute(
            "UPDATE relays SET chat = (SELECT chat FROM relays WHERE user = ?) WHERE user = ?",
            (ALICE, BOB),
        )
    assert await store.relay(BOB) is None and await store.relay_by_topic(-100, 4) is None
    assert await store.expire_relays(date(2026, 1, 1)) == [Expired(-100, 4, False, lost=True)]
    assert await store.relay(ALICE) is not None
    await store.close()


async def test_sqlite_relay_key_is_a_pseudonym(tmp_path: Path) -> None:
    """The relay table only accepts 16-byte pseudonyms as keys."""
    store = await SqliteStore.open(tmp_path / "db.sqlite3", SEAL)
    with pytest.raises(sqlite3.IntegrityError):
        await store.open_relay(b"123", 1, "Fox-1", "sv", DAY)
    await store.close()


async def test_a_reader_does_not_block_forget_and_the_wal_is_wiped_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup or `bot stats` reading during /forget: the WAL wipe gives up at once instead
    of holding the store for 5 s, and is done after a later write once the reader is gone."""
    from bot.storage import sqlite as sqlite_module

    monkeypatch.setattr(sqlite_module, "WIPE_RETRY_SECONDS", 0.0)
    # A long general busy timeout: had the wipe waited on it, the bound below would show it
    # however slow the machine is.
    monkeypatch.setattr(sqlite_module, "BUSY_MS", 120_000)
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path, SEAL)
    await store.open_relay(ALICE, 7012345678, "Fox-1", "sv", DAY, staff_chat=-100)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM relays").fetchone()  # holds a snapshot
    started = time.monotonic()
    await store.forget(ALICE)
    assert time.monotonic() - started < 60  # not the general busy timeout
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    reader.execute("COMMIT")
    reader.close()
    await store.count(DAY, "sv", "start")  # a later write tries the wipe again
    assert wal.stat().st_size == 0
    await store.close()
