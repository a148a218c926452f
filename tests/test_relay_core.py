"""The relay in the conversation core: the button, the explanation, opening, ending, expiry."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.conversation import Conversation, Event, Reply, relay_pseudonym
from bot.pseudonym import Pseudonyms
from bot.screens import Library
from bot.store import MemoryStore
from tests.conftest import KEY, FixedClock

CHAT = 555000111


def routes(reply: Reply) -> list[str]:
    """Callback data of a reply's screen."""
    assert reply.screen is not None
    return [b.data for row in reply.screen.buttons for b in row if b.data]


async def press(conv: Conversation, value: str) -> Reply:
    """Press a button as CHAT."""
    reply = await conv.handle(Event("button", CHAT, value))
    assert reply is not None
    return reply


def relaying(library: Library, store: MemoryStore, clock: FixedClock) -> Conversation:
    """A core with the relay on."""
    return Conversation(library, store, Pseudonyms(KEY), clock, relay_enabled=True)


async def test_no_button_without_staff_chat(conversation: Conversation) -> None:
    """Without a staff chat, Talk has no relay button and the route is stale."""
    await press(conversation, "lang:en")
    assert "relay" not in routes(await press(conversation, "talk"))
    reply = await press(conversation, "relay:on")
    assert "relay:off" not in routes(reply)
    assert await conversation.store.relay(conversation.pseudonyms.of(CHAT)) is None


async def test_open_write_and_end(library: Library, store: MemoryStore, clock: FixedClock) -> None:
    """Explain, confirm, texts go to staff, End stops it."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:sv")
    assert routes(await press(conv, "talk"))[0] == "relay"
    intro = await press(conv, "relay")
    assert intro.screen and "112" in intro.screen.text and "116 111" in intro.screen.text
    assert "30" in intro.screen.text and "relay:on" in routes(intro)
    text = Event("text", CHAT, "hej")
    assert (await conv.handle(text)) == Reply(
        library.menu("sv", prefix=library.t("sv", "not-understood"))
    )
    assert routes(await press(conv, "relay:on")) == ["relay:off"]
    assert await conv.handle(text) == Reply(None, relay=True)
    assert await conv.handle(Event("other", CHAT)) == Reply(None, relay=True)
    menu = await conv.handle(Event("command", CHAT, "menu"))
    assert menu and not menu.relay
    ended = await press(conv, "relay:off")
    assert ended.screen and ended.screen.text.startswith(library.t("sv", "relay-ended"))
    assert store.relays == {}
    assert not (await conv.handle(text) or Reply(None)).relay


async def test_relay_expires_after_30_days(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """A relay with no message for 30 days is deleted by the daily expiry."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:ar")
    await press(conv, "relay:on")
    clock.moment += timedelta(days=30)
    await press(conv, "menu")
    assert store.relays
    clock.moment += timedelta(days=1)
    await press(conv, "menu")
    assert store.relays == {}


def test_relay_pseudonym_is_random_and_plain() -> None:
    """Staff see names like Fox-4821, not derived from anything."""
    names = {relay_pseudonym() for _ in range(50)}
    assert len(names) > 40
    assert all(re.fullmatch(r"[A-Z][a-z]+-\d{4}", n) for n in names)
