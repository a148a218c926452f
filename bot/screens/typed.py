"""The answers to a typed message: the crisis screen, the help numbers, the sections and lists
its words found, or a kind "not found". Only UI strings and the staff's content, as buttons."""

from __future__ import annotations

from collections.abc import Sequence

from bot.screens.library import Button, Library, Rows, Screen
from bot.screens.routes import DeadlineAsk, Lang, Menu, OrgList, Route, Section, Talk

# The label of a contact list's button, by category.
LIST_LABELS = {
    "legal": "menu-legal",
    "places": "menu-places",
    "emergency": "menu-emergency",
    "support": "typed-support",
}


def crisis(lib: Library, language: str) -> Screen:
    """112, 90101 and BRIS first; then Talk to someone, the emergency list and the menu."""
    text = f"{lib.t(language, 'typed-crisis')}\n\n{lib.t(language, 'typed-crisis-talk')}"
    rows: Rows = (
        (lib.button(language, "menu-talk", Talk()),),
        (lib.button(language, "menu-emergency", OrgList("emergency")),),
        (lib.button(language, "button-menu", Menu()),),
    )
    return Screen(text, rows)


def crisis_before_language(lib: Library, language: str) -> Screen:
    """The crisis numbers for someone who has not chosen a language yet (in the language of
    the words they typed), then the language choice, so the next tap leads on."""
    choice = lib.language_choice(language)
    text = f"{lib.t(language, 'typed-crisis')}\n\n{lib.t(language, 'choose-language')}"
    rows = tuple(row for row in choice.buttons if row and row[0].data != Lang(language).data)
    first = (Button(lib.texts.language(language).name, Lang(language).data),)
    return Screen(text, (first, *rows))


def label(lib: Library, language: str, route: Route) -> str | None:
    """The label of a button to a found route; None if it no longer exists."""
    match route:
        case Section(section_id):
            section = lib.content.section(language, section_id)
            return section.title if section else None
        case OrgList(category):
            return lib.t(language, LIST_LABELS[category])
        case DeadlineAsk():
            return lib.t(language, "deadline-button")
        case Talk():
            return lib.t(language, "menu-talk")
    return None


def found(lib: Library, language: str, routes: Sequence[Route], *, help_words: bool) -> Screen:
    """What the words found, best first, then Talk to someone and the menu; with help words,
    the emergency numbers on top. Nothing found: say so kindly, above the main menu."""
    buttons = [
        (Button(name, route.data),) for route in routes if (name := label(lib, language, route))
    ]
    if not buttons:
        key = "typed-help" if help_words else "typed-none"
        return lib.menu(language, prefix=lib.t(language, key))
    text = lib.t(language, "typed-found")
    if help_words:
        text = f"{lib.t(language, 'typed-help')}\n\n{text}"
    if Talk() not in routes:
        buttons.append((lib.button(language, "menu-talk", Talk()),))
    buttons.append((lib.button(language, "button-menu", Menu()),))
    return Screen(text, tuple(buttons))
