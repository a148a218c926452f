"""A fifth language is only new files: Pashto added to copies of locales/ and content/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.screens.library import load_library
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT, KEY, LOCALES, FixedClock


def add_pashto(tmp_path: Path) -> tuple[Path, Path]:
    """Copy content and locales, then add `ps` the way staff would: files only."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT, content)
    shutil.copytree(LOCALES, locales)
    shutil.copytree(locales / "en", locales / "ps")
    main = locales / "ps" / "main.ftl"
    text = main.read_text(encoding="utf-8")
    for key, value in (
        ("language-name", "پښتو"),
        ("language-direction", "rtl"),
        ("language-telegram-codes", "ps pbt"),
        ("language-order", "5"),
    ):
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert n == 1, key
    main.write_text(text, encoding="utf-8")
    shutil.copy(content / "sheet" / "en.md", content / "sheet" / "ps.md")
    # sheet.yaml: `ps: draft` after every `fa-AF: draft` (keeps comments and layout).
    sheet = content / "sheet.yaml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(
            "      fa-AF: draft\n", "      fa-AF: draft\n      ps: draft\n"
        ),
        encoding="utf-8",
    )
    # organisations.yaml: name, offers (from English) and status per organisation.
    orgs = content / "organisations.yaml"
    data = yaml.safe_load(orgs.read_text(encoding="utf-8"))
    for org in data["organisations"]:
        org["name"]["ps"] = org["name"]["en"]
        org["offers"]["ps"] = org["offers"]["en"]
        org["translations"]["ps"] = "draft"
    orgs.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # relay.yaml: every prepared answer needs every language.
    relay = content / "relay.yaml"
    data = yaml.safe_load(relay.read_text(encoding="utf-8"))
    for answer in data["answers"].values():
        answer["ps"] = answer["en"]
        answer["translations"]["ps"] = "draft"
    relay.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # keywords.yaml: crisis and help words are needed in every language (here: English's).
    keywords = content / "keywords.yaml"
    data = yaml.safe_load(keywords.read_text(encoding="utf-8"))
    for kind in ("crisis", "help"):
        data[kind]["ps"] = list(data[kind]["en"])
    keywords.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content, locales


async def test_pashto_is_offered_and_matched(tmp_path: Path, clock: FixedClock) -> None:
    """Pashto appears in the language choice, is right to left, and 'ps' maps to it."""
    content, locales = add_pashto(tmp_path)
    library, problems = load_library(content, locales)
    assert library is not None, "\n".join(map(str, problems))
    assert library.codes[-1] == "ps"
    assert library.texts.language("ps").rtl
    assert library.texts.match("ps") == "ps"
    assert library.texts.match("ps-AF") == "ps"
    conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)
    reply = await conversation.handle(Event("command", 4242, "start", app_language="ps"))
    assert reply is not None and reply.screen is not None
    buttons = [b for row in reply.screen.buttons for b in row]
    assert buttons[0].data == "lang:ps" and buttons[0].label == "پښتو", "own language first"
    reply = await conversation.handle(Event("button", 4242, "lang:ps"))
    reply = await conversation.handle(Event("button", 4242, "s:appeal"))
    assert reply is not None and reply.screen is not None
    assert library.t("ps", "section-draft") in reply.screen.text
