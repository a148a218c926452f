"""Editors publish from their Telegram group, through each runner and mode, end to end."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.support.fakebotapi import FakeBotAPI, FakeChat, FakeUser
from tests.support.running import MODES, bot_running
from tests.test_publish import NEW_FA, OLD_FA, copy_content, edited, zipped

DARI_READER = 777000901


def in_group(api: FakeBotAPI, group: FakeChat, after: int) -> list[str]:
    """The bot's texts in the group from message `after` on."""
    return [m.text for m in api.chat_messages(group) if m.message_id > after]


async def ask(api: FakeBotAPI, group: FakeChat, user: FakeUser, text: str, answers: int = 1) -> str:
    """Write in the group and wait for the bot's answers; return them joined."""
    sent = await api.push_group_text(group, user, text)
    await api.wait_for(lambda: len(in_group(api, group, sent)) >= answers)
    return "\n".join(in_group(api, group, sent))


async def upload(
    api: FakeBotAPI, group: FakeChat, user: FakeUser, name: str, data: bytes, answers: int = 1
) -> str:
    """Send a file to the group and wait for the bot's answers; return them joined."""
    sent = await api.push_document(group, user, name, data)
    await api.wait_for(lambda: len(in_group(api, group, sent)) >= answers)
    return "\n".join(in_group(api, group, sent))


class Reader:
    """A young person reading Dari, who opens the first section again and again."""

    def __init__(self, api: FakeBotAPI, user: FakeUser, message_id: int) -> None:
        self.api, self.user, self.message_id = api, user, message_id
        self.edits = 1  # the language choice became the menu

    async def section(self) -> str:
        """Open the sheet, then the first section; return what it says."""
        api = self.api
        for route in ("sheet", "s:what-it-means"):
            self.edits += 1
            await api.press(self.user, self.message_id, route, strict=False)
            await api.wait_for(lambda: api.chat_messages(self.user)[0].edited == self.edits)
        return api.chat_messages(self.user)[0].text


@pytest.mark.parametrize("mode", MODES)
async def test_editors_publish_and_roll_back(tmp_path: Path, mode: str) -> None:
    """Refusals, a broken upload, a summary, /publish seen in Dari, /rollback, and the versions
    after a restart."""
    local = copy_content(tmp_path)
    async with FakeBotAPI() as api:
        group = api.group(title="Editors")
        sara = api.user(first_name="Sara", language_code="sv")
        guest = api.user(first_name="Guest", language_code="sv")
        api.set_member(group, sara, "administrator")
        api.set_member(group, guest, "member")
        reader = api.user(id=DARI_READER, language_code="fa")
        settings = Settings(
            token=api.token,
            api_url=api.root_url,
            data_dir=local.data_dir,
            content_dir=local.content_dir,
            locales_dir=local.locales_dir,
            key_file=local.key_file,
            staff_chat_id=group.id,  # editors default to the staff group
        )
        fa = local.content_dir / "sheet" / "fa-AF.md"
        original = fa.read_bytes()
        async with bot_running(api, settings, mode):
            await api.push_text(reader, "/start")
            await api.wait_for(lambda: len(api.chat_messages(reader)) == 1)
            choice = api.chat_messages(reader)[0].message_id
            await api.press(reader, choice, "lang:fa-AF")
            await api.wait_for(lambda: api.chat_messages(reader)[0].edited == 1)
            dari = Reader(api, reader, choice)

            # /content: the live content as a zip, with the how-to.
            how_to = await ask(api, group, guest, "/content", answers=2)
            assert "/publish" in how_to
            (document,) = [m for m in api.chat_messages(group) if m.kind == "document"]
            with zipfile.ZipFile(io.BytesIO(api.uploaded(document))) as archive:
                assert archive.read("content/sheet/fa-AF.md") == original

            new = edited(fa, OLD_FA, NEW_FA)
            refused = await upload(api, group, guest, "fa-AF.md", new)
            assert "administratör" in refused
            evil = zipped({"content/sheet/fa-AF.md": new, "../../etc/cron.d/x.yaml": b"x"})
            refused = await upload(api, group, sara, "edit.zip", evil)
            assert "../../etc/cron.d/x.yaml" in refused and "✗" in refused
            sheet = local.content_dir / "sheet.yaml"
            broken = edited(
                sheet, "  - id: what-it-means\n    written:", "  - id: what-it-means\n   written:"
            )
            answer = await upload(api, group, sara, "sheet.yaml", broken)
            assert "content/sheet.yaml, line" in answer and "Inget har ändrats" in answer
            assert fa.read_bytes() == original

            summary = await upload(api, group, sara, "fa-AF.md", new, answers=3)
            assert "ändrade avsnitt" in summary and "fa-AF" in summary, summary
            await api.wait_for(
                lambda: len([m for m in api.chat_messages(group) if m.kind == "document"]) == 2
            )
            preview = [m for m in api.chat_messages(group) if m.kind == "document"][-1]
            assert NEW_FA in api.uploaded(preview).decode("utf-8")
            assert OLD_FA in await dari.section(), "nothing is live before /publish"

            refused = await ask(api, group, guest, "/publish")
            assert "administratör" in refused
            done = await ask(api, group, sara, "/publish")
            assert "version 1" in done, done
            assert NEW_FA in await dari.section()

            back = await ask(api, group, sara, "/rollback")
            assert "Version 0" in back, back
            assert OLD_FA in await dari.section()
            assert fa.read_bytes() == original

        async with bot_running(api, settings, mode):
            listed = await ask(api, group, guest, "/versions")
            assert "#2" in listed and "#1" in listed and "Sara" in listed, listed
            assert "content/sheet/fa-AF.md" in listed


