"""Tests for the appeal deadline, typed-date parsing and date formatting."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules.deadline import (
    CHRISTMAS_EVE,
    DEFAULT_RULE,
    EVES,
    MIDSUMMER_EVE,
    NEW_YEARS_EVE,
    DeadlineAnswer,
    DeadlineRule,
    answer,
    appeal_deadline,
    is_closed_day,
    parse_date,
    pickable_days,
    pickable_weeks,
)
from bot.screens.dates import weekday_date, weekday_initials

D = date.fromisoformat
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
NO_DATABASE = settings(database=None, deadline=None)

# --- Deadline on the real calendar (checked by hand against 2025-2028 calendars) ---

DEADLINES = [
    # delivered, expected last day, why
    ("2026-11-03", "2026-11-24", "ordinary Tuesday, same weekday three weeks later"),
    ("2026-11-07", "2026-11-30", "Saturday moves to Monday"),
    ("2026-11-08", "2026-11-30", "Sunday moves to Monday"),
    ("2026-03-16", "2026-04-07", "Easter Monday 2026-04-06 moves to Tuesday"),
    ("2026-03-13", "2026-04-07", "Good Friday 2026-04-03, then weekend, then Easter Monday"),
    ("2026-04-10", "2026-05-04", "May Day Friday 2026-05-01 moves to Monday"),
    ("2026-04-23", "2026-05-15", "Ascension Day Thursday 2026-05-14 moves to Friday"),
    ("2026-05-03", "2026-05-25", "Pentecost Sunday 2026-05-24 moves to Monday"),
    ("2028-05-16", "2028-06-07", "National Day Tuesday 2028-06-06 moves to Wednesday"),
    ("2025-05-16", "2025-06-09", "National Day Friday 2025-06-06, then weekend"),
    ("2026-05-29", "2026-06-22", "Midsummer Eve Fri 2026-06-19, Midsommardagen Sat, Sunday"),
    ("2026-12-02", "2026-12-23", "the day before Christmas Eve is an ordinary day"),
    ("2026-12-03", "2026-12-28", "Christmas Eve Thu 2026-12-24, 25th, 26th Sat, 27th Sun"),
    ("2025-12-03", "2025-12-29", "Christmas Eve Wednesday 2025: five closed days in a row"),
    ("2027-12-03", "2027-12-27", "Christmas Eve Fri 2027-12-24; 27 Dec is not a substitute"),
    ("2026-12-10", "2027-01-04", "New Year's Eve Thu 2026-12-31, New Year's Day Fri, weekend"),
    ("2026-12-16", "2027-01-07", "Epiphany Wednesday 2027-01-06 moves to Thursday"),
]


@pytest.mark.parametrize(("delivered", "expected", "why"), DEADLINES)
def test_appeal_deadline_on_real_calendar(delivered: str, expected: str, why: str) -> None:
    """Compute the last day for real dates around weekends, holidays and eves."""
    assert appeal_deadline(D(delivered)) == D(expected), why


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        ("2026-11-24", False),  # ordinary Tuesday
        ("2026-11-28", True),  # Saturday
        ("2026-11-29", True),  # Sunday
        ("2026-06-19", True),  # Midsummer Eve
        ("2026-12-24", True),  # Christmas Eve
        ("2026-12-31", True),  # New Year's Eve
        ("2026-04-30", False),  # Walpurgis Night: a half day at most, not closed
        ("2026-04-02", False),  # Maundy Thursday: not closed
        ("2026-01-05", False),  # Twelfth Night: not closed
        ("2026-05-15", False),  # the bridge day after Ascension: not closed
        ("2026-01-06", True),  # Epiphany
    ],
)
def test_is_closed_day(day: str, closed: bool) -> None:
    """Tell closed days from days that only feel like holidays."""
    assert is_closed_day(D(day)) is closed


@pytest.mark.parametrize(
    ("rule", "delivered", "expected"),
    [
        (DeadlineRule(extra_closed_days=frozenset()), "2026-05-29", "2026-06-19"),
        (DeadlineRule(extra_closed_days=frozenset({CHRISTMAS_EVE})), "2026-05-29", "2026-06-19"),
        (DeadlineRule(extra_closed_days=frozenset({MIDSUMMER_EVE})), "2026-05-29", "2026-06-22"),
        (DeadlineRule(extra_closed_days=frozenset({MIDSUMMER_EVE})), "2026-12-03", "2026-12-24"),
        (DeadlineRule(extra_closed_days=frozenset({NEW_YEARS_EVE})), "2026-12-10", "2027-01-04"),
        (DeadlineRule(weeks=2), "2026-11-03", "2026-11-17"),
        (DeadlineRule(weeks=2), "2026-11-05", "2026-11-19"),
        (DeadlineRule(weeks=2), "2026-11-07", "2026-11-23"),
    ],
)
def test_rule_from_content_changes_deadline(
    rule: DeadlineRule, delivered: str, expected: str
) -> None:
    """Follow the weeks and eves that legal staff set in the content."""
    assert appeal_deadline(D(delivered), rule) == D(expected)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weeks": 0},
        {"weeks": -3},
        {"weeks": 53},
        {"weeks": True},
        {"extra_closed_days": frozenset({"easter_eve"})},
    ],
)
def test_rule_rejects_impossible_values(kwargs: dict[str, object]) -> None:
    """Refuse a rule from content that cannot be meant."""
    with pytest.raises(ValueError):
        DeadlineRule(**kwargs)  # type: ignore[arg-type]


def test_rule_accepts_a_list_of_eves() -> None:
    """Store eve names read from YAML as a frozenset."""
    rule = DeadlineRule(extra_closed_days=["christmas_eve"])  # type: ignore[arg-type]
    assert rule.extra_closed_days == frozenset({CHRISTMAS_EVE})
    assert DEFAULT_RULE.extra_closed_days == EVES


def test_eves_match_the_holidays_package() -> None:
    """Find the same eves as the installed holidays package's DE_FACTO category."""
    no_eves = DeadlineRule(extra_closed_days=frozenset())
    for year in range(1953, 2101):
        de_facto = holidays.country_holidays("SE", years=year, categories="de_facto")
        days = (date(year, 1, 1) + timedelta(days=i) for i in range(366))
        eves = {
            day
            for day in days
            if day.year == year and is_closed_day(day) and not is_closed_day(day, no_eves)
        }
        assert eves == {day for day in de_facto if day.weekday() < 5}, year


