"""Webhook mode (`python -m bot run --webhook`), for every runner: Telegram posts updates to
an aiohttp server, which hands them to the same handling as polling.

Settings: BOT_WEBHOOK_URL (the public https URL Telegram posts to, behind a reverse proxy),
BOT_WEBHOOK_SECRET (required: Telegram sends it back in the header
X-Telegram-Bot-Api-Secret-Token, so forged posts are refused), BOT_WEBHOOK_LISTEN,
BOT_WEBHOOK_PORT and BOT_WEBHOOK_PATH. GET /healthz answers "ok" for monitoring.

A post is answered once its update is handled, so Telegram keeps (and posts again) what a
stop or crash interrupted; an update id seen recently is not handled twice.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.adapters.port import BotPort
from bot.adapters.updates import Update
from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
MAX_BODY = 1024 * 1024
REMEMBERED_IDS = 10_000  # recent update ids, so a replayed post is not handled again
REFUSAL_LOG_EVERY = 60.0  # seconds between log lines about refused posts


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


class WebhookServer:
    """Receives Telegram's posts and hands each update to `handle`."""

    def __init__(
        self,
        settings: Settings,
        port: BotPort,
        handle: Callable[[Update], Awaitable[None]],
        secret: str,
    ) -> None:
        self.settings = settings
        self.port = port
        self.handle = handle
        self._secret = secret.encode()
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._busy: set[asyncio.Task[Any]] = set()
        self._refused = 0
        self._refusal_logged = -REFUSAL_LOG_EVERY
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        """The aiohttp application: POST the webhook path with the secret, GET /healthz."""
        server = web.Application(client_max_size=MAX_BODY)
        server.router.add_post(self.settings.webhook_path, self._receive)
        server.router.add_get("/healthz", self._health)
        server.on_response_prepare.append(_no_server_header)
        return server

    async def start(self) -> None:
        """Listen on BOT_WEBHOOK_LISTEN:BOT_WEBHOOK_PORT (OSError if the port is taken)."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.webhook_listen, self.settings.webhook_port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise

    async def stop(self, grace: float) -> None:
        """Stop listening; let updates in hand finish for up to `grace` seconds."""
        if self._busy:
            await asyncio.wait(set(self._busy), timeout=grace)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _refuse(self, status: int, text: str) -> web.Response:
        """Refuse a post, logging refusals at most once a minute (no flood of lines)."""
        self._refused += 1
        now = time.monotonic()
        if now - self._refusal_logged >= REFUSAL_LOG_EVERY:
            log.warning("refused %d webhook post(s) without the right secret", self._refused)
            self._refused, self._refusal_logged = 0, now
        return web.Response(status=status, text=text)

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return self._refuse(403, "forbidden")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="not json")
        if not isinstance(data, dict):
            return web.Response(status=400, text="not an update")
        try:
            update = self.port.parse(data)
        except Exception as exc:
            # Answer 200 anyway: Telegram would otherwise post the same update again and
            # again. The update itself is not logged (it holds names and text).
            log.error("could not read an update (%s); skipped", type(exc).__name__)
            return web.Response(text="skipped")
        if update.update_id in self._seen:
            return web.Response(text="seen")
        self._seen[update.update_id] = None
        while len(self._seen) > REMEMBERED_IDS:
            self._seen.popitem(last=False)
        task = asyncio.ensure_future(self.handle(update))
        self._busy.add(task)
        task.add_done_callback(self._busy.discard)
        await asyncio.shield(task)
        return web.Response(text="ok")

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")


async def _no_server_header(request: web.Request, response: web.StreamResponse) -> None:
    """Say nothing about the software that answers."""
    response.headers.pop("Server", None)


async def serve_webhook(
    settings: Settings,
    conversation: Any,
    stop: asyncio.Event | None = None,
    *,
    runner: str = "ptb",
    **options: Any,
) -> None:
    """Run the bot by webhook with the given runner (see bot.adapters.service.run)."""
    from bot.adapters.runners import serve

    await serve(settings, conversation, stop, runner=runner, webhook=True, **options)
