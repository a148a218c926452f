"""The appeal-deadline helper in the conversation: picker, answer, typed dates, privacy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.markup import html_problems
from bot.content.model import DeadlineContent
from bot.core.conversation import Conversation, Event, Reply
from bot.rules.deadline import DEFAULT_RULE
from bot.screens.dates import weekday_date as format_day
from bot.screens.library import Screen
from bot.screens.render import text_length
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT

CHAT = 555000222
LANGUAGES = ["sv", "en", "ar", "fa-AF"]
TODAY = date(2026, 11, 24)


def data(screen: Screen) -> list[str]:
    """All callback data of a screen."""
    return [b.data for row in screen.buttons for b in row if b.data]


def button(screen: Screen, label: str) -> str:
    """The callback data of the button with this label."""
    found = [b.data for row in screen.buttons for b in row if b.label == label and b.data]
    assert found, (label, [b.label for row in screen.buttons for b in row])
    return found[0]


async def press(conv: Conversation, value: str) -> Screen:
    """Press a button and return the screen shown."""
    reply = await conv.handle(Event("button", CHAT, value))
    assert reply is not None and reply.screen is not None, value
    return reply.screen


async def write(conv: Conversation, text: str) -> Reply:
    """Send a text message."""
    reply = await conv.handle(Event("text", CHAT, text))
    assert reply is not None and reply.screen is not None, text
    return reply


def check_screen(screen: Screen, where: object) -> None:
    """Assert the screen ends with Back and Menu, is valid HTML and fits a message."""
    assert [b.data for b in screen.buttons[-1]][1] == "menu", where
    assert html_problems(screen.text) == [], where
    assert 0 < text_length(screen.text) <= 4096, where
    assert all(len(d.encode()) <= 64 for d in data(screen)), where


async def test_appeal_section_has_deadline_button(conversation: Conversation) -> None:
    """The appeal section offers the deadline button in every language."""
    for code in LANGUAGES:
        await press(conversation, f"lang:{code}")
        screen = await press(conversation, "s:appeal")
        assert button(screen, conversation.library.t(code, "deadline-button")) == "dl"


async def test_picker_has_today_yesterday_and_days(conversation: Conversation) -> None:
    """The picker offers Today, Yesterday and five weeks of dated buttons, Monday first."""
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, "dl")
    assert lib.t("en", "deadline-pick")[:20] in screen.text
    assert button(screen, lib.t("en", "deadline-today")) == "dl:2026-11-24"
    assert button(screen, lib.t("en", "deadline-yesterday")) == "dl:2026-11-23"
    dated = [d for d in data(screen) if len(d) == len("dl:2026-11-24")]
    assert "dl:2026-10-21" in dated and "dl:2026-10-20" not in dated
    assert "dl:2026-11-25" not in dated
    assert all(len(row) == 7 for row in screen.buttons[1:-1])
    assert screen.buttons[1][2].data == "dl:2026-10-21"  # a Wednesday, third in its row
    assert screen.buttons[1][2].label == "21 Oct"
    assert screen.buttons[2][6].label == "1 Nov"
    assert screen.buttons[-2][1].data == "dl:2026-11-24"  # today, a Tuesday
    assert [b.data for b in screen.buttons[-1]] == ["s:appeal", "menu"]


@pytest.mark.parametrize("code", LANGUAGES)
async def test_pressing_a_date_gives_the_deadline(conversation: Conversation, code: str) -> None:
    """A date pressed on the picker gives the last day, days left and the caveat."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    screen = await press(conversation, "dl:2026-11-10")
    assert format_day(date(2026, 12, 1), code) in screen.text
    assert lib.t(code, "deadline-caveat") in screen.text
    assert lib.t(code, "deadline-now")[:15] in screen.text
    assert {"list:legal", "talk"} <= set(data(screen))
    check_screen(screen, code)


@pytest.mark.parametrize(
    "code,typed",
    [("fa-AF", "۳/۱۱/۲۰۲۶"), ("ar", "٣/١١/٢٠٢٦"), ("sv", "3 nov"), ("en", "2026-11-03")],
)
async def test_typed_dates_work(conversation: Conversation, code: str, typed: str) -> None:
    """A typed date in native digits gives the deadline: today, the last day."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    reply = await write(conversation, typed)
    assert reply.screen is not None
    assert format_day(TODAY, code) in reply.screen.text
    assert lib.t(code, "deadline-last-day-today") in reply.screen.text
    assert lib.t(code, "deadline-caveat") in reply.screen.text


async def test_other_text_is_still_not_understood(conversation: Conversation) -> None:
    """A text that is not cleanly a date keeps the not-understood answer."""
    await press(conversation, "lang:en")
    for text in ("hello", "3/11 at noon", "31/02/2026", "x" * 200):
        reply = await write(conversation, text)
        assert reply.screen is not None
        assert conversation.library.t("en", "not-understood") in reply.screen.text, text


async def test_future_date_is_refused(conversation: Conversation, store: MemoryStore) -> None:
    """A day after today is refused politely and the picker is shown again."""
    lib = conversation.library
    await press(conversation, "lang:sv")
    screen = await press(conversation, "dl:2026-11-25")
    assert lib.t("sv", "deadline-future") in screen.text
    assert lib.t("sv", "deadline-pick")[:20] in screen.text
    typed = await write(conversation, "2026-12-24")
    assert typed.screen is not None and lib.t("sv", "deadline-future") in typed.screen.text
    assert not any(key[2] == "deadline" for key in store.totals)


@pytest.mark.parametrize("code", LANGUAGES)
async def test_passed_date_points_to_legal_help(conversation: Conversation, code: str) -> None:
    """A passed deadline is said kindly, with legal help at once."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    screen = await press(conversation, "dl:2026-10-20")
    assert lib.t(code, "deadline-passed", day="X").split("X")[0] in screen.text
    assert format_day(date(2026, 11, 10), code) in screen.text
    assert data(screen)[0] == "list:legal"
    assert lib.t(code, "deadline-caveat") in screen.text
    check_screen(screen, code)


