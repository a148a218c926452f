"""Assemble the bot from settings: content, UI strings, store, pseudonyms, conversation."""

from __future__ import annotations

from bot.content.seed import seed
from bot.core.conversation import NO_LANGUAGE, Clock, Conversation
from bot.core.pseudonym import Pseudonyms, load_or_create_key
from bot.core.uniques import RESTART
from bot.screens.library import Library, require_library
from bot.settings import Settings
from bot.storage.base import Store
from bot.storage.seal import ChatSeal
from bot.storage.sqlite import DB_NAME, SqliteStore


def pseudonym_key(settings: Settings) -> bytes:
    """Return the configured pseudonym key, or the key file's (created on first run)."""
    return settings.pseudonym_key or load_or_create_key(settings.key_file, settings.data_dir)


def pseudonyms_for(settings: Settings) -> Pseudonyms:
    """Return the pseudonym function from the configured key, or the key file."""
    return Pseudonyms(pseudonym_key(settings))


async def open_store(settings: Settings) -> SqliteStore:
    """Open the store in the data dir; relay chat ids are sealed under the pseudonym key."""
    return await SqliteStore.open(settings.data_dir / DB_NAME, ChatSeal(pseudonym_key(settings)))


async def build_conversation(
    settings: Settings,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    library: Library | None = None,
) -> Conversation:
    """Build the conversation core with the real store unless one is given (and the
    content loaded from the settings' folders unless a library is given)."""
    seed(settings)  # the first start on a server: the live content from the shipped one
    library = library or require_library(settings)
    pseudonyms = pseudonyms_for(settings)
    if store is None:
        store = await open_store(settings)
    try:
        if settings.staff_chat_id is not None:
            # Relays written before schema 4 have no group: it was the shared one.
            await store.adopt_relays(settings.staff_chat_id)
    except BaseException:
        await store.close()
        raise
    conversation = Conversation(
        library,
        store,
        pseudonyms,
        clock,
        relay_days=settings.relay_days,
        relay_grace_days=settings.relay_grace_days,
        shared_chat=settings.staff_chat_id,
    )
    try:
        # Uniques restart from zero after a restart: count restarts to show that caveat.
        await conversation.count(NO_LANGUAGE, RESTART)
    except BaseException:
        await store.close()  # its thread would otherwise keep the process alive
        raise
    return conversation


__all__ = ["build_conversation", "open_store", "pseudonym_key", "pseudonyms_for"]
