"""The local store: remembered languages (under pseudonyms) and anonymous daily counts.

Nothing here can hold a Telegram id, a name or a message: the language table is keyed
by a keyed pseudonym, and the counts table has a day, a language, an event and a
content id (a section or organisation id), nothing else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import aiosqlite

SCHEMA_VERSION = 1

# Each step upgrades the schema from version i to i + 1, in place.
MIGRATIONS: Sequence[str] = (
    """
    CREATE TABLE IF NOT EXISTS languages (
        user BLOB PRIMARY KEY CHECK (length(user) = 16),
        language TEXT NOT NULL,
        day TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS counts (
        day TEXT NOT NULL,
        language TEXT NOT NULL,
        event TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        n INTEGER NOT NULL,
        PRIMARY KEY (day, language, event, subject)
    ) WITHOUT ROWID;
    """,
)


@dataclass(frozen=True, slots=True)
class Count:
    """How often an event happened on a day in a language."""

    day: date
    language: str
    event: str
    subject: str
    n: int


class Store(Protocol):
    """Where the bot keeps what it must remember."""

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""

    async def counts(self, first: date, last: date) -> list[Count]:
        """Return the counts from `first` to `last`, inclusive."""

    async def close(self) -> None:
        """Release the store."""


class MemoryStore:
    """A store in memory, for the terminal mode and tests."""

    def __init__(self) -> None:
        self.languages: dict[bytes, tuple[str, date]] = {}
        self.totals: dict[tuple[date, str, str, str], int] = {}

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""
        found = self.languages.get(user)
        return found[0] if found else None

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""
        self.languages[user] = (language, day)

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""
        self.languages.pop(user, None)

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""
        old = [u for u, (_, day) in self.languages.items() if day < before]
        for user in old:
            del self.languages[user]
        return len(old)

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""
        key = (day, language, event, subject)
        self.totals[key] = self.totals.get(key, 0) + n

    async def counts(self, first: date, last: date) -> list[Count]:
        """Return the counts from `first` to `last`, inclusive."""
        return [
            Count(d, lang, ev, sub, n)
            for (d, lang, ev, sub), n in sorted(self.totals.items())
            if first <= d <= last
        ]

    async def close(self) -> None:
        """Release the store."""


class SqliteStore:
    """The store in an SQLite file (WAL mode), through aiosqlite."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> SqliteStore:
        """Open (creating or upgrading) the store at `path`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(path)
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute("PRAGMA secure_delete=ON")
        store = cls(db)
        await store._migrate()
        return store

    async def _migrate(self) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"the data was written by a newer version (schema {version})")
        for step in range(version, SCHEMA_VERSION):
            await self._db.executescript(
                f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step + 1}; COMMIT;"
            )

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""
        async with self._db.execute("SELECT language FROM languages WHERE user = ?", (user,)) as c:
            row = await c.fetchone()
        return str(row[0]) if row else None

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""
        async with self._lock:
            await self._db.execute(
                "INSERT INTO languages (user, language, day) VALUES (?, ?, ?) "
                "ON CONFLICT (user) DO UPDATE SET language = excluded.language, day = excluded.day",
                (user, language, day.isoformat()),
            )
            await self._db.commit()

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""
        async with self._lock:
            await self._db.execute("DELETE FROM languages WHERE user = ?", (user,))
            await self._db.commit()

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""
        async with self._lock:
            cursor = await self._db.execute(
                "DELETE FROM languages WHERE day < ?", (before.isoformat(),)
            )
            await self._db.commit()
        return cursor.rowcount

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""
        async with self._lock:
            await self._db.execute(
                "INSERT INTO counts (day, language, event, subject, n) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                (day.isoformat(), language, event, subject, n),
            )
            await self._db.commit()

    async def counts(self, first: date, last: date) -> list[Count]:
        """Return the counts from `first` to `last`, inclusive."""
        async with self._db.execute(
            "SELECT day, language, event, subject, n FROM counts WHERE day BETWEEN ? AND ? "
            "ORDER BY day, language, event, subject",
            (first.isoformat(), last.isoformat()),
        ) as cursor:
            rows = await cursor.fetchall()
        return [Count(date.fromisoformat(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]

    async def close(self) -> None:
        """Release the store."""
        await self._db.close()
