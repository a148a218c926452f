"""Keep left-to-right runs (numbers, Latin names, links) intact inside right-to-left text.

Telegram clients lay out each message with the Unicode bidirectional algorithm. In an
Arabic or Dari sentence a phone number like "0771-235 235" is a run of weak and neutral
characters; without isolation its groups are reordered ("235 235-0771"). Wrapping such
runs in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE keeps them whole, and the
isolate characters are invisible. Fluent does the same for placeables (`use_isolating`
wraps them in FSI ... PDI); this module does it for text written by staff in content.
"""

from __future__ import annotations

import re

LRI = "\u2066"
FSI = "\u2068"
PDI = "\u2069"

# A run that starts with a Latin letter, a digit or '+', may contain Latin letters,
# digits, spaces and the punctuation of numbers, names and addresses, and ends with
# a letter or digit (so a trailing full stop stays in the surrounding sentence).
_LTR_RUN = re.compile(
    r"[A-Za-zÀ-ɏ0-9+][A-Za-zÀ-ɏ0-9 .,:/@_\-+()'&?=#%]*[A-Za-zÀ-ɏ0-9)]|[A-Za-zÀ-ɏ0-9]"
)


def isolate_ltr(text: str) -> str:
    """Wrap every left-to-right run in `text` in LRI ... PDI."""
    return _LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate(text: str, rtl: bool) -> str:
    """Isolate a value for insertion into a sentence of the given direction."""
    return f"{LRI}{text}{PDI}" if rtl else text
