"""An editor's upload, read so that nothing hostile or broken can get through.

An upload is one file (`.md`, `.yaml`, `.ftl`, `.ogg`) or a zip of several. Each file must
land in a known place of the content (`bot.staff.tree.known_place`): no `..`, no absolute
path, no link, nothing outside `content/` and `locales/`. The zip is read with limits on
its size, its number of files, each file's size and the compression ratio (zip bombs), and
never unpacked onto the disk. A refusal says which staff message explains it (`Refused`).
"""

from __future__ import annotations

import difflib
import io
import stat
import zipfile
import zlib
from collections.abc import Collection, Mapping
from pathlib import PurePosixPath

from bot.staff.tree import TOPS, known_place

MAX_UPLOAD = 5_000_000  # bytes of the file Telegram hands over
MAX_FILES = 200  # files in a zip (the whole content is about 30)
MAX_FILE = 2_000_000  # bytes of one file, unpacked
MAX_TOTAL = 20_000_000  # bytes of a whole zip, unpacked
MAX_RATIO = 100  # unpacked / packed, for files over RATIO_FROM bytes
RATIO_FROM = 64_000
TEXT_TYPES = (".md", ".yaml", ".ftl")
TYPES = (*TEXT_TYPES, ".ogg")
JUNK = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini")  # what zipping on a Mac/PC adds
SIMILAR_ENOUGH = 0.5


class Refused(Exception):
    """An upload that is not taken: `reason` names the staff message, `args` fill it in."""

    def __init__(self, reason: str, **args: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.args_ = args


def read_upload(
    name: str,
    data: bytes,
    caption: str | None,
    languages: Collection[str],
    live: Mapping[str, bytes],
) -> dict[str, bytes]:
    """The files of an upload by key (`content/sheet/sv.md` ...); raise Refused."""
    if len(data) > MAX_UPLOAD:
        raise Refused("too-large", limit=MAX_UPLOAD // 1_000_000)
    if name.lower().endswith(".zip"):
        found = _unzip(data)
    else:
        found = {_place(name, data, (caption or "").strip(), languages, live): data}
    for key, content in found.items():
        if key.endswith(TEXT_TYPES):
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused("not-text", name=key) from None
    if not found:
        raise Refused("empty")
    return found


def _place(
    name: str, data: bytes, language: str, languages: Collection[str], live: Mapping[str, bytes]
) -> str:
    """Where one sent file belongs, from its name, the caption's language and the live files."""
    stem, dot, ext = name.rpartition(".")
    ext = f"{dot}{ext}".lower()
    if ext not in TYPES or "/" in name or "\\" in name:
        raise Refused("unknown-type", name=name)
    if language and language not in languages:
        raise Refused("unknown-language", language=language, languages=", ".join(languages))
    candidates: list[str]
    if ext == ".yaml":
        candidates = [key for key in (f"content/{stem}.yaml",) if key in live]
    elif ext == ".md":
        readme = f"content/{stem}.md"
        if readme in live and not language:
            candidates = [readme]
        else:
            code = language or stem
            candidates = [f"content/sheet/{code}.md"] if code in languages else []
    elif ext == ".ogg":
        if not language:
            raise Refused("which-language", name=name)
        candidates = [f"content/audio/{language}/{stem}.ogg"]
    else:
        codes = [language] if language else sorted(languages)
        candidates = [f"locales/{code}/{stem}.ftl" for code in codes]
        existing = [key for key in candidates if key in live]
        candidates = existing or (candidates if language else [])
    if len(candidates) > 1:
        candidates = [_most_similar(name, data, candidates, live)]
    if not candidates or not known_place(candidates[0]):
        raise Refused("unknown-place", name=name)
    return candidates[0]


def _most_similar(name: str, data: bytes, keys: list[str], live: Mapping[str, bytes]) -> str:
    """The live file an edited file came from: `main.ftl` is in every language's folder, but
    an edit leaves most of its lines as they were."""
    lines = data.decode("utf-8", "replace").splitlines()
    scores = []
    for key in keys:
        theirs = live[key].decode("utf-8", "replace").splitlines()
        scores.append((difflib.SequenceMatcher(None, lines, theirs).ratio(), key))
    scores.sort(reverse=True)
    best, runner_up = scores[0], scores[1]
    if best[0] < SIMILAR_ENOUGH or best[0] - runner_up[0] < 0.2:
        raise Refused("which-language", name=name)
    return best[1]


def _unzip(data: bytes) -> dict[str, bytes]:
    """The files of a zip, by key, within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [info for info in archive.infolist() if not _skipped(info)]
            if len(entries) > MAX_FILES:
                raise Refused("too-many", count=len(entries), limit=MAX_FILES)
            keys = _keys([info.filename for info in entries])
            found: dict[str, bytes] = {}
            total = 0
            for info, key in zip(entries, keys, strict=True):
                _check_entry(info, key)
                if key in found:
                    raise Refused("twice", name=key)
                total += info.file_size
                if total > MAX_TOTAL:
                    raise Refused("bomb", name=key)
                with archive.open(info) as member:
                    content = member.read(MAX_FILE + 1)  # never more, whatever the header says
                if len(content) > MAX_FILE or len(content) != info.file_size:
                    raise Refused("bomb", name=key)
                found[key] = content
            return found
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise Refused("not-zip") from None


def _skipped(info: zipfile.ZipInfo) -> bool:
    """Folders, and the junk archivers add (Mac resource forks, hidden files)."""
    parts = PurePosixPath(info.filename).parts
    return info.is_dir() or any(part in JUNK or part.startswith("._") for part in parts)


def _keys(names: list[str]) -> list[str]:
    """Entry names as keys: one wrapping folder (a zipped folder) is taken off."""
    for name in names:
        if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
            raise Refused("unknown-place", name=name)
        if ".." in name.split("/"):
            raise Refused("unknown-place", name=name)
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and not tops & set(TOPS) and all("/" in name for name in names):
        return [name.split("/", 1)[1] for name in names]
    return list(names)


def _check_entry(info: zipfile.ZipInfo, key: str) -> None:
    """Refuse links, encrypted files, unknown places, too big or too compressed files."""
    if stat.S_ISLNK(info.external_attr >> 16):
        raise Refused("link", name=key)
    if info.flag_bits & 0x1:
        raise Refused("encrypted", name=key)
    if not known_place(key):
        raise Refused("unknown-place", name=key)
    if info.file_size > MAX_FILE:
        raise Refused("file-too-large", name=key, limit=MAX_FILE // 1_000_000)
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise Refused("bomb", name=key)
