"""Screens of the appeal-deadline helper ("When is my deadline?").

Routes: `dl` opens the date picker, `dl:YYYY-MM-DD` answers for that delivery date.
A typed date is answered too, but only when `parse_date` reads it cleanly.

Privacy: the delivery date is used to build the answer and then forgotten. It is not
stored and not logged; the caller counts only the language and the days-left band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from bot.rules.deadline import Band, answer, parse_date, pickable_weeks
from bot.screens.dates import month_name, weekday_date
from bot.screens.digits import number
from bot.screens.library import Button, Library, Screen
from bot.screens.render import escape

ROUTE: Final = "dl"
SECTION: Final = "appeal"
PICKER_WEEKS: Final = 5
_ISO: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A placeholder cell of the calendar, outside the pickable range; pressing it reopens it.
_EMPTY: Final = "·"


@dataclass(frozen=True, slots=True)
class DeadlineReply:
    """A deadline screen and, when an answer was given, its band for the statistics."""

    screen: Screen
    band: Band | None = None


def picker(lib: Library, language: str, today: date, note: str | None = None) -> Screen:
    """The date picker: Today, Yesterday, then Monday-first weeks of day numbers."""
    text = lib.t(language, "deadline-pick")
    if note:
        text = f"{note}\n\n{text}"
    rows: list[tuple[Button, ...]] = [
        (
            Button(lib.t(language, "deadline-today"), f"{ROUTE}:{today.isoformat()}"),
            Button(
                lib.t(language, "deadline-yesterday"),
                f"{ROUTE}:{(today - timedelta(days=1)).isoformat()}",
            ),
        )
    ]
    first = True
    for week in pickable_weeks(today, PICKER_WEEKS):
        cells: list[Button] = []
        for day in week:
            if day is None:
                cells.append(Button(_EMPTY, ROUTE))
                continue
            label = number(day.day, language)
            if first or day.day == 1:  # name the month where the calendar enters it
                label = f"{label} {month_name(day, language)}"
                first = False
            cells.append(Button(label, f"{ROUTE}:{day.isoformat()}"))
        rows.append(tuple(cells))
    rows.append(lib.nav(language, f"s:{SECTION}"))
    return Screen(text, tuple(rows))


def answer_screen(lib: Library, language: str, delivered: date, today: date) -> DeadlineReply:
    """The deadline for a delivery date, or the picker again for a future date."""
    t = lib.t
    info = lib.content.deadline
    result = answer(delivered, today, info.rule)
    if result.status == "future_date":
        return DeadlineReply(picker(lib, language, today, t(language, "deadline-future")))
    day = escape(weekday_date(result.deadline, language))
    parts: list[str] = []
    if result.status == "too_old":
        parts.append(t(language, "deadline-too-old"))
    if result.days_left < 0:
        parts.append(t(language, "deadline-passed", day=day))
    else:
        lines = [t(language, "deadline-last-day", day=day)]
        if result.days_left == 0:
            lines.append(t(language, "deadline-last-day-today"))
        else:
            lines.append(t(language, "deadline-days-left", days=result.days_left))
        parts.append("\n".join(lines))
        parts.append(t(language, "deadline-now"))
    caveat = t(language, "deadline-caveat")
    rule = t(language, "deadline-rule", basis=escape(info.legal_basis))
    parts.append(f"<i>{caveat}\n{rule}</i>")
    rows: tuple[tuple[Button, ...], ...] = (
        (Button(t(language, "menu-legal"), "list:legal"),),
        (Button(t(language, "menu-talk"), "talk"),),
        (Button(t(language, "deadline-other-day"), ROUTE),),
        lib.nav(language, ROUTE),
    )
    return DeadlineReply(Screen("\n\n".join(parts), rows), result.band)


def route(lib: Library, language: str, rest: str, today: date) -> DeadlineReply | None:
    """Answer a `dl` button; None for data that is not a real date (a forged button)."""
    if not rest:
        return DeadlineReply(picker(lib, language, today))
    if not _ISO.match(rest):
        return None
    try:
        delivered = date.fromisoformat(rest)
    except ValueError:
        return None
    return answer_screen(lib, language, delivered, today)


def typed(lib: Library, language: str, text: str, today: date) -> DeadlineReply | None:
    """Answer a typed message that reads cleanly as a date; None for any other text."""
    delivered = parse_date(text, today)
    if delivered is None:
        return None
    return answer_screen(lib, language, delivered, today)
