"""The relay between a young person and staff: the core, which knows nothing of Telegram.

A young person's messages are copied (never forwarded, so no name or id travels) into one
forum topic per conversation in a staff group, titled with a random made-up name, the
language and the organisation chosen. Staff answers in the topic are copied back. In a
topic, `/close` ends the conversation, `/reopen` opens it again within the grace period,
`/answer <name>` sends a prepared answer from content/relay.yaml in the young person's
language. The bot keeps no message: only the relay row in the store (see bot/storage/base.py).

Each runner implements `RelayPort` (a handful of Bot API calls) and calls `from_young`,
`from_staff` and `note`; everything else is decided here, the same for every runner.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections import deque
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from bot.content.model import ANY, Desk
from bot.core.conversation import AskContact, Conversation
from bot.screens import relay as relay_screens
from bot.screens.library import Rows
from bot.screens.render import escape
from bot.storage.base import Expired, Relay

log = logging.getLogger(__name__)

FLOOD_MESSAGES = 10  # at most this many messages ...
FLOOD_SECONDS = 60.0  # ... per user in this many seconds into the staff group
QUEUED_SECONDS = 5.0  # a copy slower than this: tell the young person it is on its way
NOTICE_SECONDS = 600.0  # "Delivered" in words at most this often; a 👍 reaction between
WARN_SECONDS = 3600  # a broken staff group is reported to the shared group once an hour
NOTE_PATIENCE = 600  # a new topic's note waits up to this many seconds for a quiet group
WIPE_MESSAGES = 1000  # /forget tries to delete this many of the latest messages in the chat
WIPE_BATCH = 100  # deleteMessages takes at most 100 ids


class TopicGone(Exception):
    """The staff topic was deleted or closed: open a new one."""


class Unreachable(Exception):
    """The chat cannot be reached: the young person blocked the bot or deleted the chat,
    or a staff group cannot take new topics (not a forum, no right to add topics, the bot
    was removed)."""


Keyboard = AskContact | Literal["remove"] | None


class RelayPort(Protocol):
    """The Bot API calls the relay needs; each runner translates them."""

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""

    async def copy(
        self, to_chat: int, from_chat: int, message_id: int, *, topic: int | None, buttons: Rows
    ) -> None:
        """Copy a message; raise TopicGone or Unreachable."""

    async def send(
        self,
        chat: int,
        text: str,
        *,
        topic: int | None = None,
        buttons: Rows = (),
        keyboard: Keyboard = None,
    ) -> None:
        """Send HTML text; raise TopicGone or Unreachable."""

    async def react(self, chat: int, message_id: int) -> None:
        """Put a 👍 on a message (best effort: errors are swallowed by the port)."""

    async def delete_messages(self, chat: int, message_ids: Sequence[int]) -> bool:
        """Delete messages in a chat; return False when Telegram refused."""


@dataclass(frozen=True, slots=True)
class FromYoung:
    """A message from a young person with an open relay."""

    chat: int
    message_id: int
    phone: str | None = None  # their own number, when they shared it for a call back


@dataclass(frozen=True, slots=True)
class FromStaff:
    """A message in a forum topic of a group the bot is in."""

    staff_chat: int
    topic: int | None
    message_id: int
    text: str = ""  # the text, for commands (never a caption: a photo is always copied)


def topic_name(relay: Relay) -> str:
    """The topic's title: made-up name, language, organisation; never the user's."""
    return f"{relay.pseudonym} · {relay.language} · {relay.desk}"[:128]


async def wipe_chat(port: RelayPort, chat: int, last_id: int) -> int:
    """Delete the latest messages of a private chat, newest first; return how many tries.

    Message ids in a private chat count up, for both sides. Telegram skips ids it cannot
    find and refuses messages older than 48 hours; the first refusal ends the wipe.
    """
    first = max(1, last_id - WIPE_MESSAGES + 1)
    tries = 0
    for top in range(last_id, first - 1, -WIPE_BATCH):
        ids = list(range(top, max(first, top - WIPE_BATCH + 1) - 1, -1))
        tries += 1
        if not await port.delete_messages(chat, ids):
            break
    return tries


class StaffRelay:
    """Carries messages between young people's private chats and staff forum topics."""

    def __init__(self, conversation: Conversation, port: RelayPort, shared_chat: int) -> None:
        self.conversation = conversation
        self.port = port
        self.shared_chat = shared_chat
        self._locks: weakref.WeakValueDictionary[bytes, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._sent: dict[bytes, deque[float]] = {}
        self._noticed: dict[bytes, float] = {}
        self._tasks: set[asyncio.Future[None]] = set()
        self._opening: dict[int, asyncio.Lock] = {}  # per staff group
        self._in_flight: dict[int, int] = {}  # young people's copies under way, per group
        self._noting: dict[int, asyncio.Lock] = {}  # per staff group
        self._finishing = asyncio.Event()  # set on shutdown: pending notes go at once
        conversation.on_expired = self._expired
        self._warned: dict[int, float] = {}  # staff group -> when the shared group was told

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

    def _desk(self, relay: Relay) -> Desk:
        content = self.conversation.library.content.relay
        return content.desk(relay.desk) or content.anyone

    def _chat_of(self, relay: Relay) -> int:
        return relay.staff_chat if relay.staff_chat is not None else self.shared_chat

    def _lock(self, user: bytes) -> asyncio.Lock:
        lock = self._locks.get(user)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[user] = lock
        return lock

    def _flooding(self, user: bytes) -> bool:
        """Note one message; say whether the user is over the flood limit."""
        now = time.monotonic()
        times = self._sent.setdefault(user, deque())
        while times and now - times[0] > FLOOD_SECONDS:
            times.popleft()
        if len(times) >= FLOOD_MESSAGES:
            return True
        times.append(now)
        if len(self._sent) > 10_000:  # forget idle users, so this does not grow without end
            for key in [k for k, v in self._sent.items() if not v or now - v[-1] > FLOOD_SECONDS]:
                del self._sent[key]
            self._noticed = {k: v for k, v in self._noticed.items() if now - v < NOTICE_SECONDS}
        return False

    async def note(self, relay: Relay, key: str, **args: object) -> None:
        """Post a note from the bot in a relay's staff topic (if it has one)."""
        await self._post(relay, self._t(self.staff_language, key, **args))

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
            if self._flooding(user):
                await self._to_young(relay, self._t(language, "relay-wait"))
                return
            if message.phone is not None:
                text = self._t(
                    self.staff_language, "relay-staff-callback", phone=escape(message.phone)
                )
                try:
                    await self._to_staff_text(user, relay, text)
                except Unreachable as exc:
                    await self._undelivered(relay, str(exc))
                    return
                await self._to_young(
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
                    await self._to_young(relay, self._t(language, "relay-queued"))
            except BaseException:  # the copy goes on; its failure, if any, is logged
                copy.add_done_callback(_log_failure)
                raise
            try:
                await copy
            except Unreachable as exc:  # the staff group is misconfigured or gone
                await self._undelivered(relay, str(exc))
                return
            now = conv.clock.now()
            await conv.store.relay_waiting(user, now)
            desk = self._desk(relay)
            screen = relay_screens.delivered(lib, language, desk, now)
            last = self._noticed.get(user)
            moment = time.monotonic()
            if (
                relay_screens.outside_hours(desk, language, now)
                or last is None
                or moment - last > NOTICE_SECONDS
            ):
                self._noticed[user] = moment
                await self._to_young(relay, screen.text, screen.buttons)
            else:
                await self.port.react(relay.chat, message.message_id)

    async def _undelivered(self, relay: Relay, reason: str) -> None:
        """A staff group refused the message: say so plainly to the young person (with the
        emergency numbers one tap away), and tell the people who run the bot."""
        chat = self._chat_of(relay)
        log.warning("staff group %s cannot take messages: %s", chat, reason)
        lib, language = self.conversation.library, relay.language
        await self._to_young(
            relay,
            self._t(language, "relay-undelivered"),
            relay_screens.buttons(lib, language, open_relay=False),
        )
        now = time.monotonic()
        if chat == self.shared_chat or now - self._warned.get(chat, -WARN_SECONDS) < WARN_SECONDS:
            return
        self._warned[chat] = now  # at most one warning an hour per group
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
        topic = await self.port.create_topic(self._chat_of(relay), topic_name(relay))
        await self.conversation.store.set_relay_topic(user, topic)
        return topic, True

    async def _first_note(self, relay: Relay, topic: int) -> None:
        """Tell staff in a new topic who wrote (made-up name, language, organisation) and how
        to answer. Sent after the first message: in a busy group every send waits its turn,
        and the young person's message matters more."""
        chat = self._chat_of(relay)
        async with self._noting.setdefault(chat, asyncio.Lock()):  # one note at a time
            await self._quiet(chat)
            await self._send_first_note(relay, topic, chat)

    async def _quiet(self, chat: int) -> None:
        """Wait (a second at least, NOTE_PATIENCE at most) until no young person's message
        is on its way into a staff group: notes must not delay those."""
        for _ in range(NOTE_PATIENCE):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._finishing.wait(), 1.0)
            if self._finishing.is_set() or not self._in_flight.get(chat):
                return

    async def finish(self, grace: float = 10.0) -> None:
        """On shutdown, before the connection to Telegram closes: send the notes still
        waiting for a quiet group, for up to `grace` seconds, and drop the rest."""
        self._finishing.set()
        loop = asyncio.get_running_loop()
        end = loop.time() + grace
        while self._tasks and loop.time() < end:  # a note may start another: loop
            await asyncio.wait(set(self._tasks), timeout=end - loop.time())
        late = set(self._tasks)
        for task in late:
            task.cancel()
        if late:
            log.warning("%d staff notes not sent before shutdown", len(late))
            await asyncio.wait(late)

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
        self._in_flight[chat] = self._in_flight.get(chat, 0) + 1
        try:
            if relay.topic is None:
                # One new conversation at a time per group, topic then copy: in a busy
                # group (20 sends a minute) the first messages arrive early instead of all
                # the new topics being created before any message.
                async with self._opening.setdefault(chat, asyncio.Lock()):
                    await self._copy_into_topic(user, relay, message_id, chat)
            else:
                await self._copy_into_topic(user, relay, message_id, chat)
        finally:
            self._in_flight[chat] -= 1

    async def _copy_into_topic(self, user: bytes, relay: Relay, message_id: int, chat: int) -> None:
        topic, new = await self._topic(user, relay)
        try:
            await self.port.copy(chat, relay.chat, message_id, topic=topic, buttons=())
        except TopicGone:  # staff deleted or closed the topic: a new one, same made-up name
            topic, new = await self._topic(user, relay, fresh=True)
            await self.port.copy(chat, relay.chat, message_id, topic=topic, buttons=())
        if new:
            self._later(self._first_note(relay, topic))

    def _later(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run a note in the background, keeping a reference until it is done."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[None]) -> None:
        self._tasks.discard(task)
        _log_failure(task)

    async def _to_staff_text(self, user: bytes, relay: Relay, text: str) -> None:
        topic, new = await self._topic(user, relay)
        try:
            await self.port.send(self._chat_of(relay), text, topic=topic)
        except TopicGone:
            topic, new = await self._topic(user, relay, fresh=True)
            await self.port.send(self._chat_of(relay), text, topic=topic)
        if new:
            self._later(self._first_note(relay, topic))

    async def _to_young(
        self, relay: Relay, text: str, buttons: Rows = (), keyboard: Keyboard = None
    ) -> bool:
        """Send to the young person; on a block, tell staff. Return whether it arrived."""
        try:
            await self.port.send(relay.chat, text, buttons=buttons, keyboard=keyboard)
        except Unreachable:
            await self.note(relay, "relay-staff-blocked")
            return False
        return True

    # --- from staff -------------------------------------------------------------------

    async def from_staff(self, message: FromStaff) -> None:
        """A message in a staff topic: copy it to the young person, or run a command."""
        if message.topic is None or message.staff_chat not in self.staff_chats():
            return  # not a staff group, or its General topic: not for a young person
        conv = self.conversation
        await conv.expire_daily()  # a link past its time must not carry this message
        relay = await conv.store.relay_by_topic(
            message.staff_chat, message.topic, shared=message.staff_chat == self.shared_chat
        )
        if relay is None:
            return
        words = message.text.split()
        command = words[0].split("@", 1)[0].lower() if words and words[0][0] == "/" else None
        if command == "/close":
            await self._close(relay)
        elif command == "/reopen":
            await self._reopen(relay)
        elif command == "/answer":
            await self._answer(relay, words[1].lower() if len(words) > 1 else "")
        elif command is not None:
            return  # other commands (/stats, /reload) are for the bot, not the young person
        elif not relay.is_open:
            await self.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
        else:
            lib = conv.library
            await conv.store.touch_relay(relay.user, conv.today())  # before: see from_young
            try:
                await self.port.copy(
                    relay.chat,
                    message.staff_chat,
                    message.message_id,
                    topic=None,
                    buttons=relay_screens.buttons(lib, relay.language, open_relay=False),
                )
            except Unreachable:
                await self.note(relay, "relay-staff-blocked")
                return
            await self._answered(relay)

    async def _answered(self, relay: Relay) -> None:
        """Staff answered: count the first response time (no identifier)."""
        conv = self.conversation
        since = await conv.store.relay_answered(relay.user)
        if since is not None:
            minutes = max(0, int((conv.clock.now() - since).total_seconds() // 60))
            await conv.count(relay.language, "first-response", str(minutes))

    async def _close(self, relay: Relay) -> None:
        conv = self.conversation
        if not relay.is_open:
            await self.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
            return
        await conv.store.set_relay_closed(relay.user, conv.today())
        lib = conv.library
        await self._to_young(
            relay,
            self._t(relay.language, "relay-closed"),
            relay_screens.new_conversation(lib, relay.language),
        )
        await self.note(relay, "relay-staff-closed", days=conv.relay_grace_days)

    async def _reopen(self, relay: Relay) -> None:
        conv = self.conversation
        if relay.is_open:
            await self.note(relay, "relay-staff-reopened")
            return
        await conv.store.set_relay_closed(relay.user, None)
        await conv.store.touch_relay(relay.user, conv.today())
        screen = relay_screens.started(conv.library, relay.language, self._desk(relay))
        if await self._to_young(relay, screen.text, screen.buttons):
            await self.note(relay, "relay-staff-reopened")

    async def _answer(self, relay: Relay, name: str) -> None:
        """Send a prepared answer in the young person's language, and show staff what went."""
        conv = self.conversation
        answers = conv.library.content.relay.answers
        staff = self.staff_language
        if name not in answers:
            if not answers:
                await self.note(relay, "relay-staff-no-answers")
                return
            listing = "\n".join(
                f"• <code>{n}</code>: {escape(_first_words(t.get(staff, next(iter(t.values())))))}"
                for n, t in answers.items()
            )
            text = self._t(staff, "relay-staff-answers", example=next(iter(answers)))
            await self._post(relay, f"{text}\n{listing}")
            return
        if not relay.is_open:
            await self.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
            return
        if relay.language not in answers[name]:
            language = conv.library.texts.language(relay.language).name
            await self.note(relay, "relay-staff-answer-missing", name=name, language=language)
            return
        lib = conv.library
        body = relay_screens.prepared(lib, relay.language, name)
        buttons = relay_screens.buttons(lib, relay.language, open_relay=False)
        await conv.store.touch_relay(relay.user, conv.today())  # before: see from_young
        if not await self._to_young(relay, body, buttons):
            return
        language = lib.texts.language(relay.language).name
        head = self._t(staff, "relay-staff-answer-sent", name=name, language=language)
        await self._post(relay, f"{head}\n\n{body}")
        await self._answered(relay)

    async def _post(self, relay: Relay, text: str) -> None:
        """Post HTML text in a relay's staff topic (if it has one); never fails."""
        if relay.topic is not None:
            await self._post_in(self._chat_of(relay), relay.topic, text)

    async def _post_in(self, chat: int, topic: int, text: str) -> None:
        try:
            await self.port.send(chat, text, topic=topic)
        except (TopicGone, Unreachable):
            log.info("could not post in a staff topic")

    async def _expired(self, expired: list[Expired]) -> None:
        """Tell each expired relay's topic that nothing written there reaches anyone now."""
        conv = self.conversation
        notes: dict[int, list[tuple[int, str]]] = {}
        for gone in expired:
            if gone.closed:
                text = self._t(self.staff_language, "relay-staff-expired-closed")
            else:
                text = self._t(self.staff_language, "relay-staff-expired", days=conv.relay_days)
            chat = self.shared_chat if gone.staff_chat is None else gone.staff_chat
            notes.setdefault(chat, []).append((gone.topic, text))
        for chat, topics in notes.items():
            self._later(self._expiry_notes(chat, topics))

    async def _expiry_notes(self, chat: int, topics: list[tuple[int, str]]) -> None:
        """One group's expiry notes, one at a time, each after the young people's messages
        on their way (a group takes 20 sends a minute)."""
        async with self._noting.setdefault(chat, asyncio.Lock()):
            for topic, text in topics:
                await self._quiet(chat)
                await self._post_in(chat, topic, text)


def _log_failure(task: asyncio.Future[None]) -> None:
    """Log a background send's failure: nobody else would see it. The type only: no content."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a send in the background failed: %s", type(task.exception()).__name__)


def _first_words(text: str, limit: int = 60) -> str:
    """The start of a text, cut at a word, for a listing."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


__all__ = [
    "ANY",
    "FromStaff",
    "FromYoung",
    "RelayPort",
    "StaffRelay",
    "TopicGone",
    "Unreachable",
    "wipe_chat",
]
