"""Right-to-left text: numbers, Latin names and links stay whole in Arabic and Dari.

Evidence, with the Unicode bidirectional algorithm (python-bidi) that lays out text the
way Telegram's clients do: without isolation "+46 771 235 235" in an Arabic sentence is
shown as "235 235 771 46+"; wrapped in isolates it is shown as written.
"""

from __future__ import annotations

import pytest
from bidi import get_display

from bot.content.markup import html_problems
from bot.core.conversation import Conversation, Event
from bot.screens.bidi import FSI, LRI, PDI, isolate_ltr
from bot.screens.library import Library
from bot.screens.render import markdown_blocks, plain_text

SENTENCE = "اتصل بالرقم +46 771 235 235 أو 0771-235 235 الآن."


def visible(text: str) -> str:
    """Lay out text line by line as an RTL display would, dropping the invisible isolates."""
    lines = [get_display(line, base_dir="R") for line in plain_text(text).split("\n")]
    return "\n".join(lines).translate({ord(c): None for c in (LRI, FSI, PDI)})


def test_without_isolation_numbers_are_jumbled() -> None:
    """The problem is real: the bidi algorithm reverses the groups of a bare number."""
    assert "+46 771 235 235" not in visible(SENTENCE)
    assert "235 235 771 46+" in visible(SENTENCE)


def test_isolated_numbers_read_correctly() -> None:
    """With LRI...PDI around LTR runs, both numbers are displayed as written."""
    shown = visible(isolate_ltr(SENTENCE))
    assert "+46 771 235 235" in shown
    assert "0771-235 235" in shown


def test_isolation_keeps_html_valid_and_trailing_punctuation_outside() -> None:
    """Isolation happens in text nodes only: tags and links stay valid Telegram HTML."""
    blocks = markdown_blocks("زنگ بزنید **116 111** یا [Migrationsverket](https://x.se).", rtl=True)
    assert html_problems(blocks[0]) == []
    assert f"{LRI}116 111{PDI}" in blocks[0]
    assert f"{LRI}Migrationsverket{PDI}</a>." in blocks[0]


def test_fluent_placeables_are_isolated(library: Library) -> None:
    """Fluent's use_isolating wraps values in FSI...PDI, outside any HTML tag we add."""
    line = library.t("ar", "helpline-line", name="BRIS", phone="116 111")
    assert f"{FSI}116 111{PDI}" in line
    assert "116 111" in visible(line) and "BRIS" in visible(line)


@pytest.mark.parametrize("language", ["ar", "fa-AF"])
async def test_rtl_screens_show_numbers_in_order(conversation: Conversation, language: str) -> None:
    """Every phone number on the emergency screen of Arabic and Dari reads as written."""
    await conversation.handle(Event("button", 9, f"lang:{language}"))
    reply = await conversation.handle(Event("button", 9, "list:emergency"))
    assert reply and reply.screen
    shown = visible(reply.screen.text)
    for org in conversation.library.content.in_category("emergency"):
        if org.phone:
            from bot.content.model import international

            assert international(org.phone) in shown, org.id
