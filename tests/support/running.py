"""Start the real bot against the fake Bot API in any runner and mode: one way for tests and
benches alike."""

from __future__ import annotations

import asyncio
import functools
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.adapters.pacing import Pacing
from bot.adapters.runners import serve
from bot.app import build_conversation
from bot.core.conversation import Clock, Conversation
from bot.screens.library import Library, load_library
from bot.settings import Settings
from tests.support.fakebotapi import FakeBotAPI

# Every runner, by polling and by webhook: end-to-end scenarios run against each.
MODES = ("ptb", "ptb-webhook", "aiogram", "aiogram-webhook")
WEBHOOK_SECRET = "s3cret-token_for-tests-0123456789"
PUBLIC_URL = "https://bot.example.org/telegram"
START_TIMEOUT = 15.0


ROOT = Path(__file__).resolve().parent.parent.parent


def shipped(settings: Settings) -> bool:
    """Whether the settings serve the repository's own content and UI strings."""
    return (settings.content_dir.resolve(), settings.locales_dir.resolve()) == (
        ROOT / "content",
        ROOT / "locales",
    )


@functools.cache
def shipped_library() -> Library:
    """The repository's content, loaded once per test process (it never changes there)."""
    library, problems = load_library(ROOT / "content", ROOT / "locales")
    assert library is not None, problems
    return library


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def in_mode(settings: Settings, mode: str, api: FakeBotAPI) -> Settings:
    """The settings for `mode`; for a webhook, the fake server posts to a free local port."""
    if not mode.endswith("-webhook"):
        return settings
    port = free_port()
    api.deliver_to = f"http://127.0.0.1:{port}{settings.webhook_path}"
    return replace(
        settings,
        webhook_url=PUBLIC_URL,
        webhook_secret=WEBHOOK_SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )


@asynccontextmanager
async def bot_running(
    api: FakeBotAPI,
    settings: Settings,
    mode: str = "ptb",
    *,
    conversation: Conversation | None = None,
    clock: Clock | None = None,
    pacing: Pacing | None = None,
    **options: Any,
) -> AsyncIterator[Conversation]:
    """Run the real bot (`mode`: one of MODES) against `api` until the block ends.

    The bot is up once it asked for updates (polling) or registered its webhook. Telegram's
    flood limits are off unless `pacing` is given: a test about pacing passes `Pacing()`.
    """
    runner, _, how = mode.partition("-")
    webhook = how == "webhook"
    settings = in_mode(settings, mode, api)
    if conversation is None:
        library = shipped_library() if shipped(settings) else None
        conversation = await build_conversation(settings, clock=clock, library=library)
    # Up: it registered its webhook, or its first long poll arrived (it is recorded only
    # when it returns, which may take the whole poll timeout).
    signal = "setWebhook" if webhook else "getUpdates"
    seen = api.arrived.get(signal, 0)
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(
            settings,
            conversation,
            stop,
            runner=runner,
            webhook=webhook,
            poll_timeout=10,
            pacing=pacing or Pacing.off(),
            **options,
        )
    )
    up = asyncio.create_task(
        api.wait_for(lambda: api.arrived.get(signal, 0) > seen, timeout=START_TIMEOUT)
    )
    await asyncio.wait({task, up}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():  # the bot stopped before it was up: say why
        up.cancel()
        task.result()
        raise AssertionError("the bot stopped before it was up")
    await up
    try:
        yield conversation
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
