"""Deep links: `t.me/<bot>?start=<payload>` opens the bot where a poster or leaflet points.

The payload (Telegram allows 1-64 characters of A-Z a-z 0-9 _ -) is up to three parts
joined by "_", in this order, each optional:

    <language>_<section>_<source>     fa_appeal_malmo-poster
    <language>_<source>               fa_malmo-poster
    <language>_<section>              ar_appeal
    <language>                        sv, en, ar, fa (Telegram's code for Dari: fa-AF)
    <source>                          malmo-poster   (the language choice, counted)

A language opens the bot in it without the choice; a section (an id of sheet.yaml) opens
that section; a source (an id of sources.yaml) is counted per day, never a person. Ids have
no "_", so the parts cannot be confused. A part the bot no longer knows (a section removed
after the poster was printed) is skipped; without a language the choice is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from bot.screens.library import Library

PAYLOAD_RE: Final = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SEPARATOR: Final = "_"


@dataclass(frozen=True, slots=True)
class StartLink:
    """What a payload names, as far as the bot knows it."""

    language: str | None = None
    section: str | None = None
    source: str | None = None


def read_payload(lib: Library, payload: str) -> StartLink:
    """Read a payload; what is not recognised is left out (an empty link: the choice)."""
    if not PAYLOAD_RE.match(payload):
        return StartLink()
    parts = payload.split(SEPARATOR)
    if len(parts) > 3:
        return StartLink()
    language = lib.texts.exactly(parts[0])
    rest = parts[1:] if language else parts
    section = source = None
    for part in rest:
        if language and section is None and source is None and lib.content.meta(part):
            section = part
        elif source is None and lib.content.source(part):
            source = part
    return StartLink(language, section, source)


def payload_problems(lib: Library, payload: str) -> list[str]:
    """What is wrong with a payload for a poster (strict: every part must be known)."""
    if not PAYLOAD_RE.match(payload):
        return ["a payload is 1-64 characters: letters A-Z a-z, digits, '_' and '-'"]
    parts = payload.split(SEPARATOR)
    link = read_payload(lib, payload)
    known = [p for p in (link.language, link.section, link.source) if p]
    if len(parts) > 3 or len(known) != len(parts):
        codes = ", ".join(language_code(lib, c) for c in lib.codes)
        return [
            f"{payload!r} must be <language>[_<section>][_<source>] or <source>: languages"
            f" {codes}; sections from content/sheet.yaml; sources from content/sources.yaml"
        ]
    return []


def language_code(lib: Library, language: str) -> str:
    """The shortest code that opens `language` in a link ("fa" for fa-AF)."""
    lang = lib.texts.language(language)
    codes = [c for c in (lang.code, *lang.telegram_codes) if lib.texts.exactly(c) == language]
    return min(codes, key=len) if codes else language


def payload(
    lib: Library, language: str | None, section: str | None = None, source: str | None = None
) -> str:
    """The payload for a language, section and source."""
    parts = [language_code(lib, language) if language else None, section, source]
    return SEPARATOR.join(p for p in parts if p)


def link(username: str, start: str) -> str:
    """The t.me link that starts the bot with a payload."""
    return f"https://t.me/{username.lstrip('@')}?start={start}"
