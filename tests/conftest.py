"""Shared fixtures: the real content and locales, a fixed clock, an in-memory store."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import load_library
from bot.conversation import Conversation
from bot.pseudonym import Pseudonyms
from bot.screens import Library
from bot.store import MemoryStore

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LOCALES = ROOT / "locales"
KEY = bytes(range(32))


class FixedClock:
    """A clock that says what the test tells it."""

    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        """Return the set time."""
        return self.moment


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make any connection outside 127.0.0.1 fail loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"tests are offline: refused connection to {host}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(scope="session")
def library() -> Library:
    """The real content and UI strings of the repository."""
    lib, problems = load_library(CONTENT, LOCALES)
    assert lib is not None, "\n".join(map(str, problems))
    return lib


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
