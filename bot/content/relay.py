"""`content/relay.yaml`: who young people can write to, when staff answer, prepared answers.

Staff edit the file by hand; `python -m bot check` shows every problem with its line.
Without the file the relay still works: everything goes to the shared staff group, and
the bot never tells a young person when staff will answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bot.content.model import ANY, Desk, RelayContent
from bot.content.problems import Problem
from bot.content.reader import Reader, translation_statuses
from bot.rules.deadline import is_holiday
from bot.rules.hours import Hours, parse_hours

ANSWER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,23}$")


def load_relay(
    path: Path, languages: Sequence[str], organisations: set[str], problems: list[Problem]
) -> RelayContent:
    """Read `relay.yaml` if it exists, adding any problems."""
    if not path.exists():
        return RelayContent()
    reader = Reader(path, problems)
    data = reader.mapping("the file must have `desks:` and `answers:` (see the comment at its top)")
    if data is None:
        return RelayContent()
    # Line numbers of `key:` and `- organisation: id` lines, for problems.
    lines = reader.key_lines(r"^\s*-?\s*(?:organisation:\s*)?([A-Za-z0-9_-]+)\s*:?")

    def hours(value: Any, line: int | None, what: str) -> Hours | None:
        if value is None:
            return None
        try:
            return parse_hours(value)
        except ValueError as exc:
            reader.error(line, f"{what}: {exc}")
            return None

    def per_language(value: Any, line: int | None, what: str) -> dict[str, Hours]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            reader.error(line, f"{what}: `languages:` must map a language to hours")
            return {}
        out: dict[str, Hours] = {}
        for lang, spec in value.items():
            if lang not in languages:
                reader.error(line, f"{what}: unknown language {lang!r} ({', '.join(languages)})")
                continue
            found = hours(spec, line, f"{what}, {lang}")
            if found is not None:
                out[str(lang)] = found
        return out

    def holidays(value: Any, line: int | None, what: str) -> tuple[frozenset[date], bool] | None:
        """`open_on_holidays:` true (every holiday), false, or a list of holiday dates."""
        if value is None:
            return None
        if isinstance(value, bool):
            return frozenset(), value
        if not isinstance(value, list):
            reader.error(line, f"{what}: `open_on_holidays:` must be true or a list of dates")
            return None
        days: set[date] = set()
        for item in value:
            try:
                day = item if isinstance(item, date) else date.fromisoformat(str(item))
            except ValueError:
                reader.error(line, f"{what}: {item!r} is not a date like 2026-12-26")
                continue
            if not is_holiday(day):
                reader.error(
                    line,
                    f"{what}: {day} is not a Swedish public holiday or eve, so the usual"
                    " hours apply that day anyway",
                )
                continue
            days.add(day)
        return frozenset(days), False

    shared_holidays = holidays(
        data.get("open_on_holidays"), lines.get("open_on_holidays"), "shared group"
    ) or (frozenset(), False)
    anyone = Desk(
        ANY,
        hours(data.get("hours"), lines.get("hours"), "hours"),
        per_language(data.get("languages"), lines.get("languages"), "shared group"),
        None,
        *shared_holidays,
    )
    desks: list[Desk] = []
    raw_desks = data.get("desks") or []
    if not isinstance(raw_desks, list):
        reader.error(lines.get("desks"), "`desks:` must be a list of `- organisation: id`")
        raw_desks = []
    for item in raw_desks:
        if not isinstance(item, dict) or not isinstance(item.get("organisation"), str):
            reader.error(lines.get("desks"), "each desk needs `organisation:` with an id")
            continue
        org = item["organisation"]
        line = lines.get(org)
        if org not in organisations:
            reader.error(line, f"organisation {org!r} is not in organisations.yaml")
            continue
        if any(d.id == org for d in desks):
            reader.error(line, f"organisation {org!r} is listed twice")
            continue
        chat = item.get("staff_chat")
        if chat is not None and (isinstance(chat, bool) or not isinstance(chat, int)):
            reader.error(line, f"{org}: `staff_chat:` must be a number like -1001234567890")
            chat = None
        desks.append(
            Desk(
                org,
                hours(item.get("hours"), line, org) or anyone.hours,
                per_language(item.get("languages"), line, org) or dict(anyone.languages),
                chat,
                *(holidays(item.get("open_on_holidays"), line, org) or shared_holidays),
            )
        )
    answers: dict[str, dict[str, str]] = {}
    raw_answers = data.get("answers") or {}
    if not isinstance(raw_answers, dict):
        reader.error(lines.get("answers"), "`answers:` must map a name to texts per language")
        raw_answers = {}
    for name, texts in raw_answers.items():
        line = lines.get(str(name))
        if not ANSWER_NAME.match(str(name)):
            reader.error(line, f"answer name {name!r}: use lowercase letters, digits and '-'")
            continue
        if not isinstance(texts, dict):
            reader.error(line, f"answer {name}: give the text per language")
            continue
        have = [lang for lang in languages if str(texts.get(lang) or "").strip()]
        missing = [lang for lang in languages if lang not in have]
        if not have:
            reader.error(line, f"answer {name} has no text in any language")
            continue
        if missing:
            reader.error(
                line,
                f"answer {name} is missing in {', '.join(missing)}: every answer needs every"
                " language, or it cannot be sent to someone writing in that language",
            )
        if "translations" in texts:
            translation_statuses(texts["translations"], languages, reader, line, f"answer {name}")
        answers[str(name)] = {lang: str(texts[lang]).strip() for lang in have}
    return RelayContent(anyone, tuple(desks), answers)
