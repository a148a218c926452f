"""How young people arrive without pressing a button: typing words, or a deep link from a
poster or leaflet. Answered only with the staff's content; what was typed is never kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.model import Content
from bot.core.matching import Matcher
from bot.screens import deadline as deadline_screens
from bot.screens import links
from bot.screens import typed as typed_screens
from bot.screens.library import Screen

if TYPE_CHECKING:
    from bot.core.conversation import Conversation, Event

NO_LANGUAGE = "-"
_built: list[Matcher] = []  # the matcher of the content last used (rebuilt after a reload)


def matcher(content: Content) -> Matcher:
    """The keyword matcher of `content`, built once per loaded content."""
    if not _built or _built[0].content is not content:
        _built[:] = [Matcher(content)]
    return _built[0]


async def typed(conv: Conversation, text: str, language: str) -> Screen:
    """Answer a typed text: a clean date goes to the deadline helper's read-back; words get
    crisis first, then help, sections and lists, or a kind "not found". Only the kind of
    answer is counted (the date's band; crisis, help, none, or the best route)."""
    date = deadline_screens.typed(conv.library, language, text, conv.today())
    if date is not None:  # read back only if it reads cleanly; never stored or logged
        if date.band is not None:
            await conv.count(language, "deadline", date.band)
        return date.screen
    found = matcher(conv.library.content).find(text, language)
    if found.crisis:
        await conv.count(language, "typed", found.kind)
        return typed_screens.crisis(conv.library, language)
    subject = found.routes[0].data if found.routes else found.kind
    await conv.count(language, "typed", subject)
    return typed_screens.found(conv.library, language, found.routes, help_words=found.help)


async def before_language(conv: Conversation, event: Event) -> Screen | None:
    """Crisis or help words typed before any language was chosen: the numbers at once, in
    the language of the words, with the language choice. None: no such words."""
    if event.kind != "text":
        return None
    found = matcher(conv.library.content).find(event.value)
    if found.language is None:
        return None
    await conv.count(found.language, "typed", found.kind)
    return typed_screens.crisis_before_language(conv.library, found.language)


async def deep_link(
    conv: Conversation, user: bytes, language: str | None, payload: str
) -> Screen | None:
    """/start with a payload: count its source, open its language (and section) without
    the choice. None: no payload, or no language in it, so the usual /start."""
    if not payload:
        return None
    link = links.read_payload(conv.library, payload)
    if link.source is not None:
        await conv.count(link.language or language or NO_LANGUAGE, "source", link.source)
    if link.language is None:
        return None
    await conv.count(link.language, "start")
    await conv.remember(user, link.language)
    if link.language != language:
        await conv.count(link.language, "language", link.language)
    await conv.uniques.seen(user, link.language)
    if link.section is not None:
        screen = conv.library.section(link.language, link.section, 0)
        if screen is not None:
            await conv.count(link.language, "section", link.section)
            return screen
    return conv.library.menu(link.language)
