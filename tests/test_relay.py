"""End to end: the relay to staff in the python-telegram-bot runner against the fake Bot API.

The aiogram runner has no relay yet; the button is not shown there.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import relay as relay_module
from bot.app import build_conversation
from bot.conversation import Conversation
from bot.ptb_runner import serve
from bot.settings import Settings
from tests.conftest import settings_for
from tests.fakebotapi import FakeBotAPI, FakeChat, FakeUser

KARIM_ID = 777000123


@dataclass
class Relayed:
    """A running bot with a staff forum group, and its fake Telegram."""

    api: FakeBotAPI
    group: FakeChat
    settings: Settings
    conversation: Conversation


@pytest.fixture
async def relayed(tmp_path: Path) -> AsyncIterator[Relayed]:
    """The python-telegram-bot runner with a staff forum group."""
    async with FakeBotAPI() as api:
        group = api.group(is_forum=True)
        settings = settings_for(api, tmp_path, staff_chat_id=group.id)
        conversation = await build_conversation(settings)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(settings, conversation, stop, poll_timeout=1))
        await api.wait_for_call("getUpdates")
        yield Relayed(api, group, settings, conversation)
        stop.set()
        await asyncio.wait_for(task, 15)


def routes(markup: dict[str, object] | None) -> list[str]:
    """The callback data of an inline keyboard."""
    rows = (markup or {}).get("inline_keyboard", [])
    assert isinstance(rows, list)
    return [b.get("callback_data") or b.get("url") for row in rows for b in row]


async def open_relay(api: FakeBotAPI, user: FakeUser, language: str) -> int:
    """Pick a language, go to Talk, open the relay, confirm; return the screen's message id."""
    before = len(api.chat_messages(user.id))
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == before + 1)
    screen = api.chat_messages(user.id)[-1]
    steps = (f"lang:{language}", "talk", "relay", "relay:on")
    for n, route in enumerate(steps, start=1):
        assert n == 1 or route in routes(screen.reply_markup)
        await api.press(user, screen.message_id, route)
        await api.wait_for(lambda n=n: screen.edited == n)
    return screen.message_id


async def test_dari_relay_round_trip_close_and_forget(relayed: Relayed) -> None:
    """Open in Dari, write, staff answers, staff closes; /forget leaves no chat id on disk."""
    api, group = relayed.api, relayed.group
    karim = api.user(id=KARIM_ID, first_name="Karim", username="karim_k", language_code="fa")
    await open_relay(api, karim, "fa-AF")
    screen = api.chat_messages(karim.id)[0]
    assert "حالا می‌توانی پیامت را بنویسی" in screen.text
    assert routes(screen.reply_markup) == ["relay:off"]

    sent = await api.push_text(karim, "سلام، سوال دارم")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    assert copy["from_chat_id"] == karim.id and copy["message_id"] == sent
    assert not api.calls("forwardMessage")
    topic = api.calls("createForumTopic")[0]
    title = str(topic["name"])
    assert title.endswith("· fa-AF") and "-" in title.split(" ")[0]
    for secret in ("Karim", "karim", str(KARIM_ID)):
        assert secret not in title
    thread = copy["message_thread_id"]
    assert [m.text for m in api.chat_messages(group.id) if m.kind == "copy"] == ["سلام، سوال دارم"]
    await api.wait_for(lambda: "به کارمندان رسید" in api.texts(karim.id)[-1])

    staff = api.user(first_name="Anna")
    api.set_member(group, staff)
    await api.push_group_text(group, staff, "Hej Karim, vi hjälper dig.", message_thread_id=thread)
    await api.wait_for_call("copyMessage", chat_id=karim.id, from_chat_id=group.id)
    await api.wait_for(lambda: api.texts(karim.id)[-1] == "Hej Karim, vi hjälper dig.")

    await api.push_group_text(group, staff, "/close", message_thread_id=thread)
    await api.wait_for(lambda: "کارمندان این گفتگو را بستند" in api.texts(karim.id)[-1])
    user = relayed.conversation.pseudonyms.of(karim.id)
    assert await relayed.conversation.store.relay(user) is None
    # After /close, a text is not relayed any more.
    copies = len(api.calls("copyMessage"))
    await api.push_text(karim, "hello?")
    await api.wait_for(lambda: len(api.chat_messages(karim.id)) >= 5)
    await asyncio.sleep(0.2)
    assert len(api.calls("copyMessage")) == copies

    # Open again, then /forget: nothing on disk holds the chat id.
    await open_relay(api, karim, "fa-AF")
    assert await relayed.conversation.store.relay(user) is not None
    sends = len(api.calls("sendMessage", include_failed=True))
    await api.push_text(karim, "/forget")
    await api.wait_for(lambda: len(api.calls("sendMessage")) > sends)
    assert await relayed.conversation.store.relay(user) is None
    needles = (str(KARIM_ID).encode(), struct.pack(">i", KARIM_ID), struct.pack(">q", KARIM_ID))
    for path in relayed.settings.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(n in data for n in needles), path.name


