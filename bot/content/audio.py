"""Optional recorded audio per section: `content/audio/<language>/<section-id>.ogg`.

A section with a recording gets a Listen button; the bot sends the file as a voice
message. Files must be Ogg (Opus) — what Telegram plays as a voice message.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from bot.content.problems import Problem

OGG_MAGIC = b"OggS"
MAX_BYTES = 1_000_000  # about 4 minutes of speech: cheap phones, little data


def find_audio(
    content_dir: Path, languages: Sequence[str], section_ids: Collection[str]
) -> tuple[dict[tuple[str, str], Path], list[Problem]]:
    """Return the valid recordings by (language, section id), and the problems found."""
    found: dict[tuple[str, str], Path] = {}
    problems: list[Problem] = []
    root = content_dir / "audio"
    if not root.is_dir():
        return found, problems
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name not in languages:
            problems.append(
                Problem(folder, None, f"no language {folder.name!r}: use {', '.join(languages)}")
            )
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix != ".ogg":
                problems.append(Problem(path, None, "audio files must be .ogg (Ogg Opus)"))
                continue
            if path.stem not in section_ids:
                problems.append(
                    Problem(path, None, f"no section {path.stem!r}: name the file <section-id>.ogg")
                )
                continue
            try:
                with path.open("rb") as file:
                    head = file.read(4)
                size = path.stat().st_size
            except OSError as exc:
                problems.append(Problem(path, None, f"cannot read the file: {exc}"))
                continue
            if head != OGG_MAGIC:
                problems.append(
                    Problem(path, None, "not an Ogg file: export it as Ogg Opus (voice message)")
                )
                continue
            if size > MAX_BYTES:
                problems.append(
                    Problem(
                        path,
                        None,
                        f"{size // 1000} kB is heavy for little data: keep it under"
                        f" {MAX_BYTES // 1000} kB",
                        "warning",
                    )
                )
            found[(folder.name, path.stem)] = path
    return found, problems
