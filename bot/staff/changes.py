"""What an upload would change, said the way a social worker reads it.

`summary` compares the live library with the staged one: sections changed, added or removed
per language, texts and buttons changed per language (with their new wording), organisations,
the deadline rule, "Write to staff", the glossary, recordings, and the translations that
become stale because the Swedish they were reviewed against changed. `screens_page` draws the
changed screens as the preview does (`bot.staff.preview`), before and after. Every sentence
comes from the staff messages in `locales/` (`say`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from fluent.syntax import FluentParser, FluentSerializer
from fluent.syntax import ast as fluent

from bot.content.model import ORIGINAL
from bot.screens.library import Library
from bot.staff.preview import CSS, Shown, bubble, screens
from bot.staff.status import status_rows

Say = Callable[..., str]  # say(message id, **arguments) -> the staff message
EXAMPLES = 3  # changed texts quoted per language
QUOTE = 60  # characters of a changed text quoted


def changed_keys(before: Mapping[str, bytes], after: Mapping[str, bytes]) -> list[str]:
    """The files whose content differs (added, changed or removed), sorted."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def summary(
    old: Library,
    new: Library,
    before: Mapping[str, bytes],
    after: Mapping[str, bytes],
    say: Say,
) -> list[str]:
    """One line per change, in the staff language."""
    staff = old.staff_language
    lines: list[str] = []
    keys = changed_keys(before, after)
    explained: set[str] = set()

    def title(library: Library, section: str) -> str:
        found = library.content.section(staff, section) or library.content.section(
            ORIGINAL, section
        )
        return found.title if found else section

    for code in new.codes:
        language = _language(new, code)
        olds = {m.id for m in old.content.sections if old.content.section(code, m.id)}
        news = {m.id for m in new.content.sections if new.content.section(code, m.id)}
        changed = []
        for sid in [m.id for m in new.content.sections if m.id in olds & news]:
            a, b = old.content.section(code, sid), new.content.section(code, sid)
            if a and b and (a.title, a.body) != (b.title, b.body):
                changed.append(title(new, sid))
        for key, ids in (
            ("publish-change-sections", changed),
            ("publish-new-sections", [title(new, s) for s in sorted(news - olds)]),
            ("publish-removed-sections", [title(old, s) for s in sorted(olds - news)]),
        ):
            if ids:
                lines.append(say(key, language=language, names=_names(ids)))
        explained.add(f"content/sheet/{code}.md")
        lines += _strings(code, language, before, after, say, explained)
        audio = sorted(
            title(new, sid)
            for lang, sid in new.content.audio
            if lang == code and before.get(_audio(lang, sid)) != after.get(_audio(lang, sid))
        )
        if audio:
            lines.append(say("publish-change-audio", language=language, names=_names(audio)))
    explained |= {k for k in keys if k.startswith("content/audio/")}
    lines += _organisations(old, new, staff, say)
    explained.add("content/organisations.yaml")
    metas = [m.id for m in new.content.sections if old.content.meta(m.id) not in (None, m)]
    if metas:
        names = _names(title(new, s) for s in metas)
        lines.append(say("publish-change-sheet-details", names=names))
    explained.add("content/sheet.yaml")
    for key, message in (
        ("content/deadline.yaml", "publish-change-deadline"),
        ("content/relay.yaml", "publish-change-relay"),
        ("content/glossary.yaml", "publish-change-glossary"),
    ):
        if key in keys:
            lines.append(say(message))
            explained.add(key)
    lines += _stale(old, new, staff, say, title)
    others = [k for k in keys if k not in explained]
    if others:
        lines.append(say("publish-change-other", files=_names(others)))
    return lines


def _language(library: Library, code: str) -> str:
    """A language as staff recognise it: its own name and its code, `دری (fa-AF)`."""
    return f"{library.texts.language(code).name} ({code})"


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


def _audio(language: str, section: str) -> str:
    return f"content/audio/{language}/{section}.ogg"


def messages(data: bytes | None) -> dict[str, str]:
    """The messages of a Fluent file: id -> its text as written (attributes included)."""
    if not data:
        return {}
    resource = FluentParser().parse(data.decode("utf-8", "replace"))
    serializer = FluentSerializer()
    found = {}
    for entry in resource.body:
        if isinstance(entry, fluent.Message | fluent.Term):
            text = serializer.serialize_entry(entry).partition("=")[2]
            found[entry.id.name] = " ".join(text.split())
    return found


