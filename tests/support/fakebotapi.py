"""A fake Telegram Bot API server on 127.0.0.1 for offline end-to-end tests."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import json
import math
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import aiohttp
from aiohttp import BodyPartReader, web

Json = dict[str, Any]
Handler = Callable[[Json], Any]
DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
SEND_LIMITED = frozenset(
    {"sendmessage", "editmessagetext", "sendvenue", "sendlocation", "copymessage"}
    | {"forwardmessage", "sendvoice", "sendaudio", "sendphoto", "senddocument", "sendsticker"}
    | {"sendvideo"}
)
MEDIA_KINDS = ("voice", "audio", "photo", "document", "sticker", "video")
_MEDIA_FIELDS: dict[str, Json] = {
    "photo": {"width": 800, "height": 600},
    "video": {"width": 640, "height": 360},
    "sticker": {
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    },
}
DEFAULT_ALLOWED = frozenset({"message", "edited_message", "callback_query", "my_chat_member"})
FAULT_TEXT = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
_TEXT_KEYS = frozenset(
    {"text", "caption", "title", "address", "name", "description", "short_description", "url"}
    | {"secret_token", "parse_mode", "language_code", "action", "emoji", "callback_query_id"}
    | {"file_id", "inline_message_id", "icon_custom_emoji_id", "query", "question"}
)
_INT_KEYS = frozenset(
    {"chat_id", "from_chat_id", "message_id", "message_thread_id", "user_id", "offset"}
    | {"limit", "timeout", "reply_to_message_id", "icon_color", "duration", "width", "height"}
    | {"cache_time", "until_date", "live_period", "heading", "proximity_alert_radius"}
)
_FLOAT_KEYS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_TEXTUAL = frozenset({"text", "entities", "caption", "caption_entities"})


@contextlib.contextmanager
def offline(who: str) -> Iterator[None]:
    """Make any connection outside 127.0.0.1 fail loudly while the block runs (the tests
    and the benches talk only to this fake server)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"{who} offline: refused connection to {host}")
        return real_connect(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]


DELETE_WINDOW = 48 * 3600  # Telegram deletes messages only within 48 hours


def _now() -> int:
    """The current Unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _compact(obj: Json) -> Json:
    """`obj` without the keys whose value is None."""
    return {key: value for key, value in obj.items() if value is not None}


@dataclass(frozen=True)
class FakeUser:
    """A simulated Telegram user; their private chat has the same id."""

    id: int
    first_name: str = "Test"
    username: str | None = None
    language_code: str | None = None
    last_name: str | None = None

    def to_json(self) -> Json:
        """The Bot API User object."""
        return _compact(
            {"id": self.id, "is_bot": False, "first_name": self.first_name}
            | {"last_name": self.last_name, "username": self.username}
            | {"language_code": self.language_code}
        )

    def chat_json(self) -> Json:
        """The Bot API Chat object of the user's private chat."""
        return _compact(
            {"id": self.id, "type": "private", "first_name": self.first_name}
            | {"last_name": self.last_name, "username": self.username}
        )


@dataclass(frozen=True)
class FakeChat:
    """A simulated group, supergroup (optionally a forum) or channel."""

    id: int
    title: str = "Staff"
    type: str = "supergroup"
    is_forum: bool = False
    username: str | None = None

    def chat_json(self) -> Json:
        """The Bot API Chat object."""
        return _compact(
            {"id": self.id, "type": self.type, "title": self.title, "username": self.username}
            | {"is_forum": True if self.is_forum else None}
        )


AnyChat = FakeUser | FakeChat


@dataclass
class Msg:
    """A stored message: sent by the bot or pushed by a simulated user."""

    message_id: int
    chat_id: int
    kind: str
    text: str = ""
    html: str | None = None
    entities: list[Json] = field(default_factory=list)
    reply_markup: Json | None = None
    message_thread_id: int | None = None
    edited: int = 0
    edit_date: int | None = None
    from_bot: bool = True
    sender: Json | None = None
    date: int = field(default_factory=_now)
    text_field: str | None = "text"
    extra: Json = field(default_factory=dict)
    source: tuple[int, int] | None = None
    protected: bool = False  # sent with protect_content: cannot be forwarded or saved


@dataclass
class Recorded:
    """One Bot API call made by the bot: method, decoded params, monotonic time, HTTP status."""

    method: str
    params: Json
    time: float
    status: int = 200
    result: Any = None


@dataclass(frozen=True)
class Upload:
    """A file uploaded in a multipart body: its name, size and bytes."""

    filename: str
    size: int
    data: bytes = field(default=b"", repr=False, compare=False)


@dataclass
class FakeTopic:
    """A forum topic created by the bot or seen in a pushed message."""

    message_thread_id: int
    name: str
    icon_color: int = 7322096
    icon_custom_emoji_id: str | None = None
    closed: bool = False

    def to_json(self) -> Json:
        """The Bot API ForumTopic object."""
        return _compact(
            {"message_thread_id": self.message_thread_id, "name": self.name}
            | {"icon_color": self.icon_color, "icon_custom_emoji_id": self.icon_custom_emoji_id}
        )


@dataclass
class _Fault:
    """A pending injected failure."""

    method: str | None
    status: int
    remaining: int
    delay: float


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after

    def response(self) -> web.Response:
        """The JSON error body Telegram would send."""
        body: Json = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return web.json_response(body, status=self.status)


def _bad(detail: str) -> ApiError:
    """A 400 Bad Request error."""
    return ApiError(400, f"Bad Request: {detail}")


# --- request decoding -------------------------------------------------------------------------


def decode_value(key: str, value: Any) -> Any:
    """Turn a form-encoded string back into the JSON value the client meant."""
    if not isinstance(value, str) or key in _TEXT_KEYS:
        return value
    if key in _INT_KEYS and re.fullmatch(r"-?\d+", value):
        return int(value)
    if key in _FLOAT_KEYS:
        with contextlib.suppress(ValueError):
            return float(value)
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if value.startswith(("[", "{")):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


