"""Answering hours and Swedish public holidays: closed unless relay.yaml says a desk answers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Desk, answer_state
from bot.content.problems import Problem
from bot.content.relay import load_relay
from bot.rules.deadline import is_holiday
from bot.rules.hours import STOCKHOLM, open_state, parse_hours

LANGS = ["sv", "en", "ar", "fa-AF"]
OFFICE = parse_hours([{"days": "mon-fri", "open": "09:00", "close": "16:00"}])
CHRISTMAS = datetime(2026, 12, 24, 10, 0, tzinfo=STOCKHOLM)  # Thursday, Christmas Eve


def test_holidays_and_eves() -> None:
    """Public holidays and the three eves count; an ordinary Tuesday or a Sunday does not."""
    assert is_holiday(date(2026, 12, 25)) and is_holiday(date(2026, 12, 24))
    assert is_holiday(date(2026, 6, 19))  # Midsummer Eve
    assert not is_holiday(date(2026, 11, 24)) and not is_holiday(date(2026, 11, 29))


def test_a_holiday_closes_the_weekly_hours_until_the_next_working_day() -> None:
    """Christmas Eve to Boxing Day, then the weekend: staff answer Monday 28 December."""
    assert open_state(OFFICE, CHRISTMAS).open_now
    state = open_state(OFFICE, CHRISTMAS, is_holiday)
    assert not state.open_now
    assert state.opens_at == datetime(2026, 12, 28, 9, 0, tzinfo=STOCKHOLM)


def test_a_desk_can_be_open_on_some_or_all_holidays() -> None:
    """A desk open on Christmas Eve answers then; one open on every holiday, always."""
    plain = Desk("farr", OFFICE)
    some = Desk("farr", OFFICE, open_on=frozenset({date(2026, 12, 24)}))
    every = Desk("farr", OFFICE, open_on_all_holidays=True)
    state = answer_state(plain, "sv", CHRISTMAS)
    assert state is not None and not state.open_now
    for desk in (some, every):
        state = answer_state(desk, "sv", CHRISTMAS)
        assert state is not None and state.open_now
    boxing = datetime(2026, 12, 25, 10, 0, tzinfo=STOCKHOLM)
    assert not answer_state(some, "sv", boxing).open_now  # type: ignore[union-attr]
    assert answer_state(every, "sv", boxing).open_now  # type: ignore[union-attr]


def load(tmp_path: Path, text: str) -> tuple[list[Desk], list[Problem]]:
    """Read a relay.yaml written from `text`."""
    path = tmp_path / "relay.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    relay = load_relay(path, LANGS, {"farr", "bris"}, problems)
    return [relay.anyone, *relay.desks], problems


def test_open_on_holidays_is_read_and_checked(tmp_path: Path) -> None:
    """Dates must be real holidays; `true` opens every holiday; desks inherit the shared one."""
    desks, problems = load(
        tmp_path,
        "open_on_holidays: [2026-12-24]\n"
        "desks:\n"
        "  - organisation: farr\n"
        "    open_on_holidays: true\n"
        "  - organisation: bris\n",
    )
    assert not problems
    anyone, farr, bris = desks
    assert anyone.open_on == bris.open_on == frozenset({date(2026, 12, 24)})
    assert farr.open_on_all_holidays and not bris.open_on_all_holidays
    _, problems = load(
        tmp_path,
        "desks:\n  - organisation: farr\n    open_on_holidays: [2026-11-24, someday]\n",
    )
    messages = " ".join(p.message for p in problems)
    assert "2026-11-24 is not a Swedish public holiday" in messages
    assert "'someday' is not a date" in messages and all(p.line == 2 for p in problems)


def test_the_real_relay_yaml_still_loads() -> None:
    """The repository's relay.yaml has no holiday problems."""
    root = Path(__file__).resolve().parent.parent
    _, problems = load_content(root / "content", LANGS)
    assert not [p for p in problems if "holiday" in p.message]
