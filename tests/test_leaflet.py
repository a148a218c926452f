"""`python -m bot leaflet`: four print-ready PDFs that read right and scan."""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.screens.library import Library
from bot.staff.leaflet import FONTS, MAX_PAGES, build, run

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError):  # OSError: installed, but the system has no Pango
    pytest.skip("WeasyPrint or Pango is not installed (see README.md)", allow_module_level=True)
pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")

LINK = "https://t.me/nasta_steg_bot"
FILES = {"sv": "sv", "en": "en", "ar": "ar", "fa-AF": "fa-AF"}
CODES = {"sv": "sv", "en": "en", "ar": "ar", "fa-AF": "fa"}
# Words each leaflet must say (besides the numbers), as they come back out of the PDF.
WORDS = {
    "sv": ["Hjälp nu", "Vad betyder avslaget?", "Migrationsverket", "Vem kan hjälpa?"],
    "en": ["Help now", "What the rejection means", "Migrationsverket", "Who can help"],
    "ar": ["مساعدة فورية", "ماذا يعني الرفض", "Migrationsverket", "من يمكنه المساعدة"],
    "fa-AF": ["کمک فوری", "جواب رد یعنی چه", "Migrationsverket", "چه کسی می‌تواند کمک کند"],
}


@pytest.fixture(scope="module")
def leaflets(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four leaflets, written once by the command's own code."""
    out = tmp_path_factory.mktemp("leaflets")
    args = argparse.Namespace(language=None, link=LINK, out=out)
    assert run(library, args, None) == 0
    return out


def pdf_text(path: Path) -> str:
    """Every page's text, one line, without bidi controls."""
    document = pdfium.PdfDocument(path)
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("language", list(FILES))
def test_pages_numbers_and_words(leaflets: Path, language: str) -> None:
    """One to four A4 pages of real text: the emergency numbers and the language's words."""
    path = leaflets / f"nasta-steg-{FILES[language]}.pdf"
    document = pdfium.PdfDocument(path)
    assert 1 <= len(document) <= MAX_PAGES
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(path)
    numbers = set(re.findall(r"[0-9]+", text))
    assert {"112", "90101", "116", "111", "1177"} <= numbers
    # Right-to-left lines come out in visual order: the number's groups may be swapped.
    assert "116 111" in text or "111 116" in text
    found = text.replace("\u200c", "")
    for word in WORDS[language]:
        assert word.replace("\u200c", "") in found, word


@pytest.mark.parametrize("language", list(FILES))
def test_the_qr_code_opens_the_bot_in_its_language(leaflets: Path, language: str) -> None:
    """The first page, rendered to an image, holds a QR code with the language's link."""
    document = pdfium.PdfDocument(leaflets / f"nasta-steg-{FILES[language]}.pdf")
    image = document[0].render(scale=3).to_pil().convert("L")
    decoded = [b.text for b in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{LINK}?start={CODES[language]}"]


def _font_files() -> list[Path]:
    """The files of the leaflet's fonts that are installed (fc-match picks substitutes)."""
    files = []
    for family in re.findall(r'"([^"]+)"', FONTS):
        found = subprocess.run(
            ["fc-match", "-f", "%{family}\n%{file}", family],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        if len(found) == 2 and family in found[0].split(","):
            files.append(Path(found[1]))
    return files


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
@pytest.mark.parametrize("language", list(FILES))
def test_no_missing_glyphs(library: Library, language: str) -> None:
    """Every character the leaflet prints has a glyph in its fonts: no empty boxes."""
    from fontTools.ttLib import TTFont

    files = _font_files()
    assert files, "none of the leaflet's fonts is installed (apt-get install fonts-noto-core)"
    covered: set[int] = set()
    for path in files:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            covered |= set(font.getBestCmap())
    markup = build(library, language, LINK).html
    body = markup.split("<body>", 1)[1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    printed = {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc")}
    missing = sorted(c for c in printed if ord(c) not in covered)
    assert not missing, [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing]


def test_facts_checked_date_only_when_staff_recorded_it(library: Library) -> None:
    """Without `facts_checked:` the leaflet says nothing about checking; with it, the date."""
    line = library.t("en", "section-checked", date="").split("\u2068")[0].strip()
    assert line not in build(library, "en", LINK).html
    metas = tuple(
        replace(m, facts_checked=date(2026, 12, 1)) if m.id == "appeal" else m
        for m in library.content.sections
    )
    checked = replace(library, content=replace(library.content, sections=metas))
    assert build(checked, "en", LINK).html.count(line) == 1


def test_wrong_requests_are_refused(library: Library, tmp_path: Path) -> None:
    """No link or an unknown language: exit 2 and nothing written."""
    assert run(library, argparse.Namespace(language=None, link=None, out=tmp_path), None) == 2
    bad = argparse.Namespace(language="de", link=LINK, out=tmp_path)
    assert run(library, bad, None) == 2
    assert list(tmp_path.iterdir()) == []