async def _read_multipart(request: web.Request) -> Json:
    """Fields of a multipart body; file parts become Upload, `attach://name` is resolved."""
    fields: Json = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        data = await part.read()
        if part.filename is None:
            fields[part.name] = data.decode(part.get_charset("utf-8"))
        else:
            fields[part.name] = Upload(part.filename, len(data), bytes(data))
    for key, value in list(fields.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            fields[key] = fields.pop(value.removeprefix("attach://"), value)
    return fields


async def read_params(request: web.Request) -> Json:
    """Query and body parameters of a Bot API call, decoded to JSON values."""
    raw: Json = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = await request.json()
            raw.update(body if isinstance(body, dict) else {})
        elif request.content_type == "multipart/form-data":
            raw.update(await _read_multipart(request))
        else:
            raw.update((await request.post()).items())
    return {key: decode_value(key, value) for key, value in raw.items()}


# --- Telegram's HTML subset ---------------------------------------------------------------------

_HTML_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "blockquote": "blockquote", "tg-spoiler": "spoiler",
    "span": "spoiler", "a": "text_link", "tg-emoji": "custom_emoji",
}  # fmt: skip
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ATTR_RE = re.compile(r"""([a-zA-Z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?""")
_REF_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")
_SPECIAL_RE = re.compile(r"[<&]")
_NAMED_REFS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _ref_char(match: re.Match[str]) -> str | None:
    """The character a character reference stands for, or None if Telegram rejects it."""
    if match.group(3) is not None:
        return _NAMED_REFS.get(match.group(3))
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return chr(code) if valid else None


def _parse_attrs(raw: str) -> dict[str, str]:
    """Attributes of a start tag, values unescaped."""
    attrs: dict[str, str] = {}
    for match in _ATTR_RE.finditer(raw):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        attrs[match.group(1).lower()] = _REF_RE.sub(lambda m: _ref_char(m) or m.group(), value)
    return attrs


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    offset: int
    order: int
    entity: Json | None


class HtmlParser:
    """Parses Telegram's HTML subset into plain text and entities with UTF-16 offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.done: list[tuple[int, Json]] = []
        self.counter = itertools.count()

    def parse(self) -> tuple[str, list[Json]]:
        """Return (plain text, entities) or raise ApiError like Telegram does."""
        pos = 0
        while pos < len(self.source):
            if self.source[pos] == "<":
                pos = self._tag(pos)
            elif self.source[pos] == "&":
                pos = self._char_ref(pos)
            else:
                special = _SPECIAL_RE.search(self.source, pos)
                end = special.start() if special else len(self.source)
                self._emit(self.source[pos:end])
                pos = end
        if self.stack:
            name = self.stack[-1].name
            raise self._error(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.done.sort(key=lambda item: (item[1]["offset"], -item[1]["length"], item[0]))
        return "".join(self.parts), [entity for _, entity in self.done]

    def _error(self, detail: str) -> ApiError:
        """A "can't parse entities" error."""
        return _bad(f"can't parse entities: {detail}")

    def _byte(self, pos: int) -> int:
        """UTF-8 byte offset of character position `pos` in the source."""
        return len(self.source[:pos].encode())

    def _emit(self, text: str) -> None:
        """Append plain text."""
        self.parts.append(text)
        self.length += utf16_len(text)

    def _char_ref(self, pos: int) -> int:
        """Decode a character reference at `pos`; return the position after it."""
        match = _REF_RE.match(self.source, pos)
        if match is None:
            detail = f'Character "&" must be escaped as "&amp;" at byte offset {self._byte(pos)}'
            raise self._error(detail)
        char = _ref_char(match)
        if char is None:
            raise self._error(f'Unsupported HTML entity "{match.group()}"')
        self._emit(char)
        return match.end()

    def _tag(self, pos: int) -> int:
        """Handle a start or end tag at `pos`; return the position after it."""
        match = _TAG_RE.match(self.source, pos)
        if match is None:
            found = re.match(r"[^\s<>&]*", self.source[pos + 1 :])
            raise self._error(
                f'Unsupported start tag "{found.group() if found else ""}" '
                f"at byte offset {self._byte(pos)}"
            )
        name = match.group(2).lower()
        if match.group(1):
            self._close(name, pos)
        else:
            self._open(name, _parse_attrs(match.group(3)), pos)
        return match.end()

    def _open(self, name: str, attrs: dict[str, str], pos: int) -> None:
        """Push a start tag."""
        if name not in _HTML_TYPES:
            raise self._error(f'Unsupported start tag "{name}" at byte offset {self._byte(pos)}')
        entity = self._entity_for(name, attrs, pos)
        self.stack.append(_OpenTag(name, self.length, next(self.counter), entity))

    def _entity_for(self, name: str, attrs: dict[str, str], pos: int) -> Json | None:
        """The entity a start tag opens (None for tags that only modify their parent)."""
        if name == "a":
            return {"type": "text_link", "url": attrs["href"]} if attrs.get("href") else None
        if name == "span" and attrs.get("class") != "tg-spoiler":
            detail = f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte(pos)}'
            raise self._error(detail)
        if name == "code" and self.stack and self.stack[-1].name == "pre":
            language = attrs.get("class", "")
            parent = self.stack[-1].entity
            if language.startswith("language-") and parent is not None:
                parent["language"] = language.removeprefix("language-")
            return None
        if name == "blockquote" and "expandable" in attrs:
            return {"type": "expandable_blockquote"}
        if name == "tg-emoji":
            return {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id", "")}
        return {"type": _HTML_TYPES[name]}

    def _close(self, name: str, pos: int) -> None:
        """Pop the matching start tag and record its entity."""
        if not self.stack:
            raise self._error(f"Unexpected end tag at byte offset {self._byte(pos)}")
        top = self.stack.pop()
        if top.name != name:
            raise self._error(
                f'Unmatched end tag at byte offset {self._byte(pos)}, expected "</{top.name}>", '
                f'found "</{name}>"'
            )
        length = self.length - top.offset
        if top.entity is not None and length > 0:
            entity = {"type": top.entity["type"], "offset": top.offset, "length": length}
            self.done.append((top.order, entity | top.entity))


def parse_html(source: str) -> tuple[str, list[Json]]:
    """Plain text and entities of Telegram-flavoured HTML; raises ApiError when invalid."""
    return HtmlParser(source).parse()


# --- validation helpers -------------------------------------------------------------------------


def _check_inline_button(button: Any) -> None:
    """Validate one inline keyboard button like Telegram does."""
    if not isinstance(button, dict) or not str(button.get("text") or "").strip():
        raise _bad("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    if data is not None and not 0 < len(str(data).encode()) <= 64:
        raise _bad("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not re.match(r"(https?|tg)://\S+$", str(url)):
        raise _bad("BUTTON_URL_INVALID")
    if set(button) == {"text"}:
        raise _bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )


def check_markup(markup: Any) -> Json | None:
    """Validate a reply_markup object and return it."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            _check_inline_button(button)
    for row in markup.get("keyboard") or []:
        for button in row:
            text = button if isinstance(button, str) else dict(button).get("text")
            if not text:
                raise _bad("BUTTON_TEXT_INVALID")
    return markup


