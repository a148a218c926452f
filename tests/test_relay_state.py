"""The relay state part of the store contract (schema 5): waiting, mute, handover, moving."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.storage.base import Handover, RelayState, Store, Waiting
from bot.storage.schema import MIGRATIONS
from bot.storage.sqlite import SqliteStore
from tests.conftest import SEAL

ALICE = b"a" * 16
BOB = b"b" * 16
CARL = b"c" * 16
DAY = date(2026, 11, 23)
NINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


async def test_waiting_keeps_the_oldest_until_answered(any_store: Store) -> None:
    """The oldest unanswered message is kept; an answer clears it; later ones wait again."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
    assert await any_store.relay_state(ALICE) == RelayState()
    await any_store.mark_waiting(ALICE, NINE)
    await any_store.mark_waiting(ALICE, NINE + timedelta(hours=1, seconds=5))
    assert (await any_store.relay_state(ALICE)).waiting == NINE
    await any_store.clear_waiting(ALICE)
    assert (await any_store.relay_state(ALICE)).waiting is None
    later = NINE + timedelta(hours=3)
    await any_store.mark_waiting(ALICE, later + timedelta(seconds=42))
    assert (await any_store.relay_state(ALICE)).waiting == later  # to the minute
    # Nothing is kept for someone without a relay.
    await any_store.mark_waiting(BOB, NINE)
    await any_store.set_muted(BOB, NINE)
    assert await any_store.relay_state(BOB) == RelayState()


async def test_waiting_list_is_per_group_longest_first(any_store: Store) -> None:
    """Only open relays with a topic in the group, waiting, longest first."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
    await any_store.open_relay(BOB, 2, "Owl-2", "ar", DAY, staff_chat=-100)
    await any_store.open_relay(CARL, 3, "Elk-3", "fa-AF", DAY, "rb", -200)
    for user, topic, hours in ((ALICE, 7, 2), (BOB, 8, 1), (CARL, 9, 0)):
        await any_store.set_relay_topic(user, topic)
        await any_store.mark_waiting(user, NINE + timedelta(hours=hours))
    found = await any_store.waiting_relays(-100)
    assert found == [
        Waiting(8, "Owl-2", NINE + timedelta(hours=1)),
        Waiting(7, "Fox-1", NINE + timedelta(hours=2)),
    ]
    assert await any_store.waiting_relays(-200) == [Waiting(9, "Elk-3", NINE)]
    await any_store.set_relay_closed(BOB, DAY)
    await any_store.clear_waiting(ALICE)
    assert await any_store.waiting_relays(-100) == []


async def test_mute_and_handover_are_kept_and_dropped(any_store: Store) -> None:
    """A mute and a proposed handover are kept until lifted or dropped."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
    await any_store.set_muted(ALICE, NINE)
    proposed = Handover("farr", 41, 41)
    await any_store.set_handover(ALICE, proposed)
    state = await any_store.relay_state(ALICE)
    assert state.muted_until == NINE and state.handover == proposed
    await any_store.set_muted(ALICE, None)
    await any_store.set_handover(ALICE, Handover("farr", 45))
    assert await any_store.relay_state(ALICE) == RelayState(handover=Handover("farr", 45))
    await any_store.set_handover(ALICE, None)
    assert await any_store.relay_state(ALICE) == RelayState()


async def test_state_goes_with_the_relay(any_store: Store) -> None:
    """Ending, /forget, expiry and choosing another desk leave no state behind."""
    for end in ("close", "forget", "expire", "desk"):
        await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
        await any_store.set_muted(ALICE, NINE)
        await any_store.mark_waiting(ALICE, NINE)
        if end == "close":
            await any_store.close_relay(ALICE)
        elif end == "forget":
            await any_store.forget(ALICE)
        elif end == "expire":
            await any_store.expire_relays(date(2027, 1, 1))
        else:
            await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, "farr", -300)
        if end != "desk":
            await any_store.open_relay(ALICE, 1, "Fox-1", "sv", DAY, staff_chat=-100)
        assert await any_store.relay_state(ALICE) == RelayState(), end
        await any_store.close_relay(ALICE)


async def test_move_relay_starts_afresh(any_store: Store) -> None:
    """A handover gives a new made-up name, desk and group, no topic, nothing pending."""
    await any_store.open_relay(ALICE, 1, "Fox-1", "fa-AF", DAY, "radda-barnen", -100)
    await any_store.set_relay_topic(ALICE, 7)
    await any_store.relay_waiting(ALICE, NINE)
    await any_store.relay_answered(ALICE)
    await any_store.set_handover(ALICE, Handover("farr", 41))
    await any_store.mark_waiting(ALICE, NINE)
    moved = await any_store.move_relay(ALICE, "farr", -300, "Owl-2")
    assert moved is not None
    assert (moved.desk, moved.staff_chat, moved.pseudonym, moved.topic) == (
        "farr",
        -300,
        "Owl-2",
        None,
    )
    assert not moved.answered and moved.waiting_since is None and moved.chat == 1
    assert moved.language == "fa-AF"
    assert await any_store.relay_state(ALICE) == RelayState()
    assert await any_store.relay_by_topic(-100, 7) is None
    assert await any_store.move_relay(BOB, "farr", -100, "Elk-3") is None


async def test_sqlite_upgrades_version_4_to_5(tmp_path: Path) -> None:
    """A sealed relay of schema 4 survives the upgrade to 5 and gains an empty state."""
    path = tmp_path / "db.sqlite3"
    store = await SqliteStore.open(path, SEAL)
    await store.open_relay(ALICE, 5, "Fox-5", "fa-AF", DAY, staff_chat=-100)
    await store.set_relay_topic(ALICE, 9)
    await store.close()
    with sqlite3.connect(path) as db:
        db.executescript(
            "DROP TRIGGER relay_states_deleted; DROP TRIGGER relay_states_moved;"
            "DROP TABLE relay_states; PRAGMA user_version = 4;"
        )
    store = await SqliteStore.open(path, SEAL)
    assert await store.relay_state(ALICE) == RelayState()
    await store.mark_waiting(ALICE, NINE)
    assert await store.waiting_relays(-100) == [Waiting(9, "Fox-5", NINE)]
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 5
