"""Digits: one rule per language for every number on a screen, and numbers kept whole."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale
from babel.dates import get_day_names

from bot.screens.dates import weekday_date
from bot.screens.digits import number

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("language", "babel_locale"),
    [("sv", "sv_SE"), ("en", "en_GB"), ("ar", "ar"), ("fa-AF", "fa_AF")],
)
def test_weekday_date_has_weekday(language: str, babel_locale: str) -> None:
    """Write the weekday in the language, as babel names it."""
    text = weekday_date(TUESDAY, language)
    assert text
    assert get_day_names("wide", locale=babel_locale)[1] in text  # 1 = Tuesday


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "tisdag 24 november 2026"),
        ("en", "Tuesday, 24 November 2026"),
        ("ar", "الثلاثاء، 24 نوفمبر 2026"),  # CLDR's default digits for "ar" are Latin
        ("fa-AF", "سه\u200cشنبه ۲۴ نومبر ۲۰۲۶"),  # Gregorian, Afghan month name
    ],
)
def test_weekday_date_text(language: str, expected: str) -> None:
    """Write the full date with the language's month name and digits."""
    assert weekday_date(TUESDAY, language) == expected


def test_weekday_date_uses_persian_digits_for_dari() -> None:
    """Use Persian digits, and no Latin ones, in Dari."""
    text = weekday_date(TUESDAY, "fa-AF")
    assert "۲۴" in text and "۲۰۲۶" in text
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


@pytest.mark.parametrize(
    ("language", "babel_locale"),
    [("ps", "ps"), ("ti", "ti"), ("xx", "en_GB"), ("", "en_GB"), ("zz-ZZ", "en_GB")],
)
def test_weekday_date_falls_back(language: str, babel_locale: str) -> None:
    """Use babel's locale for other languages, English if babel does not know it."""
    text = weekday_date(TUESDAY, language)
    assert get_day_names("wide", locale=babel_locale)[1] in text
    if Locale.parse(babel_locale).default_numbering_system == "arabext":
        assert "۲۴" in text


@pytest.mark.parametrize(
    ("n", "language", "expected"),
    [
        (5, "sv", "5"),
        (5, "en", "5"),
        (5, "ar", "5"),
        (5, "fa-AF", "۵"),
        (14, "fa-AF", "۱۴"),
        (0, "fa-AF", "۰"),
        (1234, "sv", "1\xa0234"),
        (1234, "en", "1,234"),
        (1234, "fa-AF", "۱٬۲۳۴"),
        (21, "ps", "۲۱"),
        (21, "xx", "21"),
    ],
)
def test_number(n: int, language: str, expected: str) -> None:
    """Write numbers with the language's digits and separators."""
    assert number(n, language) == expected
