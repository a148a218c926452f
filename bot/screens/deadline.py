"""Screens of the appeal-deadline helper ("When is my deadline?").

Routes: DeadlineAsk opens the date picker, DeadlineDay answers for that delivery date.
A typed date is answered too, but only when `parse_date` reads it cleanly.

Privacy: the delivery date is used to build the answer and then forgotten. It is not
stored and not logged; the caller counts only the language and the days-left band.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from bot.rules.deadline import (
    YEAR_WINDOW,
    Band,
    answer,
    format_day,
    format_month,
    format_number,
    parse_date,
    pickable_weeks,
)
from bot.screens.library import Button, Library, Screen
from bot.screens.render import escape
from bot.screens.routes import DeadlineAsk, DeadlineDay, OrgList, Section, Talk

SECTION: Final = "appeal"
PICKER_WEEKS: Final = 5
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
            lib.button(language, "deadline-today", DeadlineDay(today)),
            lib.button(language, "deadline-yesterday", DeadlineDay(today - timedelta(days=1))),
        )
    ]
    first = True
    for week in pickable_weeks(today, PICKER_WEEKS):
        cells: list[Button] = []
        for day in week:
            if day is None:
                cells.append(Button(_EMPTY, DeadlineAsk().data))
                continue
            label = format_number(day.day, language)
            if first or day.day == 1:  # name the month where the calendar enters it
                label = f"{label} {format_month(day, language)}"
                first = False
            cells.append(Button(label, DeadlineDay(day).data))
        rows.append(tuple(cells))
    rows.append(lib.nav(language, Section(SECTION)))
    return Screen(text, tuple(rows))


def answer_screen(lib: Library, language: str, delivered: date, today: date) -> DeadlineReply:
    """The deadline for a delivery date, or the picker again for a future date."""
    t = lib.t
    info = lib.content.deadline
    result = answer(delivered, today, info.rule)
    if result.status == "future_date":
        return DeadlineReply(picker(lib, language, today, t(language, "deadline-future")))
    day = escape(format_day(result.deadline, language))
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
            lines.append(
                t(language, "deadline-days-left", days=format_number(result.days_left, language))
            )
        parts.append("\n".join(lines))
        parts.append(t(language, "deadline-now"))
    caveat = t(language, "deadline-caveat")
    rule = t(language, "deadline-rule", basis=escape(info.legal_basis))
    parts.append(f"<i>{caveat}\n{rule}</i>")
    rows = (
        (lib.button(language, "menu-legal", OrgList("legal")),),
        (lib.button(language, "menu-talk", Talk()),),
        (lib.button(language, "deadline-other-day", DeadlineAsk()),),
        lib.nav(language, DeadlineAsk()),
    )
    return DeadlineReply(Screen("\n\n".join(parts), rows), result.band)


def route(
    lib: Library, language: str, route: DeadlineAsk | DeadlineDay, today: date
) -> DeadlineReply | None:
    """Answer a deadline button; None for a date no picker offers (a forged button)."""
    if isinstance(route, DeadlineAsk):
        return DeadlineReply(picker(lib, language, today))
    # A date far from today is forged (and 9999-12-31 plus three weeks does not exist).
    if abs(route.day.year - today.year) > YEAR_WINDOW:
        return None
    return answer_screen(lib, language, route.day, today)


def typed(lib: Library, language: str, text: str, today: date) -> DeadlineReply | None:
    """Answer a typed message that reads cleanly as a date; None for any other text."""
    delivered = parse_date(text, today)
    if delivered is None:
        return None
    return answer_screen(lib, language, delivered, today)
