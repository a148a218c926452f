"""Dates and times written the way each language writes them, with babel (CLDR).

Babel writes Latin digits even where the locale's default digits are others, so every
function here passes its result through `bot.screens.digits.localise`. Babel only knows
the Gregorian calendar: Dari dates are Gregorian with Afghan month names (جنوری ...
دسمبر), as wanted.
"""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date, format_time

from bot.rules.hours import STOCKHOLM
from bot.screens.digits import locale_of, localise


def long_date(day: date, language: str) -> str:
    """Write a date like '23 november 2026' in the language."""
    return localise(str(format_date(day, format="long", locale=locale_of(language))), language)


def weekday_date(day: date, language: str) -> str:
    """Write a date with its weekday, like 'tisdag 24 november 2026'."""
    return localise(str(format_date(day, format="full", locale=locale_of(language))), language)


def weekday(day: date, language: str) -> str:
    """Write the weekday of a date, like 'tisdag'."""
    return str(format_date(day, format="EEEE", locale=locale_of(language)))


def month_name(day: date, language: str) -> str:
    """Write the short name of a date's month, as it stands alone (a calendar label)."""
    return str(format_date(day, format="LLL", locale=locale_of(language)))


def clock_time(moment: time | datetime, language: str) -> str:
    """Write a time of day on the 24-hour clock, like '09:00', with the language's digits."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(STOCKHOLM).time()
    return localise(str(format_time(moment, format="HH:mm", locale=locale_of(language))), language)


def day_names(language: str) -> list[str]:
    """Return abbreviated weekday names, Monday first."""
    names = locale_of(language).days["format"]["abbreviated"]
    return [str(names[i]) for i in range(7)]


def weekday_initials(language: str) -> list[str]:
    """Return short weekday names for a calendar's header, Monday first.

    CLDR's short names where they have at most three characters ("Mo", "må", "۲ش"),
    else the narrow ones (Arabic's short names are whole words: "ن" instead).
    """
    days = locale_of(language).days["stand-alone"]
    short = [str(days["short"][i]) for i in range(7)]
    if all(len(name) <= 3 for name in short):
        return short
    return [str(days["narrow"][i]) for i in range(7)]
