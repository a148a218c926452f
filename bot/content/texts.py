"""UI strings from Fluent files in `locales/<language>/*.ftl`, and the languages they define.

A language is a folder. Its files must define `language-name` (the name in its own
script), `language-direction` (`ltr` or `rtl`) and `language-telegram-codes` (the codes
Telegram apps send, space-separated); `language-order` sorts the language choice, and
`language-date-order` (`dmy`, the default, or `mdy`) says how its speakers write a date
in numbers, e.g. 3/11 for 3 November.

A translation must use the same variables (`{ $name }`) as the Swedish message it
translates: the bot fills in exactly those, so a dropped one loses a fact (a date, a
number) and an added one shows up as `{$name}`.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.content.markup import html_problems
from bot.content.problems import ContentError, Problem, errors_in
from bot.content.reader import read_text

log = logging.getLogger(__name__)
REFERENCE = "en"
# The language translations are checked against for variables: the original.
ORIGINAL = "sv"
META_KEYS = ("language-name", "language-direction", "language-telegram-codes")
# The Fluent parser reads about a megabyte in 3 s: a locale file is refused past this
# (the real ones are under 10 KB).
MAX_FTL_BYTES = 512 * 1024
MAX_NESTING = 20  # placeables { } inside each other; real texts use two or three
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # sv, en, ar, fa-AF


@dataclass(frozen=True, slots=True)
class Language:
    """A language the bot speaks."""

    code: str
    name: str
    rtl: bool
    telegram_codes: tuple[str, ...]
    order: int
    day_first: bool = True  # 3/11 is 3 November (dmy), not 11 March (mdy)


class Texts:
    """Formats UI strings per language, falling back to English, then to the key."""

    def __init__(self, bundles: dict[str, FluentBundle], languages: tuple[Language, ...]) -> None:
        self._bundles = bundles
        self.languages = languages
        self._by_code = {lang.code: lang for lang in languages}
        self._telegram: dict[str, str] = {}
        for lang in languages:
            for code in (lang.code, *lang.telegram_codes):
                self._telegram.setdefault(code.lower(), lang.code)

    def __call__(self, language: str, key: str, /, **args: Any) -> str:
        """Format message `key` in `language`."""
        for code in (language, REFERENCE):
            bundle = self._bundles.get(code)
            if bundle is not None and bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    break
                text, errors = bundle.format_pattern(message.value, args)
                if errors:
                    log.warning("locale message %s/%s: %s", code, key, errors[0])
                return str(text)
        log.warning("missing locale message %s", key)
        return key

    def has(self, key: str) -> bool:
        """Say whether the reference language defines `key`."""
        bundle = self._bundles.get(REFERENCE)
        return bundle is not None and bundle.has_message(key)

    def language(self, code: str) -> Language:
        """Return a language by code (the reference language when unknown)."""
        return self._by_code.get(code) or self._by_code[REFERENCE]

    def known(self, code: str | None) -> bool:
        """Say whether `code` is one of the bot's languages."""
        return code in self._by_code

    def exactly(self, code: str) -> str | None:
        """The bot language whose code, or one of its Telegram codes, is exactly `code`."""
        return self._telegram.get(code.lower())

    def match(self, telegram_code: str | None) -> str | None:
        """Map a Telegram `language_code` ('fa', 'fa-IR', 'en-GB' ...) to a bot language."""
        if not telegram_code:
            return None
        code = telegram_code.lower().replace("_", "-")
        return self._telegram.get(code) or self._telegram.get(code.split("-")[0])


