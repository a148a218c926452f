"""Relay benchmark: young people writing to staff, against Telegram's flood limits.

Run: .venv/bin/python -m bench.relay [--runner ptb|aiogram] [--messages 20] [--users 50]
The real bot (python-telegram-bot by default) talks to the fake Bot API on 127.0.0.1
with Telegram's limits enforced (30 messages/s overall, 20/min per group, about 1/s per
private chat), and a forum supergroup as the shared staff group. Two runs, each on a
fresh bot and fake server so the group's one-minute window starts empty:

1. Idle: one young person with an open relay sends `--messages` messages, one at a time,
   `--spacing` seconds apart (6.5 s keeps under the relay's own limit of 10 a minute per
   young person); after each copy reaches the staff topic, staff answer in the topic.
   Latency is from pushing the update into the fake server until the copyMessage is
   recorded there (young person → staff group, staff → young person's chat).
2. Many at once: `--users` young people each open a relay, then all write one message at
   the same moment. Each new conversation costs a forum topic, a first note and the copy
   in the one staff group, so the group's limit (about 20 messages a minute) sets the pace.

Prints a plain table; RSS is of this process (bot and fake server together).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bench.core import bench_settings, percentile
from bot.app import build_conversation
from bot.core.relay import limits as relay_limits
from tests.support.fakebotapi import FakeBotAPI, FakeChat, FakeUser, Recorded, offline

LANGUAGE = "sv"
Serve = Callable[..., Coroutine[Any, Any, None]]
Check = Callable[[Recorded], bool]
Figures = dict[str, str]


def serve_of(runner: str) -> Serve:
    """The serve() of a runner, imported only when chosen."""
    if runner == "aiogram":
        from bot.adapters.aiogram_runner import serve as aiogram_serve

        return aiogram_serve
    from bot.adapters.ptb_runner import serve as ptb_serve

    return ptb_serve


@asynccontextmanager
async def relay_bot(runner: str) -> AsyncIterator[tuple[FakeBotAPI, FakeChat]]:
    """A fake Bot API with limits enforced, a staff forum group, and the bot running."""
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotAPI(enforce_limits=True) as api:
            group = api.group(title="Personal", is_forum=True)
            settings = bench_settings(
                tmp, token=api.token, api_url=api.root_url, staff_chat_id=group.id
            )
            conversation = await build_conversation(settings)
            stop = asyncio.Event()
            task = asyncio.create_task(
                serve_of(runner)(settings, conversation, stop, poll_timeout=1)
            )
            await api.wait_for_call("getUpdates", timeout=30)
            try:
                yield api, group
            finally:
                stop.set()
                await asyncio.wait_for(task, 60)


def routes(markup: dict[str, Any] | None) -> list[str]:
    """The callback data of an inline keyboard."""
    rows = (markup or {}).get("inline_keyboard", [])
    return [b.get("callback_data") or b.get("url") for row in rows for b in row]


async def open_relay(api: FakeBotAPI, user: FakeUser) -> None:
    """/start, pick the language, Talk, Write to staff, "whoever can help", confirm."""
    before = len(api.chat_messages(user.id))
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == before + 1, 60)
    screen = api.chat_messages(user.id)[-1]
    edited = screen.edited
    n = 0
    for route in (f"lang:{LANGUAGE}", "talk", "relay", "relay:d:any", "relay:on:any"):
        if route.startswith("relay:d:") and route not in routes(screen.reply_markup):
            continue  # no organisations to choose from: straight to the explanation
        await api.press(user, screen.message_id, route)
        n += 1
        await api.wait_for(lambda: screen.edited >= edited + n, 60)  # noqa: B023


async def arrival(api: FakeBotAPI, index: int, check: Check, timeout: float = 120) -> Recorded:  # noqa: ASYNC109
    """The first successful call recorded from request number `index` on that passes `check`."""
    deadline = time.monotonic() + timeout
    while True:
        for record in api.requests[index:]:
            if record.status == 200 and check(record):
                return record
        if time.monotonic() > deadline:
            raise TimeoutError(f"no matching call within {timeout} s; last calls:\n{api.dump()}")
        await asyncio.sleep(0.002)


def copy_to(chat: int) -> Check:
    """A copyMessage into `chat`."""
    return lambda r: r.method == "copyMessage" and r.params.get("chat_id") == chat


def seconds(value: float) -> str:
    """A duration for the table."""
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


async def idle(runner: str, messages: int, spacing: float) -> Figures:
    """One young person and staff writing back and forth, well apart."""
    async with relay_bot(runner) as (api, group):
        young = api.user(id=50_000_001, first_name="Sara", language_code=LANGUAGE)
        staff = api.user(id=50_000_002, first_name="Anna")
        api.set_member(group, staff)
        await open_relay(api, young)
        to_staff: list[float] = []
        to_young: list[float] = []
        for n in range(messages):
            began = time.monotonic()
            index = len(api.requests)
            pushed = time.monotonic()
            await api.push_text(young, f"Meddelande {n + 1}")
            copy = await arrival(api, index, copy_to(group.id))
            to_staff.append(copy.time - pushed)
            thread = copy.params["message_thread_id"]
            index = len(api.requests)
            pushed = time.monotonic()
            await api.push_group_text(group, staff, f"Svar {n + 1}", message_thread_id=thread)
            back = await arrival(api, index, copy_to(young.id))
            to_young.append(back.time - pushed)
            await asyncio.sleep(max(0.0, began + spacing - time.monotonic()))
        served_429 = api.served_429
    later = to_staff[1:] or to_staff
    return {
        "idle: messages each way": f"{messages}, {spacing:g} s apart",
        "idle: first message → staff (opens topic)": seconds(to_staff[0]),
        "idle: young → staff, median / p95": (
            f"{statistics.median(later) * 1000:.0f} / {percentile(later, 95) * 1000:.0f} ms"
        ),
        "idle: staff → young, median / p95": (
            f"{statistics.median(to_young) * 1000:.0f} / {percentile(to_young, 95) * 1000:.0f} ms"
        ),
        "idle: 429s served": str(served_429),
    }


async def many(runner: str, users: int) -> Figures:
    """`users` young people with open relays all write at the same moment."""
    async with relay_bot(runner) as (api, group):
        people = [
            api.user(id=60_000_000 + n, first_name=f"Ung {n}", language_code=LANGUAGE)
            for n in range(users)
        ]
        opened = time.monotonic()
        await asyncio.gather(*(open_relay(api, person) for person in people))
        print(f"  {users} relays opened in {time.monotonic() - opened:.1f} s", file=sys.stderr)
        before_429 = api.served_429
        index = len(api.requests)
        pushed: dict[int, float] = {}
        for person in people:
            pushed[person.id] = time.monotonic()
            await api.push_text(person, "Hej, jag behöver prata med någon")
        start = min(pushed.values())
        copied: dict[int, float] = {}
        delivered: dict[int, float] = {}
        seen = index
        deadline = start + users * 10 + 180
        reported = start
        while (len(copied) < users or len(delivered) < users) and time.monotonic() < deadline:
            fresh, seen = api.requests[seen:], len(api.requests)
            for record in fresh:
                chat = record.params.get("chat_id")
                if record.status != 200:
                    continue
                if record.method == "copyMessage" and chat == group.id:
                    copied.setdefault(int(record.params["from_chat_id"]), record.time)
                elif record.method == "sendMessage" and chat in pushed:
                    delivered.setdefault(int(chat), record.time)
            if time.monotonic() - reported > 30:
                reported = time.monotonic()
                print(
                    f"  {reported - start:.0f} s: {len(copied)}/{users} copies in the group",
                    file=sys.stderr,
                )
            await asyncio.sleep(0.05)
        group_calls = [
            r
            for r in api.requests[index:]
            if r.status == 200
            and r.params.get("chat_id") == group.id
            and r.method in ("sendMessage", "copyMessage", "createForumTopic")
        ]
        topics = sum(1 for r in group_calls if r.method == "createForumTopic")
        sends = len(group_calls) - topics
        served_429 = api.served_429 - before_429
        retried = [r.method for r in api.requests[index:] if r.status == 429]
    waits = sorted(delivered[p] - pushed[p] for p in delivered)
    copy_waits = sorted(copied[p] - pushed[p] for p in copied)
    drain = max(copied.values()) - start if copied else float("nan")
    figures = {
        "many: young people writing at once": str(users),
        "many: copies in the staff group": f"{len(copied)}/{users}",
        "many: all copies in the group after": seconds(drain),
        "many: createForumTopic calls": str(topics),
        "many: messages into the group by the end (copies, notes)": str(sends),
        "many: 429s served": str(served_429)
        + (f" ({', '.join(sorted(set(retried)))})" if retried else ""),
        "many: copy in group, median / max": (
            f"{seconds(statistics.median(copy_waits))} / {seconds(copy_waits[-1])}"
            if copy_waits
            else "none"
        ),
        "many: first notice to the young person, median / max": (
            f"{seconds(statistics.median(waits))} / {seconds(waits[-1])}" if waits else "none"
        ),
        "many: young people noticed": f"{len(delivered)}/{users}",
    }
    return figures


def rss_mb() -> float:
    """Resident memory of this process in MB (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(runner: str, messages: int, users: int, spacing: float) -> Figures:
    """Both runs; the figures as printable strings."""
    figures: Figures = {"runner": runner}
    if messages and spacing * relay_limits.FLOOD_MESSAGES < relay_limits.FLOOD_SECONDS + 1:
        # Closer than the relay's own limit per young person allows: lift it for the bench.
        relay_limits.FLOOD_MESSAGES = messages + 1
        figures["note"] = f"relay FLOOD_MESSAGES raised to {messages + 1} for the bench"
    started = time.monotonic()
    if messages:
        print(f"idle: {messages} messages, {spacing:g} s apart ...", file=sys.stderr)
        figures |= await idle(runner, messages, spacing)
    if users:
        print(f"many: {users} young people at once ...", file=sys.stderr)
        figures |= await many(runner, users)
    figures["RSS at the end (bot + fake server)"] = f"{rss_mb():.0f} MB"
    figures["bench took"] = seconds(time.monotonic() - started)
    return figures


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runner", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--messages", type=int, default=20, help="idle run; 0 skips it")
    parser.add_argument("--spacing", type=float, default=6.5, help="seconds between messages")
    parser.add_argument("--users", type=int, default=50, help="many-at-once run; 0 skips it")
    args = parser.parse_args()
    with offline("bench is"):
        figures = asyncio.run(measure(args.runner, args.messages, args.users, args.spacing))
    width = max(map(len, figures))
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
