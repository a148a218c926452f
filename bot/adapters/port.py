"""The calls a runner makes on Telegram for the bot: one Protocol, one implementation per library.

The relay's calls (create a topic, copy, send, react, delete) come from `RelayPort`; the rest
shows screens, reads updates and registers the bot. Every call raises only the errors below
(or the relay's `TopicGone` / `Unreachable`), so the shared handling never sees a library's
own exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from bot.adapters.updates import Update
from bot.core.relay import RelayPort
from bot.screens.library import Screen, Venue


class TokenRejected(Exception):
    """Telegram refused the token (or the API URL is not a Bot API): starting makes no sense."""


class ApiUnavailable(Exception):
    """Telegram could not be reached or failed (network, 5xx): try again later."""


class TooLarge(Exception):
    """A file to download is larger than the limit asked for."""


class BotPort(RelayPort, Protocol):
    """Everything the shared handling asks of Telegram."""

    async def connect(self) -> str:
        """Check the token with getMe; return the bot's username. Raise TokenRejected or
        ApiUnavailable."""

    async def get_updates(self, offset: int | None, wait: float) -> list[Update]:
        """Long-poll (up to `wait` seconds) for updates from `offset` on, confirming those
        before it; return them translated."""

    def parse(self, data: dict[str, Any]) -> Update:
        """Translate one update as Telegram posts it to a webhook."""

    async def set_webhook(self, url: str, secret: str) -> None:
        """Register the webhook (polling: `delete_webhook`)."""

    async def delete_webhook(self) -> None:
        """Remove any webhook, keeping pending updates, so polling can start."""

    async def show(self, chat: int, screen: Screen, *, edit: int | None = None) -> None:
        """Show a screen: edit message `edit` when given and possible, else send a new one."""

    async def answer_press(self, query_id: str, notice: str | None) -> None:
        """Stop a pressed button's spinner, with a short notice (never fails)."""

    async def send_voice(self, chat: int, voice: Path) -> None:
        """Send a recording as a voice message."""

    async def send_venue(self, chat: int, venue: Venue) -> None:
        """Send a map pin."""

    async def send_document(self, chat: int, name: str, data: bytes, caption: str) -> None:
        """Send a file as a document, with a short HTML caption."""

    async def download(self, file_id: str, limit: int) -> bytes:
        """Fetch a file someone sent (getFile, then the file URL); raise TooLarge when it
        has more than `limit` bytes."""

    async def is_admin(self, chat: int, user: int) -> bool:
        """Say whether `user` is an administrator (or the owner) of group `chat`."""

    async def leave(self, chat: int) -> None:
        """Leave a group or channel (never fails)."""

    async def set_commands(
        self, code: str | None, commands: list[tuple[str, str]], short: str, description: str
    ) -> None:
        """Register the command menu and the descriptions for one Telegram language code."""

    async def close(self) -> None:
        """Close the connection to Telegram."""
