"""What `content/` holds once loaded and validated: sections, organisations, the deadline
rule, audio, the relay's desks and answers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.rules.deadline import DEFAULT_RULE, DeadlineRule, is_holiday
from bot.rules.hours import Hours, OpenState, open_state

# The language the sheet is written in; the others are translations of it.
ORIGINAL = "sv"
# Buttons a section may show under its text (`buttons:` in sheet.yaml), in that order.
SECTION_BUTTONS = ("deadline", "legal", "talk", "sos")


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the information sheet in one language."""

    id: str
    title: str
    body: str
    line: int


@dataclass(frozen=True, slots=True)
class Review:
    """A translation's review: its date, and the hash of the Swedish text it was checked against."""

    status: str
    date: date | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class SectionMeta:
    """What is known about a section in every language."""

    id: str
    written: date | None  # when the text was written from the sources
    sources: tuple[str, ...]
    translations: Mapping[str, str]
    # Per language, when given in the long form `{status: reviewed, date: ..., source: ...}`.
    reviews: Mapping[str, Review] = field(default_factory=dict)
    # When staff last checked the facts against the live sources; None: not yet.
    facts_checked: date | None = None
    buttons: tuple[str, ...] = ()  # from SECTION_BUTTONS, shown under the text
    # Typed words that lead to this section, per language (`keywords:` in sheet.yaml).
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation or helpline; only verified fields are filled in."""

    id: str
    categories: tuple[str, ...]
    verified: bool
    written: date | None  # when the details were written down from the sources
    name: Mapping[str, str]
    offers: Mapping[str, str]
    translations: Mapping[str, str] = field(default_factory=dict)
    phone: str | None = None
    hours: Hours | None = None
    website: str | None = None
    address: str | None = None
    coordinates: tuple[float, float] | None = None
    telegram: str | None = None
    email: str | None = None
    languages: tuple[str, ...] = ()
    facts_checked: date | None = None  # when staff last checked them live; None: not yet


@dataclass(frozen=True, slots=True)
class DeadlineContent:
    """The appeal-deadline rule as legal staff set it in `content/deadline.yaml`."""

    rule: DeadlineRule = DEFAULT_RULE
    legal_basis: str = "lag (1930:173) om beräkning av lagstadgad tid"
    written: date | None = None
    sources: tuple[str, ...] = ()
    facts_checked: date | None = None
    # The periods, in weeks, the helper offers to choose from; `rule.weeks` is the usual.
    periods: tuple[int, ...] = (3, 2, 1)


# What typed words lead to, per language (`content/keywords.yaml`; sections' own words are
# `keywords:` in sheet.yaml). Helpers are screens that are neither a section nor a list.
Words = Mapping[str, tuple[str, ...]]
HELPERS = ("deadline", "talk")


@dataclass(frozen=True, slots=True)
class Keywords:
    """Crisis words, help words, and the words of each contact list and helper."""

    crisis: Words = field(default_factory=dict)
    help: Words = field(default_factory=dict)
    lists: Mapping[str, Words] = field(default_factory=dict)  # contact category -> words
    helpers: Mapping[str, Words] = field(default_factory=dict)  # one of HELPERS -> words


@dataclass(frozen=True, slots=True)
class Source:
    """Where a deep link was printed (a poster, a school, a drop-in): counted, never a person."""

    id: str
    what: str  # for staff: which poster or place


ANY = "any"  # the desk "whoever can help": the shared staff group


@dataclass(frozen=True, slots=True)
class Desk:
    """An organisation a young person can choose to write to."""

    id: str  # the organisation's id in organisations.yaml, or ANY
    hours: Hours | None = None  # when staff read and answer; None: not said
    languages: Mapping[str, Hours] = field(default_factory=dict)  # hours per language
    staff_chat: int | None = None  # the organisation's own staff group; None: the shared one
    # Public holidays (and the three eves) close a desk, unless relay.yaml says it answers
    # on some of them (`open_on_holidays:` a list of dates) or on all (`true`).
    open_on: frozenset[date] = frozenset()
    open_on_all_holidays: bool = False

    def hours_for(self, language: str) -> Hours | None:
        """The answering hours for a young person writing in `language`."""
        return self.languages.get(language, self.hours)

    def closed_on(self, day: date) -> bool:
        """Whether staff are off on `day` for a holiday, whatever the weekly hours say."""
        return not self.open_on_all_holidays and day not in self.open_on and is_holiday(day)


@dataclass(frozen=True, slots=True)
class RelayContent:
    """Everything in `content/relay.yaml`, validated."""

    anyone: Desk = field(default_factory=lambda: Desk(ANY))
    desks: tuple[Desk, ...] = ()
    answers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def desk(self, desk_id: str) -> Desk | None:
        """The desk with this id (ANY: whoever can help), or None."""
        if desk_id == ANY:
            return self.anyone
        return next((d for d in self.desks if d.id == desk_id), None)

    def staff_chats(self) -> set[int]:
        """The organisations' own staff groups."""
        return {d.staff_chat for d in self.desks if d.staff_chat is not None}


def answer_state(desk: Desk, language: str, now: datetime) -> OpenState | None:
    """Whether staff of `desk` answer now in `language`; None when no hours are written."""
    hours = desk.hours_for(language)
    return None if hours is None else open_state(hours, now, desk.closed_on)


@dataclass(frozen=True, slots=True)
class Content:
    """Everything in `content/`, validated."""

    sections: tuple[SectionMeta, ...]
    sheets: Mapping[str, Mapping[str, Section]]
    organisations: tuple[Organisation, ...]
    deadline: DeadlineContent = field(default_factory=DeadlineContent)
    # Optional recordings: (language, section id) -> content/audio/<language>/<id>.ogg
    audio: Mapping[tuple[str, str], Path] = field(default_factory=dict)
    # Who young people can write to through the bot, and prepared answers (relay.yaml).
    relay: RelayContent = field(default_factory=RelayContent)
    keywords: Keywords = field(default_factory=Keywords)
    # Where deep links to the bot are printed (`content/sources.yaml`).
    sources: tuple[Source, ...] = ()

    def section(self, language: str, section_id: str) -> Section | None:
        """Return a section in a language, or None."""
        return self.sheets.get(language, {}).get(section_id)

    def meta(self, section_id: str) -> SectionMeta | None:
        """Return a section's metadata, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def organisation(self, org_id: str) -> Organisation | None:
        """Return an organisation by id, or None."""
        return next((o for o in self.organisations if o.id == org_id), None)

    def source(self, source_id: str) -> Source | None:
        """Return a declared deep-link source by id, or None."""
        return next((s for s in self.sources if s.id == source_id), None)

    def in_category(self, category: str) -> list[Organisation]:
        """Return the organisations of a category, in file order."""
        return [o for o in self.organisations if category in o.categories]


def international(phone: str) -> str:
    """Write a Swedish number so Telegram can dial it: '0771-235 235' -> '+46 771 235 235'."""
    if phone.startswith("0") and len(re.sub(r"\D", "", phone)) >= 7:
        return "+46 " + phone[1:].replace("-", " ")
    return phone
