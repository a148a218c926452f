"""Telegram's flood limits, and surviving short faults, for python-telegram-bot's requests.

- `PacedRequest`: every call waits for the bot's pace (bot/adapters/pacing.py: a burst of
  3 then one a second per private chat, at most 20 a minute per group, about 30 a second
  overall), waits out a 429 as Telegram says, and repeats a call after a refused
  connection or a 5xx only where that cannot show anything twice (see `not_sent` and
  bot/adapters/retries.py). Done at the HTTP level, so the bot needs nothing of
  python-telegram-bot's `ext` package (which is half its import time).
- `ReadableUpdatesRequest`: the getUpdates connection, which skips updates the library
  cannot read.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
from telegram import Update
from telegram.error import NetworkError
from telegram.request import HTTPXRequest, RequestData

from bot.adapters.pacing import Pacing
from bot.adapters.retries import BACKOFF, RETRIES, RETRY_AFTER_RETRIES, repeatable

log = logging.getLogger(__name__)


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


class PacedRequest(HTTPXRequest):
    """HTTPXRequest that keeps the bot's pace, waits out 429s and repeats only safe calls.

    Repeated: connection failures before sending (see `not_sent`), and 5xx answers to calls
    whose repetition changes nothing (bot/adapters/retries.py): a 5xx may come after Telegram
    acted, so a send is never repeated then. A 429 means Telegram did nothing: the call waits
    the seconds Telegram names and goes again (up to RETRY_AFTER_RETRIES times).
    """

    def __init__(
        self,
        *args: Any,
        pacing: Pacing | None = None,
        backoff: tuple[float, ...] = BACKOFF,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pacing = pacing or Pacing.off()
        self.backoff = backoff

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        """Make the call at the bot's pace, repeating it only where that is safe."""
        endpoint = url.rsplit("/", 1)[-1]
        chat = request_data.parameters.get("chat_id") if request_data else None
        failed = waited = 0
        while True:
            await self.pacing.wait(chat)
            try:
                try:
                    code, payload = await super().do_request(
                        url, method, request_data, *args, **kwargs
                    )
                finally:  # answered or failed: the chat's pace counts from now
                    self.pacing.sent(chat)
            except NetworkError as exc:
                if failed >= RETRIES or not not_sent(exc):
                    raise
                log.info("connection to Telegram failed before sending; retrying")
            else:
                if code == 429 and waited < RETRY_AFTER_RETRIES:
                    waited += 1
                    delay = _retry_after(payload)
                    log.info("Telegram asks to wait %s s; retrying", delay)
                    await asyncio.sleep(delay)
                    continue
                if code < 500 or failed >= RETRIES or not repeatable(endpoint):
                    return code, payload
                log.info("Telegram answered %d; retrying", code)
            await asyncio.sleep(self.backoff[min(failed, len(self.backoff) - 1)])
            failed += 1


def _retry_after(payload: bytes) -> float:
    """The seconds a 429 answer asks to wait (1 when it does not say)."""
    try:
        seconds = json.loads(payload)["parameters"]["retry_after"]
    except (ValueError, KeyError, TypeError):
        return 1.0
    return float(seconds) if isinstance(seconds, int | float) and seconds >= 0 else 1.0


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
