"""The aiogram 3 runner: translates Telegram's updates and the bot's calls with aiogram.

Everything else (which update means what, polling, webhook, stopping) is shared with the
python-telegram-bot runner: see `bot.adapters.handling` and `bot.adapters.service`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    ReactionTypeEmoji,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.types import Message as AiogramMessage
from aiogram.types import Update as AiogramUpdate

from bot.adapters.aiogram_session import Paced, ReadableSession
from bot.adapters.pacing import Pacing
from bot.adapters.port import ApiUnavailable, TokenRejected, TooLarge
from bot.adapters.updates import ALLOWED_UPDATES, Update, translate
from bot.core.conversation import AskContact, Conversation
from bot.core.relay import Keyboard, TopicGone, Unreachable
from bot.logs import quiet_libraries
from bot.screens.library import Rows, Screen, Venue
from bot.settings import Settings

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


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
    """Translate a Bot API refusal into the relay's terms (or a generic unavailability)."""
    text = str(exc).lower()
    if isinstance(exc, TelegramForbiddenError) or "chat not found" in text:
        return Unreachable(type(exc).__name__)
    if isinstance(exc, TelegramBadRequest) and ("thread" in text or "topic" in text):
        return TopicGone(type(exc).__name__)
    if isinstance(exc, TelegramBadRequest):
        return exc
    return ApiUnavailable(type(exc).__name__)


