"""Start-up faults end cleanly: one short line naming the problem, a non-zero exit, well
within a minute, and never a traceback or a secret in the output."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapters.port import ApiUnavailable, BotPort, TokenRejected
from bot.adapters.ptb_runner import PtbPort
from tests.conftest import CONTENT, LOCALES, ROOT, settings_for
from tests.support.fakebotapi import FakeBotAPI, ThreadedFakeBotAPI
from tests.support.running import WEBHOOK_SECRET, free_port

KEY_HEX = "cd" * 32
WELL_FORMED = "987654321:ZZwrongTokenButWellFormed_abcdefghij"


@pytest.fixture
def api() -> Iterator[ThreadedFakeBotAPI]:
    """A fake Bot API on its own thread, for the bot started as a process."""
    with FakeBotAPI.run_in_thread() as fake:
        yield fake


def start(tmp_path: Path, runner: str, *args: str, **env: str) -> tuple[int, str, float]:
    """Run `python -m bot run` until it exits; return its code, its output and the time."""
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "BOT_DATA_DIR": str(tmp_path / "data"),
        "BOT_CONTENT_DIR": str(CONTENT),
        "BOT_LOCALES_DIR": str(LOCALES),
        "BOT_PSEUDONYM_KEY": KEY_HEX,
    }
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--runner", runner, *args],
        env={**base, **env},
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout + result.stderr, time.monotonic() - began


def clean(output: str, *secrets: str) -> None:
    """No traceback and no secret; the last line is the project's own one-line message."""
    assert "Traceback" not in output, output
    for secret in secrets:
        assert secret not in output, output
    assert output.strip().splitlines()[-1].startswith("nasta-steg: "), output


def test_a_refused_token(api: ThreadedFakeBotAPI, tmp_path: Path) -> None:
    """A token Telegram refuses: exit 2, the token nowhere in the output (the exit path is
    the same for both runners; each runner's recognition of the fault is tested below)."""
    code, output, took = start(
        tmp_path, "ptb", TELEGRAM_BOT_TOKEN=WELL_FORMED, TELEGRAM_API_URL=api.root_url
    )
    assert code == 2, output
    clean(output, WELL_FORMED, WELL_FORMED.split(":")[1])
    assert "refused TELEGRAM_BOT_TOKEN" in output and took < 30


def test_a_wrong_api_url(api: ThreadedFakeBotAPI, tmp_path: Path) -> None:
    """A TELEGRAM_API_URL that is no Bot API (404): exit 2 with the same one line."""
    code, output, _ = start(
        tmp_path,
        "ptb",
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.root_url + "/not-here",
    )
    assert code == 2, output
    clean(output, api.token)


def test_an_unreachable_api_is_tried_for_a_while(tmp_path: Path) -> None:
    """Nobody listens: a log line per try for BOT_CONNECT_PATIENCE seconds, then exit 1."""
    code, output, took = start(
        tmp_path,
        "ptb",
        TELEGRAM_BOT_TOKEN=WELL_FORMED,
        TELEGRAM_API_URL=f"http://127.0.0.1:{free_port()}",
        BOT_CONNECT_PATIENCE="1",
    )
    assert code == 1, output
    clean(output, WELL_FORMED)
    assert output.count("Telegram is not reachable") >= 1 and took < 30


def test_a_webhook_port_already_taken(api: ThreadedFakeBotAPI, tmp_path: Path) -> None:
    """The webhook port is in use: one line naming BOT_WEBHOOK_PORT, exit 1."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, output, _ = start(
            tmp_path,
            "ptb",
            "--webhook",
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.root_url,
            BOT_WEBHOOK_URL="https://bot.example.org/telegram",
            BOT_WEBHOOK_SECRET=WEBHOOK_SECRET,
            BOT_WEBHOOK_PORT=str(port),
        )
    assert code == 1, output
    clean(output, api.token, WEBHOOK_SECRET)
    assert "already in use" in output and "BOT_WEBHOOK_PORT" in output


def test_a_store_from_a_newer_version(api: ThreadedFakeBotAPI, tmp_path: Path) -> None:
    """A store written by a newer schema: one line saying so, exit 1, the store untouched."""
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "nasta-steg.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    code, output, _ = start(
        tmp_path, "ptb", TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_URL=api.root_url
    )
    assert code == 1, output
    clean(output, api.token)
    assert "newer version" in output
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (999,)


def test_a_data_dir_that_cannot_be_written(api: ThreadedFakeBotAPI, tmp_path: Path) -> None:
    """BOT_DATA_DIR cannot hold the store (here: a file stands where it should be)."""
    (tmp_path / "blocked").write_text("not a folder")
    code, output, _ = start(
        tmp_path,
        "ptb",
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.root_url,
        BOT_DATA_DIR=str(tmp_path / "blocked" / "data"),
    )
    assert code == 1, output
    clean(output, api.token)
    assert "data dir" in output


@pytest.mark.parametrize("runner", ["ptb", "aiogram"])
async def test_each_runner_names_the_fault(tmp_path: Path, runner: str) -> None:
    """In process (a subprocess above covers the exit): each runner's port says "refused"
    for a token Telegram refuses and a URL that is no Bot API, and "unavailable" for one
    where nobody listens."""
    async with FakeBotAPI() as fake:
        for token, url, fault in (
            (WELL_FORMED, fake.root_url, TokenRejected),
            (fake.token, fake.root_url + "/not-here", TokenRejected),
            (fake.token, f"http://127.0.0.1:{free_port()}", ApiUnavailable),
        ):
            settings = settings_for(fake, tmp_path, api_url=url, token=token)
            if runner == "ptb":
                port: BotPort = PtbPort(settings)
            else:  # imported here: aiogram takes seconds to import, and only this case needs it
                from bot.adapters.aiogram_runner import AiogramPort

                port = AiogramPort(settings)
            try:
                with pytest.raises(fault):
                    await port.connect()
            finally:
                await port.close()
