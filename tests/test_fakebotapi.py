"""Tests for the fake Telegram Bot API server used by the end-to-end tests."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.support.fakebotapi import FakeBotAPI, parse_html, utf16_len

Reply = tuple[int, dict[str, Any]]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep HTTP clients from routing 127.0.0.1 through a proxy from the environment."""
    for name in (*PROXY_VARIABLES, "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """A running fake server."""
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp client session."""
    async with aiohttp.ClientSession() as session:
        yield session


async def call(http: aiohttp.ClientSession, api: FakeBotAPI, method: str, **params: Any) -> Reply:
    """POST a form-encoded call the way python-telegram-bot does (nested values as JSON)."""
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with http.post(f"{api.root_url}/bot{api.token}/{method}", data=form) as response:
        return response.status, await response.json()


def keyboard(*data: str) -> dict[str, Any]:
    """An inline keyboard with one callback button per row."""
    return {"inline_keyboard": [[{"text": f"Button {d}", "callback_data": d}] for d in data]}


async def test_get_me_token_and_unknown_method(
    api: FakeBotAPI, http: aiohttp.ClientSession
) -> None:
    """getMe answers the bot user; a wrong token is 401 and an unknown method 404."""
    status, body = await call(http, api, "getMe")
    assert status == 200 and body["result"]["username"] == "nasta_steg_test_bot"
    assert body["result"]["is_bot"] is True and body["result"]["id"] == 123456
    async with http.get(f"{api.root_url}/bot1:wrong/getMe") as response:
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    status, body = await call(http, api, "sendTelepathy")
    assert (status, body["description"]) == (404, "Not Found")


async def test_send_message_json_form_and_get(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """JSON, form and query-string calls are decoded to the same typed params."""
    user = api.user(first_name="Amina")
    url = f"{api.root_url}/bot{api.token}/sendMessage"
    markup = keyboard("a")
    async with http.post(url, json={"chat_id": user.id, "text": "1", "reply_markup": markup}) as r:
        assert (await r.json())["result"]["reply_markup"] == markup
    status, body = await call(http, api, "sendMessage", chat_id=user.id, text="2")
    assert status == 200 and body["result"]["chat"] == {
        "id": user.id,
        "type": "private",
        "first_name": "Amina",
    }
    async with http.get(url, params={"chat_id": str(user.id), "text": "3"}) as r:
        assert r.status == 200
    assert [p["chat_id"] for p in api.calls("sendMessage")] == [user.id] * 3
    assert api.calls("sendMessage")[0]["reply_markup"] == markup
    assert api.texts(user) == ["1", "2", "3"]
    assert body["result"]["from"]["is_bot"] is True


async def test_multipart_upload_records_size(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """A multipart upload (aiogram style, attach://) is recorded with its size."""
    user = api.user()
    form = aiohttp.FormData()
    form.add_field("chat_id", str(user.id))
    form.add_field("voice", "attach://file1")
    form.add_field("file1", b"x" * 1234, filename="voice.ogg")
    form.add_field("caption", "<b>hej</b>")
    form.add_field("parse_mode", "HTML")
    url = f"{api.root_url}/bot{api.token}/sendVoice"
    async with http.post(url, data=form) as response:
        result = (await response.json())["result"]
    assert result["voice"]["file_size"] == 1234 and result["caption"] == "hej"
    assert api.calls("sendVoice")[0]["voice"].size == 1234
    [msg] = api.chat_messages(user)
    assert (msg.kind, msg.text, msg.entities[0]["type"]) == ("voice", "hej", "bold")


def test_parse_html_entities_and_utf16_offsets() -> None:
    """HTML is reduced to plain text with entities measured in UTF-16 code units."""
    text, entities = parse_html(
        '😀 <b>fet <i>och</i></b> &lt;3 &amp; <a href="https://x.se/?a=1&amp;b=2">länk</a> '
        '<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span> <pre><code class="'
        'language-py">x</code></pre><blockquote expandable>q</blockquote>&#128512;'
    )
    assert text == "😀 fet och <3 & länk st xq😀"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 7},
        {"type": "italic", "offset": 7, "length": 3},
        {"type": "text_link", "offset": 16, "length": 4, "url": "https://x.se/?a=1&b=2"},
        {"type": "spoiler", "offset": 21, "length": 1},
        {"type": "spoiler", "offset": 22, "length": 1},
        {"type": "pre", "offset": 24, "length": 1, "language": "py"},
        {"type": "expandable_blockquote", "offset": 25, "length": 1},
    ]
    assert utf16_len("😀") == 2


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("ä & b", 'Character "&" must be escaped as "&amp;" at byte offset 3'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_html_errors(
    api: FakeBotAPI, http: aiohttp.ClientSession, html: str, detail: str
) -> None:
    """Invalid HTML is refused with Telegram's "can't parse entities" 400."""
    user = api.user()
    status, body = await call(
        http, api, "sendMessage", chat_id=user.id, text=html, parse_mode="HTML"
    )
    assert status == 400
    assert body["description"] == f"Bad Request: can't parse entities: {detail}"
    assert api.chat_messages(user) == []


async def test_html_message_is_stored(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """A valid HTML message keeps plain text, entities and the raw HTML."""
    user = api.user()
    html = "<b>Nästa</b> steg"
    await call(http, api, "sendMessage", chat_id=user.id, text=html, parse_mode="HTML")
    [msg] = api.chat_messages(user.id)
    assert (msg.text, msg.html, msg.entities) == (
        "Nästa steg",
        html,
        [{"type": "bold", "offset": 0, "length": 5}],
    )


async def test_text_length_and_empty(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """4096 UTF-16 units after parsing are fine, one more is too long; blank text is empty."""
    user = api.user()
    ok = "<b>" + "a" * 4094 + "</b>😀"
    status, _ = await call(http, api, "sendMessage", chat_id=user.id, text=ok, parse_mode="HTML")
    assert status == 200
    status, body = await call(http, api, "sendMessage", chat_id=user.id, text="a" * 4095 + "😀")
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    status, body = await call(http, api, "sendMessage", chat_id=user.id, text=" \n")
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")


async def test_callback_data_limit_and_button_text(
    api: FakeBotAPI, http: aiohttp.ClientSession
) -> None:
    """callback_data may be 64 UTF-8 bytes, not 65; button text must not be empty."""
    user = api.user()
    fits = "ö" * 32
    status, _ = await call(
        http, api, "sendMessage", chat_id=user.id, text="x", reply_markup=keyboard(fits)
    )
    assert status == 200
    status, body = await call(
        http, api, "sendMessage", chat_id=user.id, text="x", reply_markup=keyboard(fits + "a")
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")
    empty = {"inline_keyboard": [[{"text": "", "callback_data": "a"}]]}
    status, body = await call(
        http, api, "sendMessage", chat_id=user.id, text="x", reply_markup=empty
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_TEXT_INVALID")


async def test_edit_rules(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """Edits: unchanged content is refused, missing messages too, refuse_edits is honoured."""
    user = api.user()
    _, sent = await call(
        http, api, "sendMessage", chat_id=user.id, text="hej", reply_markup=keyboard("a")
    )
    mid = sent["result"]["message_id"]
    edit = {"chat_id": user.id, "message_id": mid, "text": "hej", "reply_markup": keyboard("a")}
    status, body = await call(http, api, "editMessageText", **edit)
    assert status == 400 and body["description"].startswith("Bad Request: message is not modified")
    status, body = await call(http, api, "editMessageText", **{**edit, "message_id": 99})
    assert body["description"] == "Bad Request: message to edit not found"
    status, body = await call(http, api, "editMessageText", **{**edit, "chat_id": 42})
    assert body["description"] == "Bad Request: chat not found"
    status, body = await call(
        http, api, "editMessageText", chat_id=user.id, message_id=mid, text="ny"
    )
    assert status == 200 and "reply_markup" not in body["result"]
    [msg] = api.chat_messages(user)
    assert (msg.text, msg.reply_markup, msg.edited) == ("ny", None, 1)
    api.refuse_edits = True
    status, body = await call(
        http, api, "editMessageText", chat_id=user.id, message_id=mid, text="x"
    )
    assert body["description"] == "Bad Request: message can't be edited"


async def test_blocked_user_is_forbidden(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """Sending to a user who blocked the bot is a 403."""
    user = api.user()
    api.block(user)
    status, body = await call(http, api, "sendMessage", chat_id=user.id, text="x")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")


async def test_rate_limits(http: aiohttp.ClientSession) -> None:
    """With enforce_limits: a burst of 3 per private chat, 20/min per group, 30/s overall."""
    async with FakeBotAPI(enforce_limits=True) as api:
        user = api.user()
        statuses = [(await call(http, api, "sendMessage", chat_id=user.id, text="x"))[0]]
        statuses += [(await call(http, api, "sendMessage", chat_id=user.id, text="x"))[0]]
        statuses += [(await call(http, api, "sendMessage", chat_id=user.id, text="x"))[0]]
        status, body = await call(http, api, "sendMessage", chat_id=user.id, text="x")
        assert statuses == [200, 200, 200] and status == 429
        assert body["parameters"] == {"retry_after": 1}
        assert body["description"] == "Too Many Requests: retry after 1"
        for _ in range(27):
            assert (await call(http, api, "sendMessage", chat_id=api.user().id, text="y"))[0] == 200
        status, body = await call(http, api, "sendMessage", chat_id=api.user().id, text="z")
        assert status == 429 and api.served_429 == 2
    async with FakeBotAPI(enforce_limits=True) as api:
        group = api.group()
        for _ in range(20):
            assert (await call(http, api, "sendMessage", chat_id=group.id, text="g"))[0] == 200
        status, body = await call(http, api, "sendMessage", chat_id=group.id, text="g")
        assert status == 429 and body["parameters"]["retry_after"] > 30


async def test_injected_failures(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """Injected 500s, dropped connections and delays hit only the next calls of a method."""
    user = api.user()
    api.inject_failures("sendMessage", 500, count=2)
    api.inject_failures("getMe", 0, count=1)
    api.inject_failures(None, 502, count=1, delay=0.05)
    for _ in range(2):
        status, body = await call(http, api, "sendMessage", chat_id=user.id, text="x")
        assert (status, body) == (
            500,
            {"ok": False, "error_code": 500, "description": "Internal Server Error"},
        )
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(http, api, "getMe")
    status, body = await call(http, api, "getChat", chat_id=user.id)
    assert (status, body["description"]) == (502, "Bad Gateway")
    assert (await call(http, api, "sendMessage", chat_id=user.id, text="x"))[0] == 200
    assert [r.status for r in api.requests] == [500, 500, 0, 502, 200]


async def test_long_poll_wakes_on_push(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """A waiting getUpdates returns as soon as an update is pushed; offset confirms updates."""
    user = api.user()
    poll = asyncio.create_task(call(http, api, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    assert not poll.done()
    started = asyncio.get_running_loop().time()
    mid = await api.push_text(user, "/start hej")
    _, body = await poll
    assert asyncio.get_running_loop().time() - started < 1
    [update] = body["result"]
    assert update["message"]["message_id"] == mid
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    _, again = await call(http, api, "getUpdates", offset=update["update_id"] + 1, timeout=0)
    assert again["result"] == [] and api.pending_updates == 0


async def test_callback_press_and_answer(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """press() sends a callback_query for a real button; answering it twice fails."""
    user = api.user()
    _, sent = await call(
        http, api, "sendMessage", chat_id=user.id, text="?", reply_markup=keyboard("yes")
    )
    query_id = await api.press(user, sent["result"]["message_id"], "yes")
    _, body = await call(http, api, "getUpdates")
    assert body["result"][0]["callback_query"]["data"] == "yes"
    assert (await call(http, api, "answerCallbackQuery", callback_query_id=query_id))[0] == 200
    status, _ = await call(http, api, "answerCallbackQuery", callback_query_id=query_id)
    assert status == 400 and query_id in api.answered_callbacks
    with pytest.raises(AssertionError):
        await api.press(user, sent["result"]["message_id"], "no")


async def test_commands_topics_copies(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """Commands are kept per scope and language; topics, copies and deletions work."""
    commands = [{"command": "start", "description": "Börja"}]
    scope = {"type": "all_private_chats"}
    await call(http, api, "setMyCommands", commands=commands, scope=scope, language_code="sv")
    assert api.commands == {("all_private_chats", "sv"): commands}
    status, body = await call(http, api, "setMyCommands", commands=[{"command": "Bad!"}])
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")
    staff, user = api.group(is_forum=True), api.user()
    _, topic = await call(http, api, "createForumTopic", chat_id=staff.id, name="Ärende 1")
    thread = topic["result"]["message_thread_id"]
    mid = await api.push_text(user, "hjälp")
    where = {"chat_id": staff.id, "message_thread_id": thread}
    _, copied = await call(http, api, "copyMessage", from_chat_id=user.id, message_id=mid, **where)
    [copy] = api.chat_messages(staff)
    assert (copy.kind, copy.text, copy.source) == ("copy", "hjälp", (user.id, mid))
    assert copy.message_thread_id == thread
    assert copied["result"] == {"message_id": copy.message_id}
    await call(http, api, "deleteForumTopic", chat_id=staff.id, message_thread_id=thread)
    assert api.chat_messages(staff) == []
    status, body = await call(
        http, api, "sendMessage", chat_id=staff.id, text="x", message_thread_id=thread
    )
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")


async def test_group_and_media_updates(api: FakeBotAPI, http: aiohttp.ClientSession) -> None:
    """Group texts, stickers and my_chat_member updates have Bot API shapes; members are set."""
    staff, helper, user = api.group(is_forum=True), api.user(username="helper"), api.user()
    api.set_member(staff, helper, "administrator")
    await api.push_my_chat_member(staff, helper, new_status="administrator")
    await api.push_group_text(staff, helper, "/svar@nasta_steg_test_bot hej", message_thread_id=7)
    sticker = {"file_id": "x", "file_unique_id": "y", "type": "regular", "width": 512}
    await api.push_message(user, sticker=sticker | {"height": 512, "is_animated": False})
    _, body = await call(http, api, "getUpdates")
    member, group_text, sticker_message = body["result"]
    assert member["my_chat_member"]["new_chat_member"]["status"] == "administrator"
    message = group_text["message"]
    assert (message["message_thread_id"], message["is_topic_message"]) == (7, True)
    assert message["from"]["username"] == "helper" and message["chat"]["is_forum"] is True
    assert message["entities"][0]["length"] == len("/svar@nasta_steg_test_bot")
    assert "text" not in sticker_message["message"]
    assert sticker_message["message"]["sticker"]["file_id"] == "x"
    _, status = await call(http, api, "getChatMember", chat_id=staff.id, user_id=helper.id)
    assert status["result"]["status"] == "administrator"
    _, status = await call(http, api, "getChatMember", chat_id=staff.id, user_id=user.id)
    assert status["result"]["status"] == "left"


async def test_python_telegram_bot_smoke(api: FakeBotAPI) -> None:
    """python-telegram-bot polls the fake, answers /start and handles a button press."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        button = InlineKeyboardButton("Nästa", callback_data="next")
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            "hi", reply_markup=InlineKeyboardMarkup([[button]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("pressed")

    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(f"{api.root_url}/bot")
        .base_file_url(f"{api.root_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    user = api.user(language_code="sv")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await api.push_text(user, "/start")
        reply = await api.wait_for_call("sendMessage", chat_id=user.id, text="hi")
        assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "next"
        [msg] = api.chat_messages(user)
        await api.press(user, msg.message_id, "next")
        await api.wait_for_call("editMessageText", chat_id=user.id, text="pressed")
        await api.wait_for_call("answerCallbackQuery")
        await app.updater.stop()
        await app.stop()
    assert api.texts(user) == ["pressed"]


async def test_python_telegram_bot_deserializes_results(api: FakeBotAPI) -> None:
    """python-telegram-bot parses the fake's chats, members, topics, media and copies."""
    from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, ChatMemberAdministrator

    staff, user = api.group(is_forum=True), api.user()
    api.set_member(staff, user, "administrator")
    mid = await api.push_text(user, "hjälp")
    bot = Bot(api.token, base_url=f"{api.root_url}/bot", base_file_url=f"{api.root_url}/file/bot")
    async with bot:
        assert (await bot.get_chat(staff.id)).is_forum
        member = await bot.get_chat_member(staff.id, user.id)
        assert isinstance(member, ChatMemberAdministrator)
        topic = await bot.create_forum_topic(staff.id, "Ärende")
        venue = await bot.send_venue(user.id, 59.33, 18.06, "Rådgivning", "Gatan 1")
        sticker = await bot.send_sticker(user.id, b"sticker-bytes")
        photo = await bot.send_photo(user.id, "photo-id", caption="<i>bild</i>", parse_mode="HTML")
        copy = await bot.copy_message(
            staff.id, user.id, mid, message_thread_id=topic.message_thread_id
        )
        scope = BotCommandScopeAllPrivateChats()
        await bot.set_my_commands([BotCommand("start", "Börja")], scope=scope, language_code="fa")
    assert venue.venue is not None and venue.venue.title == "Rådgivning"
    assert sticker.sticker is not None and sticker.sticker.file_size == len(b"sticker-bytes")
    assert photo.caption == "bild" and photo.photo[0].file_id == "photo-id"
    assert api.chat_messages(staff)[0].message_id == copy.message_id
    assert api.commands[("all_private_chats", "fa")] == [
        {"command": "start", "description": "Börja"}
    ]


async def test_aiogram_smoke(api: FakeBotAPI) -> None:
    """aiogram 3 polls the fake over multipart and answers a text message."""
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import BufferedInputFile, Message

    session = AiohttpSession(api=TelegramAPIServer.from_base(api.root_url))
    bot = Bot(api.token, session=session)
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(f"du skrev: {message.text}")

    user = api.user()
    voice = await bot.send_voice(user.id, BufferedInputFile(b"ogg-bytes", "voice.ogg"))
    assert voice.voice is not None and voice.voice.file_size == len(b"ogg-bytes")
    staff = api.group(is_forum=True)
    topic = await bot.create_forum_topic(staff.id, "Ärende")
    assert (await bot.get_chat_member(staff.id, api.bot_id)).status == "administrator"
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        await api.push_text(user, "hej")
        await api.wait_for_call("sendMessage", chat_id=user.id, text="du skrev: hej")
        await bot.send_message(staff.id, "<b>ny</b>", message_thread_id=topic.message_thread_id)
    finally:
        await dispatcher.stop_polling()
        await polling
        await session.close()
    assert api.texts(user) == ["", "du skrev: hej"]
    assert api.texts(staff) == ["<b>ny</b>"]


def test_run_in_thread_serves_blocking_clients() -> None:
    """The threaded server accepts pushes from the test thread and serves plain HTTP."""
    with FakeBotAPI.run_in_thread() as api:
        user = api.user()
        api.push_text(user, "hej")
        url = f"{api.root_url}/bot{api.token}/getUpdates"
        with urllib.request.urlopen(url, timeout=5) as response:  # only 127.0.0.1
            updates = json.load(response)["result"]
        assert updates[0]["message"]["text"] == "hej"
