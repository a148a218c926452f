"""The start-up baseline: a bare python-telegram-bot bot that only polls.

It imports python-telegram-bot, builds an Application and starts long polling against
TELEGRAM_API_URL, like the smallest bot anyone would write. `bench.startup --vs-bare`
times `python -m bot run` against this, side by side.
"""

from __future__ import annotations

import os

from telegram.ext import ApplicationBuilder


def main() -> None:
    """Poll until stopped."""
    api = os.environ["TELEGRAM_API_URL"]
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .build()
    )
    app.run_polling(poll_interval=0.0, timeout=30)


if __name__ == "__main__":
    main()
