"""The same bot in a terminal: read a number (a button) or text, print the screen."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import TextIO

from bot.adapters.updates import message_event
from bot.core.conversation import Conversation, Event, Reply
from bot.screens.library import Button, Screen
from bot.screens.render import plain_text

TERMINAL_CHAT = 1
# Terminals do not apply bidi isolation and print the isolates as boxes; drop them here.
_ISOLATES = {ord(c): None for c in "\u2066\u2067\u2068\u2069"}


def draw(screen: Screen, out: TextIO) -> list[Button]:
    """Print a screen and its numbered buttons; return the buttons in number order."""
    buttons = [b for row in screen.buttons for b in row]
    out.write("\n" + "─" * 60 + "\n")
    out.write(plain_text(screen.text).strip().translate(_ISOLATES) + "\n\n")
    for number, button in enumerate(buttons, 1):
        target = f"  → {button.url}" if button.url else ""
        out.write(f"  [{number}] {button.label.translate(_ISOLATES)}{target}\n")
    out.flush()
    return buttons


async def chat(
    conversation: Conversation,
    read: Callable[[], str] | None = None,
    out: TextIO = sys.stdout,
    app_language: str | None = None,
) -> None:
    """Run the conversation interactively until end of input or 'q'."""
    read = read or (lambda: input("> "))
    out.write("Nästa steg – terminal mode. Type a button's number, a /command or text; q quits.\n")
    buttons = _show(
        await conversation.handle(Event("command", TERMINAL_CHAT, "start", app_language)), out, []
    )
    while True:
        try:
            line = (await asyncio.to_thread(read)).strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line.lower() in {"q", "quit", "exit"}:
            break
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            button = buttons[int(line) - 1]
            if button.data is None:
                out.write(f"(opens {button.url} in the browser)\n")
                continue
            event = Event("button", TERMINAL_CHAT, button.data, app_language)
        elif line.startswith("/"):
            event = Event(
                "command",
                TERMINAL_CHAT,
                line[1:].split()[0].lower() if len(line) > 1 else "",
                app_language,
            )
        else:
            event = message_event(TERMINAL_CHAT, line, app_language)
        buttons = _show(await conversation.handle(event), out, buttons)


def _show(reply: Reply | None, out: TextIO, previous: list[Button]) -> list[Button]:
    if reply is None:
        return previous
    if reply.voice is not None:
        out.write(f"\n🔊 (voice message: {reply.voice.name})\n")
    if reply.venue is not None:
        v = reply.venue
        out.write(f"\n📍 {v.title}: {v.latitude:.5f}, {v.longitude:.5f} {v.address}\n")
    if reply.screen is None:
        return previous
    return draw(reply.screen, out)
