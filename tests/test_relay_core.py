"""The relay in the conversation core: the button, the explanation, opening, ending, expiry."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.core.conversation import AskContact, Conversation, Event, Reply
from bot.core.pseudonym import Pseudonyms, relay_pseudonym
from bot.core.relay import StaffRelay, wipe_chat
from bot.screens.library import Library
from bot.storage.base import Expired
from bot.storage.memory import MemoryStore
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
    """Choose, explain, confirm, texts go to staff, End stops it and tells staff."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:sv")
    assert routes(await press(conv, "talk"))[0] == "relay"
    choose = await press(conv, "relay")
    desks = [d.id for d in library.content.relay.desks]
    assert desks and routes(choose)[: len(desks) + 1] == [
        *(f"relay:d:{d}" for d in desks),
        "relay:d:any",
    ]
    intro = await press(conv, f"relay:d:{desks[0]}")
    assert intro.screen and "112" in intro.screen.text and "116\xa0111" in intro.screen.text
    assert "30" in intro.screen.text and f"relay:on:{desks[0]}" in routes(intro)
    org = library.content.organisation(desks[0])
    assert org is not None and org.name["sv"] in intro.screen.text
    text = Event("text", CHAT, "hej")
    assert (await conv.handle(text)) == Reply(
        library.menu("sv", prefix=library.t("sv", "typed-none"))
    )
    started = await press(conv, f"relay:on:{desks[0]}")
    assert routes(started) == ["sos", "relay:call", "relay:off"]
    relay = store.relays[conv.pseudonyms.of(CHAT)]
    assert (relay.desk, relay.language, relay.chat) == (desks[0], "sv", CHAT)
    assert await conv.handle(text) == Reply(None, relay=True)
    assert await conv.handle(Event("other", CHAT)) == Reply(None, relay=True)
    menu = await conv.handle(Event("command", CHAT, "menu"))
    assert menu and not menu.relay
    ended = await press(conv, "relay:off")
    assert ended.screen and ended.screen.text.startswith(library.t("sv", "relay-ended"))
    assert ended.staff_note == (relay, "relay-staff-ended")
    assert store.relays == {}
    assert not (await conv.handle(text) or Reply(None)).relay
    counts = await store.counts(conv.today(), conv.today())
    assert [(c.event, c.subject) for c in counts if c.event == "relay"] == [("relay", desks[0])]


