"""`content/sources.yaml` (optional): where deep links to the bot are printed.

    sources:
      - id: malmo-poster
        what: Affischen på ... / The poster at ...

A link `t.me/<bot>?start=fa_malmo-poster` opens the bot in Dari and adds one to the
anonymous count of `malmo-poster` for the day (see content/README.md). Nothing about the
person is kept: only which poster, how often, per day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path

from bot.content.model import Source
from bot.content.problems import Problem
from bot.content.reader import ID_LINE, Reader

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,23}$")


def load_sources(
    path: Path,
    sections: Collection[str],
    is_language: Callable[[str], bool],
    problems: list[Problem],
) -> tuple[Source, ...]:
    """Read the sources if the file exists; an id must not look like a language or section."""
    if not path.exists():
        return ()
    reader = Reader(path, problems)
    data = reader.mapping("the file must start with `sources:` followed by a list")
    if data is None:
        return ()
    entries = data.get("sources") or []
    if not isinstance(entries, list):
        reader.error(1, "the file must start with `sources:` followed by a list")
        return ()
    lines = reader.key_lines(ID_LINE)
    found: list[Source] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            reader.error(None, "every source needs an `id:`")
            continue
        sid = entry["id"]
        line = lines.get(sid)
        what = entry.get("what")
        if not ID_RE.match(sid):
            reader.error(
                line,
                f"source id {sid!r} must be lowercase letters, digits and '-', "
                "at most 24 characters",
            )
        elif is_language(sid) or sid in sections:
            reader.error(
                line, f"source id {sid!r} is also a language or section id: choose another"
            )
        elif any(s.id == sid for s in found):
            reader.error(line, f"source id {sid!r} is used twice")
        elif not isinstance(what, str) or not what.strip():
            reader.error(line, f"source {sid}: `what:` must say which poster or place it is")
        else:
            found.append(Source(sid, what.strip()))
    return tuple(found)
