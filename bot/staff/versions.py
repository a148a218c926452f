"""The versions of the live content: each publish is one, and any of them can be restored.

They are kept in the data dir, in `content-versions/` (so backups of the data dir hold them):

- `blobs/<sha256>`: the content of every file once, however many versions hold it;
- `<number>.json`: one version: its number, when (UTC), the first name of the editor who
  published it (staff, never a young person), what it was (`kind`), the files it changed,
  the version it brought back (a rollback), and its manifest (every file's key and hash).

Version 0 is the content as it was before the first publish from the chat. A change made
on the server meanwhile (an editor with a login) is recorded as its own version before the
next publish, so a rollback can always return to what was live.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = "content-versions"
KINDS = ("start", "server", "publish", "rollback")
GIT_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Version:
    """One version of the live content."""

    number: int
    when: datetime
    editor: str
    kind: str
    files: tuple[str, ...]
    manifest: Mapping[str, str] = field(repr=False)
    restored: int | None = None


def digest(data: bytes) -> str:
    """The SHA-256 of a file's content, in hex."""
    return hashlib.sha256(data).hexdigest()


class Versions:
    """The versions kept in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blobs = folder / "blobs"

    def all(self) -> list[Version]:
        """Every version, oldest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*.json"):
            if path.stem.isdigit():
                found.append(_version(json.loads(path.read_text(encoding="utf-8"))))
        return sorted(found, key=lambda v: v.number)

    def latest(self) -> Version | None:
        """The newest version, if there is one."""
        versions = self.all()
        return versions[-1] if versions else None

    def get(self, number: int) -> Version | None:
        """Version `number`, if it exists."""
        path = self.folder / f"{number}.json"
        if not path.is_file():
            return None
        return _version(json.loads(path.read_text(encoding="utf-8")))

    def contents(self, version: Version) -> dict[str, bytes]:
        """The files of a version, by key."""
        return {key: (self.blobs / sha).read_bytes() for key, sha in version.manifest.items()}

    def record(
        self,
        files: Mapping[str, bytes],
        *,
        editor: str,
        kind: str,
        when: datetime,
        restored: int | None = None,
    ) -> Version:
        """Keep `files` (the whole live content after a change) as the next version."""
        self.blobs.mkdir(parents=True, exist_ok=True)
        manifest = {}
        for key, data in sorted(files.items()):
            sha = digest(data)
            blob = self.blobs / sha
            if not blob.exists():
                _write_atomically(blob, data)
            manifest[key] = sha
        previous = self.latest()
        before = dict(previous.manifest) if previous else {}
        changed = sorted(
            key for key in before.keys() | manifest.keys() if before.get(key) != manifest.get(key)
        )
        version = Version(
            number=previous.number + 1 if previous else 0,
            when=when,
            editor=editor,
            kind=kind,
            files=tuple(changed if previous else ()),
            manifest=manifest,
            restored=restored,
        )
        record = {
            "number": version.number,
            "when": when.isoformat(),
            "editor": editor,
            "kind": kind,
            "files": list(version.files),
            "restored": restored,
            "manifest": manifest,
        }
        text = json.dumps(record, ensure_ascii=False, indent=1)
        _write_atomically(self.folder / f"{version.number}.json", text.encode("utf-8"))
        return version


def same(version: Version | None, files: Mapping[str, bytes]) -> bool:
    """Say whether `files` are exactly the content of `version`."""
    if version is None:
        return False
    return dict(version.manifest) == {key: digest(data) for key, data in files.items()}


def _version(record: dict[str, object]) -> Version:
    restored = record.get("restored")
    manifest = record.get("manifest")
    files = record.get("files")
    return Version(
        number=int(str(record["number"])),
        when=datetime.fromisoformat(str(record["when"])),
        editor=str(record.get("editor") or ""),
        kind=str(record.get("kind") or "publish"),
        files=tuple(str(f) for f in files) if isinstance(files, list) else (),
        manifest={str(k): str(v) for k, v in manifest.items()}
        if isinstance(manifest, dict)
        else {},
        restored=int(restored) if isinstance(restored, int) else None,
    )


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def git_commit(paths: list[Path], message: str, author: str) -> int:
    """Commit `paths` in the git repositories they are in; return how many commits were made.

    Organisations that keep their content in git then lose nothing. Without git, outside a
    repository, or when git fails, nothing happens (the version is kept all the same).
    """
    git = shutil.which("git")
    if git is None:
        return 0
    env = os.environ | {
        "GIT_AUTHOR_NAME": author or "Nästa steg",
        "GIT_AUTHOR_EMAIL": "editor@nasta-steg.invalid",
        "GIT_COMMITTER_NAME": "Nästa steg",
        "GIT_COMMITTER_EMAIL": "bot@nasta-steg.invalid",
    }

    def run(folder: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [git, "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )

    commits = 0
    try:
        repos: dict[str, list[str]] = {}
        tops: dict[Path, str] = {}
        for path in paths:
            folder = path.parent
            while not folder.exists():
                folder = folder.parent
            if folder not in tops:
                found = run(folder, "rev-parse", "--show-toplevel")
                tops[folder] = found.stdout.strip() if found.returncode == 0 else ""
            if tops[folder]:
                repos.setdefault(tops[folder], []).append(str(path.resolve()))
        for top, names in repos.items():
            if run(top, "add", "--all", "--", *names).returncode != 0:
                log.warning("git could not add the published content")
                continue
            done = run(top, "commit", "--quiet", "--no-verify", "-m", message, "--", *names)
            if done.returncode == 0:
                commits += 1
            else:
                log.warning("git refused to commit the content (exit %d)", done.returncode)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not commit the published content to git: %s", type(exc).__name__)
    return commits