@pytest.mark.parametrize("runner", ["ptb", "aiogram"])
async def test_the_port_fetches_sends_and_asks_within_limits(tmp_path: Path, runner: str) -> None:
    """Both runners: a download over the cap raises TooLarge, a document arrives whole, and
    only administrators count as administrators."""
    from bot.adapters.aiogram_runner import AiogramPort
    from bot.adapters.port import TooLarge
    from bot.adapters.ptb_runner import PtbPort
    from tests.conftest import settings_for

    async with FakeBotAPI() as api:
        group = api.group(title="Editors")
        sara, guest = api.user(first_name="Sara"), api.user(first_name="Guest")
        api.set_member(group, sara, "creator")
        api.set_member(group, guest, "member")
        await api.push_document(group, sara, "big.zip", b"x" * 100)
        file_id = next(iter(api.files))
        settings = settings_for(api, tmp_path)
        port = PtbPort(settings) if runner == "ptb" else AiogramPort(settings)
        await port.connect()
        try:
            assert await port.download(file_id, 100) == b"x" * 100
            with pytest.raises(TooLarge):
                await port.download(file_id, 99)
            assert await port.is_admin(group.id, sara.id)
            assert not await port.is_admin(group.id, guest.id)
            await port.send_document(group.id, "changes.html", b"<p>hi</p>", "<b>caption</b>")
        finally:
            await port.close()
        (sent,) = [m for m in api.chat_messages(group) if m.kind == "document"]
        assert api.uploaded(sent) == b"<p>hi</p>" and sent.text == "caption"
        assert sent.extra["document"]["file_name"] == "changes.html"


@pytest.mark.parametrize("mode", ["ptb", "aiogram-webhook"])
async def test_a_file_said_to_be_too_large_is_not_fetched(tmp_path: Path, mode: str) -> None:
    """A document Telegram says is over the limit is refused without downloading it."""
    local = copy_content(tmp_path)
    async with FakeBotAPI() as api:
        group = api.group(title="Editors")
        sara = api.user(first_name="Sara")
        api.set_member(group, sara, "administrator")
        settings = Settings(
            token=api.token,
            api_url=api.root_url,
            data_dir=local.data_dir,
            content_dir=local.content_dir,
            locales_dir=local.locales_dir,
            key_file=local.key_file,
            editors_chat_id=group.id,
        )
        async with bot_running(api, settings, mode):
            sent = await api.push_document(group, sara, "edit.zip", b"PK", declared_size=50_000_000)
            await api.wait_for(lambda: len(in_group(api, group, sent)) == 1)
            assert "5 MB" in in_group(api, group, sent)[0]
            assert api.calls("getFile") == []
