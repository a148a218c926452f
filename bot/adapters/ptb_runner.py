"""The python-telegram-bot runner: translates Telegram updates to core events and back."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
import weakref
from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.adapters.common import (
    ALLOWED_UPDATES,
    command_descriptions,
    command_menus,
    message_event,
    stop_on_signals,
)
from bot.adapters.ptb_requests import PacedRateLimiter, ReadableUpdatesRequest, SafeRetryRequest
from bot.core.conversation import AskContact, Conversation, Event, Reply
from bot.core.relay import (
    FromStaff,
    FromYoung,
    Keyboard,
    StaffRelay,
    TopicGone,
    Unreachable,
    wipe_chat,
)
from bot.core.reload import ContentWatcher
from bot.logs import quiet_libraries
from bot.screens.library import Library, Rows, Screen
from bot.settings import Settings
from bot.staff.stats import DEFAULT_SUPPRESS, build_report, last_full_weeks
from bot.staff.stats_formats import to_summary

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def inline_markup(rows: Rows) -> InlineKeyboardMarkup | None:
    """Translate the core's button rows into an inline keyboard."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.data)
                for b in row
            ]
            for row in rows
        ]
    )


def event_from_message(message: Message) -> Event:
    """Translate an incoming private message into a core event."""
    language = message.from_user.language_code if message.from_user else None
    if message.contact is not None:
        sender = message.from_user.id if message.from_user else None
        own = message.contact.user_id is not None and message.contact.user_id == sender
        return Event("contact", message.chat_id, message.contact.phone_number if own else "")
    return message_event(message.chat_id, message.text, language)


