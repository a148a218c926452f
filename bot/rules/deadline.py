"""Appeal deadline: the last day an appeal must reach Migrationsverket, and typed dates.

The rule (Swedish law): an appeal must have reached Migrationsverket within three weeks
from the day the decision was delivered. The last day is the same weekday three weeks
later. If that day is a Saturday, a Sunday, a public holiday (lag (1989:253) om allmänna
helgdagar), Midsummer Eve, Christmas Eve or New Year's Eve, the last day moves to the next
day that is none of those (lag (1930:173) om beräkning av lagstadgad tid). Swedish holidays
are never moved to a weekday, so there are no substitute days.

This module is pure logic: it returns dates, numbers and short codes, never sentences.
The sentences live in the Fluent files; `DeadlineAnswer.status` and `band` select them.

Holidays come from the `holidays` package (PUBLIC category). The three eves are computed
here, not read from the package: before holidays 0.88 the package listed them as public
holidays, from 0.88 on they are in a separate DE_FACTO category (vacanza/holidays#3138).
Computing them keeps the result the same on every version and lets legal staff switch an
eve off in the content (`DeadlineRule.extra_closed_days`).

Formatting dates and numbers for a reader (digits, month names) belongs to the screens:
see `bot.screens.dates` and `bot.screens.digits`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Final, Literal

from babel import Locale

Status = Literal["future_date", "ok", "today", "passed", "too_old"]
Band = Literal["0-2", "3-7", "8-14", "15+", "passed"]

MIDSUMMER_EVE: Final = "midsummer_eve"
CHRISTMAS_EVE: Final = "christmas_eve"
NEW_YEARS_EVE: Final = "new_years_eve"
# The eves that lag (1930:173) treats like a Sunday; the only values content may list.
EVES: Final = frozenset({MIDSUMMER_EVE, CHRISTMAS_EVE, NEW_YEARS_EVE})

# A delivery date more than this many days before today is probably a typo.
TOO_OLD_DAYS: Final = 366
# parse_date accepts years at most this far from today's year; this also rejects
# Solar Hijri (1405) and Islamic (1448) years, which this module does not convert.
YEAR_WINDOW: Final = 100
# Longer input is not a date; the limit also keeps the work per message small.
MAX_INPUT_CHARS: Final = 80


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """Hold the legal parameters of the deadline, as set by legal staff in the content.

    `weeks`: how long after delivery the appeal must have arrived (law: 3).
    `extra_closed_days`: which eves, besides weekends and public holidays, move the last
    day; a subset of `EVES` (law: all three). Any iterable of names is accepted and
    stored as a frozenset.
    """

    weeks: int = 3
    extra_closed_days: frozenset[str] = EVES

    def __post_init__(self) -> None:
        """Normalise the eve names and reject values that cannot be meant."""
        names = frozenset(self.extra_closed_days)
        object.__setattr__(self, "extra_closed_days", names)
        if isinstance(self.weeks, bool) or not 1 <= self.weeks <= 52:
            raise ValueError(f"weeks out of range: {self.weeks!r}")
        unknown = names - EVES
        if unknown:
            raise ValueError(f"unknown closed days: {sorted(unknown)}")


DEFAULT_RULE: Final = DeadlineRule()


@dataclass(frozen=True, slots=True)
class DeadlineAnswer:
    """Hold the computed deadline for one delivery date, seen from one day.

    `days_left` is `(deadline - today).days` (negative once passed). `band` groups it
    for anonymous statistics: "0-2", "3-7", "8-14", "15+" or "passed".
    """

    delivered: date
    deadline: date
    days_left: int
    status: Status
    band: Band


# --- Calendar ----------------------------------------------------------------------


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    """Return Sweden's public holidays of a year, without the eves."""
    import holidays  # only when a day is asked about: it costs a tenth of a second at start

    calendar = holidays.country_holidays("SE", years=year, include_sundays=False)
    days = frozenset(day for day in calendar if isinstance(day, date))
    # Older versions of the package list the eves as public holidays; drop them so
    # that only DeadlineRule decides about them.
    return days - frozenset(_eves(year, days))


def _eves(year: int, public: frozenset[date] | None = None) -> dict[date, str]:
    """Return the eves of a year that lag (1930:173) treats like a Sunday."""
    if public is None:
        public = _public_holidays(year)
    eves = {date(year, 12, 24): CHRISTMAS_EVE, date(year, 12, 31): NEW_YEARS_EVE}
    # Midsummer Eve is the day before Midsommardagen, the Saturday from 20 to 26 June;
    # take Midsommardagen from the package so the two can never disagree.
    for day_of_month in range(20, 27):
        day = date(year, 6, day_of_month)
        if day.weekday() == 5 and day in public:
            eves[day - timedelta(days=1)] = MIDSUMMER_EVE
    return eves


def is_holiday(day: date) -> bool:
    """Tell whether `day` is a Swedish public holiday or one of the three eves (when most
    workplaces are closed too), weekends aside."""
    return day in _public_holidays(day.year) or day in _eves(day.year)