class _Lines:
    """Line numbers of offsets in a text, from one pass over it (not one per entry)."""

    def __init__(self, source: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", source)]

    def of(self, offset: int) -> int:
        """The 1-based line of `offset`."""
        return bisect.bisect_left(self._breaks, offset) + 1


class _Variables(Visitor):
    """Collects the names of the variables (`$name`) a message uses."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def variables(message: ast.Message) -> frozenset[str]:
    """The variables a message uses, in its value, variants and attributes."""
    found = _Variables()
    found.visit(message)
    return frozenset(found.names)


Parsed = dict[str, tuple[int, str, frozenset[str]]]  # key: line, pattern source, variables


def _too_deep(source: str, lines: _Lines) -> int | None:
    """The line where placeables nest deeper than MAX_NESTING, if they do (the parser and
    the formatter recurse once per level)."""
    depth = 0
    for match in re.finditer("[{}]", source):
        depth = depth + 1 if match.group() == "{" else max(0, depth - 1)
        if depth > MAX_NESTING:
            return lines.of(match.start())
    return None


# Parsing the .ftl files is most of the bot's start (fluent.syntax's parser is pure Python,
# about 0.25 s for the four languages); reading its result back as JSON takes a quarter of
# that. So each parsed file is kept beside the locales folder, named by the hash of its
# text and the parser's version: an edited file is simply parsed again. Where the folder
# cannot be written, every start parses.
CACHE_DIR = ".fluent-cache"
_PARSER = "fluent.syntax-" + importlib.metadata.version("fluent.syntax")


# A reload (a staff edit, a publish) usually changes one file or none: the files parsed
# before are kept in memory too, by the same hash (nothing changes a parsed file). Reloads
# run on worker threads, hence the lock.
_PARSED: OrderedDict[str, ast.Resource] = OrderedDict()
_PARSED_KEPT = 256
_PARSED_LOCK = threading.Lock()


def _parse(path: Path, source: str) -> ast.Resource:
    """Parse one file's text, through the memory and the cache beside the locales folder."""
    digest = hashlib.sha256(f"{_PARSER}\n{source}".encode()).hexdigest()[:40]
    cached = path.parent.parent.parent / CACHE_DIR / f"{digest}.json"
    with _PARSED_LOCK:
        resource = _PARSED.get(digest)
        if resource is not None:
            _PARSED.move_to_end(digest)
    if resource is not None:
        if not cached.exists():  # parsed here from another folder (a staged upload)
            _keep(cached, resource)
        return resource
    resource = _read(cached)
    if resource is None:
        resource = FluentParser(with_spans=True).parse(source)
        _keep(cached, resource)
    with _PARSED_LOCK:
        _PARSED[digest] = resource
        if len(_PARSED) > _PARSED_KEPT:
            _PARSED.popitem(last=False)
    return resource


def _read(cached: Path) -> ast.Resource | None:
    """A parsed file from the cache beside the locales folder, if it is there and whole."""
    try:
        resource = ast.from_json(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return resource if isinstance(resource, ast.Resource) else None


def _keep(cached: Path, resource: ast.Resource) -> None:
    """Write a parsed file to the cache beside the locales folder, where it can be written."""
    try:
        cached.parent.mkdir(exist_ok=True)
        temporary = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(resource.to_json()), encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass  # read-only: parse again next time


def _parse_file(path: Path, problems: list[Problem]) -> tuple[ast.Resource, Parsed]:
    """Parse one .ftl file once, collect syntax errors, return it parsed and its messages."""
    try:
        source = read_text(path, MAX_FTL_BYTES)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(path, None, f"cannot read the file: {exc}"))
        return ast.Resource([]), {}
    lines = _Lines(source)
    deep = _too_deep(source, lines)
    if deep is not None:
        problems.append(
            Problem(path, deep, f"placeables {{ }} are nested more than {MAX_NESTING} deep")
        )
        return ast.Resource([]), {}
    messages: Parsed = {}
    try:
        resource = _parse(path, source)
    except RecursionError:
        problems.append(Problem(path, None, "the file is nested too deeply to read"))
        return ast.Resource([]), {}
    for entry in resource.body:
        start = entry.span.start if entry.span else 0
        line = lines.of(start)
        if isinstance(entry, ast.Junk):
            note = (entry.annotations[0].message if entry.annotations else None) or "syntax error"
            content = (entry.content or "").strip()
            bad = content.splitlines()[0] if content else ""
            problems.append(
                Problem(
                    path,
                    line,
                    f"this line is not valid Fluent ({note}): {bad!r}. "
                    "A line must look like `key = text`; continued lines start with spaces.",
                )
            )
        elif isinstance(entry, ast.Message):
            if entry.id.name in messages:
                problems.append(Problem(path, line, f"`{entry.id.name}` is defined twice"))
            pattern = (
                source[entry.value.span.start : entry.value.span.end]
                if (entry.value and entry.value.span)
                else ""
            )
            messages[entry.id.name] = (line, pattern, variables(entry))
    return resource, messages


def load_texts(locales_dir: Path) -> tuple[Texts | None, list[Problem]]:
    """Load every language folder; return the texts (None on errors) and the problems."""
    problems: list[Problem] = []
    folders = sorted(p for p in locales_dir.iterdir() if p.is_dir()) if locales_dir.is_dir() else []
    if not folders:
        problems.append(Problem(locales_dir, None, "no language folders found"))
        return None, problems
    sources: dict[str, list[ast.Resource]] = {}
    keys: dict[str, dict[str, tuple[Path, int]]] = {}
    values: dict[str, dict[str, str]] = {}
    uses: dict[str, dict[str, frozenset[str]]] = {}
    for folder in folders:
        code = folder.name
        if not LANGUAGE_CODE.fullmatch(code):
            problems.append(
                Problem(folder, None, "a language folder must be named by its code: sv, en, fa-AF")
            )
            continue
        sources[code], keys[code], values[code], uses[code] = [], {}, {}, {}
        files = sorted(folder.glob("*.ftl"))
        if not files:
            problems.append(Problem(folder, None, "this language folder has no .ftl files yet"))
            continue
        for path in files:
            resource, messages = _parse_file(path, problems)
            sources[code].append(resource)
            for key, (line, pattern, names) in messages.items():
                if key in keys[code]:
                    problems.append(
                        Problem(path, line, f"`{key}` is also defined in {keys[code][key][0].name}")
                    )
                keys[code][key] = (path, line)
                values[code][key] = pattern
                uses[code][key] = names
                for issue in html_problems(pattern.replace("{", "").replace("}", "")):
                    problems.append(Problem(path, line, f"`{key}`: {issue}"))
    if REFERENCE not in keys:
        problems.append(
            Problem(locales_dir, None, f"the reference language folder {REFERENCE}/ is missing")
        )
        return None, problems
    reference = keys[REFERENCE]
    for code, found in keys.items():
        if not found:
            continue
        for key in sorted(reference.keys() - found.keys(), key=lambda k: reference[k][1]):
            problems.append(
                Problem(
                    locales_dir / code,
                    None,
                    f"`{key}` is missing (it is in {REFERENCE}/"
                    f"{reference[key][0].name}, line {reference[key][1]})",
                )
            )
        for key in found.keys() - reference.keys():
            path, line = found[key]
            problems.append(
                Problem(
                    path,
                    line,
                    f"`{key}` is not a known key (not in {REFERENCE}/): a typo?",
                    "warning",
                )
            )
    problems += _variable_problems(keys, uses)
    languages: list[Language] = []
    for code in keys:
        meta = values[code]
        if not meta:
            continue
        missing = [k for k in META_KEYS if k not in meta]
        if missing:
            problems.append(
                Problem(locales_dir / code, None, f"language needs {', '.join(missing)}")
            )
            continue
        direction = meta["language-direction"].strip()
        if direction not in ("ltr", "rtl"):
            path, line = keys[code]["language-direction"]
            problems.append(Problem(path, line, "language-direction must be ltr or rtl"))
        order_text = meta.get("language-order", "99").strip()
        date_order = meta.get("language-date-order", "dmy").strip()
        if date_order not in ("dmy", "mdy"):
            path, line = keys[code]["language-date-order"]
            problems.append(Problem(path, line, "language-date-order must be dmy or mdy"))
        languages.append(
            Language(
                code=code,
                name=meta["language-name"].strip(),
                rtl=direction == "rtl",
                telegram_codes=tuple(meta["language-telegram-codes"].split()),
                order=int(order_text) if order_text.isdigit() else 99,
                day_first=date_order != "mdy",
            )
        )
    if errors_in(problems):
        return None, problems
    bundles: dict[str, FluentBundle] = {}
    for code, texts in sources.items():
        bundle = FluentBundle([code], use_isolating=True)
        for resource in texts:  # parsed once, above: the bundle takes the parsed file
            bundle.add_resource(resource)
        bundles[code] = bundle
    languages.sort(key=lambda lang: (lang.order, lang.code))
    return Texts(bundles, tuple(languages)), problems


def _variable_problems(
    keys: dict[str, dict[str, tuple[Path, int]]], uses: dict[str, dict[str, frozenset[str]]]
) -> list[Problem]:
    """A translation that drops or adds a `{ $variable }` of the Swedish message."""
    original = uses.get(ORIGINAL)
    if not original:
        return []
    problems: list[Problem] = []
    for code, messages in uses.items():
        if code == ORIGINAL:
            continue
        for key, names in messages.items():
            if key not in original or names == original[key]:
                continue
            path, line = keys[code][key]
            dropped, added = sorted(original[key] - names), sorted(names - original[key])
            said = []
            if dropped:
                said.append("drops " + ", ".join(f"{{ ${n} }}" for n in dropped))
            if added:
                said.append("adds " + ", ".join(f"{{ ${n} }}" for n in added))
            problems.append(
                Problem(
                    path,
                    line,
                    f"`{key}` {' and '.join(said)} compared with the Swedish text"
                    f" ({ORIGINAL}/{keys[ORIGINAL][key][0].name}, line {keys[ORIGINAL][key][1]}):"
                    " use exactly the same { $names }",
                )
            )
    return problems


def require_texts(locales_dir: Path) -> Texts:
    """Load texts or raise ContentError."""
    texts, problems = load_texts(locales_dir)
    if texts is None:
        raise ContentError(problems)
    return texts
