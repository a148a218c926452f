"""The python-telegram-bot runner: translates Telegram's updates and the bot's calls.

Everything else (which update means what, polling, webhook, stopping) is shared: see
`bot.adapters.handling` and `bot.adapters.service`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram import Message as TelegramMessage
from telegram import Update as TelegramUpdate
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError

from bot.adapters.pacing import Pacing
from bot.adapters.port import ApiUnavailable, TokenRejected, TooLarge
from bot.adapters.ptb_requests import PacedRequest, ReadableUpdatesRequest
from bot.adapters.tls import tls_context
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
    """Translate a Bot API refusal into the relay's terms (or a generic unavailability)."""
    text = str(exc).lower()
    if isinstance(exc, Forbidden) or "chat not found" in text:
        return Unreachable(type(exc).__name__)
    if isinstance(exc, BadRequest) and ("thread" in text or "topic" in text):
        return TopicGone(type(exc).__name__)
    if isinstance(exc, BadRequest):
        return exc
    return ApiUnavailable(type(exc).__name__)


class PtbPort:
    """The bot's calls, made with python-telegram-bot (see `bot.adapters.port.BotPort`)."""

    def __init__(self, settings: Settings, pacing: Pacing | None = None) -> None:
        token = settings.require_token()
        quiet_libraries()
        tls = {"verify": tls_context()}
        self._requests = (
            PacedRequest(connection_pool_size=256, pacing=pacing or Pacing(), httpx_kwargs=tls),
            # A long poll given up (to confirm at once) holds its connection until Telegram
            # ends it as the next poll arrives: room for that next poll.
            ReadableUpdatesRequest(connection_pool_size=4, httpx_kwargs=tls),
        )
        self.bot = Bot(
            token,
            base_url=f"{settings.api_url}/bot",
            base_file_url=f"{settings.api_url}/file/bot",
            # Flood limits and safe retries: see bot/adapters/ptb_requests.py.
            request=self._requests[0],
            get_updates_request=self._requests[1],
        )

    # --- connection and updates -----------------------------------------------------

    async def connect(self) -> str:
        """Check the token with getMe; return the bot's username."""
        try:
            await self.bot.initialize()
        except InvalidToken:
            raise TokenRejected("Telegram refused the token (or this is not a Bot API)") from None
        except TelegramError as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return self.bot.username

    async def get_updates(self, offset: int | None, wait: float) -> list[Update]:
        """Long-poll for updates, confirming those before `offset`."""
        try:
            updates = await self.bot.get_updates(
                offset=offset,
                timeout=int(wait),
                allowed_updates=ALLOWED_UPDATES,
                read_timeout=wait + 10,
            )
        except InvalidToken:
            raise TokenRejected("Telegram refused the token") from None
        except TelegramError as exc:
            raise ApiUnavailable(type(exc).__name__) from None
        return [translate(u, TelegramMessage) for u in updates]

    def parse(self, data: dict[str, Any]) -> Update:
        """Translate an update posted to the webhook."""
        update = TelegramUpdate.de_json(data, self.bot)
        if update is None:
            raise ValueError("not an update")
        return translate(update, TelegramMessage)

    async def set_webhook(self, url: str, secret: str) -> None:
        """Register the webhook."""
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)

    async def delete_webhook(self) -> None:
        """Remove any webhook so polling can start (pending updates stay)."""
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def close(self) -> None:
        """Close the connections (also those a failed connect left open)."""
        with contextlib.suppress(TelegramError, RuntimeError):
            await self.bot.shutdown()
        for request in self._requests:
            with contextlib.suppress(TelegramError, RuntimeError):
                await request.shutdown()

    # --- screens ----------------------------------------------------------------------

    async def show(self, chat: int, screen: Screen, *, edit: int | None = None) -> None:
        """Edit message `edit` to show `screen`, falling back to a new message."""
        markup = inline_markup(screen.buttons)
        if edit is not None:
            try:
                await self.bot.edit_message_text(
                    screen.text,
                    chat_id=chat,
                    message_id=edit,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
                return
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return
                log.info("edit refused (%s); sending a new message", type(exc).__name__)
            except Forbidden:
                raise Unreachable("Forbidden") from None
        await self.send(chat, screen.text, buttons=screen.buttons)

    async def answer_press(self, query_id: str, notice: str | None) -> None:
        """Stop the button's spinner; never fails."""
        with contextlib.suppress(TelegramError):
            await self.bot.answer_callback_query(query_id, notice)

    async def send_voice(self, chat: int, voice: Path) -> None:
        """Send a recording as a voice message."""
        try:
            await self.bot.send_voice(chat, await asyncio.to_thread(voice.read_bytes))
        except TelegramError as exc:
            raise _relay_error(exc) from None

    async def send_venue(self, chat: int, venue: Venue) -> None:
        """Send a map pin."""
        try:
            await self.bot.send_venue(
                chat, venue.latitude, venue.longitude, venue.title, venue.address or venue.title
            )
        except TelegramError as exc:
            raise _relay_error(exc) from None

    async def send_document(self, chat: int, name: str, data: bytes, caption: str) -> None:
        """Send a file as a document."""
        try:
            await self.bot.send_document(
                chat, data, filename=name, caption=caption, parse_mode=ParseMode.HTML
            )
        except TelegramError as exc:
            raise _relay_error(exc) from None

    async def download(self, file_id: str, limit: int) -> bytes:
        """Fetch a file, refusing one Telegram says is larger than `limit` bytes."""
        try:
            file = await self.bot.get_file(file_id)
            if (file.file_size or 0) > limit:
                raise TooLarge(str(file.file_size))
            data = bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            raise _relay_error(exc) from None
        if len(data) > limit:
            raise TooLarge(str(len(data)))
        return data

    async def is_admin(self, chat: int, user: int) -> bool:
        """Ask Telegram whether `user` administers `chat` (False when it cannot say)."""
        try:
            member = await self.bot.get_chat_member(chat, user)
        except TelegramError:
            return False
        return member.status in ("creator", "administrator")

    async def leave(self, chat: int) -> None:
        """Leave a group; never fails."""
        try:
            await self.bot.leave_chat(chat)
        except TelegramError:
            log.info("could not leave a group the bot was added to")

    async def set_commands(
        self, code: str | None, commands: list[tuple[str, str]], short: str, description: str
    ) -> None:
        """Register the command menu and the descriptions for one language code."""
        await self.bot.set_my_commands([BotCommand(n, d) for n, d in commands], language_code=code)
        await self.bot.set_my_short_description(short, language_code=code)
        await self.bot.set_my_description(description, language_code=code)

    # --- the relay's calls (see bot/core/relay.py) -----------------------------------

    async def create_topic(self, staff_chat: int, name: str) -> int:
        """Create a forum topic; return its thread id."""
        try:
            created = await self.bot.create_forum_topic(staff_chat, name)
        except (BadRequest, Forbidden) as exc:  # not a forum, no right to add topics, gone
            raise Unreachable(str(exc)[:200]) from None
        return int(created.message_thread_id)

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
                to_chat,
                from_chat,
                message_id,
                message_thread_id=topic,
                reply_markup=inline_markup(buttons),
                protect_content=protect or None,
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
        protect: bool = False,
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
                protect_content=protect or None,
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
        except (BadRequest, Forbidden) as exc:  # refused; anything else raises
            log.info("deleting messages refused: %s", type(exc).__name__)
            return False

    async def rename_topic(self, staff_chat: int, topic: int, name: str) -> None:
        """Rename a forum topic; never fails (a deleted topic, no right to manage topics)."""
        try:
            await self.bot.edit_forum_topic(staff_chat, topic, name=name)
        except TelegramError as exc:
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
    """Run the bot on python-telegram-bot (options: see bot.adapters.service.run)."""
    from bot.adapters.service import run

    await run(
        settings,
        conversation,
        PtbPort(settings, pacing),
        stop,
        poll_timeout=poll_timeout,
        **options,
    )
