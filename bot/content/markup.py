"""What Telegram accepts as HTML: the check run on content and UI strings."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-spoiler",
        "span",
    }
)

_BARE_LT = re.compile(r"<(?![a-zA-Z/])")
_BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"<{tag}> is not allowed in Telegram messages")
        if tag == "a" and not dict(attrs).get("href"):
            self.errors.append('a link <a> needs href="https://..."')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close the last opened tag")
            return
        self.stack.pop()


def html_problems(html_text: str) -> list[str]:
    """Say what in `html_text` Telegram would refuse to parse."""
    checker = _Checker()
    checker.feed(html_text)
    checker.close()
    errors = checker.errors
    if checker.stack:
        errors.append(f"<{checker.stack[-1]}> is opened but never closed")
    if _BARE_LT.search(html_text):
        errors.append("a bare '<' must be written &lt;")
    if _BARE_AMP.search(html_text):
        errors.append("a bare '&' must be written &amp;")
    return errors
