"""Which staff group a relay belongs to, when the settings or relay.yaml change; staff
commands; switching organisation; the topic limit; links the key cannot read."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.relay import FromStaff, FromYoung, StaffRelay, limits
from bot.screens.library import Library
from bot.storage.base import Expired
from bot.storage.memory import MemoryStore
from tests.conftest import KEY, FixedClock

ANNA, BORIS = 555000301, 555000302
OLD, NEW, ORG, ORG2 = -100, -999, -300, -400


class Port:
    """A RelayPort that records copies (to, from, topic) and sends (chat, text, topic)."""

    def __init__(self) -> None:
        self.copies: list[tuple[int, int, int | None]] = []
        self.sent: list[tuple[int, str, int | None]] = []
        self.created: list[int] = []

    async def create_topic(self, staff_chat: int, name: str) -> int:
        self.created.append(staff_chat)
        return 500 + len(self.created)

    async def copy(
        self, to_chat: int, from_chat: int, message_id: int, *, topic: int | None, **_: Any
    ) -> None:
        self.copies.append((to_chat, from_chat, topic))

    async def send(self, chat: int, text: str, *, topic: int | None = None, **_: Any) -> None:
        self.sent.append((chat, text, topic))

    async def react(self, chat: int, message_id: int) -> None:
        return None

    async def delete_messages(self, chat: int, message_ids: Any) -> bool:
        return True

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        return None


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def with_groups(library: Library, *groups: int | None) -> Library:
    """The library with the first desks' own staff groups set (None: the shared group)."""
    relay = library.content.relay
    desks = tuple(
        replace(d, staff_chat=groups[i] if i < len(groups) else d.staff_chat)
        for i, d in enumerate(relay.desks)
    )
    return Library(replace(library.content, relay=replace(relay, desks=desks)), library.texts)


async def start(conv: Conversation, chat: int, desk: str = "any") -> None:
    """Choose English and open a relay to `desk`."""
    await conv.handle(Event("button", chat, "lang:en"))
    reply = await conv.handle(Event("button", chat, f"relay:on:{desk}"))
    assert reply is not None


def staff_text(library: Library, key: str, **args: object) -> str:
    """A note to staff, as the relay writes it."""
    return library.t(library.staff_language, key, **args)


async def test_a_changed_shared_group_crosses_no_conversations(
    library: Library, clock: FixedClock
) -> None:
    """After BOT_STAFF_CHAT_ID changes, an old relay opens a new topic in the new group;
    a staff message in the new group's topic with the old id reaches only its own person;
    the old group reaches no one."""
    store = MemoryStore()
    before = Conversation(library, store, Pseudonyms(KEY), clock, shared_chat=OLD)
    port = Port()
    await start(before, ANNA)
    old_relay = StaffRelay(before, port, OLD)
    await old_relay.from_young(FromYoung(ANNA, 1))
    await old_relay.finish()
    assert port.copies == [(OLD, ANNA, 501)]
    sent = len(port.sent)
    # Restart with a new shared group, where topic ids start again from small numbers.
    conv = Conversation(library, store, Pseudonyms(KEY), clock, shared_chat=NEW)
    relay = StaffRelay(conv, port, NEW)
    port.created = [0]  # the new group's first topic gets the id Anna had in the old one
    await start(conv, BORIS)
    await relay.from_young(FromYoung(BORIS, 2))
    assert port.copies[-1] == (NEW, BORIS, 502)
    await relay.from_young(FromYoung(ANNA, 3))
    assert port.copies[-1] == (NEW, ANNA, 503)  # her own new topic, not Boris's
    await relay.from_staff(FromStaff(NEW, 502, 10, "for Boris"))
    assert port.copies[-1:] == [(BORIS, NEW, None)]
    await relay.from_staff(FromStaff(NEW, 503, 11, "for Anna"))
    assert port.copies[-1:] == [(ANNA, NEW, None)]
    copies = len(port.copies)
    await relay.from_staff(FromStaff(OLD, 501, 12, "from the old group"))
    await relay.finish()
    assert len(port.copies) == copies and not [s for s in port.sent[sent:] if s[0] == OLD]


async def test_a_group_taken_out_of_relay_yaml_gets_nothing_more(
    library: Library, clock: FixedClock
) -> None:
    """An organisation's group removed from relay.yaml: the young person's next message
    goes to a new topic in the shared group; the removed group gets no copy and no note,
    and what its staff write reaches no one."""
    desk = library.content.relay.desks[0].id
    conv = Conversation(
        with_groups(library, ORG), MemoryStore(), Pseudonyms(KEY), clock, shared_chat=NEW
    )
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    await start(conv, ANNA, desk)
    await relay.from_young(FromYoung(ANNA, 1))
    assert port.copies == [(ORG, ANNA, 501)]
    while relay.notes.tasks:  # the first note, while the group was still configured
        await asyncio.wait(set(relay.notes.tasks))
    sent = len(port.sent)
    conv.library = library  # the live reload: the desk has no group of its own now
    await relay.from_young(FromYoung(ANNA, 2))
    assert port.copies[-1] == (NEW, ANNA, 502)
    await relay.from_staff(FromStaff(ORG, 501, 9, "still here?"))
    await relay.finish()
    assert len(port.copies) == 2 and not [s for s in port.sent[sent:] if s[0] == ORG]


