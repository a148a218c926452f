"""Anonymous usage statistics: `python -m bot stats`.

Reads the daily counts (day, language, event, subject, n) from the store read-only and
sums them per day, ISO week or month. Small counts are suppressed ("<5") by default,
as official statistics do, so that the output can be shared. Unique users exist per day
only (see bot/core/uniques.py); weekly or monthly unique users are not knowable and are never
made up. matplotlib is imported only when a chart is asked for.

The relay to staff has its own part: conversations started per desk and language, and the
median time to the staff's first answer per period (all languages together), hidden when
fewer conversations than the threshold were answered. The raw "first-response" counts (one
row per minute value) never appear among the ordinary rows.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from bot.core.uniques import RESTART, UNIQUE
from bot.storage.base import Count

By = Literal["day", "week", "month"]
Value = int | str
COLUMNS = ("period", "language", "event", "subject", "count")
ALL_LANGUAGES = "*"
FUNNEL_EVENT = "funnel"
# The summed daily figures, for weeks and months: NOT the number of different people.
UNIQUE_DAILY_SUM = "unique-daily-sum"
DEFAULT_SUPPRESS = 5
DEFAULT_WEEKS = 4
# The relay to staff: one "relay" count per conversation started (subject: the desk, an
# organisation id or "any"; older data has ""), and one "first-response" count per answered
# conversation (subject: whole minutes to the first staff answer, on the day of the answer).
RELAY_EVENT = "relay"
FIRST_RESPONSE_EVENT = "first-response"
ANY_DESK = "any"
ANSWERED = "answered"
MEDIAN_MINUTES = "median-minutes"

# Each funnel step and the events that count for it.
FUNNEL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("1 started", ("start",)),
    ("2 chose a language", ("language",)),
    ("3 opened the sheet", ("sheet",)),
    ("4 opened a contact", ("organisation",)),
    ("5 talked to someone", ("talk",)),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the statistics: a count in a period."""

    period: str
    language: str
    event: str
    subject: str
    count: int


def period_of(day: date, by: By) -> str:
    """Label the period a day falls in: 2026-11-23, 2026-W48 (ISO week) or 2026-11."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def last_full_weeks(today: date, weeks: int = DEFAULT_WEEKS) -> tuple[date, date]:
    """Return the first and last day of the last `weeks` full ISO weeks before today."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=weeks), monday - timedelta(days=1)


def shown(n: int, threshold: int) -> Value:
    """Return the count, or "<threshold" when it is small enough to identify someone."""
    return f"<{threshold}" if threshold > 0 and 0 < n < threshold else n


HIDDEN = "*"  # a total with a suppressed part: its parts could be worked out by subtraction


def shown_total(parts: Iterable[int], threshold: int) -> Value:
    """A sum of counts, hidden when any part is suppressed (secondary suppression):
    "ar <5, fa-AF 9, sv 12, total 24" would give ar away as 3."""
    values = list(parts)
    if any(isinstance(shown(n, threshold), str) for n in values):
        return HIDDEN
    return shown(sum(values), threshold)


def subject_of(count: Count) -> str:
    """The subject of a count; relays without a desk (older data) went to "any"."""
    if count.event == RELAY_EVENT and not count.subject:
        return ANY_DESK
    return count.subject


def aggregate(counts: Iterable[Count], by: By) -> list[Row]:
    """Sum daily counts per period, language, event and subject (first responses apart)."""
    sums: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for c in counts:
        if c.event == FIRST_RESPONSE_EVENT:
            continue
        event = UNIQUE_DAILY_SUM if c.event == UNIQUE and by != "day" else c.event
        sums[(period_of(c.day, by), c.language, event, subject_of(c))] += c.n
    return [Row(*key, n) for key, n in sorted(sums.items())]


def funnel(counts: Iterable[Count], by: By) -> list[Row]:
    """Return the funnel steps per period, all languages together (actions, not people)."""
    step_of = {event: step for step, events in FUNNEL for event in events}
    sums: dict[tuple[str, str], int] = defaultdict(int)
    periods: set[str] = set()
    for c in counts:
        period = period_of(c.day, by)
        periods.add(period)
        if c.event in step_of:
            sums[(period, step_of[c.event])] += c.n
    return [
        Row(period, ALL_LANGUAGES, FUNNEL_EVENT, step, sums[(period, step)])
        for period in sorted(periods)
        for step, _ in FUNNEL
    ]


def relay_starts(counts: Iterable[Count], by: By) -> list[Row]:
    """Relay conversations started per period, language and desk ("" counted as "any")."""
    return aggregate((c for c in counts if c.event == RELAY_EVENT), by)


def minutes_of(count: Count) -> int | None:
    """The whole minutes of a first-response count, or None when its subject is not one."""
    text = count.subject.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def weighted_median(values: dict[int, int]) -> int | None:
    """The median of values given as {value: how often}; of an even number, the mean of the
    two middle values rounded half up to a whole number. None when there are no values."""
    size = sum(values.values())
    if size <= 0:
        return None
    low_rank, high_rank = (size - 1) // 2, size // 2
    low = high = None
    seen = 0
    for value, n in sorted(values.items()):
        if n <= 0:
            continue
        seen += n
        if low is None and seen > low_rank:
            low = value
        if seen > high_rank:
            high = value
            break
    assert low is not None and high is not None
    return (low + high + 1) // 2


@dataclass(frozen=True, slots=True)
class FirstResponse:
    """The staff's first-response time in a period: answered conversations and the median."""

    period: str
    answered: int
    median: int | None  # whole minutes; None when nothing was answered

    def shown_median(self, threshold: int) -> int | None:
        """The median, or None when too few conversations were answered to show it."""
        if threshold > 0 and self.answered < threshold:
            return None
        return self.median


