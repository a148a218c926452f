"""Live reload: edits go live within seconds, broken edits are refused and reported."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.reload import ContentWatcher, snapshot
from bot.screens.library import load_library
from bot.settings import Settings
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT, KEY, LOCALES, FixedClock
from tests.support.fakebotapi import FakeBotAPI
from tests.support.running import MODES
from tests.support.running import bot_running as running_bot

OLD = "Det är inte slutet."
NEW = "Det här är inte slutet, hör av dig till oss."
USER = 555000111


def copy_content(tmp_path: Path) -> Settings:
    """A private copy of the real content and locales, and settings pointing at it."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(LOCALES, tmp_path / "locales")
    return Settings(
        content_dir=tmp_path / "content",
        locales_dir=tmp_path / "locales",
        data_dir=tmp_path / "data",
        key_file=tmp_path / "key" / "pseudonym.key",
        pseudonym_key=KEY,
    )


def edit(path: Path, old: str, new: str) -> None:
    """Change a file the way an editor does (new size, new mtime)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def eventually(predicate: object, timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Wait until an async predicate is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await predicate():  # type: ignore[operator]
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.fixture
async def local(tmp_path: Path, clock: FixedClock) -> AsyncIterator[tuple[Conversation, Settings]]:
    """A conversation over a tmp copy of the content, a user who chose Swedish."""
    settings = copy_content(tmp_path)
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    assert library is not None, problems
    conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)
    await conversation.handle(Event("button", USER, "lang:sv"))
    yield conversation, settings


async def section_text(conversation: Conversation, section: str = "what-it-means") -> str:
    """What the user sees after pressing a section button."""
    reply = await conversation.handle(Event("button", USER, f"s:{section}"))
    assert reply is not None and reply.screen is not None
    return reply.screen.text


async def test_watcher_puts_an_edit_live(local: tuple[Conversation, Settings]) -> None:
    """An edited section shows on the very next event, within a few seconds."""
    conversation, settings = local
    watcher = ContentWatcher(settings, conversation, interval=0.1)
    watcher.start()
    try:
        assert OLD in await section_text(conversation)
        edit(settings.content_dir / "sheet" / "sv.md", OLD, NEW)

        async def live() -> bool:
            return NEW in await section_text(conversation)

        await eventually(live)
        assert watcher.reloads == 1
    finally:
        await watcher.stop()


async def test_broken_edit_is_refused_and_reported_once(
    local: tuple[Conversation, Settings],
) -> None:
    """Broken YAML: the old library stays, staff get file and line, only once."""
    conversation, settings = local
    told: list[str] = []

    async def notify(text: str) -> None:
        told.append(text)

    watcher = ContentWatcher(settings, conversation, notify, interval=0.05)
    before = conversation.library
    sheet = settings.content_dir / "sheet.yaml"
    edit(sheet, "  - id: what-it-means\n    written:", "  - id: what-it-means\n   written:")
    assert await watcher.check()
    assert conversation.library is before
    assert len(told) == 1
    assert "content/sheet.yaml, line" in told[0], told[0]
    assert "✗" in told[0]
    assert not await watcher.check(), "the same broken state is not reloaded again"
    assert len(told) == 1
    # A second broken file (new problems) is reported again.
    edit(settings.locales_dir / "sv" / "main.ftl", "menu-sheet =", "menu-sheet")
    assert await watcher.check()
    assert len(told) == 2 and "locales/sv/main.ftl, line" in told[1]
    assert OLD in await section_text(conversation)


async def test_unexpected_failure_keeps_the_old_library(
    local: tuple[Conversation, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a crash while loading leaves the bot on its last good content."""
    conversation, settings = local
    before = conversation.library

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("bot.core.reload.load_library", boom)
    watcher = ContentWatcher(settings, conversation)
    errors = await watcher.reload()
    assert errors and "disk on fire" in errors[0].message
    assert conversation.library is before


