"""A full disk: counts and unique users are best effort, answers go on, one log line, and
the store still closes at shutdown."""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import Library
from bot.storage.memory import MemoryStore
from bot.storage.sqlite import SqliteStore
from tests.conftest import KEY, SEAL, FixedClock

CHAT = 555000999


class FullStore(MemoryStore):
    """A store whose every write fails as SQLite does on a full disk."""

    def __init__(self) -> None:
        super().__init__()
        self.closed = False

    async def count(self, *_: Any, **__: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    async def remember_language(self, *_: Any, **__: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    async def expire_languages(self, *_: Any, **__: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    async def close(self) -> None:
        self.closed = True


async def test_full_disk_still_answers_menu_and_emergency_numbers(
    library: Library, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Start, language, menu and the emergency list are answered on a full disk; the
    failure is logged once, in one line, not a traceback per update."""
    store = FullStore()
    conv = Conversation(library, store, Pseudonyms(KEY), clock)
    with caplog.at_level(logging.INFO):
        start = await conv.handle(Event("command", CHAT, "start"))
        assert start and start.screen == library.language_choice(None)
        menu = await conv.handle(Event("button", CHAT, "lang:ar"))
        assert menu and menu.screen == library.menu("ar")
        for _ in range(20):
            sos = await conv.handle(Event("button", CHAT, "list:emergency"))
            assert sos and sos.screen and "112" in sos.screen.text
        again = await conv.handle(Event("button", CHAT, "menu"))
        assert again and again.screen == library.menu("ar")  # the language held in memory
        clock.moment += timedelta(days=1)  # unique users of the day cannot be written
        await conv.handle(Event("button", CHAT, "menu"))
        await conv.shutdown()
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and problems[0].exc_info is None
    assert "database or disk is full" in problems[0].getMessage()
    assert store.closed


async def test_shutdown_closes_the_store_when_flushing_fails(
    library: Library, clock: FixedClock, tmp_path: Path
) -> None:
    """A real SQLite store that is full: shutdown flushes best effort and still closes it
    (an open aiosqlite thread would keep the process alive)."""
    store = await SqliteStore.open(tmp_path / "db.sqlite3", SEAL)
    conv = Conversation(library, store, Pseudonyms(KEY), clock)
    await conv.handle(Event("button", CHAT, "lang:sv"))
    async with store._db.execute("PRAGMA page_count") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    await store._db.execute(f"PRAGMA max_page_count = {row[0]}")  # full from now on
    for n in range(300):  # new rows need new pages: the disk is full
        await conv.handle(Event("button", CHAT + n, "lang:sv"))
    reply = await conv.handle(Event("button", CHAT + 1, "list:emergency"))
    assert reply and reply.screen and "112" in reply.screen.text
    await conv.shutdown()
    assert store._db._connection is None  # closed: its thread ended
