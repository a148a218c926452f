"""Keyed pseudonyms for chats, so the store never holds a Telegram id.

Telegram ids are a small space (about 10^10): a plain hash of an id can be reversed by
hashing every possible id. The pseudonym is an HMAC under a secret key that is kept
outside the data directory and its backups, so a copy of the data alone reveals nothing.
Whoever has both the key and the data can test whether a given id used the bot.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32


class KeyFileError(ValueError):
    """The pseudonym key cannot be used; the message is one line for the operator."""


class Pseudonyms:
    """Turns a chat id into a stable 16-byte pseudonym."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def of(self, chat_id: int) -> bytes:
        """Return the pseudonym of a chat."""
        return hmac.new(self._key, b"chat:%d" % chat_id, hashlib.sha256).digest()[:16]


def load_or_create_key(key_file: Path, data_dir: Path) -> bytes:
    """Read the key file, creating it (mode 600) with a random key on first run."""
    path = key_file.expanduser().resolve()
    if path.is_relative_to(data_dir.expanduser().resolve()):
        raise KeyFileError(
            f"BOT_KEY_FILE ({key_file}) is inside BOT_DATA_DIR: keep the key apart from the "
            "data and its backups"
        )
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(KEY_BYTES)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError as exc:
        raise KeyFileError(f"cannot read the key file {key_file}: {exc.strerror}") from None
    if len(key) < 16:
        raise KeyFileError(f"the key file {key_file} is too short; delete it to make a new one")
    return key


# 20 animals x 90,000 numbers: two of 300 open conversations share a name about 2.5% of
# the time (it was 39% with 10 x 9,000); topics are found by id, never by name.
RELAY_ANIMALS = (
    "Fox", "Owl", "Lynx", "Hare", "Elk", "Crane", "Otter", "Wren", "Seal", "Swan",
    "Badger", "Heron", "Robin", "Deer", "Finch", "Stork", "Marten", "Beaver", "Raven", "Bison",
)  # fmt: skip


def relay_pseudonym() -> str:
    """A random display name for staff, like "Fox-48213": never derived from the user."""
    return f"{secrets.choice(RELAY_ANIMALS)}-{10000 + secrets.randbelow(90000)}"
