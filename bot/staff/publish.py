"""Editors publish content from their Telegram group: send a file, see what changes, publish,
roll back. Nothing here knows Telegram: the adapters' handling calls these methods with the
bytes and names it got, and sends back the `Answer`.

The live content is always `BOT_CONTENT_DIR` and `BOT_LOCALES_DIR`: a publish writes there
(each file beside its target first, then renamed into place) and reloads the bot with the
content watcher held, so no poll sees half a publish. Beside the store in the data dir:

- `content-staging/`: the upload waiting for /publish (`files/<key>` and `staged.json`:
  who sent it and when), and `check/`, a scratch copy of the live content with the upload
  on top, validated exactly as `python -m bot check` does;
- `content-versions/`: every published version (see `bot.staff.versions`).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from bot.content.problems import Problem, errors_in
from bot.core.reload import ContentWatcher, describe, plain
from bot.rules.hours import STOCKHOLM
from bot.screens.library import Library, load_library
from bot.settings import Settings
from bot.staff import tree
from bot.staff.changes import changed_keys, screens_page, summary
from bot.staff.upload import Refused, read_upload
from bot.staff.versions import FOLDER, Version, Versions, git_commit, same

log = logging.getLogger(__name__)

STAGING = "content-staging"
SHOWN_VERSIONS = 10
MAX_TEXT = 3900  # characters per Telegram message (the limit is 4096)
MAX_PROBLEMS = 60


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to send with an answer."""

    name: str
    data: bytes
    caption: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What to tell the editors' group: plain texts, in order, and maybe a file."""

    texts: tuple[str, ...]
    document: Attachment | None = None


