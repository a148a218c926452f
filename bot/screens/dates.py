"""Dates and times written the way each language writes them, with babel (CLDR)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from bot.rules.hours import STOCKHOLM

# Babel names Dari fa_AF; Swedish and English get their usual regional forms.
_PREFERRED = {"sv": "sv_SE", "en": "en_GB", "fa-AF": "fa_AF"}


@lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale:
    """Return the babel locale for a bot language, English if babel does not know it."""
    for name in (_PREFERRED.get(language), language.replace("-", "_"), language.split("-")[0]):
        if not name:
            continue
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en_GB")


def long_date(day: date, language: str) -> str:
    """Write a date like '23 november 2026' in the language."""
    return str(format_date(day, format="long", locale=babel_locale(language)))


def weekday_date(day: date, language: str) -> str:
    """Write a date with its weekday, like 'tisdag 24 november 2026'."""
    return str(format_date(day, format="full", locale=babel_locale(language)))


def weekday(day: date, language: str) -> str:
    """Write the weekday of a date, like 'tisdag'."""
    return str(format_date(day, format="EEEE", locale=babel_locale(language)))


def clock_time(moment: time | datetime, language: str) -> str:
    """Write a time of day on the 24-hour clock, like '09:00', with the language's digits."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(STOCKHOLM).time()
    return str(format_time(moment, format="HH:mm", locale=babel_locale(language)))


def day_names(language: str) -> list[str]:
    """Return abbreviated weekday names, Monday first."""
    names = babel_locale(language).days["format"]["abbreviated"]
    return [str(names[i]) for i in range(7)]
