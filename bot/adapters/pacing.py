"""Pacing of sends, shared by both runners (no Telegram library here).

A token bucket per private chat (a burst of 3, then one a second) and a strict window
per group.

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
PRIVATE_BURST = 3.0
PRIVATE_PER_SECOND = 1.0
PRIVATE_SLACK = 0.05
# Telegram allows about 30 calls a second overall; keep a margin for the way there.
OVERALL_SPACING = 1 / 28
OVERALL_LIMIT = 27


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


class ChatPacer:
    """A token bucket per private chat: `burst` messages at once, then `rate` a second."""

    def __init__(
        self,
        burst: float = PRIVATE_BURST,
        rate: float = PRIVATE_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst, self.rate, self.clock = burst, rate, clock
        self._buckets: dict[int, tuple[float, float]] = {}

    def reserve(self, chat: int) -> float:
        """Take a slot for one message to `chat`; return how many seconds to wait for it."""
        now = self.clock()
        tokens, stamp = self._buckets.get(chat, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate) - 1.0
        self._buckets[chat] = (tokens, now)
        if len(self._buckets) > 10_000:
            self._forget_idle(now)
        return 0.0 if tokens >= 0 else -tokens / self.rate + PRIVATE_SLACK

    def sent(self, chat: int) -> None:
        """A call to `chat` has been answered: its chat's bucket refills from now on.

        Telegram counts a message when it arrives, which can be well after its slot was
        taken (a new connection, a busy machine); had the bucket refilled from the slot, a
        quick message after a slow one could arrive too soon. From the answer, which is
        never earlier than the arrival, the pace never runs ahead of Telegram's count.
        """
        entry = self._buckets.get(chat)
        if entry is not None:
            tokens, stamp = entry
            self._buckets[chat] = (tokens, max(stamp, self.clock()))

    def _forget_idle(self, now: float) -> None:
        """Drop chats whose bucket has filled up again: they are back to the default."""
        full = self.burst / self.rate
        for chat in [c for c, (_, stamp) in self._buckets.items() if now - stamp > full]:
            del self._buckets[chat]

    async def wait(self, chat: int) -> None:
        """Wait until a message to `chat` may go out."""
        delay = self.reserve(chat)
        if delay > 0:
            await asyncio.sleep(delay)


class Spacer:
    """The bot's overall pace: one call every `spacing` seconds, and never more than `limit`
    started in any `window` seconds, as measured when each call really starts.

    Slots handed out in advance are not enough on a busy machine: calls whose slots passed
    while the event loop was busy all start at once. So each call checks the real time of
    the last ones before it goes, in order.
    """

    def __init__(
        self,
        spacing: float = OVERALL_SPACING,
        limit: int = OVERALL_LIMIT,
        window: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.spacing, self.limit, self.window, self.clock = spacing, limit, window, clock
        self._started: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Wait until a call may start now."""
        async with self._lock:  # in order of arrival
            while True:
                now = self.clock()
                started = self._started
                while started and started[0] <= now - self.window:
                    started.popleft()
                at = started[-1] + self.spacing if started else now
                if len(started) >= self.limit:
                    at = max(at, started[0] + self.window)
                if at <= now:
                    break
                await asyncio.sleep(at - now)
            started.append(now)


class Pacing:
    """All of Telegram's flood limits for one bot: every runner waits here before a call.

    `Pacing()` is Telegram's limits; `Pacing.off()` never waits (for tests that are about
    something else: one test per mechanism runs the real pace).
    """

    def __init__(
        self,
        chats: ChatPacer | None = None,
        groups: GroupWindow | None = None,
        overall: Spacer | None = None,
        *,
        enabled: bool = True,
    ) -> None:
        self.chats = chats or ChatPacer()
        self.groups = groups or GroupWindow()
        self.overall = overall or Spacer()
        self.enabled = enabled

    @classmethod
    def off(cls) -> Pacing:
        """Pacing that never waits."""
        return cls(enabled=False)

    async def wait(self, chat: object) -> None:
        """Wait for a slot for a call to `chat` (an id, maybe as text; None: no chat)."""
        if not self.enabled:
            return
        chat_id = _chat_id(chat)
        if chat_id is not None and chat_id > 0:
            await self.chats.wait(chat_id)
        elif chat_id is not None and chat_id < 0:
            await self.groups.wait(chat_id)
        await self.overall.wait()  # every call counts towards the 30 a second

    def sent(self, chat: object) -> None:
        """The call to `chat` that waited in `wait` has been answered (or failed)."""
        chat_id = _chat_id(chat)
        if self.enabled and chat_id is not None and chat_id > 0:
            self.chats.sent(chat_id)


def _chat_id(chat: object) -> int | None:
    """A call's chat as a number (the libraries pass it as a number or as text), else None."""
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    if isinstance(chat, int) and not isinstance(chat, bool):
        return chat
    return None
