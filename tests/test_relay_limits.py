"""The relay's time windows on a fake monotonic clock: flood, "Delivered" notice, warning."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.relay import FromYoung, StaffRelay, Unreachable, limits
from bot.core.relay.limits import FloodWindow, Once
from bot.screens.library import Library
from bot.storage.memory import MemoryStore
from tests.conftest import KEY, FixedClock

CHAT = 555000222
SHARED = -100


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Port:
    """A RelayPort that records sends, copies and reactions; `broken` refuses a group."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.copies = 0
        self.reactions = 0
        self.broken: set[int] = set()
        self.topics = 0

    async def create_topic(self, staff_chat: int, name: str) -> int:
        if staff_chat in self.broken:
            raise Unreachable("not a forum")
        self.topics += 1
        return 200 + self.topics

    async def copy(self, to_chat: int, from_chat: int, message_id: int, **_: Any) -> None:
        self.copies += 1

    async def send(self, chat: int, text: str, **_: Any) -> None:
        self.sent.append((chat, text))

    async def react(self, chat: int, message_id: int) -> None:
        self.reactions += 1

    async def delete_messages(self, chat: int, message_ids: Any) -> bool:
        return True

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        return None


def test_flood_window_reopens_after_its_seconds() -> None:
    """Ten messages pass, the eleventh is held back, and a minute later one passes again."""
    ticks = Ticks()
    flood = FloodWindow(clock=ticks)
    assert not any(flood.over(b"u") for _ in range(limits.FLOOD_MESSAGES))
    assert flood.over(b"u") and not flood.over(b"v")
    ticks.now += limits.FLOOD_SECONDS + 0.1
    assert not flood.over(b"u")


def test_once_per_window_reopens() -> None:
    """Once per key per window; `anyway` forces it; the window reopens after its seconds."""
    ticks = Ticks()
    once = Once(600.0, ticks)
    assert once.take("a") and not once.take("a") and once.take("b")
    assert once.take("a", anyway=True)
    ticks.now += 599.0
    assert not once.take("a")
    ticks.now += 1.0
    assert once.take("a")


def with_group(library: Library, group: int) -> Library:
    """The library with the first desk's own staff group set to `group`."""
    relay = library.content.relay
    desks = (replace(relay.desks[0], staff_chat=group), *relay.desks[1:])
    content = replace(library.content, relay=replace(relay, desks=desks))
    return Library(content, library.texts)


async def relayed(
    library: Library, clock: FixedClock, ticks: Ticks, desk: str = "any"
) -> tuple[StaffRelay, Port]:
    """A relay with one open conversation to `desk`, on the fake clock."""
    conv = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock, relay_enabled=True)
    await conv.handle(Event("button", CHAT, "lang:en"))
    await conv.handle(Event("button", CHAT, f"relay:on:{desk}"))
    port = Port()
    return StaffRelay(conv, port, SHARED, clock=ticks), port


async def test_delivered_notice_reopens_after_its_window(
    library: Library, clock: FixedClock
) -> None:
    """ "Delivered" in words once per window, a reaction between, words again after it."""
    ticks = Ticks()
    relay, port = await relayed(library, clock, ticks)
    assert library.content.relay.anyone.hours is None  # else closed hours force the words
    delivered = library.t("en", "relay-delivered")
    await relay.from_young(FromYoung(CHAT, 1))
    await relay.from_young(FromYoung(CHAT, 2))
    assert [t for c, t in port.sent if c == CHAT] == [delivered] and port.reactions == 1
    ticks.now += limits.NOTICE_SECONDS
    await relay.from_young(FromYoung(CHAT, 3))
    assert [t for c, t in port.sent if c == CHAT] == [delivered, delivered]
    await relay.finish()


async def test_flood_limit_reopens_through_the_relay(library: Library, clock: FixedClock) -> None:
    """Over the limit the young person is asked to wait; a minute later messages go again."""
    ticks = Ticks()
    relay, port = await relayed(library, clock, ticks)
    for n in range(limits.FLOOD_MESSAGES + 2):
        await relay.from_young(FromYoung(CHAT, n))
    assert port.copies == limits.FLOOD_MESSAGES
    wait = library.t("en", "relay-wait")
    assert [t for c, t in port.sent if c == CHAT].count(wait) == 2
    ticks.now += limits.FLOOD_SECONDS + 1
    await relay.from_young(FromYoung(CHAT, 99))
    assert port.copies == limits.FLOOD_MESSAGES + 1
    await relay.finish()


async def test_broken_group_warning_once_an_hour(library: Library, clock: FixedClock) -> None:
    """A broken organisation group is reported to the shared group once per hour, not per
    message; after the hour, once more."""
    ticks = Ticks()
    library = with_group(library, -300)
    relay, port = await relayed(library, clock, ticks, library.content.relay.desks[0].id)
    port.broken.add(-300)

    def warnings() -> int:
        return sum(1 for c, _ in port.sent if c == SHARED)

    await relay.from_young(FromYoung(CHAT, 1))
    await relay.from_young(FromYoung(CHAT, 2))
    assert warnings() == 1
    ticks.now += limits.WARN_SECONDS
    await relay.from_young(FromYoung(CHAT, 3))
    assert warnings() == 2
    await relay.finish()
