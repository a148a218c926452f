"""Build what the user sees, screen by screen, from content and UI strings.

A screen is Telegram-flavoured HTML text and rows of buttons; nothing here knows
Telegram. Button data are routes (`bot.screens.routes`), at most 64 bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from bot.content.glossary import glossary_problems
from bot.content.loader import load_content
from bot.content.model import ORIGINAL, Content, Organisation
from bot.content.problems import ContentError, Problem, errors_in
from bot.content.texts import Texts, load_texts
from bot.rules.hours import Hours, open_state
from bot.screens.bidi import FSI, PDI, shape
from bot.screens.dates import clock_time, day_names, long_date, weekday
from bot.screens.digits import fluent_form, join_groups, number, phone
from bot.screens.render import escape, markdown_blocks, paginate
from bot.screens.routes import (
    About,
    DeadlineAsk,
    Lang,
    Languages,
    Listen,
    Menu,
    Org,
    OrgList,
    Pin,
    RelayChoose,
    Route,
    Safe,
    Section,
    Sheet,
    Sos,
    Talk,
)
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class Button:
    """A button: either a route inside the bot, or a link that opens outside it."""

    label: str
    data: str | None = None
    url: str | None = None


Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True, slots=True)
class Screen:
    """One message: HTML text and rows of buttons."""

    text: str
    buttons: Rows = ()


@dataclass(frozen=True, slots=True)
class Venue:
    """A place to show on a map."""

    latitude: float
    longitude: float
    title: str
    address: str


STAFF_LANGUAGES = ("sv", "en")
# The buttons sheet.yaml may put under a section (`buttons:`): label key and route.
SECTION_BUTTONS: dict[str, tuple[str, Route]] = {
    "deadline": ("deadline-button", DeadlineAsk()),
    "legal": ("menu-legal", OrgList("legal")),
    "talk": ("menu-talk", Talk()),
    "sos": ("relay-sos", Sos()),
}
MENU_ITEMS: tuple[tuple[str, Route], ...] = (
    ("menu-sheet", Sheet()),
    ("deadline-button", DeadlineAsk()),
    ("menu-legal", OrgList("legal")),
    ("menu-places", OrgList("places")),
    ("menu-emergency", OrgList("emergency")),
    ("menu-talk", Talk()),
)


@dataclass(frozen=True)
class Library:
    """Content and UI strings together, with the sheet rendered once per language."""

    content: Content
    texts: Texts
    _pages: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False)

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """The codes of the languages offered, in order."""
        return tuple(lang.code for lang in self.texts.languages)

    @property
    def staff_language(self) -> str:
        """The language of the bot's messages to staff: Swedish, else English, else the first."""
        return next((c for c in STAFF_LANGUAGES if self.texts.known(c)), self.codes[0])

    def t(self, language: str, key: str, /, **args: object) -> str:
        """Format a UI string; whole numbers are written with the language's digits."""
        text = self.texts(language, key, **args)
        # Fluent needs the number itself for plural variants, and writes it with Latin
        # digits: rewrite each number placeable the bot's way (see bot.screens.digits).
        for value in args.values():
            if isinstance(value, int) and not isinstance(value, bool):
                text = text.replace(
                    f"{FSI}{fluent_form(value, language)}{PDI}",
                    f"{FSI}{number(value, language)}{PDI}",
                )
        return self.shape(language, text)

    def shape(self, language: str, text: str) -> str:
        """Lay out text for the language: numbers whole, Latin runs isolated in RTL."""
        return shape(text, self.texts.language(language).rtl)

    def pages(self, language: str, section_id: str) -> list[str]:
        """Return a section's body as pages of Telegram HTML."""
        key = (language, section_id)
        if key not in self._pages:
            section = self.content.section(language, section_id)
            if section is None:
                return []
            rtl = self.texts.language(language).rtl
            self._pages[key] = paginate(markdown_blocks(section.body, rtl=rtl))
        return self._pages[key]

    def prerender(self) -> None:
        """Render every section of every language now, so no user waits for it."""
        for language in self.codes:
            for meta in self.content.sections:
                self.pages(language, meta.id)

    def button(self, language: str, key: str, route: Route, /, **args: object) -> Button:
        """A button labelled with a UI string that leads to `route`."""
        return Button(self.t(language, key, **args), route.data)

    def nav(self, language: str, back: Route) -> tuple[Button, ...]:
        """The Back and Menu row every screen ends with."""
        return (
            self.button(language, "button-back", back),
            self.button(language, "button-menu", Menu()),
        )

    def language_choice(self, first: str | None) -> Screen:
        """The language choice, written in every language, `first` on top."""
        order = sorted(self.texts.languages, key=lambda lang: lang.code != first)
        text = "\n\n".join(self.t(lang.code, "choose-language") for lang in order)
        rows = tuple((Button(lang.name, Lang(lang.code).data),) for lang in order)
        return Screen(text, rows)

    def menu(self, language: str, prefix: str | None = None) -> Screen:
        """The main menu."""
        text = self.t(language, "menu-text")
        if prefix:
            text = f"{prefix}\n\n{text}"
        rows: list[tuple[Button, ...]] = [
            (self.button(language, key, route),) for key, route in MENU_ITEMS
        ]
        rows.append((self.button(language, "menu-safe", Safe()),))
        rows.append(
            (
                self.button(language, "menu-language", Languages()),
                self.button(language, "menu-about", About()),
            )
        )
        return Screen(text, tuple(rows))

    def sheet(self, language: str) -> Screen:
        """The list of the sheet's sections."""
        rows: list[tuple[Button, ...]] = [
            (Button(section.title, Section(meta.id).data),)
            for meta in self.content.sections
            if (section := self.content.section(language, meta.id))
        ]
        rows.append(self.nav(language, Menu()))
        return Screen(self.t(language, "sheet-intro"), tuple(rows))

    def section(self, language: str, section_id: str, page: int) -> Screen | None:
        """One page of one section, with paging, the next section and its freshness."""
        section = self.content.section(language, section_id)
        meta = self.content.meta(section_id)
        pages = self.pages(language, section_id)
        if section is None or meta is None or not pages:
            return None
        page = min(max(page, 0), len(pages) - 1)
        parts = [f"<b>{self.shape(language, escape(section.title))}</b>", pages[page]]
        footer = []
        if meta.facts_checked:  # never the day it was written: readers trust this line
            footer.append(
                self.t(language, "section-checked", date=long_date(meta.facts_checked, language))
            )
        # Swedish is the original, not a translation: its draft status is for staff only.
        if language != ORIGINAL and meta.translations.get(language) == "draft":
            footer.append(self.t(language, "section-draft"))
        if footer:
            parts.append("<i>" + "\n".join(footer) + "</i>")
        rows: list[tuple[Button, ...]] = []
        if page == 0 and (language, section_id) in self.content.audio:
            rows.append((self.button(language, "button-listen", Listen(section_id)),))
        rows += [(self.button(language, *SECTION_BUTTONS[name]),) for name in meta.buttons]
        paging = []
        if page > 0:
            paging.append(self.button(language, "button-previous", Section(section_id, page - 1)))
        if page < len(pages) - 1:
            paging.append(self.button(language, "button-more", Section(section_id, page + 1)))
        if paging:
            rows.append(tuple(paging))
        ids = [m.id for m in self.content.sections]
        at = ids.index(section_id)
        if page == len(pages) - 1 and at + 1 < len(ids):
            following = self.content.section(language, ids[at + 1])
            if following:
                rows.append(
                    (
                        self.button(
                            language,
                            "button-next-section",
                            Section(following.id),
                            title=following.title,
                        ),
                    )
                )
        rows.append(self.nav(language, Sheet()))
        return Screen("\n\n".join(parts), tuple(rows))

    def organisations(self, language: str, category: str) -> Screen:
        """A category of organisations; helplines show their numbers at once."""
        orgs = self.content.in_category(category)
        lines = [self.t(language, f"list-{category}")]
        if category == "emergency":
            lines += [
                self.t(
                    language,
                    "helpline-line",
                    name=escape(o.name[language]),
                    phone=phone(o.phone),
                )
                for o in orgs
                if o.phone
            ]
        rows: list[tuple[Button, ...]] = [
            (Button(o.name[language], Org(o.id, category).data),) for o in orgs
        ]
        rows.append(self.nav(language, Menu()))
        return Screen("\n\n".join(lines), tuple(rows))

    def organisation(self, language: str, org: Organisation, back: Route, now: datetime) -> Screen:
        """Everything verified about one organisation."""
        t = self.t
        lines = [
            f"<b>{self.shape(language, escape(org.name[language]))}</b>",
            self.shape(language, escape(org.offers[language])),
            "",
        ]
        if org.languages:
            names = ", ".join(
                self.texts.language(c).name if self.texts.known(c) else c for c in org.languages
            )
            lines.append(t(language, "org-languages", languages=escape(names)))
        if org.phone:
            lines.append(t(language, "org-phone", phone=phone(org.phone)))
        if org.hours:
            lines.append(self.hours_line(language, org.hours, now))
        if org.address:
            lines.append(t(language, "org-address", address=join_groups(escape(org.address))))
        if org.website:
            lines.append(t(language, "org-website", url=escape(org.website)))
        if org.email:
            lines.append(t(language, "org-email", email=escape(org.email)))
        if org.telegram:
            lines.append(t(language, "org-telegram", username=f"@{org.telegram}"))
        if not org.verified:
            lines += ["", f"<i>{t(language, 'org-unverified')}</i>"]
        elif org.facts_checked:
            checked = long_date(org.facts_checked, language)
            lines += ["", f"<i>{t(language, 'org-checked', date=checked)}</i>"]
        rows: list[tuple[Button, ...]] = []
        if org.coordinates:
            rows.append((self.button(language, "button-map", Pin(org.id)),))
        links = []
        if org.website:
            links.append(Button(t(language, "button-website"), url=org.website))
        if org.telegram:
            links.append(Button(t(language, "button-telegram"), url=f"https://t.me/{org.telegram}"))
        if links:
            rows.append(tuple(links))
        rows.append(self.nav(language, back))
        return Screen("\n".join(lines).strip(), tuple(rows))

    def hours_line(self, language: str, hours: Hours, now: datetime) -> str:
        """Opening hours and whether it is open now, in Stockholm time."""
        t = self.t
        if hours.always:
            return t(language, "hours-always")
        spans = self.hours_spans(language, hours)
        state = open_state(hours, now)
        if state.open_now and state.closes_at:
            status = t(language, "hours-open-now", time=clock_time(state.closes_at, language))
        elif state.opens_at:
            status = t(
                language,
                "hours-opens-at",
                day=weekday(state.opens_at.date(), language),
                time=clock_time(state.opens_at, language),
            )
        else:
            status = t(language, "hours-closed")
        return t(language, "org-hours", hours=spans, status=status)

    def hours_spans(self, language: str, hours: Hours) -> str:
        """Weekly hours as "Mon–Fri 09:00–17:00; Sat 10:00–14:00"."""
        names = day_names(language)
        spans = []
        for period in hours.periods:
            days = sorted(period.days)
            if len(days) == 1:
                label = names[days[0]]
            elif days == list(range(days[0], days[-1] + 1)):
                label = f"{names[days[0]]}–{names[days[-1]]}"
            else:  # "tue, thu": not a range
                label = ", ".join(names[d] for d in days)
            spans.append(
                f"{label} {clock_time(period.opens, language)}–"
                f"{clock_time(period.closes, language)}"
            )
        return "; ".join(spans)

    def venue(self, language: str, org: Organisation) -> Venue | None:
        """The map pin of an organisation, if its coordinates are known."""
        if not org.coordinates:
            return None
        return Venue(org.coordinates[0], org.coordinates[1], org.name[language], org.address or "")

    def talk(self, language: str, relay: bool = False) -> Screen:
        """How to reach a person at an organisation (and, if `relay`, to write to staff here)."""
        orgs = [
            o
            for o in self.content.organisations
            if "support" in o.categories or "legal" in o.categories
        ]
        rows: list[tuple[Button, ...]] = [
            (Button(o.name[language], Org(o.id, "talk").data),) for o in orgs
        ]
        if relay:
            rows.insert(0, (self.button(language, "relay-button", RelayChoose()),))
        rows.append(self.nav(language, Menu()))
        return Screen(self.t(language, "talk-text"), tuple(rows))

    def text_screen(self, language: str, key: str, back: Route | None = None) -> Screen:
        """A screen of one UI string (about, help) with Back and Menu (Back: the menu)."""
        return Screen(self.t(language, key), (self.nav(language, back or Menu()),))


def load_library(
    content_dir: Path, locales_dir: Path, *, lint: bool = True, prerender: bool = True
) -> tuple[Library | None, list[Problem]]:
    """Load and validate UI strings and content; the library is None when anything is broken.

    `lint` adds the glossary's warnings (words to avoid), for `check` and for staff; the
    running bot, which only needs to know whether the content is whole, leaves it out.
    `prerender` renders every section now (a reload, off the event loop); otherwise each
    section is rendered when first shown (a few milliseconds).
    """
    texts, problems = load_texts(locales_dir)
    if texts is None:
        return None, problems
    codes = [lang.code for lang in texts.languages]
    content, content_problems = load_content(content_dir, codes)
    problems += content_problems
    if lint:
        problems += glossary_problems(content_dir, locales_dir, codes)
    if content is None or errors_in(problems):
        return None, problems
    library = Library(content, texts)
    if prerender:
        library.prerender()
    return library, problems


def require_library(settings: Settings) -> Library:
    """Load the library or raise ContentError (at a start: sections render when first shown,
    so the bot answers sooner)."""
    library, problems = load_library(
        settings.content_dir, settings.locales_dir, lint=False, prerender=False
    )
    if library is None:
        raise ContentError(problems)
    return library
