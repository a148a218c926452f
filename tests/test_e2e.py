"""End to end: the real runners (python-telegram-bot, aiogram) against the fake Bot API server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.conftest import settings_for
from tests.support.fakebotapi import FakeBotAPI, FakeUser
from tests.support.running import MODES, bot_running

SECRET_TEXT = "my name is Karim, I live at Storgatan 5"


@dataclass
class Running:
    """A running bot and its fake Telegram."""

    api: FakeBotAPI
    settings: Settings


@pytest.fixture(params=MODES)
async def running(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Running]:
    """Start the real bot (each runner, by polling and by webhook) on a fresh data dir
    against a fresh fake server."""
    async with FakeBotAPI() as api:
        settings = settings_for(api, tmp_path)
        async with bot_running(api, settings, request.param):
            yield Running(api, settings)


def buttons(markup: dict[str, object] | None) -> list[tuple[str, str]]:
    """Flatten an inline keyboard to (label, callback data or url)."""
    rows = (markup or {}).get("inline_keyboard", [])
    assert isinstance(rows, list)
    return [(b["text"], b.get("callback_data") or b.get("url")) for row in rows for b in row]


async def test_dari_session_end_to_end(running: Running) -> None:
    """Start, pick Dari, open a section and a contact, go back: texts, keyboards and edits."""
    api = running.api
    user: FakeUser = api.user(
        id=777000123, first_name="Karim", username="karim_k", language_code="fa"
    )
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    choice = api.chat_messages(user.id)[0]
    assert buttons(choice.reply_markup)[0] == ("دری", "lang:fa-AF")

    await api.press(user, choice.message_id, "lang:fa-AF")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 1)
    menu = api.chat_messages(user.id)[0]
    assert "گام بعدی" in menu.text or "Nästa steg" in menu.text
    assert buttons(menu.reply_markup)[0][1] == "sheet"

    await api.press(user, menu.message_id, "sheet")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 2)
    await api.press(user, menu.message_id, "s:appeal")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 3)
    section = api.chat_messages(user.id)[0]
    assert "Migrationsverket" in section.text
    assert any("\u0600" <= ch <= "\u06ff" for ch in section.text), "expected Persian script"
    assert [d for _, d in buttons(section.reply_markup)[-2:]] == ["sheet", "menu"]

    for step, route in enumerate(["menu", "list:emergency", "o:bris:emergency"], start=4):
        await api.press(user, menu.message_id, route)
        await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == step)  # noqa: B023
    contact = api.chat_messages(user.id)[0]
    assert "116 111" in contact.text and "BRIS" in contact.text
    await api.press(user, menu.message_id, "list:emergency")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 7)
    assert "112" in api.chat_messages(user.id)[0].text

    await api.push_text(user, SECRET_TEXT)
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    assert len(api.calls("answerCallbackQuery")) == 7
    assert len(api.calls("sendMessage")) == 2, "navigation must edit, not send"


async def test_refused_edit_falls_back_to_a_new_message(running: Running) -> None:
    """When Telegram refuses an edit (old or deleted message), the screen is sent anew."""
    api = running.api
    user = api.user(id=777000124, language_code="sv")
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    api.refuse_edits = True
    await api.press(user, api.chat_messages(user.id)[0].message_id, "lang:sv")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    assert "Nästa steg" in api.chat_messages(user.id)[1].text


async def test_commands_registered_per_language(running: Running) -> None:
    """setMyCommands is called for sv, en, ar, fa and the default, translated."""
    api = running.api
    await api.wait_for(lambda: len(api.calls("setMyCommands")) >= 5)
    languages = {c.get("language_code") for c in api.calls("setMyCommands")}
    assert {"sv", "en", "ar", "fa"} <= languages
    fa = next(c for c in api.calls("setMyCommands") if c.get("language_code") == "fa")
    names = [c["command"] for c in fa["commands"]]
    assert names[:5] == ["start", "menu", "language", "help", "privacy"]
    assert any("\u0600" <= ch <= "\u06ff" for c in fa["commands"] for ch in c["description"])


async def test_stickers_groups_and_garbage(running: Running) -> None:
    """A sticker gets a calm answer; a stranger's group is left; nothing crashes."""
    api = running.api
    user = api.user(id=777000125, language_code="ar")
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    await api.press(user, api.chat_messages(user.id)[0].message_id, "lang:ar")
    await api.push_message(
        user,
        sticker={
            "file_id": "s",
            "file_unique_id": "u",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        },
    )
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    await api.push_text(user, "\u202e" + "x" * 10000)
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 3)
    group = api.group(title="Strangers")
    await api.push_my_chat_member(group, user, new_status="member")
    await api.wait_for(lambda: len(api.calls("leaveChat")) == 1)
    assert api.chat_messages(group.id) == []