def is_closed_day(day: date, rule: DeadlineRule = DEFAULT_RULE) -> bool:
    """Tell whether a last day falling on `day` moves to the next day."""
    if day.weekday() >= 5 or day in _public_holidays(day.year):
        return True
    return _eves(day.year).get(day) in rule.extra_closed_days


def appeal_deadline(delivered: date, rule: DeadlineRule = DEFAULT_RULE) -> date:
    """Return the last day the appeal must reach Migrationsverket."""
    day = delivered + timedelta(weeks=rule.weeks)
    while is_closed_day(day, rule):
        day += timedelta(days=1)
    return day


def band(days_left: int) -> Band:
    """Group the days left for anonymous statistics."""
    if days_left < 0:
        return "passed"
    if days_left <= 2:
        return "0-2"
    if days_left <= 7:
        return "3-7"
    if days_left <= 14:
        return "8-14"
    return "15+"


def answer(delivered: date, today: date, rule: DeadlineRule = DEFAULT_RULE) -> DeadlineAnswer:
    """Compute the deadline for a delivery date as seen on `today` (Stockholm time)."""
    deadline = appeal_deadline(delivered, rule)
    days_left = (deadline - today).days
    status: Status
    if delivered > today:
        status = "future_date"
    elif (today - delivered).days > TOO_OLD_DAYS:
        status = "too_old"
    elif days_left < 0:
        status = "passed"
    elif days_left == 0:
        status = "today"
    else:
        status = "ok"
    return DeadlineAnswer(delivered, deadline, days_left, status, band(days_left))


def pickable_days(today: date, weeks: int = 5) -> list[date]:
    """Return the days a date picker offers, oldest first, ending with today."""
    return [today - timedelta(days=back) for back in range(7 * weeks - 1, -1, -1)]


def pickable_weeks(today: date, weeks: int = 5) -> list[tuple[date | None, ...]]:
    """Return the pickable days as Monday-first rows of seven, None outside the range."""
    days = pickable_days(today, weeks)
    return calendar_weeks(days[0], today)


def calendar_weeks(first: date, last: date) -> list[tuple[date | None, ...]]:
    """Return the days from `first` to `last` as Monday-first rows of seven, None outside."""
    start = first - timedelta(days=first.weekday())
    rows: list[tuple[date | None, ...]] = []
    while start <= last:
        row = (start + timedelta(days=i) for i in range(7))
        rows.append(tuple(day if first <= day <= last else None for day in row))
        start += timedelta(days=7)
    return rows


# --- Parsing ---------------------------------------------------------------------------

# Arabic-script letters typed differently on Arabic, Persian and Dari keyboards.
_LETTER_VARIANTS: Final = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "ـ": None,  # tatweel, used only to stretch words
    }
)
_TOKEN: Final = re.compile(r"[0-9]+|[^\W\d_]+")
# An ordinal ending right after a number: Swedish "3:e", "1:a", English "3rd", "1st".
_ORDINAL_ENDING: Final = re.compile(r"(?<=[0-9]):?(?:e|a|st|nd|rd|th)\b")

# Month names as people type them, January to December, comma-separated. Keys are
# folded with _fold, so hamza, yeh and kaf variants and letter case need no entry.
_MONTH_LISTS: Final = (
    # Swedish and English, with abbreviations.
    "januari,februari,mars,april,maj,juni,juli,augusti,september,oktober,november,december",
    "jan,feb,mar,apr,maj,jun,jul,aug,sep,okt,nov,dec",
    "january,february,march,april,may,june,july,august,september,october,november,december",
    "jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec",
    # Arabic: Gregorian transliterations, then the Levantine and Iraqi names.
    "يناير,فبراير,مارس,أبريل,مايو,يونيو,يوليو,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر",
    "كانون الثاني,شباط,آذار,نيسان,أيار,حزيران,تموز,آب,أيلول,تشرين الأول,تشرين الثاني,كانون الأول",
    # Dari as written in Afghanistan, then the Iranian transliterations.
    "جنوری,فبروری,مارچ,اپریل,می,جون,جولای,اگست,سپتامبر,اکتوبر,نومبر,دسمبر",
    "ژانویه,فوریه,مارس,آوریل,مه,ژوئن,ژوئیه,اوت,سپتامبر,اکتبر,نوامبر,دسامبر",
)
# Second spellings that the lists above do not cover.
_MONTH_VARIANTS: Final = {
    "sept": 9,
    "إبريل": 4,
    "يونيه": 6,
    "يوليه": 7,
    "كانون ثاني": 1,
    "تشرين أول": 10,
    "تشرين ثاني": 11,
    "كانون أول": 12,
    "جولائی": 7,
    "سپتمبر": 9,
}
# Words that may surround a date and carry nothing: Swedish "den", English "the ... of",
# Pashto "د". Weekday names are added from babel below.
_FILLER_WORDS: Final = ("den", "the", "of", "on", "د")
# Locales whose babel month and weekday names are accepted too (spelling variants).
_NAME_LOCALES: Final = ("sv_SE", "en_GB", "ar", "ar_SY", "ar_IQ", "fa", "fa_AF", "ps")