async def test_more_than_a_year_back_gets_a_note(conversation: Conversation) -> None:
    """A date over a year back is still computed, with a gentle note."""
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, "dl:2025-01-10")
    assert lib.t("en", "deadline-too-old") in screen.text
    assert format_day(date(2025, 1, 31), "en") in screen.text


async def test_forged_deadline_buttons_lead_to_menu(conversation: Conversation) -> None:
    """Forged or impossible dates in button data lead to the menu with the stale note."""
    await press(conversation, "lang:en")
    note = conversation.library.t("en", "stale-button")
    for forged in ("dl:9999-99-99", "dl:x", "dl:2026-13-01", "dl:2026-11-3", "dl:2026-11-24x"):
        screen = await press(conversation, forged)
        assert note in screen.text, forged


async def test_count_has_band_and_no_date(conversation: Conversation, store: MemoryStore) -> None:
    """Only language and band are counted; the date is stored nowhere."""
    await press(conversation, "lang:ar")
    await press(conversation, "dl:2026-11-10")
    await write(conversation, "٣/١١/٢٠٢٦")
    await press(conversation, "dl:2026-10-20")
    deadline_counts = {k: n for k, n in store.totals.items() if k[2] == "deadline"}
    assert deadline_counts == {
        (TODAY, "ar", "deadline", "3-7"): 1,
        (TODAY, "ar", "deadline", "0-2"): 1,
        (TODAY, "ar", "deadline", "passed"): 1,
    }
    everything = repr(store.totals) + repr(store.languages) + repr(vars(store))
    for day in (date(2026, 11, 10), date(2026, 12, 1), date(2026, 11, 3), date(2026, 10, 20)):
        assert day.isoformat() not in everything
        assert repr(day) not in everything


async def test_three_taps_from_appeal_section(conversation: Conversation) -> None:
    """From the appeal section: deadline button, a date, the answer: three presses."""
    lib = conversation.library
    await press(conversation, "lang:fa-AF")
    section = await press(conversation, "s:appeal")
    picker = await press(conversation, button(section, lib.t("fa-AF", "deadline-button")))
    answer = await press(conversation, button(picker, lib.t("fa-AF", "deadline-yesterday")))
    assert format_day(date(2026, 12, 14), "fa-AF") in answer.text
    assert "۱۴" in answer.text


async def test_every_deadline_screen_has_back_and_menu(conversation: Conversation) -> None:
    """The picker and every kind of answer end with Back and Menu in every language."""
    for code in LANGUAGES:
        await press(conversation, f"lang:{code}")
        for value in ("dl", "dl:2026-11-24", "dl:2026-11-03", "dl:2026-10-01", "dl:2024-01-01"):
            check_screen(await press(conversation, value), (code, value))


def test_deadline_rule_loads_from_content() -> None:
    """content/deadline.yaml gives the law's rule, its basis and sources."""
    content, _ = load_content(CONTENT, LANGUAGES)
    assert content is not None
    assert content.deadline.rule == DEFAULT_RULE
    assert "1930:173" in content.deadline.legal_basis
    assert content.deadline.checked is not None and content.deadline.sources


def test_bad_deadline_values_are_reported(tmp_path: Path) -> None:
    """Bad values in deadline.yaml are problems with file and line; absence is fine."""
    for item in CONTENT.iterdir():
        if item.name != "deadline.yaml":
            (tmp_path / item.name).symlink_to(item)
    content, _ = load_content(tmp_path, LANGUAGES)
    assert content is not None and content.deadline == DeadlineContent()
    (tmp_path / "deadline.yaml").write_text(
        "weeks: 0\nclosed_days:\n  - easter_eve\nlegal_basis: ''\nchecked: soon\n",
        encoding="utf-8",
    )
    content, problems = load_content(tmp_path, LANGUAGES)
    assert content is None
    found = {(p.line, p.path.name) for p in problems}
    assert {(1, "deadline.yaml"), (2, "deadline.yaml"), (4, "deadline.yaml")} <= found
    assert (5, "deadline.yaml") in found
