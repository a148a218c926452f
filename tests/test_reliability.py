"""Reliability: flood limits, safe retries, polling faults, SIGKILL/SIGTERM and restarts."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot
from telegram.error import NetworkError

from bot.adapters.pacing import ChatPacer, GroupWindow, Pacing, Spacer
from bot.adapters.polling import DEFAULT_BACKOFF, Backoff
from bot.adapters.ptb_requests import PacedRequest
from bot.settings import Settings
from tests.conftest import CONTENT, LOCALES, ROOT
from tests.conftest import settings_for as conftest_settings
from tests.support.fakebotapi import FakeBotAPI, ThreadedFakeBotAPI
from tests.support.running import bot_running as running_bot

KEY_HEX = "ab" * 32
FAST = Backoff((0.01,))


def settings_for(api: FakeBotAPI, data: Path) -> Settings:
    """Settings pointing the bot at a fake server and a data dir."""
    return Settings(
        token=api.token,
        api_url=api.root_url,
        data_dir=data,
        content_dir=CONTENT,
        locales_dir=LOCALES,
        pseudonym_key=bytes.fromhex(KEY_HEX),
    )


@asynccontextmanager
async def bot_running(
    api: FakeBotAPI, data: Path, *, paced: bool = False, **options: Any
) -> AsyncIterator[None]:
    """Run the real python-telegram-bot runner in this loop until the block ends; `paced`:
    with Telegram's flood limits, in real time."""
    pacing = Pacing() if paced else None
    async with running_bot(api, settings_for(api, data), "ptb", pacing=pacing, **options):
        yield


def is_language_choice(api: FakeBotAPI, chat: int) -> bool:
    """Whether the chat's only bot message is the language choice."""
    messages = api.chat_messages(chat)
    if len(messages) != 1:
        return False
    rows = (messages[0].reply_markup or {}).get("inline_keyboard", [])
    return any(str(b.get("callback_data", "")).startswith("lang:") for row in rows for b in row)


async def test_burst_of_100_users_within_flood_limits(tmp_path: Path) -> None:
    """100 users press /start at once: each gets the language choice once, no 429."""
    async with (
        FakeBotAPI(enforce_limits=True) as api,
        bot_running(api, tmp_path / "data", paced=True),
    ):
        users = [api.user(id=500_000 + n, language_code="sv") for n in range(100)]
        for user in users:
            await api.push_text(user, "/start")
        await api.wait_for(
            lambda: all(len(api.chat_messages(u.id)) >= 1 for u in users), timeout=20
        )
        await api.settled()
        assert all(is_language_choice(api, u.id) for u in users)
        assert len(api.calls("sendMessage")) == 100, "nothing lost, nothing twice"
        assert api.served_429 == 0


async def test_one_chat_is_paced_and_nothing_is_lost(tmp_path: Path) -> None:
    """Six quick messages from one user: six answers, paced to 1/s after a burst, no 429."""
    async with (
        FakeBotAPI(enforce_limits=True) as api,
        bot_running(api, tmp_path / "data", paced=True),
    ):
        user = api.user(id=600_001, language_code="en")
        for _ in range(6):
            await api.push_text(user, "/start")
        await api.wait_for(lambda: len(api.chat_messages(user.id)) == 6, timeout=15)
        assert api.served_429 == 0


def test_pacer_allows_a_burst_then_one_a_second() -> None:
    """The per-chat pacer lets 3 through at once, then spaces messages a second apart."""
    now = [100.0]
    pacer = ChatPacer(clock=lambda: now[0])
    waits = [pacer.reserve(1) for _ in range(5)]
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert 1.0 <= waits[3] < 1.1 and 2.0 <= waits[4] < 2.1
    assert pacer.reserve(2) == 0.0
    now[0] += 10
    assert pacer.reserve(1) == 0.0


