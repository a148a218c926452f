"""Assemble the bot from settings: content, UI strings, store, pseudonyms, conversation."""

from __future__ import annotations

from pathlib import Path

from bot.content import Content, load_content
from bot.conversation import NO_LANGUAGE, Clock, Conversation
from bot.problems import ContentError, Problem
from bot.pseudonym import Pseudonyms, load_or_create_key
from bot.screens import Library
from bot.settings import Settings
from bot.store import SqliteStore, Store
from bot.texts import Texts, load_texts
from bot.uniques import RESTART

DB_NAME = "nasta-steg.sqlite3"


def load_library(content_dir: Path, locales_dir: Path) -> tuple[Library | None, list[Problem]]:
    """Load and validate UI strings and content; the library is None when anything is broken."""
    texts, problems = load_texts(locales_dir)
    if texts is None:
        return None, problems
    content, content_problems = load_content(content_dir, [lang.code for lang in texts.languages])
    problems += content_problems
    if content is None:
        return None, problems
    library = Library(content, texts)
    library.prerender()
    return library, problems


def require_library(settings: Settings) -> Library:
    """Load the library or raise ContentError."""
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    if library is None:
        raise ContentError(problems)
    return library


def pseudonyms_for(settings: Settings) -> Pseudonyms:
    """Return the pseudonym function from the configured key, or the key file."""
    key = settings.pseudonym_key or load_or_create_key(settings.key_file, settings.data_dir)
    return Pseudonyms(key)


async def build_conversation(
    settings: Settings,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
) -> Conversation:
    """Build the conversation core with the real store unless one is given."""
    library = require_library(settings)
    pseudonyms = pseudonyms_for(settings)
    if store is None:
        store = await SqliteStore.open(settings.data_dir / DB_NAME)
    relay = settings.staff_chat_id is not None
    conversation = Conversation(
        library,
        store,
        pseudonyms,
        clock,
        relay_enabled=relay,
        relay_days=settings.relay_days,
        relay_grace_days=settings.relay_grace_days,
    )
    # Uniques restart from zero after a restart: count restarts to show that caveat.
    await conversation.count(NO_LANGUAGE, RESTART)
    return conversation


__all__ = ["Content", "Texts", "build_conversation", "load_library", "require_library"]
