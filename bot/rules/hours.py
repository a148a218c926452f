"""Opening hours: parse them from content and say whether a place is open now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Period:
    """Open from `opens` to `closes` on the given weekdays (0 = Monday)."""

    days: frozenset[int]
    opens: time
    closes: time


@dataclass(frozen=True, slots=True)
class Hours:
    """Opening hours: always open, or a set of weekly periods."""

    always: bool
    periods: tuple[Period, ...] = ()


@dataclass(frozen=True, slots=True)
class OpenState:
    """Whether a place is open at a moment, and when that changes."""

    open_now: bool
    closes_at: time | None = None
    opens_at: datetime | None = None


ALWAYS = Hours(always=True)


def parse_days(text: str) -> frozenset[int]:
    """Parse 'mon-fri', 'tue', 'mon,wed,fri' or 'sat-sun' into weekday numbers."""
    days: set[int] = set()
    for part in str(text).lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in DAY_NAMES or (last and last not in DAY_NAMES):
            raise ValueError(f"unknown day {part!r}: use mon, tue, wed, thu, fri, sat, sun")
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if last else a
        if b < a:
            raise ValueError(f"day range {part!r} goes backwards")
        days.update(range(a, b + 1))
    return frozenset(days)


def parse_time(text: object) -> time:
    """Parse 'HH:MM' (24-hour clock)."""
    raw = str(text).strip()
    hh, sep, mm = raw.partition(":")
    if not sep or not (hh.isdigit() and mm.isdigit()) or len(mm) != 2:
        raise ValueError(f"time {raw!r} must look like 09:00 or 17:30")
    hour, minute = int(hh), int(mm)
    if hour == 24 and minute == 0:
        return time(23, 59, 59)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"time {raw!r} is not a time of day")
    return time(hour, minute)


def parse_hours(value: object) -> Hours:
    """Parse content's `hours:` value: 'always' or a list of {days, open, close}."""
    if isinstance(value, str) and value.strip().lower() in {"always", "24/7"}:
        return ALWAYS
    if not isinstance(value, list) or not value:
        raise ValueError(
            "hours must be 'always' or a list like [{days: mon-fri, open: '09:00', close: '17:00'}]"
        )
    periods = []
    for item in value:
        if not isinstance(item, dict) or not {"days", "open", "close"} <= set(item):
            raise ValueError("each opening period needs days, open and close")
        opens, closes = parse_time(item["open"]), parse_time(item["close"])
        if closes <= opens:
            raise ValueError(
                f"closing time {item['close']} is not after opening time {item['open']}"
            )
        periods.append(Period(parse_days(item["days"]), opens, closes))
    return Hours(always=False, periods=tuple(periods))


# How far ahead to look for the next opening: a week, plus Christmas to Epiphany's holidays.
LOOKAHEAD_DAYS = 21


def _periods_on(
    hours: Hours, day: date, closed: Callable[[date], bool] | None = None
) -> Iterable[Period]:
    if closed is not None and closed(day):
        return ()
    return sorted((p for p in hours.periods if day.weekday() in p.days), key=lambda p: p.opens)


def open_state(
    hours: Hours, now: datetime, closed: Callable[[date], bool] | None = None
) -> OpenState:
    """Say whether `hours` are open at `now`, computed in Stockholm time; on days where
    `closed` says so (public holidays, say), the periods do not apply ('always' does)."""
    if hours.always:
        return OpenState(open_now=True)
    local = now.astimezone(STOCKHOLM)
    for period in _periods_on(hours, local.date(), closed):
        if period.opens <= local.time() < period.closes:
            return OpenState(open_now=True, closes_at=period.closes)
    for offset in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        for period in _periods_on(hours, day, closed):
            start = datetime.combine(day, period.opens, tzinfo=STOCKHOLM)
            if start > local:
                return OpenState(open_now=False, opens_at=start)
    return OpenState(open_now=False)
