"""The store in an SQLite file (WAL mode, secure delete), through aiosqlite."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date, datetime
from pathlib import Path

import aiosqlite

from bot.storage.base import AmbiguousTopic, Count, Expired, Relay
from bot.storage.schema import MIGRATIONS, minute, seal_relays
from bot.storage.seal import ChatSeal
from bot.storage.states import SqliteStates

log = logging.getLogger(__name__)

DB_NAME = "nasta-steg.sqlite3"  # in BOT_DATA_DIR
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_MS = 5000  # a write waits this long for another connection (a backup, `bot stats`)
WIPE_BUSY_MS = 100  # ... but a WAL wipe only this long: it is tried again later instead
WIPE_RETRY_SECONDS = 30.0  # a wipe a reader blocked is tried again after a write this late
JOURNAL_LIMIT = 4 * 1024 * 1024  # the WAL file is cut back to this size after a checkpoint


class SchemaTooNew(Exception):
    """The store was written by a newer version of the bot."""


class SqliteStore(SqliteStates):
    """The store in an SQLite file (WAL mode), through aiosqlite."""

    def __init__(self, db: aiosqlite.Connection, seal: ChatSeal) -> None:
        self._db = db
        self._seal = seal
        self._lock = asyncio.Lock()
        self._closed = False
        self._lost: list[Expired] = []  # unreadable relays deleted at start, not yet reported
        self._wipe_due: float | None = None  # when a blocked WAL wipe is tried again

    @classmethod
    async def open(cls, path: Path, seal: ChatSeal) -> SqliteStore:
        """Open (creating or upgrading) the store at `path`; chat ids are sealed by `seal`."""
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # for this user only
        db = await aiosqlite.connect(path)
        store = cls(db, seal)
        try:  # on any failure, close: the connection's thread would keep the process alive
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA secure_delete=ON")
            await db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            await db.execute(f"PRAGMA journal_size_limit={JOURNAL_LIMIT}")
            await store._migrate()
            await store._check_key()
            async with store._lock:
                await store._wipe_wal()  # a wipe left blocked before a stop or a crash
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
            if step == 3:
                await seal_relays(self._db, self._seal)
                continue
            await self._db.executescript(
                f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step + 1}; COMMIT;"
            )

    async def _check_key(self) -> None:
        """Note the key check value; if the key changed, delete the relays it cannot read
        (their staff are told at the next expiry) rather than keep their chat ids."""
        async with self._db.execute("SELECT value FROM meta WHERE name = 'key-check'") as c:
            row = await c.fetchone()
        if row is not None and bytes(row[0]) != self._seal.check:
            log.warning(
                "the pseudonym key is not the one the relay links were written with: "
                "links it cannot read are deleted and their staff topics told"
            )
        async with self._lock:
            self._lost = await self._delete_unreadable()
            await self._db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('key-check', ?)", (self._seal.check,)
            )
            await self._db.commit()
            if self._lost:
                await self._wipe_wal()

    async def _delete_unreadable(self) -> list[Expired]:
        """Delete relays whose chat id does not decrypt (call with the lock held, commit
        after); return their staff topics."""
        async with self._db.execute("SELECT user, chat, staff_chat, topic FROM relays") as c:
            rows = await c.fetchall()
        lost = [r for r in rows if self._seal.open(bytes(r[1]), bytes(r[0])) is None]
        for row in lost:
            await self._db.execute("DELETE FROM relays WHERE user = ?", (row[0],))
        return [
            Expired(None if r[2] is None else int(r[2]), int(r[3]), closed=False, lost=True)
            for r in lost
            if r[3] is not None
        ]

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""
        async with self._db.execute("SELECT language FROM languages WHERE user = ?", (user,)) as c:
            row = await c.fetchone()
        return str(row[0]) if row else None

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""
        await self._write(
            "INSERT INTO languages (user, language, day) VALUES (?, ?, ?) "
            "ON CONFLICT (user) DO UPDATE SET language = excluded.language, day = excluded.day",
            (user, language, day.isoformat()),
        )

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""
        async with self._lock:
            await self._db.execute("DELETE FROM languages WHERE user = ?", (user,))
            await self._db.execute("DELETE FROM relays WHERE user = ?", (user,))
            await self._db.commit()
            await self._wipe_wal()

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""
        return await self._write("DELETE FROM languages WHERE day < ?", (before.isoformat(),))

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""
        await self._write(
            "INSERT INTO counts (day, language, event, subject, n) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            (day.isoformat(), language, event, subject, n),
        )

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
            try:
                cursor = await self._db.execute(sql, args)
                await self._db.commit()
            except BaseException:
                await self._db.rollback()  # a full disk: leave no half-open transaction
                raise
            due = self._wipe_due is not None and time.monotonic() >= self._wipe_due
            if (wipe and cursor.rowcount) or due:
                await self._wipe_wal()
        return cursor.rowcount

    async def _wipe_wal(self) -> None:
        """Empty the write-ahead log, so old copies of a deleted chat id leave the disk.

        A reader (a backup, `bot stats`) blocks the checkpoint: then wait only briefly,
        holding the lock, and try again after a later write instead.
        """
        await self._db.execute(f"PRAGMA busy_timeout={WIPE_BUSY_MS}")
        try:
            async with self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                row = await cursor.fetchone()
        finally:
            await self._db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        if row is not None and int(row[0]) == 0:
            self._wipe_due = None
        else:
            if self._wipe_due is None:
                log.info("the write-ahead log is in use by a reader; wiping it later")
            self._wipe_due = time.monotonic() + WIPE_RETRY_SECONDS

    _RELAY_COLUMNS = (
        "user, chat, topic, pseudonym, language, last_day, desk, staff_chat, waiting_since, "
        "answered, closed_day"
    )

    async def _relays_where(self, where: str, *args: object) -> list[Relay | None]:
        """The relays matching; None for a row whose chat id cannot be decrypted."""
        async with self._db.execute(
            f"SELECT {self._RELAY_COLUMNS} FROM relays WHERE {where}", args
        ) as cursor:
            rows = await cursor.fetchall()
        return [self._relay_of(row) for row in rows]

    def _relay_of(self, row: aiosqlite.Row) -> Relay | None:
        user = bytes(row[0])
        chat = self._seal.open(bytes(row[1]), user)
        if chat is None:  # another key: the row is deleted at the next expiry
            return None
        return Relay(
            user,
            chat,
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
        """Open a relay, or renew the user's one (a new desk or group starts a new topic,
        under a new made-up name)."""
        # In an UPDATE, SQLite reads every right-hand side from the old row.
        same = "(relays.desk = excluded.desk AND relays.staff_chat IS excluded.staff_chat)"
        await self._write(
            "INSERT INTO relays (user, chat, topic, pseudonym, language, last_day, desk, "
            "staff_chat) VALUES (?, ?, NULL, ?, ?, ?, ?, ?) ON CONFLICT (user) DO UPDATE SET "
            "chat = excluded.chat, language = excluded.language, "
            "last_day = excluded.last_day, closed_day = NULL, "
            f"topic = CASE WHEN {same} THEN relays.topic END, "
            f"pseudonym = CASE WHEN {same} THEN relays.pseudonym ELSE excluded.pseudonym END, "
            f"answered = CASE WHEN {same} THEN relays.answered ELSE 0 END, "
            f"waiting_since = CASE WHEN {same} THEN relays.waiting_since END, "
            "desk = excluded.desk, staff_chat = excluded.staff_chat",
            (
                user,
                self._seal.seal(chat, user),
                pseudonym,
                language,
                day.isoformat(),
                desk,
                staff_chat,
            ),
        )
        relay = await self.relay(user)
        assert relay is not None
        return relay

    async def relay(self, user: bytes) -> Relay | None:
        """Return the relay of a user (open, or closed by staff within the grace period)."""
        found = await self._relays_where("user = ?", user)
        return found[0] if found else None

    async def relay_by_topic(self, staff_chat: int, topic: int) -> Relay | None:
        """Return the relay of a topic in `staff_chat`; raise AmbiguousTopic if several."""
        found = await self._relays_where("staff_chat = ? AND topic = ?", staff_chat, topic)
        if len(found) > 1:
            raise AmbiguousTopic(f"{len(found)} relays share a topic")
        return found[0] if found else None

    async def set_relay_topic(
        self, user: bytes, topic: int | None, staff_chat: int | None = None
    ) -> None:
        """Note the staff topic of a relay, and its group when given (the relay moves)."""
        if staff_chat is None:
            await self._write("UPDATE relays SET topic = ? WHERE user = ?", (topic, user))
        else:
            await self._write(
                "UPDATE relays SET topic = ?, staff_chat = ? WHERE user = ?",
                (topic, staff_chat, user),
            )

    async def drop_topic(self, staff_chat: int, topic: int) -> int:
        """Forget a topic in every relay that claims it (each opens a new one); return how
        many."""
        return await self._write(
            "UPDATE relays SET topic = NULL WHERE staff_chat = ? AND topic = ?", (staff_chat, topic)
        )

    async def adopt_relays(self, staff_chat: int) -> int:
        """Give relays written without a group (before schema 4) the shared group
        `staff_chat`; return how many."""
        return await self._write(
            "UPDATE relays SET staff_chat = ? WHERE staff_chat IS NULL", (staff_chat,)
        )

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""
        await self._write("UPDATE relays SET last_day = ? WHERE user = ?", (day.isoformat(), user))

    async def relay_waiting(self, user: bytes, since: datetime) -> None:
        """Note a young person's message (to the minute), if staff have never answered and
        none is waiting."""
        await self._write(
            "UPDATE relays SET waiting_since = ? "
            "WHERE user = ? AND answered = 0 AND waiting_since IS NULL",
            (minute(since), user),
        )

    async def relay_answered(self, user: bytes) -> datetime | None:
        """Note a staff answer; return when the first unanswered message came, if one did
        (once: of two answers at the same time, only one gets it)."""
        async with self._lock:  # read and clear under one lock: no second answer reads it
            async with self._db.execute(
                "SELECT waiting_since, answered FROM relays WHERE user = ?", (user,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            if row[0] is not None or not row[1]:
                await self._db.execute(
                    "UPDATE relays SET answered = 1, waiting_since = NULL WHERE user = ?", (user,)
                )
                await self._db.commit()
        return None if row[0] is None else datetime.fromisoformat(row[0])

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
        """Delete relays last used before `before` or closed before `closed_before`, and
        those whose chat id cannot be decrypted; return the staff topics of those that had
        one."""
        limit = (closed_before or date.min).isoformat()
        where = ("last_day < ? OR closed_day < ?", (before.isoformat(), limit))
        async with self._lock:
            lost, self._lost = self._lost, []
            lost += await self._delete_unreadable()
            async with self._db.execute(
                f"SELECT staff_chat, topic, closed_day < ? FROM relays WHERE {where[0]}",
                (limit, *where[1]),
            ) as cursor:
                rows = await cursor.fetchall()
            if rows:
                await self._db.execute(f"DELETE FROM relays WHERE {where[0]}", where[1])
            await self._db.commit()
            if rows or lost:
                await self._wipe_wal()
        return lost + [
            Expired(None if r[0] is None else int(r[0]), int(r[1]), bool(r[2]))
            for r in rows
            if r[1] is not None
        ]

    async def close(self) -> None:
        """Release the store (again: nothing happens)."""
        if not self._closed:
            self._closed = True
            await self._db.close()
