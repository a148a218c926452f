"""Every Arabic and Dari screen, laid out as a reader's phone lays it out, reads correctly.

The screens come from the real content and locales (the preview's list of every screen,
the deadline answers, the relay's screens and strings, the prepared staff answers), so
a new section, organisation or string is checked without changing this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.screens import deadline as deadline_screens
from bot.screens import relay as relay_screens
from bot.screens.dates import clock_time, day_names, weekday
from bot.screens.library import Library
from bot.screens.routes import Period
from bot.staff.preview import screens
from tests.conftest import LOCALES
from tests.reading import screen_problems

RTL = ("ar", "fa-AF")
# A Tuesday afternoon (organisations open), and a Saturday night (closed; "opens at").
MOMENTS = (datetime(2026, 11, 24, 13, 0, tzinfo=UTC), datetime(2026, 11, 28, 22, 0, tzinfo=UTC))
# Delivery dates, in days before today: today, days left in every band, passed, too old,
# and a date in the future (the picker again, with a note).
DELIVERED = (0, 1, 6, 13, 19, 20, 21, 22, 40, 400, -3)


def _variables(pattern: ast.Pattern | None) -> set[str]:
    """The names of the variables a Fluent pattern uses."""
    names: set[str] = set()

    class Names(Visitor):
        def visit_VariableReference(self, node: ast.VariableReference) -> None:
            names.add(node.id.name)

    if pattern is not None:
        Names().visit(pattern)
    return names


def relay_strings(language: str) -> dict[str, set[str]]:
    """Every `relay-*` message of a language, with the variables it uses."""
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES / language).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.id.name.startswith("relay-"):
                found[entry.id.name] = _variables(entry.value)
    return found


def filled(library: Library, language: str) -> dict[str, object]:
    """Realistic values for the variables of the relay strings."""
    names = day_names(language)
    at = MOMENTS[0]
    return {
        "days": 30,
        "grace": 7,
        "org": "Skåne Stadsmission (Malmö)",
        "desk": "Rädda Barnen (Stockholm)",
        "pseudonym": "Blå räv 12",
        "language": library.texts.language(language).name,
        "name": "deadline",
        "example": "deadline",
        "phone": "+46 70 123 45 67",
        "hours": f"{names[0]}–{names[4]} {clock_time(time(9), language)}–"
        f"{clock_time(time(16), language)}",
        "day": weekday(at.date(), language),
        "time": clock_time(at, language),
        "reason": "Bad Request: not enough rights to create a topic (400)",
        "command": "/anwser",
        "desks": "farr, radda-barnen",
        "current": "Rädda Barnen (Stockholm)",
        "to": "Skåne Stadsmission (Malmö)",
        "offers": "Juridisk rådgivning (ring 0771-235 235)",
        "count": 3,
        "minutes": 45,
        "most": 168,
    }


def every_screen(library: Library, language: str) -> Iterator[tuple[str, str]]:
    """Yield (what, text) for every text the bot can show in `language`, buttons too."""
    for now in MOMENTS:
        for shown in screens(library, language, now):
            yield shown.label, shown.screen.text
            for row in shown.screen.buttons:
                for button in row:
                    yield f"{shown.label}: button", button.label
    today = MOMENTS[0].date()
    yield "deadline question", deadline_screens.ask(library, language).text
    yield "deadline read back", deadline_screens.read_back(library, language, today).text
    periods: list[Period] = [*library.content.deadline.periods, "unknown"]
    for period in periods:
        for back in DELIVERED:
            reply = deadline_screens.answer_screen(
                library, language, today - timedelta(days=back), period, today
            )
            yield f"deadline answer ({period}), delivered {back} days ago", reply.screen.text
    for ahead in (0, 1, 10):
        written = today + timedelta(days=ahead)
        reply = deadline_screens.answer_screen(library, language, written, "written", today)
        yield f"deadline answer, last day written {ahead} days ahead", reply.screen.text
    relay = library.content.relay
    desks = [*relay.desks, relay.anyone]
    yield "relay choice", relay_screens.choose(library, language).text
    for desk in desks:
        yield f"relay intro {desk.id}", relay_screens.intro(library, language, desk, 30, 7).text
        yield f"relay started {desk.id}", relay_screens.started(library, language, desk).text
        for now in MOMENTS:
            delivered = relay_screens.delivered(library, language, desk, now)
            yield f"relay delivered {desk.id} {now:%a %H:%M}", delivered.text
    values = filled(library, language)
    for key, variables in relay_strings(language).items():
        args = {name: values[name] for name in variables}
        yield f"string {key}", library.t(language, key, **args)
    for name, texts in relay.answers.items():
        if language in texts:
            yield f"prepared answer {name}", relay_screens.prepared(library, language, name)


@pytest.mark.parametrize("language", RTL)
def test_every_rtl_screen_reads_correctly(library: Library, language: str) -> None:
    """Brackets pair up in reading order and numbers stand whole, on every RTL screen."""
    found = [
        f"{what}: {problem}"
        for what, text in every_screen(library, language)
        for problem in screen_problems(text)
    ]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("language", RTL)
def test_the_check_sees_every_kind_of_screen(library: Library, language: str) -> None:
    """The screens checked include the sheet, organisations, deadline and relay, with numbers."""
    seen = list(every_screen(library, language))
    labels = " ".join(what for what, _ in seen)
    for kind in ("section ", "organisation ", "list emergency", "deadline answer", "string "):
        assert kind in labels, kind
    assert "prepared answer" in labels
    assert sum("116" in text for _, text in seen) > 3
    assert any("(" in text for what, text in seen if what.startswith("section"))
