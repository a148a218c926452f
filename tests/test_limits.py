"""Callback data fits Telegram's 64 bytes for the longest ids content allows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.content.loader import ID_RE, load_content
from bot.core.conversation import MAX_DATA
from bot.screens import routes
from bot.screens.library import Library
from tests.conftest import CONTENT

CATEGORIES = ("legal", "places", "support", "emergency", "talk")


def test_longest_possible_route_fits_64_bytes() -> None:
    """The longest id `check` accepts, in every route shape, stays within 64 bytes."""
    longest = "a" * 24
    assert ID_RE.match(longest) and not ID_RE.match(longest + "a")
    built: list[routes.Route] = [
        routes.Section(longest, routes.MAX_PAGE),
        routes.Pin(longest),
        routes.Listen(longest),
        routes.RelayDesk(longest),
        routes.RelayStart(longest),
        routes.Lang("x" * 24),
        routes.DeadlineDay(date.max, 52),
        routes.DeadlineAsk(date.max),
    ]
    built += [routes.Org(longest, category) for category in CATEGORIES]
    assert MAX_DATA == 64
    assert max(len(r.data.encode()) for r in built) <= 64
    assert all(routes.parse(r.data) == r for r in built), "every route parses back"


def test_every_button_of_the_real_content_fits(library: Library) -> None:
    """Every button on every screen reachable by route is within 64 bytes of callback data."""
    for language in library.codes:
        screens = [library.menu(language), library.sheet(language), library.talk(language)]
        screens += [library.organisations(language, c) for c in CATEGORIES[:4]]
        for section in library.content.sections:
            screen = library.section(language, section.id, 0)
            assert screen is not None
            screens.append(screen)
        for screen in screens:
            for row in screen.buttons:
                for button in row:
                    assert button.data is None or len(button.data.encode()) <= 64, button.data


def test_check_refuses_too_long_ids_and_titles(tmp_path: Path) -> None:
    """`check` reports an id over 24 characters and a button title over 40 as errors."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    sheet = content / "sheet" / "sv.md"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("{#appeal}", "{#" + "a" * 25 + "}")
    text = text.replace("Vad betyder avslaget?", "V" * 41)
    sheet.write_text(text, encoding="utf-8")
    _, problems = load_content(content, ["sv", "en", "ar", "fa-AF"])
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any("a" * 25 in e for e in errors), errors
    assert any("41 characters" in e for e in errors), errors
