"""What every runner shares: commands, update types, message translation, signals."""

from __future__ import annotations

import asyncio
import contextlib
import signal

from bot.core.conversation import Event
from bot.screens.library import Library

COMMANDS = ("start", "menu", "language", "help", "privacy", "forget")
# Explicit, because aiogram would otherwise ask only for the types its handlers use.
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
TEXT_LIMIT = 200


def message_event(chat: int, text: str | None, app_language: str | None) -> Event:
    """Translate a private message (its text, or None for anything else) into a core event."""
    if text is None:
        return Event("other", chat, app_language=app_language)
    if text.startswith("/"):
        name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
        return Event("command", chat, name[:32], app_language=app_language)
    # The text is passed on only so the core can read a typed date; it is never stored
    # or logged, and a date needs far fewer characters than this.
    return Event("text", chat, text[:TEXT_LIMIT], app_language=app_language)


def command_menus(library: Library) -> list[tuple[str, str | None]]:
    """Pair each bot language with the two-letter code Telegram's command menu uses.

    The last pair, English with no code, is the menu for every other app language.
    """
    menus: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for lang in library.texts.languages:
        for code in (c for c in lang.telegram_codes if len(c) == 2 and c not in seen):
            seen.add(code)
            menus.append((lang.code, code))
    menus.append(("en", None))
    return menus


def command_descriptions(library: Library, language: str) -> list[tuple[str, str]]:
    """Return (command, translated description) for the command menu."""
    return [(name, library.t(language, f"command-{name}")) for name in COMMANDS]


def stop_on_signals(stop: asyncio.Event) -> None:
    """Set `stop` on SIGINT or SIGTERM, so in-flight updates can finish."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
