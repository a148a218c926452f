"""`python -m bot leaflet`: the paper twin of the bot, a print-ready PDF per language.

The leaflet is made from the same content as the bot, so when staff edit `content/` the
next leaflet says the same: the emergency numbers first, then the sheet's sections, the
contacts, the "facts checked" date of a section only where staff recorded one, and a QR
code that opens the bot in the leaflet's language (a deep link, see bot/screens/links.py).

Layout engine: WeasyPrint (the optional extra `leaflet`). It lays out HTML and CSS for
print with Pango and HarfBuzz, so Arabic and Dari are shaped and right to left, and the
PDF holds real, searchable text. Unlike printing with a browser it runs in-process, needs
no sandbox, and CSS paged media gives A4 pages, page numbers and two columns. Fonts: Noto
Sans and Noto Sans Arabic (Debian: fonts-noto-core), with DejaVu Sans as a fallback.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import segno

from bot.content.model import ORIGINAL
from bot.screens.bidi import isolate
from bot.screens.dates import long_date
from bot.screens.library import Library
from bot.screens.links import language_code
from bot.screens.render import markdown_blocks

MAX_PAGES: Final = 4
NUMBER: Final = re.compile(r"\+?[0-9][0-9 \-]*[0-9]")
FONTS: Final = '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
STYLE: Final = """
@page { size: A4; margin: 13mm 12mm 14mm;
  @bottom-center { content: counter(page); font-size: 8pt; color: #555; } }
html { font-family: %(fonts)s; font-size: 9.4pt; line-height: 1.36; color: #111; }
body { margin: 0; }
header { overflow: hidden; margin-bottom: 3mm; }
header .qr { float: %(end)s; width: 34mm; margin-%(start)s: 5mm; text-align: center;
  font-size: 7.5pt; }
header .qr img { width: 34mm; height: 34mm; display: block; }
h1 { font-size: 19pt; margin: 0 0 1.5mm; line-height: 1.2; }
.intro { font-size: 10.5pt; margin: 0; }
.sos { border: 1.6pt solid #a40000; border-radius: 2mm; padding: 2.5mm 3.5mm; margin: 0 0 4mm;
  font-size: 10.5pt; }
.columns { columns: 2; column-gap: 7mm; column-fill: auto; }
h2 { font-size: 11.5pt; margin: 3.2mm 0 1mm; break-after: avoid; color: #0b3d6b; }
p { margin: 0 0 1.6mm; }
ul { margin: 0 0 1.6mm; padding-%(start)s: 4.5mm; }
li { margin: 0 0 0.8mm; }
.checked, .draft { font-size: 8pt; color: #444; font-style: italic; }
.contact { margin: 0 0 1.4mm; break-inside: avoid; }
.ltr { direction: ltr; }
"""


@dataclass(frozen=True, slots=True)
class Leaflet:
    """One language's leaflet: its HTML and the link its QR code holds."""

    language: str
    html: str
    url: str


def _paragraphs(blocks: list[str]) -> Iterator[str]:
    """Blocks of the bot's HTML as paragraphs and lists."""
    items: list[str] = []
    for block in blocks:
        if block.startswith("• "):
            items.append(f"<li>{block[2:]}</li>")
            continue
        if items:
            yield f"<ul>{''.join(items)}</ul>"
            items = []
        yield f"<p>{block}</p>"
    if items:
        yield f"<ul>{''.join(items)}</ul>"


def _numbers(markup: str) -> str:
    """Keep numbers like "116 111" whole in right-to-left text, outside the HTML tags.

    Unlike the bot (bot/screens/bidi.py), Latin words are left to the bidi algorithm, which
    pairs the brackets around "(Migrationsverket)" correctly in print."""
    parts = re.split(r"(<[^>]*>)", markup)
    return "".join(
        p if p.startswith("<") else NUMBER.sub(lambda m: isolate(m.group(0), True), p)
        for p in parts
    )


def _lines(text: str) -> str:
    """A UI string (the bot's HTML) with its line breaks kept."""
    return text.strip().replace("\n", "<br>")


def _contacts(lib: Library, language: str, rtl: bool) -> Iterator[str]:
    """The helplines with their numbers, then every organisation's name, offer and ways in."""
    for org in lib.content.in_category("emergency"):
        if org.phone:
            phone = f"<b>{isolate(html.escape(org.phone), rtl)}</b>"
            line = lib.t(
                language, "helpline-line", name=html.escape(org.name[language]), phone=phone
            )
            yield f'<p class="contact">{line}</p>'
    for org in lib.content.organisations:
        if org.categories == ("emergency",):
            continue
        ways = [isolate(html.escape(w), rtl) for w in (org.phone, org.website) if w]
        reach = f"<br>{' · '.join(ways)}" if ways else ""
        yield (
            f'<p class="contact"><b>{html.escape(org.name[language])}</b>. '
            f"{html.escape(org.offers[language])}{reach}</p>"
        )


def build(lib: Library, language: str, base_link: str) -> Leaflet:
    """The leaflet of one language as print HTML."""
    t = lib.t
    rtl = lib.texts.language(language).rtl
    url = f"{base_link}?start={language_code(lib, language)}"
    qr = segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2)
    title, _, intro = t(language, "menu-text").strip().partition("\n")
    parts = [
        "<header>",
        f'<div class="qr"><img src="{qr}" alt=""><div>{t(language, "leaflet-qr")}</div>',
        f'<div class="ltr">{html.escape(url)}</div></div>',
        f"<h1>{title}</h1>",
        f'<p class="intro">{_lines(intro)}</p>',
        "</header>",
        f'<div class="sos">{_lines(t(language, "typed-help"))}</div>',
        '<div class="columns">',
    ]
    draft = False
    for meta in lib.content.sections:
        section = lib.content.section(language, meta.id)
        if section is None:
            continue
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        blocks = markdown_blocks(section.body)
        parts += _paragraphs([_numbers(b) for b in blocks] if rtl else blocks)
        if meta.facts_checked:  # only what staff recorded, as in the bot
            checked = t(language, "section-checked", date=long_date(meta.facts_checked, language))
            parts.append(f'<p class="checked">{checked}</p>')
        draft = draft or (language != ORIGINAL and meta.translations.get(language) == "draft")
    parts.append(f"<h2>{t(language, 'leaflet-contacts')}</h2>")
    parts += _contacts(lib, language, rtl)
    if draft:
        parts.append(f'<p class="draft">{t(language, "section-draft")}</p>')
    parts.append("</div>")
    start, end = ("right", "left") if rtl else ("left", "right")
    style = STYLE % {"fonts": FONTS, "start": start, "end": end}
    document = (
        f'<!doctype html><html lang="{language}" dir="{"rtl" if rtl else "ltr"}"><head>'
        f'<meta charset="utf-8"><title>Nästa steg ({language})</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )
    return Leaflet(language, document, url)


def write_pdf(leaflet: Leaflet, out: Path) -> int:
    """Lay the leaflet out and write the PDF; return its number of pages."""
    from weasyprint import HTML  # optional: the `leaflet` extra

    for name in ("weasyprint", "weasyprint.progress", "fontTools"):  # its steps are chatter
        logging.getLogger(name).setLevel(logging.WARNING)
    document = HTML(string=leaflet.html).render()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out)
    return len(document.pages)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `python -m bot leaflet`."""
    parser.add_argument("--language", help="one language (sv, en, ar, fa); default: all")
    parser.add_argument(
        "--link",
        metavar="URL",
        help="the bot's link, e.g. https://t.me/nasta_steg_bot (default: from BOT_USERNAME)",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write")


def run(lib: Library, args: argparse.Namespace, username: str | None) -> int:
    """Write a PDF per language; exit 2 when the request is not right."""
    base = (args.link or (f"https://t.me/{username}" if username else "")).rstrip("/")
    if not base.startswith(("https://", "http://")) or "?" in base:
        print("nasta-steg leaflet: give the bot's link: --link https://t.me/<bot>", file=sys.stderr)
        return 2
    languages = lib.codes
    if args.language:
        chosen = lib.texts.exactly(args.language)
        if chosen is None:
            codes = ", ".join(language_code(lib, c) for c in lib.codes)
            print(f"nasta-steg leaflet: --language must be one of {codes}", file=sys.stderr)
            return 2
        languages = (chosen,)
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango
        print(
            "nasta-steg leaflet: needs WeasyPrint and Pango: pip install 'nasta-steg[leaflet]'"
            f" and apt-get install libpango-1.0-0 fonts-noto-core ({type(exc).__name__})",
            file=sys.stderr,
        )
        return 2
    longest = 0
    for language in languages:
        leaflet = build(lib, language, base)
        out = args.out / f"nasta-steg-{language}.pdf"
        pages = write_pdf(leaflet, out)
        longest = max(longest, pages)
        print(f"{out}: {pages} page(s), QR code {leaflet.url}")
    if longest > MAX_PAGES:
        print(
            f"nasta-steg leaflet: longer than {MAX_PAGES} pages: shorten the sheet",
            file=sys.stderr,
        )
        return 1
    return 0
