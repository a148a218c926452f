"""Where a button leads: one typed route per screen, built into callback data and parsed back.

Every button's data is `route.data` of one of the routes below, and `parse` is the only
reader of callback data: it gives the route back, or None for data no version of the bot
ever built (forged, truncated or simply unknown), which the conversation answers with the
"old button" menu. The wire format is the one buttons already sitting in chats carry
(`s:appeal:1`, `o:bris:emergency`, `relay:on:any`, `dl:2026-11-10` ...), so they keep
working. Telegram allows at most 64 bytes of data; ids are at most 24 characters, which
keeps the longest route well within it (tests/test_limits.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from bot.content.loader import CATEGORIES, ID_RE
from bot.content.model import ANY

MAX_DATA: Final = 64
MAX_PAGE: Final = 999
# Languages are folder names; a code is short and plain, whatever the folder.
_CODE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,23}$")
_ISO: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True, slots=True)
class Menu:
    """The main menu."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "menu"


@dataclass(frozen=True, slots=True)
class Sheet:
    """The list of the information sheet's sections."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "sheet"


@dataclass(frozen=True, slots=True)
class Talk:
    """Talk to someone: organisations, and the relay when it is on."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "talk"


@dataclass(frozen=True, slots=True)
class About:
    """About and privacy."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "about"


@dataclass(frozen=True, slots=True)
class Languages:
    """The language choice."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "lang"


@dataclass(frozen=True, slots=True)
class Lang:
    """Choose a language (the code may be unknown: the choice is then shown again)."""

    code: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"lang:{self.code}"


@dataclass(frozen=True, slots=True)
class Section:
    """One page of one section of the sheet."""

    id: str
    page: int = 0

    @property
    def data(self) -> str:
        """The callback data."""
        return f"s:{self.id}:{self.page}" if self.page else f"s:{self.id}"


@dataclass(frozen=True, slots=True)
class OrgList:
    """The organisations of one category (one of CATEGORIES)."""

    category: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"list:{self.category}"


@dataclass(frozen=True, slots=True)
class Org:
    """One organisation, and where its Back button leads: "talk" or the list it was in."""

    id: str
    back: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"o:{self.id}:{self.back}"


@dataclass(frozen=True, slots=True)
class Pin:
    """An organisation on the map (a new message)."""

    id: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"pin:{self.id}"


@dataclass(frozen=True, slots=True)
class Listen:
    """A section's recording (a voice message)."""

    id: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"listen:{self.id}"


@dataclass(frozen=True, slots=True)
class Sos:
    """Help now: the emergency list as a new message, so nothing is replaced."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "sos"


@dataclass(frozen=True, slots=True)
class RelayChoose:
    """Write to staff: who to write to (or what happens, without desks)."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "relay"


@dataclass(frozen=True, slots=True)
class RelayDesk:
    """What happens when you write to this desk."""

    desk: str

    @property
    def data(self) -> str:
        """The callback data."""
        return f"relay:d:{self.desk}"


@dataclass(frozen=True, slots=True)
class RelayStart:
    """Open the relay to this desk."""

    desk: str = ANY

    @property
    def data(self) -> str:
        """The callback data."""
        return f"relay:on:{self.desk}"


@dataclass(frozen=True, slots=True)
class RelayCall:
    """Ask staff for a call back."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "relay:call"


@dataclass(frozen=True, slots=True)
class RelayEnd:
    """End the relay."""

    @property
    def data(self) -> str:
        """The callback data."""
        return "relay:off"


@dataclass(frozen=True, slots=True)
class HandoverAnswer:
    """The young person's answer to a handover staff proposed (`ask` names the question)."""

    ask: int
    yes: bool

    @property
    def data(self) -> str:
        """The callback data."""
        return f"relay:hv:{self.ask}:{'y' if self.yes else 'n'}"


@dataclass(frozen=True, slots=True)
class Safe:
    """Stay safe: keeping this chat private on the phone (`back`: the desk explained)."""

    back: str = ""

    @property
    def data(self) -> str:
        """The callback data."""
        return f"safe:{self.back}" if self.back else "safe"


# What the decision says about the time to appeal: a number of weeks, a last day written
# in it, or "I don't know" (then legal help first, and the usual period).
WRITTEN: Final = "written"
UNKNOWN: Final = "unknown"
Period = int | Literal["written", "unknown"]
_PERIOD_CODES: Final[dict[str, Period]] = {"e": WRITTEN, "u": UNKNOWN}


def _period_code(period: Period) -> str:
    """The period as written in callback data: weeks as digits, else one letter."""
    if isinstance(period, int):
        return str(period)
    return "e" if period == WRITTEN else "u"


def _period(code: str) -> Period | None:
    """Read a period back from callback data."""
    if code.isdigit() and len(code) <= 2 and 1 <= int(code) <= 52:
        return int(code)
    return _PERIOD_CODES.get(code)


