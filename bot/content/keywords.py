"""Typed words in `content/`: what a typed message can lead to, per language.

`content/keywords.yaml`:

    crisis:     # words and sentences that mean danger: answered first, with the numbers
      sv: [vill dö, självmord, ...]
    help:       # "help!": the emergency numbers and the menu
      sv: [hjälp, ...]
    lists:      # the contact lists, by category (legal, places, support, emergency)
      legal: {sv: [...], en: [...], ar: [...], fa-AF: [...]}
    helpers:    # deadline (When is my deadline?) and talk (Talk to someone)
      deadline: {sv: [...], ...}

and, in `content/sheet.yaml`, each section's own `keywords:` in the same per-language form.
Words are compared after `bot.content.spelling.normalise`, so staff write them the usual
way; spellings on a Latin keyboard ("komak", "mosaede") go in the language's list too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.content.model import HELPERS, Keywords, Words
from bot.content.problems import Problem
from bot.content.reader import Reader
from bot.content.spelling import normalise

MAX_WORD = 80


class WordsReader:
    """Reads per-language word lists of one file, with the line of every word."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.lines = reader.node_lines()

    def line(self, path: tuple[object, ...]) -> int | None:
        """The line of an entry, or of the nearest entry above it."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def words(self, value: Any, path: tuple[object, ...], what: str) -> tuple[str, ...]:
        """A list of words; problems for anything else, each at its own line."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.reader.error(self.line(path), f"{what} must be a list like [word, other words]")
            return ()
        found: list[str] = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            line = self.line((*path, index))
            text = str(item).strip() if isinstance(item, str | int) else ""
            key = normalise(text)
            if not key:
                self.reader.error(line, f"{what}: {item!r} is not a word (letters or digits)")
            elif len(text) > MAX_WORD:
                self.reader.error(line, f"{what}: keep each entry under {MAX_WORD} characters")
            elif key in seen:
                self.reader.warn(line, f"{what}: {text!r} is in the list twice")
            else:
                seen.add(key)
                found.append(text)
        return tuple(found)

    def per_language(
        self,
        value: Any,
        path: tuple[object, ...],
        languages: Sequence[str],
        what: str,
        *,
        required: bool,
    ) -> Words:
        """Word lists per language; a missing language is an error if `required`, else a
        warning (typed words in that language will not find it)."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.reader.error(
                self.line(path), f"{what} must list words per language ({', '.join(languages)})"
            )
            return {}
        for key in value:
            if key not in languages:
                self.reader.error(
                    self.line((*path, key)),
                    f"{what}: {key!r} is not a language of the bot ({', '.join(languages)})",
                )
        out: dict[str, tuple[str, ...]] = {}
        for lang in languages:
            words = self.words(value.get(lang), (*path, lang), f"{what} ({lang})")
            if words:
                out[lang] = words
            elif required:
                self.reader.error(self.line(path), f"{what}: no words in {lang}")
            else:
                self.reader.warn(
                    self.line(path), f"{what}: no words in {lang}, so typing cannot find it"
                )
        return out


def load_keywords(
    path: Path, languages: Sequence[str], categories: Sequence[str], problems: list[Problem]
) -> Keywords:
    """Read `keywords.yaml`, adding problems with file and line."""
    reader = Reader(path, problems)
    if not path.exists():
        reader.warn(None, "the file is missing: typed words (even crisis words) find nothing")
        return Keywords()
    data = reader.mapping("the file must list `crisis:`, `help:`, `lists:` and `helpers:`")
    if data is None:
        return Keywords()
    words = WordsReader(reader)
    for key in data:
        if key not in ("crisis", "help", "lists", "helpers"):
            reader.error(words.line((key,)), f"unknown entry {key!r}: crisis, help, lists, helpers")
    crisis = words.per_language(
        data.get("crisis"), ("crisis",), languages, "crisis words", required=True
    )
    help_words = words.per_language(
        data.get("help"), ("help",), languages, "help words", required=True
    )

    def targets(name: str, allowed: Sequence[str]) -> dict[str, Words]:
        value = data.get(name) or {}
        if not isinstance(value, dict):
            reader.error(words.line((name,)), f"`{name}:` must have an entry per {allowed}")
            return {}
        out: dict[str, Words] = {}
        for key, entry in value.items():
            if key not in allowed:
                reader.error(
                    words.line((name, key)),
                    f"`{name}:` {key!r} must be one of {', '.join(allowed)}",
                )
                continue
            out[key] = words.per_language(
                entry, (name, key), languages, f"{name} {key}", required=False
            )
        return out

    return Keywords(crisis, help_words, targets("lists", categories), targets("helpers", HELPERS))


def section_keywords(
    entry: dict[Any, Any], index: int, languages: Sequence[str], words: WordsReader
) -> Words:
    """Read a section's `keywords:` in sheet.yaml (entry `index` of `sections:`)."""
    path = ("sections", index, "keywords")
    return words.per_language(
        entry.get("keywords"), path, languages, f"section {entry['id']}: keywords", required=False
    )