def reply_keyboard(keyboard: Keyboard) -> ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    """Translate the core's keyboard request: ask for the phone number, or remove it."""
    if isinstance(keyboard, AskContact):
        return ReplyKeyboardMarkup(
            [[KeyboardButton(keyboard.share, request_contact=True)], [keyboard.cancel]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    return ReplyKeyboardRemove() if keyboard == "remove" else None


def _relay_error(exc: TelegramError) -> Exception:
    """Translate a Bot API refusal into the relay's terms (or keep it)."""
    text = str(exc).lower()
    if isinstance(exc, Forbidden) or "chat not found" in text:
        return Unreachable(type(exc).__name__)
    if isinstance(exc, BadRequest) and ("thread" in text or "topic" in text):
        return TopicGone(type(exc).__name__)
    return exc


class TelegramPort:
    """Sends the core's replies through a python-telegram-bot Application."""

    def __init__(self, conversation: Conversation, settings: Settings) -> None:
        self.conversation = conversation
        self.settings = settings
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self.relay: StaffRelay | None = None  # set when the relay to staff is on
        self.bot: Any = None  # set once the Application is built

    # --- the relay's port (see bot/core/relay.py) ----------------------------------------

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""
        try:
            created = await self.bot.create_forum_topic(staff_chat, name)
        except (BadRequest, Forbidden) as exc:  # not a forum, no right to add topics, gone
            raise Unreachable(str(exc)[:200]) from None
        return int(created.message_thread_id)

    async def copy(
        self, to_chat: int, from_chat: int, message_id: int, *, topic: int | None, buttons: Rows
    ) -> None:
        """Copy a message (never forward: no name or id travels)."""
        try:
            await self.bot.copy_message(
                to_chat,
                from_chat,
                message_id,
                message_thread_id=topic,
                reply_markup=inline_markup(buttons),
            )
        except TelegramError as exc:
            raise _relay_error(exc) from None

    async def send(
        self,
        chat: int,
        text: str,
        *,
        topic: int | None = None,
        buttons: Rows = (),
        keyboard: Keyboard = None,
    ) -> None:
        """Send HTML text into a chat or a topic."""
        markup = reply_keyboard(keyboard) or inline_markup(buttons)
        try:
            await self.bot.send_message(
                chat,
                text,
                message_thread_id=topic,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as exc:
            raise _relay_error(exc) from None

    async def react(self, chat: int, message_id: int) -> None:
        """Put a 👍 on a message; never fails."""
        with contextlib.suppress(TelegramError):
            await self.bot.set_message_reaction(chat, message_id, "👍")

    async def delete_messages(self, chat: int, message_ids: Sequence[int]) -> bool:
        """Delete messages in a chat; False when Telegram refused."""
        try:
            return bool(await self.bot.delete_messages(chat, list(message_ids)))
        except TelegramError as exc:
            log.info("deleting messages refused: %s", type(exc).__name__)
            return False

    # --- updates -------------------------------------------------------------------------

    def _lock(self, chat: int) -> asyncio.Lock:
        lock = self._locks.get(chat)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat] = lock
        return lock

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer a private message."""
        message = update.message
        if message is None:
            return
        event = event_from_message(message)
        async with self._lock(event.chat):
            reply = await self.conversation.handle(event)
            if reply is None:
                return
            if reply.relay and self.relay is not None:
                phone = event.value if event.kind == "contact" else None
                await self.relay.from_young(FromYoung(event.chat, message.message_id, phone))
                return
            await self.after(reply)
            await self.show_reply(event.chat, reply, None)
            if reply.wipe:  # after the answer (a newer id, so it stays): it shows at once
                await wipe_chat(self, event.chat, message.message_id)

    async def after(self, reply: Reply) -> None:
        """Tell staff what the young person did, when the core says so."""
        if reply.staff_note is not None and self.relay is not None:
            await self.relay.note(*reply.staff_note)

    async def on_staff(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message in a forum topic of a group: maybe staff writing to a young person."""
        message = update.message
        if message is None or self.relay is None:
            return
        text = message.text or ""  # commands only in text, not in a photo's caption
        topic = message.message_thread_id if message.is_topic_message else None
        await self.relay.from_staff(FromStaff(message.chat_id, topic, message.message_id, text))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer a button press, editing the message it was on."""
        query = update.callback_query
        if query is None:
            return
        message = query.message
        chat = message.chat.id if message else query.from_user.id
        if message is not None and message.chat.type != ChatType.PRIVATE:
            await query.answer()
            return
        event = Event("button", chat, query.data or "", app_language=query.from_user.language_code)
        async with self._lock(chat):
            reply = await self.conversation.handle(event)
            # If answering fails the spinner times out on its own; the reply still goes out.
            with contextlib.suppress(TelegramError):
                await query.answer(reply.notice if reply else None)
            if reply is not None:
                await self.after(reply)
                editable = message if isinstance(message, Message) else None
                await self.show_reply(chat, reply, editable)

    async def on_membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Leave groups and channels that strangers add the bot to."""
        member = update.my_chat_member
        if member is None or member.chat.type == ChatType.PRIVATE:
            return
        if member.chat.id == self.settings.staff_chat_id or (
            self.relay is not None and member.chat.id in self.relay.staff_chats()
        ):
            return
        if member.new_chat_member.status in ("member", "administrator"):
            try:
                await context.bot.leave_chat(member.chat.id)
            except TelegramError:
                log.info("could not leave a group the bot was added to")

    async def show_reply(self, chat: int, reply: Reply, editable: Message | None) -> None:
        """Show a reply: edit the pressed message when possible, else send a new one."""
        bot = self.bot
        if reply.screen is not None and reply.keyboard is not None:
            await bot.send_message(
                chat,
                reply.screen.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply_keyboard(reply.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif reply.screen is not None:
            await self.show(bot, chat, reply.screen, editable if reply.edit else None)
        if reply.voice is not None:
            await bot.send_voice(chat, reply.voice.read_bytes())
        if reply.venue is not None:
            v = reply.venue
            await bot.send_venue(chat, v.latitude, v.longitude, v.title, v.address or v.title)

    async def show(self, bot: Any, chat: int, screen: Screen, editable: Message | None) -> None:
        """Edit `editable` to show `screen`, falling back to a new message."""
        markup = inline_markup(screen.buttons)
        if editable is not None:
            try:
                await bot.edit_message_text(
                    screen.text,
                    chat_id=chat,
                    message_id=editable.message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
                return
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return
                log.info("edit refused (%s); sending a new message", type(exc).__name__)
        await bot.send_message(
            chat,
            screen.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log an error without user data and tell the user calmly."""
        error = context.error
        if isinstance(error, Forbidden):
            log.info("a user has blocked the bot")
            return
        log.error(
            "error while handling an update: %s",
            type(error).__name__,
            exc_info=(type(error), error, error.__traceback__) if error else None,
        )
        if (
            isinstance(update, Update)
            and update.effective_chat
            and (update.effective_chat.type == ChatType.PRIVATE)
        ):
            library = self.conversation.library
            user = update.effective_user
            language = library.texts.match(user.language_code if user else None) or "en"
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(
                    update.effective_chat.id, library.t(language, "error-generic")
                )

    async def publish_commands(self, bot: Any) -> None:
        """Register the translated command menu and descriptions for every language."""
        library: Library = self.conversation.library
        for language, code in command_menus(library):
            await self._publish(bot, library, language, code)

    async def _publish(self, bot: Any, library: Library, language: str, code: str | None) -> None:
        commands = [BotCommand(n, d) for n, d in command_descriptions(library, language)]
        try:
            await bot.set_my_commands(commands, language_code=code)
            await bot.set_my_short_description(
                library.t(language, "bot-short-description"), language_code=code
            )
            await bot.set_my_description(library.t(language, "bot-description"), language_code=code)
        except TelegramError as exc:
            log.warning("could not register commands for %s: %s", language, type(exc).__name__)


def install_reload(app: Any, settings: Settings, conversation: Any) -> ContentWatcher:
    """Create the watcher for a python-telegram-bot Application, and `/reload` for staff.

    The watcher tells the staff chat (when `BOT_STAFF_CHAT_ID` is set) about broken edits;
    `/reload` works only in that chat.
    """
    async def notify(text: str) -> None:
        if settings.staff_chat_id is None:
            return
        try:
            await app.bot.send_message(settings.staff_chat_id, text)
        except TelegramError as exc:
            log.warning("could not message the staff chat: %s", type(exc).__name__)

    watcher = ContentWatcher(settings, conversation, notify)
    app.bot_data["watcher"] = watcher

    async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors = await watcher.reload(announce=False)
        text = watcher.success_text() if errors is None else watcher.failure_text(errors)
        if settings.staff_chat_id is not None:
            await context.bot.send_message(settings.staff_chat_id, text)

    if settings.staff_chat_id is not None:
        app.add_handler(
            CommandHandler("reload", on_reload, filters.Chat(settings.staff_chat_id)), group=-1
        )
    return watcher


def install_staff_stats(app: Any, settings: Settings, conversation: Conversation) -> None:
    """Add `/stats` in the staff chat (python-telegram-bot): the last 4 full weeks, suppressed."""
    if settings.staff_chat_id is None:
        return
    async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        first, last = last_full_weeks(conversation.today())
        counts = await conversation.store.counts(first, last)
        report = build_report(counts, first, last, "week", DEFAULT_SUPPRESS)
        text = f"<pre>{html.escape(to_summary(report))}</pre>"
        if settings.staff_chat_id is not None:
            await context.bot.send_message(settings.staff_chat_id, text, parse_mode=ParseMode.HTML)

    app.add_handler(
        CommandHandler("stats", on_stats, filters.Chat(settings.staff_chat_id)), group=-1
    )


def build_application(
    settings: Settings, conversation: Conversation
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build the python-telegram-bot Application around the core."""
    token = settings.require_token()
    quiet_libraries()
    port = TelegramPort(conversation, settings)
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{settings.api_url}/bot")
        .base_file_url(f"{settings.api_url}/file/bot")
        .concurrent_updates(64)
        # Flood limits and safe retries of sends: see bot/adapters/ptb_requests.py.
        .rate_limiter(PacedRateLimiter())
        .request(SafeRetryRequest(connection_pool_size=256))
        .get_updates_request(ReadableUpdatesRequest(connection_pool_size=1))
        .build()
    )
    port.bot = app.bot
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private, port.on_message))
    if settings.staff_chat_id is not None and conversation.relay_enabled:
        port.relay = StaffRelay(conversation, port, settings.staff_chat_id)
        # Any forum topic: the core keeps only those of staff groups (content may add some).
        in_topic = filters.ChatType.SUPERGROUP & filters.IS_TOPIC_MESSAGE
        app.add_handler(MessageHandler(in_topic & filters.UpdateType.MESSAGE, port.on_staff))
    app.add_handler(CallbackQueryHandler(port.on_button))
    app.add_handler(ChatMemberHandler(port.on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(port.on_error)
    app.bot_data["port"] = port
    install_reload(app, settings, conversation)  # live content reload, /reload for staff
    install_staff_stats(app, settings, conversation)  # /stats for staff: anonymous counts
    return app


async def serve(
    settings: Settings,
    conversation: Conversation,
    stop: asyncio.Event | None = None,
    poll_timeout: int = 30,
) -> None:
    """Run long polling until `stop` is set or SIGINT/SIGTERM; finish in-flight updates."""
    started = time.perf_counter()
    app = build_application(settings, conversation)
    stop = stop or asyncio.Event()
    stop_on_signals(stop)
    async with app:
        await app.start()
        await app.updater.start_polling(  # type: ignore[union-attr]
            poll_interval=0.0,
            timeout=poll_timeout,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=-1,
        )
        log.info("bot is running (started in %.0f ms)", (time.perf_counter() - started) * 1000)
        port: TelegramPort = app.bot_data["port"]
        publish = asyncio.create_task(port.publish_commands(app.bot))
        tidy = asyncio.create_task(conversation.keep_tidy())  # expiry on quiet days too
        watcher: ContentWatcher = app.bot_data["watcher"]
        watcher.start()
        await stop.wait()
        await watcher.stop()
        log.info("stopping: finishing updates in progress")
        publish.cancel()
        tidy.cancel()
        await asyncio.gather(tidy, return_exceptions=True)  # gone before the store closes
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()
        if port.relay is not None:
            await port.relay.finish()  # notes for staff still waiting, while the bot can send
    await conversation.uniques.flush()  # today's partial unique count, before the store closes
    await conversation.store.close()
