"""Which failed Bot API calls may be made again, the same for every runner.

A 429 means Telegram did nothing: every call waits as told and tries again. A 5xx or a
dropped connection after the request went out may come after Telegram acted (a gateway's
502 in front of a Bot API that did send the message): repeating a send would show it twice,
so only calls whose repetition changes nothing are repeated then.
"""

from __future__ import annotations

REPEATABLE = frozenset(
    {
        "getMe",
        "getUpdates",
        "getChat",
        "deleteWebhook",
        "setWebhook",
        "setMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "answerCallbackQuery",
        "editMessageText",
        "setMessageReaction",
        "deleteMessages",
        "leaveChat",
    }
)
BACKOFF = (0.5, 1.0, 2.0)  # seconds before each repetition
RETRIES = len(BACKOFF)
RETRY_AFTER_RETRIES = 3  # a 429 is waited out this often


def repeatable(method: str) -> bool:
    """Whether a call of `method` may be repeated after a 5xx or a dropped answer."""
    return method in REPEATABLE
