"""The appeal-deadline helper in the conversation: picker, answer, typed dates, privacy."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.markup import html_problems
from bot.content.model import DeadlineContent
from bot.core.conversation import Conversation, Event, Reply
from bot.core.pseudonym import Pseudonyms
from bot.rules.deadline import DEFAULT_RULE
from bot.screens.dates import weekday_date as format_day
from bot.screens.digits import number as format_number
from bot.screens.library import Screen, load_library
from bot.screens.render import text_length
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT, KEY, LOCALES, FixedClock

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


async def test_menu_reaches_the_helper_in_two_taps(conversation: Conversation) -> None:
    """From the main menu: the deadline button, then a period, and the calendar is shown."""
    lib = conversation.library
    menu = await press(conversation, "lang:ar")
    question = await press(conversation, button(menu, lib.t("ar", "deadline-button")))
    assert lib.t("ar", "deadline-ask")[:20] in question.text
    calendar = await press(conversation, data(question)[0])
    assert lib.t("ar", "deadline-pick")[:20] in calendar.text
    assert "dl:3:2026-11-24" in data(calendar)


@pytest.mark.parametrize("code", LANGUAGES)
async def test_the_helper_asks_what_the_decision_says(
    conversation: Conversation, code: str
) -> None:
    """The first screen offers the periods of deadline.yaml, a written last day, "I don't know"."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    screen = await press(conversation, "dl")
    assert data(screen) == ["dl:3", "dl:2", "dl:1", "dl:e", "dl:u", "s:appeal", "menu"]
    usual = lib.t(code, "deadline-option", weeks=3, count=format_number(3, code))
    assert screen.buttons[0][0].label == lib.t(code, "deadline-option-usual", option=usual)
    assert screen.buttons[1][0].label == lib.t(code, "deadline-option", weeks=2, count="2")
    assert screen.buttons[4][0].label == lib.t(code, "deadline-option-unknown")
    check_screen(screen, code)


