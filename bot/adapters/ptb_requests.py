"""Staying within Telegram's flood limits and surviving short network faults on sends.

Pieces plugged into python-telegram-bot's bot by `bot.adapters.ptb_runner`:

- `PacedRateLimiter`: python-telegram-bot's AIORateLimiter (about 30 messages a second
  overall, retries after a 429 RetryAfter) plus a pace per private chat (a burst of 3,
  then one a second) and a strict window per group (at most 20 in any 60 seconds), which
  AIORateLimiter does not do by itself: its leaky bucket lets up to 40 into a group in the
  first minute, and the 429 that follows pauses every send of the bot, private chats too.
- `SafeRetryRequest`: retries a Bot API call with backoff, but only when Telegram cannot
  have acted on it. See `not_sent` for the reasoning.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram import Update
from telegram.error import NetworkError
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

from bot.adapters.pacing import Pacing
from bot.adapters.retries import BACKOFF, RETRIES, RETRY_AFTER_RETRIES, repeatable

log = logging.getLogger(__name__)


Callback = Callable[..., Coroutine[Any, Any, Any]]


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter's retries after a 429, with the bot's own pace (bot/adapters/pacing.py)."""

    def __init__(self, pacing: Pacing | None = None) -> None:
        super().__init__(
            overall_max_rate=0,  # the overall pace is Pacing's, which is strict
            overall_time_period=0,
            group_max_rate=0,  # groups: Pacing's GroupWindow
            group_time_period=0,
            max_retries=RETRY_AFTER_RETRIES,
        )
        self.pacing = pacing or Pacing()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Wait for the chat's and the bot's pace, then let AIORateLimiter make the call."""
        await self.pacing.wait(data.get("chat_id"))
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def not_sent(error: BaseException) -> bool:
    """Whether a failed call certainly never reached Telegram, so repeating it is safe.

    A refused or unreachable connection, a connect timeout and a full connection pool all
    fail before a single byte of the request is written. A read or write timeout, or a
    connection dropped while waiting for the answer, may come after Telegram has already
    sent the message: repeating such a call could show the user the same message twice,
    so those are not retried (the user can press again; a duplicate would be confusing).
    """
    cause = error.__cause__
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


class SafeRetryRequest(HTTPXRequest):
    """HTTPXRequest that retries, with backoff, calls Telegram cannot have acted on.

    Retried: connection failures before sending (see `not_sent`), and 5xx answers to calls
    whose repetition changes nothing (bot/adapters/retries.py): a 5xx may come after Telegram
    acted, so a send is never repeated then. 4xx answers (bad request, blocked, 429) are
    final here; 429 is handled by the rate limiter.
    """

    def __init__(self, *args: Any, backoff: tuple[float, ...] = BACKOFF, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.backoff = backoff

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send the call, retrying only where it cannot have been delivered."""
        attempt = 0
        while True:
            pause = self.backoff[min(attempt, len(self.backoff) - 1)]
            try:
                code, payload = await super().do_request(*args, **kwargs)
            except NetworkError as exc:
                if attempt >= RETRIES or not not_sent(exc):
                    raise
                log.info("connection to Telegram failed before sending; retrying")
            else:
                method = str(kwargs.get("url", args[0] if args else "")).rsplit("/", 1)[-1]
                if code < 500 or attempt >= RETRIES or not repeatable(method):
                    return code, payload
                log.info("Telegram answered %d; retrying", code)
            attempt += 1
            await asyncio.sleep(pause)


class ReadableUpdatesRequest(HTTPXRequest):
    """The getUpdates connection: replaces updates python-telegram-bot cannot read.

    python-telegram-bot parses a whole batch at once; one update it cannot read (a field
    newer or older than it expects) makes the batch fail, the offset never moves on and the
    bot stops answering everyone, while the raw update (names, text) goes to the log. Here
    such an update is reduced to its bare update_id: it is confirmed and skipped.
    """

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Fetch updates; swap unreadable ones for empty updates with the same id."""
        code, payload = await super().do_request(*args, **kwargs)
        if code != 200:
            return code, payload
        try:
            body = json.loads(payload)
            results = body.get("result")
        except (ValueError, AttributeError):
            return code, payload
        if not isinstance(results, list):
            return code, payload
        changed = False
        for index, item in enumerate(results):
            try:
                Update.de_json(item, None)
            except Exception as exc:  # any failure would stop polling for everyone
                if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
                    raise
                log.error("skipped an update that could not be read (%s)", type(exc).__name__)
                results[index] = {"update_id": item["update_id"]}
                changed = True
        return code, json.dumps(body).encode() if changed else payload
