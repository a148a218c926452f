"""The conversation core: what each event shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.content.markup import html_problems
from bot.core.conversation import Conversation, Event, Reply
from bot.core.pseudonym import Pseudonyms
from bot.rules.hours import parse_hours
from bot.screens.library import Library, Screen
from bot.screens.render import text_length
from bot.storage.memory import MemoryStore
from tests.conftest import KEY, FixedClock

CHAT = 555000111


def labels(screen: Screen) -> list[str]:
    """All button labels of a screen."""
    return [b.label for row in screen.buttons for b in row]


def data(screen: Screen) -> list[str]:
    """All callback data of a screen."""
    return [b.data for row in screen.buttons for b in row if b.data]


async def press(conv: Conversation, value: str, chat: int = CHAT) -> Reply:
    """Press a button."""
    reply = await conv.handle(Event("button", chat, value))
    assert reply is not None
    return reply


async def test_start_offers_the_app_language_first(conversation: Conversation) -> None:
    """/start shows all four languages, the Telegram app's language on top."""
    reply = await conversation.handle(Event("command", CHAT, "start", app_language="fa"))
    assert reply and reply.screen
    assert data(reply.screen) == ["lang:fa-AF", "lang:sv", "lang:en", "lang:ar"]
    assert labels(reply.screen)[0] == "دری"


@pytest.mark.parametrize(
    "code,expected",
    [
        ("sv", "sv"),
        ("en-GB", "en"),
        ("ar", "ar"),
        ("fa-IR", "fa-AF"),
        ("prs", "fa-AF"),
        ("de", "sv"),
    ],
)
async def test_language_codes_map_to_bot_languages(
    conversation: Conversation, code: str, expected: str
) -> None:
    """Telegram's language codes map to the bot's languages; unknown ones keep the order."""
    reply = await conversation.handle(Event("command", CHAT, "start", app_language=code))
    assert reply and reply.screen
    assert data(reply.screen)[0] == f"lang:{expected}"


async def test_any_first_message_shows_language_choice(conversation: Conversation) -> None:
    """A first text or sticker, before any choice, gets the language choice."""
    for kind in ("text", "other"):
        reply = await conversation.handle(Event(kind, CHAT + 1, "hej"))
        assert reply and reply.screen
        assert all(d.startswith("lang:") for d in data(reply.screen))


async def test_choosing_language_remembers_it_and_shows_menu(
    conversation: Conversation, store: MemoryStore
) -> None:
    """Choosing Dari stores it under a pseudonym and shows the Dari menu in place."""
    reply = await press(conversation, "lang:fa-AF")
    assert reply.edit and reply.screen
    assert conversation.library.t("fa-AF", "menu-sheet") in labels(reply.screen)
    assert next(iter(store.languages.values()))[0] == "fa-AF"
    assert CHAT.to_bytes(8, "big") not in list(store.languages)
    again = await conversation.handle(Event("command", CHAT, "menu"))
    assert again and again.screen and "lang:fa-AF" not in data(again.screen)


async def test_menu_has_every_required_entry(conversation: Conversation) -> None:
    """The menu has sheet, deadline, legal help, places, emergency, talk, stay safe, language,
    about."""
    reply = await press(conversation, "lang:en")
    assert reply.screen
    assert data(reply.screen) == [
        "sheet",
        "dl",
        "list:legal",
        "list:places",
        "list:emergency",
        "talk",
        "safe",
        "lang",
        "about",
    ]


async def test_every_screen_has_back_and_menu(conversation: Conversation) -> None:
    """Walking every route of every language, each screen ends with Back and Menu."""
    lib = conversation.library
    for code in lib.codes:
        await press(conversation, f"lang:{code}")
        routes = ["sheet", "list:legal", "list:places", "list:emergency", "talk", "about"]
        routes += [f"s:{m.id}" for m in lib.content.sections]
        routes += [f"o:{o.id}:{o.categories[0]}" for o in lib.content.organisations]
        for route in routes:
            reply = await press(conversation, route)
            assert reply.screen, route
            last = reply.screen.buttons[-1]
            assert [b.data for b in last][1] == "menu", route
            assert html_problems(reply.screen.text) == [], (code, route)
            assert 0 < text_length(reply.screen.text) <= 4096, (code, route)
            assert all(len(d.encode()) <= 64 for d in data(reply.screen))


async def test_sheet_lists_sections_and_section_links_onwards(conversation: Conversation) -> None:
    """The sheet lists each section; a section shows its title and a link to the next one."""
    await press(conversation, "lang:sv")
    sheet = await press(conversation, "sheet")
    ids = [m.id for m in conversation.library.content.sections]
    assert sheet.screen and data(sheet.screen)[: len(ids)] == [f"s:{i}" for i in ids]
    first = await press(conversation, f"s:{ids[0]}")
    assert first.screen
    title = conversation.library.content.section("sv", ids[0])
    assert title and title.title in first.screen.text
    assert "2026" not in first.screen.text, "written, not checked: no date shown"
    assert f"s:{ids[1]}" in data(first.screen)


async def test_emergency_list_shows_numbers_at_once(conversation: Conversation) -> None:
    """Emergency and helplines shows 112 and BRIS 116 111 without another tap."""
    await press(conversation, "lang:ar")
    reply = await press(conversation, "list:emergency")
    assert reply.screen
    assert "112" in reply.screen.text and "116 111" in reply.screen.text


async def test_organisation_shows_only_known_fields(conversation: Conversation) -> None:
    """An organisation without a phone shows no phone line; a helpline shows its hours."""
    await press(conversation, "lang:en")
    bris = await press(conversation, "o:bris:emergency")
    assert bris.screen and "116 111" in bris.screen.text
    assert conversation.library.t("en", "hours-always") in bris.screen.text
    org = next(o for o in conversation.library.content.organisations if not o.phone)
    other = await press(conversation, f"o:{org.id}:{org.categories[0]}")
    assert other.screen and "📞" not in other.screen.text


