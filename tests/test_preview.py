"""The HTML preview: every screen in every language, safe HTML, right-to-left in a browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.screens.library import Library
from bot.staff.preview import telegram_html, write_preview
from tests.conftest import ROOT
from tests.test_cli import run

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium offline, with its own throwaway profile."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--window-size=420,2000",
            "--virtual-time-budget=3000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium) for the browser test",
)
@pytest.mark.parametrize("code", ["ar", "fa-AF"])
def test_rtl_page_in_a_real_browser(pages: Path, tmp_path: Path, code: str) -> None:
    """In headless Chromium the page is right-to-left and no bubble overflows a phone width."""
    url = (pages / f"{code}.html").as_uri()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"preview-{code}.png"
    shot.unlink(missing_ok=True)
    result = chromium(tmp_path, f"--screenshot={shot}", url)
    assert shot.exists() and shot.stat().st_size > 1000, result.stderr[-2000:]
    dom = chromium(tmp_path, "--dump-dom", url)
    body = re.search(r"<body([^>]*)>", dom.stdout)
    assert body, dom.stderr[-2000:]
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1)))
    assert attrs.get("dir") == "rtl"
    assert attrs.get("overflow") == "0"
    assert int(attrs.get("bubbles", "0")) > 20
