"""The relays' state for staff in SQLite (schema 5): waiting, mute, a proposed handover.

A part of SqliteStore (bot/storage/sqlite.py), kept apart to keep each module small. The
rows hold no identifier and go with their relay (the schema's triggers delete them).
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import aiosqlite

from bot.storage.base import Handover, Relay, RelayState, Waiting
from bot.storage.schema import minute


def _moment(text: str | None) -> datetime | None:
    """A stored time, or None."""
    return None if text is None else datetime.fromisoformat(text)


class SqliteStates:
    """The relay-state half of the store contract, over SqliteStore's connection."""

    _db: aiosqlite.Connection
    _lock: asyncio.Lock

    async def _write(self, sql: str, args: tuple[object, ...], wipe: bool = False) -> int:
        """Run one write (SqliteStore's)."""
        raise NotImplementedError

    async def relay(self, user: bytes) -> Relay | None:
        """Return the relay of a user (SqliteStore's)."""
        raise NotImplementedError

    async def relay_state(self, user: bytes) -> RelayState:
        """Return what staff need to know of a relay (empty when there is none)."""
        async with self._db.execute(
            "SELECT s.waiting, s.muted_until, s.handover_desk, s.handover_ask, s.handover_note "
            "FROM relay_states s JOIN relays r ON r.user = s.user WHERE s.user = ?",
            (user,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return RelayState()
        handover = None
        if row[2] is not None and row[3] is not None:
            handover = Handover(row[2], int(row[3]), None if row[4] is None else int(row[4]))
        return RelayState(_moment(row[0]), _moment(row[1]), handover)

    async def _set_state(self, user: bytes, assignments: str, args: tuple[object, ...]) -> None:
        """Change a relay's state (a row is made when the relay exists)."""
        async with self._lock:
            await self._db.execute(
                "INSERT INTO relay_states (user) SELECT user FROM relays WHERE user = ? "
                "ON CONFLICT DO NOTHING",
                (user,),
            )
            await self._db.execute(
                f"UPDATE relay_states SET {assignments} WHERE user = ?", (*args, user)
            )
            await self._db.commit()

    async def mark_waiting(self, user: bytes, since: datetime) -> None:
        """Note a message staff have not answered, unless an older one still waits."""
        await self._set_state(user, "waiting = coalesce(waiting, ?)", (minute(since),))

    async def clear_waiting(self, user: bytes) -> None:
        """Note that staff answered: nothing waits."""
        await self._write("UPDATE relay_states SET waiting = NULL WHERE user = ?", (user,))

    async def set_muted(self, user: bytes, until: datetime | None) -> None:
        """Stop copying a relay's messages until `until`, or copy them again (None)."""
        await self._set_state(user, "muted_until = ?", (until.isoformat() if until else None,))

    async def set_handover(self, user: bytes, handover: Handover | None) -> None:
        """Note a proposed handover, or drop it (None)."""
        values = (
            (None, None, None)
            if handover is None
            else (
                handover.desk,
                handover.ask,
                handover.note,
            )
        )
        await self._set_state(
            user, "handover_desk = ?, handover_ask = ?, handover_note = ?", values
        )

    async def waiting_relays(self, staff_chat: int) -> list[Waiting]:
        """Return the open relays with a topic in `staff_chat` waiting for an answer,
        longest first."""
        async with self._db.execute(
            "SELECT r.topic, r.pseudonym, s.waiting FROM relays r "
            "JOIN relay_states s ON s.user = r.user "
            "WHERE r.staff_chat = ? AND r.topic IS NOT NULL AND r.closed_day IS NULL "
            "AND s.waiting IS NOT NULL ORDER BY s.waiting",
            (staff_chat,),
        ) as cursor:
            rows = await cursor.fetchall()
        found = [Waiting(int(r[0]), str(r[1]), datetime.fromisoformat(r[2])) for r in rows]
        return sorted(found, key=lambda w: w.since)  # ISO text sorts wrong across offsets

    async def move_relay(
        self, user: bytes, desk: str, staff_chat: int, pseudonym: str
    ) -> Relay | None:
        """Hand a relay over to another desk: a new made-up name, no topic yet, nothing
        answered or waiting, its state cleared; return it (None: there is none)."""
        async with self._lock:
            await self._db.execute(
                "UPDATE relays SET desk = ?, staff_chat = ?, pseudonym = ?, topic = NULL, "
                "answered = 0, waiting_since = NULL, closed_day = NULL WHERE user = ?",
                (desk, staff_chat, pseudonym, user),
            )
            await self._db.execute("DELETE FROM relay_states WHERE user = ?", (user,))
            await self._db.commit()
        return await self.relay(user)
