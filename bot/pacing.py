"""A strict window of sends per group, shared by both runners (no Telegram library here).

Telegram allows about 20 messages a minute into one group. python-telegram-bot's own
limiter is a leaky bucket that lets up to 40 through in the first minute, and the 429 that
follows pauses every send of the bot; aiogram has no limiter at all. So both runners take
a slot here before each send into a group (a staff group of the relay).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

GROUP_PER_MINUTE = 20
GROUP_WINDOW = 60.0
GROUP_SLACK = 0.25


class GroupWindow:
    """At most `limit` messages per group in any `window` seconds, handed out in order."""

    def __init__(
        self,
        limit: int = GROUP_PER_MINUTE,
        window: float = GROUP_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._slots: dict[int, deque[float]] = {}

    def reserve(self, chat: int) -> float:
        """Take the next free slot for one message to group `chat`; return the wait."""
        now = self.clock()
        slots = self._slots.setdefault(chat, deque())
        while slots and slots[0] <= now - self.window:
            slots.popleft()
        at = now
        if len(slots) >= self.limit:
            at = max(now, slots[-self.limit] + self.window + GROUP_SLACK)
        slots.append(at)
        if len(self._slots) > 1_000:
            for key in [k for k, v in self._slots.items() if not v or v[-1] <= now - self.window]:
                del self._slots[key]
        return at - now

    async def wait(self, chat: int) -> None:
        """Wait for a slot in group `chat`."""
        delay = self.reserve(chat)
        if delay > 0:
            await asyncio.sleep(delay)