async def test_two_messages_at_once_open_one_topic(relayed: Relayed) -> None:
    """Two messages pushed at the same moment by a new user open one topic, both copied."""
    api, group = relayed.api, relayed.group
    amal = api.user(first_name="Amal", language_code="ar")
    await open_relay(api, amal, "ar")
    await asyncio.gather(api.push_text(amal, "one"), api.push_text(amal, "two"))
    await api.wait_for_call("copyMessage", n=2, chat_id=group.id)
    assert len(api.calls("createForumTopic")) == 1
    threads = {c["message_thread_id"] for c in api.calls("copyMessage")}
    assert len(threads) == 1


async def test_other_groups_and_unknown_topics_are_ignored(relayed: Relayed) -> None:
    """Text in another group, or in a staff topic with no relay, goes nowhere."""
    api, group = relayed.api, relayed.group
    other = api.group(title="Strangers", is_forum=True)
    someone = api.user(first_name="Eve")
    await api.push_group_text(other, someone, "hello bot", message_thread_id=50)
    await api.push_group_text(group, someone, "/close", message_thread_id=60)
    await api.push_group_text(group, someone, "note to colleagues", message_thread_id=60)
    await asyncio.sleep(0.5)
    assert not api.calls("copyMessage")
    assert not api.calls("sendMessage")


async def test_blocked_young_person_and_ending(relayed: Relayed) -> None:
    """A reply to someone who blocked the bot leaves a note; ending tells staff."""
    api, group = relayed.api, relayed.group
    sara = api.user(first_name="Sara", language_code="sv")
    screen_id = await open_relay(api, sara, "sv")
    await api.push_text(sara, "Hej")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    thread = copy["message_thread_id"]
    await api.wait_for(lambda: "Skickat till personalen" in api.texts(sara.id)[-1])
    api.block(sara)
    staff = api.user(first_name="Anna")
    await api.push_group_text(group, staff, "Hej!", message_thread_id=thread)
    await api.wait_for(lambda: any("blockerat" in t for t in api.texts(group.id)))
    api.unblock(sara)
    await api.press(sara, screen_id, "relay:off")
    await api.wait_for(lambda: any("avslutade samtalet" in t for t in api.texts(group.id)))
    user = relayed.conversation.pseudonyms.of(sara.id)
    assert await relayed.conversation.store.relay(user) is None


async def test_flood_limit(relayed: Relayed, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the limit per minute: the rest are not copied and the user is asked to wait.

    The limit is ten; it is lowered here because the real pacing of group sends is slow.
    """
    monkeypatch.setattr(relay_module, "FLOOD_MESSAGES", 2)
    api = relayed.api
    omid = api.user(first_name="Omid", language_code="fa")
    await open_relay(api, omid, "fa-AF")
    for n in range(4):
        await api.push_text(omid, f"m{n}")
    await api.wait_for(lambda: sum("صبر کن" in t for t in api.texts(omid.id)) == 2, 20)
    await asyncio.sleep(0.3)
    assert len(api.calls("copyMessage")) == 2


async def test_deleted_topic_is_opened_again(relayed: Relayed) -> None:
    """If staff delete a topic, the next message opens a new one."""
    api, group = relayed.api, relayed.group
    lina = api.user(first_name="Lina", language_code="en")
    await open_relay(api, lina, "en")
    await api.push_text(lina, "first")
    first = await api.wait_for_call("copyMessage", chat_id=group.id)
    await api.wait_for(lambda: "Delivered" in api.texts(lina.id)[-1])
    del api.topics[group.id][first["message_thread_id"]]
    await api.push_text(lina, "second")
    await api.wait_for_call("copyMessage", n=2, chat_id=group.id)
    second = api.calls("copyMessage")[-1]
    assert second["message_thread_id"] != first["message_thread_id"]
    assert len(api.calls("createForumTopic")) == 2
