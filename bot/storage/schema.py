"""The store's schema, step by step: each step upgrades version i to i + 1, in place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.storage.seal import ChatSeal

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
    # Schema 4: the chat id encrypted (bot/storage/seal.py), the group always written,
    # topics found by (group, topic), the key check value. Rows are copied by seal_relays.
    """
    CREATE TABLE relays_sealed (
        user BLOB PRIMARY KEY CHECK (length(user) = 16),
        chat BLOB NOT NULL,
        topic INTEGER,
        pseudonym TEXT NOT NULL,
        language TEXT NOT NULL,
        last_day TEXT NOT NULL,
        desk TEXT NOT NULL DEFAULT 'any',
        staff_chat INTEGER,
        waiting_since TEXT,
        answered INTEGER NOT NULL DEFAULT 0,
        closed_day TEXT
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    """,
    # Schema 5: beside each relay, what staff need to know of it (no identifier), deleted
    # with the relay, and when it moves to another desk or group (a new topic starts).
    """
    CREATE TABLE IF NOT EXISTS relay_states (
        user BLOB PRIMARY KEY CHECK (length(user) = 16),
        waiting TEXT,
        muted_until TEXT,
        handover_desk TEXT,
        handover_ask INTEGER,
        handover_note INTEGER
    ) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS relay_states_deleted AFTER DELETE ON relays
    BEGIN
        DELETE FROM relay_states WHERE user = OLD.user;
    END;
    CREATE TRIGGER IF NOT EXISTS relay_states_moved AFTER UPDATE OF desk, staff_chat ON relays
    WHEN OLD.desk IS NOT NEW.desk OR OLD.staff_chat IS NOT NEW.staff_chat
    BEGIN
        DELETE FROM relay_states WHERE user = NEW.user;
    END;
    """,
)
_AFTER_SEALING = """
    DROP TABLE relays;
    ALTER TABLE relays_sealed RENAME TO relays;
    CREATE INDEX relays_topic ON relays (staff_chat, topic);
"""


async def seal_relays(db: aiosqlite.Connection, seal: ChatSeal) -> None:
    """Schema 3 to 4: copy the relays with their chat ids sealed, in one transaction."""
    await db.execute("BEGIN")
    try:
        await _script(db, MIGRATIONS[3])
        async with db.execute(
            "SELECT user, chat, topic, pseudonym, language, last_day, desk, staff_chat, "
            "waiting_since, answered, closed_day FROM relays"
        ) as cursor:
            rows = await cursor.fetchall()
        for row in rows:
            user, chat, waiting = bytes(row[0]), int(row[1]), row[8]
            await db.execute(
                "INSERT INTO relays_sealed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user,
                    seal.seal(chat, user),
                    *row[2:8],
                    None if waiting is None else minute(datetime.fromisoformat(waiting)),
                    *row[9:],
                ),
            )
        await _script(db, _AFTER_SEALING)
        await db.execute("INSERT OR REPLACE INTO meta VALUES ('key-check', ?)", (seal.check,))
        await db.execute("PRAGMA user_version = 4")
        await db.commit()
    except BaseException:
        await db.rollback()
        raise


async def _script(db: aiosqlite.Connection, script: str) -> None:
    """Run statements inside the open transaction (executescript would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            await db.execute(statement)


def minute(moment: datetime) -> str:
    """A time to the minute: enough for response times, less to tell anyone."""
    return moment.replace(second=0, microsecond=0).isoformat()
