"""`content/glossary.yaml` (optional): one word per concept and language, and words to avoid.

    concepts:
      - id: appeal
        sv: överklagande
        en: appeal
        ar: استئناف
        fa-AF: شکایت
        avoid: {ar: [طعن], fa-AF: [اعتراض]}

`check` warns at every line (file and line) where a language's sheet, UI strings,
organisations or prepared relay answers use a word the glossary says to avoid in that
language. A word matches at the start of a word with any ending ("appeal" also finds
"appeals"), ignoring case, vowel marks, ZWNJ and the keyboard variants of ی ک ا ه; in
Arabic also after the attached و ف ب ل ك and ال.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from bot.content.problems import Problem
from bot.content.reader import ID_LINE, Reader

ID_RE: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_VARIANTS: Final = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ـ": None}
)
# Arabic proclitics written together with the next word: and, so, with, for, like, the.
_ARABIC_PREFIX: Final = "(?:وال|بال|فال|كال|کال|ولل|لل|ال|و|ف|ب|ل|ک)?"
_LANGUAGE_KEY: Final = re.compile(r"^(\s*)(?:- )?['\"]?([A-Za-z-]+)['\"]?:\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea, the word to use for it per language, and the words to avoid."""

    id: str
    terms: Mapping[str, str]
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every concept of `content/glossary.yaml`, validated."""

    concepts: tuple[Concept, ...] = ()


class _Unmarked(dict[int, int | None]):
    """A translation table deleting format characters (ZWNJ, direction marks) and
    non-spacing marks (vowel signs); each character's category is looked up once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) in ("Cf", "Mn") else code
        self[code] = kept
        return kept


_UNMARKED: Final = _Unmarked()


def fold(text: str) -> str:
    """Fold text so that case, vowel marks, ZWNJ and keyboard variants compare equal."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = text.translate(_UNMARKED)
    return text.translate(_VARIANTS).casefold()


def _words(value: Any) -> list[str] | None:
    """A list of non-empty words (a single word is a list of one), else None."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        return None
    return [w.strip() for w in value]


def load_glossary(path: Path, languages: Sequence[str], problems: list[Problem]) -> Glossary:
    """Read the glossary if it exists, adding problems with file and line."""
    if not path.exists():
        return Glossary()
    reader = Reader(path, problems)
    data = reader.mapping("the file must start with `concepts:` followed by a list")
    if data is None:
        return Glossary()
    entries = data.get("concepts")
    if not isinstance(entries, list):
        reader.error(1, "the file must start with `concepts:` followed by a list")
        return Glossary()
    lines = reader.key_lines(ID_LINE)
    concepts: list[Concept] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            reader.error(None, "every concept needs an `id:`")
            continue
        cid = entry["id"]
        line = lines.get(cid)
        if not ID_RE.match(cid) or any(c.id == cid for c in concepts):
            reader.error(line, f"concept id {cid!r}: use lowercase letters, digits, '-', once")
            continue
        concept = _concept(entry, cid, line, languages, reader)
        if concept is not None:
            concepts.append(concept)
    return Glossary(tuple(concepts))


def _concept(
    entry: dict[Any, Any], cid: str, line: int | None, languages: Sequence[str], reader: Reader
) -> Concept | None:
    """One concept's words, or None when they cannot be used."""
    ok = True
    terms: dict[str, str] = {}
    for lang in languages:
        term = entry.get(lang)
        if term is None:
            reader.warn(line, f"concept {cid} has no word in {lang}")
        elif not isinstance(term, str) or not term.strip():
            reader.error(line, f"concept {cid}: the word in {lang} must be text")
            ok = False
        else:
            terms[lang] = term.strip()
    unknown = set(entry) - {"id", "avoid", *languages}
    if unknown:
        reader.warn(line, f"concept {cid}: unknown fields {', '.join(sorted(map(str, unknown)))}")
    raw = entry.get("avoid") or {}
    if not isinstance(raw, dict):
        reader.error(line, f"concept {cid}: `avoid:` must map a language to a list of words")
        return None
    avoid: dict[str, tuple[str, ...]] = {}
    for lang, value in raw.items():
        words = _words(value)
        if lang not in languages:
            reader.error(line, f"concept {cid}: unknown language {lang!r} under `avoid:`")
            ok = False
        elif words is None:
            reader.error(line, f"concept {cid}: `avoid: {lang}:` must be a list of words")
            ok = False
        elif lang in terms and fold(terms[lang]) in map(fold, words):
            reader.error(line, f"concept {cid}: {terms[lang]!r} is both the word and avoided")
            ok = False
        else:
            avoid[str(lang)] = tuple(words)
    return Concept(cid, terms, avoid, line) if ok else None


def _pattern(word: str, language: str) -> re.Pattern[str]:
    """Match a folded avoided word at the start of a word, with any ending."""
    prefix = _ARABIC_PREFIX if language == "ar" else ""
    return re.compile(rf"(?<!\w){prefix}{re.escape(fold(word))}")


def _yaml_language_lines(path: Path, languages: Sequence[str]) -> Iterator[tuple[int, str, str]]:
    """Yield (line, language, text) for every line of a value under a language key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the loaders report unreadable files
    current: tuple[str, int] | None = None  # language and the indentation of its key
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if current is not None and indent > current[1]:
            yield number, current[0], line
            continue
        current = None
        match = _LANGUAGE_KEY.match(line)
        if match and match.group(2) in languages:
            current = (match.group(2), len(match.group(1)))
            yield number, current[0], match.group(3)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line, text) of a text file, skipping comment lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith(("#", "<!--")):
            yield number, line


def avoided_words(
    glossary: Glossary, content_dir: Path, locales_dir: Path, languages: Sequence[str]
) -> list[Problem]:
    """A warning at every line where a language uses a word the glossary says to avoid."""
    rules = {
        lang: [
            (_pattern(word, lang), word, concept)
            for concept in glossary.concepts
            for word in concept.avoid.get(lang, ())
        ]
        for lang in languages
    }
    places: list[tuple[Path, int, str, str]] = []
    for lang in languages:
        for path in [
            content_dir / "sheet" / f"{lang}.md",
            *sorted((locales_dir / lang).glob("*.ftl")),
        ]:
            places += [(path, number, lang, line) for number, line in _lines(path)]
    for name in ("organisations.yaml", "relay.yaml"):
        path = content_dir / name
        places += [(path, n, lang, line) for n, lang, line in _yaml_language_lines(path, languages)]
    problems: list[Problem] = []
    for path, number, lang, line in places:
        folded = fold(line)
        for pattern, word, concept in rules[lang]:
            if pattern.search(folded):
                instead = concept.terms.get(lang)
                use = f": use «{instead}»" if instead else ""
                problems.append(
                    Problem(
                        path,
                        number,
                        f"{lang}: «{word}» is on the glossary's avoid list"
                        f" (concept {concept.id}){use}",
                        "warning",
                    )
                )
    return problems


def glossary_problems(
    content_dir: Path, locales_dir: Path, languages: Sequence[str]
) -> list[Problem]:
    """Check the glossary itself, then every text against it."""
    problems: list[Problem] = []
    glossary = load_glossary(content_dir / "glossary.yaml", languages, problems)
    return problems + avoided_words(glossary, content_dir, locales_dir, languages)
