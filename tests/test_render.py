"""Markdown to Telegram HTML, page splitting and the HTML check."""

from __future__ import annotations

from bot.content.markup import html_problems
from bot.screens.render import markdown_blocks, paginate, plain_text, text_length


def test_markdown_subset_to_telegram_html() -> None:
    """Bold, italic, links and bullet lists become Telegram HTML; HTML in text is escaped."""
    blocks = markdown_blocks("Hello **you** and *me* <script>\n\n- one\n- [two](https://x.se)\n")
    assert blocks == [
        "Hello <b>you</b> and <i>me</i> &lt;script&gt;",
        "• one",
        '• <a href="https://x.se">two</a>',
    ]
    assert all(html_problems(b) == [] for b in blocks)


def test_long_text_splits_at_paragraphs_under_the_limit() -> None:
    """Forty 200-character paragraphs split into pages under the limit, at paragraph ends."""
    paragraphs = [f"Paragraph {i} " + "word " * 38 for i in range(40)]
    pages = paginate(markdown_blocks("\n\n".join(paragraphs)), limit=1000)
    assert len(pages) > 5
    assert all(text_length(p) <= 1000 for p in pages)
    assert plain_text("".join(pages)).count("Paragraph") == 40


def test_one_huge_paragraph_is_split_too() -> None:
    """A single 10,000-character paragraph still fits Telegram's limit."""
    pages = paginate(markdown_blocks("word " * 2000), limit=3500)
    assert len(pages) == 3 and all(text_length(p) <= 3500 for p in pages)


def test_length_counts_utf16_units() -> None:
    """Emoji count as two units, as Telegram counts them."""
    assert text_length("<b>😀</b>") == 2


def test_html_problems_found() -> None:
    """Unknown tags, unclosed tags and bare < or & are reported."""
    assert html_problems("<div>x</div>")
    assert html_problems("<b>x")
    assert html_problems("a < b")
    assert html_problems("Tom & Jerry")
    assert html_problems("<b>fine</b> &amp; <i>ok</i>") == []
