"""The content as the publish workflow sees it: known places, read, copied and replaced.

Every file is named by a key relative to the pair of live folders: `content/sheet/sv.md`,
`locales/fa-AF/main.ftl`. Only keys in a known place (`known_place`) are ever read from an
upload, versioned or written; anything else in the folders is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path

NAME = r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}"
PLACES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"content/{NAME}\.yaml",
        rf"content/{NAME}\.md",  # the README beside the files
        rf"content/sheet/{NAME}\.md",
        rf"content/audio/{NAME}/{NAME}\.ogg",
        rf"locales/{NAME}/{NAME}\.ftl",
    )
)
TOPS = ("content", "locales")
TEMP_SUFFIX = ".publish.tmp"  # hidden and .tmp: the content watcher ignores such files

Changes = Mapping[str, bytes | None]  # key -> new content, or None to delete the file


def known_place(key: str) -> bool:
    """Say whether `key` names a place where content belongs."""
    return any(place.fullmatch(key) for place in PLACES)


def locate(key: str, content_dir: Path, locales_dir: Path) -> Path:
    """The file a key names under the given folders."""
    top, _, rest = key.partition("/")
    return (content_dir if top == "content" else locales_dir) / rest


def files(content_dir: Path, locales_dir: Path) -> dict[str, Path]:
    """Every file in a known place under the two folders, by key, sorted."""
    found: dict[str, Path] = {}
    for top, folder in zip(TOPS, (content_dir, locales_dir), strict=True):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            key = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_file() and not path.is_symlink() and known_place(key):
                found[key] = path
    return dict(sorted(found.items()))


def read(content_dir: Path, locales_dir: Path) -> dict[str, bytes]:
    """The bytes of every file in a known place, by key."""
    return {key: path.read_bytes() for key, path in files(content_dir, locales_dir).items()}


def copy(content_dir: Path, locales_dir: Path, into: Path) -> tuple[Path, Path]:
    """Copy both folders (everything the loader reads) into `into`; return the copies."""
    shutil.rmtree(into, ignore_errors=True)
    ignore = shutil.ignore_patterns(".*", "*.tmp", "*~")
    copies = (into / "content", into / "locales")
    for source, target in zip((content_dir, locales_dir), copies, strict=True):
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore, symlinks=False)
        else:
            target.mkdir(parents=True)
    return copies


def write(changes: Changes, content_dir: Path, locales_dir: Path) -> None:
    """Apply changes to the folders: every new file is written beside its target first,
    then all are renamed into place, so no reader sees half a file."""
    ready: list[tuple[Path, Path]] = []
    try:
        for key, data in changes.items():
            target = locate(key, content_dir, locales_dir)
            if data is None:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
            with temp.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            ready.append((temp, target))
    except BaseException:
        for temp, _ in ready:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in ready:
        os.replace(temp, target)
    for key, data in changes.items():
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                locate(key, content_dir, locales_dir).unlink()
