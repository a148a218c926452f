"""The relay's time windows: a flood limit per young person, and "at most once per window"
for the "Delivered" notice and the broken-group warning. Each takes a monotonic clock, so
tests move time instead of sleeping."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

FLOOD_MESSAGES = 10  # at most this many messages ...
FLOOD_SECONDS = 60.0  # ... per user in this many seconds into the staff group
NOTICE_SECONDS = 600.0  # "Delivered" in words at most this often; a 👍 reaction between
WARN_SECONDS = 3600.0  # a broken staff group is reported to the shared group once an hour
TOPIC_LIMIT = 3  # a young person opens at most this many staff topics ...
TOPIC_SECONDS = 3600.0  # ... an hour: switching desks cannot flood a group with topics
KEEP = 10_000  # past this many keys, forget the ones whose window has passed

Monotonic = Callable[[], float]


class FloodWindow:
    """At most `limit` events per key in a sliding window of `seconds`."""

    def __init__(
        self,
        limit: int | None = None,
        seconds: float | None = None,
        clock: Monotonic = time.monotonic,
    ) -> None:
        self.limit = limit  # None: FLOOD_MESSAGES, read each time (a bench lowers it)
        self.seconds = FLOOD_SECONDS if seconds is None else seconds
        self._clock = clock
        self._times: dict[Hashable, deque[float]] = {}

    def over(self, key: Hashable) -> bool:
        """Note one event; say whether the key is over the limit (then it is not noted)."""
        now = self._clock()
        times = self._times.setdefault(key, deque())
        while times and now - times[0] >= self.seconds:
            times.popleft()
        if len(times) >= (FLOOD_MESSAGES if self.limit is None else self.limit):
            return True
        times.append(now)
        if len(self._times) > KEEP:  # forget idle keys, so this does not grow without end
            for old in [k for k, v in self._times.items() if not v or now - v[-1] >= self.seconds]:
                del self._times[old]
        return False


class Once:
    """Something done at most once per key in `seconds`."""

    def __init__(self, seconds: float, clock: Monotonic = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._last: dict[Hashable, float] = {}

    def take(self, key: Hashable, *, anyway: bool = False) -> bool:
        """Say whether it is time again for `key` (or `anyway`); if so, note it as done now."""
        now = self._clock()
        last = self._last.get(key)
        if not anyway and last is not None and now - last < self.seconds:
            return False
        self._last[key] = now
        if len(self._last) > KEEP:
            self._last = {k: v for k, v in self._last.items() if now - v < self.seconds}
        return True