def _inline_only(markup: Json | None) -> Json | None:
    """The markup as it appears on a Message: only inline keyboards are echoed."""
    return markup if markup and "inline_keyboard" in markup else None


# fmt: off
_ADMIN_RIGHTS = [
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_send_welcome_messages", "can_manage_topics",
    "can_pin_messages",
]
_RESTRICTED_RIGHTS = [
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
    "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_react_to_messages",
    "can_edit_tag", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
]
_GIFT_TYPES = [
    "unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
    "gifts_from_channels",
]
# fmt: on


def _member_json(user: Json, status: str) -> Json:
    """A ChatMember object for `status` with every field both client libraries require."""
    member: Json = {"status": status, "user": user}
    if status == "administrator":
        member |= dict.fromkeys(_ADMIN_RIGHTS, True)
        member |= {"can_be_edited": False, "is_anonymous": False}
    elif status == "creator":
        member["is_anonymous"] = False
    elif status == "kicked":
        member["until_date"] = 0
    elif status == "restricted":
        member |= dict.fromkeys(_RESTRICTED_RIGHTS, False) | {"is_member": True, "until_date": 0}
    return member


class RateLimiter:
    """Flood control: 3-message burst then 1/s per private chat, 20/min per group, 30/s total."""

    def __init__(self) -> None:
        self._private: dict[int, tuple[float, float]] = {}
        self._groups: dict[int, deque[float]] = {}
        self._global: deque[float] = deque()

    @staticmethod
    def _trim(window: deque[float], since: float) -> deque[float]:
        """Drop timestamps older than `since`."""
        while window and window[0] <= since:
            window.popleft()
        return window

    def take(self, chat_id: int, private: bool, now: float) -> int:
        """Consume one message; return 0, or the seconds to wait when over a limit."""
        waits = []
        total = self._trim(self._global, now - 1.0)
        if len(total) >= 30:
            waits.append(total[0] + 1.0 - now)
        tokens, stamp = self._private.get(chat_id, (3.0, now))
        tokens = min(3.0, tokens + (now - stamp))
        group = self._trim(self._groups.setdefault(chat_id, deque()), now - 60.0)
        if private and tokens < 1.0:
            waits.append(1.0 - tokens)
        if not private and len(group) >= 20:
            waits.append(group[0] + 60.0 - now)
        if waits:
            self._private[chat_id] = (tokens, now)
            return max(1, math.ceil(max(waits)))
        total.append(now)
        self._private[chat_id] = (tokens - 1.0, now)
        group.append(now)
        return 0


@dataclass
class _Text:
    """Text or caption after parse_mode handling."""

    text: str
    entities: list[Json]
    html: str | None


# --- the server ---------------------------------------------------------------------------------