async def test_forged_desks_and_steps_are_stale(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """A made-up desk or step opens nothing and goes back to the menu."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:en")
    stale = library.t("en", "stale-button")
    for data in ("relay:on:nobody", "relay:d:nobody", "relay:x", "relay:call", "sos:1"):
        reply = await press(conv, data)
        assert reply.screen and reply.screen.text.startswith(stale), data
    assert store.relays == {}


async def test_call_back_contact_and_not_now(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """Ask for a call back: a contact keyboard; own number to staff, others' not; Not now."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:fa-AF")
    await press(conv, "relay:on:any")
    ask = await press(conv, "relay:call")
    assert isinstance(ask.keyboard, AskContact) and not ask.edit
    assert ask.keyboard.share == library.t("fa-AF", "relay-call-share")
    own = await conv.handle(Event("contact", CHAT, "+46700000000"))
    assert own == Reply(None, relay=True)
    other = await conv.handle(Event("contact", CHAT, ""))
    assert other and other.screen and other.screen.text == library.t("fa-AF", "relay-call-other")
    no = await conv.handle(Event("text", CHAT, library.t("fa-AF", "relay-call-no")))
    assert no and no.keyboard == "remove" and not no.relay


async def test_help_now_is_a_new_message(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """`sos` sends the emergency list as a new message (a staff reply is never replaced)."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:ar")
    reply = await press(conv, "sos")
    assert reply.screen and "112" in reply.screen.text and not reply.edit


async def test_closed_by_staff_answers_and_grace(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """After staff close, a message is not relayed; the link goes after the grace period."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:en")
    await press(conv, "relay:on:any")
    user = conv.pseudonyms.of(CHAT)
    await store.set_relay_closed(user, conv.today())
    reply = await conv.handle(Event("text", CHAT, "hello?"))
    assert reply and not reply.relay and reply.screen
    assert reply.screen.text == library.t("en", "relay-is-closed")
    assert routes(reply) == ["relay", "sos"]
    clock.moment += timedelta(days=conv.relay_grace_days)
    await press(conv, "menu")
    assert user in store.relays
    clock.moment += timedelta(days=1)
    await press(conv, "menu")
    assert store.relays == {}


async def test_forget_tells_staff_and_wipes(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """/forget deletes the relay, tells staff, asks the runner to wipe the chat."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:sv")
    await press(conv, "relay:on:any")
    relay = store.relays[conv.pseudonyms.of(CHAT)]
    reply = await conv.handle(Event("command", CHAT, "forget"))
    assert reply and reply.wipe and reply.staff_note == (relay, "relay-staff-forgot")
    assert reply.keyboard == "remove"
    assert store.relays == {} and store.languages == {}


async def test_relay_expires_after_30_days(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """A relay with no message for 30 days is deleted by the daily expiry."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:ar")
    await press(conv, "relay:on:any")
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
    assert all(re.fullmatch(r"[A-Z][a-z]+-\d{5}", n) for n in names)


async def test_expiry_runs_on_quiet_days_and_reports_topics(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """keep_tidy expires an idle link with no update at all, and hands the relay its topic;
    a failing round is logged and tried again, not the end of the loop."""
    conv = relaying(library, store, clock)
    await press(conv, "lang:sv")
    await press(conv, "relay:on:any")
    user = conv.pseudonyms.of(CHAT)
    await store.set_relay_topic(user, 77)
    told: list[Expired] = []

    async def on_expired(expired: list[Expired]) -> None:
        told.extend(expired)

    conv.on_expired = on_expired
    real = store.expire_relays
    failures = 0

    async def flaky(*args: Any) -> list[Expired]:
        nonlocal failures
        if failures == 0:
            failures += 1
            raise OSError("disk full")
        return await real(*args)

    store.expire_relays = flaky  # type: ignore[method-assign, assignment]
    tidy = asyncio.create_task(conv.keep_tidy(every=0.01))
    try:
        clock.moment += timedelta(days=31)
        for _ in range(500):
            if told:
                break
            await asyncio.sleep(0.01)
    finally:
        tidy.cancel()
        await asyncio.gather(tidy, return_exceptions=True)
    assert failures == 1
    assert told == [Expired(None, 77, closed=False)]
    assert store.relays == {}


class RecordingPort:
    """A RelayPort that records what it sends; `stall` makes sends hang."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str, int | None]] = []
        self.stall = False
        self.topics = 0
        self.changed = asyncio.Event()

    async def create_topic(self, staff_chat: int, name: str) -> int:
        self.topics += 1
        return 100 + self.topics

    async def copy(
        self, to_chat: int, from_chat: int, message_id: int, *, topic: int | None, **_: Any
    ) -> None:
        return None

    async def send(self, chat: int, text: str, *, topic: int | None = None, **_: Any) -> None:
        if self.stall:
            await asyncio.Event().wait()
        self.sent.append((chat, text, topic))
        self.changed.set()

    async def wait_for(self, n: int) -> None:
        """Wait until `n` messages were sent."""
        while len(self.sent) < n:
            self.changed.clear()
            await self.changed.wait()

    async def react(self, chat: int, message_id: int) -> None:
        return None

    async def delete_messages(self, chat: int, message_ids: Any) -> bool:
        return True

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        return None


async def test_notes_wait_for_young_peoples_messages_but_not_for_shutdown(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """Expiry notes queue behind messages on their way into a group and go as soon as the
    group is quiet; finish() sends what waits at once and drops a send that hangs after the
    grace, without an error."""
    relay_content = library.content.relay
    desks = (replace(relay_content.desks[0], staff_chat=-200), *relay_content.desks[1:])
    content = replace(library.content, relay=replace(relay_content, desks=desks))
    conv = relaying(Library(content, library.texts), store, clock)
    port = RecordingPort()
    relay = StaffRelay(conv, port, -100)
    expired = library.t(library.staff_language, "relay-staff-expired", days=30)
    gone = library.t(library.staff_language, "relay-staff-expired-closed")
    with relay.notes.carrying(-100):  # a young person's copy on its way into the shared group
        await relay._expired([Expired(None, 7, closed=False), Expired(-200, 8, closed=True)])
        await asyncio.wait_for(port.wait_for(1), 0.5)  # no second-long poll
        for _ in range(20):  # let the busy group's note run as far as it can
            await asyncio.sleep(0)
        assert port.sent == [(-200, gone, 8)]  # the quiet group at once, the busy one waits
    await asyncio.wait_for(port.wait_for(2), 0.5)  # quiet now: it goes at once
    assert port.sent[1:] == [(-100, expired, 7)]
    with relay.notes.carrying(-100):  # busy again; shutdown does not wait for it
        await relay._expired([Expired(None, 10, closed=False)])
        await asyncio.wait_for(relay.finish(), 3)
    assert port.sent[2:] == [(-100, expired, 10)]
    port.stall = True
    await relay._expired([Expired(None, 9, closed=False)])
    await asyncio.wait_for(relay.finish(grace=0.2), 3)
    assert len(port.sent) == 3 and not relay.notes.tasks


class WipePort:
    """The one call wipe_chat makes, answering as told."""

    def __init__(self, answers: list[bool | Exception]) -> None:
        self.answers = answers
        self.calls: list[list[int]] = []

    async def delete_messages(self, chat: int, message_ids: Sequence[int]) -> bool:
        """Answer the next prepared answer (raise it if it is an error)."""
        self.calls.append(list(message_ids))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


async def test_wipe_says_whether_it_went_as_far_as_telegram_allows() -> None:
    """A refusal (older than 48 hours) ends a complete wipe; a failure on the way does not,
    so /forget never claims a wipe that did not happen."""
    refused = WipePort([True, False])
    assert await wipe_chat(refused, 1, 250) is True  # type: ignore[arg-type]
    assert [len(c) for c in refused.calls] == [100, 100]
    broken = WipePort([True, RuntimeError("502 Bad Gateway")])
    assert await wipe_chat(broken, 1, 250) is False  # type: ignore[arg-type]
