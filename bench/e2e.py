"""Measure a runner end to end: `python -m bot run --runner X` against the fake Bot API.

Run: .venv/bin/python -m bench.e2e --runner aiogram [--users 500]
The bot runs as its own process (as in production); the fake server runs on a thread of
this process, without rate limits. Latency is from pushing an update into the fake server
until the bot's answer (sendMessage or editMessageText) reaches it, one update at a time;
so it includes the long poll's round trip. Throughput pushes every user's next step at
once and times until all the answers have arrived.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.core import percentile
from tests.support.fakebotapi import FakeBotAPI, ThreadedFakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = frozenset({"sendMessage", "editMessageText"})
STEPS = ("lang:sv", "sheet", "s:appeal", "list:emergency", "o:bris:emergency", "menu")


def bot_env(api: ThreadedFakeBotAPI, tmp: str) -> dict[str, str]:
    """Environment for a bot process talking to the fake server."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": tmp,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.root_url,
        "BOT_DATA_DIR": f"{tmp}/data",
        "BOT_CONTENT_DIR": str(ROOT / "content"),
        "BOT_LOCALES_DIR": str(ROOT / "locales"),
        "BOT_LOG_LEVEL": "WARNING",
    }


def bot_command(runner: str) -> list[str]:
    """The command that starts the bot with `runner` ("ptb-unlimited": without pacing)."""
    if runner == "ptb-unlimited":
        return [sys.executable, "-m", "bench.unlimited"]
    return [sys.executable, "-m", "bot", "run", "--runner", runner]


@contextlib.contextmanager
def running_bot(runner: str) -> Iterator[tuple[ThreadedFakeBotAPI, subprocess.Popen[bytes]]]:
    """A fake server and a bot process that has answered its first /start."""
    with FakeBotAPI.run_in_thread() as api, tempfile.TemporaryDirectory() as tmp:
        api.push_text(api.user(id=9_999_999, language_code="sv"), "/start")
        proc = subprocess.Popen(bot_command(runner), cwd=ROOT, env=bot_env(api, tmp))
        try:
            wait_answers(api, proc, 0, 1)
            yield api, proc
        finally:
            proc.terminate()
            proc.wait(15)


def answers_since(api: ThreadedFakeBotAPI, index: int) -> list[Any]:
    """The bot's answers recorded from request number `index` on."""
    return [r for r in api.requests[index:] if r.method in ANSWERS]


def wait_answers(
    api: ThreadedFakeBotAPI, proc: subprocess.Popen[bytes], index: int, n: int, timeout: float = 120
) -> list[Any]:
    """Wait until `n` answers arrived after request `index`; return them."""
    deadline = time.monotonic() + timeout
    while True:
        found = answers_since(api, index)
        if len(found) >= n:
            return found
        if proc.poll() is not None:
            raise SystemExit(f"bot exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(found)} of {n} answers within {timeout} s")
        time.sleep(0.0005 if n == 1 else 0.01)


def latency(api: ThreadedFakeBotAPI, proc: subprocess.Popen[bytes], users: int) -> list[float]:
    """Seconds from push to answer, one update at a time: /start, then a button."""
    samples: list[float] = []
    for n in range(users):
        user = api.user(id=20_000_000 + n, language_code="sv")
        index = len(api.requests)
        pushed = time.monotonic()
        api.push_text(user, "/start")
        samples.append(wait_answers(api, proc, index, 1)[0].time - pushed)
        message = api.chat_messages(user.id)[-1].message_id
        index = len(api.requests)
        pushed = time.monotonic()
        api.press(user, message, "lang:sv", strict=False)
        samples.append(wait_answers(api, proc, index, 1)[0].time - pushed)
    return samples


def throughput(api: ThreadedFakeBotAPI, proc: subprocess.Popen[bytes], users: int) -> float:
    """Updates per second when every user's next step arrives at once."""
    people = [api.user(id=30_000_000 + n, language_code="sv") for n in range(users)]
    busy: float = 0.0

    async def push_starts() -> None:
        for user in people:
            await api.api.push_text(user, "/start")

    async def push_presses(messages: list[int], data: str) -> None:
        for user, message in zip(people, messages, strict=True):
            await api.api.press(user, message, data, strict=False)

    index, started = len(api.requests), time.monotonic()
    api.run(push_starts())
    last = max(r.time for r in wait_answers(api, proc, index, users))
    busy += last - started
    messages = [api.chat_messages(user.id)[-1].message_id for user in people]
    for data in STEPS:
        index, started = len(api.requests), time.monotonic()
        api.run(push_presses(messages, data))
        last = max(r.time for r in wait_answers(api, proc, index, users))
        busy += last - started
    return float(users * (1 + len(STEPS)) / busy)


def measure(runner: str, latency_users: int = 100, users: int = 500) -> dict[str, float]:
    """Start the runner once; return updates/s and latency figures in ms."""
    with running_bot(runner) as (api, proc):
        samples = latency(api, proc, latency_users)
        per_second = throughput(api, proc, users)
    return {
        "updates": users * (1 + len(STEPS)),
        "per_second": per_second,
        "p50_ms": statistics.median(samples) * 1000,
        "p99_ms": percentile(samples, 99) * 1000,
    }


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runner", choices=("ptb", "ptb-unlimited", "aiogram"), default="ptb")
    parser.add_argument("--users", type=int, default=500)
    args = parser.parse_args()
    r = measure(args.runner, users=args.users)
    print(
        f"{args.runner} end to end: {r['per_second']:.0f} updates/s, "
        f"latency p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