class Publishing:
    """The editors' workflow over the live folders, the staging area and the versions."""

    def __init__(
        self,
        settings: Settings,
        watcher: ContentWatcher,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.watcher = watcher
        self.now = now or (lambda: datetime.now(UTC))
        self.staging = settings.data_dir / STAGING
        self.versions = Versions(settings.data_dir / FOLDER)
        self._lock = asyncio.Lock()  # one editor's step at a time

    @property
    def library(self) -> Library:
        """The live library (the one young people see now)."""
        return cast(Library, self.watcher.conversation.library)

    def say(self, key: str, /, **args: object) -> str:
        """A staff message in the staff language, as plain text."""
        library = self.library
        return plain(library.t(library.staff_language, key, **args))

    def editor(self, first_name: str | None) -> str:
        """How an editor is named in the versions: their first name, or 'an administrator'."""
        return (first_name or "").strip()[:64] or self.say("publish-anonymous")

    def _live(self) -> dict[str, bytes]:
        return tree.read(self.settings.content_dir, self.settings.locales_dir)

    # --- /content ----------------------------------------------------------------------

    async def export(self) -> Answer:
        """The live content as one zip, and how to edit and send it back."""
        files = await asyncio.to_thread(self._live)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for key, data in files.items():
                archive.writestr(key, data)
        name = f"nasta-steg-content-{self.now().astimezone(STOCKHOLM):%Y-%m-%d}.zip"
        caption = self.say("publish-export-caption")
        return Answer((self.say("publish-howto"),), Attachment(name, buffer.getvalue(), caption))

    # --- an upload ------------------------------------------------------------------------

    async def receive(self, editor: str, name: str, data: bytes, caption: str | None) -> Answer:
        """Check an upload beside the live content; stage it when valid and say what changes."""
        async with self._lock:
            live = await asyncio.to_thread(self._live)
            old = self.library
            try:
                files = read_upload(name, data, caption, old.codes, live)
            except Refused as refused:
                return Answer((self.say(f"publish-refused-{refused.reason}", **refused.args_),))
            staged = {**self._staged(), **files}
            after = _overlay(live, staged)
            new, problems = await asyncio.to_thread(self._check, after)
            if new is None:
                return self._broken(problems, "publish-broken")
            if after == live:
                await asyncio.to_thread(self._clear)
                return Answer((self.say("publish-nothing-changed"),))
            await asyncio.to_thread(self._stage, staged, editor)
            lines = summary(old, new, live, after, self.say)
            warnings = [p for p in problems if p.severity == "warning"]
            if warnings:
                shown = "\n".join(f"  {describe(p)}" for p in warnings[:5])
                lines.append(self.say("publish-warnings", count=len(warnings), warnings=shown))
            keys = ", ".join(changed_keys(live, after))
            intro = self.say("publish-staged", files=keys)
            texts = _chunks([intro, *(f"• {line}" for line in lines)])
            page, count = screens_page(old, new, self.now(), self.say)
            document = None
            if count:
                caption_text = self.say("publish-preview-caption", count=count)
                document = Attachment("changes.html", page.encode("utf-8"), caption_text)
            return Answer((*texts, self.say("publish-staged-next")), document)

    def _check(self, files: Mapping[str, bytes]) -> tuple[Library | None, list[Problem]]:
        """Load `files` (a whole content) in a scratch copy of the live folders, as `check`."""
        root = self.staging / "check"
        content, locales = tree.copy(self.settings.content_dir, self.settings.locales_dir, root)
        live = tree.read(content, locales)
        tree.write({k: files.get(k) for k in changed_keys(live, files)}, content, locales)
        library, problems = load_library(content, locales)
        return library, [_relative(p, root) for p in problems]

    def _broken(self, problems: list[Problem], key: str) -> Answer:
        errors = errors_in(problems) or problems
        lines = [f"• {describe(p)}" for p in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            lines.append(f"… (+{len(errors) - MAX_PROBLEMS})")
        return Answer(tuple(_chunks([self.say(key, count=len(errors)), *lines])))

    # --- the staging area ---------------------------------------------------------------

    def _staged(self) -> dict[str, bytes]:
        meta = self.staging / "staged.json"
        if not meta.is_file():
            return {}
        keys = json.loads(meta.read_text(encoding="utf-8")).get("files", [])
        found = {}
        for key in keys:
            path = self.staging / "files" / key
            if tree.known_place(key) and path.is_file():
                found[key] = path.read_bytes()
        return found

    def _stage(self, files: Mapping[str, bytes], editor: str) -> None:
        self._clear()
        for key, data in files.items():
            path = self.staging / "files" / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        meta = {"files": sorted(files), "editor": editor, "when": self.now().isoformat()}
        (self.staging / "staged.json").write_text(json.dumps(meta, ensure_ascii=False))

    def _clear(self) -> None:
        shutil.rmtree(self.staging / "files", ignore_errors=True)
        (self.staging / "staged.json").unlink(missing_ok=True)

    async def discard(self) -> Answer:
        """Drop the staged upload."""
        async with self._lock:
            if not await asyncio.to_thread(self._staged):
                return Answer((self.say("publish-nothing-staged"),))
            await asyncio.to_thread(self._clear)
            return Answer((self.say("publish-discarded"),))

    # --- publishing and rolling back ------------------------------------------------------

    async def publish(self, editor: str) -> Answer:
        """Make the staged upload live, as a new version."""
        async with self._lock:
            staged = await asyncio.to_thread(self._staged)
            if not staged:
                return Answer((self.say("publish-nothing-staged"),))
            done = await self._apply(staged, editor, "publish")
            if isinstance(done, Answer):
                return done
            await asyncio.to_thread(self._clear)
            if done is None:
                return Answer((self.say("publish-nothing-changed"),))
            return Answer((self.say("publish-done", number=done.number, count=len(done.files)),))

    async def rollback(self, editor: str, number: int | None) -> Answer:
        """Bring back version `number` (default: the one before the newest), as a new version."""
        async with self._lock:
            versions = await asyncio.to_thread(self.versions.all)
            if not versions:
                return Answer((self.say("publish-versions-none"),))
            target = versions[-1].number - 1 if number is None else number
            version = self.versions.get(target) if target >= 0 else None
            if version is None:
                return Answer((self.say("publish-rollback-unknown", number=max(target, 0)),))
            wanted = await asyncio.to_thread(self.versions.contents, version)
            done = await self._apply(wanted, editor, "rollback", version.number, whole=True)
            if isinstance(done, Answer):
                return done
            if done is None:
                return Answer((self.say("publish-rollback-same", number=version.number),))
            return Answer(
                (self.say("publish-rollback-done", number=done.number, restored=version.number),)
            )

    async def _apply(
        self,
        files: Mapping[str, bytes],
        editor: str,
        kind: str,
        restored: int | None = None,
        *,
        whole: bool = False,
    ) -> Version | Answer | None:
        """Validate and write `files` (over the live ones; `whole`: they are the whole content),
        reload, and record the version. None: nothing would change."""
        live = await asyncio.to_thread(self._live)
        after = dict(files) if whole else _overlay(live, files)
        diff = {key: after.get(key) for key in changed_keys(live, after)}
        if not diff:
            return None
        new, problems = await asyncio.to_thread(self._check, after)
        if new is None:
            return self._broken(problems, "publish-broken")
        when = self.now()
        latest = await asyncio.to_thread(self.versions.latest)
        if not same(latest, live):  # the first publish, or an edit made on the server
            first = "start" if latest is None else "server"
            await asyncio.to_thread(self.versions.record, live, editor="", kind=first, when=when)
        folders = (self.settings.content_dir, self.settings.locales_dir)
        errors = await self.watcher.replace(lambda: tree.write(diff, *folders))
        if errors is not None:  # changed on the server at this very moment: put it back
            undo = {key: live.get(key) for key in diff}
            await self.watcher.replace(lambda: tree.write(undo, *folders))
            return self._broken(errors, "publish-broken")
        version = await asyncio.to_thread(
            self.versions.record, after, editor=editor, kind=kind, when=when, restored=restored
        )
        log.info("content version %d published (%d files)", version.number, len(version.files))
        paths = [tree.locate(key, *folders) for key in version.files]
        message = self.say("publish-commit-message", number=version.number, editor=editor)
        await asyncio.to_thread(git_commit, paths, message, editor)
        return version

    # --- /versions ------------------------------------------------------------------------

    async def list_versions(self) -> Answer:
        """The last versions, newest first, and how to bring one back."""
        versions = await asyncio.to_thread(self.versions.all)
        if not versions:
            return Answer((self.say("publish-versions-none"),))
        lines = [self.say("publish-versions-title")]
        for version in reversed(versions[-SHOWN_VERSIONS:]):
            when = f"{version.when.astimezone(STOCKHOLM):%Y-%m-%d %H:%M}"
            files = ", ".join(version.files) or "—"
            args = {"number": version.number, "when": when, "editor": version.editor}
            args |= {"files": files, "restored": version.restored or 0}
            lines.append(self.say(f"publish-version-{version.kind}", **args))
        lines.append(self.say("publish-versions-hint"))
        return Answer(tuple(_chunks(lines)))


def _overlay(live: Mapping[str, bytes], files: Mapping[str, bytes]) -> dict[str, bytes]:
    return {**live, **files}


def _relative(problem: Problem, root: Path) -> Problem:
    """A problem found in the scratch copy, named as in the live folders (`content/...`)."""
    base = root.resolve()
    try:
        relative = problem.path.resolve().relative_to(base)
    except ValueError:
        return problem
    return Problem(relative, problem.line, problem.message, problem.severity)


def _chunks(lines: list[str]) -> list[str]:
    """Lines joined into as few messages as fit Telegram's limit."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = line[:MAX_TEXT]
        if current and len(current) + 1 + len(line) > MAX_TEXT:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks
