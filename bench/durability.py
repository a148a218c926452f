"""Nothing acknowledged is lost: young people write to staff while the bot is killed.

Run: .venv/bin/python -m bench.durability [--users 20] [--kills 6] [--runner ptb|aiogram]

The real bot runs as a process against the fake Bot API (Telegram's limits enforced: 20
messages a minute into the staff group) with a staff forum group. `--users` young people
open a relay, then all write one message at the same moment; each new conversation costs a
topic, the copy and a first note in the one group, so the copies queue for minutes. While
they queue, the bot is killed with SIGKILL `--kills` times at random moments and started
again, then stopped with SIGTERM (as systemd does) and started again once more. At the end
every message must have been copied into the staff group exactly once: the figures are
messages lost (never copied) and duplicated (copied more than once), and how many of the
lost had been acknowledged to the young person ("✓ Delivered" or "on its way").
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.e2e import bot_command, bot_env
from tests.support.fakebotapi import FakeBotAPI, FakeUser, ThreadedFakeBotAPI

KEY_HEX = "ef" * 32


def wait_until(predicate: object, timeout: float) -> bool:
    """Poll a condition; say whether it came true in time."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def open_relay(api: ThreadedFakeBotAPI, user: FakeUser) -> None:
    """/start, Swedish, Talk, Write to staff, whoever can help, confirm."""
    api.push_text(user, "/start")
    assert wait_until(lambda: len(api.chat_messages(user.id)) == 1, 60)
    screen = api.chat_messages(user.id)[0]
    for n, route in enumerate(("lang:sv", "talk", "relay", "relay:d:any", "relay:on:any"), 1):
        api.press(user, screen.message_id, route, strict=False)
        assert wait_until(lambda n=n: screen.edited >= n, 60), route


def main() -> None:
    """Run the scenario and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--runner", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with FakeBotAPI.run_in_thread(enforce_limits=True) as api, tempfile.TemporaryDirectory() as tmp:
        group = api.group(is_forum=True)
        env = bot_env(api, tmp) | {
            "BOT_STAFF_CHAT_ID": str(group.id),
            "BOT_PSEUDONYM_KEY": KEY_HEX,
        }
        log = Path(tmp) / "bot.log"

        def start() -> subprocess.Popen[bytes]:
            with log.open("ab") as out:
                return subprocess.Popen(
                    bot_command(args.runner),
                    cwd=Path(__file__).parent.parent,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=out,
                )

        proc = start()
        users = [api.user(id=4_000_000 + n, language_code="sv") for n in range(args.users)]
        for user in users:
            open_relay(api, user)
        sent = {user.id: api.push_text(user, f"message from {user.id}") for user in users}
        messages = {
            user.id: api.chat_messages(user.id, include_user=True)[-1].message_id for user in users
        }
        began = time.monotonic()
        for _ in range(args.kills):
            time.sleep(chance.uniform(2.0, 12.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            proc = start()
        time.sleep(chance.uniform(2.0, 8.0))
        proc.send_signal(signal.SIGTERM)
        term_code = proc.wait(120)
        proc = start()

        def copies() -> Counter[tuple[int, int]]:
            return Counter(
                (int(c["from_chat_id"]), int(c["message_id"]))
                for c in api.calls("copyMessage")
                if int(c["chat_id"]) == group.id
            )

        wait_until(lambda: all(copies()[(u, m)] for u, m in messages.items()), 900)
        drained = time.monotonic() - began
        wait_until(lambda: api.pending_updates == 0, 60)
        proc.send_signal(signal.SIGTERM)
        proc.wait(120)
        counted = copies()
        lost = [u for u, m in messages.items() if counted[(u, m)] == 0]
        twice = [u for u, m in messages.items() if counted[(u, m)] > 1]
        told = {u for u in lost if any(("✓" in t) or ("på väg" in t) for t in api.texts(u))}
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, runner {args.runner}, seed {args.seed}"
        )
        print(
            f"young people writing at once: {len(sent)}; SIGKILLs: {args.kills}; "
            f"then SIGTERM (exit code {term_code})"
        )
        print(f"copied exactly once: {sum(counted[(u, m)] == 1 for u, m in messages.items())}")
        print(f"lost: {len(lost)} (of them acknowledged: {len(told)}); duplicated: {len(twice)}")
        print(f"all copied after {drained:.0f} s; 429s served: {api.served_429}")


if __name__ == "__main__":
    main()
