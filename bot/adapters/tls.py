"""One TLS context for every connection to Telegram, whichever runner makes it."""

from __future__ import annotations

import functools
import ssl

import certifi


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The certificates loaded once: building a context costs about 50 ms of CPU, which each
    HTTP client (and each aiogram session) would otherwise pay again."""
    return ssl.create_default_context(cafile=certifi.where())
