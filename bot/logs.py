"""Logging that never writes the bot token, and optionally one JSON object per line."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime


class Redact(logging.Filter):
    """Replace secrets (the token) wherever they would appear in a log line."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message now, with secrets removed."""
        message = record.getMessage()
        for secret in self._secrets:
            message = message.replace(secret, "[token]")
        record.msg, record.args = message, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            for secret in self._secrets:
                text = text.replace(secret, "[token]")
            record.exc_text, record.exc_info = text, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        """Format a record as JSON."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: list[str] | None = None) -> None:
    """Configure the root logger once for the process."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(Redact(secrets or []))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level if level in logging.getLevelNamesMapping() else "INFO")
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep library loggers from writing personal data, whatever the chosen level.

    httpx logs every request URL, and Bot API URLs contain the token; the Telegram
    libraries log whole API answers (names, usernames, message text) at DEBUG; aiosqlite
    logs every statement with its values (a relay's chat id beside its pseudonym and topic
    name) and asyncio's debug mode logs callbacks with their arguments.
    """
    for name in ("httpx", "httpcore", "aiohttp.access", "aiohttp.client"):
        logging.getLogger(name).setLevel(logging.WARNING)
    floor = max(logging.INFO, logging.getLogger().level)
    for name in ("telegram", "aiogram", "aiosqlite", "asyncio"):
        logging.getLogger(name).setLevel(floor)
    # An answer that is not JSON (a wrong TELEGRAM_API_URL) is logged with a traceback here;
    # the bot says what is wrong in one line of its own.
    logging.getLogger("telegram.request").setLevel(logging.CRITICAL)
    # markdown-it traces every parsing rule at DEBUG: thousands of useless lines.
    logging.getLogger("markdown_it").setLevel(logging.INFO)
    for name in ("telegram.Bot", "telegram._bot", "telegram.ext.ExtBot"):
        bot_logger = logging.getLogger(name)
        if not any(isinstance(f, DropUpdateData) for f in bot_logger.filters):
            bot_logger.addFilter(DropUpdateData())


class DropUpdateData(logging.Filter):
    """python-telegram-bot logs the raw updates it cannot parse (names, message text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the event, drop the data."""
        if str(record.msg).startswith("Error while parsing updates"):
            record.msg, record.args = "Error while parsing updates (update data not logged)", None
        return True
