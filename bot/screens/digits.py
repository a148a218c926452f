"""Digits: one rule for how every number on a screen is written, and kept whole.

Phone numbers are always written with Latin digits, in the international form
Telegram makes tappable. Every other number (day counts, dates, calendar days, hours)
follows the language: Dari writes Persian digits (۰–۹); Arabic, Swedish and English
write Latin digits, as CLDR's default for "ar" and as the bot always did. A language
not listed here gets CLDR's default digits.

A line break never splits a number: `join_groups` puts a NO-BREAK SPACE (U+00A0) between
the groups of a number ("116 111", "0771-235 235"). Browsers and Telegram's mobile apps
honour it; Telegram Desktop shows it as a plain space (it replaces special spaces), which
is why the number is also kept in one left-to-right isolate (see `bot.screens.bidi`).
NARROW NO-BREAK SPACE is missing from some phone fonts, and the hyphen needs nothing:
the line-breaking rules (UAX #14, LB21 and LB25) never break around a hyphen between
digits, and NON-BREAKING HYPHEN (U+2011) is missing from many fonts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from fluent.runtime.types import FluentInt

from bot.content.model import international

LATIN = "0123456789"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
NBSP = "\u00a0"
# The bot's languages; Dari readers in Afghanistan read Persian digits, Arabic readers
# in Sweden mostly Latin ones (and so does CLDR's "ar").
_DIGITS = {"sv": LATIN, "en": LATIN, "ar": LATIN, "fa-AF": PERSIAN}
# CLDR numbering systems, for languages added later.
_SYSTEMS = {"latn": LATIN, "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": PERSIAN}
_BABEL_NAMES = {"sv": "sv_SE", "en": "en_GB", "fa-AF": "fa_AF"}
# A space between two digits of any script: inside one number ("116 111", "۱۱۶ ۱۱۱").
_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d)")
_ANY_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=32)
def locale_of(language: str) -> Locale:
    """Return the babel locale of a bot language, en_GB if babel does not know it."""
    for name in (_BABEL_NAMES.get(language), language.replace("-", "_"), language.split("-")[0]):
        if not name:
            continue
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse("en_GB")


def digits_of(language: str) -> str:
    """Return the ten digits `language` writes numbers with, zero first."""
    known = _DIGITS.get(language)
    if known is not None:
        return known
    return _SYSTEMS.get(locale_of(language).default_numbering_system, LATIN)


def localise(text: str, language: str) -> str:
    """Write the digits of `text` (a date, a time, a count) the way `language` does."""
    target = digits_of(language)
    if target == LATIN:
        return _ANY_DIGIT.sub(lambda m: str(int(m.group())), text)
    return _ANY_DIGIT.sub(lambda m: target[int(m.group())], text)


def join_groups(text: str) -> str:
    """Join the groups of every number with a no-break space so no line splits it."""
    return _GROUP_SPACE.sub(NBSP, text)


@lru_cache(maxsize=1024)
def number(n: int, language: str) -> str:
    """Write a whole number with the language's digits and grouping, never split."""
    formatted = str(format_decimal(n, locale=locale_of(language), numbering_system="default"))
    return join_groups(localise(formatted, language))


def phone(raw: str) -> str:
    """Write a phone number with Latin digits in the international form Telegram can dial.

    Its groups keep ordinary spaces: Telegram recognises a phone number written that way,
    and the line it stands on is short and keeps it in one isolate.
    """
    return international(localise(raw, "en"))


@lru_cache(maxsize=1024)
def fluent_form(n: int, language: str) -> str:
    """Write `n` as Fluent writes a number argument (always Latin digits), to find it again."""
    return str(FluentInt(n).format(locale_of(language)))
