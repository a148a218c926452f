"""The young person's side of the relay to staff, screen by screen (see bot/core/relay/),
with a handover's question and answers (bot/core/handover.py) and Stay safe.

Button routes (bot/screens/routes.py): RelayChoose (who to write to), RelayDesk (what
happens), RelayStart, RelayCall (ask for a call back), RelayEnd, HandoverAnswer, Safe, and
Sos (the emergency and helplines list, sent as a new message so nothing is replaced).
"""

from __future__ import annotations

from datetime import datetime

from bot.content.model import ANY, Desk, answer_state
from bot.rules.hours import OpenState
from bot.screens.dates import clock_time, weekday
from bot.screens.library import Button, Library, Rows, Screen
from bot.screens.render import escape, join_blocks, markdown_blocks
from bot.screens.routes import (
    HandoverAnswer,
    Menu,
    RelayCall,
    RelayChoose,
    RelayDesk,
    RelayEnd,
    RelayStart,
    Route,
    Safe,
    Sos,
    Talk,
)


def desk_name(lib: Library, language: str, desk_id: str) -> str:
    """The name of a desk's organisation in `language` (plain text)."""
    org = lib.content.organisation(desk_id)
    if desk_id == ANY or org is None:
        return lib.t(language, "relay-anyone-org")
    return org.name[language]


def buttons(lib: Library, language: str, *, open_relay: bool = True) -> Rows:
    """The buttons under every relay message: help now, and while open: call back, end."""
    sos = (lib.button(language, "relay-sos", Sos()),)
    if not open_relay:
        return (sos,)
    return (
        sos,
        (
            lib.button(language, "relay-call-button", RelayCall()),
            lib.button(language, "relay-end", RelayEnd()),
        ),
    )


def new_conversation(lib: Library, language: str) -> Rows:
    """After staff closed a conversation: start a new one, or help now."""
    return (
        (lib.button(language, "relay-new", RelayChoose()),),
        (lib.button(language, "relay-sos", Sos()),),
    )


def choose(lib: Library, language: str) -> Screen:
    """Who to write to: each organisation, or whoever can help."""
    rows: list[tuple[Button, ...]] = [
        (Button(desk_name(lib, language, d.id), RelayDesk(d.id).data),)
        for d in lib.content.relay.desks
    ]
    rows.append((lib.button(language, "relay-anyone", RelayDesk(ANY)),))
    rows.append(lib.nav(language, Talk()))
    return Screen(lib.t(language, "relay-choose"), tuple(rows))


def prepared(lib: Library, language: str, name: str) -> str:
    """A prepared staff answer (content/relay.yaml) as the young person receives it."""
    rtl = lib.texts.language(language).rtl
    return join_blocks(markdown_blocks(lib.content.relay.answers[name][language], rtl=rtl))


def hours_text(lib: Library, language: str, desk: Desk) -> str | None:
    """ "Staff usually answer: Mon–Fri 09:00–16:00", or None when no hours are written."""
    hours = desk.hours_for(language)
    if hours is None:
        return None
    if hours.always:
        return lib.t(language, "relay-hours", hours=lib.t(language, "hours-always"))
    return lib.t(language, "relay-hours", hours=lib.hours_spans(language, hours))


def intro(lib: Library, language: str, desk: Desk, days: int, grace: int) -> Screen:
    """What happens when you write, with the start button."""
    org = escape(desk_name(lib, language, desk.id))
    text = lib.t(language, "relay-intro", org=org, days=days, grace=grace)
    hours = hours_text(lib, language, desk)
    if hours:
        text += "\n\n" + hours
    back = RelayChoose() if lib.content.relay.desks else Talk()
    rows = (
        (lib.button(language, "relay-confirm", RelayStart(desk.id)),),
        (lib.button(language, "menu-safe", Safe(desk.id)),),
        lib.nav(language, back),
    )
    return Screen(text, rows)


def started(lib: Library, language: str, desk: Desk) -> Screen:
    """The relay is open: write now."""
    text = lib.t(language, "relay-started")
    hours = hours_text(lib, language, desk)
    if hours:
        text += "\n\n" + hours
    return Screen(text, buttons(lib, language))


def outside_hours(desk: Desk, language: str, now: datetime) -> OpenState | None:
    """When staff of `desk` do not answer now (and when they next do), else None."""
    state = answer_state(desk, language, now)
    if state is None or state.open_now or state.opens_at is None:
        return None
    return state


def delivered(lib: Library, language: str, desk: Desk, now: datetime) -> Screen:
    """After a message reached staff; outside answering hours, when they usually answer."""
    state = outside_hours(desk, language, now)
    if state is not None and state.opens_at is not None:
        text = lib.t(
            language,
            "relay-delivered-closed",
            day=weekday(state.opens_at.date(), language),
            time=clock_time(state.opens_at, language),
        )
    else:
        text = lib.t(language, "relay-delivered")
    return Screen(text, buttons(lib, language))


def safe(lib: Library, language: str, back: str, relay: bool) -> Screen:
    """Stay safe on the phone; Back to the desk explained (`back`, when the relay is on),
    else to the menu."""
    desk = lib.content.relay.desk(back) if back and relay else None
    previous: Route = RelayDesk(desk.id) if desk else Menu()
    return lib.text_screen(language, "safe-text", previous)


def handover_question(
    lib: Library, language: str, current: str, proposed: str, ask: int = 0
) -> Screen:
    """A handover: who would take over and why, what moves; Yes / No (`ask`: the question
    is open; 0: answered, only help now)."""
    to = escape(desk_name(lib, language, proposed))
    text = lib.t(language, "handover-ask", current=escape(desk_name(lib, language, current)), to=to)
    org = lib.content.organisation(proposed)
    offers = org.offers.get(language) if org is not None else None
    if offers:
        text += "\n\n" + lib.t(language, "handover-offers", to=to, offers=escape(offers))
    text += "\n\n" + lib.t(language, "handover-what-moves", to=to)
    sos = (lib.button(language, "relay-sos", Sos()),)
    if not ask:
        return Screen(text, (sos,))
    choice = (
        lib.button(language, "handover-yes", HandoverAnswer(ask, True)),
        lib.button(language, "handover-no", HandoverAnswer(ask, False)),
    )
    return Screen(text, (choice, sos))


def handover_moved(lib: Library, language: str, desk: Desk) -> Screen:
    """After Yes: who answers now, and when."""
    text = lib.t(language, "handover-moved", to=escape(desk_name(lib, language, desk.id)))
    hours = hours_text(lib, language, desk)
    if hours:
        text += "\n\n" + hours
    return Screen(text, buttons(lib, language))


def handover_stays(lib: Library, language: str, desk_id: str) -> Screen:
    """After No: nothing changes."""
    text = lib.t(language, "handover-stays", current=escape(desk_name(lib, language, desk_id)))
    return Screen(text, buttons(lib, language))
