"""The young person's side of a handover to another organisation (see bot/core/handover.py):
the question, with Yes / No, and what happens after either answer."""

from __future__ import annotations

from bot.content.model import Desk
from bot.screens.library import Library, Screen
from bot.screens.relay import buttons, desk_name, hours_text
from bot.screens.render import escape
from bot.screens.routes import HandoverAnswer, Sos


def question(
    lib: Library, language: str, current: str, proposed: str, ask: int, *, answered: bool = False
) -> Screen:
    """Who would take over and why, what moves; Yes / No (only help now once answered)."""
    to = escape(desk_name(lib, language, proposed))
    text = lib.t(language, "handover-ask", current=escape(desk_name(lib, language, current)), to=to)
    org = lib.content.organisation(proposed)
    offers = org.offers.get(language) if org is not None else None
    if offers:
        text += "\n\n" + lib.t(language, "handover-offers", to=to, offers=escape(offers))
    text += "\n\n" + lib.t(language, "handover-what-moves", to=to)
    sos = (lib.button(language, "relay-sos", Sos()),)
    if answered:
        return Screen(text, (sos,))
    choice = (
        lib.button(language, "handover-yes", HandoverAnswer(ask, True)),
        lib.button(language, "handover-no", HandoverAnswer(ask, False)),
    )
    return Screen(text, (choice, sos))


def moved(lib: Library, language: str, desk: Desk) -> Screen:
    """After Yes: who answers now, and when."""
    text = lib.t(language, "handover-moved", to=escape(desk_name(lib, language, desk.id)))
    hours = hours_text(lib, language, desk)
    if hours:
        text += "\n\n" + hours
    return Screen(text, buttons(lib, language))


def stays(lib: Library, language: str, desk_id: str) -> Screen:
    """After No: nothing changes."""
    text = lib.t(language, "handover-stays", current=escape(desk_name(lib, language, desk_id)))
    return Screen(text, buttons(lib, language))
