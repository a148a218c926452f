"""Shared fixtures: the real content and locales, a fixed clock, an in-memory store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core.conversation import Conversation
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import Library
from bot.settings import Settings
from bot.storage.base import Store
from bot.storage.memory import MemoryStore
from bot.storage.seal import ChatSeal
from bot.storage.sqlite import SqliteStore
from tests.support.fakebotapi import offline
from tests.support.running import shipped_library

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LOCALES = ROOT / "locales"
KEY = bytes(range(32))
SEAL = ChatSeal(KEY)  # relay chat ids sealed under the test key


class FixedClock:
    """A clock that says what the test tells it."""

    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        """Return the set time."""
        return self.moment


@pytest.fixture(autouse=True)
def _offline() -> Iterator[None]:
    """Make any connection outside 127.0.0.1 fail loudly."""
    with offline("tests are"):
        yield


def settings_for(api: Any, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for the real bot against a fake Bot API, with data and key in `tmp_path`."""
    values: dict[str, Any] = {
        "token": api.token,
        "api_url": api.root_url,
        "data_dir": tmp_path / "data",
        "content_dir": CONTENT,
        "locales_dir": LOCALES,
        "key_file": tmp_path / "key" / "pseudonym.key",
    }
    return Settings(**{**values, **overrides})


@pytest.fixture(params=["memory", "sqlite"])
async def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """Each store implementation in turn, for the contract tests."""
    store: Store = (
        MemoryStore()
        if request.param == "memory"
        else await SqliteStore.open(tmp_path / "db.sqlite3", SEAL)
    )
    yield store
    await store.close()


@pytest.fixture(scope="session")
def library() -> Library:
    """The real content and UI strings of the repository (loaded once per process)."""
    return shipped_library()


@pytest.fixture
def clock() -> FixedClock:
    """A Tuesday afternoon in Stockholm."""
    return FixedClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))


@pytest.fixture
def store() -> MemoryStore:
    """An empty in-memory store."""
    return MemoryStore()


@pytest.fixture
def conversation(library: Library, store: MemoryStore, clock: FixedClock) -> Conversation:
    """The conversation core over the real content."""
    return Conversation(library, store, Pseudonyms(KEY), clock)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: one test process more than there are cores. Some tests wait on a child
    process, a browser or real time; meanwhile the extra process keeps the cores busy.
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1