def test_group_window_never_lets_21_into_a_minute() -> None:
    """Per group: 20 at once, the 21st a minute after the first; any 60 s holds at most 20."""
    now = [1000.0]
    window = GroupWindow(clock=lambda: now[0])
    times = []
    for n in range(70):
        times.append(now[0] + window.reserve(-100))
        now[0] += 0.5 if n % 7 else 4.0  # uneven arrivals
    assert times == sorted(times)
    for t in times:
        assert sum(t <= u < t + 60 for u in times) <= 20
    assert window.reserve(-200) == 0.0  # another group has its own window


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_send_retried_when_connection_refused() -> None:
    """A refused connection is retried: the request never left, so it is sent once later."""
    port = free_port()
    api = FakeBotAPI(port=port)
    user = api.user(id=700_001)
    bot = Bot(
        api.token,
        base_url=f"http://127.0.0.1:{port}/bot",
        request=PacedRequest(backoff=(0.3,)),
    )

    async def start_late() -> None:
        await asyncio.sleep(0.4)
        await api.start()

    starter = asyncio.create_task(start_late())
    try:
        async with bot:
            await bot.send_message(user.id, "hello")
        assert api.texts(user.id) == ["hello"]
    finally:
        await starter
        await api.stop()


async def test_5xx_repeats_only_calls_that_cannot_duplicate() -> None:
    """Two 502 answers: an edit is repeated until it works, a send is not (a gateway's 502 may
    come after Telegram sent the message, and a repeat would show it twice)."""
    async with FakeBotAPI() as api:
        user = api.user(id=700_002)
        bot = Bot(api.token, base_url=f"{api.root_url}/bot", request=PacedRequest(backoff=(0.05,)))
        async with bot:
            sent = await bot.send_message(user.id, "hello")
            api.inject_failures("editMessageText", 502, 2)
            await bot.edit_message_text("hello again", chat_id=user.id, message_id=sent.message_id)
            api.inject_failures("sendMessage", 502, 1)
            with pytest.raises(NetworkError):
                await bot.send_message(user.id, "once")
        assert api.texts(user.id) == ["hello again"]
        assert len(api.calls("editMessageText", include_failed=True)) == 3
        assert len(api.calls("sendMessage", include_failed=True)) == 2


async def test_dropped_send_is_not_repeated() -> None:
    """A connection dropped after the request was written is not retried (could send twice)."""
    async with FakeBotAPI() as api:
        user = api.user(id=700_003)
        bot = Bot(api.token, base_url=f"{api.root_url}/bot", request=PacedRequest(backoff=(0.05,)))
        async with bot:
            api.inject_failures("sendMessage", 0, 1)
            with pytest.raises(NetworkError):
                await bot.send_message(user.id, "hello")
        assert len(api.calls("sendMessage", include_failed=True)) == 1


@pytest.mark.parametrize(
    ("status", "count", "backoff"),
    [(500, 2, DEFAULT_BACKOFF), (502, 5, FAST), (0, 3, FAST)],
    ids=["500x2-real-backoff", "502x5", "dropped-x3"],
)
async def test_polling_survives_get_updates_faults(
    tmp_path: Path, status: int, count: int, backoff: Backoff
) -> None:
    """getUpdates failing (5xx or dropped) for a while: the bot keeps polling, answers once.
    One case waits the real backoff (1 s, 2 s); the others a fast one."""
    async with FakeBotAPI() as api:
        api.inject_failures("getUpdates", status, count)  # from the first poll on

        def failed() -> int:
            return sum(r.method == "getUpdates" and r.status != 200 for r in api.requests)

        async with bot_running(api, tmp_path / "data", backoff=backoff):
            await api.wait_for(lambda: failed() >= 1, timeout=5)
            user = api.user(id=800_000 + status, language_code="sv")
            await api.push_text(user, "/start")
            await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1, timeout=25)
            await api.settled()
            assert len(api.chat_messages(user.id)) == 1
            assert failed() == count


# --- the bot as a process -------------------------------------------------------------------


@pytest.fixture
def threaded_api() -> Iterator[ThreadedFakeBotAPI]:
    """A fake server on its own thread, for a bot running as a subprocess."""
    with FakeBotAPI.run_in_thread() as api:
        yield api


