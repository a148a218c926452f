"""The one way every runner and mode handles an update, written once and transport-neutral.

A runner only translates: Telegram's update into a value of `bot.adapters.updates`, and the
calls below into its library's calls (`BotPort`). So python-telegram-bot and aiogram, by
polling or by webhook, answer alike, and one test suite runs against all of them.
"""

from __future__ import annotations

import asyncio
import html
import logging
import weakref
from collections.abc import Hashable

from bot.adapters.port import BotPort, TooLarge
from bot.adapters.updates import Membership, Message, Other, Press, Update, event_of
from bot.core.conversation import Conversation, Event, Reply
from bot.core.relay import FromStaff, FromYoung, StaffRelay, Unreachable, wipe_chat
from bot.core.reload import ContentWatcher
from bot.screens.library import Library
from bot.settings import Settings
from bot.staff.publish import Answer, Publishing
from bot.staff.stats import DEFAULT_SUPPRESS, build_report, last_full_weeks
from bot.staff.stats_formats import to_summary
from bot.staff.upload import MAX_UPLOAD

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "language", "help", "privacy", "forget")
STAFF_COMMANDS = ("reload", "stats")  # in the shared staff group only
# In the editors' group (BOT_EDITORS_CHAT_ID, else the staff group), outside relay topics.
EDITOR_COMMANDS = ("content", "versions", "publish", "discard", "rollback")
READING = ("content", "versions")  # anyone in the group; the rest: administrators only


def command_menus(library: Library) -> list[tuple[str, str | None]]:
    """Pair each bot language with the two-letter code Telegram's command menu uses.

    The last pair, English with no code, is the menu for every other app language.
    """
    menus: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for lang in library.texts.languages:
        for code in (c for c in lang.telegram_codes if len(c) == 2 and c not in seen):
            seen.add(code)
            menus.append((lang.code, code))
    menus.append(("en", None))
    return menus


def command_descriptions(library: Library, language: str) -> list[tuple[str, str]]:
    """Return (command, translated description) for the command menu."""
    return [(name, library.t(language, f"command-{name}")) for name in COMMANDS]


def staff_command(text: str | None) -> str | None:
    """The bot command a staff message starts with (`/stats@bot` -> "stats"), if any."""
    if not text or not text.startswith("/"):
        return None
    word = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
    return word.split("@", 1)[0].lower() or None


def version_number(text: str | None) -> int | None:
    """The number after `/rollback`, if one was given (-1 when it is not a number)."""
    words = (text or "").split()
    if len(words) < 2:
        return None
    return int(words[1]) if words[1].isdigit() and len(words[1]) < 9 else -1