@NO_DATABASE
@given(st.dates(min_value=date(1960, 1, 1), max_value=date(2100, 12, 31)))
def test_deadline_is_first_open_day_after_three_weeks(delivered: date) -> None:
    """Land on the first open day on or after three weeks, at most five days later."""
    first = delivered + timedelta(weeks=3)
    deadline = appeal_deadline(delivered)
    assert first <= deadline <= first + timedelta(days=5)
    assert not is_closed_day(deadline)
    assert all(is_closed_day(first + timedelta(days=i)) for i in range((deadline - first).days))


# --- Answer: status and bands ---

TODAY = D("2026-11-10")


@pytest.mark.parametrize(
    ("delivered", "today", "deadline", "days_left", "status", "band"),
    [
        ("2026-11-11", "2026-11-10", "2026-12-02", 22, "future_date", "15+"),
        ("2026-11-10", "2026-11-10", "2026-12-01", 21, "ok", "15+"),
        ("2026-11-03", "2026-11-10", "2026-11-24", 14, "ok", "8-14"),
        ("2026-11-03", "2026-11-24", "2026-11-24", 0, "today", "0-2"),
        ("2026-11-03", "2026-11-25", "2026-11-24", -1, "passed", "passed"),
        ("2025-11-09", "2026-11-10", "2025-12-01", -344, "passed", "passed"),  # 366 days back
        ("2025-11-08", "2026-11-10", "2025-12-01", -344, "too_old", "passed"),  # 367 days back
        ("2020-01-01", "2026-11-10", "2020-01-22", -2484, "too_old", "passed"),
    ],
)
def test_answer_status(
    delivered: str, today: str, deadline: str, days_left: int, status: str, band: str
) -> None:
    """Classify a delivery date as future, open, due today, passed or too old."""
    expected = DeadlineAnswer(D(delivered), D(deadline), days_left, status, band)  # type: ignore[arg-type]
    assert answer(D(delivered), D(today)) == expected


@pytest.mark.parametrize(
    ("days_left", "band"),
    [
        (0, "0-2"),
        (1, "0-2"),
        (2, "0-2"),
        (3, "3-7"),
        (7, "3-7"),
        (8, "8-14"),
        (14, "8-14"),
        (15, "15+"),
        (21, "15+"),
    ],
)
def test_answer_bands(days_left: int, band: str) -> None:
    """Group the days left into the bands used for anonymous statistics."""
    deadline = D("2026-11-24")  # delivered 2026-11-03
    result = answer(D("2026-11-03"), deadline - timedelta(days=days_left))
    assert (result.days_left, result.band) == (days_left, band)


