"""What both runners share: message translation and the command menus."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.handling import command_descriptions, command_menus
from bot.adapters.updates import message_event
from bot.screens.library import Library


def test_message_event_kinds() -> None:
    """Commands lose their @botname and arguments; text is cut short; non-text has none."""
    assert message_event(1, "/Start@nasta_bot payload", "fa").value == "start"
    assert message_event(1, "/", None).value == ""
    text = message_event(1, "3/11/2026" + "x" * 10_000, "sv")
    assert text.kind == "text" and text.value.startswith("3/11/2026") and len(text.value) == 200
    assert message_event(1, None, None).kind == "other"


def test_command_menus_cover_every_language(library: Library) -> None:
    """One command menu per two-letter Telegram code, then the default in English."""
    assert command_menus(library) == [
        ("sv", "sv"),
        ("en", "en"),
        ("ar", "ar"),
        ("fa-AF", "fa"),
        ("en", None),
    ]
    assert next(name for name, _ in command_descriptions(library, "ar")) == "start"


async def test_aiogram_waits_for_tls_goodbyes_only_over_tls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """aiogram's session waits 250 ms after closing for TLS connections; over plain HTTP (a
    local Bot API server) there is nothing to wait for, so the bot stops at once."""
    from aiogram.client.telegram import TelegramAPIServer

    from bot.adapters.aiogram_session import ReadableSession

    waits: list[float] = []

    async def sleep(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(asyncio, "sleep", sleep)  # aiogram waits with asyncio.sleep
    for url in ("http://127.0.0.1:8081", "https://api.telegram.org"):
        session = ReadableSession(api=TelegramAPIServer.from_base(url))
        await session.create_session()
        await session.close()
    assert waits == [0.25]


def test_aiogram_session_is_set_up_as_aiogram_does_with_the_shared_tls_context() -> None:
    """ReadableSession sets up the state aiogram's own session does (so an aiogram upgrade
    that adds to it fails here), only with the bot's one TLS context."""
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    from bot.adapters.aiogram_session import ReadableSession
    from bot.adapters.tls import tls_context

    api = TelegramAPIServer.from_base("https://api.telegram.org")
    ours, theirs = vars(ReadableSession(api=api)), vars(AiohttpSession(api=api))
    assert ours.keys() == theirs.keys()
    assert ours["_connector_init"].pop("ssl") is tls_context()
    theirs["_connector_init"].pop("ssl")
    assert type(ours.pop("middleware")) is type(theirs.pop("middleware"))
    assert ours == theirs
