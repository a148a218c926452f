"""Long polling, the same for every runner: an update is confirmed only once it is handled.

Telegram confirms every update below the `offset` of the next getUpdates call. Libraries
confirm a batch as soon as they have fetched it, so a stop or a crash loses the updates still
being handled (a young person's message that was acknowledged but never reached staff). Here
the offset never passes an update that is still being handled: after a crash Telegram sends
it again. Updates seen again while still in hand are skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.adapters.port import ApiUnavailable, BotPort
from bot.adapters.updates import Update

log = logging.getLogger(__name__)

CONCURRENT_UPDATES = 64
CONFIRM_GATHER = 0.05  # seconds to gather finished updates before confirming them
STARTUP_PATIENCE = 45.0  # an unreachable Bot API at start: retried this long, then give up


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait before each retry; the last one repeats."""

    delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)

    def delay(self, attempt: int) -> float:
        """The wait before retry number `attempt` (1 for the first retry)."""
        return self.delays[min(attempt, len(self.delays)) - 1]


DEFAULT_BACKOFF = Backoff()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less when `stop` is set."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def connect(
    port: BotPort,
    stop: asyncio.Event,
    *,
    patience: float = STARTUP_PATIENCE,
    backoff: Backoff = DEFAULT_BACKOFF,
) -> str | None:
    """Check the token, retrying with backoff while Telegram cannot be reached.

    Return the bot's username, or None when `stop` was set first. Raise ApiUnavailable after
    `patience` seconds (so a service manager can restart the bot) and TokenRejected at once.
    """
    started = time.monotonic()
    attempt = 0
    while not stop.is_set():
        try:
            return await port.connect()
        except ApiUnavailable as exc:
            attempt += 1
            waited = time.monotonic() - started
            if waited >= patience:
                log.warning(
                    "Telegram is not reachable (%s); giving up after %d tries", exc, attempt
                )
                raise
            delay = min(backoff.delay(attempt), max(0.0, patience - waited))
            log.warning(
                "Telegram is not reachable (%s); try %d, next in %.0f s", exc, attempt, delay
            )
            await _wait(stop, delay)
    return None


class Poller:
    """Fetches updates and hands each to `handle`, confirming only what is done."""

    def __init__(
        self,
        port: BotPort,
        handle: Callable[[Update], Awaitable[None]],
        *,
        timeout: float = 30.0,
        concurrency: int = CONCURRENT_UPDATES,
        backoff: Backoff = DEFAULT_BACKOFF,
    ) -> None:
        self.port = port
        self.handle = handle
        self.timeout = timeout
        self.backoff = backoff
        self._slots = asyncio.Semaphore(concurrency)
        self._pending: dict[int, asyncio.Task[None]] = {}
        self._next: int | None = None  # the first update id not yet seen
        self._advanced = asyncio.Event()  # the oldest update in hand is done

    def offset(self) -> int | None:
        """Where Telegram may forget: the oldest update in hand, else the next one."""
        return min(self._pending) if self._pending else self._next

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; retry with backoff while Telegram fails."""
        failures = 0
        while not stop.is_set():
            self._advanced.clear()
            fetch = asyncio.ensure_future(self.port.get_updates(self.offset(), self.timeout))
            stopping = asyncio.ensure_future(stop.wait())
            advanced = asyncio.ensure_future(self._advanced.wait())
            await asyncio.wait({fetch, stopping, advanced}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            advanced.cancel()
            if not fetch.done():  # the long poll is not needed any more
                fetch.cancel()
                await asyncio.gather(fetch, return_exceptions=True)
                if stop.is_set():
                    break
                # The oldest update in hand is done: poll again at once, which confirms it
                # (a crash now cannot bring it back), after a moment to gather others.
                await _wait(stop, CONFIRM_GATHER)
                continue
            try:
                updates = fetch.result()
            except ApiUnavailable as exc:
                failures += 1
                delay = self.backoff.delay(failures)
                log.warning("getUpdates failed (%s); retrying in %.0f s", exc, delay)
                await _wait(stop, delay)
                continue
            failures = 0
            fresh = await self._start(updates)
            if updates and not fresh and self._pending:
                # Only updates still in hand came again: wait for one to finish first.
                stopping = asyncio.ensure_future(stop.wait())
                await asyncio.wait(
                    {*self._pending.values(), stopping},
                    timeout=self.timeout,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                stopping.cancel()

    async def _start(self, updates: list[Update]) -> int:
        """Start handling the updates not seen before; return how many."""
        started = 0
        for update in sorted(updates, key=lambda u: u.update_id):
            uid = update.update_id
            if uid in self._pending or (self._next is not None and uid < self._next):
                continue
            self._next = uid + 1
            await self._slots.acquire()
            self._pending[uid] = asyncio.create_task(self._run(update))
            started += 1
        return started

    async def _run(self, update: Update) -> None:
        try:
            await self.handle(update)
        finally:
            oldest = update.update_id == min(self._pending)
            self._pending.pop(update.update_id, None)
            self._slots.release()
            if oldest:  # the offset can move on
                self._advanced.set()

    async def drain(self, grace: float) -> int:
        """Let the updates in hand finish (for up to `grace` seconds), then confirm what is
        done. Return how many were still unfinished (Telegram sends those again)."""
        if self._pending:
            await asyncio.wait(set(self._pending.values()), timeout=grace)
        late = len(self._pending)
        offset = self.offset()  # the oldest unfinished update, which Telegram keeps
        for task in list(self._pending.values()):
            task.cancel()
        if late:
            log.warning("%d updates not finished before the stop; Telegram will resend them", late)
            await asyncio.gather(*self._pending.values(), return_exceptions=True)
        if offset is not None:
            with contextlib.suppress(Exception):  # best effort: a restart sees them again
                await self.port.get_updates(offset, 0)
        return late
