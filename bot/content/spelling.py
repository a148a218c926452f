"""How typed words are made comparable: one spelling for the many ways people type a word.

Young people type on whatever keyboard their phone has: Arabic letters on a Persian
keyboard (ي for ی, ك for ک), with or without hamza and diacritics, with a space or nothing
where a half-space (ZWNJ) belongs, with Persian or Arabic-Indic digits, and Swedish words
without å, ä and ö. Both the staff's keywords and a typed message go through `normalise`,
so that they meet in the middle; fuzzy matching then forgives the remaining small typos.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Letters that are the same letter for a reader of Arabic or Dari, mapped to one form.
_LETTERS: Final = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf -> Persian keheh
        "ة": "ه",  # teh marbuta
        "ە": "ه",  # ae (what ۀ decomposes to)
        "ۀ": "ه",
        "ٱ": "ا",  # alef wasla
        "ء": "",  # a hamza on its own is often left out
        "ـ": "",  # tatweel (kashida), only stretches a word
        "\u200c": "",  # zero-width non-joiner (the Dari half-space)
        "\u200d": "",  # zero-width joiner
        "\u200e": "",  # left-to-right mark
        "\u200f": "",  # right-to-left mark
        "\u061c": "",  # Arabic letter mark
        "ß": "ss",
    }
)
# Persian (۰-۹) and Arabic-Indic (٠-٩) digits -> 0-9.
_DIGITS: Final = str.maketrans(
    {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
)
# Anything that is not a letter or digit separates words.
_SEPARATORS: Final = re.compile(r"[\W_]+", re.UNICODE)
# The Dari verb prefixes می / نمی, written apart or joined: always joined.
_VERB_PREFIX: Final = re.compile(r"(?:(?<=\s)|^)(ن?می) (?=\S)")


def normalise(text: str) -> str:
    """Return `text` in the one spelling typed words and keywords are compared in."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_LETTERS).translate(_DIGITS)
    # Decompose, then drop every combining mark: Arabic diacritics and hamza/madda on a
    # seat (أ إ آ ؤ ئ -> ا ا ا و ی), and å ä ö é -> a a o e.
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.translate(_LETTERS)  # letters the decomposition uncovered (ئ -> ي -> ی)
    text = _SEPARATORS.sub(" ", text).strip()
    return _VERB_PREFIX.sub(r"\1", text)


def words(text: str) -> list[str]:
    """Return the normalised words of `text`."""
    return normalise(text).split()
