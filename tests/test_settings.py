"""Settings come from a mapping; bad ones give one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, read_dotenv

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


def test_defaults() -> None:
    """With nothing set, the bot uses Telegram's server and local folders."""
    settings = Settings.from_environ({"HOME": "/home/x"})
    assert settings.api_url == "https://api.telegram.org"
    assert settings.data_dir == Path("data") and settings.token is None
    assert settings.key_file == Path("/home/x/.config/nasta-steg/pseudonym.key")


def test_values_from_environment() -> None:
    """Every documented variable is read; a trailing slash on the API URL is dropped."""
    settings = Settings.from_environ(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "BOT_DATA_DIR": "/srv/data",
            "BOT_CONTENT_DIR": "/srv/content",
            "BOT_STAFF_CHAT_ID": "-100123",
            "BOT_PSEUDONYM_KEY": "ab" * 32,
        }
    )
    assert settings.require_token() == TOKEN
    assert settings.api_url == "http://127.0.0.1:8081"
    assert settings.staff_chat_id == -100123 and settings.pseudonym_key == b"\xab" * 32


@pytest.mark.parametrize("token", ["", "nonsense", "123:short", "abc:ABCdefGHIjklMNOpqrSTUvwx"])
def test_bad_token_is_one_clear_error(token: str) -> None:
    """A missing or malformed token raises SettingsError naming the variable."""
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        Settings.from_environ({"TELEGRAM_BOT_TOKEN": token}).require_token()


def test_token_not_in_repr() -> None:
    """The token never shows in the settings' repr (and so not in a logged object)."""
    assert TOKEN not in repr(Settings.from_environ({"TELEGRAM_BOT_TOKEN": TOKEN}))


def test_dotenv(tmp_path: Path) -> None:
    """A .env file is read: comments, export, quotes."""
    env = tmp_path / ".env"
    env.write_text("# c\nexport TELEGRAM_BOT_TOKEN='x:y'\nBOT_DATA_DIR = /d\n\nbad line\n")
    assert read_dotenv(env) == {"TELEGRAM_BOT_TOKEN": "x:y", "BOT_DATA_DIR": "/d"}


def test_editors_default_to_the_staff_group() -> None:
    """Without BOT_EDITORS_CHAT_ID editors publish from the staff group; a bad id is refused."""
    staff_only = Settings.from_environ({"BOT_STAFF_CHAT_ID": "-100123"})
    assert staff_only.editors_chat == -100123
    own = Settings.from_environ(
        {"BOT_STAFF_CHAT_ID": "-100123", "BOT_EDITORS_CHAT_ID": "-100456", "BOT_SEED_DIR": "/o"}
    )
    assert own.editors_chat == -100456 and own.seed_dir == Path("/o")
    with pytest.raises(SettingsError, match="BOT_EDITORS_CHAT_ID"):
        Settings.from_environ({"BOT_EDITORS_CHAT_ID": "editors"})
