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
from collections.abc import Callable
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

    def __init__(
        self,
        clock: Clock,
        store: Store | None = None,
        trouble: Callable[[str, Exception], None] | None = None,
    ) -> None:
        self.clock = clock
        self.store = store
        self.trouble = trouble  # told when the day's totals cannot be written (else: raise)
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
            # Start the new day before awaiting the write of the old one: an update during
            # that write must join the new day's set, not start yet another one.
            day, totals = self.day, self.totals()
            self.day, self.salt, self.seen_today = today, secrets.token_bytes(SALT_BYTES), {}
            await self._write(day, totals)
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
        await self._write(day, totals)

    async def _write(self, day: date | None, totals: dict[str, int]) -> None:
        """Write a finished day's totals; a failure is reported, the totals are lost."""
        if day is None or self.store is None:
            return
        try:
            for language, n in sorted(totals.items()):
                await self.store.count(day, language, UNIQUE, "", n)
        except Exception as exc:
            if self.trouble is None:
                raise
            self.trouble("writing unique users", exc)
