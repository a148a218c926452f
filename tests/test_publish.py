"""Publishing from the editors' group, without Telegram: staging, summary, versions, rollback."""

from __future__ import annotations

import io
import shutil
import stat
import subprocess
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.content.seed import seed
from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.reload import ContentWatcher
from bot.screens.library import load_library
from bot.settings import Settings
from bot.staff import tree
from bot.staff.publish import Publishing
from bot.staff.upload import MAX_FILE, Refused, read_upload
from bot.storage.memory import MemoryStore
from tests.conftest import CONTENT, KEY, LOCALES, FixedClock

OLD_FA = "تو تنها نیستی. می‌توانی کمک بگیری."
NEW_FA = "تو تنها نیستی. همین امروز کمک بگیر."
OLD_SV = "Det är inte slutet."
NEW_SV = "Det här är inte slutet."
USER = 555000222
NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)


def copy_content(tmp_path: Path) -> Settings:
    """Settings over a private copy of the real content and locales."""
    shutil.copytree(CONTENT, tmp_path / "live" / "content")
    shutil.copytree(LOCALES, tmp_path / "live" / "locales")
    return Settings(
        content_dir=tmp_path / "live" / "content",
        locales_dir=tmp_path / "live" / "locales",
        data_dir=tmp_path / "data",
        key_file=tmp_path / "key" / "pseudonym.key",
        pseudonym_key=KEY,
        staff_chat_id=-100,
    )


def edited(path: Path, old: str, new: str) -> bytes:
    """The bytes of `path` with one change, the file itself untouched."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def zipped(entries: dict[str, bytes]) -> bytes:
    """A zip of the given entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
async def publishing(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Publishing]:
    """The publishing workflow over a private copy, with a Dari reader."""
    settings = copy_content(tmp_path)
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    assert library is not None, problems
    conversation = Conversation(library, MemoryStore(), Pseudonyms(KEY), clock)
    await conversation.handle(Event("button", USER, "lang:fa-AF"))
    yield Publishing(settings, ContentWatcher(settings, conversation), now=lambda: NOW)


async def dari_section(publishing: Publishing) -> str:
    """What the Dari reader sees in the first section."""
    conversation = publishing.watcher.conversation
    reply = await conversation.handle(Event("button", USER, "s:what-it-means"))
    assert reply is not None and reply.screen is not None
    return str(reply.screen.text)


def languages() -> tuple[str, ...]:
    """The bot's languages."""
    return ("sv", "en", "ar", "fa-AF")


def live_of(settings: Settings) -> dict[str, bytes]:
    """The live files by key."""
    return tree.read(settings.content_dir, settings.locales_dir)


# --- reading uploads ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../etc/passwd.md", "unknown-place"),
        ("/etc/cron.d/x.yaml", "unknown-place"),
        ("content/../../x.yaml", "unknown-place"),
        ("secrets/notes.md", "unknown-place"),
        ("content/sheet/../../../x.md", "unknown-place"),
        ("bot/__init__.py", "unknown-place"),
        ("C:/windows/x.md", "unknown-place"),
    ],
)
def test_a_zip_outside_the_known_places_is_refused(name: str, reason: str) -> None:
    """`..`, absolute paths and unknown top-level names are refused before anything is read."""
    data = zipped({"content/sheet/sv.md": b"x", name: b"x"})
    with pytest.raises(Refused) as refused:
        read_upload("edit.zip", data, None, languages(), {})
    assert refused.value.reason == reason


