"""What a runner turns Telegram's updates into: a few plain values, the same for every runner.

A runner reads an update with its own library and translates it into one of these; from
then on every runner and mode (polling, webhook) is handled by the same code
(`bot.adapters.handling`). Nothing here is stored or logged: the values live as long as the
update is handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.conversation import Event

# Explicit, because Telegram (and aiogram) would otherwise choose the types.
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
TEXT_LIMIT = 200
PAYLOAD_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Document:
    """A file sent as a document: what is needed to fetch it and to name it."""

    file_id: str
    name: str  # the file name the sender's app gave it
    size: int | None  # in bytes, as Telegram says (None: not said)
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote a group message: a staff member (never filled in for private chats)."""

    id: int | None  # None: an anonymous administrator, posting as the group itself
    first_name: str


@dataclass(frozen=True, slots=True)
class Message:
    """A message in a private chat, or in a group (for staff topics)."""

    update_id: int
    chat: int
    private: bool
    message_id: int
    text: str | None = None  # the text of a text message; never a caption
    topic: int | None = None  # the forum topic of a group message
    language_code: str | None = None  # the sender's app language
    contact: str | None = None  # a shared contact: its number if it is the sender's own, else ""
    document: Document | None = None  # a file sent as a document (staff editors' uploads)
    sender: Sender | None = None  # group messages only: staff, never a young person


@dataclass(frozen=True, slots=True)
class Press:
    """A press on an inline button."""

    update_id: int
    chat: int
    private: bool
    message_id: int | None  # the message the button was on (None: too old to know)
    query_id: str
    data: str
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """The bot was added to (or removed from) a chat."""

    update_id: int
    chat: int
    private: bool
    joined: bool


@dataclass(frozen=True, slots=True)
class Other:
    """Anything else (an edit, an unreadable update): confirmed and left alone."""

    update_id: int


Update = Message | Press | Membership | Other


def message_event(chat: int, text: str | None, app_language: str | None) -> Event:
    """Translate a private message (its text, or None for anything else) into a core event."""
    if text is None:
        return Event("other", chat, app_language=app_language)
    if text.startswith("/"):
        words = text[1:].split(maxsplit=1)
        name = words[0].split("@", 1)[0].lower() if words else ""
        # A deep link's payload (`/start fa_appeal`): at most 64 characters by Telegram's rule.
        argument = words[1].strip()[:PAYLOAD_LIMIT] if len(words) > 1 else ""
        return Event("command", chat, name[:32], app_language=app_language, argument=argument)
    # The text is passed on only so the core can read a typed date or find the staff's
    # keywords in it; it is never stored or logged.
    return Event("text", chat, text[:TEXT_LIMIT], app_language=app_language)


def event_of(message: Message) -> Event:
    """The core event of a private message."""
    if message.contact is not None:
        return Event("contact", message.chat, message.contact)
    return message_event(message.chat, message.text, message.language_code)


def translate(update: Any, message_type: type) -> Update:
    """Translate either library's update into the shared form.

    python-telegram-bot and aiogram name every field as the Bot API does, so one function
    reads both; `message_type` is the library's class of a message the bot can still edit
    (a pressed button's message can be too old to be one).
    """
    uid = update.update_id
    message = update.message
    if message is not None:
        sender = message.from_user
        contact = None
        if message.contact is not None:
            own = sender is not None and message.contact.user_id == sender.id
            contact = message.contact.phone_number if own else ""
        private = message.chat.type == "private"
        return Message(
            uid,
            message.chat.id,
            private,
            message.message_id,
            text=message.text,
            topic=message.message_thread_id if message.is_topic_message else None,
            language_code=sender.language_code if sender else None,
            contact=contact,
            document=None if private else _document(message),
            sender=None if private else _sender(message),
        )
    query = update.callback_query
    if query is not None:
        on = query.message
        editable = isinstance(on, message_type)
        return Press(
            uid,
            on.chat.id if on else query.from_user.id,
            on is None or on.chat.type == "private",
            on.message_id if editable else None,
            query.id,
            query.data or "",
            query.from_user.language_code,
        )
    member = update.my_chat_member
    if member is not None:
        joined = member.new_chat_member.status in ("member", "administrator")
        return Membership(uid, member.chat.id, member.chat.type == "private", joined)
    return Other(uid)


def _document(message: Any) -> Document | None:
    """The document of a group message, if it has one."""
    doc = message.document
    if doc is None:
        return None
    return Document(doc.file_id, doc.file_name or "", doc.file_size, message.caption)


def _sender(message: Any) -> Sender | None:
    """Who wrote a group message; an anonymous administrator posts as the group itself."""
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        return Sender(None, "")
    user = message.from_user
    return Sender(user.id, user.first_name) if user is not None else None
