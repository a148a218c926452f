"""Load and validate what staff edit in `content/`: the information sheet and the contacts.

- `content/sheet.yaml`: the sections in order, when each was written and when its facts
  were last checked against the live sources, its sources and buttons, and per language
  whether the translation is `draft` or `reviewed`.
- `content/sheet/<language>.md`: the sheet in one language, one `## Title {#id}` per section.
- `content/organisations.yaml`: organisations and helplines; language-neutral facts once,
  names and descriptions per language.
- `content/deadline.yaml` (optional): the appeal-deadline rule; the law's default if absent.
- `content/keywords.yaml`: typed words (crisis, help, lists, helpers; see keywords.py), and
  each section's `keywords:` in sheet.yaml.
- `content/sources.yaml` (optional): where deep links are printed (see sources.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.content.audio import find_audio
from bot.content.keywords import WordsReader, load_keywords, section_keywords
from bot.content.model import (
    SECTION_BUTTONS,
    Content,
    DeadlineContent,
    Organisation,
    Review,
    Section,
    SectionMeta,
)
from bot.content.problems import ContentError, Problem, errors_in
from bot.content.reader import (
    ID_LINE,
    Reader,
    fact_dates,
    read_text,
    shown,
    translation_statuses,
)
from bot.content.relay import load_relay
from bot.content.sources import load_sources
from bot.rules.deadline import EVES, DeadlineRule
from bot.rules.hours import Hours, parse_hours

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,23}$")
HEADING_RE = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[^}]*)\}\s*$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{1,18}[0-9]$")
URL_RE = re.compile(r"^https://[^\s<>\"]+\.[^\s<>\"]+$")
TELEGRAM_RE = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{4,31}$")
EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$", re.IGNORECASE)
CATEGORIES = ("legal", "places", "support", "emergency")
STATUSES = ("draft", "reviewed")
TITLE_LIMIT = 40


def _entry_id(
    entry: Any, kind: str, reader: Reader, lines: dict[str, int], taken: set[str]
) -> str | None:
    """The id of a section or organisation entry, or None (with the problem said)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        reader.error(None, f"every {kind} needs an `id:`")
        return None
    entry_id: str = entry["id"]
    line = lines.get(entry_id)
    if not ID_RE.match(entry_id):
        reader.error(
            line,
            f"{kind} id {entry_id!r} must be lowercase letters, digits and '-', "
            "at most 24 characters",
        )
        return None
    if entry_id in taken:
        reader.error(line, f"{kind} id {entry_id!r} is used twice")
        return None
    return entry_id


def _load_meta(path: Path, languages: Sequence[str], problems: list[Problem]) -> list[SectionMeta]:
    reader = Reader(path, problems)
    data = reader.load()
    if data is None:
        return []
    entries = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        reader.error(1, "the file must start with `sections:` followed by a list of sections")
        return []
    lines = reader.key_lines(ID_LINE)
    words = WordsReader(reader)
    metas: list[SectionMeta] = []
    for index, entry in enumerate(entries):
        sid = _entry_id(entry, "section", reader, lines, {m.id for m in metas})
        if sid is None:
            continue
        line = lines.get(sid)
        written, facts_checked = fact_dates(entry, reader, line, f"section {sid}", required=True)
        buttons = entry.get("buttons") or []
        if not isinstance(buttons, list) or any(b not in SECTION_BUTTONS for b in buttons):
            reader.error(
                line,
                f"section {sid}: `buttons:` must be a list of {', '.join(SECTION_BUTTONS)}"
                f" (found {buttons!r})",
            )
            buttons = []
        sources = entry.get("sources") or []
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            reader.error(line, f"section {sid}: `sources:` must be a list of web addresses")
            sources = []
        reviews: dict[str, Review] = {}
        statuses = translation_statuses(
            entry.get("translations"), languages, reader, line, f"section {sid}", reviews
        )
        keywords = section_keywords(entry, index, languages, words)
        metas.append(
            SectionMeta(
                sid,
                written,
                tuple(sources),
                statuses,
                reviews,
                facts_checked,
                tuple(buttons),
                keywords,
            )
        )
    return metas


def parse_sheet(path: Path, problems: list[Problem]) -> dict[str, Section]:
    """Split one language's sheet into sections at `## Title {#id}` headings."""
    reader = Reader(path, problems)
    try:
        text = read_text(path)
    except FileNotFoundError:
        reader.error(None, "the file is missing: every language needs its own sheet file")
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        reader.error(None, f"cannot read the file: {exc}")
        return {}
    sections: dict[str, Section] = {}
    current: tuple[str, str, int] | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            sid, title, line = current
            content = "\n".join(body).strip()
            if not content:
                reader.error(line, f"section {sid} has a title but no text")
            sections[sid] = Section(sid, title, content, line)

    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            match = HEADING_RE.match(line)
            if not match or not line.startswith("## "):
                reader.error(
                    number,
                    "a section heading must look like `## Title {#section-id}`"
                    " (other headings are not used)",
                )
                continue
            close()
            sid, title = match.group("id").strip(), match.group("title").strip()
            if not ID_RE.match(sid):
                reader.error(number, f"section id {sid!r} must be lowercase letters, digits, '-'")
            if sid in sections or (current and current[0] == sid):
                reader.error(number, f"section id {sid!r} appears twice in this file")
            if len(title) > TITLE_LIMIT:
                reader.error(
                    number,
                    f"the title is {len(title)} characters; it is a button, so keep"
                    f" it to {TITLE_LIMIT} or fewer",
                )
            current, body = (sid, title, number), []
        elif current is None:
            if line.strip() and not line.strip().startswith("<!--"):
                reader.warn(number, "text before the first section heading is not shown")
        else:
            body.append(line)
    close()
    return sections


