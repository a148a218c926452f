"""Unique users per day, counted without storing anything that identifies anyone.

For the current Stockholm day the counter keeps, in memory only, a random salt and the
set of salted hashes of the pseudonyms it has seen. When the day changes (or the bot
stops) it writes that day's total per language to the store as the count event
"unique" and drops the salt and the set. Nothing of it ever reaches the disk, so no one
can tell afterwards whether two days' visitors were the same person.

The price: a restart within a day starts a new set, so someone seen before and after
the restart is counted twice. Restarts are counted too (event "restart") so that the
statistics can say how many days this may affect. Weekly unique users are not knowable.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from typing import Protocol

from bot.rules.hours import STOCKHOLM
from bot.storage.base import Store

UNIQUE = "unique"
RESTART = "restart"
NO_LANGUAGE = "-"
SALT_BYTES = 32


class Clock(Protocol):
    """Tells the time (the conversation's clock)."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""


class DailyUniques:
    """Counts distinct users of the current Stockholm day, in memory only."""

    def __init__(self, clock: Clock, store: Store | None = None) -> None:
        self.clock = clock
        self.store = store
        self.day: date | None = None
        self.salt: bytes | None = None
        # salted hash -> the user's language (the last one known that day)
        self.seen_today: dict[bytes, str] = {}

    def today(self) -> date:
        """Today in Stockholm."""
        return self.clock.now().astimezone(STOCKHOLM).date()

    def _hash(self, user: bytes) -> bytes:
        assert self.salt is not None
        return hashlib.blake2b(user, key=self.salt, digest_size=16).digest()

    async def seen(self, user: bytes | int, language: str | None) -> None:
        """Note that a user (pseudonym bytes or chat id) was active today."""
        today = self.today()
        if self.day != today:
            await self.flush()
            self.day = today
            self.salt = secrets.token_bytes(SALT_BYTES)
        raw = user if isinstance(user, bytes) else b"chat:%d" % user
        key = self._hash(raw)
        if language and language != NO_LANGUAGE:
            self.seen_today[key] = language
        else:
            self.seen_today.setdefault(key, NO_LANGUAGE)

    def totals(self) -> dict[str, int]:
        """Return today's unique users per language so far."""
        per_language: dict[str, int] = {}
        for language in self.seen_today.values():
            per_language[language] = per_language.get(language, 0) + 1
        return per_language

    async def flush(self) -> None:
        """Write the current day's totals to the store, then forget the salt and the set."""
        day, totals = self.day, self.totals()
        # Drop everything before awaiting, so a concurrent call cannot write twice.
        self.day, self.salt, self.seen_today = None, None, {}
        if day is None or self.store is None:
            return
        for language, n in sorted(totals.items()):
            await self.store.count(day, language, UNIQUE, "", n)
