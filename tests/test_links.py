"""Deep links: `/start <payload>` from posters and leaflets, read and answered by the core."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.adapters.updates import message_event
from bot.content.model import Source
from bot.core.conversation import Conversation, Event
from bot.screens.library import Library
from bot.screens.links import StartLink, link, payload, payload_problems, read_payload
from bot.storage.memory import MemoryStore

CHAT = 515151


@pytest.fixture
def posters(library: Library) -> Library:
    """The real library with one declared poster source."""
    sources = (Source("malmo-poster", "The poster at the drop-in"),)
    return replace(library, content=replace(library.content, sources=sources))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("sv", StartLink("sv")),
        ("fa", StartLink("fa-AF")),
        ("fa-AF", StartLink("fa-AF")),
        ("AR", StartLink("ar")),
        ("fa_appeal", StartLink("fa-AF", "appeal")),
        ("fa_malmo-poster", StartLink("fa-AF", None, "malmo-poster")),
        ("en_appeal_malmo-poster", StartLink("en", "appeal", "malmo-poster")),
        ("malmo-poster", StartLink(None, None, "malmo-poster")),
        ("sv_no-such-section", StartLink("sv")),  # removed after printing: the menu
        ("appeal", StartLink()),  # a section needs a language
        ("de", StartLink()),
        ("fa_appeal_x_y", StartLink()),
        ("fa appeal", StartLink()),
        ("x" * 65, StartLink()),
        ("sv/../etc", StartLink()),
    ],
)
def test_payloads_are_read(posters: Library, text: str, expected: StartLink) -> None:
    """Language, section and source are read in order; anything unknown is left out."""
    assert read_payload(posters, text) == expected


def test_payloads_for_posters_are_checked_strictly(posters: Library) -> None:
    """A poster's payload must name only known parts, in order; built ones always pass."""
    for good in ("fa", "fa_appeal", "fa_malmo-poster", "sv_appeal_malmo-poster", "malmo-poster"):
        assert payload_problems(posters, good) == [], good
    for bad in ("fa_nope", "appeal", "malmo-poster_fa", "x y", "", "fa_appeal_malmo-poster_x"):
        assert payload_problems(posters, bad), bad
    assert payload(posters, "fa-AF", "appeal", "malmo-poster") == "fa_appeal_malmo-poster"
    assert payload(posters, "sv") == "sv"
    assert link("@nasta_steg_bot", "fa") == "https://t.me/nasta_steg_bot?start=fa"


def test_the_payload_reaches_the_core() -> None:
    """`/start fa_appeal` keeps its payload (cut to Telegram's 64 characters)."""
    event = message_event(1, "/start fa_appeal", "sv")
    assert (event.kind, event.value, event.argument) == ("command", "start", "fa_appeal")
    assert message_event(1, "/start@nasta_bot   en ", None).argument == "en"
    assert len(message_event(1, "/start " + "a" * 500, None).argument) == 64
    assert message_event(1, "/start", None).argument == ""


async def start(conv: Conversation, argument: str, chat: int = CHAT) -> Event:
    """The /start event of a deep link."""
    return Event("command", chat, "start", app_language="sv", argument=argument)


async def test_a_language_link_opens_the_menu_without_the_choice(
    posters: Library, conversation: Conversation, store: MemoryStore
) -> None:
    """/start fa opens the Dari menu, remembers Dari and counts the start and the choice."""
    conversation.library = posters
    reply = await conversation.handle(await start(conversation, "fa"))
    assert reply is not None and reply.screen == posters.menu("fa-AF")
    assert await store.language(conversation.pseudonyms.of(CHAT)) == "fa-AF"
    counts = {(c.language, c.event) for c in await store.counts(date.min, date.max)}
    assert {("fa-AF", "start"), ("fa-AF", "language")} <= counts


async def test_a_section_link_opens_the_section(
    posters: Library, conversation: Conversation
) -> None:
    """/start ar_appeal opens the appeal section in Arabic."""
    conversation.library = posters
    reply = await conversation.handle(await start(conversation, "ar_appeal"))
    assert reply is not None and reply.screen == posters.section("ar", "appeal", 0)


async def test_a_source_is_counted_by_day_and_nothing_else(
    posters: Library, conversation: Conversation, store: MemoryStore
) -> None:
    """A poster's source is counted under its id; alone, it shows the language choice."""
    conversation.library = posters
    for n, text in enumerate(("fa_malmo-poster", "malmo-poster", "unknown-poster")):
        reply = await conversation.handle(await start(conversation, text, CHAT + n))
        assert reply is not None and reply.screen is not None
    sources = [
        (c.language, c.subject, c.n)
        for c in await store.counts(date.min, date.max)
        if c.event == "source"
    ]
    assert sorted(sources) == [("-", "malmo-poster", 1), ("fa-AF", "malmo-poster", 1)]
    choice = await conversation.handle(await start(conversation, "unknown", CHAT + 9))
    assert choice is not None and choice.screen == posters.language_choice("sv")
