"""Webhook mode (`python -m bot run --webhook`): Telegram posts updates to an aiohttp server.

Settings: BOT_WEBHOOK_URL (the public https URL Telegram posts to, usually behind a
reverse proxy), BOT_WEBHOOK_SECRET (required: Telegram sends it back in the header
X-Telegram-Bot-Api-Secret-Token, so forged posts are refused), BOT_WEBHOOK_LISTEN,
BOT_WEBHOOK_PORT and BOT_WEBHOOK_PATH. GET /healthz answers "ok" for monitoring.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
import time
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.adapters.common import ALLOWED_UPDATES, stop_on_signals
from bot.adapters.ptb_runner import TelegramPort, build_application
from bot.core.conversation import Conversation
from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


def require_webhook(settings: Settings) -> tuple[str, str]:
    """Return the webhook URL and secret, or raise a one-line error saying what to set."""
    if not settings.webhook_url or not settings.webhook_url.startswith("https://"):
        raise SettingsError(
            "BOT_WEBHOOK_URL must be the public https:// address Telegram will post updates to."
        )
    secret = settings.webhook_secret
    if not secret:
        raise SettingsError(
            "BOT_WEBHOOK_SECRET is not set; refusing to accept unsigned updates. Set it, e.g. "
            f"BOT_WEBHOOK_SECRET={secrets.token_urlsafe(32)} (freshly generated)."
        )
    if not _SECRET_RE.match(secret):
        raise SettingsError(
            "BOT_WEBHOOK_SECRET must be 16 to 256 characters: letters, digits, _ and -."
        )
    return settings.webhook_url, secret


def web_app(
    app: Application[Any, Any, Any, Any, Any, Any], secret: str, path: str
) -> web.Application:
    """The aiohttp application: POST `path` with the secret header, GET /healthz."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("refused a webhook post without the right secret")
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="not json")
        if not isinstance(data, dict):
            return web.Response(status=400, text="not an update")
        try:
            update = Update.de_json(data, app.bot)
        except (TypeError, ValueError, KeyError) as exc:
            # Answer 200 anyway: Telegram would otherwise post the same update again and
            # again. The update itself is not logged (it holds names and text).
            log.error("could not read an update (%s); skipped", type(exc).__name__)
            return web.Response(text="skipped")
        await app.update_queue.put(update)
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    server = web.Application(client_max_size=1024 * 1024)
    server.router.add_post(path, receive)
    server.router.add_get("/healthz", health)
    return server


async def serve_webhook(
    settings: Settings, conversation: Conversation, stop: asyncio.Event | None = None
) -> None:
    """Receive updates by webhook until `stop` is set or SIGINT/SIGTERM; finish in-flight ones."""
    started = time.perf_counter()
    url, secret = require_webhook(settings)
    app = build_application(settings, conversation)
    stop = stop or asyncio.Event()
    stop_on_signals(stop)
    async with app:
        await app.start()
        runner = web.AppRunner(web_app(app, secret, settings.webhook_path), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
        await app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        log.info(
            "bot is running by webhook on %s:%d (started in %.0f ms)",
            settings.webhook_listen,
            settings.webhook_port,
            (time.perf_counter() - started) * 1000,
        )
        port: TelegramPort = app.bot_data["port"]
        publish = asyncio.create_task(port.publish_commands(app.bot))
        tidy = asyncio.create_task(conversation.keep_tidy())  # expiry on quiet days too
        await stop.wait()
        log.info("stopping: finishing updates in progress")
        publish.cancel()
        tidy.cancel()
        await asyncio.gather(tidy, return_exceptions=True)  # gone before the store closes
        await runner.cleanup()
        await app.stop()
        if port.relay is not None:
            await port.relay.finish()  # notes for staff still waiting, while the bot can send
    await conversation.uniques.flush()
    await conversation.store.close()