def start_bot(api: ThreadedFakeBotAPI, data: Path, **extra: str) -> subprocess.Popen[bytes]:
    """Start `python -m bot run` against the fake server (`extra`: more environment)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.root_url,
        "BOT_DATA_DIR": str(data),
        "BOT_CONTENT_DIR": str(CONTENT),
        "BOT_LOCALES_DIR": str(LOCALES),
        "BOT_PSEUDONYM_KEY": KEY_HEX,
        "PYTHONPATH": str(ROOT),
    }
    env |= extra
    with (data.parent / "bot.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=data.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def wait_until(predicate: object, timeout: float = 15.0) -> None:
    """Poll a condition from the test thread."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def polling(api: ThreadedFakeBotAPI) -> bool:
    """Whether the bot has started polling (it deletes any webhook just before)."""
    return bool(api.calls("deleteWebhook"))


def test_sigkill_and_restart_keeps_language_and_answers_once(
    threaded_api: ThreadedFakeBotAPI, tmp_path: Path
) -> None:
    """Killed mid-session and restarted: the language is remembered, nothing answered twice."""
    api, data = threaded_api, tmp_path / "data"
    user = api.user(id=900_001, language_code="en")
    proc = start_bot(api, data)
    try:
        wait_until(lambda: api.arrived.get("getUpdates", 0) >= 1)  # up: its first poll
        api.push_text(user, "/start")
        wait_until(lambda: len(api.chat_messages(user.id)) == 1)
        api.press(user, api.chat_messages(user.id)[0].message_id, "lang:ar")
        wait_until(lambda: api.chat_messages(user.id)[0].edited == 1)
        # An update is confirmed only once handled: after this, nothing can come back.
        wait_until(lambda: api.pending_updates == 0, timeout=5.0)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    answers = len(api.calls("sendMessage")) + len(api.calls("editMessageText"))
    api.push_text(user, "hello")
    proc = start_bot(api, data)
    try:
        wait_until(lambda: len(api.chat_messages(user.id)) == 2)
        wait_until(lambda: api.pending_updates == 0)  # handled and confirmed: all is said
        newest = api.chat_messages(user.id)[1]
        assert "lang:" not in str(newest.reply_markup), "language forgotten after restart"
        assert any("\u0600" <= ch <= "\u06ff" for ch in newest.text), "expected the Arabic menu"
        after = len(api.calls("sendMessage")) + len(api.calls("editMessageText"))
        assert after == answers + 1, "an update was answered twice after the restart"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0


def test_sigterm_finishes_in_flight_updates_and_exits_0(
    threaded_api: ThreadedFakeBotAPI, tmp_path: Path
) -> None:
    """SIGTERM while a reply is held up: the reply still goes out, then exit code 0."""
    api, data = threaded_api, tmp_path / "data"
    user = api.user(id=900_002, language_code="sv")
    proc = start_bot(api, data)
    wait_until(lambda: api.arrived.get("getUpdates", 0) >= 1)  # up: its first poll
    api.inject_failures("sendMessage", 200, 1, delay=1.5)
    api.push_text(user, "/start")
    wait_until(lambda: api.arrived.get("sendMessage", 0) >= 1)  # the reply is held up
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(20)
    assert code == 0, (tmp_path / "bot.log").read_text()
    assert len(api.chat_messages(user.id)) == 1
    assert api.pending_updates == 0, "the handled update was not confirmed"


def test_json_logs_at_debug_hold_no_personal_data(
    threaded_api: ThreadedFakeBotAPI, tmp_path: Path
) -> None:
    """A whole session with JSON logs at DEBUG: every line is JSON, no token, id, name or text."""
    api, data = threaded_api, tmp_path / "data"
    user = api.user(id=918_273_645, first_name="Karim", username="karim_secret", language_code="fa")
    secret_text = "my name is Karim, I live at Storgatan 5"
    proc = start_bot(api, data, BOT_LOG_FORMAT="json", BOT_LOG_LEVEL="DEBUG")
    try:
        wait_until(lambda: polling(api))
        api.push_text(user, "/start")
        wait_until(lambda: len(api.chat_messages(user.id)) == 1)
        first = api.chat_messages(user.id)[0].message_id
        for step, route in enumerate(["lang:fa-AF", "sheet", "s:appeal"], start=1):
            api.press(user, first, route)
            wait_until(lambda step=step: api.chat_messages(user.id)[0].edited == step)
        api.push_text(user, secret_text)
        api.push_text(user, "/forget")
        # Sends: the language choice, the answer to the text, /forget's answer, then (after
        # the chat's messages are deleted) the note saying so. Stopped only then, the bot
        # has nothing left in hand and exits at once.
        wait_until(lambda: len(api.calls("sendMessage")) == 4)
        assert api.calls("deleteMessages"), "the chat was not wiped"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
    lines = (tmp_path / "bot.log").read_text(encoding="utf-8").splitlines()
    assert lines, "expected some log lines"
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "logger", "message"} <= set(entry)
    text = "\n".join(lines)
    secrets = [api.token, str(user.id), "Karim", "karim_secret", "Storgatan", secret_text]
    for secret in secrets:
        assert secret not in text, secret


