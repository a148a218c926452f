"""Webhook mode: the secret header is checked, signed updates are answered, /healthz works."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.adapters.pacing import Pacing
from bot.adapters.webhook import SECRET_HEADER, serve_webhook
from bot.app import build_conversation
from tests.conftest import CONTENT, LOCALES, ROOT, settings_for
from tests.support.fakebotapi import FakeBotAPI
from tests.support.running import shipped_library
from tests.test_reliability import KEY_HEX, free_port

SECRET = "s3cret-token_for-tests-0123456789"
PUBLIC = "https://bot.example.org/telegram"


def update(update_id: int, chat: int, text: str) -> dict[str, object]:
    """A private text message update as Telegram posts it."""
    user = {"id": chat, "is_bot": False, "first_name": "T", "language_code": "sv"}
    message: dict[str, object] = {"message_id": update_id, "date": int(time.time()), "text": text}
    message |= {"chat": {"id": chat, "type": "private", "first_name": "T"}, "from": user}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@pytest.fixture(params=["ptb", "aiogram"])
async def hooked(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[FakeBotAPI, str]]:
    """The bot in webhook mode (each runner) against the fake server; yields it and the
    local base URL. The test posts updates itself."""
    port = free_port()
    async with FakeBotAPI() as api:
        settings = settings_for(
            api,
            tmp_path,
            pseudonym_key=bytes.fromhex(KEY_HEX),
            webhook_url=PUBLIC,
            webhook_secret=SECRET,
            webhook_port=port,
        )
        conversation = await build_conversation(settings, library=shipped_library())
        stop = asyncio.Event()
        task = asyncio.create_task(
            serve_webhook(settings, conversation, stop, runner=request.param, pacing=Pacing.off())
        )
        await api.wait_for_call("setWebhook")
        yield api, f"http://127.0.0.1:{port}"
        stop.set()
        await asyncio.wait_for(task, 15)


async def test_webhook_registered_with_secret(hooked: tuple[FakeBotAPI, str]) -> None:
    """setWebhook is called with the public URL, the secret and the allowed updates."""
    api, _ = hooked
    call = api.calls("setWebhook")[0]
    assert call["url"] == PUBLIC and call["secret_token"] == SECRET
    assert set(call["allowed_updates"]) == {"message", "callback_query", "my_chat_member"}


async def test_unsigned_and_wrong_secret_rejected(hooked: tuple[FakeBotAPI, str]) -> None:
    """Posts without the secret, or with a wrong one, are refused and not handled."""
    api, base = hooked
    user = api.user(id=4_000_001, language_code="sv")
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}):
            async with http.post(
                f"{base}/telegram", json=update(1, user.id, "/start"), headers=headers
            ) as answer:
                assert answer.status in (401, 403)  # refused before anything was handled
    assert api.chat_messages(user.id) == []


async def test_signed_update_answered(hooked: tuple[FakeBotAPI, str]) -> None:
    """A post with the right secret is handled: the user gets the language choice."""
    api, base = hooked
    user = api.user(id=4_000_002, language_code="sv")
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{base}/telegram", json=update(2, user.id, "/start"), headers={SECRET_HEADER: SECRET}
        ) as answer:
            assert answer.status == 200
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
        assert "lang:" in str(api.chat_messages(user.id)[0].reply_markup)
        async with http.post(
            f"{base}/telegram", data=b"{not json", headers={SECRET_HEADER: SECRET}
        ) as answer:
            assert answer.status == 400
        async with http.post(
            f"{base}/telegram", json={"update_id": 3, "poll": {}}, headers={SECRET_HEADER: SECRET}
        ) as answer:
            assert answer.status == 200, "an unreadable update is skipped, not retried forever"


async def test_healthz(hooked: tuple[FakeBotAPI, str]) -> None:
    """GET /healthz answers 200 ok."""
    _, base = hooked
    async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as answer:
        assert answer.status == 200 and await answer.text() == "ok"


def test_missing_secret_refused_with_a_generated_one(tmp_path: Path) -> None:
    """`run --webhook` without BOT_WEBHOOK_SECRET exits 2 and suggests a fresh secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": "123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
        "TELEGRAM_API_URL": "http://127.0.0.1:9",
        "BOT_WEBHOOK_URL": PUBLIC,
        "BOT_PSEUDONYM_KEY": KEY_HEX,
        "BOT_CONTENT_DIR": str(CONTENT),
        "BOT_LOCALES_DIR": str(LOCALES),
        "BOT_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2, done.stderr
    assert "BOT_WEBHOOK_SECRET=" in done.stderr and len(done.stderr.splitlines()) == 1
