"""`StaffRelay`: carries a young person's messages into their staff topic, and hands the
staff side (bot/core/relay/staff.py) what staff write."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Coroutine
from dataclasses import replace
from typing import Any

from bot.content.model import Desk
from bot.core import handover, waiting
from bot.core.conversation import Conversation
from bot.core.relay import limits
from bot.core.relay.limits import FloodWindow, Monotonic, Once
from bot.core.relay.notes import Notes, log_failure
from bot.core.relay.port import FromStaff, FromYoung, Keyboard, RelayPort, TopicGone, Unreachable
from bot.core.relay.staff import StaffCommands
from bot.core.titles import topic_title
from bot.screens import relay as relay_screens
from bot.screens.library import Rows
from bot.screens.render import escape
from bot.storage.base import Expired, Relay

log = logging.getLogger(__name__)

QUEUED_SECONDS = 5.0  # a copy slower than this: tell the young person it is on its way


class TooManyTopics(Exception):
    """A young person opened too many staff topics lately (by switching desks)."""


def topic_name(relay: Relay) -> str:
    """A new topic's title: new, made-up name, language, organisation; never the user's."""
    return topic_title(relay, "new")


class StaffRelay:
    """Carries messages between young people's private chats and staff forum topics."""

    def __init__(
        self,
        conversation: Conversation,
        port: RelayPort,
        shared_chat: int,
        *,
        clock: Monotonic = time.monotonic,
    ) -> None:
        self.conversation = conversation
        self.port = port
        self.shared_chat = shared_chat
        self._locks: weakref.WeakValueDictionary[bytes, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._flood = FloodWindow(clock=clock)
        self._new_topics = FloodWindow(limits.TOPIC_LIMIT, limits.TOPIC_SECONDS, clock)
        self._noticed = Once(limits.NOTICE_SECONDS, clock)
        self._warned = Once(limits.WARN_SECONDS, clock)  # staff group -> shared group told
        self._opening: dict[int, asyncio.Lock] = {}  # per staff group
        self.notes = Notes()
        self._staff = StaffCommands(self)
        self.waiting = waiting.WaitingList(self)  # /waiting, topic names, /mute
        self.handovers = handover.Handovers(self)  # /transfer, with consent
        conversation.on_expired = self._expired

    # --- helpers -------------------------------------------------------------------

    def _t(self, language: str, key: str, /, **args: object) -> str:
        return self.conversation.library.t(language, key, **args)

    @property
    def staff_language(self) -> str:
        """The language of notes to staff (see Library.staff_language)."""
        return self.conversation.library.staff_language

    def staff_chats(self) -> set[int]:
        """Every staff group: the shared one and the organisations' own."""
        return {self.shared_chat} | self.conversation.library.content.relay.staff_chats()

    def desk(self, relay: Relay) -> Desk:
        """The relay's desk in the current content (whoever can help, if it is gone)."""
        content = self.conversation.library.content.relay
        return content.desk(relay.desk) or content.anyone

    def group_of(self, relay: Relay) -> int:
        """The staff group the relay's desk uses now (the content may have changed)."""
        desk = self.conversation.library.content.relay.desk(relay.desk)
        return desk.staff_chat if desk and desk.staff_chat is not None else self.shared_chat

    def _chat_of(self, relay: Relay) -> int:
        return relay.staff_chat if relay.staff_chat is not None else self.shared_chat

    async def _home(self, user: bytes, relay: Relay) -> Relay:
        """Move a relay whose group is no longer its desk's (a changed BOT_STAFF_CHAT_ID
        or relay.yaml) to a new topic in the current group. The old topic is told only if
        its group is still a staff group: a group taken out gets nothing more."""
        home = self.group_of(relay)
        if relay.staff_chat == home:
            return relay
        await self.conversation.store.set_relay_topic(user, None, home)
        log.info("a relay moved to its desk's current staff group")
        if relay.topic is not None and relay.staff_chat in self.staff_chats():
            await self.note(relay, "relay-staff-moved")
        return replace(relay, staff_chat=home, topic=None)

    def chat_of(self, relay: Relay) -> int:
        """The staff group of a relay's topic (where it was opened)."""
        return self._chat_of(relay)

    def lock(self, user: bytes) -> asyncio.Lock:
        """The lock that keeps one young person's messages in order."""
        return self._lock(user)

    def later(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run a call into a staff group in the background (waited for at shutdown)."""
        self.notes.later(coro)

    def _sos(self, language: str) -> Rows:
        """Just the help-now button: every relay message carries it."""
        return relay_screens.buttons(self.conversation.library, language, open_relay=False)

    def _lock(self, user: bytes) -> asyncio.Lock:
        lock = self._locks.get(user)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[user] = lock
        return lock

    async def note(self, relay: Relay, key: str, **args: object) -> None:
        """Post a note from the bot in a relay's staff topic (if it has one)."""
        await self.post(relay, self._t(self.staff_language, key, **args))

    async def finish(self, grace: float = 10.0) -> None:
        """On shutdown, before the connection to Telegram closes: send the notes still
        waiting for a quiet group, for up to `grace` seconds, and drop the rest."""
        await self.notes.finish(grace)

    # --- from the young person ------------------------------------------------------

    async def from_young(self, message: FromYoung) -> None:
        """Carry a young person's message into their staff topic, opening it if needed."""
        conv = self.conversation
        user = conv.pseudonyms.of(message.chat)
        async with self._lock(user):
            relay = await conv.store.relay(user)
            if relay is None or not relay.is_open:
                return
            lib, language = conv.library, relay.language
            self.waiting.flush()
            if await self.waiting.muted(relay):
                return
            if self._flood.over(user):
                await self.to_young(relay, self._t(language, "relay-wait"), self._sos(language))
                return
            relay = await self._home(user, relay)
            if message.phone is not None:
                text = self._t(
                    self.staff_language, "relay-staff-callback", phone=escape(message.phone)
                )
                try:
                    await self._to_staff_text(user, relay, text)
                except Unreachable as exc:
                    await self._undelivered(relay, str(exc))
                    return
                except TooManyTopics:
                    await self.to_young(
                        relay, self._t(language, "relay-topics-wait"), self._sos(language)
                    )
                    return
                await self.to_young(
                    relay, self._t(language, "relay-call-thanks"), keyboard="remove"
                )
                return
            # A busy staff group takes at most 20 messages a minute (Telegram's limit): when
            # the copy has to wait, say at once that the message is on its way.
            # Renewed before the copy: a day that turns while the copy waits cannot undo it.
            await conv.store.touch_relay(user, conv.today())
            copy = asyncio.ensure_future(self._to_staff_copy(user, relay, message.message_id))
            try:
                done, _ = await asyncio.wait({copy}, timeout=QUEUED_SECONDS)
                if not done:
                    await self.to_young(
                        relay, self._t(language, "relay-queued"), self._sos(language)
                    )
            except BaseException:  # the copy goes on; its failure, if any, is logged
                copy.add_done_callback(log_failure)
                raise
            try:
                await copy
            except Unreachable as exc:  # the staff group is misconfigured or gone
                await self._undelivered(relay, str(exc))
                return
            except TooManyTopics:
                await self.to_young(
                    relay, self._t(language, "relay-topics-wait"), self._sos(language)
                )
                return
            now = conv.clock.now()
            await conv.store.relay_waiting(user, now)
            desk = self.desk(relay)
            screen = relay_screens.delivered(lib, language, desk, now)
            closed = relay_screens.outside_hours(desk, language, now) is not None
            if self._noticed.take(user, anyway=closed):
                await self.to_young(relay, screen.text, screen.buttons)
            else:
                await self.port.react(relay.chat, message.message_id)
            await self.waiting.young_wrote(relay, now)  # after: the notice matters more

    async def _undelivered(self, relay: Relay, reason: str) -> None:
        """A staff group refused the message: say so plainly to the young person (with the
        emergency numbers one tap away), and tell the people who run the bot."""
        chat = self._chat_of(relay)
        log.warning("staff group %s cannot take messages: %s", chat, reason)
        lib, language = self.conversation.library, relay.language
        await self.to_young(
            relay,
            self._t(language, "relay-undelivered"),
            relay_screens.buttons(lib, language, open_relay=False),
        )
        if chat == self.shared_chat or not self._warned.take(chat):
            return  # at most one warning an hour per group
        desk = relay_screens.desk_name(lib, self.staff_language, relay.desk)
        text = self._t(
            self.staff_language,
            "relay-staff-group-broken",
            desk=escape(desk),
            reason=escape(reason),
        )
        try:
            await self.port.send(self.shared_chat, text)
        except (TopicGone, Unreachable):
            log.warning("the shared staff group cannot be reached either")

    async def _topic(self, user: bytes, relay: Relay, *, fresh: bool = False) -> tuple[int, bool]:
        """The relay's topic, created when there is none; say whether it is new."""
        if relay.topic is not None and not fresh:
            return relay.topic, False
        if self._new_topics.over(user):  # each new topic costs the group three sends
            raise TooManyTopics
        chat, title = self._chat_of(relay), topic_name(relay)
        topic = await self.port.create_topic(chat, title)
        await self.conversation.store.set_relay_topic(user, topic, chat)
        self.waiting.titles.created(chat, topic, title)
        return topic, True

    async def _first_note(self, relay: Relay, topic: int) -> None:
        """Tell staff in a new topic who wrote (made-up name, language, organisation) and how
        to answer. Sent after the first message: in a busy group every send waits its turn,
        and the young person's message matters more."""
        chat = self._chat_of(relay)
        async with self.notes.turn(chat):  # one note at a time
            await self.notes.quiet(chat)
            await self._send_first_note(relay, topic, chat)

    async def _send_first_note(self, relay: Relay, topic: int, chat: int) -> None:
        lib = self.conversation.library
        text = self._t(
            self.staff_language,
            "relay-staff-new",
            pseudonym=relay.pseudonym,
            language=lib.texts.language(relay.language).name,
            desk=escape(relay_screens.desk_name(lib, self.staff_language, relay.desk)),
        )
        try:
            await self.port.send(chat, text, topic=topic)
        except (TopicGone, Unreachable):
            log.info("could not post the first note in a new staff topic")

    async def _to_staff_copy(self, user: bytes, relay: Relay, message_id: int) -> None:
        chat = self._chat_of(relay)
        # Counted from before the wait for a new topic: a staff note waits for zero.
        with self.notes.carrying(chat):
            if relay.topic is None:
                # One new conversation at a time per group, topic then copy: in a busy
                # group (20 sends a minute) the first messages arrive early instead of all
                # the new topics being created before any message.
                async with self._opening.setdefault(chat, asyncio.Lock()):
                    await self._copy_into_topic(user, relay, message_id, chat)
            else:
                await self._copy_into_topic(user, relay, message_id, chat)

    async def _copy_into_topic(self, user: bytes, relay: Relay, message_id: int, chat: int) -> None:
        topic, new = await self._topic(user, relay)
        try:
            await self.port.copy(chat, relay.chat, message_id, topic=topic, buttons=())
        except TopicGone:  # staff deleted or closed the topic: a new one, same made-up name
            topic, new = await self._topic(user, relay, fresh=True)
            await self.port.copy(chat, relay.chat, message_id, topic=topic, buttons=())
        if new:
            self.notes.later(self._first_note(relay, topic))

    async def _to_staff_text(self, user: bytes, relay: Relay, text: str) -> None:
        topic, new = await self._topic(user, relay)
        try:
            await self.port.send(self._chat_of(relay), text, topic=topic)
        except TopicGone:
            topic, new = await self._topic(user, relay, fresh=True)
            await self.port.send(self._chat_of(relay), text, topic=topic)
        if new:
            self.notes.later(self._first_note(relay, topic))

    async def to_young(
        self,
        relay: Relay,
        text: str,
        buttons: Rows = (),
        keyboard: Keyboard = None,
        *,
        protect: bool = False,
    ) -> bool:
        """Send to the young person (`protect`: it cannot be forwarded or saved); on a
        block, tell staff. Return whether it arrived."""
        try:
            await self.port.send(
                relay.chat, text, buttons=buttons, keyboard=keyboard, protect=protect
            )
        except Unreachable:
            await self.note(relay, "relay-staff-blocked")
            return False
        return True

    # --- from staff -------------------------------------------------------------------

    async def from_staff(self, message: FromStaff) -> None:
        """A message in a staff topic: copy it to the young person, or run a command."""
        await self._staff.from_staff(message)

    async def post(self, relay: Relay, text: str) -> None:
        """Post HTML text in a relay's staff topic (if it has one, in a group that is still
        a staff group); never fails."""
        if relay.topic is not None and self._chat_of(relay) in self.staff_chats():
            await self.post_in(self._chat_of(relay), relay.topic, text)

    async def post_in(self, chat: int, topic: int | None, text: str) -> None:
        """Post HTML text in a topic (None: the group's General topic); never fails."""
        try:
            await self.port.send(chat, text, topic=topic)
        except (TopicGone, Unreachable):
            log.info("could not post in a staff topic")

    async def _expired(self, expired: list[Expired]) -> None:
        """Tell each expired relay's topic that nothing written there reaches anyone now."""
        conv = self.conversation
        notes: dict[int, list[tuple[int, str]]] = {}
        for gone in expired:
            if gone.lost:
                text = self._t(self.staff_language, "relay-staff-unreadable")
            elif gone.closed:
                text = self._t(self.staff_language, "relay-staff-expired-closed")
            else:
                text = self._t(self.staff_language, "relay-staff-expired", days=conv.relay_days)
            chat = self.shared_chat if gone.staff_chat is None else gone.staff_chat
            if chat in self.staff_chats():  # a group taken out of the settings gets nothing
                notes.setdefault(chat, []).append((gone.topic, text))
        for chat, topics in notes.items():
            self.notes.later(self._expiry_notes(chat, topics))

    async def _expiry_notes(self, chat: int, topics: list[tuple[int, str]]) -> None:
        """One group's expiry notes, one at a time, each after the young people's messages
        on their way (a group takes 20 sends a minute)."""
        async with self.notes.turn(chat):
            for topic, text in topics:
                await self.notes.quiet(chat)
                await self.post_in(chat, topic, text)