async def test_forged_and_stale_buttons_lead_to_menu(conversation: Conversation) -> None:
    """Unknown, malformed or oversized button data leads to the menu with a note."""
    await press(conversation, "lang:en")
    note = conversation.library.t("en", "stale-button")
    for forged in [
        "s:nope",
        "o:ghost:legal",
        "list:secret",
        "x" * 5000,
        "s:",
        "",
        "pin:bris",
        "s:appeal:99999999",
        "menu:extra",
        "lang:xx",
        "o:bris:../../etc",
    ]:
        reply = await press(conversation, forged)
        assert reply.screen is not None, forged
        if forged not in ("lang:xx", "s:appeal:99999999", "o:bris:../../etc"):
            assert note in reply.screen.text, forged


async def test_free_text_and_stickers_get_a_helpful_answer(conversation: Conversation) -> None:
    """Text and non-text messages after the language choice get a short answer and the menu."""
    await press(conversation, "lang:sv")
    text = await conversation.handle(Event("text", CHAT, "x" * 10000))
    sticker = await conversation.handle(Event("other", CHAT))
    assert text and text.screen and conversation.library.t("sv", "typed-none") in text.screen.text
    assert sticker and sticker.screen
    assert conversation.library.t("sv", "only-text") in sticker.screen.text
    assert "sheet" in data(text.screen)


async def test_commands(conversation: Conversation) -> None:
    """/help, /privacy and an unknown command each answer in the chosen language."""
    await press(conversation, "lang:en")
    for name, key in [
        ("help", "help-text"),
        ("privacy", "about-text"),
        ("bogus", "unknown-command"),
    ]:
        reply = await conversation.handle(Event("command", CHAT, name))
        assert reply and reply.screen
        assert conversation.library.t("en", key)[:20] in reply.screen.text


async def test_forget_deletes_the_language(conversation: Conversation, store: MemoryStore) -> None:
    """/forget deletes the remembered language; the next message asks for a language again."""
    await press(conversation, "lang:en")
    await conversation.handle(Event("command", CHAT, "forget"))
    assert store.languages == {}
    reply = await conversation.handle(Event("text", CHAT, "hi"))
    assert reply and reply.screen and data(reply.screen)[0].startswith("lang:")


async def test_counts_are_anonymous_and_per_day(
    conversation: Conversation, store: MemoryStore
) -> None:
    """Starts, language choices and section views are counted per day and language only."""
    await conversation.handle(Event("command", CHAT, "start"))
    await press(conversation, "lang:ar")
    await press(conversation, "s:appeal")
    day = date(2026, 11, 24)
    assert store.totals == {
        (day, "-", "start", ""): 1,
        (day, "ar", "language", "ar"): 1,
        (day, "ar", "section", "appeal"): 1,
    }


async def test_map_pin_and_opening_hours_when_known(library: Library, clock: FixedClock) -> None:
    """An organisation with coordinates gets a map button and venue; hours say open until."""
    org = replace(
        library.content.organisations[-1],
        coordinates=(55.605, 13.0038),
        address="Exempelgatan 1, Malmö",
        hours=parse_hours([{"days": "mon-fri", "open": "09:00", "close": "17:00"}]),
    )
    content = replace(library.content, organisations=(*library.content.organisations[:-1], org))
    conv = Conversation(Library(content, library.texts), MemoryStore(), Pseudonyms(KEY), clock)
    await press(conv, "lang:en")
    reply = await press(conv, f"o:{org.id}:{org.categories[0]}")
    assert reply.screen and f"pin:{org.id}" in data(reply.screen)
    assert "open now, until" in reply.screen.text and "Exempelgatan 1" in reply.screen.text
    pin = await press(conv, f"pin:{org.id}")
    assert pin.venue is not None and pin.venue.latitude == 55.605 and not pin.edit


async def test_languages_expire_after_a_year_without_use(
    conversation: Conversation, store: MemoryStore, clock: FixedClock
) -> None:
    """A language not renewed for 365 days is deleted on the first event of a later day."""
    await press(conversation, "lang:sv")
    clock.moment += timedelta(days=200)
    await conversation.handle(Event("command", CHAT, "start"))
    clock.moment += timedelta(days=300)
    await conversation.handle(Event("command", CHAT + 5, "start"))
    assert len(store.languages) == 1, "renewed by /start 300 days ago: kept"
    clock.moment += timedelta(days=70)
    await conversation.handle(Event("command", CHAT + 5, "start"))
    assert store.languages == {}


async def test_do_not_disappear_is_never_a_dead_end(conversation: Conversation) -> None:
    """Show "Please don't disappear" early, with Talk to someone and Help now."""
    lib = conversation.library
    ids = [m.id for m in lib.content.sections]
    assert ids.index("do-not-disappear") <= 2, ids
    for code in lib.codes:
        await press(conversation, f"lang:{code}")
        reply = await press(conversation, "s:do-not-disappear")
        assert reply.screen
        assert "talk" in data(reply.screen) and "sos" in data(reply.screen)
        assert lib.t(code, "menu-talk") in labels(reply.screen)
        help_now = await press(conversation, "sos")
        assert help_now.screen and "112" in help_now.screen.text and not help_now.edit


def test_section_buttons_cover_what_content_allows() -> None:
    """Every button name sheet.yaml may list has a label and a route."""
    from bot.content.model import SECTION_BUTTONS as ALLOWED
    from bot.screens.library import SECTION_BUTTONS as BUILT

    assert set(ALLOWED) == set(BUILT)
