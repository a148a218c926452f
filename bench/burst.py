"""Burst benchmark: N users press /start at the same moment, against flood limits.

Run: .venv/bin/python -m bench.burst [--users 1000]
The real python-telegram-bot runner talks to the fake Bot API with Telegram's limits
enforced (30 messages/s overall, 1/s per private chat after a burst of 3). Prints the
drain time (first push to last reply), the wait per user (push to that user's first
reply) as p50/p95/p99/max, and how many 429 answers the fake server had to give.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

from bench.core import bench_settings, percentile
from bot.adapters.ptb_runner import serve
from bot.app import build_conversation
from tests.support.fakebotapi import FakeBotAPI


async def burst(users: int) -> dict[str, float]:
    """Run one burst; return the measured figures."""
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotAPI(enforce_limits=True) as api:
            settings = bench_settings(tmp, token=api.token, api_url=api.root_url)
            conversation = await build_conversation(settings)
            stop = asyncio.Event()
            task = asyncio.create_task(serve(settings, conversation, stop, poll_timeout=1))
            await api.wait_for_call("getUpdates")
            people = [api.user(id=10_000_000 + n, language_code="sv") for n in range(users)]
            pushed: dict[int, float] = {}
            for person in people:
                pushed[person.id] = time.monotonic()
                await api.push_text(person, "/start")
            first: dict[int, float] = {}
            deadline = time.monotonic() + users / 5 + 60
            seen = 0
            while len(first) < users and time.monotonic() < deadline:
                fresh, seen = api.requests[seen:], len(api.requests)
                for record in fresh:
                    chat = record.params.get("chat_id")
                    if record.method == "sendMessage" and record.status == 200:
                        first.setdefault(int(str(chat)), record.time)
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            sends = len(api.calls("sendMessage"))
            stop.set()
            await asyncio.wait_for(task, 30)
    waits = [first[p] - pushed[p] for p in pushed if p in first]
    start = min(pushed.values())
    return {
        "users": users,
        "answered": len(first),
        "messages sent": sends,
        "drain s": max(first.values()) - start if first else float("nan"),
        "p50 wait s": percentile(waits, 50),
        "p95 wait s": percentile(waits, 95),
        "p99 wait s": percentile(waits, 99),
        "max wait s": max(waits),
        "mean wait s": statistics.fmean(waits),
        "429s served": api.served_429,
    }


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    args = parser.parse_args()
    figures = asyncio.run(burst(args.users))
    width = max(map(len, figures))
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for name, value in figures.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{name:<{width}}  {shown}")


if __name__ == "__main__":
    main()
