"""A static HTML preview of every screen the bot can show, in every language.

`python -m bot preview [--out DIR] [--serve] [--port N]` writes `index.html` and one page
per language (`sv.html`, `fa-AF.html` ...). Each screen is drawn like a Telegram chat
bubble with its buttons underneath; Arabic and Dari pages are right-to-left. Staff can
open the files in any browser to read their edits before publishing them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

from bot.content.loader import CATEGORIES
from bot.screens import deadline as deadline_screens
from bot.screens import typed
from bot.screens.library import Library, Screen
from bot.screens.routes import Menu, OrgList, Route
from bot.settings import Settings

DEFAULT_OUT = Path("preview")
# Telegram's HTML: these tags are kept, everything else is shown as text.
ALLOWED = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "span",
    "span": "span",
    "a": "a",
}
SAFE_SCHEMES = ("https://", "http://", "tel:", "mailto:", "tg://")

CSS = """
:root { --bg: #dfe7ee; --bubble: #ffffff; --button: #5b8db8; --muted: #6b7a88; }
* { box-sizing: border-box; }
body { margin: 0; padding: 12px; background: var(--bg); color: #111;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, sans-serif; }
header, nav.index { max-width: 400px; margin: 0 auto 12px; }
h1 { font-size: 18px; margin: 0 0 4px; }
h2 { font-size: 12px; font-weight: normal; color: var(--muted); margin: 18px 0 4px;
  overflow-wrap: anywhere; }
.screen { max-width: 400px; margin: 0 auto; }
.bubble { background: var(--bubble); border-radius: 12px; padding: 8px 10px;
  box-shadow: 0 1px 1px rgba(0,0,0,.15); overflow-wrap: anywhere; word-break: break-word;
  unicode-bidi: plaintext; text-align: start; }
.bubble a { color: #2a73b6; }
.bubble pre, .bubble code { white-space: pre-wrap; }
.bubble blockquote { margin: 4px 0; padding-inline-start: 8px;
  border-inline-start: 3px solid var(--button); }
.keyboard { margin-top: 3px; }
.row { display: flex; gap: 3px; margin-top: 3px; }
.button { flex: 1 1 0; min-width: 0; text-align: center; color: #fff; background: var(--button);
  opacity: .9; border-radius: 8px; padding: 7px 6px; font-size: 14px; overflow-wrap: anywhere; }
.button.url::after { content: " ↗"; }
.route { display: block; font: 10px monospace; opacity: .75; direction: ltr; }
.badge { display: inline-block; font-size: 12px; border-radius: 6px; padding: 1px 6px;
  margin-inline-end: 4px; background: #fff; color: var(--muted); }
.badge.draft { background: #ffe9a8; color: #6a4b00; }
.badge.reviewed { background: #d4f2d4; color: #1f5f1f; }
.badge.old { background: #ffd6d6; color: #7a1010; }
table { border-collapse: collapse; background: #fff; }
td, th { border: 1px solid #c9d3dc; padding: 3px 6px; font-size: 13px; }
"""

# Measured by the browser test: bubbles wider than the phone, and the page's direction.
SCRIPT = """
(function () {
  function measure() {
    var wide = 0;
    document.querySelectorAll('.bubble, .button').forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) { wide += 1; }
    });
    document.body.dataset.overflow = String(wide);
    document.body.dataset.dir = getComputedStyle(document.body).direction;
    document.body.dataset.bubbles = String(document.querySelectorAll('.bubble').length);
  }
  measure();
  window.addEventListener('load', measure);
})();
"""


class _SafeHtml(HTMLParser):
    """Re-emit Telegram HTML keeping only Telegram's tags; everything else becomes text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = ALLOWED.get(tag)
        if name is None:
            self.out.append(html.escape(self.get_starttag_text() or ""))
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(SAFE_SCHEMES):
                self.out.append(f'<a href="{html.escape(href)}" rel="noopener noreferrer">')
            else:
                self.out.append("<a>")
        elif tag in ("tg-spoiler", "span"):
            self.out.append('<span class="spoiler">')
        else:
            self.out.append(f"<{name}>")
        self.open.append(name)

    def handle_endtag(self, tag: str) -> None:
        name = ALLOWED.get(tag)
        if name is None:
            self.out.append(html.escape(f"</{tag}>"))
            return
        if name in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == name:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data).replace("\n", "<br>\n"))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{n}>" for n in reversed(self.open))


def telegram_html(text: str) -> str:
    """Telegram-HTML screen text as safe HTML for a browser; newlines become <br>."""
    parser = _SafeHtml()
    parser.feed(text)
    return parser.result()


@dataclass(frozen=True, slots=True)
class Shown:
    """One screen in the preview: its label, anchor and badges."""

    label: str
    anchor: str
    screen: Screen
    badges: tuple[tuple[str, str], ...] = ()


def _facts_badge(written: date | None, checked: date | None, today: date) -> tuple[str, str]:
    """The badge saying when facts were checked live, or that they were not yet."""
    if checked is None:
        return ("old", f"written {written.isoformat()}, not yet checked" if written else "—")
    old = (today - checked).days > 365
    return ("old" if old else "checked", f"facts checked {checked.isoformat()}")


def screens(library: Library, language: str, now: datetime) -> Iterator[Shown]:
    """Every screen the bot can show in `language`, in the order a user meets them."""
    t = library.t
    yield Shown("language choice", "language", library.language_choice(language))
    yield Shown("menu", "menu", library.menu(language))
    yield Shown("sheet", "sheet", library.sheet(language))
    today = now.date()
    for meta in library.content.sections:
        pages = library.pages(language, meta.id)
        status = meta.translations.get(language, "draft")
        badges: list[tuple[str, str]] = [(status, status)]
        badges.append(_facts_badge(meta.written, meta.facts_checked, today))
        for page in range(len(pages)):
            screen = library.section(language, meta.id, page)
            if screen is None:
                continue
            label = f"section {meta.id}" + (f" ({page + 1}/{len(pages)})" if len(pages) > 1 else "")
            anchor = f"s-{meta.id}" + (f"-{page + 1}" if page else "")
            yield Shown(label, anchor, screen, tuple(badges))
    yield Shown("deadline helper", "deadline", deadline_screens.picker(library, language, today))
    for category in CATEGORIES:
        yield Shown(
            f"list {category}", f"list-{category}", library.organisations(language, category)
        )
    for org in library.content.organisations:
        back: Route = OrgList(org.categories[0]) if org.categories else Menu()
        status = org.translations.get(language, "draft")
        badges = [(status, status)]
        badges.append(_facts_badge(org.written, org.facts_checked, today))
        yield Shown(
            f"organisation {org.id}",
            f"o-{org.id}",
            library.organisation(language, org, back, now),
            tuple(badges),
        )
    yield Shown("talk to someone", "talk", library.talk(language))
    about = t(language, "about-text", days=Settings().relay_days)  # BOT_RELAY_DAYS's default
    yield Shown("about and privacy", "about", Screen(about, (library.nav(language, Menu()),)))
    yield Shown("help (/help)", "help", library.text_screen(language, "help-text"))
    yield Shown("typed crisis words", "typed-crisis", typed.crisis(library, language))
    yield Shown(
        "typed words, nothing found",
        "typed-none",
        typed.found(library, language, (), help_words=False),
    )
    yield Shown("old button", "stale", library.menu(language, prefix=t(language, "stale-button")))


def bubble(shown: Shown) -> str:
    """One screen: label, bubble and keyboard."""
    badges = "".join(
        f'<span class="badge {html.escape(kind)}">{html.escape(text)}</span>'
        for kind, text in shown.badges
    )
    rows = []
    for row in shown.screen.buttons:
        cells = []
        for button in row:
            label = html.escape(button.label)
            if button.url:
                cells.append(
                    f'<a class="button url" href="{html.escape(button.url)}" '
                    f'rel="noopener noreferrer">{label}</a>'
                )
            else:
                route = html.escape(button.data or "")
                cells.append(f'<div class="button">{label}<span class="route">{route}</span></div>')
        rows.append(f'<div class="row">{"".join(cells)}</div>')
    keyboard = f'<div class="keyboard">{"".join(rows)}</div>' if rows else ""
    return (
        f'<section class="screen" id="{html.escape(shown.anchor)}">'
        f'<h2 dir="ltr">{html.escape(shown.label)} {badges}</h2>'
        f'<div class="bubble">{telegram_html(shown.screen.text)}</div>{keyboard}</section>'
    )


def language_page(library: Library, language: str, now: datetime) -> str:
    """The preview page of one language."""
    lang = library.texts.language(language)
    direction = "rtl" if lang.rtl else "ltr"
    body = "\n".join(bubble(s) for s in screens(library, language, now))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}" dir="{direction}">\n<head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Nästa steg – {html.escape(lang.name)}</title><style>{CSS}</style></head>\n"
        f'<body><header dir="ltr"><h1>Nästa steg – {html.escape(lang.name)} ({language})</h1>'
        f'<a href="index.html">← all languages</a> · preview made {now:%Y-%m-%d %H:%M} UTC'
        f"</header>\n{body}\n<script>{SCRIPT}</script></body></html>\n"
    )


def index_page(library: Library, now: datetime) -> str:
    """The index: a link per language and the translation status of every section."""
    links = "".join(
        f'<li><a href="{html.escape(lang.code)}.html">{html.escape(lang.name)}</a>'
        f" ({lang.code}{', right to left' if lang.rtl else ''})</li>"
        for lang in library.texts.languages
    )
    head = "".join(f"<th>{html.escape(code)}</th>" for code in library.codes)
    rows = []
    for meta in library.content.sections:
        cells = "".join(
            f'<td><span class="badge {s}">{s}</span></td>'
            for s in (meta.translations.get(code, "draft") for code in library.codes)
        )
        checked = meta.facts_checked.isoformat() if meta.facts_checked else "not yet"
        rows.append(f"<tr><td>{html.escape(meta.id)}</td><td>{checked}</td>{cells}</tr>")
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Nästa steg – preview</title><style>{CSS}</style></head><body>"
        '<nav class="index"><h1>Nästa steg – preview of every screen</h1>'
        f"<p>Made {now:%Y-%m-%d %H:%M} UTC from content/ and locales/.</p><ul>{links}</ul>"
        f"<table><tr><th>section</th><th>checked</th>{head}</tr>{''.join(rows)}</table>"
        "</nav></body></html>\n"
    )


def write_preview(library: Library, out: Path, now: datetime | None = None) -> list[Path]:
    """Write index.html and one page per language into `out`; return the files."""
    now = now or datetime.now(UTC)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "index.html"]
    written[0].write_text(index_page(library, now), encoding="utf-8")
    for code in library.codes:
        path = out / f"{code}.html"
        path.write_text(language_page(library, code, now), encoding="utf-8")
        written.append(path)
    return written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `preview` subcommand's options."""
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (preview/)")
    parser.add_argument("--serve", action="store_true", help="serve it on http://127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (8000)")


def run(library: Library, args: argparse.Namespace) -> int:
    """Write the preview, and serve it when asked; return the exit code."""
    written = write_preview(library, args.out)
    print(f"✓ Preview written: {written[0]} ({len(written) - 1} languages)")
    if not args.serve:
        return 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.out))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


__all__ = ["run", "screens", "telegram_html", "write_preview"]
