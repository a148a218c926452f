"""What both runners share: message translation and the command menus."""

from __future__ import annotations

from bot.adapters.handling import command_descriptions, command_menus
from bot.adapters.updates import message_event
from bot.screens.library import Library


def test_message_event_kinds() -> None:
    """Commands lose their @botname and arguments; text is cut short; non-text has none."""
    assert message_event(1, "/Start@nasta_bot payload", "fa").value == "start"
    assert message_event(1, "/", None).value == ""
    text = message_event(1, "3/11/2026" + "x" * 10_000, "sv")
    assert text.kind == "text" and text.value.startswith("3/11/2026") and len(text.value) == 200
    assert message_event(1, None, None).kind == "other"


def test_command_menus_cover_every_language(library: Library) -> None:
    """One command menu per two-letter Telegram code, then the default in English."""
    assert command_menus(library) == [
        ("sv", "sv"),
        ("en", "en"),
        ("ar", "ar"),
        ("fa-AF", "fa"),
        ("en", None),
    ]
    assert next(name for name, _ in command_descriptions(library, "ar")) == "start"