class FakeBotAPI:
    """An in-process Telegram Bot API server with simulated users, chats and faults."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "nasta_steg_test_bot",
        enforce_limits: bool = False,
        port: int = 0,
    ) -> None:
        self.reactions: dict[tuple[int, int], list[Json]] = {}  # the bot's, per message
        self.token, self.bot_username, self.enforce_limits = token, bot_username, enforce_limits
        self.bot_id = int(token.split(":", 1)[0])
        self.refuse_edits = False
        self.served_429 = 0
        self.requests: list[Recorded] = []
        self.arrived: dict[str, int] = {}  # calls per method as they arrive (a long poll too)
        self.commands: dict[tuple[str, str], list[Json]] = {}
        self.descriptions: dict[str, dict[str, str]] = {}
        self.menu_buttons: dict[int | None, Json] = {}
        self.answered_callbacks: dict[str, Json] = {}
        self.topics: dict[int, dict[int, FakeTopic]] = {}
        self.members: dict[tuple[int, int], str] = {}
        self.blocked: set[int] = set()
        self.left_chats: set[int] = set()
        self.webhook: Json = {}
        self.files: dict[str, bytes] = {}  # file_id -> content: users' and the bot's files
        # Where to post updates while a webhook is set: Telegram posts to the public https
        # URL, which in tests stands for this local address of the bot's webhook server.
        self.deliver_to: str | None = None
        self.webhook_posts = 0  # posts answered 200
        self._delivering: set[int] = set()
        self._posts: set[asyncio.Task[None]] = set()
        self._deliverer: asyncio.Task[None] | None = None
        self._port = port
        self._chats: dict[int, AnyChat] = {}
        self._messages: dict[int, dict[int, Msg]] = {}
        self._next_message_id: dict[int, int] = {}
        self._updates: list[Json] = []
        self._allowed = DEFAULT_ALLOWED
        self._pending_callbacks: set[str] = set()
        self._faults: list[_Fault] = []
        self._limiter = RateLimiter()
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._poll_generation = 0
        self._changed: asyncio.Event | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._handlers = self._build_handlers()

    # lifecycle

    def _build_handlers(self) -> dict[str, tuple[str, Handler]]:
        """Map lower-case method names to (canonical name, handler)."""
        handlers: dict[str, tuple[str, Handler]] = {}
        for attr in dir(type(self)):
            if attr.startswith("_h_"):
                handlers[attr[3:].lower()] = (attr[3:], getattr(self, attr))
        for kind in MEDIA_KINDS:
            handlers[f"send{kind}"] = (f"send{kind.capitalize()}", partial(self._send_media, kind))
        return handlers

    async def start(self) -> None:
        """Listen on 127.0.0.1 (a free port unless one was given)."""
        self._closing = False
        self._changed = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self._port).start()
        self._port = self._runner.addresses[0][1]
        self._deliverer = asyncio.create_task(self._deliver())

    async def stop(self) -> None:
        """Answer waiting long polls and shut the server down."""
        self._closing = True
        self._wake()
        if self._deliverer is not None:
            self._deliverer.cancel()
            await asyncio.gather(self._deliverer, return_exceptions=True)
            self._deliverer = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def root_url(self) -> str:
        """Base URL for TELEGRAM_API_URL, e.g. http://127.0.0.1:PORT."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def bot_user(self) -> Json:
        """The bot's own User object."""
        return {"id": self.bot_id, "is_bot": True, "first_name": "Nästa steg (test)"} | {
            "username": self.bot_username
        }

    @classmethod
    @contextlib.contextmanager
    def run_in_thread(cls, *args: Any, **kwargs: Any) -> Iterator[ThreadedFakeBotAPI]:
        """Run a server on its own event-loop thread, for tests that start the bot as a process."""
        api = cls(*args, **kwargs)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="fakebotapi", daemon=True)
        thread.start()
        threaded = ThreadedFakeBotAPI(api, loop)
        try:
            threaded.run(api.start())
            yield threaded
        finally:
            threaded.run(api.stop())
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()

    # HTTP plumbing

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Serve one Bot API call."""
        if request.match_info["token"] != self.token:
            return ApiError(401, "Unauthorized").response()
        asked = request.match_info["method"]
        name, handler = self._handlers.get(asked.lower(), (asked, None))
        self.arrived[name] = self.arrived.get(name, 0) + 1
        try:
            params = await read_params(request)
        except ValueError:
            return ApiError(400, "Bad Request: can't parse request body").response()
        fault = self._take_fault(name)
        if fault is not None:
            injected = await self._apply_fault(fault, request, name, params)
            if injected is not None:
                return injected
        if handler is None:
            return self._fail(request, name, params, ApiError(404, "Not Found"))
        try:
            result = handler(params)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as error:
            return self._fail(request, name, params, error)
        self._record(request, name, params, 200, result)
        return web.json_response({"ok": True, "result": result})

    async def _serve_file(self, request: web.Request) -> web.StreamResponse:
        """Serve a file's content at the URL getFile points to."""
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rpartition("/")[2]
        self.arrived["file"] = self.arrived.get("file", 0) + 1
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    def _record(
        self, request: web.Request, name: str, params: Json, status: int, result: Any = None
    ) -> None:
        """Record a call; status 499 when the client hung up before the answer."""
        if request.transport is None or request.transport.is_closing():
            status = 499
        self.requests.append(Recorded(name, params, time.monotonic(), status, result))

    def _fail(self, request: web.Request, name: str, params: Json, error: ApiError) -> web.Response:
        """Record a failed call and build its error answer."""
        if error.status == 429:
            self.served_429 += 1
        self._record(request, name, params, error.status)
        return error.response()

    def _take_fault(self, name: str) -> _Fault | None:
        """The injected failure that applies to this call, if any."""
        for fault in self._faults:
            if fault.method is None or fault.method.lower() == name.lower():
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    async def _apply_fault(
        self, fault: _Fault, request: web.Request, name: str, params: Json
    ) -> web.StreamResponse | None:
        """Delay, drop or fail a call; None means answer normally."""
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 200:
            return None
        if fault.status == 0:
            self.requests.append(Recorded(name, params, time.monotonic(), 0))
            if request.transport is not None:
                request.transport.close()
            return web.Response()
        text = FAULT_TEXT.get(fault.status, "Internal Server Error")
        retry = 1 if fault.status == 429 else None
        if fault.status == 429:
            text = "Too Many Requests: retry after 1"
        return self._fail(request, name, params, ApiError(fault.status, text, retry))

    async def _deliver(self) -> None:
        """While a webhook is set, post each queued update to `deliver_to`, several at a time
        as Telegram does; an update leaves the queue when the bot answers 200."""
        async with aiohttp.ClientSession() as session:
            while not self._closing:
                changed = self._changed
                if self.webhook.get("url") and self.deliver_to:
                    for update in list(self._updates):
                        uid = update["update_id"]
                        if uid not in self._delivering and self._wanted(update, 0):
                            self._delivering.add(uid)
                            task = asyncio.create_task(self._post(session, update))
                            self._posts.add(task)
                            task.add_done_callback(self._posts.discard)
                if changed is not None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(changed.wait(), 0.05)

    async def _post(self, session: aiohttp.ClientSession, update: Json) -> None:
        """Post one update to the bot's webhook; keep it queued unless the bot says 200."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": str(self.webhook.get("secret_token", ""))}
        try:
            assert self.deliver_to is not None
            async with session.post(self.deliver_to, json=update, headers=headers) as response:
                if response.status == 200:
                    self.webhook_posts += 1
                    with contextlib.suppress(ValueError):
                        self._updates.remove(update)
                else:
                    await asyncio.sleep(0.05)
        except (TimeoutError, aiohttp.ClientError, OSError):
            await asyncio.sleep(0.05)
        finally:
            self._delivering.discard(update["update_id"])
            self._wake()

    def inject_failures(
        self, method: str | None, status: int, count: int = 1, delay: float = 0
    ) -> None:
        """Make the next `count` calls of `method` (None: any) fail with `status` (0: drop)."""
        self._faults.append(_Fault(method, status, count, delay))

    def _wake(self) -> None:
        """Wake every waiting long poll."""
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    # simulated users, chats and updates

    def user(
        self,
        id: int | None = None,
        first_name: str = "Test",
        username: str | None = None,
        language_code: str | None = None,
        last_name: str | None = None,
    ) -> FakeUser:
        """Create a simulated user (and their private chat)."""
        user_id = id if id is not None else 1_000_000 + next(self._ids)
        user = FakeUser(user_id, first_name, username, language_code, last_name)
        self._chats[user.id] = user
        return user

    def group(
        self,
        id: int | None = None,
        title: str = "Staff",
        is_forum: bool = False,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> FakeChat:
        """Create a simulated group, supergroup or channel."""
        chat_id = id if id is not None else -1_001_000_000_000 - next(self._ids)
        chat = FakeChat(chat_id, title, chat_type, is_forum, username)
        self._chats[chat.id] = chat
        self._next_message_id[chat.id] = 1  # message 1 is the "group created" service message
        return chat

    def set_member(self, chat: AnyChat | int, user: FakeUser | int, status: str = "member") -> None:
        """Set what getChatMember answers for `user` in `chat`."""
        self.members[(_id_of(chat), _id_of(user))] = status

    def block(self, user: FakeUser | int) -> None:
        """The user blocks the bot: sends to them fail with 403."""
        self.blocked.add(_id_of(user))

    def unblock(self, user: FakeUser | int) -> None:
        """The user unblocks the bot."""
        self.blocked.discard(_id_of(user))

    def _push_update(self, kind: str, payload: Json) -> int:
        """Queue an update and wake long polls; return its update_id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._wake()
        return update_id

    async def push_message(
        self,
        chat: AnyChat,
        *,
        from_user: FakeUser | None = None,
        message_thread_id: int | None = None,
        reply_to: int | None = None,
        **fields: Any,
    ) -> int:
        """Push a message from a user (text, sticker, photo, location, ...); return its id."""
        sender = from_user or chat
        assert isinstance(sender, FakeUser), "a group message needs from_user"
        if message_thread_id is not None and isinstance(chat, FakeChat) and chat.is_forum:
            self.topics.setdefault(chat.id, {}).setdefault(
                message_thread_id, FakeTopic(message_thread_id, f"topic {message_thread_id}")
            )
        kind = next((key for key in fields if key not in _TEXTUAL), "text")
        text_field = "text" if "text" in fields else "caption" if "caption" in fields else None
        text = str(fields.pop(text_field, "")) if text_field else ""
        entities = list(fields.pop(f"{'caption_' if text_field == 'caption' else ''}entities", []))
        if reply_to is not None:
            fields["reply_to_message"] = self._message_json(self._find(chat.id, reply_to))
        msg = Msg(
            self._new_message_id(chat.id),
            chat.id,
            kind,
            text,
            None,
            entities,
            message_thread_id=message_thread_id,
            from_bot=False,
            sender=sender.to_json(),
            text_field=text_field,
            extra=fields,
        )
        self._store(msg)
        self._push_update("message", self._message_json(msg))
        return msg.message_id

    async def push_text(self, user: FakeUser, text: str, **fields: Any) -> int:
        """Push a private text message; a leading /command gets a bot_command entity."""
        return await self.push_message(user, text=text, entities=_command_entities(text), **fields)

    async def push_group_text(
        self,
        group: FakeChat,
        from_user: FakeUser,
        text: str,
        message_thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> int:
        """Push a text message from `from_user` in a group (optionally in a forum topic)."""
        return await self.push_message(
            group,
            from_user=from_user,
            message_thread_id=message_thread_id,
            reply_to=reply_to,
            text=text,
            entities=_command_entities(text),
        )

    async def push_document(
        self,
        chat: AnyChat,
        from_user: FakeUser,
        name: str,
        data: bytes,
        caption: str | None = None,
        *,
        declared_size: int | None = None,
    ) -> int:
        """Push a file sent as a document (its content served by getFile); return its id."""
        file_id = f"doc{next(self._ids)}"
        self.files[file_id] = data
        document: Json = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name}
        document["file_size"] = len(data) if declared_size is None else declared_size
        fields: Json = {"document": document}
        if caption is not None:
            fields["caption"] = caption
        return await self.push_message(chat, from_user=from_user, **fields)

    def uploaded(self, message: Msg, kind: str = "document") -> bytes:
        """The content of a file the bot sent in `message`."""
        return self.files[message.extra[kind]["file_id"]]

    async def push_edited_text(self, user: FakeUser, message_id: int, text: str) -> int:
        """The user edits their own message; return the update_id."""
        msg = self._find(user.id, message_id)
        msg.text, msg.entities = text, _command_entities(text)
        msg.edited, msg.edit_date = msg.edited + 1, _now()
        return self._push_update("edited_message", self._message_json(msg))

    async def press(
        self,
        user: FakeUser,
        message_id: int,
        data: str,
        *,
        chat: FakeChat | None = None,
        strict: bool = True,
    ) -> str:
        """Press an inline button of a bot message; return the callback query id."""
        msg = self._find((chat or user).id, message_id)
        buttons = [b for row in (msg.reply_markup or {}).get("inline_keyboard", []) for b in row]
        if strict and data not in [button.get("callback_data") for button in buttons]:
            raise AssertionError(f"message {message_id} has no button {data!r}: {buttons}")
        query_id = str(4_000_000_000 + next(self._ids))
        self._pending_callbacks.add(query_id)
        payload = {"id": query_id, "from": user.to_json(), "message": self._message_json(msg)}
        payload |= {"chat_instance": str(abs(msg.chat_id)), "data": data}
        self._push_update("callback_query", payload)
        return query_id

    async def push_my_chat_member(
        self,
        chat: AnyChat,
        from_user: FakeUser,
        new_status: str = "member",
        old_status: str = "left",
    ) -> int:
        """The bot's membership in `chat` changes (added to a group, blocked by a user, ...)."""
        if new_status in ("left", "kicked"):
            self.left_chats.add(chat.id)
        else:
            self.left_chats.discard(chat.id)
        payload = {"chat": chat.chat_json(), "from": from_user.to_json(), "date": _now()}
        payload["old_chat_member"] = _member_json(self.bot_user, old_status)
        payload["new_chat_member"] = _member_json(self.bot_user, new_status)
        return self._push_update("my_chat_member", payload)

    # inspection

    def calls(self, method: str, *, include_failed: bool = False) -> list[Json]:
        """Params of the bot's calls of `method`, oldest first (successful ones by default)."""
        return [
            record.params
            for record in self.requests
            if record.method.lower() == method.lower() and (include_failed or record.status == 200)
        ]

    def chat_messages(self, chat_id: AnyChat | int, *, include_user: bool = False) -> list[Msg]:
        """The bot's current messages in a chat, in order (after edits and deletions)."""
        messages = self._messages.get(_id_of(chat_id), {}).values()
        return [msg for msg in messages if msg.from_bot or include_user]

    def texts(self, chat_id: AnyChat | int) -> list[str]:
        """Plain texts of the bot's current messages in a chat."""
        return [msg.text for msg in self.chat_messages(chat_id)]

    @property
    def pending_updates(self) -> int:
        """How many updates have not been confirmed by getUpdates yet."""
        return len(self._updates)

    def dump(self, last: int = 10) -> str:
        """The last calls (long polls left out), one per line, for failure messages."""
        recent = [record for record in self.requests if record.method != "getUpdates"][-last:]
        lines = [f"  {r.method} [{r.status}] {json.dumps(r.params, default=str)}" for r in recent]
        return "\n".join(lines) or "  (no calls)"

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> None:
        """Poll `predicate` every 10 ms; fail with the recent calls if it stays false."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"condition not met within {timeout} s; last calls:\n{self.dump()}"
                )
            await asyncio.sleep(0.01)

    async def settled(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot is done with every update sent so far: confirmed by a later
        poll, or answered 200 at its webhook. The bot confirms an update only once it has
        handled it, so after this, whatever the updates would cause has happened."""
        await self.wait_for(lambda: not self._updates, timeout)

    async def wait_for_call(
        self,
        method: str,
        n: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109
        **match: Any,
    ) -> Json:
        """Wait for the n-th successful call of `method` whose params include `match`."""

        def matching() -> list[Json]:
            calls = self.calls(method)
            return [p for p in calls if all(p.get(k) == v for k, v in match.items())]

        try:
            await self.wait_for(lambda: len(matching()) >= n, timeout)
        except AssertionError as error:
            raise AssertionError(f"no call #{n} of {method} matching {match}; {error}") from None
        return matching()[n - 1]

    # storage helpers

    def _new_message_id(self, chat_id: int) -> int:
        """Next message id in a chat (ids are per chat, shared by bot and users)."""
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _store(self, msg: Msg) -> Msg:
        """Keep a message."""
        self._messages.setdefault(msg.chat_id, {})[msg.message_id] = msg
        return msg

    def _find(self, chat_id: int, message_id: Any, missing: str = "message not found") -> Msg:
        """A stored message, or a 400 with `missing`."""
        msg = self._messages.get(chat_id, {}).get(message_id)
        if msg is None:
            raise _bad(missing)
        return msg

    def _message_json(self, msg: Msg) -> Json:
        """The Bot API Message object of a stored message."""
        chat = self._chats[msg.chat_id]
        out: Json = {"message_id": msg.message_id, "date": msg.date, "chat": chat.chat_json()}
        out["from"] = self.bot_user if msg.from_bot else msg.sender
        if msg.message_thread_id is not None and isinstance(chat, FakeChat) and chat.is_forum:
            out |= {"message_thread_id": msg.message_thread_id, "is_topic_message": True}
        if msg.text_field and msg.text:
            out[msg.text_field] = msg.text
            if msg.entities:
                prefix = "caption_" if msg.text_field == "caption" else ""
                out[f"{prefix}entities"] = msg.entities
        if msg.edit_date is not None:
            out["edit_date"] = msg.edit_date
        if _inline_only(msg.reply_markup):
            out["reply_markup"] = msg.reply_markup
        return out | msg.extra

    def _chat(self, p: Json, key: str = "chat_id") -> AnyChat:
        """The chat a call addresses, or 400 "chat not found"."""
        chat_id = p.get(key)
        if chat_id is None or chat_id == "":
            raise _bad(f"{key} is empty")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            named = [c for c in self._chats.values() if c.username == chat_id[1:]]
            chat = named[0] if named else None
        else:
            chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _bad("chat not found")
        return chat

    def _target(self, p: Json) -> AnyChat:
        """The chat a message goes to; 403 when the bot was blocked or left."""
        chat = self._chat(p)
        if chat.id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat.id in self.left_chats:
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat.chat_json()['type']}")
        return chat

    def _thread(self, chat: AnyChat, p: Json) -> int | None:
        """The message_thread_id of a send; 400 for a deleted or unknown forum topic."""
        thread = p.get("message_thread_id")
        if thread is None or not isinstance(chat, FakeChat) or not chat.is_forum:
            return None
        if thread != 1 and thread not in self.topics.get(chat.id, {}):
            raise _bad("message thread not found")
        return int(thread)

    def _limit(self, chat: AnyChat, method: str) -> None:
        """Apply flood control when enabled."""
        if not self.enforce_limits or method.lower() not in SEND_LIMITED:
            return
        retry = self._limiter.take(chat.id, isinstance(chat, FakeUser), time.monotonic())
        if retry:
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry)

    @staticmethod
    def _text(p: Json, key: str = "text", limit: int = 4096) -> _Text:
        """Text or caption of a call after parse_mode, with Telegram's checks."""
        raw = "" if p.get(key) is None else str(p[key])
        entities_key = "entities" if key == "text" else f"{key}_entities"
        if str(p.get("parse_mode") or "").lower() == "html":
            text, entities = parse_html(raw)
            result = _Text(text, entities, raw)
        else:
            result = _Text(raw, list(p.get(entities_key) or []), None)
        if key == "text" and not result.text.strip():
            raise _bad("message text is empty")
        if utf16_len(result.text) > limit:
            raise _bad("message is too long" if key == "text" else "message caption is too long")
        return result

    def _send(self, p: Json, method: str, kind: str, **fields: Any) -> Json:
        """Validate and store a bot message; return its Message object."""
        chat = self._target(p)
        markup = check_markup(p.get("reply_markup"))
        thread = self._thread(chat, p)
        self._limit(chat, method)
        protect = p.get("protect_content", False)
        if not isinstance(protect, bool):
            raise _bad("protect_content must be a boolean")
        msg = Msg(self._new_message_id(chat.id), chat.id, kind, reply_markup=markup)
        msg.message_thread_id = thread
        msg.protected = protect
        for key, value in fields.items():
            setattr(msg, key, value)
        return self._message_json(self._store(msg))

    # Bot API methods (handler name = "_h_" + method name; lookup is case-insensitive)

    def _h_getMe(self, p: Json) -> Json:
        """The bot's User with its capabilities."""
        return (
            self.bot_user
            | {"can_join_groups": True, "can_read_all_group_messages": False}
            | {
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )

    def _h_logOut(self, p: Json) -> bool:
        """Accept a log out from the cloud Bot API."""
        return True

    def _h_close(self, p: Json) -> bool:
        """Accept closing the bot instance."""
        return True

    def _h_setWebhook(self, p: Json) -> bool:
        """Remember the webhook URL and secret token."""
        self.webhook = _compact(
            {"url": p.get("url") or None, "secret_token": p.get("secret_token")}
        )
        if p.get("allowed_updates") is not None:
            self._allowed = frozenset(p["allowed_updates"]) or DEFAULT_ALLOWED
        self._wake()
        return True

    def _h_deleteWebhook(self, p: Json) -> bool:
        """Forget the webhook; optionally drop pending updates."""
        self.webhook = {}
        if p.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _h_getWebhookInfo(self, p: Json) -> Json:
        """The current webhook and the number of pending updates."""
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False} | {
            "pending_update_count": len(self._updates)
        }

    async def _h_getUpdates(self, p: Json) -> list[Json]:
        """Long polling: confirm below offset, then wait up to timeout for updates."""
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset, limit = int(p.get("offset") or 0), max(1, min(100, int(p.get("limit") or 100)))
        if p.get("allowed_updates") is not None:
            self._allowed = frozenset(p["allowed_updates"]) or DEFAULT_ALLOWED
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()
        deadline = time.monotonic() + float(p.get("timeout") or 0)
        while True:
            ready = [u for u in self._updates if self._wanted(u, offset)][:limit]
            if ready or self._closing or time.monotonic() >= deadline:
                return ready
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            assert self._changed is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())

    def _confirm(self, offset: int) -> None:
        """Forget updates confirmed by `offset` (negative: keep only the last -offset)."""
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _wanted(self, update: Json, offset: int) -> bool:
        """Whether a queued update is due for this poll."""
        kind = next(key for key in update if key != "update_id")
        return update["update_id"] >= offset and kind in self._allowed

    def _h_sendMessage(self, p: Json) -> Json:
        """Send a text message."""
        text = self._text(p)
        return self._send(
            p, "sendMessage", "text", text=text.text, entities=text.entities, html=text.html
        )

    def _editable(self, p: Json) -> Msg:
        """The bot message an edit call addresses, with Telegram's refusals."""
        if p.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._target(p)
        msg = self._find(chat.id, p.get("message_id"), "message to edit not found")
        if self.refuse_edits or not msg.from_bot:
            raise _bad("message can't be edited")
        return msg

    def _h_editMessageText(self, p: Json) -> Json:
        """Edit the text (and inline keyboard) of a bot message."""
        msg = self._editable(p)
        if msg.text_field != "text":
            raise _bad("there is no text in the message to edit")
        text, markup = self._text(p), check_markup(p.get("reply_markup"))
        current = (msg.text, msg.entities, _inline_only(msg.reply_markup))
        if current == (text.text, text.entities, markup):
            raise _bad(NOT_MODIFIED)
        self._limit(self._chats[msg.chat_id], "editMessageText")
        msg.text, msg.entities, msg.html = text.text, text.entities, text.html
        msg.reply_markup, msg.edited, msg.edit_date = markup, msg.edited + 1, _now()
        return self._message_json(msg)

    def _h_editMessageReplyMarkup(self, p: Json) -> Json:
        """Replace or remove the inline keyboard of a bot message."""
        msg = self._editable(p)
        markup = check_markup(p.get("reply_markup"))
        if markup == _inline_only(msg.reply_markup):
            raise _bad(NOT_MODIFIED)
        msg.reply_markup, msg.edited, msg.edit_date = markup, msg.edited + 1, _now()
        return self._message_json(msg)

    def _h_answerCallbackQuery(self, p: Json) -> bool:
        """Answer a pressed button once."""
        query_id = str(p.get("callback_query_id"))
        if query_id not in self._pending_callbacks:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        self._pending_callbacks.discard(query_id)
        self.answered_callbacks[query_id] = p
        return True

    @staticmethod
    def _scope_key(p: Json) -> tuple[str, str]:
        """Commands key: (scope type, or "type:chat_id" for chat scopes; language code)."""
        scope = p.get("scope") or {"type": "default"}
        kind = str(scope.get("type", "default"))
        if scope.get("chat_id") is not None:
            kind = f"{kind}:{scope['chat_id']}"
        return kind, str(p.get("language_code") or "")

    def _h_setMyCommands(self, p: Json) -> bool:
        """Store the command list of a scope and language."""
        commands = list(p.get("commands") or [])
        if len(commands) > 100:
            raise _bad("too many commands")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("command description is empty or too long")
        self.commands[self._scope_key(p)] = commands
        return True

    def _h_getMyCommands(self, p: Json) -> list[Json]:
        """The command list of a scope and language."""
        return self.commands.get(self._scope_key(p), [])

    def _h_deleteMyCommands(self, p: Json) -> bool:
        """Forget the command list of a scope and language."""
        self.commands.pop(self._scope_key(p), None)
        return True

    def _describe(self, p: Json, key: str, limit: int) -> bool:
        """Store a per-language bot description, short description or name."""
        value = str(p.get(key) or "")
        if len(value) > limit:
            raise _bad(f"{key} is too long")
        self.descriptions.setdefault(key, {})[str(p.get("language_code") or "")] = value
        return True

    def _h_setMyDescription(self, p: Json) -> bool:
        """Store the bot description of a language."""
        return self._describe(p, "description", 512)

    def _h_setMyShortDescription(self, p: Json) -> bool:
        """Store the short bot description of a language."""
        return self._describe(p, "short_description", 120)

    def _h_setMyName(self, p: Json) -> bool:
        """Store the bot name of a language."""
        return self._describe(p, "name", 64)

    def _h_sendVenue(self, p: Json) -> Json:
        """Send a venue (location with title and address)."""
        if not p.get("title") or not p.get("address"):
            raise _bad("venue title and address must be non-empty")
        location = {"latitude": p.get("latitude"), "longitude": p.get("longitude")}
        venue = {"location": location, "title": p["title"], "address": p["address"]}
        return self._send(
            p, "sendVenue", "venue", text_field=None, extra={"venue": venue, "location": location}
        )

    def _h_sendLocation(self, p: Json) -> Json:
        """Send a map location."""
        location = {"latitude": p.get("latitude"), "longitude": p.get("longitude")}
        return self._send(
            p, "sendLocation", "location", text_field=None, extra={"location": location}
        )

    def _send_media(self, kind: str, p: Json) -> Json:
        """sendVoice, sendAudio, sendPhoto, sendDocument, sendSticker and sendVideo."""
        given = p.get(kind)
        if not given:
            raise _bad(f"there is no {kind} in the request")
        number = next(self._ids)
        file: Json = {"file_id": given, "file_unique_id": f"uniq{number}"}
        if isinstance(given, Upload):
            file |= {"file_id": f"fake-{kind}-{number}", "file_size": given.size}
            self.files[file["file_id"]] = given.data
            if kind == "document":
                file["file_name"] = given.filename
        file |= _MEDIA_FIELDS.get(kind, {})
        if kind in ("voice", "audio", "video"):
            file["duration"] = p.get("duration") or 1
        caption = self._text(p, "caption", 1024)
        payload: Any = [file] if kind == "photo" else file
        return self._send(
            p,
            f"send{kind}",
            kind,
            text=caption.text,
            entities=caption.entities,
            html=caption.html,
            text_field="caption",
            extra={kind: payload},
        )

    def _h_sendChatAction(self, p: Json) -> bool:
        """Accept a chat action such as typing."""
        self._target(p)
        return True

    def _copy(self, p: Json, method: str, kind: str) -> Msg:
        """Store a copy or forward of a stored message in the target chat."""
        source_chat = self._chat(p, "from_chat_id")
        what = "copy" if kind == "copy" else "forward"
        source = self._find(source_chat.id, p.get("message_id"), f"message to {what} not found")
        extra = {k: v for k, v in source.extra.items() if k != "reply_to_message"}
        if kind == "forward":
            extra["forward_origin"] = {"type": "user", "date": source.date} | {
                "sender_user": self.bot_user if source.from_bot else source.sender
            }
        text = self._text(p, "caption", 1024) if p.get("caption") is not None else None
        message = self._send(
            p,
            method,
            kind,
            text=text.text if text else source.text,
            entities=text.entities if text else source.entities,
            text_field=source.text_field,
            extra=extra,
            source=(source_chat.id, source.message_id),
        )
        return self._find(message["chat"]["id"], message["message_id"])

    def _h_copyMessage(self, p: Json) -> Json:
        """Copy a stored message into another chat; answer its MessageId."""
        return {"message_id": self._copy(p, "copyMessage", "copy").message_id}

    def _h_forwardMessage(self, p: Json) -> Json:
        """Forward a stored message into another chat."""
        return self._message_json(self._copy(p, "forwardMessage", "forward"))

    def _h_deleteMessage(self, p: Json) -> bool:
        """Delete one stored message."""
        chat = self._chat(p)
        self._find(chat.id, p.get("message_id"), "message to delete not found")
        del self._messages[chat.id][p["message_id"]]
        return True

    def _h_deleteMessages(self, p: Json) -> bool:
        """Delete the stored messages among message_ids (1 to 100); skip unknown ones.

        As Telegram does, messages older than 48 hours are not deleted, and when none of the
        ids can be deleted the call fails.
        """
        chat = self._chat(p)
        ids = p.get("message_ids") or []
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise _bad("message_ids must be a list of 1 to 100 ids")
        stored = self._messages.get(chat.id, {})
        deletable = [i for i in ids if i in stored and _now() - stored[i].date < DELETE_WINDOW]
        if any(i in stored for i in ids) and not deletable:
            raise _bad("message can't be deleted")
        for message_id in deletable:
            del stored[message_id]
        return True

    def _h_setMessageReaction(self, p: Json) -> bool:
        """Set the bot's reaction on a stored message."""
        chat = self._chat(p)
        msg = self._find(chat.id, p.get("message_id"))
        reaction = p.get("reaction") or []
        if not isinstance(reaction, list) or len(reaction) > 1:
            raise _bad("REACTIONS_TOO_MANY")
        self.reactions[(chat.id, msg.message_id)] = reaction
        return True

    def _forum(self, p: Json) -> FakeChat:
        """The forum chat a topic call addresses."""
        chat = self._target(p)
        if not isinstance(chat, FakeChat) or not chat.is_forum:
            raise _bad("the chat is not a forum")
        return chat

    def _topic(self, p: Json) -> FakeTopic:
        """The forum topic a topic call addresses."""
        topic = self.topics.get(self._forum(p).id, {}).get(int(p.get("message_thread_id") or 0))
        if topic is None:
            raise _bad("message thread not found")
        return topic

    def _h_createForumTopic(self, p: Json) -> Json:
        """Create a topic in a forum supergroup."""
        chat = self._forum(p)
        name = str(p.get("name") or "")
        if not 1 <= len(name) <= 128:
            raise _bad("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_INVALID")
        topic = FakeTopic(self._new_message_id(chat.id), name, p.get("icon_color") or 7322096)
        topic.icon_custom_emoji_id = p.get("icon_custom_emoji_id")
        self.topics.setdefault(chat.id, {})[topic.message_thread_id] = topic
        return topic.to_json()

    def _h_editForumTopic(self, p: Json) -> bool:
        """Rename a topic or change its icon."""
        topic = self._topic(p)
        name = p.get("name") or topic.name
        emoji = p.get("icon_custom_emoji_id", topic.icon_custom_emoji_id)
        if (name, emoji) == (topic.name, topic.icon_custom_emoji_id):
            raise _bad("TOPIC_NOT_MODIFIED")
        topic.name, topic.icon_custom_emoji_id = name, emoji
        return True

    def _set_closed(self, p: Json, closed: bool) -> bool:
        """Close or reopen a topic."""
        topic = self._topic(p)
        if topic.closed == closed:
            raise _bad("TOPIC_NOT_MODIFIED")
        topic.closed = closed
        return True

    def _h_closeForumTopic(self, p: Json) -> bool:
        """Close a topic."""
        return self._set_closed(p, True)

    def _h_reopenForumTopic(self, p: Json) -> bool:
        """Reopen a closed topic."""
        return self._set_closed(p, False)

    def _h_deleteForumTopic(self, p: Json) -> bool:
        """Delete a topic with its messages."""
        topic = self._topic(p)
        chat_id, thread = self._chat(p).id, topic.message_thread_id
        del self.topics[chat_id][thread]
        messages = self._messages.get(chat_id, {})
        self._messages[chat_id] = {
            mid: msg for mid, msg in messages.items() if msg.message_thread_id != thread
        }
        return True

    def _h_leaveChat(self, p: Json) -> bool:
        """Leave a group: later sends there are forbidden."""
        self.left_chats.add(self._chat(p).id)
        return True

    def _h_getChat(self, p: Json) -> Json:
        """The ChatFullInfo of a known chat."""
        gifts = dict.fromkeys(_GIFT_TYPES, False)
        info = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}
        return self._chat(p).chat_json() | info

    def _h_getChatMember(self, p: Json) -> Json:
        """A user's membership as set with set_member (the bot is an admin)."""
        chat, user_id = self._chat(p), p.get("user_id")
        if user_id == self.bot_id:
            return _member_json(self.bot_user, "administrator")
        user = self._chats.get(user_id) if isinstance(user_id, int) else None
        if not isinstance(user, FakeUser):
            raise _bad("user not found")
        default = "member" if chat.id == user.id else "left"
        return _member_json(user.to_json(), self.members.get((chat.id, user.id), default))

    def _h_getFile(self, p: Json) -> Json:
        """A file's metadata and path, for files users sent and the bot uploaded."""
        file_id = str(p.get("file_id") or "")
        if file_id not in self.files:
            raise _bad("invalid file_id")
        size = len(self.files[file_id])
        path = f"documents/{file_id}"
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size} | {
            "file_path": path
        }

    def _h_setChatMenuButton(self, p: Json) -> bool:
        """Store the menu button of a chat (or the default one)."""
        self.menu_buttons[p.get("chat_id")] = p.get("menu_button") or {"type": "default"}
        return True

    def _h_getChatMenuButton(self, p: Json) -> Json:
        """The menu button of a chat."""
        return self.menu_buttons.get(p.get("chat_id"), {"type": "commands"})


def _id_of(thing: AnyChat | int) -> int:
    """The id of a user, chat or plain id."""
    return thing if isinstance(thing, int) else thing.id


def _command_entities(text: str) -> list[Json]:
    """A bot_command entity for text that starts with a /command."""
    if not text.startswith("/"):
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]


class ThreadedFakeBotAPI:
    """A FakeBotAPI running on another thread; coroutine methods become blocking calls."""

    def __init__(self, api: FakeBotAPI, loop: asyncio.AbstractEventLoop) -> None:
        self.api, self.loop = api, loop

    def run(self, coro: Awaitable[Any], timeout: float = 30.0) -> Any:
        """Run a coroutine on the server's loop and return its result."""

        async def wrapper() -> Any:
            return await coro

        return asyncio.run_coroutine_threadsafe(wrapper(), self.loop).result(timeout)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.api, name)
        if not inspect.iscoroutinefunction(attr):
            return attr
        return lambda *args, **kwargs: self.run(attr(*args, **kwargs))
