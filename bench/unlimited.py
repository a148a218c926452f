"""Bench only: `python -m bot run --runner ptb` with its flood-limit pacing switched off.

The python-telegram-bot runner paces sends to Telegram's limits (about 30 a second, see
bot/adapters/ptb_requests.py), so end to end it can never go faster than that. This entry point
measures what the library itself costs, for a fair comparison with the other runner.
"""

from __future__ import annotations

import sys
from typing import Any

from telegram.ext import ApplicationBuilder

from bot.__main__ import main


def _no_rate_limiter(self: Any, limiter: Any) -> Any:
    return self


if __name__ == "__main__":
    ApplicationBuilder.rate_limiter = _no_rate_limiter  # type: ignore[method-assign,assignment]
    sys.exit(main(["run", "--runner", "ptb"]))