def _text_map(
    value: Any, languages: Sequence[str], reader: Reader, line: int | None, what: str
) -> dict[str, str]:
    if not isinstance(value, dict):
        reader.error(line, f"{what} must be given per language ({', '.join(languages)})")
        return {}
    out: dict[str, str] = {}
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            reader.error(line, f"{what} is missing in {lang}")
        else:
            out[lang] = text.strip()
    return out


def _organisation(
    entry: dict[str, Any], languages: Sequence[str], reader: Reader, line: int | None
) -> Organisation | None:
    oid = entry["id"]
    what = f"organisation {oid}"
    ok = True

    def bad(message: str) -> None:
        nonlocal ok
        ok = False
        reader.error(line, f"{what}: {message}")

    categories = entry.get("categories")
    if (
        not isinstance(categories, list)
        or not categories
        or any(c not in CATEGORIES for c in categories)
    ):
        bad(f"`categories:` must be a list of {', '.join(CATEGORIES)}")
        categories = []
    phone = entry.get("phone")
    if isinstance(phone, int) and not isinstance(phone, bool) and phone.bit_length() < 64:
        phone = str(phone)  # unquoted digits in YAML
    if phone is not None:
        if not isinstance(phone, str) or not PHONE_RE.match(phone.strip()):
            bad(f"phone {shown(phone)} does not look like a phone number (e.g. 0771-235 235)")
            phone = None
        else:
            phone = phone.strip()
    hours: Hours | None = None
    if entry.get("hours") is not None:
        try:
            hours = parse_hours(entry["hours"])
        except ValueError as exc:
            bad(f"hours: {exc}")
    website = entry.get("website")
    if website is not None and not (isinstance(website, str) and URL_RE.match(website)):
        bad(f"website {shown(website)} must be a full address starting with https://")
    coordinates: tuple[float, float] | None = None
    raw = entry.get("coordinates")
    if raw is not None:
        if (
            isinstance(raw, list)
            and len(raw) == 2
            and all(isinstance(v, int | float) for v in raw)
            and -90 <= raw[0] <= 90
            and -180 <= raw[1] <= 180
        ):
            coordinates = (float(raw[0]), float(raw[1]))
            if not (55 <= raw[0] <= 70 and 10 <= raw[1] <= 25):
                reader.warn(line, f"{what}: coordinates {raw} are not in Sweden; swapped?")
        else:
            bad("coordinates must be [latitude, longitude], e.g. [55.6050, 13.0038]")
    telegram = entry.get("telegram")
    if telegram is not None and not (isinstance(telegram, str) and TELEGRAM_RE.match(telegram)):
        bad(f"telegram {shown(telegram)} must be a username like @example_org")
    email = entry.get("email")
    if email is not None and not (isinstance(email, str) and EMAIL_RE.match(email)):
        bad(f"email {shown(email)} does not look like an e-mail address")
    address = entry.get("address")
    if address is not None and not isinstance(address, str):
        bad("address must be text")
    spoken = entry.get("languages") or []
    if not isinstance(spoken, list) or not all(isinstance(x, str) for x in spoken):
        bad("languages must be a list like [sv, en, ar, fa-AF]")
        spoken = []
    verified = entry.get("verified")
    if not isinstance(verified, bool):
        bad("`verified:` must be true or false")
    errors_before = len(errors_in(reader.problems))
    written, facts_checked = fact_dates(entry, reader, line, what, required=False)
    ok = ok and len(errors_in(reader.problems)) == errors_before
    name = _text_map(entry.get("name"), languages, reader, line, f"{what}: name")
    offers = _text_map(entry.get("offers"), languages, reader, line, f"{what}: offers")
    statuses = translation_statuses(entry.get("translations"), languages, reader, line, what)
    if not ok or len(name) < len(languages) or len(offers) < len(languages):
        return None
    return Organisation(
        id=oid,
        categories=tuple(categories),
        verified=bool(verified),
        written=written,
        facts_checked=facts_checked,
        name=name,
        offers=offers,
        translations=statuses,
        phone=phone,
        hours=hours,
        website=website,
        address=address,
        coordinates=coordinates,
        telegram=telegram.lstrip("@") if telegram else None,
        email=email,
        languages=tuple(spoken),
    )