def first_responses(counts: Iterable[Count], by: By) -> tuple[list[FirstResponse], int]:
    """The median first-response time per period (all languages together), and how many
    answered conversations were left out because their time could not be read."""
    per: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    unreadable = 0
    for c in counts:
        if c.event != FIRST_RESPONSE_EVENT or c.n <= 0:
            continue
        minutes = minutes_of(c)
        if minutes is None:
            unreadable += c.n
            continue
        per[period_of(c.day, by)][minutes] += c.n
    return [
        FirstResponse(period, sum(values.values()), weighted_median(values))
        for period, values in sorted(per.items())
    ], unreadable


def duration(minutes: int) -> str:
    """Minutes for people: "42 min", "2 h 17 min", "3 d 4 h" (days drop the minutes)."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the output formats show."""

    first: date
    last: date
    by: By
    threshold: int
    rows: list[Row]
    funnel: list[Row]
    notes: list[str]
    relay: list[Row] = field(default_factory=list)
    first_response: list[FirstResponse] = field(default_factory=list)

    def uniques(self) -> list[tuple[str, dict[str, int], int]]:
        """Per period: unique users (daily, or the sum of daily figures) per language, restarts."""
        event = UNIQUE if self.by == "day" else UNIQUE_DAILY_SUM
        per: dict[str, dict[str, int]] = defaultdict(dict)
        restarts: dict[str, int] = defaultdict(int)
        for r in self.rows:
            if r.event == event:
                per[r.period][r.language] = r.count
            elif r.event == RESTART:
                restarts[r.period] += r.count
        return [(p, per[p], restarts[p]) for p in sorted(set(per) | set(restarts))]

    def all_rows(self) -> list[Row]:
        """The counts, then the funnel."""
        return self.rows + self.funnel

    def funnel_value(self, step: Row) -> Value:
        """A funnel step's count, hidden when a count it sums is suppressed."""
        events = dict(FUNNEL)[step.subject]
        parts = [r.count for r in self.rows if r.period == step.period and r.event in events]
        return shown_total(parts, self.threshold) if parts else shown(step.count, self.threshold)

    def first_response_rows(self) -> list[tuple[str, str, str, str, Value]]:
        """The first-response part as CSV lines: answered (suppressed), then the median in
        minutes, which is left out when too few conversations were answered."""
        lines: list[tuple[str, str, str, str, Value]] = []
        for f in self.first_response:
            lines.append(
                (
                    f.period,
                    ALL_LANGUAGES,
                    FIRST_RESPONSE_EVENT,
                    ANSWERED,
                    shown(f.answered, self.threshold),
                )
            )
            median = f.shown_median(self.threshold)
            if median is not None:
                lines.append(
                    (f.period, ALL_LANGUAGES, FIRST_RESPONSE_EVENT, MEDIAN_MINUTES, median)
                )
        return lines

    def output_rows(self) -> list[tuple[str, str, str, str, Value]]:
        """Every line of the CSV (and of the JSON rows): counts, funnel, first responses."""
        counts: list[tuple[str, str, str, str, Value]] = [
            (r.period, r.language, r.event, r.subject, shown(r.count, self.threshold))
            for r in self.rows
        ]
        steps: list[tuple[str, str, str, str, Value]] = [
            (r.period, r.language, r.event, r.subject, self.funnel_value(r)) for r in self.funnel
        ]
        return counts + steps + self.first_response_rows()


def build_report(
    counts: Sequence[Count], first: date, last: date, by: By, threshold: int
) -> Report:
    """Aggregate the counts of a period and write the notes that go with them."""
    notes = []
    if threshold > 0:
        notes.append(
            f'Counts from 1 to {threshold - 1} are shown as "<{threshold}"; a total that '
            f'includes one is shown as "{HIDDEN}", so the small count cannot be worked out '
            "by subtraction."
        )
    notes.append(
        "Unique users are only known per day (salted hashes kept in memory for one day, "
        "never stored); a day's figure is written when the day ends or the bot stops."
    )
    if by != "day":
        notes.append(
            f"Unique users per {by} are not knowable: {UNIQUE_DAILY_SUM} adds the daily "
            "figures, so someone who came back on several days is counted on each day."
        )
    restart_days = sorted({c.day for c in counts if c.event == RESTART})
    if restart_days:
        notes.append(
            f"The bot started {sum(c.n for c in counts if c.event == RESTART)} time(s) on "
            f"{len(restart_days)} day(s): on such a day someone active both before and after "
            "a restart is counted twice among unique users."
        )
    notes.append("The funnel counts actions, not people: one person can open several sections.")
    responses, unreadable = first_responses(counts, by)
    starts = relay_starts(counts, by)
    if starts or responses or unreadable:
        hidden = (
            f"; with fewer than {threshold} answered conversations in a {by} it is not shown"
            if threshold > 0
            else ""
        )
        notes.append(
            f'Relay: conversations started per desk ("{ANY_DESK}" = whoever can help). '
            "First response: the median (middle) time from a young person's first message to "
            "the first staff answer, all languages together, counted on the day of the answer"
            f"{hidden}."
        )
    if unreadable:
        notes.append(f"{unreadable} first response(s) with an unreadable time were left out.")
    return Report(
        first,
        last,
        by,
        threshold,
        aggregate(counts, by),
        funnel(counts, by),
        notes,
        starts,
        responses,
    )


def read_counts(path: Path, first: date, last: date) -> list[Count]:
    """Read the counts from the SQLite store, read-only."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT day, language, event, subject, n FROM counts WHERE day BETWEEN ? AND ? "
            "ORDER BY day, language, event, subject",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
    finally:
        db.close()
    return [Count(date.fromisoformat(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]
