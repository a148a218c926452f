"""The conversation core: an incoming event in, what to show out. Knows nothing of Telegram."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal, Protocol

from bot.core import arrivals
from bot.core.pseudonym import Pseudonyms, relay_pseudonym
from bot.core.uniques import DailyUniques
from bot.rules.hours import STOCKHOLM
from bot.screens import deadline as deadline_screens
from bot.screens import relay as relay_screens
from bot.screens import routes
from bot.screens.library import Library, Screen, Venue
from bot.storage.base import Expired, Relay, Store

log = logging.getLogger(__name__)

NO_LANGUAGE = "-"
MAX_DATA = routes.MAX_DATA
# A remembered language is deleted after this many days without a new choice or /start.
LANGUAGE_DAYS = 365
# A relay to staff (and the chat id it holds) is deleted after this many days without messages
# (BOT_RELAY_DAYS), and this many days after staff closed it (BOT_RELAY_GRACE_DAYS).
RELAY_DAYS = 30
RELAY_GRACE_DAYS = 7
STORE_TROUBLE_SECONDS = 600.0  # a failing store is logged at most this often
UNSAVED_LANGUAGES = 10_000  # languages held in memory while the store cannot write


class Clock(Protocol):
    """Tells the time; tests inject a fixed one."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Event:
    """Something a user did: a command, a button press, a text, or anything else."""

    kind: Literal["command", "button", "text", "contact", "other"]
    chat: int
    value: str = ""  # a contact's value is its phone number if it is the user's own, else ""
    app_language: str | None = None
    argument: str = ""  # what follows a command: /start's deep-link payload


@dataclass(frozen=True, slots=True)
class AskContact:
    """A keyboard under the message field: share my phone number, or not now."""

    share: str
    cancel: str


@dataclass(frozen=True, slots=True)
class WipeNotes:
    """What to tell the person after deleting their chat's messages: all done, or not."""

    done: str
    incomplete: str


@dataclass(frozen=True, slots=True)
class Reply:
    """What to do in answer: show a screen (editing the pressed message), maybe a map pin."""

    screen: Screen | None
    edit: bool = False
    venue: Venue | None = None
    notice: str | None = None
    voice: Path | None = None  # a recording of a section, sent as a voice message
    relay: bool = False  # copy the incoming message to the staff group (see bot/core/relay.py)
    keyboard: AskContact | Literal["remove"] | None = None  # a reply keyboard, or remove it
    staff_note: tuple[Relay, str] | None = None  # tell staff in the relay's topic (a text key)
    wipe: WipeNotes | None = None  # delete the latest messages in the chat (at /forget)
    handover: tuple[Relay, bool] | None = None  # the young person's answer to a handover


