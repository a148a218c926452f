"""Every performance figure in one command, printed as a markdown table.

Run: .venv/bin/python -m bench.run_all [--quick]
Takes a few minutes. Figures for docs/PERFORMANCE.md; benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import platform
import statistics
import time
from pathlib import Path

from bench import core, e2e, startup
from bot.screens.library import load_library

ROOT = Path(__file__).resolve().parent.parent
RUNNERS = ("ptb", "aiogram")


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def reload_ms(times: int = 20) -> float:
    """Median time of a content reload as the running bot does it (load and validate, no
    glossary lint, every section rendered), in ms."""
    samples = []
    for _ in range(times):
        t = time.perf_counter()
        library, _problems = load_library(ROOT / "content", ROOT / "locales", lint=False)
        samples.append(time.perf_counter() - t)
        assert library is not None
    return statistics.median(samples) * 1000


def burst_row() -> str:
    """The 1,000-user burst against Telegram's flood limits (bench/burst.py), if present."""
    try:
        from bench import burst
    except ImportError:
        return "| burst of 1,000 users | see docs/RELIABILITY.md | | |"
    with contextlib.redirect_stderr(io.StringIO()):
        f = asyncio.run(burst.burst(1000))
    return (
        f"| burst of 1,000 /start, limits enforced: drain; wait p50 / p99 | "
        f"{f['drain s']:.1f} s; {f['p50 wait s']:.1f} / {f['p99 wait s']:.1f} s "
        f"({f['answered']}/{f['users']} answered, {f['429s served']} × 429) | "
        "not measured (no pacing) | `python -m bench.burst` |"
    )


def main() -> None:
    """Measure everything and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs and users")
    args = parser.parse_args()
    runs, users, memory_users = (1, 100, 1000) if args.quick else (5, 500, 10_000)

    print(
        f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}\n",
        flush=True,
    )
    c = asyncio.run(core.measure(1000))
    reload = reload_ms()
    # The paced runner can send only about 30 a second: fewer users keep the run short.
    wire = {r: e2e.measure(r, users=users) for r in ("aiogram", "ptb-unlimited")}
    wire["ptb"] = e2e.measure("ptb", users=min(users, 100))
    starts = {r: [startup.one_run(0, r) for _ in range(runs)] for r in RUNNERS}
    memory = {r: startup.one_run(memory_users, r) for r in ("ptb-unlimited", "aiogram")}

    def fmt_wire(r: str) -> str:
        w = wire[r]
        return f"{w['per_second']:.0f}/s; {w['p50_ms']:.1f} / {w['p99_ms']:.1f} ms"

    def fmt_start(r: str) -> str:
        s = starts[r]
        return f"{statistics.median(x[0] for x in s):.2f} s (max {max(x[0] for x in s):.2f})"

    def fmt_rss(r: str) -> str:
        return f"{statistics.median(x[1] for x in starts[r]):.0f} MB"

    rows = [
        "| measure | ptb (default) | aiogram | command |",
        "|---|---|---|---|",
        f"| core alone ({c['updates']:.0f} updates, SqliteStore): updates/s; p50 / p99 | "
        f"{c['per_second']:.0f}/s; {c['p50_ms']:.2f} / {c['p99_ms']:.2f} ms | same core | "
        "`python -m bench.core` |",
        f"| end to end, users × 7 steps: updates/s; latency p50 / p99 | "
        f"{fmt_wire('ptb')} ({min(users, 100)} users, paced to Telegram's 30/s) | "
        f"{fmt_wire('aiogram')} ({users} users) | "
        "`python -m bench.e2e --runner R` |",
        f"| end to end, ptb without its pacing ({users} users) | {fmt_wire('ptb-unlimited')} | – | "
        "`python -m bench.e2e --runner ptb-unlimited` |",
        f"| start-up to first answer, median of {runs} | {fmt_start('ptb')} | "
        f"{fmt_start('aiogram')} | `python -m bench.startup --runner R --users 0` |",
        f"| RSS after start | {fmt_rss('ptb')} | {fmt_rss('aiogram')} | (same) |",
        f"| RSS after {memory_users:,} distinct users (batches of 100) | "
        f"{memory['ptb-unlimited'][2]:.0f} MB (pacing off) | {memory['aiogram'][2]:.0f} MB | "
        f"`python -m bench.startup --runner R --runs 1 --users {memory_users}` |",
        f"| content reload, load_library, median of 20 | {reload:.0f} ms | same | "
        "`python -m bench.run_all` |",
        burst_row(),
    ]
    print("\n".join(rows))


if __name__ == "__main__":
    main()
