"""Measure `python -m bot run` against the fake Bot API: start-up time and resident memory.

Run: .venv/bin/python -m bench.startup [--runs 5] [--runner ptb|aiogram|ptb-unlimited]
Start-up is the time from process spawn until the bot has answered a /start that was
waiting for it (so it includes the first getUpdates); memory is VmRSS after start and
after serving N distinct users.

Side by side with a bare python-telegram-bot bot (bench/bare_ptb.py), on the same machine in
one run, pair by pair (bare, bot, bare, bot ...), each timed from spawn until its first
getUpdates reaches the fake server:
    .venv/bin/python -m bench.startup --vs-bare [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.e2e import bot_command
from tests.support.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bot_env(token: str, api_url: str, tmp: str) -> dict[str, str]:
    """The environment of a bot started against the fake server, its data in `tmp`."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": tmp,
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_URL": api_url,
        "BOT_DATA_DIR": f"{tmp}/data",
        "BOT_CONTENT_DIR": str(ROOT / "content"),
        "BOT_LOCALES_DIR": str(ROOT / "locales"),
        "BOT_LOG_LEVEL": "WARNING",
    }


def one_run(users: int, runner: str = "ptb") -> tuple[float, float, float]:
    """Start the bot once; return start-up seconds, RSS after start, RSS after `users` users."""
    with FakeBotAPI.run_in_thread() as api, tempfile.TemporaryDirectory() as tmp:
        env = bot_env(api.token, api.root_url, tmp)
        api.push_text(api.user(id=9_999_999, language_code="sv"), "/start")
        started = time.perf_counter()
        proc = subprocess.Popen(bot_command(runner), cwd=ROOT, env=env)
        try:
            while not api.calls("sendMessage"):
                if proc.poll() is not None:
                    raise SystemExit(f"bot exited with {proc.returncode}")
                time.sleep(0.002)
            startup = time.perf_counter() - started
            time.sleep(0.5)
            after_start = rss_mb(proc.pid)
            # In batches of 100, each answered before the next: memory per user, not backlog.
            deadline = time.monotonic() + 600
            for first in range(0, users, 100):
                for n in range(first, min(users, first + 100)):
                    api.push_text(api.user(id=10_000_000 + n, language_code="sv"), "/start")
                done = min(users, first + 100) + 1
                while len(api.calls("sendMessage")) < done and time.monotonic() < deadline:
                    time.sleep(0.01)
            after_users = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(15)
    return startup, after_start, after_users


def to_first_poll(command: list[str]) -> float:
    """Seconds from spawning `command` until its first getUpdates reaches the fake server."""
    with FakeBotAPI.run_in_thread() as api, tempfile.TemporaryDirectory() as tmp:
        env = bot_env(api.token, api.root_url, tmp)
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        try:
            while not api.api.arrived.get("getUpdates"):
                if proc.poll() is not None:
                    raise SystemExit(f"{command} exited with {proc.returncode}")
                time.sleep(0.001)
            return time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(15)


def vs_bare(runs: int, runner: str) -> None:
    """Start-up of the bot against a bare python-telegram-bot bot, pair by pair."""
    bare = [sys.executable, "-m", "bench.bare_ptb"]
    pairs = []
    for _ in range(runs):
        base = to_first_poll(bare)
        ours = to_first_poll(bot_command(runner))
        pairs.append((base, ours))
    ratios = [ours / base for base, ours in pairs]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"pairs: {runs} (spawn to first getUpdates)")
    print(f"bare python-telegram-bot: median {statistics.median(b for b, _ in pairs):.3f} s")
    print(f"python -m bot run ({runner}): median {statistics.median(o for _, o in pairs):.3f} s")
    print(
        f"ratio bot/bare: median {statistics.median(ratios):.2f}, "
        f"min {min(ratios):.2f}, max {max(ratios):.2f}"
    )


def main() -> None:
    """Run the measurement and print a table row per figure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--runner", choices=("ptb", "ptb-unlimited", "aiogram"), default="ptb")
    parser.add_argument("--vs-bare", action="store_true", help="start-up against bare ptb")
    args = parser.parse_args()
    if args.vs_bare:
        vs_bare(args.runs, args.runner)
        return
    results = [one_run(args.users, args.runner) for _ in range(args.runs)]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"runs: {args.runs}")
    print(
        f"start-up to first answer: median {statistics.median(r[0] for r in results):.3f} s,"
        f" max {max(r[0] for r in results):.3f} s"
    )
    print(f"RSS after start: median {statistics.median(r[1] for r in results):.1f} MB")
    print(
        f"RSS after {args.users} distinct users: median "
        f"{statistics.median(r[2] for r in results):.1f} MB"
    )


if __name__ == "__main__":
    main()
