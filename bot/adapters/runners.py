"""Choose a runner by name: python-telegram-bot (the default) or aiogram (an extra)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.conversation import Conversation
from bot.settings import Settings, SettingsError

RUNNERS = ("ptb", "aiogram")


async def serve(
    settings: Settings,
    conversation: Conversation,
    stop: asyncio.Event | None = None,
    *,
    runner: str = "ptb",
    **options: Any,
) -> None:
    """Run the bot with `runner`, by polling or (webhook=True) by webhook."""
    if runner == "aiogram":
        try:
            from bot.adapters.aiogram_runner import serve as aiogram_serve
        except ImportError:
            raise SettingsError(
                "the aiogram runner is not installed: pip install 'nasta-steg[aiogram]'"
            ) from None
        await aiogram_serve(settings, conversation, stop, **options)
        return
    from bot.adapters.ptb_runner import serve as ptb_serve

    await ptb_serve(settings, conversation, stop, **options)