async def test_stale_button_after_a_section_is_removed(
    local: tuple[Conversation, Settings],
) -> None:
    """A button for a section that no longer exists leads to the menu with a note."""
    conversation, settings = local
    for path in [settings.content_dir / "sheet.yaml", *settings.content_dir.glob("sheet/*.md")]:
        edit(path, "do-not-disappear", "stay-in-touch")
    watcher = ContentWatcher(settings, conversation)
    assert await watcher.reload() is None
    reply = await conversation.handle(Event("button", USER, "s:do-not-disappear"))
    assert reply is not None and reply.screen is not None
    stale = conversation.library.t("sv", "stale-button")
    assert reply.screen.text.startswith(stale)
    assert reply.screen.buttons[0][0].data == "sheet", "the menu follows the note"
    assert "<b>" in await section_text(conversation, "stay-in-touch")


def test_snapshot_ignores_editor_files(tmp_path: Path) -> None:
    """Swap and backup files do not trigger a reload."""
    (tmp_path / "a.md").write_text("x")
    first = snapshot(tmp_path)
    (tmp_path / ".a.md.swp").write_text("swap")
    (tmp_path / "a.md~").write_text("backup")
    assert snapshot(tmp_path) == first
    (tmp_path / "a.md").write_text("xy")
    assert snapshot(tmp_path) != first


@pytest.mark.parametrize("mode", MODES)
async def test_broken_file_while_serving(tmp_path: Path, mode: str) -> None:
    """Through each runner and mode: users keep the last good content, staff are told, a fix
    goes live."""
    async with FakeBotAPI() as api:
        staff = api.group(title="Staff")
        local = copy_content(tmp_path)
        settings = Settings(
            token=api.token,
            api_url=api.root_url,
            data_dir=local.data_dir,
            content_dir=local.content_dir,
            locales_dir=local.locales_dir,
            key_file=local.key_file,
            staff_chat_id=staff.id,
        )
        async with running_bot(api, settings, mode, watch_interval=0.1):
            user = api.user(id=777000321, language_code="sv")
            await api.push_text(user, "/start")
            await api.wait_for(lambda: len(api.chat_messages(user.id)) == 1)
            message = api.chat_messages(user.id)[0].message_id
            presses = 0

            async def press(route: str) -> str:
                nonlocal presses
                presses += 1
                await api.press(user, message, route, strict=False)
                await api.wait_for(lambda: api.chat_messages(user.id)[0].edited == presses)
                return api.chat_messages(user.id)[0].text

            async def open_section() -> str:
                await press("sheet")  # so the section screen is a real change every time
                return await press("s:what-it-means")

            await press("lang:sv")
            assert OLD in await open_section()

            # Break a file: a heading without its {#id}, and the new text.
            sv = settings.content_dir / "sheet" / "sv.md"
            edit(sv, "## Överklaga: hur och när {#appeal}", "## Överklaga: hur och när")
            edit(sv, OLD, NEW)
            await api.wait_for(lambda: len(api.chat_messages(staff.id)) >= 1, timeout=10)
            report = api.chat_messages(staff.id)[0].text
            assert "content/sheet/sv.md, line 16" in report, report
            assert "## Title {#section-id}" in report
            assert OLD in await open_section(), "young people keep the last good text"
            assert "Karim" not in report

            # /reload in a private chat does nothing special; in the staff chat it answers.
            await api.push_group_text(staff, user, "/reload")
            await api.wait_for(lambda: len(api.chat_messages(staff.id)) >= 2, timeout=10)
            assert "sv.md, line 16" in api.chat_messages(staff.id)[1].text

            # Fix it: the new text goes live, and staff hear nothing more until asked.
            edit(sv, "## Överklaga: hur och när\n", "## Överklaga: hur och när {#appeal}\n")

            async def live() -> bool:
                return NEW in await open_section()

            await eventually(live, timeout=10)
            await api.push_group_text(staff, user, "/reload")
            await api.wait_for(lambda: len(api.chat_messages(staff.id)) >= 3, timeout=10)
            assert "✓" in api.chat_messages(staff.id)[2].text
