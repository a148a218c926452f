"""The staff side of the relay: a message in a topic is copied to the young person, or it
is a command (`/close`, `/reopen`, `/answer <name>`)."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from bot.core import handover, waiting
from bot.core.relay.port import FromStaff, Unreachable
from bot.screens import relay as relay_screens
from bot.screens.render import escape
from bot.storage.base import AmbiguousTopic, Relay

if TYPE_CHECKING:
    from bot.core.relay.bridge import StaffRelay

log = logging.getLogger(__name__)

# A first word shaped like a Telegram command ("/word" or "/word@bot"). Unknown ones are not
# sent: a mistyped "/anwser" must not reach a young person. Other text starting with "/"
# ("/ok, I will call", "/ hello", "//note") is ordinary text and is sent.
COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")
RELAY_COMMANDS = ("/close", "/reopen", "/answer", handover.COMMAND, *waiting.COMMANDS)
BOT_COMMANDS = ("/stats", "/reload", "/start", "/help", "/waiting")  # answered elsewhere


class StaffCommands:
    """Answers messages in staff topics, for a relay."""

    def __init__(self, relay: StaffRelay) -> None:
        self.relay = relay
        self.conversation = relay.conversation

    async def from_staff(self, message: FromStaff) -> None:
        """A message in a staff topic: copy it to the young person, or run a command."""
        relay_ = self.relay
        if message.topic is None or message.staff_chat not in relay_.staff_chats():
            return  # not a staff group, or its General topic: not for a young person
        conv = self.conversation
        await conv.expire_daily()  # a link past its time must not carry this message
        try:
            relay = await conv.store.relay_by_topic(message.staff_chat, message.topic)
        except AmbiguousTopic:  # fail closed: nobody gets this; each opens a new topic
            log.warning("several relays claimed one staff topic: none of them gets a copy")
            await conv.store.drop_topic(message.staff_chat, message.topic)
            text = conv.library.t(relay_.staff_language, "relay-staff-ambiguous")
            await relay_.post_in(message.staff_chat, message.topic, text)
            return
        if relay is None:
            return
        if relay_.group_of(relay) != message.staff_chat:  # the desk now uses another group
            await relay_.note(relay, "relay-staff-moved")
            return
        relay_.waiting.flush()
        words = message.text.split()
        command = None
        if words and COMMAND.fullmatch(words[0]):
            command = words[0].split("@", 1)[0].lower()
        if command == handover.COMMAND:
            await relay_.handovers.command(relay, words[1:], message)
        elif command in waiting.COMMANDS:
            await relay_.waiting.command(relay, command, words[1:])
        elif command == "/close":
            await self._close(relay)
        elif command == "/reopen":
            await self._reopen(relay)
        elif command == "/answer":
            await self._answer(relay, words[1].lower() if len(words) > 1 else "")
        elif command in BOT_COMMANDS:
            return  # for the bot, not the young person
        elif command is not None:
            await relay_.note(relay, "relay-staff-unknown-command", command=command)
        elif not relay.is_open:
            await relay_.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
        else:
            lib = conv.library
            await conv.store.touch_relay(relay.user, conv.today())  # before: see from_young
            try:
                await relay_.port.copy(
                    relay.chat,
                    message.staff_chat,
                    message.message_id,
                    topic=None,
                    buttons=relay_screens.buttons(lib, relay.language, open_relay=False),
                    protect=True,  # it cannot be forwarded or saved from their phone
                )
            except Unreachable:
                await relay_.note(relay, "relay-staff-blocked")
                return
            await self._answered(relay)

    async def _answered(self, relay: Relay) -> None:
        """Staff answered: count the first response time (no identifier)."""
        conv = self.conversation
        since = await conv.store.relay_answered(relay.user)
        await self.relay.waiting.staff_answered(relay)
        if since is not None:
            minutes = max(0, int((conv.clock.now() - since).total_seconds() // 60))
            await conv.count(relay.language, "first-response", str(minutes))

    async def _close(self, relay: Relay) -> None:
        conv = self.conversation
        if not relay.is_open:
            await self.relay.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
            return
        await conv.store.set_relay_closed(relay.user, conv.today())
        lib = conv.library
        await self.relay.to_young(
            relay,
            lib.t(relay.language, "relay-closed"),
            relay_screens.new_conversation(lib, relay.language),
        )
        await self.relay.note(relay, "relay-staff-closed", days=conv.relay_grace_days)
        await self.relay.waiting.refresh(relay.user)

    async def _reopen(self, relay: Relay) -> None:
        conv = self.conversation
        if relay.is_open:
            await self.relay.note(relay, "relay-staff-reopened")
            return
        await conv.store.set_relay_closed(relay.user, None)
        await conv.store.touch_relay(relay.user, conv.today())
        screen = relay_screens.started(conv.library, relay.language, self.relay.desk(relay))
        if await self.relay.to_young(relay, screen.text, screen.buttons):
            await self.relay.note(relay, "relay-staff-reopened")
        await self.relay.waiting.refresh(relay.user)

    async def _answer(self, relay: Relay, name: str) -> None:
        """Send a prepared answer in the young person's language, and show staff what went."""
        conv = self.conversation
        lib = conv.library
        answers = lib.content.relay.answers
        staff = self.relay.staff_language
        if name not in answers:
            if not answers:
                await self.relay.note(relay, "relay-staff-no-answers")
                return
            listing = "\n".join(
                f"• <code>{n}</code>: {escape(_first_words(t.get(staff, next(iter(t.values())))))}"
                for n, t in answers.items()
            )
            text = lib.t(staff, "relay-staff-answers", example=next(iter(answers)))
            await self.relay.post(relay, f"{text}\n{listing}")
            return
        if not relay.is_open:
            await self.relay.note(relay, "relay-staff-is-closed", days=conv.relay_grace_days)
            return
        if relay.language not in answers[name]:
            language = lib.texts.language(relay.language).name
            await self.relay.note(relay, "relay-staff-answer-missing", name=name, language=language)
            return
        body = relay_screens.prepared(lib, relay.language, name)
        buttons = relay_screens.buttons(lib, relay.language, open_relay=False)
        await conv.store.touch_relay(relay.user, conv.today())  # before: see from_young
        if not await self.relay.to_young(relay, body, buttons, protect=True):
            return
        language = lib.texts.language(relay.language).name
        head = lib.t(staff, "relay-staff-answer-sent", name=name, language=language)
        await self.relay.post(relay, f"{head}\n\n{body}")
        await self._answered(relay)


def _first_words(text: str, limit: int = 60) -> str:
    """The start of a text, cut at a word, for a listing."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"
