"""The bot's life, the same for every runner and mode: connect, serve, and stop cleanly.

`run` connects (checking the token), starts the background work (the command menu, daily
expiry, the content watcher), serves updates by polling or by webhook through the shared
`Handling`, and on a stop lets updates in hand finish before it closes the connection and
the store, on every path out.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import signal
import time

from bot.adapters.handling import Handling
from bot.adapters.polling import DEFAULT_BACKOFF, Backoff, Poller, connect
from bot.adapters.port import BotPort
from bot.core.conversation import Conversation
from bot.core.reload import ContentWatcher
from bot.settings import Settings

log = logging.getLogger(__name__)

STOP_GRACE = 60.0  # seconds for updates in hand at a stop (the service manager gives 90)


def stop_on_signals(stop: asyncio.Event) -> None:
    """Set `stop` on SIGINT or SIGTERM, so updates in hand can finish."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def run(
    settings: Settings,
    conversation: Conversation,
    port: BotPort,
    stop: asyncio.Event | None = None,
    *,
    webhook: bool = False,
    poll_timeout: float = 30.0,
    grace: float = STOP_GRACE,
    patience: float | None = None,
    backoff: Backoff = DEFAULT_BACKOFF,
    watch_interval: float = 1.0,
) -> None:
    """Serve until `stop` is set (or SIGINT/SIGTERM); always close the port and the store."""
    started = time.perf_counter()
    stop = stop or asyncio.Event()
    stop_on_signals(stop)
    watcher = ContentWatcher(settings, conversation, interval=watch_interval)
    handling = Handling(conversation, port, settings, watcher)

    async def notify(text: str) -> None:
        await handling.tell_staff(html.escape(text))

    watcher.notify = notify
    background: list[asyncio.Task[None]] = []
    try:
        patience = settings.connect_patience if patience is None else patience
        if await connect(port, stop, patience=patience, backoff=backoff) is None:
            return
        server = None
        if webhook:
            from bot.adapters.webhook import WebhookServer, require_webhook

            url, secret = require_webhook(settings)
            server = WebhookServer(settings, port, handling.handle, secret)
            await server.start()
            await port.set_webhook(url, secret)
        else:
            await port.delete_webhook()
        background += [
            asyncio.create_task(handling.publish_commands()),
            asyncio.create_task(conversation.keep_tidy()),  # expiry on quiet days too
        ]
        watcher.start()
        log.info("bot is running (started in %.0f ms)", (time.perf_counter() - started) * 1000)
        if server is not None:
            await stop.wait()
            log.info("stopping: finishing updates in progress")
            await server.stop(grace)
        else:
            poller = Poller(port, handling.handle, timeout=poll_timeout, backoff=backoff)
            await poller.run(stop)
            log.info("stopping: finishing updates in progress")
            await poller.drain(grace)
    finally:
        await watcher.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)  # before the store closes
        try:
            if handling.relay is not None:
                await handling.relay.finish()  # notes for staff still waiting, while we can send
        finally:
            await port.close()
            await shutdown(conversation)


async def shutdown(conversation: Conversation) -> None:
    """Write today's partial unique count (best effort), then always close the store."""
    try:
        await conversation.uniques.flush()
    except Exception as exc:  # a full disk must not keep the store (and its thread) open
        log.error("could not write today's unique count: %s", type(exc).__name__)
    finally:
        await conversation.store.close()