async def test_nothing_identifying_on_disk_or_in_logs(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """After a session, no file in the data dir and no log line holds the id, name or text."""
    caplog.set_level(logging.DEBUG)
    api = running.api
    user = api.user(id=987654321, first_name="Karim", username="karim_secret", language_code="fa")
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    first = api.chat_messages(user.id)[0].message_id
    for step, route in enumerate(["lang:fa-AF", "sheet", "s:appeal"], start=1):
        await api.press(user, first, route)
        await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == step)  # noqa: B023
    await api.push_text(user, SECRET_TEXT)
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    await api.settled()
    secrets = [str(user.id), "Karim", "karim_secret", SECRET_TEXT, "Storgatan", api.token]
    raw_ids = [user.id.to_bytes(n, order) for n in (4, 8) for order in ("big", "little")]
    files = [p for p in running.settings.data_dir.rglob("*") if p.is_file()]
    assert files, "the store should exist"
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (path, secret)
        for raw in raw_ids:
            assert raw not in data, (path, raw)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    for secret in secrets:
        assert secret not in logs, secret


async def test_typed_date_in_persian_digits_gets_the_deadline(running: Running) -> None:
    """A date typed in Persian digits, through the real runner, is read back, then answered."""
    api = running.api
    user = api.user(id=777000126, language_code="fa")
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    await api.press(user, api.chat_messages(user.id)[0].message_id, "lang:fa-AF")
    await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 1)
    # Delivered two days ago (by the real clock the runner uses): the deadline is ahead.
    day = date.today() - timedelta(days=2)
    typed = f"{day.day}/{day.month}/{day.year}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    await api.push_text(user, typed)
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 2)
    read_back = api.chat_messages(user.id)[1]
    assert f"dl:d:{day.isoformat()}" in [d for _, d in buttons(read_back.reply_markup)]
    await api.press(user, read_back.message_id, f"dl:d:{day.isoformat()}")
    question = f"dl:3:{day.isoformat()}"
    await api.wait_for(
        lambda: question in [d for _, d in buttons(api.chat_messages(user.id)[1].reply_markup)]
    )
    await api.press(user, read_back.message_id, question)
    await api.wait_for(lambda: "Migrationsverket" in api.chat_messages(user.id)[1].text)
    answer = api.chat_messages(user.id)[1]
    assert "list:legal" in [d for _, d in buttons(answer.reply_markup)]


TYPED = {
    "sv": ("jag vill dö", "hjälp"),
    "en": ("i want to kill myself", "help"),
    "ar": ("أريد أن أموت", "mosaede"),
    "fa-AF": ("می خواهم بمیرم", "komak"),
}


async def test_typed_help_and_crisis_words_get_the_emergency_answer(running: Running) -> None:
    """In each language, typed crisis and help words get 112, 90101 and BRIS at once."""
    api = running.api
    for n, (language, words) in enumerate(TYPED.items()):
        user = api.user(id=777000200 + n, language_code="en")
        await api.push_text(user, "/start")
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)  # noqa: B023
        await api.press(user, api.chat_messages(user.id)[0].message_id, f"lang:{language}")
        await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == 1)  # noqa: B023
        for sent, text in enumerate(words, start=2):
            await api.push_text(user, text)
            await api.wait_for(lambda: len(api.chat_messages(user.id)) == sent)  # noqa: B023
            answer = api.chat_messages(user.id)[-1]
            shown = answer.text.replace("\xa0", " ")  # numbers are kept whole by no-break spaces
            assert all(n in shown for n in ("112", "90101", "116 111")), (language, text)
            assert "talk" in [d for _, d in buttons(answer.reply_markup)]


async def test_deep_links_open_the_language_and_section(running: Running) -> None:
    """/start fa opens the Dari menu without the choice; /start ar_appeal the section."""
    api = running.api
    user = api.user(id=777000210, language_code="sv")
    await api.push_text(user, "/start fa")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    menu = api.chat_messages(user.id)[0]
    assert not any(d.startswith("lang:") for _, d in buttons(menu.reply_markup))
    assert any("\u0600" <= ch <= "\u06ff" for ch in menu.text)
    other = api.user(id=777000211, language_code="sv")
    await api.push_text(other, "/start ar_appeal")
    await api.wait_for(lambda: len(api.chat_messages(other.id)) == 1)
    section = api.chat_messages(other.id)[0]
    assert "Migrationsverket" in section.text and "الاستئناف" in section.text
    stranger = api.user(id=777000212, language_code="sv")
    await api.push_text(stranger, "/start no-such-thing")
    await api.wait_for(lambda: len(api.chat_messages(stranger.id)) == 1)
    choice = api.chat_messages(stranger.id)[0]
    assert buttons(choice.reply_markup)[0] == ("Svenska", "lang:sv")


async def test_typed_words_leave_no_trace(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """After a session of typing (crisis, help, questions), neither the data dir nor the
    logs hold what was typed, the id or the name."""
    caplog.set_level(logging.DEBUG)
    api = running.api
    user = api.user(id=987650001, first_name="Zahra", username="zahra_secret", language_code="fa")
    typed = [
        "Zahra here, I want to die",
        "کمک لطفاً، من زهرا هستم",
        "how do I appeal my case 4471-Q",
        "Storgatan 5 qwertyuiop",
    ]
    await api.push_text(user, "/start fa")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
    for sent, text in enumerate(typed, start=2):
        await api.push_text(user, text)
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == sent)  # noqa: B023
    await api.settled()
    secrets = [str(user.id), "Zahra", "zahra_secret", "زهرا", "4471-Q", "Storgatan", "qwerty"]
    secrets += typed
    files = [p for p in running.settings.data_dir.rglob("*") if p.is_file()]
    assert files, "the store should exist"
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (path, secret)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    for secret in secrets:
        assert secret not in logs, secret
