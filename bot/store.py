"""The local store: remembered languages (under pseudonyms), anonymous daily counts, relays.

Nothing here can hold a Telegram id, a name or a message: the language table is keyed
by a keyed pseudonym, and the counts table has a day, a language, an event and a
content id (a section or organisation id), nothing else.

The one exception is the relay table (schema 2): while a young person writes to staff, it
holds their chat id, because the bot strictly needs it to deliver staff replies. That row
is deleted when the relay ends, at /forget, and after RELAY_DAYS days without messages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Protocol

import aiosqlite

SCHEMA_VERSION = 2

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
    """
    CREATE TABLE IF NOT EXISTS relays (
        user BLOB PRIMARY KEY CHECK (length(user) = 16),
        chat INTEGER NOT NULL,
        topic INTEGER,
        pseudonym TEXT NOT NULL,
        language TEXT NOT NULL,
        last_day TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS relays_topic ON relays (topic);
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


@dataclass(frozen=True, slots=True)
class Relay:
    """An open relay between a young person and the staff group (see bot/relay.py)."""

    user: bytes
    chat: int
    topic: int | None
    pseudonym: str
    language: str
    last_day: date


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

    async def open_relay(
        self, user: bytes, chat: int, pseudonym: str, language: str, day: date
    ) -> Relay:
        """Open a relay (or keep the open one, renewing its language and day); return it."""

    async def relay(self, user: bytes) -> Relay | None:
        """Return the open relay of a user."""

    async def relay_by_topic(self, topic: int) -> Relay | None:
        """Return the open relay whose staff topic is `topic`."""

    async def set_relay_topic(self, user: bytes, topic: int) -> None:
        """Note the staff topic of a relay."""

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""

    async def expire_relays(self, before: date) -> int:
        """Delete relays last used before `before`; return how many."""

    async def close(self) -> None:
        """Release the store."""


class MemoryStore:
    """A store in memory, for the terminal mode and tests."""

    def __init__(self) -> None:
        self.languages: dict[bytes, tuple[str, date]] = {}
        self.totals: dict[tuple[date, str, str, str], int] = {}
        self.relays: dict[bytes, Relay] = {}

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
        self.relays.pop(user, None)

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

    async def open_relay(
        self, user: bytes, chat: int, pseudonym: str, language: str, day: date
    ) -> Relay:
        """Open a relay (or keep the open one, renewing its language and day); return it."""
        old = self.relays.get(user)
        relay = (
            replace(old, chat=chat, language=language, last_day=day)
            if old
            else Relay(user, chat, None, pseudonym, language, day)
        )
        self.relays[user] = relay
        return relay

    async def relay(self, user: bytes) -> Relay | None:
        """Return the open relay of a user."""
        return self.relays.get(user)

    async def relay_by_topic(self, topic: int) -> Relay | None:
        """Return the open relay whose staff topic is `topic`."""
        return next((r for r in self.relays.values() if r.topic == topic), None)

    async def set_relay_topic(self, user: bytes, topic: int) -> None:
        """Note the staff topic of a relay."""
        if user in self.relays:
            self.relays[user] = replace(self.relays[user], topic=topic)

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""
        if user in self.relays:
            self.relays[user] = replace(self.relays[user], last_day=day)

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""
        return self.relays.pop(user, None) is not None

    async def expire_relays(self, before: date) -> int:
        """Delete relays last used before `before`; return how many."""
        old = [u for u, r in self.relays.items() if r.last_day < before]
        for user in old:
            del self.relays[user]
        return len(old)

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
            await self._db.execute("DELETE FROM relays WHERE user = ?", (user,))
            await self._db.commit()
            await self._wipe_wal()

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

    async def _write(self, sql: str, args: tuple[object, ...], wipe: bool = False) -> int:
        async with self._lock:
            cursor = await self._db.execute(sql, args)
            await self._db.commit()
            if wipe and cursor.rowcount:
                await self._wipe_wal()
        return cursor.rowcount

    async def _wipe_wal(self) -> None:
        """Empty the write-ahead log, so old copies of a deleted chat id leave the disk."""
        await self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def _relay_where(self, where: str, arg: object) -> Relay | None:
        async with self._db.execute(
            f"SELECT user, chat, topic, pseudonym, language, last_day FROM relays WHERE {where}",
            (arg,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        topic = None if row[2] is None else int(row[2])
        return Relay(bytes(row[0]), int(row[1]), topic, row[3], row[4], date.fromisoformat(row[5]))

    async def open_relay(
        self, user: bytes, chat: int, pseudonym: str, language: str, day: date
    ) -> Relay:
        """Open a relay (or keep the open one, renewing its language and day); return it."""
        await self._write(
            "INSERT INTO relays (user, chat, topic, pseudonym, language, last_day) "
            "VALUES (?, ?, NULL, ?, ?, ?) ON CONFLICT (user) DO UPDATE SET chat = excluded.chat, "
            "language = excluded.language, last_day = excluded.last_day",
            (user, chat, pseudonym, language, day.isoformat()),
        )
        relay = await self.relay(user)
        assert relay is not None
        return relay

    async def relay(self, user: bytes) -> Relay | None:
        """Return the open relay of a user."""
        return await self._relay_where("user = ?", user)

    async def relay_by_topic(self, topic: int) -> Relay | None:
        """Return the open relay whose staff topic is `topic`."""
        return await self._relay_where("topic = ?", topic)

    async def set_relay_topic(self, user: bytes, topic: int) -> None:
        """Note the staff topic of a relay."""
        await self._write("UPDATE relays SET topic = ? WHERE user = ?", (topic, user))

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""
        await self._write("UPDATE relays SET last_day = ? WHERE user = ?", (day.isoformat(), user))

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""
        return await self._write("DELETE FROM relays WHERE user = ?", (user,), wipe=True) > 0

    async def expire_relays(self, before: date) -> int:
        """Delete relays last used before `before`; return how many."""
        return await self._write(
            "DELETE FROM relays WHERE last_day < ?", (before.isoformat(),), wipe=True
        )

    async def close(self) -> None:
        """Release the store."""
        await self._db.close()
