"""Live reload of `content/` and `locales/` that cannot break the running bot.

`ContentWatcher` polls the size and modification time of every file under the content
and locales folders (cheap `stat` calls, about once a second). When something changed
and has stayed the same for one more poll (so a half-saved file is not read), it loads
everything again. Valid content replaces the conversation's library in one assignment:
the next screen anyone opens uses it. Broken content is refused: the bot keeps the last
good library, the problems (file, line, message; never user data) are logged and sent to
the staff chat once per broken state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from bot.content.problems import Problem, errors_in
from bot.screens.library import Library, load_library
from bot.settings import Settings

log = logging.getLogger(__name__)

Notify = Callable[[str], Awaitable[None]]
Snapshot = frozenset[tuple[str, int, int]]
MAX_PROBLEMS = 10
MAX_MESSAGE = 3900


def _ignored(name: str) -> bool:
    """Editor swap and backup files, hidden files: not content."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def snapshot(*folders: Path) -> Snapshot:
    """Path, size and modification time of every file under `folders`."""
    found: set[tuple[str, int, int]] = set()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not _ignored(d)]
            for name in files:
                if _ignored(name):
                    continue
                path = os.path.join(root, name)
                with contextlib.suppress(OSError):
                    info = os.stat(path)
                    found.add((path, info.st_mtime_ns, info.st_size))
    return frozenset(found)


def describe(problem: Problem, base: Path | None = None) -> str:
    """One problem as staff read it: `content/sheet/sv.md, line 12: message`."""
    path = problem.path
    if base is not None:
        with contextlib.suppress(ValueError):
            path = path.resolve().relative_to(base.resolve())
    where = f"{path}, line {problem.line}" if problem.line else str(path)
    return f"{where}: {problem.message}"


class ContentWatcher:
    """Reloads the library when files change; keeps the last good one when they are broken."""

    def __init__(
        self,
        settings: Settings,
        conversation: Any,
        notify: Notify | None = None,
        interval: float = 1.0,
    ) -> None:
        self.settings = settings
        self.conversation = conversation
        self.notify = notify
        self.interval = interval
        self.folders = (settings.content_dir, settings.locales_dir)
        self.base = _common_parent(*self.folders)
        self._loaded = snapshot(*self.folders)
        self._failed: Snapshot | None = None
        self._reported: tuple[str, ...] = ()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.reloads = 0

    # --- staff-facing texts -------------------------------------------------------------

    def lines(self, problems: list[Problem]) -> list[str]:
        """The errors, said in plain words with file and line."""
        errors = errors_in(problems) or problems
        shown = [describe(p, self.base) for p in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            shown.append(f"… (+{len(errors) - MAX_PROBLEMS}; python -m bot check)")
        return shown

    def failure_text(self, problems: list[Problem]) -> str:
        """The staff message for a refused reload."""
        library: Library = self.conversation.library
        listed = "\n".join(f"• {line}" for line in self.lines(problems))
        text = library.t(library.staff_language, "staff-reload-failed", problems=listed)
        return plain(text)[:MAX_MESSAGE]

    def success_text(self) -> str:
        """The staff message for a reload that went live."""
        library: Library = self.conversation.library
        return plain(library.t(library.staff_language, "staff-reloaded"))

    # --- reloading ------------------------------------------------------------------------

    async def reload(self, *, announce: bool = True) -> list[Problem] | None:
        """Load everything now; swap it in when valid. Return None, or the errors found.

        With `announce`, a new broken state is sent to `notify` (the staff chat).
        """
        async with self._lock:
            return await self._load(announce)

    async def replace(self, change: Callable[[], None]) -> list[Problem] | None:
        """Change the files (`change` runs in a thread), then load them, with no poll or other
        reload in between: the bot goes from one consistent state to the next. Return None,
        or the errors found (the previous library stays)."""
        async with self._lock:
            await asyncio.to_thread(change)
            return await self._load(announce=False)

    async def _load(self, announce: bool) -> list[Problem] | None:
        """Load the folders and swap the library in when valid (the lock is held)."""
        state = snapshot(*self.folders)
        try:
            library, problems = await asyncio.to_thread(
                partial(load_library, lint=False),
                self.settings.content_dir,
                self.settings.locales_dir,
            )
        except Exception as exc:  # a bug must not stop the bot: keep the old library
            log.exception("content reload crashed; keeping the previous content")
            library = None
            problems = [Problem(self.settings.content_dir, None, f"reload failed: {exc!r}")]
        if library is not None:
            self.conversation.library = library  # one assignment: atomic for every reader
            self._loaded, self._failed, self._reported = state, None, ()
            self.reloads += 1
            log.info(
                "content reloaded: %d languages, %d sections, %d organisations",
                len(library.codes),
                len(library.content.sections),
                len(library.content.organisations),
            )
            return None
        self._failed = state
        errors = errors_in(problems) or problems
        log.warning(
            "content change refused, keeping the previous content: %d problem(s)", len(errors)
        )
        for problem in errors[:MAX_PROBLEMS]:
            log.warning("content problem: %s", describe(problem, self.base))
        lines = tuple(self.lines(problems))
        if announce and lines != self._reported:
            self._reported = lines
            await self._notify(self.failure_text(problems))
        return errors

    async def _notify(self, text: str) -> None:
        if self.notify is None:
            return
        try:
            await self.notify(text)
        except Exception:  # telling staff must never stop the watcher
            log.warning("could not tell the staff chat about the content problem")

    async def check(self) -> bool:
        """One poll: reload if files changed and stayed stable. Return whether it reloaded."""
        state = snapshot(*self.folders)
        if state in (self._loaded, self._failed):
            return False
        await asyncio.sleep(min(self.interval, 0.25))  # let an editor finish writing
        if snapshot(*self.folders) != state:
            return False
        await self.reload()
        return True

    async def run(self) -> None:
        """Poll until cancelled."""
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("content watcher: unexpected error; still watching")

    def start(self) -> None:
        """Start polling in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="content-watcher")

    async def stop(self) -> None:
        """Stop polling."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _common_parent(*folders: Path) -> Path | None:
    try:
        return Path(os.path.commonpath([str(f.resolve().parent) for f in folders]))
    except ValueError:
        return None


def plain(text: str) -> str:
    """Drop the invisible isolation marks Fluent puts around arguments."""
    return text.replace("\u2068", "").replace("\u2069", "")