async def test_an_organisation_moved_to_another_group(library: Library, clock: FixedClock) -> None:
    """An organisation given another group: its old group (still a staff group of another
    organisation) is told the conversation moved, and its messages are not delivered."""
    desk = library.content.relay.desks[0].id
    conv = Conversation(
        with_groups(library, ORG, ORG2), MemoryStore(), Pseudonyms(KEY), clock, shared_chat=NEW
    )
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    await start(conv, ANNA, desk)
    await relay.from_young(FromYoung(ANNA, 1))
    conv.library = with_groups(library, ORG2, ORG)  # the two organisations swap groups
    await relay.from_staff(FromStaff(ORG, 501, 9, "hello"))
    moved = staff_text(library, "relay-staff-moved")
    assert (ORG, moved, 501) in port.sent and len(port.copies) == 1
    await relay.from_young(FromYoung(ANNA, 2))
    assert port.copies[-1] == (ORG2, ANNA, 502)
    await relay.finish()


async def test_two_relays_on_one_topic_fail_closed(library: Library, clock: FixedClock) -> None:
    """Two relays claiming one topic (rows from before the group was written): nobody
    gets the staff message, staff are told, and each young person gets a new topic."""
    store = MemoryStore()
    conv = Conversation(library, store, Pseudonyms(KEY), clock, shared_chat=NEW)
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    for chat in (ANNA, BORIS):
        await start(conv, chat)
        await store.set_relay_topic(conv.pseudonyms.of(chat), 7, NEW)
    await relay.from_staff(FromStaff(NEW, 7, 9, "who gets this?"))
    assert port.copies == []
    assert port.sent == [(NEW, staff_text(library, "relay-staff-ambiguous"), 7)]
    await relay.from_young(FromYoung(ANNA, 1))
    assert port.copies == [(NEW, ANNA, 501)]
    await relay.finish()


async def test_staff_text_starting_with_a_slash(library: Library, clock: FixedClock) -> None:
    """Prose starting with "/" is delivered; a mistyped command is not, and staff are told;
    the bot's own commands stay silent."""
    conv = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock, shared_chat=NEW)
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    await start(conv, ANNA)
    await relay.from_young(FromYoung(ANNA, 1))
    for n, text in enumerate(("/ok, I will call you tomorrow", "/ hello", "//note")):
        await relay.from_staff(FromStaff(NEW, 501, 10 + n, text))
    assert len([c for c in port.copies if c[0] == ANNA]) == 3
    sent = len(port.sent)
    await relay.from_staff(FromStaff(NEW, 501, 20, "/answr received"))
    await relay.from_staff(FromStaff(NEW, 501, 21, "/stats"))
    assert len([c for c in port.copies if c[0] == ANNA]) == 3
    told = staff_text(library, "relay-staff-unknown-command", command="/answr")
    assert port.sent[sent:] == [(NEW, told, 501)]
    await relay.finish()


async def test_switching_organisation_gets_a_new_name_and_tells_the_old_topic(
    library: Library, clock: FixedClock
) -> None:
    """Another desk: a new made-up name and topic, and a note in the old topic."""
    desks = [d.id for d in library.content.relay.desks]
    store = MemoryStore()
    conv = Conversation(library, store, Pseudonyms(KEY), clock, shared_chat=NEW)
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    await start(conv, ANNA, desks[0])
    await relay.from_young(FromYoung(ANNA, 1))
    user = conv.pseudonyms.of(ANNA)
    first = store.relays[user]
    reply = await conv.handle(Event("button", ANNA, f"relay:on:{desks[1]}"))
    assert reply is not None and reply.staff_note == (first, "relay-staff-moved")
    second = store.relays[user]
    assert second.topic is None and second.desk == desks[1]
    assert second.pseudonym != first.pseudonym  # nothing links the two organisations
    await relay.finish()


async def test_topics_per_young_person_are_limited(library: Library, clock: FixedClock) -> None:
    """Switching desks to open topic after topic: the fourth in an hour is refused with a
    word to the young person; an hour later it opens."""
    desks = [d.id for d in library.content.relay.desks] + ["any"]
    conv = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock, shared_chat=NEW)
    port, ticks = Port(), Ticks()
    relay = StaffRelay(conv, port, NEW, clock=ticks)
    await conv.handle(Event("button", ANNA, "lang:en"))
    for n in range(limits.TOPIC_LIMIT + 1):
        await conv.handle(Event("button", ANNA, f"relay:on:{desks[n % len(desks)]}"))
        await relay.from_young(FromYoung(ANNA, n))
    assert len(port.created) == limits.TOPIC_LIMIT
    wait = library.t("en", "relay-topics-wait")
    assert port.sent[-1][:2] == (ANNA, wait)
    ticks.now += limits.TOPIC_SECONDS
    await relay.from_young(FromYoung(ANNA, 99))
    assert len(port.created) == limits.TOPIC_LIMIT + 1
    await relay.finish()


async def test_unreadable_links_are_reported_in_their_topics(
    library: Library, clock: FixedClock
) -> None:
    """A link the key could not read: its topic is told it is gone (not "expired")."""
    conv = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock, shared_chat=NEW)
    port = Port()
    relay = StaffRelay(conv, port, NEW)
    await relay._expired([Expired(NEW, 7, closed=False, lost=True), Expired(OLD, 8, False, True)])
    await relay.finish()
    assert port.sent == [(NEW, staff_text(library, "relay-staff-unreadable"), 7)]


async def test_about_text_says_the_configured_days(library: Library, clock: FixedClock) -> None:
    """The privacy text gives BOT_RELAY_DAYS, not a fixed 30, in every language."""
    conv = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock, relay_days=14)
    for language in ("sv", "en", "ar", "fa-AF"):
        await conv.handle(Event("button", ANNA, f"lang:{language}"))
        reply = await conv.handle(Event("command", ANNA, "privacy"))
        assert reply and reply.screen
        assert "14" in reply.screen.text or "۱۴" in reply.screen.text, language
        assert "30" not in reply.screen.text and "۳۰" not in reply.screen.text, language
