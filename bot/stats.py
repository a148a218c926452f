"""Anonymous usage statistics: `python -m bot stats`.

Reads the daily counts (day, language, event, subject, n) from the store read-only and
sums them per day, ISO week or month. Small counts are suppressed ("<5") by default,
as official statistics do, so that the output can be shared. Unique users exist per day
only (see bot/uniques.py); weekly or monthly unique users are not knowable and are never
made up. matplotlib is imported only when a chart is asked for.

The relay to staff has its own part: conversations started per desk and language, and the
median time to the staff's first answer per period (all languages together), hidden when
fewer conversations than the threshold were answered. The raw "first-response" counts (one
row per minute value) never appear among the ordinary rows.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.hours import STOCKHOLM
from bot.store import Count
from bot.uniques import RESTART, UNIQUE

if TYPE_CHECKING:
    from bot.conversation import Conversation
    from bot.settings import Settings

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
        return [
            (r.period, r.language, r.event, r.subject, shown(r.count, self.threshold))
            for r in self.all_rows()
        ] + self.first_response_rows()


def build_report(
    counts: Sequence[Count], first: date, last: date, by: By, threshold: int
) -> Report:
    """Aggregate the counts of a period and write the notes that go with them."""
    notes = []
    if threshold > 0:
        notes.append(f'Counts from 1 to {threshold - 1} are shown as "<{threshold}".')
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


def _grid(headers: Sequence[str], lines: Sequence[Sequence[object]]) -> str:
    cells = [[str(x) for x in headers], *[[str(x) for x in line] for line in lines]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        out.append(
            "  ".join(
                cell.ljust(w) if i == 0 or not cell.lstrip("<").isdigit() else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def relay_table(report: Report) -> list[str]:
    """The relay part of the table: conversations started, then the first-response time.
    No totals beside the starts: a total next to one "<5" would give that number away."""
    t = report.threshold
    parts = [f"Relay to staff: conversations started per {report.by}, desk and language"]
    languages = sorted({r.language for r in report.relay})
    starts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in report.relay:
        starts[(r.period, r.subject)][r.language] = r.count
    parts.append(
        _grid(
            ["period", "desk", *languages],
            [
                [period, desk, *(shown(per.get(lang, 0), t) for lang in languages)]
                for (period, desk), per in sorted(starts.items())
            ],
        )
        if starts
        else "(none recorded)"
    )
    parts += ["", "Staff first response (all languages, median time to the first answer)"]
    lines: list[list[object]] = []
    for f in report.first_response:
        median = f.shown_median(t)
        lines.append([f.period, shown(f.answered, t), "-" if median is None else duration(median)])
    parts.append(_grid(["period", ANSWERED, "median"], lines) if lines else "(none recorded)")
    return parts


def to_table(report: Report) -> str:
    """Format the report for a terminal."""
    t = report.threshold
    parts = [
        f"Nästa steg – anonymous usage, {report.first} to {report.last}, by {report.by}",
        "",
    ]
    label = "unique users" if report.by == "day" else "sum of daily unique users"
    uniques = report.uniques()
    languages = sorted({lang for _, per, _ in uniques for lang in per})
    parts.append(
        "Unique users per day (restarts may double count them)"
        if report.by == "day"
        else f"Unique users per {report.by}: not knowable; shown: {label}"
    )
    if uniques:
        parts.append(
            _grid(
                ["period", *languages, "total", "restarts"],
                [
                    [
                        period,
                        *(shown(per.get(lang, 0), t) for lang in languages),
                        shown(sum(per.values()), t),
                        restarts,
                    ]
                    for period, per, restarts in uniques
                ],
            )
        )
    else:
        parts.append("(none recorded)")
    parts += ["", "Funnel (all languages, actions)"]
    periods = sorted({r.period for r in report.funnel})
    by_key = {(r.period, r.subject): r.count for r in report.funnel}
    parts.append(
        _grid(
            ["period", *(step[2:] for step, _ in FUNNEL)],
            [[p, *(shown(by_key[(p, step)], t) for step, _ in FUNNEL)] for p in periods],
        )
        if periods
        else "(no data)"
    )
    parts += ["", *relay_table(report), "", "All counts"]
    parts.append(
        _grid(
            COLUMNS,
            [[r.period, r.language, r.event, r.subject, shown(r.count, t)] for r in report.rows],
        )
        if report.rows
        else "(no data)"
    )
    parts += ["", *(f"* {note}" for note in report.notes)]
    return "\n".join(parts) + "\n"


def to_csv(report: Report) -> str:
    """Format the counts, the funnel and the first responses as CSV: period, language, event,
    subject, count. Relay starts are the "relay" rows (subject: the desk); the first response
    is "first-response" with subject "answered" and "median-minutes" (plain minutes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(report.output_rows())
    return buffer.getvalue()


def to_json(report: Report) -> str:
    """Format the report as JSON: the period, the notes, rows with the CSV's columns, and
    the relay part (starts per desk and language, first response per period in minutes)."""
    t = report.threshold
    data = {
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "by": report.by,
        "suppress_below": report.threshold,
        "notes": report.notes,
        "rows": [dict(zip(COLUMNS, line, strict=True)) for line in report.output_rows()],
        "relay": {
            "starts": [
                {
                    "period": r.period,
                    "desk": r.subject,
                    "language": r.language,
                    "count": shown(r.count, t),
                }
                for r in report.relay
            ],
            "first_response": [
                {
                    "period": f.period,
                    "answered": shown(f.answered, t),
                    "median_minutes": f.shown_median(t),
                }
                for f in report.first_response
            ],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def draw_chart(
    counts: Sequence[Count], first: date, last: date, threshold: int, path: Path
) -> None:
    """Draw weekly use by language, the top sections and the funnel into one PNG."""
    from matplotlib.figure import Figure  # lazily: only `stats --chart` needs matplotlib

    hidden = f"counts below {threshold} are not drawn" if threshold > 0 else ""

    def keep(n: int) -> int:
        return 0 if threshold > 0 and n < threshold else n

    fig = Figure(figsize=(11, 13), layout="constrained")
    fig.suptitle(
        f"Nästa steg – anonymous usage {first} to {last}" + (f" ({hidden})" if hidden else "")
    )
    top, middle, bottom = fig.subplots(3, 1)

    # 1. Weekly use (all counted actions) by language, stacked.
    weeks = sorted({period_of(c.day, "week") for c in counts})
    use: dict[tuple[str, str], int] = defaultdict(int)
    for c in counts:
        if c.event not in (UNIQUE, RESTART, FIRST_RESPONSE_EVENT) and c.language != "-":
            use[(period_of(c.day, "week"), c.language)] += c.n
    languages = sorted({lang for _, lang in use})
    bottoms = [0] * len(weeks)
    for lang in languages:
        heights = [keep(use[(w, lang)]) for w in weeks]
        top.bar(weeks, heights, bottom=bottoms, label=lang)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    top.set_title("Weekly use by language (actions per ISO week)")
    top.set_ylabel("actions")
    if languages:
        top.legend(title="language", loc="upper left", bbox_to_anchor=(1.0, 1.0))

    # 2. The sections opened most often.
    sections: dict[str, int] = defaultdict(int)
    for c in counts:
        if c.event == "section":
            sections[c.subject] += c.n
    best = [(s, keep(n)) for s, n in sorted(sections.items(), key=lambda i: (-i[1], i[0]))]
    best = [(s, n) for s, n in best if n > 0][:10][::-1]
    middle.barh([s for s, _ in best], [n for _, n in best], color="tab:green")
    middle.set_title("Top sections of the information sheet (times opened)")
    middle.set_xlabel("times opened")

    # 3. The funnel over the whole period.
    steps = funnel(counts, "month")
    totals = {step: 0 for step, _ in FUNNEL}
    for r in steps:
        totals[r.subject] += r.count
    names = [step[2:] for step, _ in FUNNEL][::-1]
    values = [totals[step] for step, _ in FUNNEL][::-1]
    bars = bottom.barh(names, [keep(v) for v in values], color="tab:purple")
    bottom.bar_label(bars, labels=[str(shown(v, threshold)) for v in values], padding=3)
    bottom.set_title("Funnel, all languages (actions, not people)")
    bottom.set_xlabel("times")
    fig.savefig(path, format="png", dpi=100)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `python -m bot stats`."""
    parser.add_argument(
        "--from",
        dest="first",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="first day (default: the Monday 4 full weeks ago)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="last day (default: last Sunday)",
    )
    parser.add_argument("--by", choices=("day", "week", "month"), default="week")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument(
        "--chart", type=Path, metavar="FILE.png", help="also draw a chart into this PNG file"
    )
    parser.add_argument(
        "--suppress",
        type=int,
        default=DEFAULT_SUPPRESS,
        metavar="N",
        help='show counts below N as "<N" (default 5; 0 = off)',
    )


def run(data_dir: Path, db_name: str, args: argparse.Namespace, today: date | None = None) -> int:
    """Print the statistics; return the exit code."""
    import sys
    from datetime import datetime

    today = today or datetime.now(STOCKHOLM).date()
    first, last = last_full_weeks(today)
    if args.first and not args.last:
        first, last = args.first, today - timedelta(days=1)
    elif args.last and not args.first:
        first, last = args.last - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1), args.last
    elif args.first and args.last:
        first, last = args.first, args.last
    if first > last:
        print(f"nasta-steg: --from {first} is after --to {last}", file=sys.stderr)
        return 2
    if args.suppress < 0:
        print("nasta-steg: --suppress must be 0 (off) or more", file=sys.stderr)
        return 2
    path = data_dir / db_name
    if not path.exists():
        print(f"nasta-steg: no statistics yet: {path} does not exist", file=sys.stderr)
        return 1
    try:
        counts = read_counts(path, first, last)
    except sqlite3.Error as exc:
        print(f"nasta-steg: cannot read {path}: {exc}", file=sys.stderr)
        return 1
    report = build_report(counts, first, last, args.by, args.suppress)
    formats = {"table": to_table, "csv": to_csv, "json": to_json}
    sys.stdout.write(formats[args.format](report))
    if args.chart:
        draw_chart(counts, first, last, args.suppress, args.chart)
        print(f"chart written to {args.chart}", file=sys.stderr)
    return 0


def to_summary(report: Report) -> str:
    """The short form for the staff chat: unique users, the funnel and the relay, with the
    notes."""
    table = to_table(report)
    head, _, rest = table.partition("\nAll counts\n")
    notes = [line for line in rest.splitlines() if line.startswith("* ")]
    return head.rstrip() + "\n\n" + "\n".join(notes) + "\n"


def install_staff_stats(app: Any, settings: Settings, conversation: Conversation) -> None:
    """Add `/stats` in the staff chat (python-telegram-bot): the last 4 full weeks, suppressed."""
    if settings.staff_chat_id is None:
        return
    from html import escape

    from telegram import Update
    from telegram.constants import ParseMode
    from telegram.ext import CommandHandler, ContextTypes, filters

    async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        first, last = last_full_weeks(conversation.today())
        counts = await conversation.store.counts(first, last)
        report = build_report(counts, first, last, "week", DEFAULT_SUPPRESS)
        text = f"<pre>{escape(to_summary(report))}</pre>"
        if settings.staff_chat_id is not None:
            await context.bot.send_message(settings.staff_chat_id, text, parse_mode=ParseMode.HTML)

    app.add_handler(
        CommandHandler("stats", on_stats, filters.Chat(settings.staff_chat_id)), group=-1
    )