def _strings(
    code: str,
    language: str,
    before: Mapping[str, bytes],
    after: Mapping[str, bytes],
    say: Say,
    explained: set[str],
) -> list[str]:
    """The texts and buttons of one language that change, quoting a few as they will read."""
    prefix = f"locales/{code}/"
    files = sorted(k for k in before.keys() | after.keys() if k.startswith(prefix))
    changed: list[str] = []
    for key in files:
        explained.add(key)
        if before.get(key) == after.get(key):
            continue
        old, new = messages(before.get(key)), messages(after.get(key))
        changed += [new[m] or "—" for m in new if old.get(m) != new[m]]
        changed += ["—" for m in old if m not in new]
    if not changed:
        return []
    quoted = [text if len(text) <= QUOTE else text[: QUOTE - 1] + "…" for text in changed]
    examples = _names(quoted[:EXAMPLES]) + (" …" if len(quoted) > EXAMPLES else "")
    return [say("publish-change-strings", language=language, count=len(changed), examples=examples)]


def _organisations(old: Library, new: Library, staff: str, say: Say) -> list[str]:
    """Organisations changed, added or removed, by their name in the staff language."""

    def name(library: Library, org_id: str) -> str:
        org = library.content.organisation(org_id)
        return (org.name.get(staff) or org.name.get(ORIGINAL) or org_id) if org else org_id

    olds = {o.id: o for o in old.content.organisations}
    news = {o.id: o for o in new.content.organisations}
    lines = []
    changed = [i for i in news if i in olds and olds[i] != news[i]]
    for key, ids, library in (
        ("publish-change-organisations", changed, new),
        ("publish-new-organisations", [i for i in news if i not in olds], new),
        ("publish-removed-organisations", [i for i in olds if i not in news], old),
    ):
        if ids:
            lines.append(say(key, names=_names(name(library, i) for i in ids)))
    return lines


def _stale(
    old: Library, new: Library, staff: str, say: Say, title: Callable[[Library, str], str]
) -> list[str]:
    """Translations whose review no longer holds, and Swedish changes not yet translated."""
    lines = []
    was = {
        (row.id, code)
        for row in status_rows(old)
        for code, cell in row.cells.items()
        if row.kind == "section" and cell.stale
    }
    for row in status_rows(new):
        if row.kind != "section":
            continue
        for code, cell in row.cells.items():
            if cell.stale and (row.id, code) not in was:
                language = _language(new, code)
                lines.append(say("publish-stale", language=language, section=title(new, row.id)))
    for meta in new.content.sections:
        a, b = old.content.section(ORIGINAL, meta.id), new.content.section(ORIGINAL, meta.id)
        if a is None or b is None or a.body == b.body:
            continue
        behind = [
            _language(new, code)
            for code in new.codes
            if code != ORIGINAL
            and old.content.section(code, meta.id) == new.content.section(code, meta.id)
        ]
        if behind:
            section, languages = title(new, meta.id), ", ".join(behind)
            lines.append(say("publish-swedish-changed", section=section, languages=languages))
    return lines


Pairs = list[tuple[Shown | None, Shown]]


def changed_screens(old: Library, new: Library, now: datetime) -> list[tuple[str, Pairs]]:
    """Per language, the screens whose text or buttons change: (before or None, after)."""
    found = []
    for code in new.codes:
        before = {s.anchor: s for s in screens(old, code, now)} if old.texts.known(code) else {}
        pairs: Pairs = []
        for shown in screens(new, code, now):
            was = before.get(shown.anchor)
            if was is None or (was.screen.text, was.screen.buttons) != (
                shown.screen.text,
                shown.screen.buttons,
            ):
                pairs.append((was, shown))
        if pairs:
            found.append((code, pairs))
    return found


def screens_page(old: Library, new: Library, now: datetime, say: Say) -> tuple[str, int]:
    """An HTML page of the changed screens, each language in its direction; and their count."""
    parts = []
    count = 0
    for code, pairs in changed_screens(old, new, now):
        lang = new.texts.language(code)
        direction = "rtl" if lang.rtl else "ltr"
        items = []
        for was, shown in pairs:
            count += 1
            item = bubble(shown)
            if was is not None:
                label = html.escape(say("publish-preview-before"))
                item += f'<details class="screen"><summary>{label}</summary>{bubble(was)}</details>'
            items.append(item)
        parts.append(
            f'<article lang="{html.escape(code)}" dir="{direction}">'
            f'<header dir="ltr"><h1>{html.escape(lang.name)} ({html.escape(code)})</h1></header>'
            f"{''.join(items)}</article>"
        )
    heading = html.escape(say("publish-preview-title"))
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{heading}</title><style>{CSS}</style></head>\n"
        f'<body><header dir="ltr"><h1>{heading}</h1>{now:%Y-%m-%d %H:%M} UTC</header>\n'
        f"{''.join(parts)}\n</body></html>\n"
    )
    return page, count
