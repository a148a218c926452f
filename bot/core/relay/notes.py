"""The bot's own notes into staff groups, sent in the background and one at a time per
group, each after the young people's messages on their way into it (a group takes only 20
sends a minute, and a young person's message matters more than a note)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

log = logging.getLogger(__name__)

NOTE_PATIENCE = 600  # a note waits up to this many seconds for a quiet group


class Notes:
    """Background notes per staff group, and the count of young people's copies under way."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Future[None]] = set()
        self._in_flight: dict[int, int] = {}  # young people's copies under way, per group
        self._quiet: dict[int, asyncio.Event] = {}  # set while a group has none under way
        self._turns: dict[int, asyncio.Lock] = {}  # one note at a time, per group
        self._finishing = asyncio.Event()  # set on shutdown: pending notes go at once

    @contextlib.contextmanager
    def carrying(self, chat: int) -> Iterator[None]:
        """Count a young person's copy on its way into a group while the block runs."""
        self._in_flight[chat] = self._in_flight.get(chat, 0) + 1
        self._quiet_event(chat).clear()
        try:
            yield
        finally:
            self._in_flight[chat] -= 1
            if not self._in_flight[chat]:
                del self._in_flight[chat]
                self._quiet_event(chat).set()

    def _quiet_event(self, chat: int) -> asyncio.Event:
        event = self._quiet.get(chat)
        if event is None:
            event = self._quiet[chat] = asyncio.Event()
            event.set()
        return event

    def turn(self, chat: int) -> asyncio.Lock:
        """The lock a group's notes take, so they go one at a time."""
        return self._turns.setdefault(chat, asyncio.Lock())

    async def quiet(self, chat: int) -> None:
        """Wait (NOTE_PATIENCE seconds at most) until no young person's message is on its
        way into a staff group, or shutdown begins: notes must not delay those messages."""
        loop = asyncio.get_running_loop()
        end = loop.time() + NOTE_PATIENCE
        while not self._finishing.is_set() and self._in_flight.get(chat):
            left = end - loop.time()
            if left <= 0:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._quiet_event(chat).wait(), left)

    def later(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run a note in the background, keeping a reference until it is done."""
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[None]) -> None:
        self.tasks.discard(task)
        log_failure(task)

    async def finish(self, grace: float = 10.0) -> None:
        """On shutdown: send the notes still waiting for a quiet group, for up to `grace`
        seconds, and drop the rest."""
        self._finishing.set()
        for event in self._quiet.values():  # wake the notes waiting for a quiet group
            event.set()
        loop = asyncio.get_running_loop()
        end = loop.time() + grace
        while self.tasks and loop.time() < end:  # a note may start another: loop
            await asyncio.wait(set(self.tasks), timeout=end - loop.time())
        late = set(self.tasks)
        for task in late:
            task.cancel()
        if late:
            log.warning("%d staff notes not sent before shutdown", len(late))
            await asyncio.wait(late)


def log_failure(task: asyncio.Future[None]) -> None:
    """Log a background send's failure: nobody else would see it. The type only: no content."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a send in the background failed: %s", type(task.exception()).__name__)
