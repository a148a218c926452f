"""Daily unique users: salted hashes in memory for one day, only the day's total is stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from bot.core.uniques import UNIQUE, DailyUniques
from bot.storage.base import Count
from bot.storage.memory import MemoryStore
from tests.conftest import FixedClock

ALICE = b"a" * 16
BOB = b"b" * 16
CAROL = b"c" * 16
DAY = date(2026, 11, 24)


def make() -> tuple[DailyUniques, MemoryStore, FixedClock]:
    """A counter over a fresh store at a fixed Tuesday afternoon."""
    clock = FixedClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    store = MemoryStore()
    return DailyUniques(clock, store), store, clock


async def test_same_user_counts_once_a_day() -> None:
    """Seeing someone again the same day does not count them again."""
    uniques, _, _ = make()
    for _ in range(3):
        await uniques.seen(ALICE, "sv")
    await uniques.seen(BOB, "ar")
    assert uniques.totals() == {"sv": 1, "ar": 1}


async def test_language_chosen_later_replaces_none() -> None:
    """Someone seen before choosing a language counts under the language chosen that day."""
    uniques, _, _ = make()
    await uniques.seen(ALICE, None)
    await uniques.seen(ALICE, "fa-AF")
    await uniques.seen(ALICE, None)
    await uniques.seen(BOB, None)
    assert uniques.totals() == {"fa-AF": 1, "-": 1}


async def test_chat_ids_and_pseudonyms_are_both_accepted() -> None:
    """A chat id is hashed like a pseudonym; the set holds neither."""
    uniques, _, _ = make()
    await uniques.seen(555000111, "en")
    await uniques.seen(555000111, "en")
    assert uniques.totals() == {"en": 1}
    assert all(b"555000111" not in key for key in uniques.seen_today)


async def test_day_change_writes_total_and_drops_salt() -> None:
    """At the next Stockholm day the old total is stored and the old salt and set are gone."""
    uniques, store, clock = make()
    for user in (ALICE, BOB, CAROL):
        await uniques.seen(user, "sv")
    old_salt, old_keys = uniques.salt, set(uniques.seen_today)
    assert old_salt is not None and len(old_keys) == 3
    clock.moment += timedelta(days=1)
    await uniques.seen(ALICE, "sv")
    assert uniques.day == DAY + timedelta(days=1)
    assert uniques.salt is not None and uniques.salt != old_salt
    assert not old_keys & set(uniques.seen_today)
    assert len(uniques.seen_today) == 1
    assert await store.counts(DAY, DAY) == [Count(DAY, "sv", UNIQUE, "", 3)]


async def test_stockholm_midnight_not_utc_midnight() -> None:
    """23:30 UTC in November is already the next day in Stockholm."""
    uniques, store, clock = make()
    await uniques.seen(ALICE, "sv")
    clock.moment = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    await uniques.seen(BOB, "sv")
    assert await store.counts(DAY, DAY) == [Count(DAY, "sv", UNIQUE, "", 1)]


async def test_flush_writes_partial_day_and_forgets() -> None:
    """Flushing on shutdown stores the day so far and keeps nothing; a second flush adds nothing."""
    uniques, store, _ = make()
    await uniques.seen(ALICE, "ar")
    await uniques.seen(BOB, "en")
    await uniques.flush()
    assert uniques.salt is None and uniques.day is None and not uniques.seen_today
    await uniques.flush()
    assert await store.counts(DAY, DAY) == [
        Count(DAY, "ar", UNIQUE, "", 1),
        Count(DAY, "en", UNIQUE, "", 1),
    ]


async def test_without_store_nothing_is_written() -> None:
    """A counter without a store only counts in memory."""
    clock = FixedClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    uniques = DailyUniques(clock)
    await uniques.seen(ALICE, "sv")
    await uniques.flush()
    assert not uniques.seen_today


class SlowStore(MemoryStore):
    """A store whose count waits until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.go = asyncio.Event()
        self.waiting = asyncio.Event()

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        self.waiting.set()
        await self.go.wait()
        await super().count(day, language, event, subject, n)


async def test_updates_during_the_midnight_write_count_once() -> None:
    """Users seen while the old day's total is being written join one new day's set:
    someone seen twice then is counted once."""
    clock = FixedClock(datetime(2026, 11, 24, 22, 59, tzinfo=UTC))
    store = SlowStore()
    uniques = DailyUniques(clock, store)
    await uniques.seen(ALICE, "sv")
    clock.moment += timedelta(minutes=2)  # midnight in Stockholm
    first = asyncio.create_task(uniques.seen(BOB, "sv"))  # starts writing yesterday
    await store.waiting.wait()
    await uniques.seen(CAROL, "sv")  # arrives during the write
    await uniques.seen(BOB, "sv")
    store.go.set()
    await first
    await uniques.seen(CAROL, "sv")
    assert uniques.totals() == {"sv": 2}
    await uniques.flush()
    counts = await store.counts(DAY, date(2026, 11, 25))
    assert [(c.day, c.n) for c in counts if c.event == UNIQUE] == [
        (DAY, 1),
        (DAY.replace(day=25), 2),
    ]
