"""The HTML preview: every screen in every language, safe HTML, right-to-left in a browser."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bidi import get_base_level

from bot.screens.library import Library
from bot.staff.preview import telegram_html, write_preview
from tests.conftest import ROOT
from tests.reading import CONTROLS, problems
from tests.support.browser import CHROMIUM, Browser
from tests.test_cli import run

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
ARTIFACTS = ROOT / "test-artifacts"
PHONE_WIDTH = 420  # px, the viewport the pages are measured and drawn in


@pytest.fixture(scope="module")
def pages(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The preview of the real content, written once."""
    out = tmp_path_factory.mktemp("preview")
    write_preview(library, out, NOW)
    return out


def test_every_section_and_organisation_in_every_language(library: Library, pages: Path) -> None:
    """Each language page shows every section, organisation and fixed screen."""
    assert (pages / "index.html").exists()
    for lang in library.texts.languages:
        page = (pages / f"{lang.code}.html").read_text(encoding="utf-8")
        direction = "rtl" if lang.rtl else "ltr"
        assert f'<html lang="{lang.code}" dir="{direction}">' in page
        for meta in library.content.sections:
            section = library.content.section(lang.code, meta.id)
            assert section is not None
            assert f'id="s-{meta.id}"' in page
            assert html.escape(section.title) in page
        for org in library.content.organisations:
            assert f'id="o-{org.id}"' in page
            assert html.escape(org.name[lang.code]) in page
        for anchor in ("language", "menu", "sheet", "talk", "about", "help", "list-emergency"):
            assert f'id="{anchor}"' in page
        assert 'class="badge draft"' in page, "draft translations are visible"
        assert "written 2026-11-23, not yet checked" in page, "check dates are visible"
        assert "<script>alert" not in page


