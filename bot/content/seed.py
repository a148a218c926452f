"""The first start on a server: the live content is copied from the content that shipped.

On a server the live `content/` and `locales/` live in the bot's state (so editors can
publish from Telegram, see `bot.staff.publish`), and the shipped folders stay read-only
(`BOT_SEED_DIR`, e.g. /opt/nasta-steg). A live folder that is missing or empty is filled
from there; one that has anything in it is never touched, so a restart or an upgrade never
undoes what editors published.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from bot.settings import Settings

log = logging.getLogger(__name__)


def seed(settings: Settings) -> list[Path]:
    """Fill missing or empty live folders from `settings.seed_dir`; return those filled."""
    if settings.seed_dir is None:
        return []
    filled = []
    for live, name in ((settings.content_dir, "content"), (settings.locales_dir, "locales")):
        source = settings.seed_dir / name
        if live.resolve() == source.resolve() or not source.is_dir():
            continue
        if live.is_dir() and any(live.iterdir()):
            continue
        # Copied beside, then renamed: a crash half-way leaves no half-filled live folder.
        temp = live.with_name(f".{live.name}.seeding")
        shutil.rmtree(temp, ignore_errors=True)
        live.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, temp, ignore=shutil.ignore_patterns(".*"))
        if live.is_dir():
            live.rmdir()
        os.replace(temp, live)
        log.info("first start: the live %s was copied from %s", name, source)
        filled.append(live)
    return filled
