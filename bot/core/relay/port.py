"""What the relay asks of a runner (`RelayPort`) and the messages a runner hands it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.core.conversation import AskContact
from bot.screens.library import Rows

WIPE_MESSAGES = 1000  # /forget tries to delete this many of the latest messages in the chat
WIPE_BATCH = 100  # deleteMessages takes at most 100 ids

log = logging.getLogger(__name__)


class TopicGone(Exception):
    """The staff topic was deleted or closed: open a new one."""


class Unreachable(Exception):
    """The chat cannot be reached: the young person blocked the bot or deleted the chat,
    or a staff group cannot take new topics (not a forum, no right to add topics, the bot
    was removed)."""


Keyboard = AskContact | Literal["remove"] | None


class RelayPort(Protocol):
    """The Bot API calls the relay needs; each runner translates them."""

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""

    async def copy(
        self,
        to_chat: int,
        from_chat: int,
        message_id: int,
        *,
        topic: int | None,
        buttons: Rows,
        protect: bool = False,
    ) -> None:
        """Copy a message (`protect`: it cannot be forwarded or saved); raise TopicGone or
        Unreachable."""

    async def send(
        self,
        chat: int,
        text: str,
        *,
        topic: int | None = None,
        buttons: Rows = (),
        keyboard: Keyboard = None,
        protect: bool = False,
    ) -> None:
        """Send HTML text (`protect`: it cannot be forwarded or saved); raise TopicGone or
        Unreachable."""

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        """Rename a forum topic (best effort: errors are swallowed by the port)."""

    async def react(self, chat: int, message_id: int) -> None:
        """Put a 👍 on a message (best effort: errors are swallowed by the port)."""

    async def delete_messages(self, chat: int, message_ids: Sequence[int]) -> bool:
        """Delete messages in a chat; return False when Telegram refused."""


@dataclass(frozen=True, slots=True)
class FromYoung:
    """A message from a young person with an open relay."""

    chat: int
    message_id: int
    phone: str | None = None  # their own number, when they shared it for a call back


@dataclass(frozen=True, slots=True)
class FromStaff:
    """A message in a forum topic of a group the bot is in."""

    staff_chat: int
    topic: int | None
    message_id: int
    text: str = ""  # the text, for commands (never a caption: a photo is always copied)


async def wipe_chat(port: RelayPort, chat: int, last_id: int) -> bool:
    """Delete the latest messages of a private chat, newest first; return whether the wipe
    went as far as Telegram allows (False: it failed on the way, e.g. Telegram was down).

    Message ids in a private chat count up, for both sides. Telegram skips ids it cannot
    find and refuses messages older than 48 hours; the first refusal ends the wipe.
    """
    first = max(1, last_id - WIPE_MESSAGES + 1)
    for top in range(last_id, first - 1, -WIPE_BATCH):
        ids = list(range(top, max(first, top - WIPE_BATCH + 1) - 1, -1))
        try:
            if not await port.delete_messages(chat, ids):
                break  # refused: older than Telegram allows, the end of the wipe
        except Exception as exc:  # the port already retried what is safe to retry
            log.warning("deleting a chat's messages failed: %s", type(exc).__name__)
            return False
    return True
