"""Settings read from a mapping (the environment, plus an optional `.env` file)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_API_URL = "https://api.telegram.org"
_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line for the operator."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot needs from its environment."""

    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    data_dir: Path = Path("data")
    content_dir: Path = Path("content")
    locales_dir: Path = Path("locales")
    key_file: Path = Path("~/.config/nasta-steg/pseudonym.key")
    pseudonym_key: bytes | None = field(default=None, repr=False)
    staff_chat_id: int | None = None
    editors_chat_id: int | None = None  # where staff publish content; None: the staff group
    seed_dir: Path | None = None  # shipped content/ and locales/, copied when the live are empty
    relay_days: int = 30  # a relay's link is deleted after this many days without messages
    relay_grace_days: int = 7  # ... and this many days after staff /close it
    log_format: str = "text"
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_path: str = "/telegram"
    connect_patience: int = 45  # seconds to retry an unreachable Bot API at start
    bot_username: str | None = None  # for links on posters and leaflets (t.me/<username>)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `environ` (default: `.env` overlaid by `os.environ`)."""
        env = dict(read_dotenv(Path(".env"))) if environ is None else {}
        env.update(os.environ if environ is None else environ)
        get = env.get
        key_hex = get("BOT_PSEUDONYM_KEY") or None
        key: bytes | None = None
        if key_hex:
            try:
                key = bytes.fromhex(key_hex)
            except ValueError:
                raise SettingsError(
                    "BOT_PSEUDONYM_KEY must be hexadecimal (64 characters)."
                ) from None
            if len(key) < 16:
                raise SettingsError("BOT_PSEUDONYM_KEY is too short: use 32 random bytes in hex.")
        config_home = Path(get("XDG_CONFIG_HOME") or Path(get("HOME", "~")) / ".config")
        seed = get("BOT_SEED_DIR") or None
        return cls(
            token=(get("TELEGRAM_BOT_TOKEN") or "").strip() or None,
            api_url=(get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            data_dir=Path(get("BOT_DATA_DIR") or "data"),
            content_dir=Path(get("BOT_CONTENT_DIR") or "content"),
            locales_dir=Path(get("BOT_LOCALES_DIR") or "locales"),
            key_file=Path(get("BOT_KEY_FILE") or config_home / "nasta-steg" / "pseudonym.key"),
            pseudonym_key=key,
            staff_chat_id=_chat_id(get("BOT_STAFF_CHAT_ID"), "BOT_STAFF_CHAT_ID"),
            editors_chat_id=_chat_id(get("BOT_EDITORS_CHAT_ID"), "BOT_EDITORS_CHAT_ID"),
            seed_dir=Path(seed) if seed else None,
            relay_days=_days(get("BOT_RELAY_DAYS"), "BOT_RELAY_DAYS", 30),
            relay_grace_days=_days(get("BOT_RELAY_GRACE_DAYS"), "BOT_RELAY_GRACE_DAYS", 7),
            log_format=(get("BOT_LOG_FORMAT") or "text").lower(),
            log_level=(get("BOT_LOG_LEVEL") or "INFO").upper(),
            webhook_url=(get("BOT_WEBHOOK_URL") or "").strip() or None,
            webhook_secret=(get("BOT_WEBHOOK_SECRET") or "").strip() or None,
            webhook_listen=get("BOT_WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=_port(get("BOT_WEBHOOK_PORT")),
            webhook_path="/" + (get("BOT_WEBHOOK_PATH") or "/telegram").lstrip("/"),
            connect_patience=_seconds(get("BOT_CONNECT_PATIENCE"), "BOT_CONNECT_PATIENCE", 45),
            bot_username=(get("BOT_USERNAME") or "").strip().lstrip("@") or None,
        )

    @property
    def editors_chat(self) -> int | None:
        """The group where editors publish content: its own, else the shared staff group."""
        return self.editors_chat_id if self.editors_chat_id is not None else self.staff_chat_id

    def require_token(self) -> str:
        """Return the bot token, or raise a one-line error when it is missing or malformed."""
        if not self.token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather.")
        if not _TOKEN_RE.match(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN looks wrong: it should look like 123456789:ABC-def... "
                "(copy it again from @BotFather)."
            )
        return self.token


def _chat_id(value: str | None, name: str) -> int | None:
    """A group's chat id (a negative number), or None when not set."""
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number like -1001234567890.") from None


def _days(value: str | None, name: str, default: int) -> int:
    """A number of days from 0 to 3650 (default `default`)."""
    if not value:
        return default
    if not value.strip().isdigit() or int(value) > 3650:
        raise SettingsError(f"{name} must be a number of days like {default}.")
    return int(value)


def _seconds(value: str | None, name: str, default: int) -> int:
    """A number of seconds from 1 to 3600 (default `default`)."""
    if not value:
        return default
    if not value.strip().isdigit() or not 0 < int(value) <= 3600:
        raise SettingsError(f"{name} must be a number of seconds like {default}.")
    return int(value)


def _port(value: str | None) -> int:
    """The webhook port: a number from 1 to 65535 (default 8080)."""
    if not value:
        return 8080
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SettingsError("BOT_WEBHOOK_PORT must be a port number like 8080.")
    return int(value)


def read_dotenv(path: Path) -> dict[str, str]:
    """Read simple KEY=value lines from a `.env` file, if there is one."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return values
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values
