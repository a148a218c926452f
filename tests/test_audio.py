"""Optional recordings: a Listen button, a voice message, and checked files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import load_library
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT, KEY, LOCALES, FixedClock, settings_for
from tests.support.fakebotapi import FakeBotAPI
from tests.support.running import MODES, bot_running

OGG = b"OggS\x00\x02" + bytes(200)


def with_audio(tmp_path: Path, data: bytes = OGG, name: str = "appeal.ogg") -> Path:
    """A copy of the content with one recording in Swedish."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "audio" / "sv").mkdir(parents=True)
    (content / "audio" / "sv" / name).write_bytes(data)
    return content


async def test_listen_button_sends_the_recording(tmp_path: Path, clock: FixedClock) -> None:
    """A section with a recording has a Listen button; pressing it sends the file."""
    content = with_audio(tmp_path)
    library, problems = load_library(content, LOCALES)
    assert library is not None, problems
    conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)
    await conversation.handle(Event("button", 1, "lang:sv"))
    reply = await conversation.handle(Event("button", 1, "s:appeal"))
    assert reply is not None and reply.screen is not None
    assert reply.screen.buttons[0][0].data == "listen:appeal"
    assert reply.screen.buttons[0][0].label == library.t("sv", "button-listen")
    voice = await conversation.handle(Event("button", 1, "listen:appeal"))
    assert voice is not None and voice.voice == content / "audio" / "sv" / "appeal.ogg"
    other = await conversation.handle(Event("button", 1, "s:what-it-means"))
    assert other is not None and other.screen is not None
    assert all(b.data != "listen:what-it-means" for row in other.screen.buttons for b in row)
    stale = await conversation.handle(Event("button", 1, "listen:what-it-means"))
    assert stale is not None and stale.screen is not None, "no recording: back to the menu"


def test_check_refuses_a_file_that_is_not_ogg(tmp_path: Path) -> None:
    """An MP3 renamed .ogg, or a file for an unknown section, is an error naming the file."""
    content = with_audio(tmp_path, b"ID3\x03" + bytes(100))
    library, problems = load_library(content, LOCALES)
    assert library is None
    assert any("appeal.ogg" in str(p) and "Ogg" in p.message for p in problems)
    content = with_audio(tmp_path / "b", name="no-such-section.ogg")
    library, problems = load_library(content, LOCALES)
    assert library is None and any("no-such-section" in str(p) for p in problems)


@pytest.mark.parametrize("mode", MODES)
async def test_voice_message_through_the_runner(tmp_path: Path, mode: str) -> None:
    """Through each runner and mode, Listen sends a voice message."""
    content = with_audio(tmp_path)
    async with FakeBotAPI() as api:
        settings = settings_for(api, tmp_path, content_dir=content, pseudonym_key=KEY)
        async with bot_running(api, settings, mode):
            user = api.user(id=777000555, language_code="sv")
            await api.push_text(user, "/start")
            await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
            message = api.chat_messages(user.id)[0].message_id
            for step, route in enumerate(["lang:sv", "sheet", "s:appeal"], 1):
                await api.press(user, message, route, strict=False)
                await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == step)  # noqa: B023
            await api.press(user, message, "listen:appeal")
            await api.wait_for_call("sendVoice")
