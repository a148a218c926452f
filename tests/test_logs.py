"""Logs at DEBUG, in both formats, carry no chat id, pseudonym or staff topic name."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.relay import FromStaff, FromYoung, StaffRelay
from bot.logs import setup_logging
from bot.screens.library import Library
from bot.storage.sqlite import SqliteStore
from tests.conftest import KEY, SEAL, FixedClock

CHAT = 5550123456
SHARED = -1001234567890


class Port:
    """A RelayPort that remembers topic names and accepts everything."""

    def __init__(self) -> None:
        self.names: list[str] = []

    async def create_topic(self, staff_chat: int, name: str) -> int:
        self.names.append(name)
        return 41

    async def copy(self, *_: Any, **__: Any) -> None:
        return None

    async def send(self, *_: Any, **__: Any) -> None:
        return None

    async def react(self, chat: int, message_id: int) -> None:
        return None

    async def delete_messages(self, chat: int, message_ids: Any) -> bool:
        return True

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        return None


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put the root logger and the library loggers back as they were."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("aiosqlite", "asyncio", "telegram", "aiogram", "markdown_it")
    levels = {n: logging.getLogger(n).level for n in names}
    yield
    root.handlers[:], root.level = handlers, level
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


@pytest.mark.parametrize("fmt", ["text", "json"])
async def test_debug_log_of_a_relay_session_names_no_one(
    fmt: str,
    library: Library,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:
    """A relay session on the SQLite store at DEBUG logs no chat id, pseudonym or topic."""
    setup_logging("DEBUG", fmt)
    store = await SqliteStore.open(tmp_path / "db.sqlite3", SEAL)
    pseudonyms = Pseudonyms(KEY)
    conv = Conversation(library, store, pseudonyms, clock, relay_enabled=True)
    port = Port()
    relay = StaffRelay(conv, port, SHARED)
    try:
        for value in ("lang:ar", "relay:on:any"):
            await conv.handle(Event("button", CHAT, value))
        await relay.from_young(FromYoung(CHAT, 7))
        await relay.from_staff(FromStaff(SHARED, 41, 8, "hello"))
        await conv.handle(Event("command", CHAT, "forget"))
        await relay.finish()
    finally:
        await store.close()
    logging.getLogger("bot").debug("the log works")  # proves the capture saw DEBUG lines
    log = capsys.readouterr().err
    assert "the log works" in log
    user = pseudonyms.of(CHAT)
    assert port.names and port.names[0].split(" ")[0] not in log
    for needle in (str(CHAT), user.hex(), repr(user)[2:-1], hex(CHAT)):
        assert needle not in log, needle
