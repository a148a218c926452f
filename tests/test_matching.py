"""Typed words find help: normalising, the matcher's table, and the answers in the core."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.content.model import Keywords
from bot.content.spelling import normalise
from bot.core.arrivals import matcher
from bot.core.conversation import Conversation, Event, Reply
from bot.core.matching import Found, Matcher
from bot.screens.library import Library, Screen
from bot.storage.memory import MemoryStore
from tests.typed_table import TABLE

CHAT = 424242
LANGUAGES = ("sv", "en", "ar", "fa-AF")
# The least share of the table each language must get right (measured: sv 36/36,
# en 34/35, ar 36/36, fa-AF 36/36); every crisis row must be caught.
LEAST = 0.9


def data(screen: Screen) -> list[str]:
    """All callback data of a screen."""
    return [b.data for row in screen.buttons for b in row if b.data]


@pytest.mark.parametrize(
    "typed,same_as",
    [
        ("Hjälp", "hjalp"),
        ("ÖVERKLAGA", "overklaga"),
        ("كمك", "کمک"),  # Arabic kaf and yeh on a Persian word
        ("شکايت", "شکایت"),
        ("مساعدة", "مساعده"),  # teh marbuta
        ("أريد", "ارید"),  # hamza on alef
        ("إسْتِئْنَاف", "استیناف"),  # diacritics and hamza on yeh
        ("مـسـاعـدة", "مساعده"),  # tatweel
        ("می\u200cخواهم", "میخواهم"),  # ZWNJ
        ("می خواهم", "میخواهم"),  # the verb prefix written apart
        ("۱۸ ساله", "18 ساله"),  # Persian digits
        ("١٨", "18"),  # Arabic-Indic digits
        ("قضیهٔ", "قضیه"),  # ezafe
        ("  Hej!!  där? ", "hej dar"),
    ],
)
def test_normalise_makes_typed_variants_equal(typed: str, same_as: str) -> None:
    """Letter variants, marks, half-spaces, digits, å/ä/ö and case normalise alike."""
    assert normalise(typed) == normalise(same_as)


def _hit(found: Found, expected: str) -> bool:
    if expected in ("crisis", "help", "none"):
        return found.kind == expected
    return not found.crisis and expected in [r.data for r in found.routes]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_of_typed_messages(library: Library, language: str) -> None:
    """At least 30 typed messages per language get the expected answer (crisis: all)."""
    matcher = Matcher(library.content)
    rows = TABLE[language]
    assert len(rows) >= 30
    misses = [(t, e) for t, e in rows if not _hit(matcher.find(t, language), e)]
    assert not [m for m in misses if m[1] == "crisis"], misses
    assert len(misses) <= (1 - LEAST) * len(rows), misses


def test_crisis_comes_before_everything(library: Library) -> None:
    """A crisis sentence among other words is a crisis, whatever else matches."""
    found = Matcher(library.content).find("how do I appeal, I want to die", "en")
    assert found.crisis and found.kind == "crisis"


def test_short_words_only_exactly(library: Library) -> None:
    """Greetings and near-misses of short words find nothing (no numbers for "hello")."""
    matcher = Matcher(library.content)
    for text in ("hello", "hej", "helo", "سلام", "مرحبا", "ok", "?", "", "🙂"):
        assert matcher.find(text, "en").kind == "none", text


def test_at_most_three_routes(library: Library) -> None:
    """A message touching many topics offers the best three, no more."""
    found = Matcher(library.content).find(
        "appeal lawyer rights turn 18 deportation disappear court said no", "en"
    )
    assert len(found.routes) == 3


async def _typed(conv: Conversation, text: str, language: str) -> Reply:
    await conv.handle(Event("button", CHAT, f"lang:{language}"))
    reply = await conv.handle(Event("text", CHAT, text))
    assert reply is not None and reply.screen is not None
    return reply


@pytest.mark.parametrize(
    "language,crisis,helping",
    [
        ("sv", "jag vill dö", "hjälp"),
        ("en", "I want to kill myself", "help"),
        ("ar", "أريد أن أموت", "مساعدة"),
        ("fa-AF", "می خواهم بمیرم", "کمک"),
    ],
)
async def test_crisis_and_help_words_get_the_emergency_answer(
    conversation: Conversation, language: str, crisis: str, helping: str
) -> None:
    """Crisis words: 112, 90101, BRIS and Talk to someone; help words: numbers and menu."""
    lib = conversation.library
    for text in (crisis, helping):
        reply = await _typed(conversation, text, language)
        assert reply.screen is not None
        shown = reply.screen.text.replace("\xa0", " ")  # numbers are kept whole by no-break spaces
        assert all(n in shown for n in ("112", "90101", "116 111")), text
    screen = (await _typed(conversation, crisis, language)).screen
    assert screen is not None
    assert data(screen)[:2] == ["talk", "list:emergency"]
    screen = (await _typed(conversation, helping, language)).screen
    assert screen is not None and lib.t(language, "typed-help") in screen.text
    assert data(screen) == data(lib.menu(language))


@pytest.mark.parametrize(
    "language,question",
    [
        ("sv", "hur överklagar jag"),
        ("en", "how do i apeal"),
        ("ar", "كيف أستأنف"),
        ("fa-AF", "چطور شكايت كنم"),
    ],
)
async def test_a_question_about_the_appeal_offers_the_appeal(
    conversation: Conversation, language: str, question: str
) -> None:
    """A typed question about the appeal offers the appeal section, titled, and Talk."""
    reply = await _typed(conversation, question, language)
    assert reply.screen is not None
    assert data(reply.screen)[0] == "s:appeal"
    title = conversation.library.content.section(language, "appeal")
    assert title is not None and reply.screen.buttons[0][0].label == title.title
    assert data(reply.screen)[-2:] == ["talk", "menu"]


async def test_no_match_is_kind_and_offers_topics_and_talk(conversation: Conversation) -> None:
    """Nothing found: a kind sentence above the main menu, with Talk to someone."""
    lib = conversation.library
    reply = await _typed(conversation, "blablabla", "ar")
    assert reply.screen == lib.menu("ar", prefix=lib.t("ar", "typed-none"))
    assert "talk" in data(reply.screen)


async def test_crisis_before_choosing_a_language(conversation: Conversation) -> None:
    """Crisis words as the very first message get the numbers in that language at once."""
    reply = await conversation.handle(Event("text", CHAT + 1, "خودکشی", app_language="sv"))
    assert reply is not None and reply.screen is not None
    lib = conversation.library
    assert lib.t("fa-AF", "typed-crisis") in reply.screen.text
    assert data(reply.screen)[0] == "lang:fa-AF"
    first = await conversation.handle(Event("text", CHAT + 2, "hej", app_language="sv"))
    assert first is not None and first.screen == lib.language_choice("sv")


async def test_only_the_kind_of_answer_is_counted(
    conversation: Conversation, store: MemoryStore
) -> None:
    """The counts get crisis, help, none or the best route, per language; never the text."""
    for text in ("jag vill dö", "hjälp", "överklaga", "qwerty"):
        await _typed(conversation, text, "sv")
    typed = sorted(
        (c.language, c.subject)
        for c in await store.counts(date.min, date.max)
        if c.event == "typed"
    )
    assert typed == [("sv", "crisis"), ("sv", "help"), ("sv", "none"), ("sv", "s:appeal")]


async def test_a_date_still_goes_to_the_deadline_helper(conversation: Conversation) -> None:
    """A typed date is read back by the deadline helper, not matched as words."""
    reply = await _typed(conversation, "3/11/2026", "en")
    assert reply.screen is not None and any(d.startswith("dl:") for d in data(reply.screen))


async def test_new_keywords_apply_after_a_reload(conversation: Conversation) -> None:
    """Staff's edited keywords are used as soon as the content is reloaded."""
    lib = conversation.library
    assert matcher(conversation.library.content).find("zebra", "en").kind == "none"
    words = replace(lib.content.keywords, help={"en": ("zebra",)})
    conversation.library = replace(lib, content=replace(lib.content, keywords=words))
    assert matcher(conversation.library.content).find("zebra", "en").kind == "help"
    empty = replace(lib.content, keywords=Keywords())
    conversation.library = replace(lib, content=empty)
    assert matcher(conversation.library.content).find("hjälp", "sv").kind == "none"