class Conversation:
    """Answers events. Stateless between events except for the remembered language."""

    def __init__(
        self,
        library: Library,
        store: Store,
        pseudonyms: Pseudonyms,
        clock: Clock | None = None,
        uniques: DailyUniques | None = None,
        *,
        relay_enabled: bool = False,
        relay_days: int = RELAY_DAYS,
        relay_grace_days: int = RELAY_GRACE_DAYS,
        shared_chat: int | None = None,
    ) -> None:
        self.library = library
        self.store = store
        self.pseudonyms = pseudonyms
        self.clock: Clock = clock or SystemClock()
        self.relay_enabled = relay_enabled or shared_chat is not None
        # The shared staff group (BOT_STAFF_CHAT_ID): a relay always notes its concrete group.
        self.shared_chat = shared_chat
        self.relay_days = relay_days
        self.relay_grace_days = relay_grace_days
        self._expired_on: date | None = None
        self._expiring = asyncio.Lock()
        # Told which staff topics lost their young person at expiry (set by the relay).
        self.on_expired: Callable[[list[Expired]], Awaitable[None]] | None = None
        # Unique users per day: salted hashes in memory only (see bot/core/uniques.py).
        self.uniques = uniques or DailyUniques(self.clock, store, self.store_trouble)
        # A full disk must not cost anyone the menu or the emergency numbers: languages
        # chosen while the store cannot write are kept here, in memory only.
        self._unsaved: dict[bytes, str] = {}
        self._trouble_logged: float | None = None
        self._commands: dict[str, Callable[[str], Screen]] = {
            "help": lambda lang: self.library.text_screen(lang, "help-text"),
            "privacy": self._about,
        }

    def _about(self, language: str) -> Screen:
        """The about text, with the relay's real number of days (BOT_RELAY_DAYS)."""
        lib = self.library
        text = lib.t(language, "about-text", days=self.relay_days)
        return Screen(text, (lib.nav(language, routes.Menu()),))

    def today(self) -> date:
        """Today in Stockholm."""
        return self.clock.now().astimezone(STOCKHOLM).date()

    async def count(self, language: str, event: str, subject: str = "") -> None:
        """Add to the anonymous daily counts, best effort: a failing store blocks no answer."""
        try:
            await self.store.count(self.today(), language, event, subject)
        except Exception as exc:
            self.store_trouble("a count", exc)

    def store_trouble(self, what: str, exc: Exception) -> None:
        """Log a store failure in one line, at most once per STORE_TROUBLE_SECONDS."""
        now = time.monotonic()
        last = self._trouble_logged
        if last is not None and now - last < STORE_TROUBLE_SECONDS:
            return
        self._trouble_logged = now
        log.error(
            "the store cannot be written (%s: %s); %s was skipped, answers go on "
            "(said at most every %d minutes)",
            type(exc).__name__,
            exc,
            what,
            STORE_TROUBLE_SECONDS // 60,
        )

    async def _language(self, user: bytes) -> str | None:
        """The user's remembered language (in the store, or in memory while it fails)."""
        return await self.store.language(user) or self._unsaved.get(user)

    async def remember(self, user: bytes, language: str) -> None:
        """Remember a user's language; while the store cannot write, in memory only."""
        try:
            await self.store.remember_language(user, language, self.today())
        except Exception as exc:
            self.store_trouble("remembering a language", exc)
            if len(self._unsaved) >= UNSAVED_LANGUAGES:
                self._unsaved.pop(next(iter(self._unsaved)))
            self._unsaved[user] = language
        else:
            self._unsaved.pop(user, None)

    async def shutdown(self) -> None:
        """On stop: write today's unique users (best effort), then always close the store."""
        try:
            await self.uniques.flush()
        except Exception as exc:
            self.store_trouble("writing unique users", exc)
        finally:
            await self.store.close()

    async def expire_daily(self) -> None:
        """Once a day, delete languages nobody has renewed for a year, idle relays and
        relays closed longer than the grace period. Run before every update and by
        `keep_tidy`, so a quiet day cannot keep a link past its time."""
        today = self.today()
        if self._expired_on == today:
            return
        # Everyone waits for a running expiry (no message may travel over a link being
        # deleted); it counts as done only when it succeeded, so a failure is tried again.
        async with self._expiring:
            if self._expired_on == today:
                return
            try:
                await self.store.expire_languages(today - timedelta(days=LANGUAGE_DAYS))
                expired = await self.store.expire_relays(
                    today - timedelta(days=self.relay_days),
                    today - timedelta(days=self.relay_grace_days),
                )
            except Exception as exc:  # a full disk or the like: answer anyway, try again later
                self.store_trouble("the daily expiry (tried again later)", exc)
                return
            self._expired_on = today
        if expired and self.on_expired is not None:
            await self.on_expired(expired)

    async def keep_tidy(self, every: float = 600.0) -> None:
        """Run the daily expiry at once (links the key cannot read are reported at start),
        then every `every` seconds, until cancelled (runners start it)."""
        while True:
            await self.expire_daily()
            await asyncio.sleep(every)

    async def handle(self, event: Event) -> Reply | None:
        """Answer one event."""
        await self.expire_daily()
        user = self.pseudonyms.of(event.chat)
        language = await self._language(user)
        if language is not None and not self.library.texts.known(language):
            language = None
        await self.uniques.seen(user, language)
        if event.kind == "button":
            return await self._button(event, user, language)
        preferred = language or self.library.texts.match(event.app_language)
        if event.kind == "command" and event.value == "start":
            opened = await arrivals.deep_link(self, user, language, event.argument)
            if opened is not None:
                return Reply(opened)
            await self.count(language or NO_LANGUAGE, "start")
            if language is not None:
                await self.remember(user, language)
            return Reply(self.library.language_choice(preferred))
        if event.kind == "command" and event.value == "language":
            return Reply(self.library.language_choice(preferred))
        if language is None:
            numbers = await arrivals.before_language(self, event)  # crisis or help words
            return Reply(numbers or self.library.language_choice(preferred))
        if event.kind == "command" and event.value == "forget":
            relay = await self.store.relay(user)
            await self.store.forget(user)  # not best effort: /forget must delete or say no
            self._unsaved.pop(user, None)
            await self.count(language, "forget")
            t = self.library.t
            return Reply(
                Screen(t(language, "forgotten")),
                keyboard="remove" if relay else None,
                staff_note=(relay, "relay-staff-forgot") if relay else None,
                wipe=WipeNotes(t(language, "forget-wiped"), t(language, "forget-wipe-incomplete")),
            )
        if event.kind == "command":
            return Reply(self._command(language, event.value))
        relay = await self.store.relay(user) if self.relay_enabled else None
        if relay is not None:
            return self._relayed(event, language, relay)
        if event.kind == "text":  # a date for the deadline helper, or words
            return Reply(await arrivals.typed(self, event.value, language))
        return Reply(self.library.menu(language, prefix=self.library.t(language, "only-text")))

    def _command(self, language: str, name: str) -> Screen:
        if name == "menu":
            return self.library.menu(language)
        screen = self._commands.get(name)
        if screen is None:
            return self.library.menu(language, prefix=self.library.t(language, "unknown-command"))
        return screen(language)

    async def _button(self, event: Event, user: bytes, language: str | None) -> Reply:
        route = routes.parse(event.value)
        if isinstance(route, routes.Lang):
            if not self.library.texts.known(route.code):
                return Reply(self.library.language_choice(language), edit=True)
            await self.remember(user, route.code)
            await self.count(route.code, "language", route.code)
            await self.uniques.seen(user, route.code)
            return Reply(self.library.menu(route.code), edit=True)
        if language is None or isinstance(route, routes.Languages):
            preferred = language or self.library.texts.match(event.app_language)
            return Reply(self.library.language_choice(preferred), edit=True)
        reply = None if route is None else await self._route(event, user, language, route)
        if reply is None:
            stale = self.library.t(language, "stale-button")
            return Reply(self.library.menu(language, prefix=stale), edit=True)
        return reply

    def _relayed(self, event: Event, language: str, relay: Relay) -> Reply:
        """A message while a relay exists: to staff, unless it is an answer to the bot."""
        lib = self.library
        if not relay.is_open:  # staff closed it; the link waits out the grace period
            text = lib.t(language, "relay-is-closed")
            return Reply(Screen(text, relay_screens.new_conversation(lib, language)))
        if event.kind == "text" and event.value == lib.t(language, "relay-call-no"):
            screen = Screen(
                lib.t(language, "relay-call-cancelled"), relay_screens.buttons(lib, language)
            )
            return Reply(screen, keyboard="remove")
        if event.kind == "contact" and not event.value:
            return Reply(Screen(lib.t(language, "relay-call-other")))
        return Reply(None, relay=True)

    async def _relay(
        self, event: Event, user: bytes, language: str, route: routes.RelayRoute
    ) -> Reply | None:
        """The relay to staff: choose, explain, open, call back, end.

        The chat id is kept only while the relay exists (see bot/storage/base.py).
        """
        lib = self.library
        relay_content = lib.content.relay
        days, grace = self.relay_days, self.relay_grace_days
        match route:
            case routes.RelayStart(desk_id):
                desk = relay_content.desk(desk_id)
                if desk is None:
                    return None
                old = await self.store.relay(user)
                new = await self.store.open_relay(
                    user,
                    event.chat,
                    relay_pseudonym(),
                    language,
                    self.today(),
                    desk.id,
                    desk.staff_chat if desk.staff_chat is not None else self.shared_chat,
                )
                await self.count(language, "relay", desk.id)
                # Another organisation: its staff get a new topic and name; the old topic
                # is told.
                moved = old is not None and old.topic is not None and new.topic is None
                note = (old, "relay-staff-moved") if old is not None and moved else None
                screen = relay_screens.started(lib, language, desk)
                return Reply(screen, edit=True, staff_note=note)
            case routes.RelayEnd():
                relay = await self.store.relay(user)
                await self.store.close_relay(user)
                screen = lib.menu(language, prefix=lib.t(language, "relay-ended"))
                note = (relay, "relay-staff-ended") if relay and relay.is_open else None
                return Reply(screen, edit=True, staff_note=note)
            case routes.RelayCall():
                relay = await self.store.relay(user)
                if relay is None or not relay.is_open:
                    return None
                ask = AskContact(
                    lib.t(language, "relay-call-share"), lib.t(language, "relay-call-no")
                )
                return Reply(Screen(lib.t(language, "relay-call-ask")), keyboard=ask)
            case routes.RelayDesk(desk_id):
                desk = relay_content.desk(desk_id)
                if desk is None:
                    return None
                return Reply(relay_screens.intro(lib, language, desk, days, grace), edit=True)
        if relay_content.desks:
            return Reply(relay_screens.choose(lib, language), edit=True)
        return Reply(
            relay_screens.intro(lib, language, relay_content.anyone, days, grace), edit=True
        )

    async def _route(
        self, event: Event, user: bytes, language: str, route: routes.Route
    ) -> Reply | None:
        """Answer a button whose data parsed; None when what it names no longer exists."""
        lib = self.library
        match route:
            case routes.Menu():
                return Reply(lib.menu(language), edit=True)
            case routes.Sheet():
                await self.count(language, "sheet")
                return Reply(lib.sheet(language), edit=True)
            case routes.Section(section_id, page):
                screen = lib.section(language, section_id, page)
                if screen is not None and page == 0:
                    await self.count(language, "section", section_id)
                return Reply(screen, edit=True) if screen else None
            case routes.OrgList(category):
                await self.count(language, "list", category)
                return Reply(lib.organisations(language, category), edit=True)
            case routes.Org(org_id, back):
                org = lib.content.organisation(org_id)
                if org is None:
                    return None
                back_route: routes.Route = routes.Talk() if back == "talk" else routes.OrgList(back)
                if back not in ("talk", *org.categories):
                    back_route = routes.Menu()
                await self.count(language, "organisation", org_id)
                screen = lib.organisation(language, org, back_route, self.clock.now())
                return Reply(screen, edit=True)
            case routes.Pin(org_id):
                org = lib.content.organisation(org_id)
                venue = lib.venue(language, org) if org else None
                if venue is None:
                    return None
                await self.count(language, "map", org_id)
                return Reply(None, venue=venue)
            case routes.Listen(section_id):
                voice = lib.content.audio.get((language, section_id))
                if voice is None:
                    return None
                await self.count(language, "listen", section_id)
                return Reply(None, voice=voice)
            case routes.Talk():
                await self.count(language, "talk")
                return Reply(lib.talk(language, relay=self.relay_enabled), edit=True)
            case routes.About():
                await self.count(language, "about")
                return Reply(self._about(language), edit=True)
            case routes.Safe(back):
                await self.count(language, "safe")
                return Reply(relay_screens.safe(lib, language, back, self.relay_enabled), edit=True)
            case routes.HandoverAnswer(ask, yes) if self.relay_enabled:
                state = await self.store.relay_state(user)  # empty without a relay
                relay, pending = await self.store.relay(user), state.handover
                if relay is None or pending is None or pending.ask != ask:
                    return None  # answered already, or staff asked again since
                screen = relay_screens.handover_question(lib, language, relay.desk, pending.desk)
                return Reply(screen, edit=True, handover=(relay, yes))  # the relay does the rest
            case routes.Sos():
                # Help now, from under a relay message: a new message, so nothing is replaced.
                await self.count(language, "list", "emergency")
                return Reply(lib.organisations(language, "emergency"))
            case routes.DeadlineAsk() | routes.DeadlinePick() | routes.DeadlineDay():
                found = deadline_screens.route(lib, language, route, self.today())
                if found is None:
                    return None
                if found.band is not None:
                    await self.count(language, "deadline", found.band)
                return Reply(found.screen, edit=True)
            case (
                routes.RelayChoose()
                | routes.RelayDesk()
                | routes.RelayStart()
                | routes.RelayCall()
                | routes.RelayEnd()
            ) if self.relay_enabled:
                return await self._relay(event, user, language, route)
        return None
