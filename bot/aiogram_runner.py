"""The aiogram 3 runner: the same behaviour as bot.ptb_runner, on aiogram instead."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
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
from aiogram.methods import GetUpdates
from aiogram.types import (
    BotCommand,
    CallbackQuery,
    ChatMemberUpdated,
    ErrorEvent,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    TelegramObject,
    Update,
)

from bot.conversation import Conversation, Event, Reply
from bot.logs import quiet_libraries
from bot.runner import (
    ALLOWED_UPDATES,
    command_descriptions,
    command_menus,
    message_event,
    stop_on_signals,
)
from bot.screens import Library, Rows, Screen
from bot.settings import Settings

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
CONCURRENT_UPDATES = 64
SHUTDOWN_GRACE = 10.0


def keyboard(rows: Rows) -> InlineKeyboardMarkup | None:
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
    return message_event(message.chat.id, message.text, language)


class AiogramPort:
    """Sends the core's replies through an aiogram Bot."""

    def __init__(self, conversation: Conversation, settings: Settings) -> None:
        self.conversation = conversation
        self.settings = settings
        self.last_update_id: int | None = None
        self.busy: set[asyncio.Task[Any]] = set()
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

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

    async def on_message(self, message: Message, bot: Bot) -> None:
        """Answer a private message."""
        event = event_from_message(message)
        async with self._lock(event.chat):
            reply = await self.conversation.handle(event)
            if reply is not None:
                await self.send(bot, event.chat, reply, None)

    async def on_button(self, query: CallbackQuery, bot: Bot) -> None:
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
                editable = message.message_id if isinstance(message, Message) else None
                await self.send(bot, chat, reply, editable)

    async def on_membership(self, member: ChatMemberUpdated, bot: Bot) -> None:
        """Leave groups and channels that strangers add the bot to."""
        if member.chat.type == ChatType.PRIVATE or member.chat.id == self.settings.staff_chat_id:
            return
        if member.new_chat_member.status in ("member", "administrator"):
            try:
                await bot.leave_chat(member.chat.id)
            except TelegramAPIError:
                log.info("could not leave a group the bot was added to")

    async def send(self, bot: Bot, chat: int, reply: Reply, editable: int | None) -> None:
        """Show a reply: edit the pressed message when possible, else send a new one."""
        if reply.screen is not None:
            await self.show(bot, chat, reply.screen, editable if reply.edit else None)
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
        markup = keyboard(screen.buttons)
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
    port = AiogramPort(conversation, settings)
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.api_url))
    bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = Dispatcher(port=port)
    dp.update.outer_middleware(port.track)
    dp.message.register(port.on_message, F.chat.type == ChatType.PRIVATE)
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
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
            log.info("stopping: finishing updates in progress")
            publish.cancel()
            stopping.cancel()
            if not polling.done():
                await dp.stop_polling()
            if port.busy:
                await asyncio.wait(set(port.busy), timeout=SHUTDOWN_GRACE)
            await _confirm(bot, port)
            await polling  # re-raises if polling itself failed
    finally:
        await bot.session.close()
        await conversation.uniques.flush()  # today's partial unique count, before the store closes
        await conversation.store.close()
