"""The statistics as a chart (`python -m bot stats --chart`); needs the [charts] extra."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure

from bot.core.uniques import RESTART, UNIQUE
from bot.staff.stats import FIRST_RESPONSE_EVENT, FUNNEL, funnel, period_of, shown
from bot.storage.base import Count


def draw_chart(
    counts: Sequence[Count], first: date, last: date, threshold: int, path: Path
) -> None:
    """Draw weekly use by language, the top sections and the funnel into one PNG."""
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
