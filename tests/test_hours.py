"""Opening hours: parsing and 'open now / opens at' in Stockholm time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.rules.hours import STOCKHOLM, open_state, parse_hours

WEEKDAYS = parse_hours(
    [
        {"days": "mon-fri", "open": "09:00", "close": "17:00"},
        {"days": "sat", "open": "10:00", "close": "14:00"},
    ]
)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in Stockholm time."""
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_open_now_until_closing() -> None:
    """On a Tuesday at 13:00 it is open until 17:00."""
    state = open_state(WEEKDAYS, at(2026, 11, 24, 13, 0))
    assert state.open_now and state.closes_at and state.closes_at.hour == 17


def test_closed_opens_next_day() -> None:
    """Saturday evening, it opens again on Monday at 09:00."""
    state = open_state(WEEKDAYS, at(2026, 11, 28, 18, 0))
    assert not state.open_now and state.opens_at == at(2026, 11, 30, 9, 0)


def test_uses_stockholm_time_not_utc() -> None:
    """08:30 UTC in winter is 09:30 in Stockholm: open."""
    assert open_state(WEEKDAYS, datetime(2026, 11, 24, 8, 30, tzinfo=UTC)).open_now


def test_summer_time() -> None:
    """07:30 UTC in June is 09:30 in Stockholm (CEST): open."""
    assert open_state(WEEKDAYS, datetime(2026, 6, 16, 7, 30, tzinfo=UTC)).open_now


def test_always() -> None:
    """'always' is open at any moment."""
    assert open_state(parse_hours("always"), at(2026, 12, 24, 3, 0)).open_now


@pytest.mark.parametrize(
    "bad",
    [
        "sometimes",
        [],
        [{"days": "mon"}],
        [{"days": "funday", "open": "9:00", "close": "10:00"}],
        [{"days": "mon", "open": "25:00", "close": "26:00"}],
        [{"days": "mon", "open": "17:00", "close": "09:00"}],
        [{"days": "fri-mon", "open": "09:00", "close": "10:00"}],
    ],
)
def test_bad_hours_are_refused(bad: object) -> None:
    """Malformed hours raise ValueError with a message for staff."""
    with pytest.raises(ValueError):
        parse_hours(bad)