class AiogramPort:
    """The bot's calls, made with aiogram (see `bot.adapters.port.BotPort`)."""

    def __init__(self, settings: Settings, pacing: Pacing | None = None) -> None:
        token = settings.require_token()
        quiet_libraries()
        session = ReadableSession(api=TelegramAPIServer.from_base(settings.api_url))
        session.middleware(Paced(pacing))
        self.bot = Bot(token, session=session, default=DefaultBotProperties(parse_mode=None))

    # --- connection and updates -----------------------------------------------------

    async def connect(self) -> str:
        """Check the token with getMe; return the bot's username."""
        try:
            me = await self.bot.me()
        except (TelegramUnauthorizedError, TelegramNotFound, ClientDecodeError):
            raise TokenRejected("Telegram refused the token (or this is not a Bot API)") from None
        except TelegramAPIError as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return me.username or ""

    async def get_updates(self, offset: int | None, wait: float) -> list[Update]:
        """Long-poll for updates, confirming those before `offset`."""
        call = GetUpdates(offset=offset, timeout=int(wait), allowed_updates=ALLOWED_UPDATES)
        try:
            updates = await self.bot(call, request_timeout=int(wait + 10))
        except (TelegramUnauthorizedError, TelegramNotFound):
            raise TokenRejected("Telegram refused the token") from None
        except (TelegramAPIError, ClientDecodeError) as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return [translate(u, AiogramMessage) for u in updates]

    def parse(self, data: dict[str, Any]) -> Update:
        """Translate an update posted to the webhook."""
        return translate(
            AiogramUpdate.model_validate(data, context={"bot": self.bot}), AiogramMessage
        )

    async def set_webhook(self, url: str, secret: str) -> None:
        """Register the webhook."""
        await self.bot.set_webhook(url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    async def delete_webhook(self) -> None:
        """Remove any webhook so polling can start (pending updates stay)."""
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def close(self) -> None:
        """Close the connections."""
        await self.bot.session.close()

    # --- screens ----------------------------------------------------------------------

    async def show(self, chat: int, screen: Screen, *, edit: int | None = None) -> None:
        """Edit message `edit` to show `screen`, falling back to a new message."""
        if edit is not None:
            try:
                await self.bot.edit_message_text(
                    text=screen.text,
                    chat_id=chat,
                    message_id=edit,
                    parse_mode=ParseMode.HTML,
                    reply_markup=inline_markup(screen.buttons),
                    link_preview_options=NO_PREVIEW,
                )
                return
            except TelegramBadRequest as exc:
                if "not modified" in str(exc).lower():
                    return
                log.info("edit refused (%s); sending a new message", type(exc).__name__)
            except TelegramForbiddenError:
                raise Unreachable("Forbidden") from None
        await self.send(chat, screen.text, buttons=screen.buttons)

    async def answer_press(self, query_id: str, notice: str | None) -> None:
        """Stop the button's spinner; never fails."""
        with contextlib.suppress(TelegramAPIError):
            await self.bot.answer_callback_query(callback_query_id=query_id, text=notice)

    async def send_voice(self, chat: int, voice: Path) -> None:
        """Send a recording as a voice message."""
        data = await asyncio.to_thread(voice.read_bytes)
        try:
            await self.bot.send_voice(
                chat_id=chat, voice=BufferedInputFile(data, filename=voice.name)
            )
        except TelegramAPIError as exc:
            raise _relay_error(exc) from None

    async def send_venue(self, chat: int, venue: Venue) -> None:
        """Send a map pin."""
        try:
            await self.bot.send_venue(
                chat_id=chat,
                latitude=venue.latitude,
                longitude=venue.longitude,
                title=venue.title,
                address=venue.address or venue.title,
            )
        except TelegramAPIError as exc:
            raise _relay_error(exc) from None

    async def send_document(self, chat: int, name: str, data: bytes, caption: str) -> None:
        """Send a file as a document."""
        try:
            await self.bot.send_document(
                chat_id=chat,
                document=BufferedInputFile(data, filename=name),
                caption=caption,
                parse_mode=ParseMode.HTML,
            )
        except TelegramAPIError as exc:
            raise _relay_error(exc) from None

    async def download(self, file_id: str, limit: int) -> bytes:
        """Fetch a file, reading no more than `limit` bytes of it."""
        try:
            file = await self.bot.get_file(file_id=file_id)
            if (file.file_size or 0) > limit:
                raise TooLarge(str(file.file_size))
            if not file.file_path:
                raise ApiUnavailable("no file path")
            url = self.bot.session.api.file_url(self.bot.token, file.file_path)
            data = bytearray()
            chunks = self.bot.session.stream_content(
                url=url, timeout=60, chunk_size=65536, raise_for_status=True
            )
            async with contextlib.aclosing(chunks):  # stops the download at the limit
                async for chunk in chunks:
                    data += chunk
                    if len(data) > limit:
                        raise TooLarge(str(len(data)))
        except TelegramAPIError as exc:
            raise _relay_error(exc) from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return bytes(data)

    async def is_admin(self, chat: int, user: int) -> bool:
        """Ask Telegram whether `user` administers `chat` (False when it cannot say)."""
        try:
            member = await self.bot.get_chat_member(chat_id=chat, user_id=user)
        except TelegramAPIError:
            return False
        return member.status in ("creator", "administrator")

    async def leave(self, chat: int) -> None:
        """Leave a group; never fails."""
        try:
            await self.bot.leave_chat(chat_id=chat)
        except TelegramAPIError:
            log.info("could not leave a group the bot was added to")

    async def set_commands(
        self, code: str | None, commands: list[tuple[str, str]], short: str, description: str
    ) -> None:
        """Register the command menu and the descriptions for one language code."""
        menu = [BotCommand(command=n, description=d) for n, d in commands]
        await self.bot.set_my_commands(commands=menu, language_code=code)
        await self.bot.set_my_short_description(short_description=short, language_code=code)
        await self.bot.set_my_description(description=description, language_code=code)

    # --- the relay's calls (see bot/core/relay.py) -----------------------------------

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""
        try:
            created = await self.bot.create_forum_topic(chat_id=staff_chat, name=name)
        except (TelegramBadRequest, TelegramForbiddenError) as exc:  # not a forum, no right
            raise Unreachable(exc.message[:200]) from None
        except TelegramAPIError as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return created.message_thread_id

    async def copy(
        self,
        to_chat: int,
        from_chat: int,
        message_id: int,
        *,
        topic: int | None,
        buttons: Rows,
        protect: bool = False,
    ) -> None:
        """Copy a message (never forward: no name or id travels)."""
        try:
            await self.bot.copy_message(
                chat_id=to_chat,
                from_chat_id=from_chat,
                message_id=message_id,
                message_thread_id=topic,
                reply_markup=inline_markup(buttons),
                protect_content=protect or None,
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
        protect: bool = False,
    ) -> None:
        """Send HTML text into a chat or a topic."""
        try:
            await self.bot.send_message(
                chat_id=chat,
                text=text,
                message_thread_id=topic,
                parse_mode=ParseMode.HTML,
                reply_markup=reply_keyboard(keyboard) or inline_markup(buttons),
                link_preview_options=NO_PREVIEW,
                protect_content=protect or None,
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
        except (TelegramBadRequest, TelegramForbiddenError) as exc:  # refused; else raises
            log.info("deleting messages refused: %s", type(exc).__name__)
            return False

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        """Rename a forum topic; never fails (a deleted topic, no right to manage topics)."""
        try:
            await self.bot.edit_forum_topic(chat_id=staff_chat, message_thread_id=topic, name=name)
        except TelegramAPIError as exc:
            log.info("renaming a topic refused: %s", type(exc).__name__)


async def serve(
    settings: Settings,
    conversation: Conversation,
    stop: asyncio.Event | None = None,
    poll_timeout: float = 30,
    *,
    pacing: Pacing | None = None,
    **options: Any,
) -> None:
    """Run the bot on aiogram (options: see bot.adapters.service.run)."""
    from bot.adapters.service import run

    # aiogram.event logs one INFO line per update; keep only its warnings and errors.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    await run(
        settings,
        conversation,
        AiogramPort(settings, pacing),
        stop,
        poll_timeout=poll_timeout,
        **options,
    )
