"""Measure the conversation core alone: Conversation.handle with a SqliteStore, no Telegram.

Run: .venv/bin/python -m bench.core [--users 1000]
Each simulated user does a realistic session: /start, choose a language, open the sheet,
a section, a contact list and a contact, type free text, go back to the menu, /help.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.app import build_conversation
from bot.core.conversation import Event
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("sv", "en", "ar", "fa-AF")


def session(chat: int, sections: list[str], orgs: list[tuple[str, str]]) -> list[Event]:
    """One user's events, the way people move through the bot."""
    language = LANGUAGES[chat % len(LANGUAGES)]
    section = sections[chat % len(sections)]
    org, category = orgs[chat % len(orgs)]
    return [
        Event("command", chat, "start", app_language="sv"),
        Event("button", chat, f"lang:{language}"),
        Event("button", chat, "sheet"),
        Event("button", chat, f"s:{section}"),
        Event("button", chat, f"list:{category}"),
        Event("button", chat, f"o:{org}:{category}"),
        Event("text", chat, "hello, I need help"),
        Event("button", chat, "menu"),
        Event("command", chat, "help"),
    ]


def bench_settings(tmp: str, **extra: Any) -> Settings:
    """Settings for a bench run: the real content, data in `tmp`, a fixed key."""
    return Settings(
        data_dir=Path(tmp) / "data",
        content_dir=ROOT / "content",
        locales_dir=ROOT / "locales",
        pseudonym_key=bytes(range(32)),
        **extra,
    )


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def measure(users: int = 1000) -> dict[str, float]:
    """Run `users` sessions through the core; return updates/s and latency figures in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(tmp)
        conversation = await build_conversation(settings)
        library = conversation.library
        sections = [s.id for s in library.content.sections]
        orgs = [
            (o.id, c)
            for o in library.content.organisations
            for c in o.categories
            if c in ("legal", "places", "support", "emergency")
        ]
        events = [e for chat in range(users) for e in session(10_000_000 + chat, sections, orgs)]
        latencies: list[float] = []
        started = time.perf_counter()
        for event in events:
            t = time.perf_counter()
            await conversation.handle(event)
            latencies.append(time.perf_counter() - t)
        elapsed = time.perf_counter() - started
        await conversation.uniques.flush()
        await conversation.store.close()
    return {
        "updates": len(events),
        "per_second": len(events) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
    }


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1000)
    args = parser.parse_args()
    r = asyncio.run(measure(args.users))
    print(
        f"core: {r['updates']:.0f} updates, {r['per_second']:.0f} updates/s, "
        f"p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms"
    )


if __name__ == "__main__":
    main()
