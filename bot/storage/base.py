"""The local store: remembered languages (under pseudonyms), anonymous daily counts, relays.

Nothing here can hold a Telegram id, a name or a message: the language table is keyed
by a keyed pseudonym, and the counts table has a day, a language, an event and a
content id (a section or organisation id), nothing else.

The one exception is the relay table (schema 2, extended in 3 and 4): while a young person
writes to staff, it holds their chat id, because the bot strictly needs it to deliver staff
replies, and, until staff first answer, the minute of their first message (for the anonymous
first-response count). Since schema 4 the chat id is encrypted under a key kept outside the
data directory (bot/storage/seal.py), so a copy of the data or a backup names no one. The
row is deleted when the young person ends the relay, at /forget, a grace period after
staff /close it, after a number of days without messages, and when it cannot be decrypted
(the key changed).

Beside each relay (schema 5), its state for staff: since when the young person has waited
for an answer, until when staff muted them, and a handover staff proposed that the young
person has not answered yet. It holds no identifier and goes with the relay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Count:
    """How often an event happened on a day in a language."""

    day: date
    language: str
    event: str
    subject: str
    n: int


@dataclass(frozen=True, slots=True)
class Relay:
    """A relay between a young person and a staff group (see bot/core/relay.py)."""

    user: bytes
    chat: int
    topic: int | None
    pseudonym: str
    language: str
    last_day: date
    desk: str = "any"  # the organisation id chosen, or "any" for whoever can help
    staff_chat: int | None = None  # the staff group of the topic (None: written before 4)
    waiting_since: datetime | None = None  # first message not yet answered by staff
    answered: bool = False  # staff have answered at least once
    closed_day: date | None = None  # staff closed it on this day; deleted after a grace period

    @property
    def is_open(self) -> bool:
        """Whether messages flow (staff have not closed it)."""
        return self.closed_day is None


@dataclass(frozen=True, slots=True)
class Expired:
    """The staff topic of a relay that expired (nothing about the young person)."""

    staff_chat: int | None  # None: a row from before schema 4 (the shared group then)
    topic: int
    closed: bool  # closed by staff and past the grace period; else idle too long
    lost: bool = False  # its chat id could not be decrypted (the key changed): deleted


class AmbiguousTopic(Exception):
    """More than one relay claims a staff topic: nobody may get a copy."""


@dataclass(frozen=True, slots=True)
class Handover:
    """A handover staff proposed (see bot/core/handover.py), waiting for the young person."""

    desk: str  # the organisation that would take over
    ask: int  # the staff command's message id: the question's buttons carry it
    note: int | None = None  # the message with the staff note for the new organisation


@dataclass(frozen=True, slots=True)
class RelayState:
    """What staff need to know of a relay besides the relay itself (no identifier)."""

    waiting: datetime | None = None  # the oldest message staff have not answered yet
    muted_until: datetime | None = None  # staff stopped copying the young person until then
    handover: Handover | None = None


@dataclass(frozen=True, slots=True)
class Waiting:
    """A conversation waiting for staff: its topic, made-up name, and since when."""

    topic: int
    pseudonym: str
    since: datetime


class Store(Protocol):
    """Where the bot keeps what it must remember."""

    async def language(self, user: bytes) -> str | None:
        """Return the remembered language of a pseudonymous user."""

    async def remember_language(self, user: bytes, language: str, day: date) -> None:
        """Remember a user's language, noting the day (for expiry)."""

    async def forget(self, user: bytes) -> None:
        """Delete everything held about a user."""

    async def expire_languages(self, before: date) -> int:
        """Delete languages last set before `before`; return how many."""

    async def count(
        self, day: date, language: str, event: str, subject: str = "", n: int = 1
    ) -> None:
        """Add one (or `n`) to a daily count."""

    async def counts(self, first: date, last: date) -> list[Count]:
        """Return the counts from `first` to `last`, inclusive."""

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
        """Open a relay, or renew the user's one (a new desk or group starts a new topic)."""

    async def relay(self, user: bytes) -> Relay | None:
        """Return the relay of a user (open, or closed by staff within the grace period)."""

    async def relay_by_topic(self, staff_chat: int, topic: int) -> Relay | None:
        """Return the relay of a topic in `staff_chat`; raise AmbiguousTopic if several."""

    async def set_relay_topic(
        self, user: bytes, topic: int | None, staff_chat: int | None = None
    ) -> None:
        """Note the staff topic of a relay, and its group when given (the relay moves)."""

    async def drop_topic(self, staff_chat: int, topic: int) -> int:
        """Forget a topic in every relay that claims it (each opens a new one); return how
        many."""

    async def adopt_relays(self, staff_chat: int) -> int:
        """Give relays written without a group (before schema 4) the shared group
        `staff_chat`; return how many."""

    async def touch_relay(self, user: bytes, day: date) -> None:
        """Note that a relay was used on `day` (for expiry)."""

    async def relay_waiting(self, user: bytes, since: datetime) -> None:
        """Note a young person's message (to the minute), if staff have never answered and
        none is waiting."""

    async def relay_answered(self, user: bytes) -> datetime | None:
        """Note a staff answer; return when the first unanswered message came, if one did
        (once: of two answers at the same time, only one gets it)."""

    async def set_relay_closed(self, user: bytes, day: date | None) -> None:
        """Mark a relay closed by staff on `day`, or open again (None)."""

    async def close_relay(self, user: bytes) -> bool:
        """Delete a relay; say whether there was one."""

    async def expire_relays(self, before: date, closed_before: date | None = None) -> list[Expired]:
        """Delete relays last used before `before` or closed before `closed_before`, and
        those whose chat id cannot be decrypted; return the staff topics of those that had
        one."""

    async def relay_state(self, user: bytes) -> RelayState:
        """Return what staff need to know of a relay (empty when there is none)."""

    async def mark_waiting(self, user: bytes, since: datetime) -> None:
        """Note a message staff have not answered, unless an older one still waits."""

    async def clear_waiting(self, user: bytes) -> None:
        """Note that staff answered: nothing waits."""

    async def set_muted(self, user: bytes, until: datetime | None) -> None:
        """Stop copying a relay's messages until `until`, or copy them again (None)."""

    async def set_handover(self, user: bytes, handover: Handover | None) -> None:
        """Note a proposed handover, or drop it (None)."""

    async def waiting_relays(self, staff_chat: int) -> list[Waiting]:
        """Return the open relays with a topic in `staff_chat` waiting for an answer,
        longest first."""

    async def move_relay(
        self, user: bytes, desk: str, staff_chat: int, pseudonym: str
    ) -> Relay | None:
        """Hand a relay over to another desk: a new made-up name, no topic yet, nothing
        answered or waiting, its state cleared; return it (None: there is none)."""

    async def close(self) -> None:
        """Release the store."""