def _fold(text: str) -> str:
    """Fold text so that spelling, keyboard and invisible-character variants compare equal."""
    text = unicodedata.normalize("NFKC", text)
    # Drop bidi marks, zero-width characters (Cf) and Arabic vowel signs (Mn).
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn"))
    # Any script's decimal digits (Arabic-Indic, Persian, ...) become ASCII digits.
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
    return text.translate(_LETTER_VARIANTS).casefold()


def _tokens(text: str) -> list[str]:
    """Split folded text into runs of digits and runs of letters."""
    return _TOKEN.findall(text)


def _key(name: str) -> str:
    """Return the lookup key of a month or weekday name."""
    return " ".join(_tokens(_fold(name)))


def _babel_names(kind: Literal["months", "days"]) -> Iterable[tuple[int, str]]:
    """Yield (index, name) for wide and abbreviated babel names in _NAME_LOCALES."""
    for name in _NAME_LOCALES:
        locale = Locale.parse(name)
        table = locale.months if kind == "months" else locale.days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for index, word in table[context][width].items():
                    yield int(index), str(word)


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Map month-name keys to month numbers; explicit names win over babel's."""
    months: dict[str, int] = {}
    for names in _MONTH_LISTS:
        for month, word in enumerate(names.split(","), start=1):
            months.setdefault(_key(word), month)
    for word, month in _MONTH_VARIANTS.items():
        months.setdefault(_key(word), month)
    for month, word in _babel_names("months"):
        months.setdefault(_key(word), month)
    return months


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    """Keys of words a typed date may carry besides day, month and year: "the", weekdays.
    Built on first use: babel's weekday names of eight locales take a tenth of a second,
    which the bot's start need not pay."""
    return frozenset(_key(word) for word in _FILLER_WORDS) | frozenset(
        _key(word) for _, word in _babel_names("days")
    )


def _classify(tokens: list[str]) -> tuple[list[str], list[int]] | None:
    """Split tokens into numbers and months, dropping fillers; None on an unknown word."""
    numbers: list[str] = []
    months: list[int] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit():
            numbers.append(token)
            i += 1
            continue
        # Two words may be one name: "تشرين الثاني", or "سه شنبه" typed with a space.
        if i + 1 < len(tokens):
            pair = (f"{token} {tokens[i + 1]}", f"{token}{tokens[i + 1]}")
            month = next((_months()[p] for p in pair if p in _months()), None)
            if month is not None:
                months.append(month)
                i += 2
                continue
            if any(p in _fillers() for p in pair):
                i += 2
                continue
        if token in _months():
            months.append(_months()[token])
        elif token not in _fillers():
            return None
        i += 1
    return numbers, months


def _fields(
    numbers: list[str], months: list[int], day_first: bool = True
) -> tuple[int | None, int, int] | None:
    """Return (year or None, month, day) from classified tokens, or None if no date.

    Numbers alone are read day first (3/11 is 3 November), or month first where the
    language writes dates that way (`day_first=False`); ISO order always works.
    """
    year: str | None = None
    month: str | None = None
    if len(months) > 1 or (months and len(numbers) not in (1, 2)):
        return None
    if months and len(numbers) == 1:
        day = numbers[0]
    elif months and len(numbers[0]) == 4:  # "2026 november 3"
        year, day = numbers
    elif months:  # "3 nov 2026", "Nov 3, 2026", "3 nov 26": the day comes first
        day, year = numbers
    elif len(numbers) == 2:  # "3/11"
        day, month = numbers if day_first else reversed(numbers)
    elif len(numbers) == 3 and len(numbers[0]) == 4:  # ISO order: 2026-11-03
        year, month, day = numbers
    elif len(numbers) == 3 and day_first:  # as in Sweden and Europe: 3/11/2026
        day, month, year = numbers
    elif len(numbers) == 3:  # as in the United States: 11/3/2026
        month, day, year = numbers
    else:
        return None
    if len(day) > 2 or (month is not None and len(month) > 2):
        return None
    if year is not None and len(year) not in (2, 4):
        return None
    # A two-digit year means 20xx: "3/11/26".
    full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return full_year, months[0] if months else int(str(month)), int(day)


def _make_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None if it does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(year: int | None, month: int, day: int, today: date) -> date | None:
    """Return the date; without a year, the latest such date not after today."""
    if year is not None:
        if abs(year - today.year) > YEAR_WINDOW:
            return None
        return _make_date(year, month, day)
    # 29 February may lie up to eight years back (no leap day in 2100).
    for candidate_year in range(today.year, today.year - 9, -1):
        candidate = _make_date(candidate_year, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def parse_date(text: str, today: date, day_first: bool = True) -> date | None:
    """Read a typed date in Swedish, English, Arabic or Dari; None if it is not one."""
    if not isinstance(text, str) or len(text) > MAX_INPUT_CHARS:
        return None
    classified = _classify(_tokens(_ORDINAL_ENDING.sub("", _fold(text))))
    if classified is None:
        return None
    fields = _fields(*classified, day_first)
    if fields is None:
        return None
    return _resolve(*fields, today)
