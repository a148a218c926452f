"""The relay between a young person and staff, for the python-telegram-bot runner.

A young person's messages are copied (never forwarded, so no name or id travels) into one
forum topic per person in the staff group, titled with a random pseudonym and the
language. Staff answers in the topic are copied back. `/close` in a topic ends it. The
bot keeps no message: only the relay row in the store (see bot/store.py), which holds the
chat id while the relay is open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections import deque
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.conversation import Conversation
from bot.reload import STAFF_LANGUAGES

log = logging.getLogger(__name__)

FLOOD_MESSAGES = 10  # at most this many messages ...
FLOOD_SECONDS = 60.0  # ... per user in this many seconds into the staff group


class StaffRelay:
    """Carries messages between young people's private chats and the staff forum topics."""

    def __init__(self, conversation: Conversation, staff_chat_id: int) -> None:
        self.conversation = conversation
        self.staff_chat_id = staff_chat_id
        self._locks: weakref.WeakValueDictionary[bytes, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._sent: dict[bytes, deque[float]] = {}

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
        # Forget idle users, so the dictionary does not grow without end.
        if len(self._sent) > 10_000:
            for key in [k for k, v in self._sent.items() if not v]:
                del self._sent[key]
        return False

    def _t(self, language: str, key: str) -> str:
        return self.conversation.library.t(language, key)

    def _staff_language(self) -> str:
        library = self.conversation.library
        return next((c for c in STAFF_LANGUAGES if library.texts.known(c)), library.codes[0])

    async def deliver(self, bot: Any, message: Message) -> None:
        """Copy a young person's message into their staff topic, opening it if needed."""
        conv = self.conversation
        chat = message.chat_id
        user = conv.pseudonyms.of(chat)
        async with self._lock(user):
            relay = await conv.store.relay(user)
            if relay is None:
                return
            if self._flooding(user):
                await bot.send_message(chat, self._t(relay.language, "relay-wait"))
                return
            topic = relay.topic
            if topic is None:
                topic = await self._open_topic(bot, user, f"{relay.pseudonym} · {relay.language}")
            try:
                await bot.copy_message(
                    self.staff_chat_id, chat, message.message_id, message_thread_id=topic
                )
            except BadRequest as exc:
                if "thread" not in str(exc).lower():
                    raise
                # Staff deleted the topic: open a new one under the same made-up name.
                topic = await self._open_topic(bot, user, f"{relay.pseudonym} · {relay.language}")
                await bot.copy_message(
                    self.staff_chat_id, chat, message.message_id, message_thread_id=topic
                )
            await conv.store.touch_relay(user, conv.today())
            await bot.send_message(chat, self._t(relay.language, "relay-delivered"))

    async def _open_topic(self, bot: Any, user: bytes, name: str) -> int:
        created = await bot.create_forum_topic(self.staff_chat_id, name)
        topic = int(created.message_thread_id)
        await self.conversation.store.set_relay_topic(user, topic)
        return topic

    async def on_staff(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message in a staff topic: copy it to the young person, or close at /close."""
        message = update.message
        if message is None or message.chat_id != self.staff_chat_id:
            return
        topic = message.message_thread_id
        if topic is None or not message.is_topic_message:
            return
        store = self.conversation.store
        relay = await store.relay_by_topic(topic)
        if relay is None:
            return
        bot = context.bot
        staff = self._staff_language()
        text = message.text or ""
        if text.split("@", 1)[0].strip().lower() == "/close":
            await store.close_relay(relay.user)
            with contextlib.suppress(TelegramError):
                await bot.send_message(relay.chat, self._t(relay.language, "relay-closed"))
            await self._note(bot, topic, self._t(staff, "relay-staff-closed"))
            return
        if text.startswith("/"):
            return  # other commands (/stats, /reload) are for the bot, not the young person
        try:
            await bot.copy_message(relay.chat, self.staff_chat_id, message.message_id)
        except Forbidden:
            await self._note(bot, topic, self._t(staff, "relay-staff-blocked"))
            return
        await store.touch_relay(relay.user, self.conversation.today())

    async def note_ended(self, bot: Any, topic: int | None) -> None:
        """Tell staff in the topic that the young person ended the conversation."""
        if topic is not None:
            await self._note(bot, topic, self._t(self._staff_language(), "relay-staff-ended"))

    async def _note(self, bot: Any, topic: int, text: str) -> None:
        try:
            await bot.send_message(self.staff_chat_id, text, message_thread_id=topic)
        except (BadRequest, Forbidden, TelegramError) as exc:
            log.info("could not post a note in a staff topic: %s", type(exc).__name__)