async def test_overall_pace_holds_when_the_loop_was_busy() -> None:
    """Calls whose turn passed while the event loop was blocked do not all start at once:
    never more than the limit start in any window, measured when they really start."""
    now = [0.0]
    spacer = Spacer(spacing=0.0, limit=3, window=0.05, clock=lambda: now[0])
    started: list[float] = []

    async def call() -> None:
        await spacer.wait()
        started.append(now[0])

    tasks = [asyncio.create_task(call()) for _ in range(3)]
    await asyncio.gather(*tasks)
    assert started == [0.0, 0.0, 0.0]
    late = asyncio.create_task(call())
    for _ in range(5):  # the fourth waits: three started in the last window
        await asyncio.sleep(0)
    assert not late.done()
    now[0] = 0.05  # (the spacer also sleeps the window in real time before it looks again)
    await asyncio.wait_for(late, 2)
    assert started[-1] == 0.05


@pytest.mark.parametrize("mode", ["ptb", "aiogram"])
async def test_an_update_in_hand_at_a_stop_is_not_confirmed(tmp_path: Path, mode: str) -> None:
    """Stopped while an answer is held up: the update stays with Telegram (at-most-once
    polling confirmed it at fetch and lost it), and the next start answers it."""
    async with FakeBotAPI() as api:
        settings = conftest_settings(api, tmp_path)
        user = api.user(id=900_010, language_code="sv")
        async with running_bot(api, settings, mode, grace=0.05):
            api.inject_failures("sendMessage", 200, 1, delay=2.0)
            await api.push_text(user, "/start")
            await api.wait_for(lambda: api.arrived.get("sendMessage", 0) >= 1)
        assert api.pending_updates == 1, "an update not yet handled was confirmed"
        async with running_bot(api, settings, mode):
            await api.wait_for(lambda: len(api.chat_messages(user.id)) >= 1)
            await api.settled()


@pytest.mark.parametrize("mode", ["ptb", "aiogram"])
async def test_both_runners_wait_out_a_429(tmp_path: Path, mode: str) -> None:
    """Two 429s on an answer: each runner waits as Telegram says and the answer arrives."""
    async with FakeBotAPI() as api:
        user = api.user(id=900_011, language_code="sv")
        async with running_bot(api, conftest_settings(api, tmp_path), mode):
            api.inject_failures("sendMessage", 429, 2)
            await api.push_text(user, "/start")
            await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1, timeout=15)
            await api.settled()
        assert len(api.calls("sendMessage", include_failed=True)) == 3


def test_a_chats_pace_counts_from_the_answer_of_a_slow_message() -> None:
    """Telegram counts a message when it arrives: after a slow one (answered 0.4 s after
    its slot), the next waits a whole second from that answer, not from the slot."""
    now = [0.0]
    pacer = ChatPacer(clock=lambda: now[0])
    assert [pacer.reserve(1) for _ in range(3)] == [0.0, 0.0, 0.0]  # the burst
    now[0] = 0.4
    pacer.sent(1)  # the third was slow
    now[0] = 1.0
    wait = pacer.reserve(1)
    assert 0.4 <= wait < 0.5, wait  # until 1.4 (+ slack), not 1.0
    pacer.sent(2)  # a chat without a bucket: nothing to do
    assert pacer.reserve(2) == 0.0
