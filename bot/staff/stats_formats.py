"""The statistics as a table, CSV or JSON, and the short summary for the staff chat."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence

from bot.staff.stats import ANSWERED, COLUMNS, FUNNEL, Report, duration, shown, shown_total


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
                        shown_total(per.values(), t),
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
    by_key = {(r.period, r.subject): report.funnel_value(r) for r in report.funnel}
    parts.append(
        _grid(
            ["period", *(step[2:] for step, _ in FUNNEL)],
            [[p, *(by_key[(p, step)] for step, _ in FUNNEL)] for p in periods],
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


def to_summary(report: Report) -> str:
    """The short form for the staff chat: unique users, the funnel and the relay, with the
    notes."""
    table = to_table(report)
    head, _, rest = table.partition("\nAll counts\n")
    notes = [line for line in rest.splitlines() if line.startswith("* ")]
    return head.rstrip() + "\n\n" + "\n".join(notes) + "\n"
