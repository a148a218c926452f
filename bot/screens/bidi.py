"""Keep left-to-right runs (numbers, Latin names, links) intact inside right-to-left text.

Telegram clients lay out each message with the Unicode bidirectional algorithm. In an
Arabic or Dari sentence a phone number like "0771-235 235" is a run of weak and neutral
characters; without isolation its groups are reordered ("235 235-0771"). Wrapping such
runs in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE keeps them whole, and the
isolate characters are invisible. Fluent does the same for placeables (`use_isolating`
wraps them in FSI ... PDI); this module does it for text written by staff in content and
for the words of the UI strings themselves.

Brackets: a run keeps a bracket only together with its partner, and starts with one only
before a digit ("(08) 123 45"). So "(avslag)" becomes "(" + the isolated term + ")": the
brackets stay in the right-to-left sentence, which pairs and mirrors them, even when the
line wraps inside the term; in "(Stadsmission (Malmö))" the run is "Stadsmission (Malmö)".
An isolate that held only one bracket of a pair would show it reversed ("((avslag").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.screens.digits import join_groups

LRI = "\u2066"
RLI = "\u2067"
FSI = "\u2068"
PDI = "\u2069"
_OPENERS = (LRI, RLI, FSI)

_LETTER = "A-Za-zÀ-ɏ"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# A run starts with a Latin letter or a digit, or with '+' or '(' before a digit ("+46",
# "(08)"), or '/' or '@' before a letter ("/forget", "@bris"). Inside, it may
# hold the punctuation of numbers, names and addresses, and spaces (a no-break space joins
# the groups of a number); it ends with a letter, a digit or ')', so a trailing full stop
# stays in the surrounding sentence.
_LTR_RUN = re.compile(
    rf"(?:[{_LETTER}{_DIGIT}]|[/@](?=[{_LETTER}])|[+(](?=[{_DIGIT}]))"
    rf"[{_LETTER}{_DIGIT} \u00a0.,:/@_\-+()'&?=#%]*[{_LETTER}{_DIGIT})]"
    rf"|[{_LETTER}{_DIGIT}]"
)
_ENTITY = re.compile(r"&#?\w+;")
_SPECIAL = re.compile(f"[<&{LRI}{RLI}{FSI}{PDI}]")


def _unmatched(run: str) -> list[int]:
    """Return the positions of the brackets in `run` that have no partner inside it."""
    opened: list[int] = []
    lonely: list[int] = []
    for at, char in enumerate(run):
        if char == "(":
            opened.append(at)
        elif char == ")":
            if opened:
                opened.pop()
            else:
                lonely.append(at)
    return sorted(lonely + opened)


def _wrap(run: str) -> str:
    """Isolate a run, leaving brackets whose partner lies outside it in the sentence."""
    lonely = _unmatched(run)
    if not lonely:
        return f"{LRI}{run}{PDI}"
    out: list[str] = []
    start = 0
    for at in lonely:
        out.append(isolate_ltr(run[start:at]))
        out.append(run[at])
        start = at + 1
    out.append(isolate_ltr(run[start:]))
    return "".join(out)


def isolate_ltr(text: str) -> str:
    """Wrap every left-to-right run in `text` in LRI ... PDI."""
    return _LTR_RUN.sub(lambda m: _wrap(m.group(0)), text)


def isolate(text: str, rtl: bool) -> str:
    """Isolate a value for insertion into a sentence of the given direction."""
    return f"{LRI}{text}{PDI}" if rtl else text


def _pieces(html_text: str) -> Iterator[tuple[bool, str]]:
    """Split HTML into (is_text, piece): tags, entities and isolated spans are not text."""
    depth = 0
    start = 0
    found = _SPECIAL.search(html_text)
    while found:
        at = found.start()
        char = html_text[at]
        after = at + 1
        if char in _OPENERS:
            if depth == 0:
                yield True, html_text[start:at]
                start = at
            depth += 1
        elif char == PDI:
            if depth:
                depth -= 1
                if depth == 0:
                    yield False, html_text[start:after]
                    start = after
        elif depth == 0:
            end = html_text.find(">", at) + 1 if char == "<" else 0
            entity = _ENTITY.match(html_text, at) if char == "&" else None
            end = entity.end() if entity else end
            if end > at:
                yield True, html_text[start:at]
                yield False, html_text[at:end]
                start = after = end
        found = _SPECIAL.search(html_text, after)
    yield depth == 0, html_text[start:]


def shape(html_text: str, rtl: bool) -> str:
    """Keep numbers whole and, in right-to-left text, isolate left-to-right runs.

    Works on Telegram HTML or plain text: tags and entities are left as they are, and so
    are spans already isolated. Numbers are joined in spans a translator isolated by hand
    (LRI or RLI), not in Fluent placeables (FSI): their own formatter wrote those, and a
    phone number there keeps its plain spaces so that Telegram can dial it.
    """
    out: list[str] = []
    for is_text, piece in _pieces(html_text):
        if is_text and piece:
            piece = join_groups(piece)
            out.append(isolate_ltr(piece) if rtl else piece)
        elif piece.startswith((LRI, RLI)):
            out.append(join_groups(piece))
        else:
            out.append(piece)
    return "".join(out)