def test_rtl_only_for_arabic_and_dari(pages: Path) -> None:
    """The direction attribute is right per language."""
    for code, direction in (("sv", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa-AF", "rtl")):
        head = (pages / f"{code}.html").read_text(encoding="utf-8")[:200]
        assert f'dir="{direction}"' in head


def test_telegram_html_is_rendered_safely() -> None:
    """Telegram's tags are kept; scripts, unknown tags and bad links are shown as text."""
    out = telegram_html(
        '<b>bold</b> & <i>it</i>\n<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org/?a=1&amp;b=2">ok</a><u>open'
    )
    assert "<b>bold</b> &amp; <i>it</i><br>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "javascript:" not in out
    assert 'href="https://example.org/?a=1&amp;b=2"' in out
    assert out.endswith("</u>"), "unclosed tags are closed"


def test_cli_writes_the_preview(tmp_path: Path) -> None:
    """`python -m bot preview --out DIR` writes index.html and one page per language."""
    result = run(["preview", "--out", str(tmp_path / "p")], {"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "ar.html",
        "en.html",
        "fa-AF.html",
        "index.html",
        "sv.html",
    ]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for this test process (each xdist worker has its own profile)."""
    with Browser(tmp_path_factory.mktemp("chromium")) as running:
        yield running


# Evaluated in each page once it has loaded (and its fonts): where Chromium drew each character
# of each bubble (code point index into the bubble's text, centre x and y), and the height.
LAYOUT_SCRIPT = """
document.fonts.ready.then(function () {
  var out = [];
  document.querySelectorAll('.bubble').forEach(function (bubble) {
    var text = [], boxes = [];
    var walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === 1) { if (node.tagName === 'BR') { text.push('\\n'); } continue; }
      var offset = 0;
      for (var ch of node.data) {
        if (ch !== '\\n') {
          var range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + ch.length);
          var rects = range.getClientRects();
          if (rects.length && rects[0].width > 0) {
            var r = rects[0];
            boxes.push([text.length, r.left + r.width / 2, r.top + r.height / 2]);
          }
          text.push(ch);
        }
        offset += ch.length;
      }
    }
    out.push({id: bubble.parentElement.id, text: text.join(''), boxes: boxes});
  });
  return {height: document.documentElement.scrollHeight, bubbles: out};
})
"""
# Characters whose boxes are this close in height stand on one line (lines are ~21 px apart).
SAME_LINE_PX = 8


def drawn_lines(text: str, boxes: list[list[float]]) -> list[str]:
    """The lines of one paragraph as Chromium drew them, left to right, brackets as drawn."""
    at = {int(b[0]): (b[1], b[2]) for b in boxes}
    rows: list[list[int]] = []
    for index in sorted(at, key=lambda i: at[i][1]):
        if rows and abs(at[index][1] - at[rows[-1][0]][1]) <= SAME_LINE_PX:
            rows[-1].append(index)
        else:
            rows.append([index])
    row_of = {index: n for n, row in enumerate(rows) for index in row}
    lines = []
    for row in rows:
        glyphs = []
        for index in sorted(row, key=lambda i: at[i][0]):
            char = text[index]
            if char in CONTROLS:
                continue
            if char in "()":
                # A bracket is drawn facing the text it encloses (see tests/reading.py).
                step = 1 if char == "(" else -1
                inner = index + step
                while 0 <= inner < len(text) and (
                    inner not in at or text[inner] in "() " or text[inner] in CONTROLS
                ):
                    inner += step
                if inner in at and row_of[inner] == row_of[index]:
                    char = "(" if at[inner][0] > at[index][0] else ")"
            glyphs.append(char)
        lines.append("".join(glyphs))
    return lines


def browser_problems(bubbles: list[dict[str, Any]]) -> list[str]:
    """What a reader would find wrong in Chromium's layout of the bubbles."""
    found = []
    for bubble in bubbles:
        text: str = bubble["text"]
        start = 0
        for paragraph in text.split("\n"):
            end = start + len(paragraph)
            boxes = [[b[0] - start, b[1], b[2]] for b in bubble["boxes"] if start <= b[0] < end]
            if paragraph.strip() and boxes:
                lines = drawn_lines(paragraph, boxes)
                rtl = get_base_level(paragraph) == 1
                found += [f"#{bubble['id']}: {p}" for p in problems(paragraph, lines, rtl)]
            start = end + 1
    return found


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium) for the browser test",
)
@pytest.mark.parametrize("code", ["ar", "fa-AF", "sv", "en"])
def test_page_in_a_real_browser(pages: Path, browser: Browser, code: str) -> None:
    """In headless Chromium brackets pair up and numbers stand whole; screenshots are kept."""
    browser.open((pages / f"{code}.html").as_uri(), PHONE_WIDTH, 2000)
    layout = browser.evaluate(LAYOUT_SCRIPT)
    assert len(layout["bubbles"]) > 20
    assert sum(len(b["boxes"]) for b in layout["bubbles"]) > 5000
    found = browser_problems(layout["bubbles"])
    assert not found, "\n".join(found[:20])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"preview-{code}.png"
    shot.unlink(missing_ok=True)
    height = min(int(layout["height"]) + 200, 32000)  # the whole page, up to what Chromium draws
    browser.screenshot(shot, PHONE_WIDTH, height)
    assert shot.exists() and shot.stat().st_size > 1000


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium) for the browser test",
)
@pytest.mark.parametrize("code", ["ar", "fa-AF"])
def test_rtl_page_in_a_real_browser(pages: Path, browser: Browser, code: str) -> None:
    """In headless Chromium the page is right-to-left and no bubble overflows a phone width."""
    browser.open((pages / f"{code}.html").as_uri(), PHONE_WIDTH, 2000)
    attrs = browser.evaluate("Object.assign({}, document.body.dataset)")
    assert attrs.get("dir") == "rtl"
    assert attrs.get("overflow") == "0"
    assert int(attrs.get("bubbles", "0")) > 20