async def test_picker_has_today_yesterday_weekdays_and_days(conversation: Conversation) -> None:
    """The calendar offers Today, Yesterday, a weekday header and five weeks, Monday first."""
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, "dl:3")
    assert lib.t("en", "deadline-pick")[:20] in screen.text
    assert button(screen, lib.t("en", "deadline-today")) == "dl:3:2026-11-24"
    assert button(screen, lib.t("en", "deadline-yesterday")) == "dl:3:2026-11-23"
    assert [b.label for b in screen.buttons[1]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert {b.data for b in screen.buttons[1]} == {"dl:3"}, "the header reopens the calendar"
    dated = [d for d in data(screen) if len(d) == len("dl:3:2026-11-24")]
    assert "dl:3:2026-10-21" in dated and "dl:3:2026-10-20" not in dated
    assert "dl:3:2026-11-25" not in dated
    assert all(len(row) == 7 for row in screen.buttons[1:-1])
    assert screen.buttons[2][2].data == "dl:3:2026-10-21"  # a Wednesday, third in its row
    assert screen.buttons[2][2].label == "21 Oct"
    assert screen.buttons[3][6].label == "1 Nov"
    assert screen.buttons[-2][1].data == "dl:3:2026-11-24"  # today, a Tuesday
    assert [b.data for b in screen.buttons[-1]] == ["dl", "menu"]


@pytest.mark.parametrize("code", LANGUAGES)
async def test_pressing_a_date_gives_the_deadline(conversation: Conversation, code: str) -> None:
    """A date gives the last day and days left, with the caveat and the EU Pact above them."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    screen = await press(conversation, "dl:3:2026-11-10")
    day = format_day(date(2026, 12, 1), code)
    assert day in screen.text
    caveat, pact = lib.t(code, "deadline-caveat"), lib.t(code, "deadline-pact")
    assert screen.text.index(caveat) < screen.text.index(pact) < screen.text.index(day)
    assert lib.t(code, "deadline-now")[:15] in screen.text
    assert {"list:legal", "talk"} <= set(data(screen))
    assert data(screen)[-2:] == ["dl:3", "menu"]
    check_screen(screen, code)


@pytest.mark.parametrize(
    "value,last",
    [
        ("dl:3:2026-11-10", date(2026, 12, 1)),
        ("dl:2:2026-11-10", date(2026, 11, 24)),
        ("dl:1:2026-11-10", date(2026, 11, 17)),
        ("dl:2:2026-12-04", date(2026, 12, 18)),
    ],
)
async def test_the_period_of_the_decision_is_used(
    conversation: Conversation, value: str, last: date
) -> None:
    """Two and one weeks count from the decision too, moving off weekends and holidays."""
    conversation.clock.moment = datetime(2026, 12, 5, 12, tzinfo=UTC)  # type: ignore[attr-defined]
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, value)
    assert format_day(last, "en") in screen.text
    weeks = int(value.split(":")[1])
    counted = lib.t("en", "deadline-counted", weeks=weeks, count=str(weeks))
    assert counted in screen.text


async def test_a_last_day_written_in_the_decision(
    conversation: Conversation, store: MemoryStore
) -> None:
    """With a last day from the decision, the calendar looks ahead and shows days left to it."""
    lib = conversation.library
    await press(conversation, "lang:sv")
    calendar = await press(conversation, "dl:e")
    assert lib.t("sv", "deadline-pick-written")[:20] in calendar.text
    dated = [d for d in data(calendar) if d.startswith("dl:e:")]
    assert dated[0] == "dl:e:2026-11-24" and "dl:e:2026-12-28" in dated
    assert "dl:e:2026-11-23" not in dated
    answer = await press(conversation, "dl:e:2026-12-01")
    last = format_day(date(2026, 12, 1), "sv")
    assert lib.t("sv", "deadline-days-left", days="7") in answer.text
    assert answer.text.index(lib.t("sv", "deadline-caveat")) < answer.text.index(last)
    passed = await press(conversation, "dl:e:2026-11-20")
    assert lib.t("sv", "deadline-passed", day="X").split("X")[0] in passed.text
    assert {k[3] for k in store.totals if k[2] == "deadline"} == {"3-7", "passed"}
    check_screen(answer, "written")


async def test_i_do_not_know_puts_legal_help_first(conversation: Conversation) -> None:
    """ "I don't know": legal help and Talk to someone first, then the usual period with caveat."""
    lib = conversation.library
    await press(conversation, "lang:fa-AF")
    screen = await press(conversation, "dl:u")
    assert screen.text.startswith(lib.t("fa-AF", "deadline-unknown"))
    assert data(screen)[:2] == ["list:legal", "talk"]
    assert button(screen, lib.t("fa-AF", "deadline-today")) == "dl:u:2026-11-24"
    answer = await press(conversation, "dl:u:2026-11-10")
    assert answer.text.startswith(lib.t("fa-AF", "deadline-unknown"))
    assert format_day(date(2026, 12, 1), "fa-AF") in answer.text
    assert lib.t("fa-AF", "deadline-caveat") in answer.text
    assert data(answer)[:2] == ["list:legal", "talk"]


async def test_old_date_buttons_still_answer(conversation: Conversation) -> None:
    """A `dl:<day>` button from before the question is answered as "I don't know"."""
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, "dl:2026-11-10")
    assert screen.text.startswith(lib.t("en", "deadline-unknown"))
    assert format_day(date(2026, 12, 1), "en") in screen.text


@pytest.mark.parametrize(
    "code,typed",
    [("fa-AF", "۳/۱۱/۲۰۲۶"), ("ar", "٣/١١/٢٠٢٦"), ("sv", "3 nov"), ("en", "2026-11-03")],
)
async def test_typed_dates_are_read_back_first(
    conversation: Conversation, store: MemoryStore, code: str, typed: str
) -> None:
    """A typed date is read back ("I read this as ..."); Yes asks what the decision says."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    reply = await write(conversation, typed)
    assert reply.screen is not None
    day = format_day(date(2026, 11, 3), code)
    assert lib.t(code, "deadline-read-back", day=day) == reply.screen.text
    assert data(reply.screen) == ["dl:d:2026-11-03", "dl", "dl", "menu"]
    assert not any(key[2] == "deadline" for key in store.totals), "nothing answered yet"
    question = await press(conversation, "dl:d:2026-11-03")
    assert day in question.text
    assert data(question)[:5] == [f"dl:{p}:2026-11-03" for p in ("3", "2", "1", "e", "u")]
    answer = await press(conversation, "dl:3:2026-11-03")
    assert format_day(TODAY, code) in answer.text
    assert lib.t(code, "deadline-last-day-today") in answer.text


async def test_day_and_month_follow_the_language(tmp_path: Path, clock: FixedClock) -> None:
    """3/11 is 3 November by default; a language marked mdy reads 11 March; ISO always works."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    for code in LANGUAGES:  # every folder has every key; English writes month first here
        main = locales / code / "main.ftl"
        order = "mdy" if code == "en" else "dmy"
        main.write_text(main.read_text(encoding="utf-8") + f"language-date-order = {order}\n")
    library, problems = load_library(CONTENT, locales)
    assert library is not None, problems
    conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)
    for code, typed, day in [
        ("sv", "3/11/2026", date(2026, 11, 3)),
        ("en", "3/11/2026", date(2026, 3, 11)),
        ("en", "2026-11-03", date(2026, 11, 3)),
    ]:
        await press(conversation, f"lang:{code}")
        reply = await write(conversation, typed)
        assert reply.screen is not None
        assert format_day(day, code) in reply.screen.text, (code, typed)


async def test_other_text_is_not_read_as_a_date(conversation: Conversation) -> None:
    """A text that is not cleanly a date goes on to the typed-words answer, not a date."""
    await press(conversation, "lang:en")
    for text in ("hello", "3/11 at noon", "31/02/2026", "x" * 200):
        reply = await write(conversation, text)
        assert reply.screen is not None
        assert conversation.library.t("en", "typed-none") in reply.screen.text, text


async def test_future_date_is_refused(conversation: Conversation, store: MemoryStore) -> None:
    """A delivery day after today is refused politely and the calendar is shown again."""
    lib = conversation.library
    await press(conversation, "lang:sv")
    screen = await press(conversation, "dl:3:2026-11-25")
    assert lib.t("sv", "deadline-future") in screen.text
    assert lib.t("sv", "deadline-pick")[:20] in screen.text
    assert "dl:3:2026-11-24" in data(screen)
    assert not any(key[2] == "deadline" for key in store.totals)


@pytest.mark.parametrize("code", LANGUAGES)
async def test_passed_date_points_to_legal_help(conversation: Conversation, code: str) -> None:
    """A passed deadline is said kindly, with legal help at once."""
    lib = conversation.library
    await press(conversation, f"lang:{code}")
    screen = await press(conversation, "dl:3:2026-10-20")
    assert lib.t(code, "deadline-passed", day="X").split("X")[0] in screen.text
    assert format_day(date(2026, 11, 10), code) in screen.text
    assert data(screen)[0] == "list:legal"
    assert lib.t(code, "deadline-caveat") in screen.text
    check_screen(screen, code)


async def test_more_than_a_year_back_gets_a_note(conversation: Conversation) -> None:
    """A date over a year back is still computed, with a gentle note."""
    lib = conversation.library
    await press(conversation, "lang:en")
    screen = await press(conversation, "dl:3:2025-01-10")
    assert lib.t("en", "deadline-too-old") in screen.text
    assert format_day(date(2025, 1, 31), "en") in screen.text


async def test_forged_deadline_buttons_lead_to_menu(conversation: Conversation) -> None:
    """Forged or impossible dates, and periods no screen offers, lead to the stale-button menu."""
    await press(conversation, "lang:en")
    note = conversation.library.t("en", "stale-button")
    for forged in (
        "dl:9999-99-99",
        "dl:x",
        "dl:2026-13-01",
        "dl:2026-11-3",
        "dl:2026-11-24x",
        "dl:7:2026-11-10",
        "dl:7",
        "dl:0",
        "dl:d:x",
        "dl:e:2026-11",
        "dl:3:2026-11-10:1",
    ):
        screen = await press(conversation, forged)
        assert note in screen.text, forged


async def test_count_has_band_and_no_date(conversation: Conversation, store: MemoryStore) -> None:
    """Only language and band are counted; the date is stored nowhere."""
    await press(conversation, "lang:ar")
    await press(conversation, "dl:3:2026-11-10")
    await write(conversation, "٣/١١/٢٠٢٦")
    await press(conversation, "dl:d:2026-11-03")
    await press(conversation, "dl:3:2026-11-03")
    await press(conversation, "dl:3:2026-10-20")
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


async def test_from_the_appeal_section(conversation: Conversation) -> None:
    """From the appeal section: deadline button, a period, a day, the answer."""
    lib = conversation.library
    await press(conversation, "lang:fa-AF")
    section = await press(conversation, "s:appeal")
    question = await press(conversation, button(section, lib.t("fa-AF", "deadline-button")))
    picker = await press(conversation, data(question)[0])
    answer = await press(conversation, button(picker, lib.t("fa-AF", "deadline-yesterday")))
    assert format_day(date(2026, 12, 14), "fa-AF") in answer.text
    assert "۱۴" in answer.text


async def test_every_deadline_screen_has_back_and_menu(conversation: Conversation) -> None:
    """The question, calendars and every kind of answer end with Back and Menu."""
    values = ["dl", "dl:d:2026-11-20", "dl:3", "dl:2", "dl:1", "dl:e", "dl:u"]
    values += ["dl:3:2026-11-24", "dl:2:2026-11-03", "dl:1:2026-10-01", "dl:3:2024-01-01"]
    values += ["dl:e:2026-12-24", "dl:e:2026-10-01", "dl:u:2026-11-20", "dl:2026-11-20"]
    for code in LANGUAGES:
        await press(conversation, f"lang:{code}")
        for value in values:
            check_screen(await press(conversation, value), (code, value))


def test_deadline_rule_loads_from_content() -> None:
    """content/deadline.yaml gives the law's rule, its basis and sources."""
    content, _ = load_content(CONTENT, LANGUAGES)
    assert content is not None
    assert content.deadline.rule == DEFAULT_RULE
    assert "1930:173" in content.deadline.legal_basis
    assert content.deadline.written is not None and content.deadline.sources


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


async def test_far_away_dates_get_a_clean_answer(conversation: Conversation) -> None:
    """A forged `dl:9999-12-31` (three weeks later does not exist) gives the stale-button menu."""
    await press(conversation, "lang:en")
    note = conversation.library.t("en", "stale-button")
    far = ("dl:9999-12-31", "dl:0001-01-01", "dl:2200-01-01", "dl:3:9999-12-31")
    for forged in (*far, "dl:e:9999-12-31", "dl:u:0001-01-01", "dl:d:9999-12-31"):
        screen = await press(conversation, forged)
        assert note in screen.text, forged


def test_periods_are_validated(tmp_path: Path) -> None:
    """`periods:` must be distinct whole weeks that include the usual `weeks:`; else an error."""
    for item in CONTENT.iterdir():
        if item.name != "deadline.yaml":
            (tmp_path / item.name).symlink_to(item)
    for periods in ("[3, 3]", "[2, 1]", "[3, x]", "[]", "3", "[3, 60]"):
        (tmp_path / "deadline.yaml").write_text(f"weeks: 3\nperiods: {periods}\n", encoding="utf-8")
        content, problems = load_content(tmp_path, LANGUAGES)
        assert content is None, periods
        assert any(p.line == 2 and "periods" in p.message for p in problems), periods
    (tmp_path / "deadline.yaml").write_text("weeks: 3\nperiods: [4, 3]\n", encoding="utf-8")
    content, _ = load_content(tmp_path, LANGUAGES)
    assert content is not None and content.deadline.periods == (4, 3)