def test_links_bombs_and_floods_are_refused() -> None:
    """A symbolic link, a zip bomb and too many files are each refused."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("content/sheet/sv.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(Refused, match="link"):
        read_upload("e.zip", buffer.getvalue(), None, languages(), {})
    bomb = zipped({"content/sheet/sv.md": b"\0" * (MAX_FILE - 1)})
    assert len(bomb) < MAX_FILE // 100
    with pytest.raises(Refused, match="bomb"):
        read_upload("e.zip", bomb, None, languages(), {})
    many = zipped({f"content/audio/sv/s{n}.ogg": b"OggS" for n in range(201)})
    with pytest.raises(Refused, match="too-many"):
        read_upload("e.zip", many, None, languages(), {})
    with pytest.raises(Refused, match="not-zip"):
        read_upload("e.zip", b"PK\x03\x04 not really", None, languages(), {})


def test_a_zipped_folder_and_mac_junk_are_understood() -> None:
    """A zip of the whole folder (one wrapping folder, __MACOSX, .DS_Store) reads as content."""
    data = zipped(
        {
            "nasta-steg-content/content/sheet/sv.md": b"## A {#a}\n",
            "nasta-steg-content/locales/sv/main.ftl": b"a = b\n",
            "__MACOSX/nasta-steg-content/content/._sv.md": b"junk",
            "nasta-steg-content/.DS_Store": b"junk",
        }
    )
    found = read_upload("edit.zip", data, None, languages(), {})
    assert sorted(found) == ["content/sheet/sv.md", "locales/sv/main.ftl"]


def test_a_single_file_finds_its_place() -> None:
    """sv.md goes to the sheet, an .ftl to the language it came from, .ogg needs a language."""
    live = {
        key: (LOCALES / key.removeprefix("locales/")).read_bytes()
        for key in (f"locales/{code}/main.ftl" for code in languages())
    }
    live["content/organisations.yaml"] = b""
    assert list(read_upload("sv.md", b"x", None, languages(), live)) == ["content/sheet/sv.md"]
    yaml = read_upload("organisations.yaml", b"x", None, languages(), live)
    assert list(yaml) == ["content/organisations.yaml"]
    dari = live["locales/fa-AF/main.ftl"].replace(b"=", b"= ", 3)
    assert list(read_upload("main.ftl", dari, None, languages(), live)) == [
        "locales/fa-AF/main.ftl"
    ]
    assert list(read_upload("main.ftl", b"x = y", "ar", languages(), live)) == [
        "locales/ar/main.ftl"
    ]
    with pytest.raises(Refused, match="which-language"):
        read_upload("appeal.ogg", b"OggS", None, languages(), live)
    ogg = read_upload("appeal.ogg", b"OggS", "fa-AF", languages(), live)
    assert list(ogg) == ["content/audio/fa-AF/appeal.ogg"]
    for name in ("run.sh", "notes.md", "new.yaml"):
        with pytest.raises(Refused):
            read_upload(name, b"x", None, languages(), live)
    with pytest.raises(Refused, match="not-text"):
        read_upload("sv.md", b"\xff\xfe\x00bad", None, languages(), live)


def test_yaml_aliases_are_refused_with_their_line(tmp_path: Path) -> None:
    """The content loader refuses YAML aliases (a small file that expands hugely)."""
    settings = copy_content(tmp_path)
    sheet = settings.content_dir / "relay.yaml"
    sheet.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    assert library is None
    assert any(p.path == sheet and p.line == 2 and "aliases" in p.message for p in problems)


# --- the workflow ------------------------------------------------------------------------------


async def test_a_broken_upload_changes_nothing(publishing: Publishing) -> None:
    """Broken YAML: every problem with file and line; nothing staged, nothing live changes."""
    settings = publishing.settings
    before = live_of(settings)
    sheet = settings.content_dir / "sheet.yaml"
    broken = edited(
        sheet, "  - id: what-it-means\n    written:", "  - id: what-it-means\n   written:"
    )
    answer = await publishing.receive("Sara", "sheet.yaml", broken, None)
    text = "\n".join(answer.texts)
    assert "content/sheet.yaml, line" in text, text
    assert "Nothing was changed" in text or "Inget har ändrats" in text
    assert live_of(settings) == before
    nothing = publishing.say("publish-nothing-staged")
    assert (await publishing.publish("Sara")).texts == (nothing,)
    assert publishing.versions.all() == []


async def test_upload_publish_and_rollback(publishing: Publishing) -> None:
    """A valid upload is summarised, published (a Dari reader sees it), and rolled back."""
    settings = publishing.settings
    fa = settings.content_dir / "sheet" / "fa-AF.md"
    answer = await publishing.receive("Sara", "fa-AF.md", edited(fa, OLD_FA, NEW_FA), None)
    summary = "\n".join(answer.texts)
    assert "content/sheet/fa-AF.md" in summary
    assert "دری" in summary and "Vad betyder avslaget?" in summary, summary
    assert answer.document is not None and NEW_FA in answer.document.data.decode()
    assert OLD_FA in await dari_section(publishing), "staging changes nothing live"

    done = await publishing.publish("Sara")
    assert "1" in done.texts[0]
    assert NEW_FA in await dari_section(publishing)
    assert NEW_FA in fa.read_text(encoding="utf-8")
    versions = publishing.versions.all()
    assert [(v.number, v.kind, v.editor) for v in versions] == [
        (0, "start", ""),
        (1, "publish", "Sara"),
    ]
    assert versions[1].files == ("content/sheet/fa-AF.md",)
    listed = "\n".join((await publishing.list_versions()).texts)
    assert "#1" in listed and "Sara" in listed and "#0" in listed

    back = await publishing.rollback("Omid", None)
    assert "0" in back.texts[0]
    assert OLD_FA in await dari_section(publishing)
    assert publishing.versions.latest() is not None
    assert publishing.versions.all()[-1].restored == 0
    again = await publishing.rollback("Omid", 1)
    assert NEW_FA in await dari_section(publishing), again.texts
    unknown = await publishing.rollback("Omid", 42)
    assert "42" in unknown.texts[0]


async def test_swedish_change_names_stale_translations(publishing: Publishing) -> None:
    """Changing the Swedish text says which translations it leaves behind."""
    settings = publishing.settings
    sv = settings.content_dir / "sheet" / "sv.md"
    answer = await publishing.receive("Sara", "sv.md", edited(sv, OLD_SV, NEW_SV), None)
    summary = "\n".join(answer.texts)
    assert "English" in summary and "دری" in summary, summary
    assert (await publishing.discard()).texts == (publishing.say("publish-discarded"),)
    nothing = publishing.say("publish-nothing-staged")
    assert (await publishing.publish("Sara")).texts == (nothing,)
    assert OLD_SV in sv.read_text(encoding="utf-8")


async def test_a_server_edit_becomes_its_own_version(publishing: Publishing) -> None:
    """An edit made on the server between publishes is kept as a version before the next."""
    settings = publishing.settings
    fa = settings.content_dir / "sheet" / "fa-AF.md"
    await publishing.receive("Sara", "fa-AF.md", edited(fa, OLD_FA, NEW_FA), None)
    await publishing.publish("Sara")
    sv = settings.content_dir / "sheet" / "sv.md"
    sv.write_bytes(edited(sv, OLD_SV, NEW_SV))
    en = LOCALES / "en" / "main.ftl"
    text = en.read_text(encoding="utf-8").replace("what now?", "what do I do now?", 1)
    await publishing.receive("Sara", "main.ftl", text.encode(), "en")
    await publishing.publish("Sara")
    kinds = [(v.number, v.kind) for v in publishing.versions.all()]
    assert kinds == [(0, "start"), (1, "publish"), (2, "server"), (3, "publish")]
    assert publishing.versions.all()[2].files == ("content/sheet/sv.md",)


async def test_versions_survive_a_new_publishing(publishing: Publishing) -> None:
    """The versions are on disk in the data dir: a new process sees them."""
    settings = publishing.settings
    fa = settings.content_dir / "sheet" / "fa-AF.md"
    await publishing.receive("Sara", "fa-AF.md", edited(fa, OLD_FA, NEW_FA), None)
    await publishing.publish("Sara")
    fresh = Publishing(settings, publishing.watcher)
    assert [v.number for v in fresh.versions.all()] == [0, 1]
    assert (settings.data_dir / "content-versions" / "1.json").is_file()


async def test_export_is_the_live_content(publishing: Publishing) -> None:
    """/content's zip holds every live file under content/ and locales/."""
    answer = await publishing.export()
    assert answer.document is not None and answer.document.name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(answer.document.data)) as archive:
        names = set(archive.namelist())
    assert {"content/sheet/fa-AF.md", "locales/fa-AF/main.ftl", "content/sheet.yaml"} <= names
    assert "/publish" in answer.texts[0] and "/rollback" in answer.texts[0]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