class Handling:
    """Answers updates: private chats through the core, staff topics through the relay."""

    def __init__(
        self,
        conversation: Conversation,
        port: BotPort,
        settings: Settings,
        watcher: ContentWatcher | None = None,
    ) -> None:
        self.conversation = conversation
        self.port = port
        self.settings = settings
        self.watcher = watcher
        self.relay: StaffRelay | None = None
        if settings.staff_chat_id is not None and conversation.relay_enabled:
            self.relay = StaffRelay(conversation, port, settings.staff_chat_id)
        self.publishing: Publishing | None = None
        if watcher is not None and settings.editors_chat is not None:
            self.publishing = Publishing(settings, watcher)
        # One lock per private chat, and per staff topic: their updates are handled in order.
        self._locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, key: Hashable) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, update: Update) -> None:
        """Handle one update; errors are logged (without user data) and never raised."""
        try:
            if isinstance(update, Message):
                if update.private:
                    await self._private(update)
                else:
                    await self._group(update)
            elif isinstance(update, Press):
                await self._press(update)
            elif isinstance(update, Membership):
                await self._membership(update)
        except asyncio.CancelledError:
            raise
        except Unreachable:
            log.info("a user has blocked the bot")
        except Exception as exc:
            log.error(
                "error while handling an update: %s",
                type(exc).__name__,
                exc_info=(type(exc), exc, exc.__traceback__),
            )
            await self._apologise(update)

    async def _apologise(self, update: Update) -> None:
        """Tell the person calmly that something went wrong (private chats only)."""
        if isinstance(update, Other | Membership) or not update.private:
            return
        library = self.conversation.library
        language = library.texts.match(update.language_code) or "en"
        try:
            await self.port.send(update.chat, html.escape(library.t(language, "error-generic")))
        except Exception:  # the apology is best effort: Telegram may be what failed
            log.info("could not tell the user about the error")

    # --- private chats ------------------------------------------------------------------

    async def _private(self, message: Message) -> None:
        event = event_of(message)
        async with self._lock(message.chat):
            reply = await self.conversation.handle(event)
            if reply is None:
                return
            if reply.relay and self.relay is not None:
                phone = event.value if event.kind == "contact" else None
                await self.relay.from_young(FromYoung(message.chat, message.message_id, phone))
                return
            await self._after(reply)
            await self._show(message.chat, reply, None)
            if reply.wipe is not None:  # after the answer (a newer id, so it stays)
                done = await wipe_chat(self.port, message.chat, message.message_id)
                notes = reply.wipe
                await self.port.send(message.chat, notes.done if done else notes.incomplete)

    async def _press(self, press: Press) -> None:
        if not press.private:
            await self.port.answer_press(press.query_id, None)
            return
        event = Event("button", press.chat, press.data, app_language=press.language_code)
        async with self._lock(press.chat):
            reply = await self.conversation.handle(event)
            # If answering fails the spinner times out on its own; the reply still goes out.
            await self.port.answer_press(press.query_id, reply.notice if reply else None)
            if reply is not None:
                await self._after(reply)
                await self._show(press.chat, reply, press.message_id)

    async def _after(self, reply: Reply) -> None:
        """Tell staff what the young person did, when the core says so."""
        if reply.staff_note is not None and self.relay is not None:
            await self.relay.note(*reply.staff_note)
        if reply.handover is not None and self.relay is not None:
            await self.relay.handovers.answer(*reply.handover)

    async def _show(self, chat: int, reply: Reply, pressed: int | None) -> None:
        """Show a reply: edit the pressed message when the core says so, else a new one."""
        if reply.screen is not None and reply.keyboard is not None:
            # A reply keyboard cannot go on an edited message: always a new one.
            await self.port.send(chat, reply.screen.text, keyboard=reply.keyboard)
        elif reply.screen is not None:
            await self.port.show(chat, reply.screen, edit=pressed if reply.edit else None)
        if reply.voice is not None:
            await self.port.send_voice(chat, reply.voice)
        if reply.venue is not None:
            await self.port.send_venue(chat, reply.venue)

    # --- groups ----------------------------------------------------------------------------

    async def _group(self, message: Message) -> None:
        """Staff commands in the shared staff group, and messages in forum topics."""
        command = staff_command(message.text)
        if command in STAFF_COMMANDS and message.chat == self.settings.staff_chat_id:
            await (self._reload() if command == "reload" else self._stats())
            return
        if (
            self.publishing is not None
            and message.chat == self.settings.editors_chat
            and message.topic is None
            and (command in EDITOR_COMMANDS or message.document is not None)
        ):
            await self._editors(self.publishing, message, command)
            return
        if command == "waiting" and self.relay is not None and message.chat in self.staff_chats():
            await self.relay.waiting.listing(message.chat, message.topic)  # any staff group
            return
        if message.topic is None or self.relay is None:
            return
        text = message.text or ""  # commands only in text, not in a photo's caption
        # In order per topic: an album or a quick follow-up reaches the young person as sent.
        async with self._lock((message.chat, message.topic)):
            await self.relay.from_staff(
                FromStaff(message.chat, message.topic, message.message_id, text)
            )

    async def _membership(self, member: Membership) -> None:
        """Leave groups and channels that strangers add the bot to."""
        if member.private or not member.joined or member.chat in self.staff_chats():
            return
        await self.port.leave(member.chat)

    def staff_chats(self) -> set[int]:
        """The groups the bot belongs in: the shared staff group and organisations' own."""
        chats = self.conversation.library.content.relay.staff_chats()
        for chat in (self.settings.staff_chat_id, self.settings.editors_chat):
            if chat is not None:
                chats = chats | {chat}
        return chats

    async def tell_staff(self, text: str) -> None:
        """Send HTML text to the shared staff group, if there is one (best effort)."""
        if self.settings.staff_chat_id is None:
            return
        try:
            await self.port.send(self.settings.staff_chat_id, text)
        except Exception as exc:  # telling staff must never stop anything else
            log.warning("could not message the staff chat: %s", type(exc).__name__)

    async def _reload(self) -> None:
        """`/reload`: load the content now; say what went live or what is broken."""
        if self.watcher is None:
            return
        errors = await self.watcher.reload(announce=False)
        text = self.watcher.success_text() if errors is None else self.watcher.failure_text(errors)
        await self.tell_staff(html.escape(text))

    async def _stats(self) -> None:
        """`/stats`: the anonymous counts of the last 4 full weeks, suppressed."""
        conversation = self.conversation
        first, last = last_full_weeks(conversation.today())
        counts = await conversation.store.counts(first, last)
        report = build_report(counts, first, last, "week", DEFAULT_SUPPRESS)
        await self.tell_staff(f"<pre>{html.escape(to_summary(report))}</pre>")

    # --- the editors' group: content from the chat (bot/staff/publish.py) ----------------

    async def _editors(self, publishing: Publishing, message: Message, command: str | None) -> None:
        """`/content`, `/versions` for everyone in the group; uploads, `/publish`, `/discard`
        and `/rollback` for its administrators only (Telegram is asked who they are)."""
        if command == "content":
            answer = await publishing.export()
        elif command == "versions":
            answer = await publishing.list_versions()
        elif not await self._may_edit(message):
            answer = Answer((publishing.say("publish-not-admin"),))
        else:
            editor = publishing.editor(message.sender.first_name if message.sender else None)
            if command == "publish":
                answer = await publishing.publish(editor)
            elif command == "discard":
                answer = await publishing.discard()
            elif command == "rollback":
                answer = await publishing.rollback(editor, version_number(message.text))
            else:
                answer = await self._upload(publishing, message, editor)
        for text in answer.texts:
            await self.port.send(message.chat, html.escape(text))
        if answer.document is not None:
            doc = answer.document
            await self.port.send_document(
                message.chat, doc.name, doc.data, html.escape(doc.caption)
            )

    async def _may_edit(self, message: Message) -> bool:
        """Whether the sender administers the group (posting as the group: an anonymous
        administrator, since only they can)."""
        if message.sender is None:
            return False
        if message.sender.id is None:
            return True
        return await self.port.is_admin(message.chat, message.sender.id)

    async def _upload(self, publishing: Publishing, message: Message, editor: str) -> Answer:
        """Fetch a sent file (within the size limit) and hand it to the publishing."""
        document = message.document
        assert document is not None
        too_large = Answer(
            (publishing.say("publish-refused-too-large", limit=MAX_UPLOAD // 10**6),)
        )
        if document.size is not None and document.size > MAX_UPLOAD:
            return too_large
        try:
            data = await self.port.download(document.file_id, MAX_UPLOAD)
        except TooLarge:
            return too_large
        except Exception as exc:  # Telegram failed or refused: say so, change nothing
            log.warning("could not download an editor's file: %s", type(exc).__name__)
            return Answer((publishing.say("publish-download-failed"),))
        return await publishing.receive(editor, document.name, data, document.caption)

    # --- the command menu --------------------------------------------------------------

    async def publish_commands(self) -> None:
        """Register the translated command menu and descriptions for every language."""
        library = self.conversation.library
        for language, code in command_menus(library):
            try:
                await self.port.set_commands(
                    code,
                    command_descriptions(library, language),
                    library.t(language, "bot-short-description"),
                    library.t(language, "bot-description"),
                )
            except Exception as exc:
                log.warning("could not register commands for %s: %s", language, type(exc).__name__)
