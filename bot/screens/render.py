"""Turn content Markdown into Telegram HTML, split long text, and read HTML back as plain text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.screens.bidi import isolate_ltr
from bot.screens.digits import join_groups

# Telegram's limit is 4096 characters after entity parsing; keep room for the
# "last checked" footer and the page marker the conversation adds.
PAGE_LIMIT = 3500
TELEGRAM_LIMIT = 4096
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable(["image", "heading", "lheading", "table", "code", "fence", "html_block"], True)


def escape(text: str) -> str:
    """Escape text for Telegram HTML."""
    return html.escape(text, quote=False)


def _inline(children: list[Token], rtl: bool) -> str:
    out: list[str] = []
    for tok in children:
        if tok.type == "text":
            # Isolate before escaping, so that no isolate can cut an entity like "&amp;".
            text = join_groups(tok.content)
            out.append(escape(isolate_ltr(text) if rtl else text))
        elif tok.type == "code_inline":
            out.append(f"<code>{escape(tok.content)}</code>")
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif tok.type == "strong_open":
            out.append("<b>")
        elif tok.type == "strong_close":
            out.append("</b>")
        elif tok.type == "em_open":
            out.append("<i>")
        elif tok.type == "em_close":
            out.append("</i>")
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            out.append(f'<a href="{html.escape(href, quote=True)}">')
        elif tok.type == "link_close":
            out.append("</a>")
        else:
            out.append(escape(tok.content))
    return "".join(out)


def markdown_blocks(source: str, rtl: bool = False) -> list[str]:
    """Render Markdown to a list of Telegram-HTML blocks (paragraphs and list items)."""
    blocks: list[str] = []
    depth = 0
    ordered: list[int | None] = []
    for tok in _md.parse(source):
        if tok.type == "bullet_list_open":
            ordered.append(None)
        elif tok.type == "ordered_list_open":
            ordered.append(int(str(tok.attrs.get("start", 1))))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif tok.type == "list_item_open":
            depth += 1
        elif tok.type == "list_item_close":
            depth -= 1
        elif tok.type == "inline":
            text = _inline(tok.children or [], rtl).strip()
            if not text:
                continue
            if depth and ordered:
                number = ordered[-1]
                marker = "•" if number is None else f"{number}."
                if number is not None:
                    ordered[-1] = number + 1
                text = f"{'  ' * (depth - 1)}{marker} {text}"
            blocks.append(text)
    return blocks


def join_blocks(blocks: list[str]) -> str:
    """Join blocks, keeping list items of one list on adjacent lines."""
    out = ""
    for block in blocks:
        if not out:
            out = block
        elif block.lstrip().startswith(("•", "-")) and out.rsplit("\n", 1)[-1].lstrip().startswith(
            ("•", "-")
        ):
            out += "\n" + block
        else:
            out += "\n\n" + block
    return out


def text_length(html_text: str) -> int:
    """Length of HTML text as Telegram counts it: UTF-16 code units after parsing."""
    return len(plain_text(html_text).encode("utf-16-le")) // 2


def paginate(blocks: list[str], limit: int = PAGE_LIMIT) -> list[str]:
    """Group blocks into pages whose visible text stays under `limit`."""
    pages: list[list[str]] = [[]]
    for block in blocks:
        for piece in _split_block(block, limit):
            candidate = [*pages[-1], piece]
            if pages[-1] and text_length(join_blocks(candidate)) > limit:
                pages.append([piece])
            else:
                pages[-1] = candidate
    return [join_blocks(p) for p in pages if p] or [""]


def _split_block(block: str, limit: int) -> list[str]:
    """Split a single over-long block at line or sentence ends, as plain text if it must."""
    if text_length(block) <= limit:
        return [block]
    text = plain_text(block)
    pieces: list[str] = []
    while text_length(escape(text)) > limit:
        cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut + 1 if cut > 0 else limit
        pieces.append(escape(text[:cut].strip()))
        text = text[cut:].lstrip()
    if text:
        pieces.append(escape(text))
    return pieces


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html_text: str) -> str:
    """Strip Telegram HTML to the text a user sees."""
    parser = _Plain()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.parts)
