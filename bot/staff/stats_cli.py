"""`python -m bot stats`: options, reading the store read-only, printing the report."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from bot.rules.hours import STOCKHOLM
from bot.staff.stats import (
    DEFAULT_SUPPRESS,
    DEFAULT_WEEKS,
    build_report,
    last_full_weeks,
    read_counts,
)
from bot.staff.stats_formats import to_csv, to_json, to_table


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
    if args.chart:
        try:  # matplotlib (the [charts] extra) only when a chart is asked for
            import bot.staff.chart
        except ImportError:
            print(
                "nasta-steg: charts need matplotlib: pip install 'nasta-steg[charts]'",
                file=sys.stderr,
            )
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
        try:
            bot.staff.chart.draw_chart(counts, first, last, args.suppress, args.chart)
        except OSError as exc:  # a directory, no such folder, no permission
            print(
                f"nasta-steg: cannot write the chart to {args.chart}: {exc.strerror}",
                file=sys.stderr,
            )
            return 1
        print(f"chart written to {args.chart}", file=sys.stderr)
    return 0
