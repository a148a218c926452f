"""Right-to-left text: numbers, Latin names, links and brackets stay whole in Arabic and Dari.

Evidence, with the Unicode bidirectional algorithm (python-bidi) that lays out text the
way Telegram's clients do: without isolation "+46 771 235 235" in an Arabic sentence is
shown as "235 235 771 46+"; wrapped in isolates it is shown as written.
"""

from __future__ import annotations

import pytest

from bot.content.markup import html_problems
from bot.content.model import international
from bot.core.conversation import Conversation, Event
from bot.screens.bidi import FSI, LRI, PDI, isolate_ltr, shape
from bot.screens.library import Library
from bot.screens.render import markdown_blocks, plain_text
from tests.reading import broken_pairs, drawn, screen_problems

SENTENCE = "اتصل بالرقم +46 771 235 235 أو 0771-235 235 الآن."
NBSP = "\u00a0"


def visible(text: str) -> str:
    """Lay out text line by line as an RTL display would, dropping the invisible isolates."""
    return "\n".join(drawn(line, "R") for line in plain_text(text).split("\n"))


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
    assert f"{LRI}116{NBSP}111{PDI}" in blocks[0]
    assert f"{LRI}Migrationsverket{PDI}</a>." in blocks[0]


def test_isolation_never_cuts_an_entity() -> None:
    """An ampersand inside a Latin run stays one entity ("&amp;"), inside the isolate."""
    blocks = markdown_blocks("برو به Rädda Barnen & BRIS امروز", rtl=True)
    assert f"{LRI}Rädda Barnen &amp; BRIS{PDI}" in blocks[0]
    assert html_problems(blocks[0]) == []


def test_fluent_placeables_are_isolated(library: Library) -> None:
    """Fluent's use_isolating wraps values in FSI...PDI, outside any HTML tag we add."""
    line = library.t("ar", "helpline-line", name="BRIS", phone="116 111")
    assert f"{FSI}116 111{PDI}" in line
    assert "116 111" in visible(line) and "BRIS" in visible(line)


DARI_TERM = "تو جواب رد (avslag) گرفته‌ای"


def test_swedish_term_in_brackets_is_isolated_without_them() -> None:
    """A "(Swedish term)" is isolated without its brackets, never with one of them."""
    assert isolate_ltr(DARI_TERM) == f"تو جواب رد ({LRI}avslag{PDI}) گرفته‌ای"


@pytest.mark.parametrize(
    "text",
    [DARI_TERM, "هذا هو المحامي (offentligt biträde) في قضيتك.", "به دفتر (Migrationsverket)."],
)
def test_swedish_term_in_brackets_reads_correctly(text: str) -> None:
    """Laid out right to left, the brackets enclose the term; before the fix they did not."""
    unfixed = text.replace("(", "(" + LRI).replace(")", ")" + PDI)  # the old run: "avslag)"
    assert broken_pairs(unfixed, "R") == 1
    assert broken_pairs(isolate_ltr(text), "R") == 0
    assert screen_problems(isolate_ltr(text)) == []
    assert "(avslag)" in visible(isolate_ltr(DARI_TERM))


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        ("بیا (Stadsmission (Malmö)) امروز", f"بیا ({LRI}Stadsmission (Malmö){PDI}) امروز"),
        ("بیا (کمک Stadsmission (Malmö)) امروز", f"بیا (کمک {LRI}Stadsmission (Malmö){PDI}) امروز"),
        ("بیا (Malmö امروز", f"بیا ({LRI}Malmö{PDI} امروز"),
        ("بیا Malmö) امروز", f"بیا {LRI}Malmö{PDI}) امروز"),
        ("بیا (Malmö (city امروز", f"بیا ({LRI}Malmö{PDI} ({LRI}city{PDI} امروز"),
        ("بیا (Skåne (Malmö)) امروز", f"بیا ({LRI}Skåne (Malmö){PDI}) امروز"),
    ],
)
def test_a_run_keeps_a_bracket_only_with_its_partner(text: str, isolated: str) -> None:
    """Nested and lonely brackets: a bracket whose partner is outside the run stays outside."""
    assert isolate_ltr(text) == isolated
    assert broken_pairs(isolated, "R") == 0


def test_a_number_with_no_break_spaces_is_one_isolate() -> None:
    """'116 111' joined by a no-break space is one run, so it can never show as '111 116'."""
    assert isolate_ltr(f"زنگ بزن 116{NBSP}111") == f"زنگ بزن {LRI}116{NBSP}111{PDI}"
    assert isolate_ltr("Ring +46 771 235 235") == f"{LRI}Ring +46 771 235 235{PDI}"
    assert isolate_ltr("زنگ (08) 123 45") == f"زنگ {LRI}(08) 123 45{PDI}"


@pytest.mark.parametrize("number", ["116 111", "0771-235 235", "+46 771 235 235", "114 14"])
def test_shape_joins_every_number_in_every_language(number: str) -> None:
    """No line break can split a number: its groups are joined by no-break spaces."""
    joined = number.replace(" ", NBSP)
    assert shape(f"Ring {number} nu", rtl=False) == f"Ring {joined} nu"
    assert shape(f"زنگ {number} بزن", rtl=True) == f"زنگ {LRI}{joined}{PDI} بزن"
    assert f"<b>{LRI}{joined}{PDI}</b>" in markdown_blocks(f"زنگ **{number}**", rtl=True)[0]


def test_shape_leaves_tags_entities_and_placeables_alone() -> None:
    """Tags, entities and Fluent placeables are not isolated again or changed."""
    text = f'<a href="https://x.se/a b">BRIS</a> &amp; {FSI}+46 70 123 45 67{PDI} و /forget'
    assert shape(text, rtl=True) == (
        f'<a href="https://x.se/a b">{LRI}BRIS{PDI}</a> &amp; {FSI}+46 70 123 45 67{PDI}'
        f" و {LRI}/forget{PDI}"
    )
    hand = f"به {LRI}116 111{PDI} زنگ بزن"
    assert shape(hand, rtl=True) == f"به {LRI}116{NBSP}111{PDI} زنگ بزن"


@pytest.mark.parametrize("language", ["ar", "fa-AF"])
async def test_rtl_screens_show_numbers_in_order(conversation: Conversation, language: str) -> None:
    """Every phone number on the emergency screen of Arabic and Dari reads as written."""
    await conversation.handle(Event("button", 9, f"lang:{language}"))
    reply = await conversation.handle(Event("button", 9, "list:emergency"))
    assert reply and reply.screen
    shown = visible(reply.screen.text)
    for org in conversation.library.content.in_category("emergency"):
        if org.phone:
            assert international(org.phone) in shown, org.id
