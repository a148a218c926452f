"""The store in an SQLite file (WAL mode, secure delete), through aiosqlite."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import aiosqlite

from bot.storage.base import Count, Expired, Relay

DB_NAME = "nasta-steg.sqlite3"  # in BOT_DATA_DIR
SCHEMA_VERSION = 3

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
    """
    ALTER TABLE relays ADD COLUMN desk TEXT NOT NULL DEFAULT 'any';
    ALTER TABLE relays ADD COLUMN staff_chat INTEGER;
    ALTER TABLE relays ADD COLUMN waiting_since TEXT;
    ALTER TABLE relays ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE relays ADD COLUMN closed_day TEXT;
    """,
)


class SchemaTooNew(Exception):
    """The store was written by a newer version of the bot."""


class SqliteStore:
    """The store in an SQLite file (WAL mode), through aiosqlite."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def open(cls, path: Path) -> SqliteStore:
        """Open (creating or upgrading) the store at `path`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(path)
        store = cls(db)
        try:  # on any failure, close: the connection's thread would keep the process alive
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA secure_delete=ON")
            await store._migrate()
        except BaseException:
            await store.close()
            raise
        return store

    async def _migrate(self) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"the store was written by a newer version of the bot (schema {version}, "
                f"this one knows {SCHEMA_VERSION}): update the bot, or restore a backup."
            )
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

    _RELAY_COLUMNS = (
        "user, chat, topic, pseudonym, language, last_day, desk, staff_chat, waiting_since, "
        "answered, closed_day"
    )

    async def _relay_where(self, where: str, *args: object) -> Relay | None:
        async with self._db.execute(
            f"SELECT {self._RELAY_COLUMNS} FROM relays WHERE {where}", args
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return Relay(
            bytes(row[0]),
            int(row[1]),
            None if row[2] is None else int(row[2]),
            row[3],
            row[4],
            date.fromisoformat(row[5]),
            row[6],
            None if row[7] is None else int(row[7]),
            None if row[8] is None else datetime.fromisoformat(row[8]),
            bool(row[9]),
            None if row[10] is None else date.fromisoformat(row[10]),
        )

    async def open_relay(
        self,
        user: bytes,
        chat: int,
        pseudonym: str,
        language: str,
        day: date,
        desk: str = "any",
        staff_chat: int | None = None,
    ) -> Relay:
        """Open a relay, or renew the user's one (a new desk or group starts a new topic)."""
        # In an UPDATE, SQLite reads every right-hand side from the old row.
        same = "(relays.desk = excluded.desk AND relays.staff_chat IS excluded.staff_chat)"
        await self._write(
            "INSERT INTO relays (user, chat, topic, pseudonym, language, last_day, desk, "
            "staff_chat) VALUES (?, ?, NULL, ?, ?, ?, ?, ?) ON CONFLICT (user) DO UPDATE SET "
            "chat = excluded.chat, language = excluded.language, "
            "last_day = excluded.last_day, closed_day = NULL, "
            f"topic = CASE WHEN {same} THEN relays.topic END, "
            f"answered = CASE WHEN {same} THEN relays.answered ELSE 0 END, "
            f"waiting_since = CASE WHEN {same} THEN relays.waiting_since END, "
            "desk = excluded.desk, staff_chat = excluded.staff_chat",
            (user, chat, pseudonym, language, day.isoformat(), desk, staff_chat),
        )
        relay = await self.relay(user)
        assert relay is not None
        return relay

    async def relay(self, user: bytes) -> Relay | None:
        """Return the relay of a user (open, or closed by staff within the grace period)."""
        return await self._relay_where("user = ?", user)

    async def relay_by_topic(
        self, staff_chat: int, topic: int, *, shared: bool = False
    ) -> Relay | None:
        """Return the relay of a topic in `staff_chat` (`shared`: it is the shared group)."""
        if shared:
            return await self._relay_where(
                "topic = ? AND (staff_chat = ? OR staff_chat IS NULL)", topic, staff_chat
            )
        return await self._relay_where("topic = ? AND staff_chat = ?", topic, staff_chat)

    async def set_relay_topic(self, user: bytes, topic: int) -> None:
        """Note the staff topic of a relay."""
        await self._write("UPDATE relays SET topic = ? WHERE user = ?", (topic, user))

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""
        await self._write("UPDATE relays SET last_day = ? WHERE user = ?", (day.isoformat(), user))

    async def relay_waiting(self, user: bytes, since: datetime) -> None:
        """Note a young person's message, if staff have never answered and none is waiting."""
        await self._write(
            "UPDATE relays SET waiting_since = ? "
            "WHERE user = ? AND answered = 0 AND waiting_since IS NULL",
            (since.isoformat(), user),
        )

    async def relay_answered(self, user: bytes) -> datetime | None:
        """Note a staff answer; return when the first unanswered message came, if one did."""
        relay = await self.relay(user)
        if relay is None:
            return None
        if relay.waiting_since is not None or not relay.answered:
            await self._write(
                "UPDATE relays SET answered = 1, waiting_since = NULL WHERE user = ?", (user,)
            )
        return relay.waiting_since

    async def set_relay_closed(self, user: bytes, day: date | None) -> None:
        """Mark a relay closed by staff on `day`, or open again (None)."""
        await self._write(
            "UPDATE relays SET closed_day = ? WHERE user = ?",
            (day.isoformat() if day else None, user),
        )

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""
        return await self._write("DELETE FROM relays WHERE user = ?", (user,), wipe=True) > 0

    async def expire_relays(self, before: date, closed_before: date | None = None) -> list[Expired]:
        """Delete relays last used before `before` or closed before `closed_before`;
        return the staff topics of those that had one."""
        limit = (closed_before or date.min).isoformat()
        where = ("last_day < ? OR closed_day < ?", (before.isoformat(), limit))
        async with self._lock:
            async with self._db.execute(
                f"SELECT staff_chat, topic, closed_day < ? FROM relays WHERE {where[0]}",
                (limit, *where[1]),
            ) as cursor:
                rows = await cursor.fetchall()
            if not rows:
                return []
            await self._db.execute(f"DELETE FROM relays WHERE {where[0]}", where[1])
            await self._db.commit()
            await self._wipe_wal()
        return [
            Expired(None if r[0] is None else int(r[0]), int(r[1]), bool(r[2]))
            for r in rows
            if r[1] is not None
        ]

    async def close(self) -> None:
        """Release the store (again: nothing happens)."""
        if not self._closed:
            self._closed = True
            await self._db.close()
