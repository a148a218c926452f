"""The aiogram 3 runner: the same behaviour as bot.adapters.ptb_runner, on aiogram instead."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType, ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    ChatMemberUpdated,
    ErrorEvent,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReactionTypeEmoji,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    TelegramObject,
    Update,
)

from bot.adapters.common import (
    ALLOWED_UPDATES,
    command_descriptions,
    command_menus,
    message_event,
    stop_on_signals,
)
from bot.adapters.pacing import ChatPacer, GroupWindow, Spacer
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
from bot.logs import quiet_libraries
from bot.screens.library import Library, Rows, Screen
from bot.settings import Settings

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
CONCURRENT_UPDATES = 64
SHUTDOWN_GRACE = 10.0
RETRY_AFTER_RETRIES = 3  # a relay send refused with 429 waits as told and tries again
T = TypeVar("T")


def inline_markup(rows: Rows) -> InlineKeyboardMarkup | None:
    """Translate the core's button rows into an inline keyboard."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(text=b.label, callback_data=b.data)
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
        return Event("contact", message.chat.id, message.contact.phone_number if own else "")
    return message_event(message.chat.id, message.text, language)


def reply_keyboard(keyboard: Keyboard) -> ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    """Translate the core's keyboard request: ask for the phone number, or remove it."""
    if isinstance(keyboard, AskContact):
        return ReplyKeyboardMarkup(
            keyboard=[
                [KeyboardButton(text=keyboard.share, request_contact=True)],
                [KeyboardButton(text=keyboard.cancel)],
            ],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    return ReplyKeyboardRemove(remove_keyboard=True) if keyboard == "remove" else None


def _relay_error(exc: TelegramAPIError) -> Exception:
    """Translate a Bot API refusal into the relay's terms (or keep it)."""
    text = str(exc).lower()
    if isinstance(exc, TelegramForbiddenError) or "chat not found" in text:
        return Unreachable(type(exc).__name__)
    if isinstance(exc, TelegramBadRequest) and ("thread" in text or "topic" in text):
        return TopicGone(type(exc).__name__)
    return exc


async def _patiently(call: Callable[[], Awaitable[T]]) -> T:
    """Make a Bot API call, waiting and retrying when Telegram says "too many requests".

    A 429 means nothing was sent, so a retry cannot duplicate. aiogram has no rate limiter
    like bot/adapters/ptb_requests.py's: without this a busy staff group would drop messages.
    """
    for _ in range(RETRY_AFTER_RETRIES):
        try:
            return await call()
        except TelegramRetryAfter as exc:
            log.info("Telegram asks to wait %s s; retrying", exc.retry_after)
            await asyncio.sleep(exc.retry_after)
    return await call()


class Paced(BaseRequestMiddleware):
    """Telegram's flood limits for every call with a chat: 30 a second overall, a burst of 3
    then one a second per private chat, at most 20 a minute per group (bot/adapters/pacing.py).

    aiogram has no rate limiter of its own; this is the aiogram twin of
    bot/adapters/ptb_requests.py's PacedRateLimiter.
    """

    def __init__(self) -> None:
        self.chats = ChatPacer()
        self.groups = GroupWindow()
        self.overall = Spacer()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        """Wait for the chat's and the bot's slots, then make the call."""
        chat = getattr(method, "chat_id", None)
        if isinstance(chat, str) and chat.lstrip("-").isdigit():
            chat = int(chat)
        if isinstance(chat, int) and not isinstance(chat, bool):
            if chat > 0:
                await self.chats.wait(chat)
            elif chat < 0:
                await self.groups.wait(chat)
            await self.overall.wait()
        return await make_request(bot, method)


class AiogramPort:
    """Sends the core's replies through an aiogram Bot."""

    def __init__(self, conversation: Conversation, settings: Settings, bot: Bot) -> None:
        self.conversation = conversation
        self.settings = settings
        self.bot = bot
        self.relay: StaffRelay | None = None  # set when the relay to staff is on
        self.last_update_id: int | None = None
        self.busy: set[asyncio.Task[Any]] = set()
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    # --- the relay's port (see bot/core/relay.py) ----------------------------------------

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""
        try:
            created = await _patiently(
                lambda: self.bot.create_forum_topic(chat_id=staff_chat, name=name)
            )
        except (TelegramBadRequest, TelegramForbiddenError) as exc:  # not a forum, no right
            raise Unreachable(exc.message[:200]) from None
        return created.message_thread_id

    async def copy(
        self, to_chat: int, from_chat: int, message_id: int, *, topic: int | None, buttons: Rows
    ) -> None:
        """Copy a message (never forward: no name or id travels)."""
        try:
            await _patiently(
                lambda: self.bot.copy_message(
                    chat_id=to_chat,
                    from_chat_id=from_chat,
                    message_id=message_id,
                    message_thread_id=topic,
                    parse_mode=None,  # not the HTML default: a copy keeps its own entities
                    reply_markup=inline_markup(buttons),
                )
            )
        except TelegramAPIError as exc:
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
            await _patiently(
                lambda: self.bot.send_message(
                    chat_id=chat,
                    text=text,
                    message_thread_id=topic,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
            )
        except TelegramAPIError as exc:
            raise _relay_error(exc) from None

    async def react(self, chat: int, message_id: int) -> None:
        """Put a 👍 on a message; never fails."""
        with contextlib.suppress(TelegramAPIError):
            await self.bot.set_message_reaction(
                chat_id=chat, message_id=message_id, reaction=[ReactionTypeEmoji(emoji="👍")]
            )

    async def delete_messages(self, chat: int, message_ids: Sequence[int]) -> bool:
        """Delete messages in a chat; False when Telegram refused."""
        try:
            return bool(await self.bot.delete_messages(chat_id=chat, message_ids=list(message_ids)))
        except TelegramAPIError as exc:
            log.info("deleting messages refused: %s", type(exc).__name__)
            return False

    # --- updates -------------------------------------------------------------------------

    def _lock(self, chat: int) -> asyncio.Lock:
        lock = self._locks.get(chat)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat] = lock
        return lock

    async def track(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        update: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """Outer middleware: remember the update id and the task, to finish it on shutdown."""
        if isinstance(update, Update):
            self.last_update_id = max(self.last_update_id or 0, update.update_id)
        task = asyncio.current_task()
        if task is not None:
            self.busy.add(task)
        try:
            return await handler(update, data)
        finally:
            if task is not None:
                self.busy.discard(task)

    async def on_message(self, message: Message) -> None:
        """Answer a private message."""
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

    async def on_staff(self, message: Message) -> None:
        """A message in a forum topic of a group: maybe staff writing to a young person."""
        if self.relay is None:
            return
        text = message.text or ""  # commands only in text, not in a photo's caption
        topic = message.message_thread_id if message.is_topic_message else None
        await self.relay.from_staff(FromStaff(message.chat.id, topic, message.message_id, text))

    async def on_button(self, query: CallbackQuery) -> None:
        """Answer a button press, editing the message it was on."""
        message = query.message
        chat = message.chat.id if message else query.from_user.id
        if message is not None and message.chat.type != ChatType.PRIVATE:
            await query.answer()
            return
        event = Event("button", chat, query.data or "", app_language=query.from_user.language_code)
        async with self._lock(chat):
            reply = await self.conversation.handle(event)
            # If answering fails the spinner times out on its own; the reply still goes out.
            with contextlib.suppress(TelegramAPIError):
                await query.answer(reply.notice if reply else None)
            if reply is not None:
                await self.after(reply)
                editable = message.message_id if isinstance(message, Message) else None
                await self.show_reply(chat, reply, editable)

    async def on_membership(self, member: ChatMemberUpdated, bot: Bot) -> None:
        """Leave groups and channels that strangers add the bot to."""
        if member.chat.type == ChatType.PRIVATE or member.chat.id == self.settings.staff_chat_id:
            return
        if self.relay is not None and member.chat.id in self.relay.staff_chats():
            return
        if member.new_chat_member.status in ("member", "administrator"):
            try:
                await bot.leave_chat(member.chat.id)
            except TelegramAPIError:
                log.info("could not leave a group the bot was added to")

    async def show_reply(self, chat: int, reply: Reply, editable: int | None) -> None:
        """Show a reply: edit the pressed message when possible, else send a new one."""
        bot = self.bot
        if reply.screen is not None and reply.keyboard is not None:
            # A reply keyboard cannot go on an edited message: always a new one.
            await bot.send_message(
                chat_id=chat,
                text=reply.screen.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply_keyboard(reply.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif reply.screen is not None:
            await self.show(bot, chat, reply.screen, editable if reply.edit else None)
        if reply.voice is not None:
            voice = BufferedInputFile(reply.voice.read_bytes(), filename=reply.voice.name)
            await bot.send_voice(chat_id=chat, voice=voice)
        if reply.venue is not None:
            v = reply.venue
            await bot.send_venue(
                chat_id=chat,
                latitude=v.latitude,
                longitude=v.longitude,
                title=v.title,
                address=v.address or v.title,
            )

    async def show(self, bot: Bot, chat: int, screen: Screen, editable: int | None) -> None:
        """Edit message `editable` to show `screen`, falling back to a new message."""
        markup = inline_markup(screen.buttons)
        if editable is not None:
            try:
                await bot.edit_message_text(
                    text=screen.text,
                    chat_id=chat,
                    message_id=editable,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
                return
            except TelegramBadRequest as exc:
                if "not modified" in str(exc).lower():
                    return
                log.info("edit refused (%s); sending a new message", type(exc).__name__)
        await bot.send_message(
            chat_id=chat, text=screen.text, reply_markup=markup, link_preview_options=NO_PREVIEW
        )

    async def on_error(self, event: ErrorEvent, bot: Bot) -> None:
        """Log an error without user data and tell the user calmly."""
        error = event.exception
        if isinstance(error, TelegramForbiddenError):
            log.info("a user has blocked the bot")
            return
        log.error(
            "error while handling an update: %s",
            type(error).__name__,
            exc_info=(type(error), error, error.__traceback__),
        )
        update = event.update
        chat, user = None, None
        if update.message is not None:
            chat, user = update.message.chat, update.message.from_user
        elif update.callback_query is not None and update.callback_query.message is not None:
            chat, user = update.callback_query.message.chat, update.callback_query.from_user
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        library = self.conversation.library
        language = library.texts.match(user.language_code if user else None) or "en"
        with contextlib.suppress(TelegramAPIError):
            await bot.send_message(
                chat_id=chat.id, text=library.t(language, "error-generic"), parse_mode=None
            )

    async def publish_commands(self, bot: Bot) -> None:
        """Register the translated command menu and descriptions for every language."""
        library: Library = self.conversation.library
        for language, code in command_menus(library):
            await self._publish(bot, library, language, code)

    async def _publish(self, bot: Bot, library: Library, language: str, code: str | None) -> None:
        commands = [
            BotCommand(command=name, description=description)
            for name, description in command_descriptions(library, language)
        ]
        try:
            await bot.set_my_commands(commands=commands, language_code=code)
            await bot.set_my_short_description(
                short_description=library.t(language, "bot-short-description"),
                language_code=code,
            )
            await bot.set_my_description(
                description=library.t(language, "bot-description"), language_code=code
            )
        except TelegramAPIError as exc:
            log.warning("could not register commands for %s: %s", language, type(exc).__name__)


def build_dispatcher(settings: Settings, conversation: Conversation) -> tuple[Bot, Dispatcher]:
    """Build the aiogram Bot and Dispatcher around the core."""
    token = settings.require_token()
    quiet_libraries()
    # aiogram.event logs one INFO line per update; keep only its warnings and errors.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.api_url))
    session.middleware(Paced())
    bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    port = AiogramPort(conversation, settings, bot)
    dp = Dispatcher(port=port)
    dp.update.outer_middleware(port.track)
    # aiogram runs only the first matching handler: the filters below never overlap.
    dp.message.register(port.on_message, F.chat.type == ChatType.PRIVATE)
    if settings.staff_chat_id is not None and conversation.relay_enabled:
        port.relay = StaffRelay(conversation, port, settings.staff_chat_id)
        # Any forum topic: the core keeps only those of staff groups (content may add some).
        dp.message.register(
            port.on_staff, F.chat.type == ChatType.SUPERGROUP, F.is_topic_message.is_(True)
        )
    dp.callback_query.register(port.on_button)
    dp.my_chat_member.register(port.on_membership)
    dp.errors.register(port.on_error)
    return bot, dp


async def _bootstrap(bot: Bot, stop: asyncio.Event) -> bool:
    """Check the token and drop any webhook, retrying while Telegram is unreachable."""
    delay = 1.0
    while not stop.is_set():
        try:
            await bot.me()
            await bot.delete_webhook(drop_pending_updates=False)
            return True
        except TelegramRetryAfter as exc:
            delay = float(exc.retry_after)
        except (TelegramNetworkError, TelegramServerError) as exc:
            log.warning("Telegram is not reachable (%s); retrying", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, 30.0)
    return False


async def _confirm(bot: Bot, port: AiogramPort) -> None:
    """Tell Telegram the last handled update, so a restart does not see it again."""
    if port.last_update_id is None:
        return
    with contextlib.suppress(TelegramAPIError, TimeoutError):
        await bot(GetUpdates(offset=port.last_update_id + 1, limit=1, timeout=0))


async def serve(
    settings: Settings,
    conversation: Conversation,
    stop: asyncio.Event | None = None,
    poll_timeout: int = 30,
) -> None:
    """Run long polling until `stop` is set or SIGINT/SIGTERM; finish in-flight updates."""
    started = time.perf_counter()
    bot, dp = build_dispatcher(settings, conversation)
    port: AiogramPort = dp["port"]
    stop = stop or asyncio.Event()
    stop_on_signals(stop)
    try:
        if await _bootstrap(bot, stop):
            polling = asyncio.create_task(
                dp.start_polling(
                    bot,
                    handle_signals=False,
                    close_bot_session=False,
                    allowed_updates=ALLOWED_UPDATES,
                    polling_timeout=poll_timeout,
                    tasks_concurrency_limit=CONCURRENT_UPDATES,
                )
            )
            log.info("bot is running (started in %.0f ms)", (time.perf_counter() - started) * 1000)
            publish = asyncio.create_task(port.publish_commands(bot))
            tidy = asyncio.create_task(conversation.keep_tidy())  # expiry on quiet days too
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
            log.info("stopping: finishing updates in progress")
            publish.cancel()
            tidy.cancel()
            await asyncio.gather(tidy, return_exceptions=True)  # gone before the store closes
            stopping.cancel()
            if not polling.done():
                await dp.stop_polling()
            if port.busy:
                await asyncio.wait(set(port.busy), timeout=SHUTDOWN_GRACE)
            await _confirm(bot, port)
            await polling  # re-raises if polling itself failed
    finally:
        if port.relay is not None:
            await port.relay.finish()  # notes for staff still waiting, while the bot can send
        await bot.session.close()
        await conversation.uniques.flush()  # today's partial unique count, before the store closes
        await conversation.store.close()
