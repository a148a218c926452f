"""Reading a YAML file of `content/` while collecting problems with file and line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.content.model import Review
from bot.content.problems import Problem

STATUSES = ("draft", "reviewed")
MAX_BYTES = 4 * 1024 * 1024  # a content or locale file larger than this is refused


class TooLarge(OSError):
    """A content file over MAX_BYTES: refused before it is parsed."""


def read_text(path: Path, limit: int | None = None) -> str:
    """Read a content or locale file as UTF-8, refusing one over `limit` (MAX_BYTES)."""
    limit = MAX_BYTES if limit is None else limit
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"the file is larger than {limit // 1024} KB; split it up")
    return data.decode("utf-8")


class NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: `*name` repeats a value by reference, and a few lines of
    them expand to gigabytes when the value is used (a "billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse an alias; compose anything else as usual."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed: write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


# libyaml (C) reads the content about ten times faster than the pure-Python loader, which
# matters at every start and reload; the pure-Python one is the fallback where it is absent.
_FAST = getattr(yaml, "CSafeLoader", None)


def load_yaml(text: str) -> Any:
    """Parse safe YAML without aliases (see NoAliasLoader), with libyaml when there is one."""
    if _FAST is None:
        return yaml.load(text, Loader=NoAliasLoader)
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed: write the value out",
                event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark, the same fields
            )
    return yaml.load(text, Loader=_FAST)  # safe: no Python objects


def shown(value: Any, limit: int = 60) -> str:
    """A short description of a found value for a problem: a scalar's repr, cut, or the
    kind of a list or mapping (never the whole of it)."""
    if isinstance(value, int) and value.bit_length() > 64:  # str() refuses huge ones
        return "a very long number"
    if isinstance(value, list | dict | set | tuple):
        return f"a {'list' if isinstance(value, list | tuple | set) else 'mapping'}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Reader:
    """Collects problems while reading one YAML file."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.text = ""  # the file as read by load()

    def load(self) -> Any:
        try:
            self.text = text = read_text(self.path)
        except FileNotFoundError:
            self.error(None, "the file is missing")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(None, f"cannot read the file: {exc}")
            return None
        try:
            return load_yaml(text)
        except RecursionError:
            self.error(None, "the values are nested too deeply")
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            what = exc.problem or "not valid YAML"
            self.error(
                line,
                f"{what}. Check the indentation (spaces, not tabs) and that "
                "text containing ':' is in quotes.",
            )
        except yaml.YAMLError as exc:
            self.error(None, f"not valid YAML: {exc}")
        return None

    def mapping(self, shape: str) -> dict[Any, Any] | None:
        """Load a file that must be a mapping; `shape` says what it must hold if not."""
        data = self.load()
        if data is None:
            return None
        if not isinstance(data, dict):
            self.error(1, shape)
            return None
        return data

    def key_lines(self, pattern: str) -> dict[str, int]:
        """Map what `pattern` captures on each line (not comments) to the first line it is
        on, so problems can point at an entry."""
        lines: dict[str, int] = {}
        for number, line in enumerate(self.text.splitlines(), 1):
            match = re.match(pattern, line)
            if match and not line.lstrip().startswith("#"):
                lines.setdefault(match.group(1), number)
        return lines

    def node_lines(self) -> dict[tuple[object, ...], int]:
        """Map the path of every entry (mapping keys and list positions) to its line."""
        try:
            root = yaml.compose(self.text, Loader=_FAST or yaml.SafeLoader)
        except yaml.YAMLError:
            return {}
        lines: dict[tuple[object, ...], int] = {}

        def walk(node: yaml.Node, path: tuple[object, ...], line: int) -> None:
            lines[path] = line
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    walk(value, (*path, key.value), key.start_mark.line + 1)
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    walk(item, (*path, index), item.start_mark.line + 1)

        if root is not None:
            walk(root, (), 1)
        return lines

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, "warning"))


ID_LINE = r"^\s*-?\s*id:\s*['\"]?([^'\"\s#]+)"  # `id: value`, for key_lines


def parse_date_value(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def fact_dates(
    entry: dict[Any, Any], reader: Reader, line: int | None, what: str, *, required: bool
) -> tuple[date | None, date | None]:
    """Read `written:` and `facts_checked:` of an entry, adding problems.

    `written:` is when the text was written from the sources; `facts_checked:` when staff
    last checked the facts against the live sources (absent: not yet). The old name of
    `written:`, `checked:`, is still read, with a warning to rename it.
    """
    key = "written"
    if "written" not in entry and "checked" in entry:
        key = "checked"
        reader.warn(
            line, f"{what}: rename `checked:` to `written:` (the date the text was written)"
        )
    written = parse_date_value(entry.get(key))
    if written is None and (required or entry.get(key) is not None):
        reader.error(line, f"{what}: `written:` must be a date like 2026-11-23")
    facts = entry.get("facts_checked")
    facts_checked = parse_date_value(facts)
    if facts is not None and facts_checked is None:
        reader.error(line, f"{what}: `facts_checked:` must be a date like 2026-11-23")
    return written, facts_checked


def translation_statuses(
    value: Any,
    languages: Sequence[str],
    reader: Reader,
    line: int | None,
    what: str,
    reviews: dict[str, Review] | None = None,
) -> dict[str, str]:
    if not isinstance(value, dict):
        reader.error(line, f"{what}: `translations` must list each language as draft or reviewed")
        return {}
    out: dict[str, str] = {}
    for lang in languages:
        status = value.get(lang)
        if isinstance(status, dict):  # long form: {status: reviewed, date: ..., source: ...}
            long = status
            status = long.get("status")
            when = parse_date_value(long.get("date"))
            if long.get("date") is not None and when is None:
                reader.error(line, f"{what}: review date for {lang} must be like 2026-11-23")
            source = long.get("source")
            if source is not None and not (
                isinstance(source, str) and re.fullmatch(r"[0-9a-f]{12}", source)
            ):
                reader.error(
                    line,
                    f"{what}: source for {lang} must be the 12-character hash that"
                    " `python -m bot check --status` prints",
                )
                source = None
            if reviews is not None and status in STATUSES:
                reviews[lang] = Review(str(status), when, str(source) if source else None)
        if status not in STATUSES:
            reader.error(
                line,
                f"{what}: translation status for {lang} must be draft or reviewed"
                f" (found {shown(status)})",
            )
        else:
            out[lang] = str(status)
    return out