def _load_organisations(
    path: Path, languages: Sequence[str], problems: list[Problem]
) -> list[Organisation]:
    reader = Reader(path, problems)
    data = reader.load()
    if data is None:
        return []
    entries = data.get("organisations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        reader.error(1, "the file must start with `organisations:` followed by a list")
        return []
    lines = reader.key_lines(ID_LINE)
    found: list[Organisation] = []
    for entry in entries:
        oid = _entry_id(entry, "organisation", reader, lines, {o.id for o in found})
        if oid is None:
            continue
        line = lines.get(oid)
        org = _organisation(entry, languages, reader, line)
        if org is not None:
            found.append(org)
    for category in CATEGORIES:
        if not any(category in o.categories for o in found) and not errors_in(problems):
            reader.warn(None, f"no organisation is listed under {category}")
    return found


def _load_deadline(path: Path, problems: list[Problem]) -> DeadlineContent:
    """Read `deadline.yaml`; the law's default rule when the file does not exist."""
    if not path.exists():
        return DeadlineContent()
    reader = Reader(path, problems)
    data = reader.mapping("the file must list `weeks:`, `closed_days:`, `legal_basis:` and more")
    if data is None:
        return DeadlineContent()
    lines = reader.key_lines(r"^([a-z_]+):")
    default = DeadlineContent()
    weeks = data.get("weeks", default.rule.weeks)
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52:
        reader.error(
            lines.get("weeks"), f"`weeks:` must be a whole number of weeks, found {shown(weeks)}"
        )
        weeks = default.rule.weeks
    closed = data.get("closed_days", sorted(EVES))
    if closed is None:
        closed = []
    if not isinstance(closed, list) or not all(isinstance(d, str) and d in EVES for d in closed):
        reader.error(
            lines.get("closed_days"),
            f"`closed_days:` must be a list of {', '.join(sorted(EVES))} (found {shown(closed)})",
        )
        closed = sorted(EVES)
    basis = data.get("legal_basis", default.legal_basis)
    if not isinstance(basis, str) or not basis.strip():
        reader.error(lines.get("legal_basis"), "`legal_basis:` must be the name of the law")
        basis = default.legal_basis
    date_line = lines.get("facts_checked") if "facts_checked" in data else None
    written, facts_checked = fact_dates(
        data,
        reader,
        date_line or lines.get("written") or lines.get("checked"),
        "the rule",
        required=False,
    )
    periods = data.get("periods", [weeks])
    if (
        not isinstance(periods, list)
        or not periods
        or any(isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= 52 for p in periods)
        or len(set(periods)) < len(periods)
        or weeks not in periods
    ):
        reader.error(
            lines.get("periods"),
            "`periods:` must list whole numbers of weeks, each once, among them `weeks:`"
            f" (the usual), e.g. [3, 2, 1] (found {periods!r})",
        )
        periods = [weeks]
    sources = data.get("sources") or []
    if not isinstance(sources, list) or not all(
        isinstance(s, str) and URL_RE.match(s) for s in sources
    ):
        reader.error(lines.get("sources"), "`sources:` must be a list of https:// addresses")
        sources = []
    return DeadlineContent(
        DeadlineRule(weeks, frozenset(closed)),
        basis.strip(),
        written,
        tuple(sources),
        facts_checked,
        tuple(periods),
    )


def load_content(
    content_dir: Path, languages: Sequence[str]
) -> tuple[Content | None, list[Problem]]:
    """Read and validate `content/`; return the content (None on errors) and the problems."""
    problems: list[Problem] = []
    metas = _load_meta(content_dir / "sheet.yaml", languages, problems)
    sheets: dict[str, dict[str, Section]] = {}
    known = {m.id for m in metas}
    for lang in languages:
        path = content_dir / "sheet" / f"{lang}.md"
        sections = parse_sheet(path, problems)
        sheets[lang] = sections
        if not metas:
            continue
        for meta in metas:
            if meta.id not in sections and path.exists():
                problems.append(
                    Problem(
                        path,
                        None,
                        f"section {meta.id} is missing: add `## Title {{#{meta.id}}}` and its text",
                    )
                )
        for sid, section in sections.items():
            if sid not in known:
                problems.append(
                    Problem(
                        path,
                        section.line,
                        f"section {sid} is not listed in sheet.yaml: add it there (or fix the id)",
                    )
                )
    organisations = _load_organisations(content_dir / "organisations.yaml", languages, problems)
    deadline = _load_deadline(content_dir / "deadline.yaml", problems)
    audio, audio_problems = find_audio(content_dir, languages, known)
    problems += audio_problems
    relay = load_relay(
        content_dir / "relay.yaml", languages, {o.id for o in organisations}, problems
    )
    keywords = load_keywords(content_dir / "keywords.yaml", languages, CATEGORIES, problems)
    codes = {c.lower() for c in languages} | {c.split("-")[0].lower() for c in languages}
    sources = load_sources(content_dir / "sources.yaml", known, codes.__contains__, problems)
    if errors_in(problems):
        return None, problems
    content = Content(
        tuple(metas), sheets, tuple(organisations), deadline, audio, relay, keywords, sources
    )
    return content, problems


def require_content(content_dir: Path, languages: Sequence[str]) -> Content:
    """Load content or raise ContentError."""
    content, problems = load_content(content_dir, languages)
    if content is None:
        raise ContentError(problems)
    return content
