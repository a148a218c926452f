"""A store in memory, for the terminal mode and tests (the same contract as SqliteStore)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bot.storage.base import AmbiguousTopic, Count, Expired, Handover, Relay, RelayState, Waiting


class MemoryStore:
    """A store in memory, for the terminal mode and tests."""

    def __init__(self) -> None:
        self.languages: dict[bytes, tuple[str, date]] = {}
        self.totals: dict[tuple[date, str, str, str], int] = {}
        self.relays: dict[bytes, Relay] = {}
        self.states: dict[bytes, RelayState] = {}  # beside a relay; goes with it

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""
        found = self.languages.get(user)
        return found[0] if found else None

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""
        self.languages[user] = (language, day)

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""
        self.languages.pop(user, None)
        self.relays.pop(user, None)
        self.states.pop(user, None)

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""
        old = [u for u, (_, day) in self.languages.items() if day < before]
        for user in old:
            del self.languages[user]
        return len(old)

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""
        key = (day, language, event, subject)
        self.totals[key] = self.totals.get(key, 0) + n

    async def counts(self, first: date, last: date) -> list[Count]:
        """Return the counts from `first` to `last`, inclusive."""
        return [
            Count(d, lang, ev, sub, n)
            for (d, lang, ev, sub), n in sorted(self.totals.items())
            if first <= d <= last
        ]

    async def open_relay(
        self,
        user: bytes,
        chat: int,
        pseudonym: str,
        language: str,
        day: date,
        desk: str = "any",
        staff_chat: int | None = None,
    ) -> Relay:
        """Open a relay, or renew the user's one (a new desk or group starts a new topic,
        under a new made-up name)."""
        old = self.relays.get(user)
        if old is None:
            relay = Relay(user, chat, None, pseudonym, language, day, desk, staff_chat)
        else:
            same = old.desk == desk and old.staff_chat == staff_chat
            if not same:
                self.states.pop(user, None)
            relay = replace(
                old,
                chat=chat,
                language=language,
                last_day=day,
                closed_day=None,
                desk=desk,
                staff_chat=staff_chat,
                topic=old.topic if same else None,
                pseudonym=old.pseudonym if same else pseudonym,
                answered=old.answered if same else False,
                waiting_since=old.waiting_since if same else None,
            )
        self.relays[user] = relay
        return relay

    async def relay(self, user: bytes) -> Relay | None:
        """Return the relay of a user (open, or closed by staff within the grace period)."""
        return self.relays.get(user)

    async def relay_by_topic(self, staff_chat: int, topic: int) -> Relay | None:
        """Return the relay of a topic in `staff_chat`; raise AmbiguousTopic if several."""
        found = [r for r in self.relays.values() if (r.staff_chat, r.topic) == (staff_chat, topic)]
        if len(found) > 1:
            raise AmbiguousTopic(f"{len(found)} relays share a topic")
        return found[0] if found else None

    def _update(self, user: bytes, **changes: object) -> None:
        if user in self.relays:
            self.relays[user] = replace(self.relays[user], **changes)  # type: ignore[arg-type]

    async def set_relay_topic(
        self, user: bytes, topic: int | None, staff_chat: int | None = None
    ) -> None:
        """Note the staff topic of a relay, and its group when given (the relay moves)."""
        if staff_chat is None:
            self._update(user, topic=topic)
        else:
            self._update(user, topic=topic, staff_chat=staff_chat)

    async def drop_topic(self, staff_chat: int, topic: int) -> int:
        """Forget a topic in every relay that claims it (each opens a new one); return how
        many."""
        found = [
            u for u, r in self.relays.items() if (r.staff_chat, r.topic) == (staff_chat, topic)
        ]
        for user in found:
            self._update(user, topic=None)
        return len(found)

    async def adopt_relays(self, staff_chat: int) -> int:
        """Give relays written without a group (before schema 4) the shared group
        `staff_chat`; return how many."""
        old = [u for u, r in self.relays.items() if r.staff_chat is None]
        for user in old:
            self._update(user, staff_chat=staff_chat)
        return len(old)

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""
        self._update(user, last_day=day)

    async def relay_waiting(self, user: bytes, since: datetime) -> None:
        """Note a young person's message (to the minute), if staff have never answered and
        none is waiting."""
        relay = self.relays.get(user)
        if relay and not relay.answered and relay.waiting_since is None:
            self._update(user, waiting_since=since.replace(second=0, microsecond=0))

    async def relay_answered(self, user: bytes) -> datetime | None:
        """Note a staff answer; return when the first unanswered message came, if one did
        (once: of two answers at the same time, only one gets it)."""
        relay = self.relays.get(user)
        if relay is None:
            return None
        self._update(user, answered=True, waiting_since=None)
        return relay.waiting_since

    async def set_relay_closed(self, user: bytes, day: date | None) -> None:
        """Mark a relay closed by staff on `day`, or open again (None)."""
        self._update(user, closed_day=day)

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""
        self.states.pop(user, None)
        return self.relays.pop(user, None) is not None

    async def expire_relays(self, before: date, closed_before: date | None = None) -> list[Expired]:
        """Delete relays last used before `before` or closed before `closed_before` (chat
        ids in memory always decrypt); return the staff topics of those that had one."""
        limit = closed_before or date.min
        old = [
            r
            for r in self.relays.values()
            if r.last_day < before or (r.closed_day is not None and r.closed_day < limit)
        ]
        for relay in old:
            del self.relays[relay.user]
            self.states.pop(relay.user, None)
        return [
            Expired(r.staff_chat, r.topic, r.closed_day is not None and r.closed_day < limit)
            for r in old
            if r.topic is not None
        ]

    async def relay_state(self, user: bytes) -> RelayState:
        """Return what staff need to know of a relay (empty when there is none)."""
        return self.states.get(user, RelayState()) if user in self.relays else RelayState()

    def _state(self, user: bytes, **changes: object) -> None:
        if user in self.relays:
            state = replace(self.states.get(user, RelayState()), **changes)  # type: ignore[arg-type]
            self.states[user] = state

    async def mark_waiting(self, user: bytes, since: datetime) -> None:
        """Note a message staff have not answered, unless an older one still waits."""
        if (await self.relay_state(user)).waiting is None:
            self._state(user, waiting=since.replace(second=0, microsecond=0))

    async def clear_waiting(self, user: bytes) -> None:
        """Note that staff answered: nothing waits."""
        self._state(user, waiting=None)

    async def set_muted(self, user: bytes, until: datetime | None) -> None:
        """Stop copying a relay's messages until `until`, or copy them again (None)."""
        self._state(user, muted_until=until)

    async def set_handover(self, user: bytes, handover: Handover | None) -> None:
        """Note a proposed handover, or drop it (None)."""
        self._state(user, handover=handover)

    async def waiting_relays(self, staff_chat: int) -> list[Waiting]:
        """Return the open relays with a topic in `staff_chat` waiting for an answer,
        longest first."""
        found = [
            Waiting(r.topic, r.pseudonym, state.waiting)
            for r in self.relays.values()
            if r.topic is not None
            and r.is_open
            and r.staff_chat == staff_chat
            and (state := self.states.get(r.user)) is not None
            and state.waiting is not None
        ]
        return sorted(found, key=lambda w: w.since)

    async def move_relay(
        self, user: bytes, desk: str, staff_chat: int, pseudonym: str
    ) -> Relay | None:
        """Hand a relay over to another desk: a new made-up name, no topic yet, nothing
        answered or waiting, its state cleared; return it (None: there is none)."""
        old = self.relays.get(user)
        if old is None:
            return None
        self.states.pop(user, None)
        self.relays[user] = replace(
            old,
            desk=desk,
            staff_chat=staff_chat,
            pseudonym=pseudonym,
            topic=None,
            answered=False,
            waiting_since=None,
            closed_day=None,
        )
        return self.relays[user]

    async def close(self) -> None:
        """Release the store."""