async def test_a_publish_is_a_git_commit_where_content_is_in_git(publishing: Publishing) -> None:
    """Where content/ is a git repository, each publish is also a commit."""
    root = publishing.settings.content_dir.parent

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    git("init", "--quiet")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "start")
    fa = publishing.settings.content_dir / "sheet" / "fa-AF.md"
    await publishing.receive("Sara", "fa-AF.md", edited(fa, OLD_FA, NEW_FA), None)
    await publishing.publish("Sara")
    log = git("log", "--format=%an|%s", "-n", "1")
    assert log.startswith("Sara|") and "1" in log
    assert git("status", "--porcelain") == ""


def test_seed_fills_only_empty_live_folders(tmp_path: Path) -> None:
    """The first start copies the shipped content; later starts never touch it."""
    shipped = tmp_path / "opt"
    shutil.copytree(CONTENT, shipped / "content")
    shutil.copytree(LOCALES, shipped / "locales")
    live = tmp_path / "state"
    (live / "locales").mkdir(parents=True)  # empty: filled too
    settings = Settings(
        content_dir=live / "content", locales_dir=live / "locales", seed_dir=shipped
    )
    assert seed(settings) == [live / "content", live / "locales"]
    assert (live / "content" / "sheet" / "fa-AF.md").is_file()
    (live / "content" / "sheet" / "sv.md").write_text("edited by staff")
    assert seed(settings) == []
    assert (live / "content" / "sheet" / "sv.md").read_text() == "edited by staff"
