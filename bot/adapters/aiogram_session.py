"""aiogram's HTTP session for the bot: updates read one by one, calls paced and retried."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Update as AiogramUpdate
from aiohttp import TCPConnector

from bot.adapters.pacing import Pacing
from bot.adapters.retries import BACKOFF, RETRIES, RETRY_AFTER_RETRIES, repeatable
from bot.adapters.tls import tls_context

log = logging.getLogger(__name__)


class ReadableSession(AiohttpSession):
    """aiogram's session, reading getUpdates answers update by update.

    aiogram validates a whole batch at once: one update it cannot read (a field newer or
    older than it expects) fails every getUpdates and the bot stops answering everyone. Here
    such an update is reduced to its bare update_id: it is confirmed and skipped (the same as
    bot/adapters/ptb_requests.py's ReadableUpdatesRequest).
    """

    def __init__(self, api: TelegramAPIServer) -> None:
        # AiohttpSession's own __init__ loads the CA certificates into a new TLS context
        # every time (about 50 ms of CPU per session); this sets up the same state around
        # the one shared context. tests/test_runner.py checks it against aiogram's.
        BaseSession.__init__(self, api=api)
        self._session = None
        self._connector_type = TCPConnector
        self._connector_init = {"ssl": tls_context(), "limit": 100, "ttl_dns_cache": 3600}
        self._should_reset_connector = True
        self._proxy = None

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        """Replace unreadable updates in a getUpdates answer, then check it as usual."""
        if isinstance(method, GetUpdates) and status_code == 200:
            content = self._readable(bot, content)
        return super().check_response(bot, method, status_code, content)

    async def close(self) -> None:
        """Close the connections; wait aiogram's 250 ms only where TLS needs it.

        aiogram always waits a quarter second after closing so that TLS connections can say
        goodbye; over plain HTTP (a local Bot API server, the tests' fake one) there is
        nothing to wait for.
        """
        if self.api.base.startswith("https:"):
            await super().close()
        elif self._session is not None and not self._session.closed:
            await self._session.close()

    def _readable(self, bot: Bot, content: str) -> str:
        try:
            body = json.loads(content)
            results = body.get("result")
        except (ValueError, AttributeError):
            return content
        if not isinstance(results, list):
            return content
        changed = False
        for index, item in enumerate(results):
            try:
                AiogramUpdate.model_validate(item, context={"bot": bot})
            except Exception as exc:  # any failure would stop polling for everyone
                if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
                    raise
                log.error("skipped an update that could not be read (%s)", type(exc).__name__)
                results[index] = {"update_id": item["update_id"]}
                changed = True
        return json.dumps(body) if changed else content


class Paced(BaseRequestMiddleware):
    """Every call: Telegram's flood limits first (bot/adapters/pacing.py), then the same
    retries as the python-telegram-bot runner (bot/adapters/retries.py): a 429 is waited
    out, a 5xx or a dropped connection is retried only where repeating changes nothing."""

    def __init__(self, pacing: Pacing | None = None, backoff: Sequence[float] = BACKOFF) -> None:
        self.pacing = pacing or Pacing()
        self.backoff = tuple(backoff)

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        """Wait for the chat's and the bot's slots, then make the call, retrying safely."""
        name = getattr(method, "__api_method__", "")
        waited = failed = 0
        while True:
            chat = getattr(method, "chat_id", None)
            await self.pacing.wait(chat)
            try:
                try:
                    return await make_request(bot, method)
                finally:  # answered or failed: the chat's pace counts from now
                    self.pacing.sent(chat)
            except TelegramRetryAfter as exc:
                if waited >= RETRY_AFTER_RETRIES:
                    raise
                waited += 1
                log.info("Telegram asks to wait %s s; retrying", exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                if failed >= RETRIES or not repeatable(name):
                    raise
                log.info("%s failed (%s); retrying", name, type(exc).__name__)
                await asyncio.sleep(self.backoff[min(failed, len(self.backoff) - 1)])
                failed += 1
