"""Bench only: `python -m bot run --runner ptb` with its flood-limit pacing switched off.

The python-telegram-bot runner paces calls to Telegram's limits (about 30 a second, see
bot/adapters/pacing.py), so end to end it can never go faster than that. This entry point
measures what the library itself costs, for a fair comparison with the other runner.
"""

from __future__ import annotations

import sys
from typing import Any

import bot.adapters.ptb_runner as ptb
from bot.__main__ import main
from bot.adapters.pacing import Pacing

_paced = ptb.PtbPort.__init__


def _unpaced(self: Any, settings: Any, pacing: Any = None) -> None:
    _paced(self, settings, Pacing.off())


if __name__ == "__main__":
    ptb.PtbPort.__init__ = _unpaced  # type: ignore[method-assign]
    sys.exit(main(["run", "--runner", "ptb"]))
