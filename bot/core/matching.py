"""What a typed message finds among the staff's own words: crisis first, then help, then the
best sections, contact lists and helpers. Offline and deterministic: nothing is generated,
and the text is neither kept nor logged (only the kind of answer is counted).

Words are compared after `normalise` (bot/content/spelling.py). A keyword matches when each
of its words is in the message: a word of up to 3 letters exactly, a longer one also with a
small typo (rapidfuzz's ratio, see `_cutoff`), at the start of a longer word ("överklaga"
in "överklagandet") or, in Arabic script, inside one (the attached "و", "ال" ...). Two typed
words written together also count as one when that is exactly the word ("خود کشی" is
"خودکشی").
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from bot.content.model import Content, Words
from bot.content.spelling import words as split_words
from bot.screens.routes import DeadlineAsk, OrgList, Route, Section, Talk

CUTOFF: Final = 80  # the lowest ratio ever accepted (see _cutoff)
SHORT: Final = 3  # words this short match only exactly: too many others are one letter away
AFFIX: Final = 5  # letters a longer typed word may add around a keyword ("-andet", "وال")
MOST: Final = 3  # sections or lists offered at once
# Arabic words written together with the next: and, with, for, so, the (and their pairs).
ARABIC_PREFIXES: Final = ("ال", "و", "وال", "ب", "بال", "ل", "لل", "ف", "فال")
HELPER_ROUTES: Final[dict[str, Route]] = {"deadline": DeadlineAsk(), "talk": Talk()}
CRISIS: Final = "crisis"
HELP: Final = "help"


@dataclass(frozen=True, slots=True)
class Keyword:
    """One staff keyword, normalised, and where it leads."""

    target: Route | str  # a route, or CRISIS or HELP
    language: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """What a message found: crisis, help, and up to MOST routes, best first."""

    crisis: bool = False
    help: bool = False
    routes: tuple[Route, ...] = ()
    language: str | None = None  # the language of the crisis or help word that matched

    @property
    def kind(self) -> str:
        """The count's subject: crisis, help, found or none."""
        if self.crisis:
            return CRISIS
        if self.help and not self.routes:
            return HELP
        return "found" if self.routes else "none"


def _cutoff(length: int) -> float:
    """The ratio a typed word needs to stand for a keyword word of `length` letters: one
    letter wrong (two in words of 9 or more); in 4-letter words only one missing or extra."""
    if length <= 4:
        return 85.0
    wrong = 2 if length >= 9 else 1
    return max(CUTOFF, 100.0 * (length - wrong) / length) - 0.01


def _arabic(word: str) -> bool:
    return any("ARABIC" in unicodedata.name(c, "") for c in word[:2])


def _keywords(target: Route | str, words: Words) -> Iterable[Keyword]:
    for language, entries in words.items():
        for entry in entries:
            split = tuple(split_words(entry))
            if split:
                yield Keyword(target, language, split)


class Matcher:
    """Finds the staff's keywords in a typed message."""

    def __init__(self, content: Content) -> None:
        self.content = content
        keys = content.keywords
        found: list[Keyword] = []
        found += _keywords(CRISIS, keys.crisis)
        found += _keywords(HELP, keys.help)
        for meta in content.sections:
            found += _keywords(Section(meta.id), meta.keywords)
        for category, words in keys.lists.items():
            found += _keywords(OrgList(category), words)
        for helper, words in keys.helpers.items():
            found += _keywords(HELPER_ROUTES[helper], words)
        self.keywords = tuple(found)
        self._order = {k.target: n for n, k in enumerate(reversed(found))}

    def find(self, text: str, language: str | None = None) -> Found:
        """Look for every keyword in `text`; `language` (the person's) wins a tie."""
        typed = split_words(text)
        if not typed:
            return Found()
        joined = {a + b for a, b in itertools.pairwise(typed)}
        scores: dict[str, float] = {}
        best: dict[Route | str, tuple[int, float, bool]] = {}
        crisis_language = help_language = None
        for keyword in self.keywords:
            matched = [self._score(word, typed, joined, scores) for word in keyword.words]
            if not all(matched):
                continue
            if keyword.target == CRISIS:
                crisis_language = crisis_language or keyword.language
            elif keyword.target == HELP:
                help_language = help_language or keyword.language
            # Longer keywords say more; a keyword in the person's language wins a tie.
            rank = (
                sum(len(w) for w in keyword.words),
                sum(matched) / len(matched),
                keyword.language == language,
            )
            if rank > best.get(keyword.target, (0, 0.0, False)):
                best[keyword.target] = rank
        routes = sorted(
            (t for t in best if not isinstance(t, str)),
            key=lambda t: (best[t], self._order[t]),
            reverse=True,
        )
        return Found(
            crisis=crisis_language is not None,
            help=help_language is not None,
            routes=tuple(routes[:MOST]),
            language=crisis_language or help_language,
        )

    @staticmethod
    def _score(
        word: str, typed: Sequence[str], joined: set[str], scores: dict[str, float]
    ) -> float:
        """How well one keyword word is in the message (0: not at all); two typed words
        written together count only when they are exactly the keyword's word."""
        if word in scores:
            return scores[word]
        score = 0.0
        candidates = typed
        if word in joined or word in typed:
            score = 100.0
        elif len(word) <= SHORT:
            if _arabic(word) and any(
                c.endswith(word) and c[: -len(word)] in ARABIC_PREFIXES for c in candidates
            ):
                score = 95.0
        else:
            inside = _arabic(word)
            if any(
                len(c) - len(word) <= AFFIX and (word in c if inside else c.startswith(word))
                for c in candidates
            ):
                score = 95.0
            else:
                hit = process.extractOne(
                    word, candidates, scorer=fuzz.ratio, score_cutoff=_cutoff(len(word))
                )
                score = hit[1] if hit else 0.0
        scores[word] = score
        return score