def test_answer_is_frozen() -> None:
    """Keep answers immutable and slotted."""
    result = answer(D("2026-11-03"), TODAY)
    with pytest.raises(AttributeError):
        result.days_left = 3  # type: ignore[misc]
    assert not hasattr(result, "__dict__")


# --- Date picker ---


def test_pickable_days() -> None:
    """Offer the 35 days ending today, oldest first."""
    days = pickable_days(TODAY)
    assert len(days) == 35
    assert days[0] == D("2026-10-07")
    assert days[-1] == TODAY
    assert days == sorted(days)
    assert len(pickable_days(TODAY, weeks=1)) == 7


@pytest.mark.parametrize("today", ["2026-11-10", "2026-11-09", "2026-11-15", "2027-01-01"])
def test_pickable_weeks(today: str) -> None:
    """Lay the pickable days out in Monday-first rows of seven."""
    rows = pickable_weeks(D(today))
    assert all(len(row) == 7 for row in rows)
    assert [day for row in rows for day in row if day is not None] == pickable_days(D(today))
    for row in rows:
        for column, day in enumerate(row):
            assert day is None or day.weekday() == column


# --- Parsing typed dates ---

PARSED = [
    # ISO and numeric, day first
    ("2026-11-03", "2026-11-03"),
    ("2026/11/03", "2026-11-03"),
    ("3/11", "2026-11-03"),
    ("03/11", "2026-11-03"),
    ("3/11 2026", "2026-11-03"),
    ("3/11/2026", "2026-11-03"),
    ("03/11/2026", "2026-11-03"),
    ("3.11.2026", "2026-11-03"),
    ("3-11-2026", "2026-11-03"),
    ("3/11/26", "2026-11-03"),
    ("3 11 2026", "2026-11-03"),
    ("  3 /  11 / 2026  ", "2026-11-03"),
    ("11/3/2026", "2026-03-11"),  # day first even for English speakers
    ("3.5", "2026-05-03"),  # Swedish short form for 3 May
    # Swedish
    ("3 november 2026", "2026-11-03"),
    ("3 November 2026", "2026-11-03"),
    ("3 NOVEMBER", "2026-11-03"),
    ("3 nov", "2026-11-03"),
    ("3 nov.", "2026-11-03"),
    ("3 nov. 2026", "2026-11-03"),
    ("den 3 november", "2026-11-03"),
    ("den 3:e november 2026", "2026-11-03"),
    ("1:a maj", "2026-05-01"),
    ("1 maj", "2026-05-01"),
    ("15 okt", "2026-10-15"),
    ("tisdag 3 november 2026", "2026-11-03"),
    # English
    ("November 3, 2026", "2026-11-03"),
    ("november 3 2026", "2026-11-03"),
    ("Nov 3", "2026-11-03"),
    ("Nov 3rd", "2026-11-03"),
    ("the 3rd of November", "2026-11-03"),
    ("3 Sept 2026", "2026-09-03"),
    ("1 May 2026", "2026-05-01"),
    ("Tuesday, 3 November 2026", "2026-11-03"),
    # Arabic-Indic digits and Arabic separators
    ("٣/١١/٢٠٢٦", "2026-11-03"),
    ("٣-١١-٢٠٢٦", "2026-11-03"),
    ("٣.١١.٢٠٢٦", "2026-11-03"),
    ("٣،١١،٢٠٢٦", "2026-11-03"),
    ("٣؍١١؍٢٠٢٦", "2026-11-03"),
    ("٣٫١١٫٢٠٢٦", "2026-11-03"),
    ("٣/١١", "2026-11-03"),
    ("٢٠٢٦-١١-٠٣", "2026-11-03"),
    # Arabic month names: Gregorian transliterations
    ("٣ نوفمبر ٢٠٢٦", "2026-11-03"),
    ("3 نوفمبر 2026", "2026-11-03"),
    ("١٥ يناير ٢٠٢٦", "2026-01-15"),
    ("١ أبريل", "2026-04-01"),
    ("١ إبريل", "2026-04-01"),
    ("١ ابريل", "2026-04-01"),
    ("٢ مايو", "2026-05-02"),
    ("٢ يونيو", "2026-06-02"),
    ("٢ يونيه", "2026-06-02"),
    ("٢ يوليو", "2026-07-02"),
    ("٢ يوليه", "2026-07-02"),
    ("٢ أغسطس", "2026-08-02"),
    ("١٠ أكتوبر", "2026-10-10"),
    ("١٠ اكتوبر", "2026-10-10"),
    ("الثلاثاء، ٣ نوفمبر ٢٠٢٦", "2026-11-03"),
    # Arabic month names: Levantine and Iraqi
    ("١٥ كانون الثاني ٢٠٢٦", "2026-01-15"),
    ("١٥ كانون الأول ٢٠٢٥", "2025-12-15"),
    ("١٥ كانون اول ٢٠٢٥", "2025-12-15"),
    ("٣ شباط", "2026-02-03"),
    ("٣ آذار", "2026-03-03"),
    ("٣ نيسان", "2026-04-03"),
    ("٣ أيار", "2026-05-03"),
    ("٣ حزيران", "2026-06-03"),
    ("٣ تموز", "2026-07-03"),
    ("٣ آب", "2026-08-03"),
    ("٣ أيلول", "2026-09-03"),
    ("٣ تشرين الأول", "2026-10-03"),
    ("٣ تشرين الثاني ٢٠٢٦", "2026-11-03"),
    ("٣ تشرين الثانى ٢٠٢٦", "2026-11-03"),
    ("٣ تشرين ثاني", "2026-11-03"),
    ("٣ تشرين الثاني", "2026-11-03"),
    # Persian digits and Dari month names as used in Afghanistan
    ("۳/۱۱/۲۰۲۶", "2026-11-03"),
    ("۳-۱۱-۲۰۲۶", "2026-11-03"),
    ("۲۰۲۶/۱۱/۰۳", "2026-11-03"),
    ("۳/11/2026", "2026-11-03"),
    ("۳ نومبر ۲۰۲۶", "2026-11-03"),
    ("۱۵ جنوری ۲۰۲۶", "2026-01-15"),
    ("۱۵ فبروری", "2026-02-15"),
    ("۱۵ مارچ", "2026-03-15"),
    ("۱۵ اپریل", "2026-04-15"),
    ("۲ می ۲۰۲۶", "2026-05-02"),
    ("۱۵ جون", "2026-06-15"),
    ("۱۵ جولای", "2026-07-15"),
    ("۱۵ اگست", "2026-08-15"),
    ("۱۵ سپتامبر", "2026-09-15"),
    ("۱۵ سپتمبر", "2026-09-15"),
    ("۱۵ اکتوبر", "2026-10-15"),
    ("۱۵ اكتوبر", "2026-10-15"),  # Arabic kaf from an Arabic keyboard
    ("۱ دسمبر ۲۰۲۵", "2025-12-01"),
    ("سه‌شنبه ۳ نومبر ۲۰۲۶", "2026-11-03"),
    ("سه شنبه ۳ نومبر ۲۰۲۶", "2026-11-03"),
    # Iranian-style transliterations
    ("۱۵ ژانویه", "2026-01-15"),
    ("۱۵ فوریه", "2026-02-15"),
    ("۱۵ مارس", "2026-03-15"),
    ("۱۵ آوریل", "2026-04-15"),
    ("۲ مه ۲۰۲۶", "2026-05-02"),
    ("۱۵ ژوئن", "2026-06-15"),
    ("۱۵ ژوئیه", "2026-07-15"),
    ("۱۵ اوت", "2026-08-15"),
    ("۱۵ اکتبر", "2026-10-15"),
    ("۳ نوامبر ۲۰۲۶", "2026-11-03"),
    ("۱ دسامبر ۲۰۲۵", "2025-12-01"),
    # Invisible characters pasted with right-to-left text
    ("\u200f۳/۱۱/۲۰۲۶\u200f", "2026-11-03"),
    ("\u202b٣ نوفمبر ٢٠٢٦\u202c", "2026-11-03"),
    ("\u20663/11/2026\u2069", "2026-11-03"),
    ("3\u200b/11\ufeff", "2026-11-03"),
    ("٣ نوفـــمبر", "2026-11-03"),  # tatweel
    ("３/１１/２０２６", "2026-11-03"),  # full-width digits
    # A year in the future is still a date (the answer says future_date)
    ("3/11/2027", "2027-11-03"),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_date(text: str, expected: str) -> None:
    """Read typed dates in every supported format, language and digit set."""
    assert parse_date(text, TODAY) == D(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("28/12", "2027-01-05", "2026-12-28"),
        ("5/1", "2027-01-05", "2027-01-05"),
        ("6/1", "2027-01-05", "2026-01-06"),
        ("31/12", "2026-12-31", "2026-12-31"),
        ("1/1", "2026-12-31", "2026-01-01"),
        ("1/1", "2027-01-01", "2027-01-01"),
        ("31 dec", "2027-01-02", "2026-12-31"),
        ("٣١ كانون الأول", "2027-01-02", "2026-12-31"),
        ("۳۱ دسمبر", "2027-01-02", "2026-12-31"),
        ("29/2", "2026-03-01", "2024-02-29"),
        ("29/2", "2028-02-29", "2028-02-29"),
    ],
)
def test_parse_date_without_year(text: str, today: str, expected: str) -> None:
    """Take the most recent such day not after today, also around New Year."""
    assert parse_date(text, D(today)) == D(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\u200f",
        "31/2",
        "31/2/2026",
        "29/2/2026",
        "30/2",
        "32/1",
        "0/1",
        "3/0",
        "3/13",
        "3/13/2026",
        "2026-13-01",
        "2026-02-30",
        "hello",
        "igår",
        "yesterday",
        "2026",
        "11",
        "2026-11",
        "11/2026",
        "nov",
        "nov 2026",
        "3/11/2026/5",
        "3 nov dec",
        "3 foo 2026",
        "3/11/20261",
        "3/11/202",
        "003/11/2026",
        "3/011/2026",
        "99999999999999999999/1",
        "9" * 5000,
        "3/11/1405",  # Solar Hijri year: not converted
        "۱۴۰۵/۸/۱۲",
        "٣/١١/١٤٤٨",  # Islamic year: not converted
        "3/11/1800",
        "3/11/9999",
        "1e3",
        "e 3/11",
        "3 e nov",
        "1st3",
        "3.5.7.9",
        "3 nov 2026 12:00",
        "+46 70 123 45 67",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    """Return None for text that is not a valid date."""
    assert parse_date(text, TODAY) is None


@pytest.mark.parametrize(
    "babel_locale", ["sv_SE", "en_GB", "ar", "ar_SY", "ar_IQ", "fa", "fa_AF", "ps"]
)
def test_parse_reads_babel_month_names(babel_locale: str) -> None:
    """Read every wide and abbreviated month name babel knows for the languages."""
    months = Locale.parse(babel_locale).months
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in months[context][width].items():
                assert parse_date(f"3 {name} 2026", TODAY) == date(2026, month, 3), name


DATE_CHARS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹/.-,:، ؍٫\u200f\u200b"


@NO_DATABASE
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=DATE_CHARS, max_size=20),
        st.text(alphabet=DATE_CHARS + "novembrجنوریكانونالثاني", max_size=30),
    ),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
)
def test_parse_date_never_raises(text: str, today: date) -> None:
    """Return a date or None for any text, and a date the deadline can use."""
    parsed = parse_date(text, today)
    if parsed is not None:
        assert isinstance(answer(parsed, today), DeadlineAnswer)


