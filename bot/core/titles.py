"""Topic names that show staff a conversation's state, renamed within Telegram's limits.

Every rename is an editForumTopic call and a service message in the topic, so a topic is
renamed at most once per RENAME_SECONDS; a change inside that window waits, and goes out
with the next activity after it (the last state wins).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Final, Literal

from bot.core.conversation import Clock
from bot.storage.base import Relay

State = Literal["new", "waiting", "answered", "closed", "moved"]
# A mark before the made-up name; the same in every language (docs/STAFF.md explains it).
MARKS: Final[dict[State, str]] = {
    "new": "🆕",
    "waiting": "⏳",
    "answered": "💬",
    "closed": "🔒",
    "moved": "➡️",
}
RENAME_SECONDS: Final = 300.0
MAX_TITLE: Final = 128  # Telegram's limit on a topic's name
REMEMBERED: Final = 5000  # topics whose last rename is remembered; older ones are dropped

Key = tuple[int, int]  # staff group, topic


def state_of(relay: Relay, waiting: bool) -> State:
    """A conversation's state: closed, or waiting for staff (new when never answered)."""
    if not relay.is_open:
        return "closed"
    if relay.answered:
        return "waiting" if waiting else "answered"
    return "new"


def topic_title(relay: Relay, state: State) -> str:
    """The topic's name: state, made-up name, language, organisation; never the user's."""
    return f"{MARKS[state]} {relay.pseudonym} · {relay.language} · {relay.desk}"[:MAX_TITLE]


class TopicTitles:
    """Renames topics when their state changes, at most once per window each."""

    def __init__(
        self,
        rename: Callable[[int, int, str], Awaitable[None]],
        clock: Clock,
        window: float = RENAME_SECONDS,
    ) -> None:
        self._rename = rename
        self._clock = clock
        self._window = timedelta(seconds=window)
        self._shown: dict[Key, tuple[str, datetime]] = {}
        self._due: dict[Key, str] = {}

    def created(self, chat: int, topic: int, title: str) -> None:
        """Note a topic created with `title` (creating counts as a rename)."""
        self._remember((chat, topic), title)

    async def show(self, chat: int, topic: int, title: str) -> None:
        """Rename a topic to `title` now, or when its window allows."""
        key = (chat, topic)
        shown = self._shown.get(key)
        if shown is not None and shown[0] == title:
            self._due.pop(key, None)
            return
        if shown is not None and self._clock.now() - shown[1] < self._window:
            self._due[key] = title
            return
        self._due.pop(key, None)
        self._remember(key, title)
        await self._rename(chat, topic, title)

    async def flush(self) -> None:
        """Make the renames that waited for their window and may go now."""
        for (chat, topic), title in list(self._due.items()):
            await self.show(chat, topic, title)

    def _remember(self, key: Key, title: str) -> None:
        now = self._clock.now()
        self._shown[key] = (title, now)
        if len(self._shown) > REMEMBERED:  # forget the oldest half: bounded memory
            oldest = sorted(self._shown.items(), key=lambda item: item[1][1])
            for old, _ in oldest[: REMEMBERED // 2]:
                if old not in self._due:
                    del self._shown[old]
