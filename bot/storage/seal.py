"""Sealing a relay's chat id, so the data directory and its backups name no one.

The chat id is encrypted with AES-GCM (authenticated: a changed row does not decrypt)
under a key derived with HKDF from the pseudonym key, which lives outside the data
directory. The row's pseudonym is the associated data, so a sealed id cannot be moved to
another row. A key check value, stored beside the data, tells at start whether the key
changed; it is an HMAC under the derived key, so it reveals nothing about the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
INFO = b"nasta-steg relay chat id v1"


class ChatSeal:
    """Encrypts and decrypts chat ids for the relay table."""

    def __init__(self, secret: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(secret)
        self._aead = AESGCM(key)
        self.check = hmac.new(key, b"key-check", hashlib.sha256).digest()[:16]

    def seal(self, chat: int, user: bytes) -> bytes:
        """Encrypt a chat id for the row of pseudonym `user`."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, chat.to_bytes(8, "big", signed=True), user)

    def open(self, sealed: bytes, user: bytes) -> int | None:
        """Decrypt a chat id; None when it cannot be (another key, another row, damage)."""
        try:
            plain = self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], user)
        except (InvalidTag, ValueError):
            return None
        return int.from_bytes(plain, "big", signed=True)
