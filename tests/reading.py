"""What a reader sees: screens laid out with the Unicode bidi algorithm, then checked.

`drawn(line, base)` lays out one logical line with python-bidi (the Rust unicode-bidi
crate: isolates and bracket pairs, as Telegram's clients and browsers do) and returns
the characters as drawn, left to right. python-bidi does not mirror brackets, so this
module works out each bracket's glyph itself: a bracket is drawn facing the text it
encloses (mirrored at an odd level, which is exactly when that text lies to its left).
The browser test gives the same kind of drawn lines from Chromium's own layout.

`problems(text, lines, rtl)` then says what a reader would find wrong: brackets that
do not pair up in reading order, and numbers that are not shown whole and in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from bidi import get_base_level, get_display

from bot.screens.bidi import FSI, LRI, PDI, RLI
from bot.screens.render import plain_text

CONTROLS = (LRI, RLI, FSI, PDI, "\u200e", "\u200f", "\u061c")
_DROP = {ord(c): None for c in CONTROLS}
_SWAP = str.maketrans("()", ")(")
# Groups of digits joined by a space, a no-break space or a hyphen are one number.
NUMBER = re.compile(r"\+?\d+(?:[ \u00a0\-]\d+)*")
# A stand-in of the same bidi class, never present in real text, for each class an
# enclosed character can have; and a bracket pair that pairs like "(" and ")".
_STAND_INS = {
    "L": "Ж",
    "AL": "\ufb50",
    "R": "\u05ea",
    "EN": "\U0001d7d8",
    "AN": "\u0669",
    "WS": "\u2003",
    "ON": "\u2016",
    "CS": "\ufe50",
    "ES": "\ufe62",
    "ET": "\u2030",
}
_OPEN_MARK, _CLOSE_MARK = "\u2045", "\u2046"
for _class, _char in _STAND_INS.items():
    assert unicodedata.bidirectional(_char) == _class, (_class, _char)


def _partners(line: str) -> dict[int, int]:
    """Pair brackets as the bidi algorithm does: within one isolate level, innermost first."""
    stacks: list[list[int]] = [[]]
    pairs: dict[int, int] = {}
    for at, char in enumerate(line):
        if char in (LRI, RLI, FSI):
            stacks.append([])
        elif char == PDI and len(stacks) > 1:
            stacks.pop()
        elif char == "(":
            stacks[-1].append(at)
        elif char == ")" and stacks[-1]:
            start = stacks[-1].pop()
            pairs[start], pairs[at] = at, start
    return pairs


def _inner(line: str, at: int, partner: int | None) -> int | None:
    """The nearest character the bracket at `at` encloses whose class has a stand-in."""
    step = 1 if line[at] == "(" else -1
    spot = at + step
    while 0 <= spot < len(line) and spot != partner:
        if line[spot] not in "()" and unicodedata.bidirectional(line[spot]) in _STAND_INS:
            return spot
        spot += step
    return None


def brackets(line: str, base: str | None = None) -> dict[int, tuple[int, str]]:
    """Map each bracket of a line to where it is drawn (left to right) and as which glyph."""
    pairs = _partners(line)
    found: dict[int, tuple[int, str]] = {}
    for at, char in enumerate(line):
        if char not in "()":
            continue
        partner = pairs.get(at)
        inner = _inner(line, at, partner)
        probe = list(line)
        probe[at] = _OPEN_MARK if char == "(" else _CLOSE_MARK
        if partner is not None:
            probe[partner] = _CLOSE_MARK if char == "(" else _OPEN_MARK
        if inner is not None:
            probe[inner] = _STAND_INS[unicodedata.bidirectional(line[inner])]
        seen = get_display("".join(probe), base_dir=base)
        here = seen.index(probe[at])
        if inner is not None:
            there = seen.index(probe[inner])
        elif partner is not None:
            there = seen.index(probe[partner])
        else:
            there = here + (1 if (char == "(") == (get_base_level(line) == 0) else -1)
        found[at] = (here, "(" if there > here else ")")
    return found


def drawn(line: str, base: str | None = None) -> str:
    """Lay out one line (no line breaks) and return it as drawn, left to right."""
    shown = list(get_display(line, base_dir=base))
    for here, glyph in brackets(line, base).values():
        shown[here] = glyph
    return "".join(shown).translate(_DROP)


def broken_pairs(line: str, base: str | None = None) -> int:
    """Count the bracket pairs the writer typed that are not drawn as one pair."""
    drawn_as = brackets(line, base)
    opened: list[int] = []
    broken = 0
    for at, char in enumerate(line):
        if char == "(":
            opened.append(at)
        elif char == ")" and opened:
            pair = sorted((drawn_as[opened.pop()], drawn_as[at]))
            broken += (pair[0][1], pair[1][1]) != ("(", ")")
    return broken


def numbers(text: str) -> list[str]:
    """Every number in a logical text, as written."""
    return NUMBER.findall(text.translate(_DROP))


def problems(text: str, lines: list[str], rtl: bool) -> list[str]:
    """What is wrong in a paragraph `text` shown as `lines` (drawn left to right, top first).

    Brackets must pair up as the paragraph is read (right to left when `rtl`, where ")"
    as drawn opens), and every number must stand whole and in order on one line.
    """
    found: list[str] = []
    reading = "".join(line[::-1].translate(_SWAP) if rtl else line for line in lines)
    depth = 0
    for char in reading:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        found.append(f"brackets do not pair up: {' | '.join(lines)!r}")
    wanted: dict[str, int] = {}
    for number in numbers(text):
        wanted[number] = wanted.get(number, 0) + 1
    for number, times in wanted.items():
        if sum(line.count(number) for line in lines) < times:
            found.append(f"number {number!r} is not shown whole: {' | '.join(lines)!r}")
    return found


def paragraphs(html_text: str) -> Iterator[str]:
    """The lines of a screen's Telegram HTML as plain text (each one a bidi paragraph)."""
    for line in plain_text(html_text).split("\n"):
        if line.strip():
            yield line


def screen_problems(html_text: str) -> list[str]:
    """Check every line of a screen, laid out right to left and by its own first letter."""
    found: list[str] = []
    for line in paragraphs(html_text):
        for base in ("R", None):
            rtl = base == "R" or get_base_level(line) == 1
            found += problems(line, [drawn(line, base)], rtl)
    return found