@NO_DATABASE
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_reads_numeric_and_formatted_dates(day: date) -> None:
    """Read back ISO, day-first numeric and every language's own formatted date."""
    assert parse_date(day.isoformat(), day) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}", day) == day
    assert parse_date(f"{day.day}/{day.month}", day) == day
    for language in ("sv", "en", "ar", "fa-AF", "ps"):
        assert parse_date(weekday_date(day, language), day) == day, language


def test_native_digit_tables() -> None:
    """Keep the digit tables in the tests in step with Unicode."""
    assert [int(ch) for ch in PERSIAN_DIGITS] == list(range(10))
    assert [int(ch) for ch in ARABIC_DIGITS] == list(range(10))


@pytest.mark.parametrize(
    "text,day_first,expected",
    [
        ("3/11/2026", True, "2026-11-03"),
        ("3/11/2026", False, "2026-03-11"),
        ("11/3", False, "2026-11-03"),
        ("2026-03-11", False, "2026-03-11"),
        ("2026-03-11", True, "2026-03-11"),
        ("3 nov 2026", False, "2026-11-03"),
    ],
)
def test_parse_date_follows_the_day_month_order(text: str, day_first: bool, expected: str) -> None:
    """Numbers follow the language's order; ISO dates and month names read the same either way."""
    assert parse_date(text, TODAY, day_first) == D(expected)


def test_weekday_initials_are_short() -> None:
    """The calendar header: seven short names per language, Monday first."""
    assert weekday_initials("en") == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    for language in ("sv", "ar", "fa-AF"):
        names = weekday_initials(language)
        assert len(names) == 7 and all(0 < len(n) <= 3 for n in names), names