@dataclass(frozen=True, slots=True)
class DeadlineAsk:
    """The helper's first question: what does the decision say? With a typed date, its
    buttons carry that date (the date is never stored: it lives in the buttons)."""

    day: date | None = None

    @property
    def data(self) -> str:
        """The callback data."""
        return f"dl:d:{self.day.isoformat()}" if self.day else "dl"


@dataclass(frozen=True, slots=True)
class DeadlinePick:
    """The calendar: the day the decision came (or, for WRITTEN, the last day it names)."""

    period: Period

    @property
    def data(self) -> str:
        """The callback data."""
        return f"dl:{_period_code(self.period)}"


@dataclass(frozen=True, slots=True)
class DeadlineDay:
    """The answer for a day and what the decision says (old buttons: `dl:<day>`)."""

    day: date
    period: Period = UNKNOWN

    @property
    def data(self) -> str:
        """The callback data."""
        return f"dl:{_period_code(self.period)}:{self.day.isoformat()}"


RelayRoute = RelayChoose | RelayDesk | RelayStart | RelayCall | RelayEnd
Route = (
    Menu
    | Sheet
    | Talk
    | About
    | Languages
    | Lang
    | Section
    | OrgList
    | Org
    | Pin
    | Listen
    | Sos
    | RelayChoose
    | RelayDesk
    | RelayStart
    | RelayCall
    | RelayEnd
    | HandoverAnswer
    | Safe
    | DeadlineAsk
    | DeadlinePick
    | DeadlineDay
)
DeadlineRoute = DeadlineAsk | DeadlinePick | DeadlineDay


def _id(text: str) -> str | None:
    """An id as content allows it, else None."""
    return text if ID_RE.match(text) else None


def _day(text: str) -> date | None:
    """A real date written as YYYY-MM-DD, else None."""
    if not _ISO.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _section(rest: list[str]) -> Route | None:
    if len(rest) == 1 and _id(rest[0]):
        return Section(rest[0])
    if len(rest) == 2 and _id(rest[0]) and rest[1].isdigit() and len(rest[1]) <= 3:
        return Section(rest[0], int(rest[1]))
    return None


def _org_list(rest: list[str]) -> Route | None:
    if len(rest) == 1 and rest[0] in CATEGORIES:
        return OrgList(rest[0])
    return None


def _org(rest: list[str]) -> Route | None:
    if len(rest) == 2 and _id(rest[0]) and rest[1] in (*CATEGORIES, "talk"):
        return Org(rest[0], rest[1])
    return None


def _lang(rest: list[str]) -> Route | None:
    if not rest:
        return Languages()
    if len(rest) == 1 and _CODE.match(rest[0]):
        return Lang(rest[0])
    return None


def _relay(rest: list[str]) -> Route | None:
    match rest:
        case []:
            return RelayChoose()
        case ["d", desk] if _id(desk):
            return RelayDesk(desk)
        case ["on"]:
            return RelayStart()
        case ["on", desk] if _id(desk):
            return RelayStart(desk)
        case ["call"]:
            return RelayCall()
        case ["off"]:
            return RelayEnd()
        case ["hv", ask, answer] if ask.isdigit() and len(ask) <= 12 and answer in ("y", "n"):
            return HandoverAnswer(int(ask), answer == "y")
    return None


def _deadline(rest: list[str]) -> Route | None:
    match rest:
        case []:
            return DeadlineAsk()
        case ["d", text] if (day := _day(text)) is not None:
            return DeadlineAsk(day)
        case [text] if (day := _day(text)) is not None:  # before the helper asked
            return DeadlineDay(day)
        case [code] if (period := _period(code)) is not None:
            return DeadlinePick(period)
        case [code, text] if (period := _period(code)) is not None and (
            day := _day(text)
        ) is not None:
            return DeadlineDay(day, period)
    return None


def _single(route: Route) -> Callable[[list[str]], Route | None]:
    """A parser for a route that carries nothing after its name."""
    return lambda rest: None if rest else route


_PARSERS: Final[dict[str, Callable[[list[str]], Route | None]]] = {
    "menu": _single(Menu()),
    "sheet": _single(Sheet()),
    "talk": _single(Talk()),
    "about": _single(About()),
    "sos": _single(Sos()),
    "lang": _lang,
    "s": _section,
    "list": _org_list,
    "o": _org,
    "pin": lambda rest: Pin(rest[0]) if len(rest) == 1 and _id(rest[0]) else None,
    "listen": lambda rest: Listen(rest[0]) if len(rest) == 1 and _id(rest[0]) else None,
    "relay": _relay,
    "safe": lambda rest: (
        Safe() if not rest else Safe(rest[0]) if len(rest) == 1 and _id(rest[0]) else None
    ),
    "dl": _deadline,
}


def parse(data: str) -> Route | None:
    """Read callback data back into its route; None for anything the bot never built."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_DATA:
        return None
    name, *rest = data.split(":")
    parser = _PARSERS.get(name)
    return parser(rest) if parser is not None else None
