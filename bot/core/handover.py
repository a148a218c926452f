"""Handing a conversation over to another organisation, only with the young person's consent.

In a conversation's topic, staff write `/transfer <organisation-id> [note]`. The young
person is asked first, in their language, with Yes / No; nothing moves without Yes. After
Yes their relay gets the other desk, its group and a new made-up name (nothing links it to
the old one), a new topic opens there with the staff note (a copy of the command message,
so no identity travels and the bot stores no text), the old topic is told and takes
nothing more, and the young person hears who answers now. A handover is counted as
(organisation from, to, day), nothing more.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from bot.content.model import ANY
from bot.core.conversation import NO_LANGUAGE
from bot.core.pseudonym import relay_pseudonym
from bot.core.titles import topic_title
from bot.screens import relay as relay_screens
from bot.screens.relay import desk_name
from bot.screens.render import escape
from bot.storage.base import Handover, Relay

if TYPE_CHECKING:
    from bot.core.relay import FromStaff, StaffRelay

log = logging.getLogger(__name__)

COMMAND: Final = "/transfer"


class Handovers:
    """Proposes handovers to young people and carries them out after Yes."""

    def __init__(self, relay: StaffRelay) -> None:
        self.relay = relay
        self.conversation = relay.conversation

    def _name(self, desk_id: str) -> str:
        lib = self.conversation.library
        return escape(desk_name(lib, self.relay.staff_language, desk_id))

    async def command(self, relay: Relay, args: list[str], message: FromStaff) -> None:
        """`/transfer <organisation-id> [note]`: ask the young person first."""
        conv = self.conversation
        lib = conv.library
        content = lib.content.relay
        target = args[0].lower() if args else ""
        desk = content.desk(target) if target != ANY else None
        if desk is None:
            ids = ", ".join(f"<code>{d.id}</code>" for d in content.desks) or "—"
            await self.relay.note(relay, "relay-staff-transfer-usage", desks=ids)
            return
        if desk.id == relay.desk:
            await self.relay.note(relay, "relay-staff-transfer-same", desk=self._name(desk.id))
            return
        if not relay.is_open:
            await self.relay.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
            return
        ask = message.message_id
        note = ask if len(args) > 1 else None
        await conv.store.set_handover(relay.user, Handover(desk.id, ask, note))
        screen = relay_screens.handover_question(lib, relay.language, relay.desk, desk.id, ask)
        if await self.relay.to_young(relay, screen.text, screen.buttons):
            language = lib.texts.language(relay.language).name
            await self.relay.note(
                relay, "relay-staff-transfer-asked", desk=self._name(desk.id), language=language
            )

    async def answer(self, relay: Relay, yes: bool) -> None:
        """The young person answered the question: move, or tell staff they said no."""
        conv = self.conversation
        async with self.relay.lock(relay.user):
            pending = (await conv.store.relay_state(relay.user)).handover
            if pending is None:
                return
            await conv.store.set_handover(relay.user, None)
            desk = conv.library.content.relay.desk(pending.desk)
            if not yes or desk is None:
                await self.relay.note(relay, "relay-staff-transfer-refused")
                screen = relay_screens.handover_stays(conv.library, relay.language, relay.desk)
                await self.relay.to_young(relay, screen.text, screen.buttons)
                return
            group = desk.staff_chat if desk.staff_chat is not None else self.relay.shared_chat
            moved = await conv.store.move_relay(relay.user, desk.id, group, relay_pseudonym())
            if moved is None:
                return
            await conv.store.touch_relay(relay.user, conv.today())
            await self._open_new_topic(relay, moved, pending)
            await self._close_old_topic(relay, moved)
            await conv.store.count(conv.today(), NO_LANGUAGE, "handover", f"{relay.desk}>{desk.id}")
            screen = relay_screens.handover_moved(conv.library, relay.language, desk)
            await self.relay.to_young(moved, screen.text, screen.buttons)

    async def _open_new_topic(self, old: Relay, moved: Relay, pending: Handover) -> None:
        """Open the new organisation's topic with a note and the staff note; no identity.

        If that group cannot take a topic now, the next message tries again (and says so
        plainly if it fails)."""
        relay = self.relay
        conv = self.conversation
        chat = relay.chat_of(moved)
        title = relay.waiting.new_title(moved)
        try:
            topic = await relay.port.create_topic(chat, title)
        except Exception as exc:  # the port raises only Unreachable or the API's errors
            log.warning("could not open a topic for a handover: %s", type(exc).__name__)
            return
        await conv.store.set_relay_topic(moved.user, topic, chat)
        relay.waiting.titles.created(chat, topic, title)
        lib = conv.library
        header = lib.t(
            relay.staff_language,
            "relay-staff-handed-over",
            pseudonym=moved.pseudonym,
            language=lib.texts.language(moved.language).name,
            current=self._name(old.desk),
            to=self._name(moved.desk),
        )
        await relay.post_in(chat, topic, header)
        if pending.note is not None:
            try:
                await relay.port.copy(
                    chat, relay.chat_of(old), pending.note, topic=topic, buttons=()
                )
            except Exception as exc:  # staff deleted the command message: no note, no harm
                log.info("could not copy a handover note: %s", type(exc).__name__)

    async def _close_old_topic(self, old: Relay, moved: Relay) -> None:
        """Tell the old topic the conversation moved; it takes nothing more."""
        if old.topic is None:
            return
        relay = self.relay
        chat = relay.chat_of(old)
        text = self.conversation.library.t(
            relay.staff_language, "relay-staff-transfer-done", to=self._name(moved.desk)
        )
        await relay.post_in(chat, old.topic, text)
        relay.later(relay.waiting.titles.show(chat, old.topic, topic_title(old, "moved")))
