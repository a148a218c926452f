"""Digits: one rule per language for every number on a screen, and numbers kept whole."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from babel import Locale
from babel.dates import get_day_names

from bot.rules.hours import parse_hours
from bot.screens.dates import weekday_date
from bot.screens.deadline import answer_screen, picker
from bot.screens.digits import join_groups, localise, number, phone
from bot.screens.library import Library
from bot.screens.relay import intro
from bot.screens.routes import Menu

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


# --- One rule on every screen ---

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
LATIN_DIGIT = re.compile(r"[0-9]")


def footer(text: str) -> str:
    """The italic footer of a screen (where the check date stands)."""
    return text.rsplit("<i>", 1)[1]


def test_dari_check_dates_use_persian_digits(library: Library) -> None:
    """The "facts checked" footers of sections and organisations write Dari dates in ۰–۹."""
    first = library.content.sections[0]
    checked = replace(first, facts_checked=date(2026, 11, 20))
    content = replace(library.content, sections=(checked, *library.content.sections[1:]))
    library = replace(library, content=content)
    section = library.section("fa-AF", first.id, 0)
    assert section is not None
    assert "۲۰۲۶" in footer(section.text) and not LATIN_DIGIT.search(footer(section.text))
    org = next(o for o in library.content.organisations if o.verified)
    org = replace(org, facts_checked=date(2026, 11, 20))
    shown = library.organisation("fa-AF", org, Menu(), NOW).text
    assert "۲۰۲۶" in footer(shown) and not LATIN_DIGIT.search(footer(shown))
    arabic = library.section("ar", first.id, 0)
    assert arabic is not None and "2026" in footer(arabic.text)


def test_dari_hours_use_persian_digits_and_phones_stay_latin(library: Library) -> None:
    """Opening hours follow the language's digits; the phone line keeps tappable Latin digits."""
    hours = parse_hours([{"days": "mon-fri", "open": "09:00", "close": "16:00"}])
    dari = library.hours_line("fa-AF", hours, NOW)
    assert "۰۹:۰۰" in dari and "۱۶:۰۰" in dari and not LATIN_DIGIT.search(dari)
    assert "09:00" in library.hours_line("ar", hours, NOW)
    helpline = next(o for o in library.content.organisations if o.phone and " " in o.phone)
    shown = library.organisation("fa-AF", helpline, Menu(), NOW).text
    assert phone(helpline.phone) in shown  # type: ignore[arg-type]


def test_deadline_and_relay_counts_follow_the_language(library: Library) -> None:
    """Days left, calendar days and the relay's day counts are Persian in Dari, Latin in Arabic."""
    today = NOW.date()
    dari = answer_screen(library, "fa-AF", today - timedelta(days=6), 3, today).screen.text
    assert "<b>\u2068۱۵\u2069</b>" in dari
    arabic = answer_screen(library, "ar", today - timedelta(days=6), 3, today).screen.text
    assert "<b>\u206815\u2069</b>" in arabic
    calendar = [b.label for row in picker(library, "fa-AF", today, 3).buttons[2:-1] for b in row]
    assert "۲۴" in calendar and not any(LATIN_DIGIT.search(label) for label in calendar)
    desk = library.content.relay.anyone
    assert "۳۰" in intro(library, "fa-AF", desk, 30, 7).text
    assert "\u206830\u2069" in intro(library, "ar", desk, 30, 7).text


def test_counts_keep_fluent_plurals(library: Library) -> None:
    """A number argument still selects Fluent's plural variant ("a day", "2 days")."""
    one = library.t("en", "relay-staff-closed", days=1)
    many = library.t("en", "relay-staff-closed", days=1500)
    assert "1,500" in many and "1,500" not in one and one != many


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("24 november 2026, 09:00", "fa-AF", "۲۴ november ۲۰۲۶, ۰۹:۰۰"),
        ("۲۴ نومبر", "ar", "24 نومبر"),
        ("24", "sv", "24"),
        ("21", "ps", "۲۱"),
    ],
)
def test_localise(text: str, language: str, expected: str) -> None:
    """Any digits become the language's digits."""
    assert localise(text, language) == expected


def test_phone_is_latin_and_international() -> None:
    """A phone number is always written with Latin digits in the form Telegram dials."""
    assert phone("0771-235 235") == "+46 771 235 235"
    assert phone("۰۷۷۱-۲۳۵ ۲۳۵") == "+46 771 235 235"
    assert phone("116 111") == "116 111"


def test_join_groups() -> None:
    """Only spaces between two digits become no-break spaces."""
    assert join_groups("ring 116 111 or 114 14, 3 weeks") == "ring 116\xa0111 or 114\xa014, 3 weeks"
    assert join_groups("۱۱۶ ۱۱۱") == "۱۱۶\xa0۱۱۱"
    assert number(1700, "sv") == "1\xa0700"
