"""Property test: any sequence of events gives only screens Telegram would accept."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.markup import html_problems
from bot.core.conversation import Conversation, Event, Reply
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import Library, Screen
from bot.screens.render import text_length
from bot.storage.memory import MemoryStore
from tests.conftest import KEY, FixedClock

COMMANDS = ["start", "menu", "language", "help", "privacy", "forget", "nope", "", "x" * 32]
LANGUAGES = ["sv", "en", "ar", "fa-AF", "de", None]
TEXTS = ["hello", "", "12/3", "2026-11-01", "igår", "\u202e\u200b", "x" * 5000, "1"]


def routes(library: Library) -> list[str]:
    """Valid routes of the bot, built from the real content."""
    found = ["menu", "sheet", "talk", "about", "dl", "dl:2026-11-01", "lang:sv", "lang:fa-AF"]
    found += [f"lang:{code}" for code in library.codes]
    found += [f"list:{c}" for c in ("legal", "places", "support", "emergency")]
    for section in library.content.sections:
        found += [f"s:{section.id}", f"s:{section.id}:1", f"s:{section.id}:7"]
    for org in library.content.organisations:
        found += [f"o:{org.id}:talk", f"o:{org.id}:legal", f"pin:{org.id}"]
    return found


def events(library: Library) -> st.SearchStrategy[list[tuple[str, object]]]:
    """Random sequences of commands, button data, follow-a-button, texts and other input."""
    step = st.one_of(
        st.tuples(st.just("command"), st.sampled_from(COMMANDS)),
        st.tuples(st.just("button"), st.sampled_from(routes(library))),
        st.tuples(st.just("button"), st.text(max_size=80)),
        st.tuples(st.just("follow"), st.integers(0, 40)),
        st.tuples(st.just("text"), st.sampled_from(TEXTS) | st.text(max_size=200)),
        st.tuples(st.just("other"), st.none()),
    )
    return st.lists(st.tuples(step, st.sampled_from(LANGUAGES)), min_size=1, max_size=25)


def check_screen(screen: Screen) -> None:
    """A screen Telegram accepts: valid HTML, ≤ 4096 characters, good buttons."""
    assert html_problems(screen.text) == [], screen.text[:200]
    assert 0 < text_length(screen.text) <= 4096
    for row in screen.buttons:
        assert row, "an empty row of buttons"
        for button in row:
            assert button.label.strip(), "a button without a label"
            assert (button.data is None) != (button.url is None)
            if button.data is not None:
                assert 0 < len(button.data.encode()) <= 64, button.data


def check(reply: Reply | None) -> None:
    """Every reply is None or carries acceptable screens."""
    if reply is None:
        return
    assert reply.screen is not None or reply.venue is not None
    if reply.screen is not None:
        check_screen(reply.screen)


def test_random_event_sequences_give_valid_screens(library: Library) -> None:
    """Commands, valid and random button data, texts and stickers: every screen is valid."""

    @settings(
        max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
    )
    @given(sequence=events(library))
    def run(sequence: list[tuple[tuple[str, object], str | None]]) -> None:
        clock = FixedClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
        conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)

        async def play() -> None:
            last: Screen | None = None
            for (kind, value), language in sequence:
                if kind == "follow":
                    data = [b.data for row in (last.buttons if last else ()) for b in row]
                    data = [d for d in data if d]
                    if not data:
                        continue
                    kind, value = "button", data[int(str(value)) % len(data)]
                event = Event(kind, 4242, str(value or ""), app_language=language)  # type: ignore[arg-type]
                reply = await conversation.handle(event)
                check(reply)
                if reply is not None and reply.screen is not None:
                    last = reply.screen

        asyncio.run(play())

    run()
