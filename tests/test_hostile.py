"""Hostile and odd input through the real runner: calm answers, no crash, no error logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import settings_for
from tests.support.fakebotapi import FakeBotAPI, FakeUser
from tests.support.running import MODES, bot_running

FORGED = [
    "",
    "x",
    "lang:",
    "lang:xx",
    "lang:" + "a" * 200,
    "s:../../etc/passwd",
    "s:appeal:99999",
    "s:appeal:-1",
    "o:nope:talk",
    "o::",
    "pin:nope",
    "list:secret",
    "menu:extra",
    ":::",
    "\u202e\u200b\x00",
    "😀" * 40,
]
ODD_TEXTS = [
    "x" * 10_000,
    "\u202eevil\u202c \u200b\u200c\u200d\ufeff",
    "\x00\x01\x07\x1b[31m red \x7f",
    "<b>not html</b> & <script>",
    "/",
    "/ start",
    "/start@other_bot extra words",
    "/" + "a" * 300,
]


def bot_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Errors the bot logged (the fake server's own, e.g. a long poll the bot gave up
    mid-request, are not the bot's)."""
    return [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("bot")]


@pytest.fixture(params=MODES)
async def api(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[FakeBotAPI]:
    """A fake server with the real bot on it, in each runner and mode."""
    async with FakeBotAPI() as fake, bot_running(fake, settings_for(fake, tmp_path), request.param):
        yield fake


async def with_language(api: FakeBotAPI, user: FakeUser, language: str) -> int:
    """Start and choose a language; return the id of the bot's message."""
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    first = api.chat_messages(user.id)[0].message_id
    await api.press(user, first, f"lang:{language}")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 1)
    return first


async def test_unknown_commands(api: FakeBotAPI) -> None:
    """An unknown command before a language gets the choice, after it the menu with a note."""
    user = api.user(id=3_000_001, language_code="en")
    await api.push_text(user, "/doesnotexist")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    assert "lang:" in str(api.chat_messages(user.id)[0].reply_markup)
    await api.press(user, api.chat_messages(user.id)[0].message_id, "lang:en")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 1)
    await api.push_text(user, "/doesnotexist")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    assert "I don't know that command" in api.chat_messages(user.id)[1].text


async def test_forged_callback_data(api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    """Forged button data is answered calmly (menu or language choice), nothing crashes."""

    async def forge(n: int, forged: list[str]) -> None:
        user = api.user(id=3_000_100 + n, language_code="sv")
        first = await with_language(api, user, "sv")
        for data in forged:
            await api.press(user, first, data, strict=False)
        await api.push_text(user, "/menu")
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2, timeout=20)
        assert not any("gick fel" in t for t in api.texts(user.id))

    chunks = [FORGED[i : i + 4] for i in range(0, len(FORGED), 4)]
    await asyncio.gather(*(forge(n, chunk) for n, chunk in enumerate(chunks)))
    await api.wait_for(lambda: len(api.calls("answerCallbackQuery")) == len(FORGED) + len(chunks))
    assert not bot_errors(caplog)


async def test_odd_texts(api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    """Huge, RTL-override, zero-width, control-character and fake-HTML texts get a calm answer."""
    user = api.user(id=3_000_003, language_code="ar")
    await with_language(api, user, "ar")
    for n, text in enumerate(ODD_TEXTS, start=2):
        await api.push_text(user, text)
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == n)  # noqa: B023
    assert not bot_errors(caplog)


async def test_location_contact_poll_and_edits(api: FakeBotAPI) -> None:
    """Location, contact and poll messages get the buttons; edited messages are ignored."""
    user = api.user(id=3_000_004, language_code="en")
    await with_language(api, user, "en")
    await api.push_message(user, location={"latitude": 59.33, "longitude": 18.06})
    await api.push_message(user, contact={"phone_number": "+46700000000", "first_name": "A"})
    poll = {"id": "p1", "question": "?", "total_voter_count": 0, "is_closed": False}
    poll |= {"options": [{"text": t, "voter_count": 0, "persistent_id": t} for t in "ab"]}
    poll |= {"is_anonymous": True, "type": "regular", "allows_multiple_answers": False}
    poll |= {"allows_revoting": False, "members_only": False}
    await api.push_message(user, poll=poll)
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 4)
    assert all("buttons" in t for t in api.texts(user.id)[1:])
    mine = await api.push_text(user, "hello")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 5)
    await api.push_edited_text(user, mine, "/start")
    await api.push_text(user, "/menu")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 6)
    assert "lang:" not in str(api.chat_messages(user.id)[5].reply_markup)


async def test_stranger_group_is_left_and_group_messages_ignored(api: FakeBotAPI) -> None:
    """Added to a group by a stranger the bot leaves; messages there get no answer."""
    stranger = api.user(id=3_000_005, language_code="en")
    for chat_type in ("group", "supergroup"):
        group = api.group(title="Strangers", chat_type=chat_type)
        await api.push_my_chat_member(group, stranger, new_status="member")
        await api.push_group_text(group, stranger, "/start")
    await api.wait_for(lambda: len(api.calls("leaveChat")) == 2)
    await api.push_text(stranger, "/start")
    await api.wait_for(lambda: len(api.chat_messages(stranger.id)) == 1)
    assert len(api.calls("sendMessage")) == 1


async def test_unreadable_update_does_not_stop_the_bot(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """An update the library cannot parse is skipped; later messages are still answered."""
    user = api.user(id=3_000_006, first_name="Karim", language_code="en")
    poll = {"id": "p1", "question": "secret question", "total_voter_count": 0}
    poll |= {"is_closed": False, "options": [], "is_anonymous": True, "type": "regular"}
    await api.push_message(user, poll=poll)  # misses fields python-telegram-bot requires
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert "secret question" not in logs and "Karim" not in logs
