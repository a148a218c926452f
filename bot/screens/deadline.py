"""Screens of the appeal-deadline helper ("When is my deadline?").

The helper follows the decision, not a rule of its own. It first asks what the decision
says (DeadlineAsk): one of the periods in `content/deadline.yaml` (three weeks is the
usual), a last day written in it, or "I don't know" (legal help first, then the usual
period). Then a calendar (DeadlinePick), then the answer (DeadlineDay), where the caveat
"what your decision says always wins" stands above the computed day. A typed date is
read back first ("I read this as ..."); Yes leads to the question with the date in its
buttons.

Privacy: the date is used to build the answer and then forgotten. It is not stored and
not logged (it lives only in the buttons of the user's own chat); the caller counts only
the language and the days-left band.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from bot.rules.deadline import (
    YEAR_WINDOW,
    Band,
    answer,
    band,
    calendar_weeks,
    parse_date,
    pickable_weeks,
)
from bot.screens.dates import month_name, weekday_date, weekday_initials
from bot.screens.digits import number
from bot.screens.library import Button, Library, Rows, Screen
from bot.screens.render import escape
from bot.screens.routes import (
    UNKNOWN,
    WRITTEN,
    DeadlineAsk,
    DeadlineDay,
    DeadlinePick,
    DeadlineRoute,
    OrgList,
    Period,
    Section,
    Talk,
)

SECTION: Final = "appeal"
PICKER_WEEKS: Final = 5
# A cell of the calendar outside the pickable range; pressing it shows the calendar again.
_EMPTY: Final = "·"


@dataclass(frozen=True, slots=True)
class DeadlineReply:
    """A deadline screen and, when an answer was given, its band for the statistics."""

    screen: Screen
    band: Band | None = None


def _help_rows(lib: Library, language: str) -> Rows:
    """Free legal help and Talk to someone, one row each."""
    return (
        (lib.button(language, "menu-legal", OrgList("legal")),),
        (lib.button(language, "menu-talk", Talk()),),
    )


def ask(lib: Library, language: str, day: date | None = None) -> Screen:
    """What does your decision say? The periods, a written last day, or "I don't know"."""
    info = lib.content.deadline
    if day is None:
        text = lib.t(language, "deadline-ask")
    else:
        text = lib.t(language, "deadline-ask-date", day=escape(weekday_date(day, language)))
    rows: list[tuple[Button, ...]] = []
    for weeks in info.periods:
        label = lib.t(language, "deadline-option", weeks=weeks, count=number(weeks, language))
        if weeks == info.rule.weeks:
            label = lib.t(language, "deadline-option-usual", option=label)
        route = DeadlinePick(weeks) if day is None else DeadlineDay(day, weeks)
        rows.append((Button(label, route.data),))
    if day is None:
        rows.append((lib.button(language, "deadline-option-written", DeadlinePick(WRITTEN)),))
        rows.append((lib.button(language, "deadline-option-unknown", DeadlinePick(UNKNOWN)),))
    else:
        rows.append(
            (lib.button(language, "deadline-option-is-written", DeadlineDay(day, WRITTEN)),)
        )
        rows.append((lib.button(language, "deadline-option-unknown", DeadlineDay(day, UNKNOWN)),))
    rows.append(lib.nav(language, Section(SECTION) if lib.content.meta(SECTION) else DeadlineAsk()))
    return Screen(text, tuple(rows))


def picker(
    lib: Library, language: str, today: date, period: Period = UNKNOWN, note: str | None = None
) -> Screen:
    """The calendar: a weekday header, then Monday-first weeks of day numbers.

    For a period, the last five weeks up to today (with Today and Yesterday on top): the
    day the decision came. For WRITTEN, the next five weeks from today: the last day.
    For UNKNOWN, legal help comes first, then the calendar of the usual period.
    """
    here = DeadlinePick(period).data
    rows: list[tuple[Button, ...]] = []
    if period == WRITTEN:
        text = lib.t(language, "deadline-pick-written")
        weeks = calendar_weeks(today, today + timedelta(days=7 * PICKER_WEEKS - 1))
    else:
        text = lib.t(language, "deadline-pick")
        if period == UNKNOWN:
            text = f"{lib.t(language, 'deadline-unknown')}\n\n{text}"
            rows += _help_rows(lib, language)
        yesterday = today - timedelta(days=1)
        rows.append(
            (
                lib.button(language, "deadline-today", DeadlineDay(today, period)),
                lib.button(language, "deadline-yesterday", DeadlineDay(yesterday, period)),
            )
        )
        weeks = pickable_weeks(today, PICKER_WEEKS)
    if note:
        text = f"{note}\n\n{text}"
    rows.append(tuple(Button(name, here) for name in weekday_initials(language)))
    first = True
    for week in weeks:
        cells: list[Button] = []
        for day in week:
            if day is None:
                cells.append(Button(_EMPTY, here))
                continue
            label = number(day.day, language)
            if first or day.day == 1:  # name the month where the calendar enters it
                label = f"{label} {month_name(day, language)}"
                first = False
            cells.append(Button(label, DeadlineDay(day, period).data))
        rows.append(tuple(cells))
    rows.append(lib.nav(language, DeadlineAsk()))
    return Screen(text, tuple(rows))


def _days_left(lib: Library, language: str, last: date, days_left: int) -> str:
    """The last day, and how many days are left (or that it has passed)."""
    t = lib.t
    day = escape(weekday_date(last, language))
    if days_left < 0:
        return t(language, "deadline-passed", day=day)
    lines = [t(language, "deadline-last-day", day=day)]
    if days_left == 0:
        lines.append(t(language, "deadline-last-day-today"))
    else:
        lines.append(t(language, "deadline-days-left", days=days_left))
    return "\n".join(lines) + "\n\n" + t(language, "deadline-now")


def answer_screen(
    lib: Library, language: str, day: date, period: Period, today: date
) -> DeadlineReply:
    """The deadline, the caveat above it; the calendar again for a future delivery date."""
    t = lib.t
    info = lib.content.deadline
    rows = (
        *_help_rows(lib, language),
        (lib.button(language, "deadline-other-day", DeadlinePick(period)),),
        lib.nav(language, DeadlinePick(period)),
    )
    caveat = f"<i>{t(language, 'deadline-caveat')}\n{t(language, 'deadline-pact')}</i>"
    if period == WRITTEN:  # the decision names the day: count the days to it
        days_left = (day - today).days
        text = f"{caveat}\n\n{_days_left(lib, language, day, days_left)}"
        return DeadlineReply(Screen(text, rows), band(days_left))
    weeks = period if isinstance(period, int) else info.rule.weeks
    result = answer(day, today, replace(info.rule, weeks=weeks))
    if result.status == "future_date":
        note = t(language, "deadline-future")
        return DeadlineReply(picker(lib, language, today, period, note))
    parts = [t(language, "deadline-unknown")] if period == UNKNOWN else []
    parts.append(caveat)
    if result.status == "too_old":
        parts.append(t(language, "deadline-too-old"))
    parts.append(_days_left(lib, language, result.deadline, result.days_left))
    counted = t(language, "deadline-counted", weeks=weeks, count=number(weeks, language))
    rule = t(language, "deadline-rule", basis=escape(info.legal_basis))
    parts.append(f"<i>{counted}\n{rule}</i>")
    return DeadlineReply(Screen("\n\n".join(parts), rows), result.band)


def route(lib: Library, language: str, route: DeadlineRoute, today: date) -> DeadlineReply | None:
    """Answer a deadline button; None for what no screen offers (a forged button)."""
    periods = lib.content.deadline.periods
    match route:
        case DeadlineAsk(day) | DeadlineDay(day) if not _near(day, today):
            return None  # forged: and 9999-12-31 plus three weeks does not even exist
        case DeadlinePick(int(weeks)) | DeadlineDay(_, int(weeks)) if weeks not in periods:
            return None
        case DeadlineAsk(day):
            return DeadlineReply(ask(lib, language, day))
        case DeadlinePick(period):
            return DeadlineReply(picker(lib, language, today, period))
        case DeadlineDay(day, period):
            return answer_screen(lib, language, day, period, today)
    return None


def _near(day: date | None, today: date) -> bool:
    """No date, or one within YEAR_WINDOW years of today (others are forged)."""
    return day is None or abs(day.year - today.year) <= YEAR_WINDOW


def read_back(lib: Library, language: str, day: date) -> Screen:
    """ "I read this as 11 March 2026": Yes goes on with that date, No to the calendar."""
    text = lib.t(language, "deadline-read-back", day=escape(weekday_date(day, language)))
    rows = (
        (
            lib.button(language, "deadline-yes", DeadlineAsk(day)),
            lib.button(language, "deadline-no", DeadlineAsk()),
        ),
        lib.nav(language, DeadlineAsk()),
    )
    return Screen(text, rows)


def typed(lib: Library, language: str, text: str, today: date) -> DeadlineReply | None:
    """Read back a typed message that reads cleanly as a date; None for any other text."""
    day_first = lib.texts.language(language).day_first
    day = parse_date(text, today, day_first)
    if day is None:
        return None
    return DeadlineReply(read_back(lib, language, day))
