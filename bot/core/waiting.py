"""Who is waiting for staff: `/waiting` in a staff group, topic names that show each
conversation's state, and `/mute <hours>` / `/unmute` in a topic for a sender who abuses
the relay. Nothing here is logged or stored with content: a mute is counted, no more.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from bot.core.titles import TopicTitles, state_of, topic_title
from bot.rules.hours import STOCKHOLM
from bot.screens import relay as relay_screens
from bot.screens.dates import clock_time, weekday
from bot.screens.render import escape
from bot.storage.base import Relay

if TYPE_CHECKING:
    from bot.core.relay import StaffRelay

COMMANDS: Final = ("/mute", "/unmute")
MAX_MUTE_HOURS: Final = 168  # a week: longer is not a pause any more
MUTED_NOTICE: Final = timedelta(hours=1)  # a muted sender hears "later" at most this often
MAX_LISTED: Final = 40  # /waiting lists at most this many (a message holds 4096 characters)


def topic_link(staff_chat: int, topic: int) -> str:
    """The t.me link to a topic of a supergroup, for its members."""
    digits = str(staff_chat)
    internal = digits[4:] if digits.startswith("-100") else digits.lstrip("-")
    return f"https://t.me/c/{internal}/{topic}"


class WaitingList:
    """Keeps staff's view of who waits: the list, the topic names and mutes."""

    def __init__(self, relay: StaffRelay) -> None:
        self.relay = relay
        self.conversation = relay.conversation
        self.titles = TopicTitles(relay.port.rename_topic, relay.conversation.clock)
        self._told: dict[bytes, datetime] = {}  # muted senders -> when told "later"

    # --- topic names --------------------------------------------------------------------

    def new_title(self, relay: Relay) -> str:
        """The name of a topic opened by a young person's first message."""
        return topic_title(relay, "new")

    async def refresh(self, user: bytes) -> None:
        """Show a conversation's current state in its topic's name (in the background)."""
        store = self.conversation.store
        relay = await store.relay(user)
        if relay is None or relay.topic is None:
            return
        state = await store.relay_state(user)
        title = topic_title(relay, state_of(relay, state.waiting is not None))
        self.relay.later(self.titles.show(self.relay.chat_of(relay), relay.topic, title))

    async def young_wrote(self, relay: Relay, when: datetime) -> None:
        """A message reached staff at `when`: it waits for an answer."""
        await self.conversation.store.mark_waiting(relay.user, when)
        await self.refresh(relay.user)

    async def staff_answered(self, relay: Relay) -> None:
        """Staff answered: nothing waits."""
        await self.conversation.store.clear_waiting(relay.user)
        await self.refresh(relay.user)

    def flush(self) -> None:
        """Make the renames that waited for their window (in the background)."""
        self.relay.later(self.titles.flush())

    # --- /waiting -----------------------------------------------------------------------

    async def listing(self, staff_chat: int, topic: int | None) -> None:
        """`/waiting`: this group's conversations waiting for an answer, longest first."""
        relay = self.relay
        self.flush()
        conv = self.conversation
        lib, language = conv.library, relay.staff_language
        waiting = await conv.store.waiting_relays(staff_chat)
        if not waiting:
            text = lib.t(language, "relay-staff-waiting-none")
        else:
            now = conv.clock.now()
            lines = [lib.t(language, "relay-staff-waiting", count=len(waiting))]
            for n, found in enumerate(waiting[:MAX_LISTED], start=1):
                minutes = max(0, int((now - found.since).total_seconds() // 60))
                waited = lib.t(
                    language, "relay-staff-waited", hours=minutes // 60, minutes=minutes % 60
                )
                link = topic_link(staff_chat, found.topic)
                lines.append(f'{n}. <a href="{link}">{escape(found.pseudonym)}</a> · {waited}')
            text = "\n".join(lines)
        await relay.post_in(staff_chat, topic, text)

    # --- /mute and /unmute --------------------------------------------------------------

    async def command(self, relay: Relay, command: str, args: list[str]) -> None:
        """`/mute <hours>` or `/unmute` in a conversation's topic."""
        conv = self.conversation
        if command == "/unmute":
            state = await conv.store.relay_state(relay.user)
            if state.muted_until is None or state.muted_until <= conv.clock.now():
                await self.relay.note(relay, "relay-staff-not-muted")
                return
            await conv.store.set_muted(relay.user, None)
            await self.relay.note(relay, "relay-staff-unmuted")
            return
        hours = args[0] if args else ""
        if not hours.isdigit() or not 1 <= int(hours) <= MAX_MUTE_HOURS:
            await self.relay.note(relay, "relay-staff-mute-usage", most=MAX_MUTE_HOURS)
            return
        until = conv.clock.now() + timedelta(hours=int(hours))
        await conv.store.set_muted(relay.user, until)
        self._told.pop(relay.user, None)
        await conv.count(relay.language, "relay-mute", relay.desk)
        language = self.relay.staff_language
        local = until.astimezone(STOCKHOLM)
        await self.relay.note(
            relay,
            "relay-staff-muted",
            hours=int(hours),
            day=weekday(local.date(), language),
            time=clock_time(local, language),
        )

    async def muted(self, relay: Relay) -> bool:
        """Whether staff muted this sender now; if so, say only that staff answer later
        (at most once an hour, always with the help-now button)."""
        conv = self.conversation
        until = (await conv.store.relay_state(relay.user)).muted_until
        now = conv.clock.now()
        if until is None or until <= now:
            return False
        told = self._told.get(relay.user)
        if told is None or now - told >= MUTED_NOTICE:
            self._told[relay.user] = now
            lib = conv.library
            buttons = relay_screens.buttons(lib, relay.language)
            await self.relay.to_young(relay, lib.t(relay.language, "relay-muted"), buttons)
        if len(self._told) > 10_000:  # forget old notices: bounded memory
            self._told = {k: v for k, v in self._told.items() if now - v < MUTED_NOTICE}
        return True
