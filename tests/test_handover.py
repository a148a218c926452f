"""The handover question in the core: only the latest question's buttons count, once."""

from __future__ import annotations

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import Library
from bot.storage.base import Handover
from bot.storage.memory import MemoryStore
from tests.conftest import KEY, FixedClock

CHAT = 555000222


async def test_only_the_pending_question_is_answered(
    library: Library, store: MemoryStore, clock: FixedClock
) -> None:
    """A stale or forged answer is the old-button menu; the pending one asks the relay to act
    and takes Yes / No off the question."""
    conv = Conversation(library, store, Pseudonyms(KEY), clock, relay_enabled=True)
    await conv.handle(Event("button", CHAT, "lang:fa-AF"))
    await conv.handle(Event("button", CHAT, "relay:on:radda-barnen"))
    user = conv.pseudonyms.of(CHAT)
    forged = await conv.handle(Event("button", CHAT, "relay:hv:41:y"))
    assert forged is not None and forged.handover is None
    assert forged.screen and library.t("fa-AF", "stale-button") in forged.screen.text
    await store.set_handover(user, Handover("farr", 42, None))
    old = await conv.handle(Event("button", CHAT, "relay:hv:41:y"))
    assert old is not None and old.handover is None
    reply = await conv.handle(Event("button", CHAT, "relay:hv:42:n"))
    assert reply is not None and reply.handover is not None and reply.edit
    relay, yes = reply.handover
    assert relay.user == user and not yes
    assert reply.screen and [b.data for row in reply.screen.buttons for b in row] == ["sos"]
