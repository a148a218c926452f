"""End to end: the relay to staff, in both runners, against the fake Bot API.

Every test runs the real bot (python-telegram-bot, then aiogram) with a staff forum group,
and drives it only through Telegram updates: a young person presses buttons and writes,
staff write in the topic.
"""

from __future__ import annotations

import asyncio
import shutil
import struct
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.conversation import Conversation
from bot.core.relay import bridge, limits
from bot.screens.library import Library
from bot.settings import Settings
from tests.conftest import CONTENT, FixedClock, settings_for
from tests.support.fakebotapi import FakeBotAPI, FakeChat, FakeUser
from tests.support.running import MODES
from tests.support.running import bot_running as running_bot

KARIM_ID = 777000123
TUESDAY = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 14:00 in Stockholm


@dataclass
class Relayed:
    """A running bot with a staff forum group, and its fake Telegram."""

    api: FakeBotAPI
    group: FakeChat
    settings: Settings
    conversation: Conversation
    clock: FixedClock

    @property
    def lib(self) -> Library:
        """The bot's content and strings."""
        return self.conversation.library


@asynccontextmanager
async def bot_running(
    api: FakeBotAPI, settings: Settings, clock: FixedClock, runner: str
) -> AsyncIterator[Conversation]:
    """Run the real bot (`runner`: a mode of tests.support.running) until the block ends."""
    async with running_bot(api, settings, runner, clock=clock) as conversation:
        yield conversation


@asynccontextmanager
async def running(
    tmp_path: Path,
    runner: str,
    relay_yaml: Callable[[FakeBotAPI], str] | None = None,
) -> AsyncIterator[Relayed]:
    """Start the bot; `relay_yaml` writes content/relay.yaml (it may name fake groups)."""
    async with FakeBotAPI() as api:
        group = api.group(is_forum=True)
        content = CONTENT
        if relay_yaml is not None:
            content = tmp_path / "content"
            shutil.copytree(CONTENT, content)
            (content / "relay.yaml").write_text(relay_yaml(api), encoding="utf-8")
        settings = settings_for(api, tmp_path, staff_chat_id=group.id, content_dir=content)
        clock = FixedClock(TUESDAY)
        async with bot_running(api, settings, clock, runner) as conversation:
            yield Relayed(api, group, settings, conversation, clock)


@pytest.fixture(params=MODES)
def runner(request: pytest.FixtureRequest) -> str:
    """Each runner, by polling and by webhook, in turn."""
    return str(request.param)


@pytest.fixture
async def relayed(tmp_path: Path, runner: str) -> AsyncIterator[Relayed]:
    """The bot with the repository's content and a staff forum group."""
    async with running(tmp_path, runner) as r:
        yield r


def routes(markup: dict[str, object] | None) -> list[str]:
    """The callback data of an inline keyboard."""
    rows = (markup or {}).get("inline_keyboard", [])
    assert isinstance(rows, list)
    return [b.get("callback_data") or b.get("url") for row in rows for b in row]


async def open_relay(api: FakeBotAPI, user: FakeUser, language: str, desk: str = "any") -> int:
    """Pick a language, Talk, Write to staff, choose `desk`, confirm; return the screen id."""
    before = len(api.chat_messages(user.id))
    await api.push_text(user, "/start")
    await api.wait_for(lambda: len(api.chat_messages(user.id)) == before + 1)
    screen = api.chat_messages(user.id)[-1]
    edited = screen.edited
    steps = (f"lang:{language}", "talk", "relay", f"relay:d:{desk}", f"relay:on:{desk}")
    n = 0
    for route in steps:
        if route.startswith("relay:d:") and route not in routes(screen.reply_markup):
            continue  # no organisations to choose from: straight to the explanation
        assert not n or route in routes(screen.reply_markup), (route, screen.reply_markup)
        await api.press(user, screen.message_id, route)
        n += 1
        await api.wait_for(lambda: screen.edited == edited + n)  # noqa: B023
    return screen.message_id


def staff_member(r: Relayed) -> FakeUser:
    """A member of the staff group."""
    staff = r.api.user(first_name="Anna")
    r.api.set_member(r.group, staff)
    return staff


async def test_dari_relay_round_trip_close_reopen_and_forget(relayed: Relayed) -> None:
    """Dari, to Rädda Barnen: write, staff answer, /close, /reopen; /forget leaves nothing."""
    r = relayed
    api, group, lib = r.api, r.group, r.lib
    karim = api.user(id=KARIM_ID, first_name="Karim", username="karim_k", language_code="fa")
    await open_relay(api, karim, "fa-AF", "radda-barnen")
    screen = api.chat_messages(karim.id)[0]
    assert lib.t("fa-AF", "relay-started")[:20] in screen.text
    assert routes(screen.reply_markup) == ["sos", "relay:call", "relay:off"]

    sent = await api.push_text(karim, "سلام، سوال دارم")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    assert copy["from_chat_id"] == karim.id and copy["message_id"] == sent
    assert not api.calls("forwardMessage")
    title = str(api.calls("createForumTopic")[0]["name"])
    assert title.endswith("· fa-AF · radda-barnen")
    for secret in ("Karim", "karim", str(KARIM_ID)):
        assert secret not in title
    thread = copy["message_thread_id"]
    # The message first, then the bot's note for staff (in a busy group, each waits its turn).
    await api.wait_for(lambda: len(api.chat_messages(group.id)) == 2)
    staff_texts = [m.text for m in api.chat_messages(group.id)]
    assert staff_texts[0] == "سلام، سوال دارم"
    assert "Rädda Barnen" in staff_texts[1] and "/close" in staff_texts[1]
    delivered = lib.t("fa-AF", "relay-delivered")
    await api.wait_for(lambda: api.texts(karim.id)[-1] == delivered)
    assert routes(api.chat_messages(karim.id)[-1].reply_markup)[0] == "sos"

    # A second message soon after: a 👍 instead of another "Delivered".
    second = await api.push_text(karim, "یک سوال دیگر")
    await api.wait_for(lambda: (karim.id, second) in api.reactions)
    assert api.texts(karim.id).count(delivered) == 1

    staff = staff_member(r)
    r.clock.moment += timedelta(minutes=137)
    await api.push_group_text(group, staff, "Hej Karim, vi hjälper dig.", message_thread_id=thread)
    back = await api.wait_for_call("copyMessage", chat_id=karim.id, from_chat_id=group.id)
    assert routes(back["reply_markup"]) == ["sos"]
    await api.wait_for(lambda: api.texts(karim.id)[-1] == "Hej Karim, vi hjälper dig.")
    today = r.conversation.today()
    for _ in range(200):  # the count is written just after the copy
        counted = {(c.event, c.subject) for c in await r.conversation.store.counts(today, today)}
        if ("first-response", "137") in counted:
            break
        await asyncio.sleep(0.02)
    assert {("first-response", "137"), ("relay", "radda-barnen")} <= counted

    await api.push_group_text(group, staff, "/close", message_thread_id=thread)
    closed = lib.t("fa-AF", "relay-closed")
    await api.wait_for(lambda: api.texts(karim.id)[-1] == closed)
    user = r.conversation.pseudonyms.of(karim.id)
    relay = await r.conversation.store.relay(user)
    assert relay is not None and not relay.is_open  # kept for the grace period only
    # Closed: the young person's text is not relayed, staff's neither.
    copies = len(api.calls("copyMessage"))
    await api.push_text(karim, "hello?")
    await api.wait_for(lambda: api.texts(karim.id)[-1] == lib.t("fa-AF", "relay-is-closed"))
    await api.push_group_text(group, staff, "one more thing", message_thread_id=thread)
    await api.wait_for(lambda: "/reopen" in api.texts(group.id)[-1])
    assert len(api.calls("copyMessage")) == copies
    await api.push_group_text(group, staff, "/reopen", message_thread_id=thread)
    await api.wait_for(lambda: lib.t("fa-AF", "relay-started")[:20] in api.texts(karim.id)[-1])
    relay = await r.conversation.store.relay(user)
    assert relay is not None and relay.is_open

    # /forget: the link goes, staff are told, the chat is wiped as far as Telegram allows
    # (not the first screen: made older than 48 hours here).
    oldest = api.chat_messages(karim.id)[0]
    oldest.date -= 49 * 3600
    await api.push_text(karim, "/forget")
    await api.wait_for(lambda: any("/forget" in t for t in api.texts(group.id)[-1:]))
    wiped = lib.t("fa-AF", "forget-wiped")
    await api.wait_for(lambda: any(wiped in t for t in api.texts(karim.id)[-1:]))
    assert await r.conversation.store.relay(user) is None
    await api.wait_for(lambda: len(api.chat_messages(karim.id, include_user=True)) == 3)
    wipes = api.calls("deleteMessages")
    assert wipes and all(c["chat_id"] == karim.id for c in wipes)
    left = api.chat_messages(karim.id, include_user=True)
    forgotten = lib.t("fa-AF", "forgotten")[:20]
    assert left[0] is oldest and forgotten in left[1].text and wiped in left[2].text
    needles = (str(KARIM_ID).encode(), struct.pack(">i", KARIM_ID), struct.pack(">q", KARIM_ID))
    for path in r.settings.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(n in data for n in needles), path.name


async def test_two_messages_at_once_open_one_topic(relayed: Relayed) -> None:
    """Two messages pushed at the same moment by a new user open one topic, both copied."""
    api, group = relayed.api, relayed.group
    amal = api.user(first_name="Amal", language_code="ar")
    await open_relay(api, amal, "ar")
    await asyncio.gather(api.push_text(amal, "one"), api.push_text(amal, "two"))
    await api.wait_for_call("copyMessage", n=2, chat_id=group.id)
    assert len(api.calls("createForumTopic")) == 1
    threads = {c["message_thread_id"] for c in api.calls("copyMessage")}
    assert len(threads) == 1


async def test_other_groups_and_unknown_topics_are_ignored(relayed: Relayed) -> None:
    """Text in another group, or in a staff topic with no relay, goes nowhere."""
    api, group = relayed.api, relayed.group
    other = api.group(title="Strangers", is_forum=True)
    someone = api.user(first_name="Eve")
    await api.push_group_text(other, someone, "hello bot", message_thread_id=50)
    await api.push_group_text(other, someone, "/close", message_thread_id=50)
    await api.push_group_text(group, someone, "/close", message_thread_id=60)
    await api.push_group_text(group, someone, "note to colleagues", message_thread_id=60)
    await api.settled()
    assert not api.calls("copyMessage")
    assert not api.calls("sendMessage")


async def test_blocked_young_person_and_ending(relayed: Relayed) -> None:
    """A reply to someone who blocked the bot leaves a note; ending tells staff."""
    api, group, lib = relayed.api, relayed.group, relayed.lib
    sara = api.user(first_name="Sara", language_code="sv")
    screen_id = await open_relay(api, sara, "sv")
    await api.push_text(sara, "Hej")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    thread = copy["message_thread_id"]
    await api.wait_for(lambda: api.texts(sara.id)[-1] == lib.t("sv", "relay-delivered"))
    api.block(sara)
    staff = staff_member(relayed)
    await api.push_group_text(group, staff, "Hej!", message_thread_id=thread)
    blocked = lib.t("sv", "relay-staff-blocked")
    await api.wait_for(lambda: blocked in api.texts(group.id))
    api.unblock(sara)
    await api.press(sara, screen_id, "relay:off")
    ended = lib.t("sv", "relay-staff-ended")
    await api.wait_for(lambda: ended in api.texts(group.id))
    user = relayed.conversation.pseudonyms.of(sara.id)
    assert await relayed.conversation.store.relay(user) is None


async def test_flood_limit(relayed: Relayed, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the limit per minute: the rest are not copied and the user is asked to wait.

    The limit is ten; it is lowered here because the real pacing of group sends is slow.
    """
    monkeypatch.setattr(limits, "FLOOD_MESSAGES", 2)
    api, lib = relayed.api, relayed.lib
    omid = api.user(first_name="Omid", language_code="fa")
    await open_relay(api, omid, "fa-AF")
    for n in range(4):
        await api.push_text(omid, f"m{n}")
    wait = lib.t("fa-AF", "relay-wait")
    await api.wait_for(lambda: api.texts(omid.id).count(wait) == 2, 20)
    await api.settled()
    assert len(api.calls("copyMessage")) == 2


async def test_deleted_topic_is_opened_again(relayed: Relayed) -> None:
    """If staff delete a topic, the next message opens a new one."""
    api, group = relayed.api, relayed.group
    lina = api.user(first_name="Lina", language_code="en")
    await open_relay(api, lina, "en")
    await api.push_text(lina, "first")
    first = await api.wait_for_call("copyMessage", chat_id=group.id)
    await api.wait_for(lambda: "Delivered" in api.texts(lina.id)[-1])
    del api.topics[group.id][first["message_thread_id"]]
    await api.push_text(lina, "second")
    await api.wait_for_call("copyMessage", n=2, chat_id=group.id)
    second = api.calls("copyMessage")[-1]
    assert second["message_thread_id"] != first["message_thread_id"]
    assert len(api.calls("createForumTopic")) == 2


async def test_call_back_number_only_when_shared(relayed: Relayed) -> None:
    """Ask for a call back: a contact button; staff see the number, not the name."""
    api, group, lib = relayed.api, relayed.group, relayed.lib
    nour = api.user(first_name="Nour", username="nour_x", language_code="ar")
    screen_id = await open_relay(api, nour, "ar")
    await api.press(nour, screen_id, "relay:call")
    await api.wait_for(lambda: "keyboard" in (api.calls("sendMessage")[-1]["reply_markup"] or {}))
    ask = api.calls("sendMessage")[-1]
    assert ask["chat_id"] == nour.id
    buttons = ask["reply_markup"]["keyboard"]
    assert buttons[0][0]["request_contact"] is True
    assert buttons[0][0]["text"] == lib.t("ar", "relay-call-share")
    # Someone else's contact is not passed on.
    friend = {"phone_number": "+46700000001", "first_name": "Friend", "user_id": 1}
    await api.push_message(nour, contact=friend)
    await api.wait_for(lambda: api.texts(nour.id)[-1] == lib.t("ar", "relay-call-other"))
    own = {"phone_number": "+46700000002", "first_name": "Nour", "user_id": nour.id}
    await api.push_message(nour, contact=own)
    await api.wait_for(lambda: any("+46700000002" in t for t in api.texts(group.id)))
    assert not any("Nour" in t or "nour" in t for t in api.texts(group.id))
    assert not any("+46700000001" in t for t in api.texts(group.id))
    await api.wait_for(lambda: api.texts(nour.id)[-1] == lib.t("ar", "relay-call-thanks"))
    last = [c for c in api.calls("sendMessage") if c["chat_id"] == nour.id][-1]
    assert last["reply_markup"] == {"remove_keyboard": True}
    assert not api.calls("copyMessage")  # the contact card itself never travels


async def test_help_now_from_a_relay_message(relayed: Relayed) -> None:
    """🆘 under a relay message sends the helplines as a new message."""
    api, lib = relayed.api, relayed.lib
    ali = api.user(first_name="Ali", language_code="en")
    screen_id = await open_relay(api, ali, "en")
    before = len(api.chat_messages(ali.id))
    await api.press(ali, screen_id, "sos")
    await api.wait_for(lambda: len(api.chat_messages(ali.id)) == before + 1)
    assert "112" in api.texts(ali.id)[-1] and "116 111" in api.texts(ali.id)[-1]
    assert lib.t("en", "relay-started")[:20] in api.texts(ali.id)[0]  # not replaced


async def test_prepared_answers_in_the_young_persons_language(relayed: Relayed) -> None:
    """/answer lists the answers; /answer name sends it in Dari and shows staff what went."""
    api, group, lib = relayed.api, relayed.group, relayed.lib
    zahra = api.user(first_name="Zahra", language_code="fa")
    await open_relay(api, zahra, "fa-AF")
    await api.push_text(zahra, "سلام")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    thread = copy["message_thread_id"]
    staff = staff_member(relayed)
    await api.push_group_text(group, staff, "/answer", message_thread_id=thread)
    await api.wait_for(lambda: "• danger:" in api.texts(group.id)[-1])
    await api.push_group_text(group, staff, "/answer danger", message_thread_id=thread)
    dari = lib.content.relay.answers["danger"]["fa-AF"]
    await api.wait_for(lambda: "116\xa0111" in api.texts(zahra.id)[-1])
    assert dari.split()[0] in api.texts(zahra.id)[-1]
    await api.wait_for(lambda: "116\xa0111" in api.texts(group.id)[-1])
    assert "danger" in api.texts(group.id)[-1]


async def test_closed_hours_answer_uses_the_languages_hours(tmp_path: Path, runner: str) -> None:
    """Tuesday 14:00: Dari staff work (Tuesdays), others only on Wednesdays: say when."""

    def relay_yaml(api: FakeBotAPI) -> str:
        return (
            "hours: [{days: wed, open: '10:00', close: '16:00'}]\n"
            "languages:\n  fa-AF: [{days: tue, open: '10:00', close: '16:00'}]\n"
        )

    async with running(tmp_path, runner, relay_yaml) as r:
        api, lib = r.api, r.lib
        intro_user = api.user(first_name="Hasan", language_code="en")
        await open_relay(api, intro_user, "en")
        assert "10:00" in api.texts(intro_user.id)[0]  # the hours, on the started screen
        await api.push_text(intro_user, "hello")
        await api.wait_for(lambda: "112" in api.texts(intro_user.id)[-1])
        assert "Wednesday" in api.texts(intro_user.id)[-1]
        reza = api.user(first_name="Reza", language_code="fa")
        await open_relay(api, reza, "fa-AF")
        await api.push_text(reza, "سلام")
        await api.wait_for(lambda: api.texts(reza.id)[-1] == lib.t("fa-AF", "relay-delivered"))


async def test_organisations_own_staff_group(tmp_path: Path, runner: str) -> None:
    """A desk with its own group: the topic opens there; staff answer from there."""
    own: dict[str, FakeChat] = {}

    def relay_yaml(api: FakeBotAPI) -> str:
        own["farr"] = api.group(title="FARR staff", is_forum=True)
        return f"desks:\n  - organisation: farr\n    staff_chat: {own['farr'].id}\n"

    async with running(tmp_path, runner, relay_yaml) as r:
        api = r.api
        farr = own["farr"]
        mina = api.user(first_name="Mina", language_code="sv")
        await open_relay(api, mina, "sv", "farr")
        await api.push_text(mina, "Hej FARR")
        copy = await api.wait_for_call("copyMessage", chat_id=farr.id)
        assert not [c for c in api.calls("copyMessage") if c["chat_id"] == r.group.id]
        staff = api.user(first_name="Per")
        api.set_member(farr, staff)
        await api.push_group_text(
            farr, staff, "Hej Mina", message_thread_id=copy["message_thread_id"]
        )
        await api.wait_for(lambda: api.texts(mina.id)[-1] == "Hej Mina")
        # The same topic number in the shared group is another conversation (none here).
        await api.push_group_text(
            r.group, staff, "wrong group", message_thread_id=copy["message_thread_id"]
        )
        await api.settled()
        assert "wrong group" not in api.texts(mina.id)


async def test_a_broken_staff_group_is_said_plainly(tmp_path: Path, runner: str) -> None:
    """An organisation's group without topics: the young person is told their message did
    not arrive (nothing is lost silently, no crash), the shared group is warned once."""
    own: dict[str, FakeChat] = {}

    def relay_yaml(api: FakeBotAPI) -> str:
        own["farr"] = api.group(title="FARR staff", is_forum=False)  # topics not turned on
        return f"desks:\n  - organisation: farr\n    staff_chat: {own['farr'].id}\n"

    async with running(tmp_path, runner, relay_yaml) as r:
        api, lib = r.api, r.lib
        mina = api.user(first_name="Mina", language_code="ar")
        await open_relay(api, mina, "ar", "farr")
        undelivered = lib.t("ar", "relay-undelivered")
        for n, text in enumerate(("مرحبا", "هل من أحد؟"), start=1):
            await api.push_text(mina, text)
            await api.wait_for(lambda: api.texts(mina.id).count(undelivered) == n)  # noqa: B023
        last = api.chat_messages(mina.id)[-1]
        assert "sos" in routes(last.reply_markup)
        warnings = [t for t in api.texts(r.group.id) if t.startswith("⚠️")]
        assert len(warnings) == 1 and "FARR" in warnings[0] and "forum" in warnings[0]
        assert not api.calls("copyMessage")
        assert lib.t("ar", "relay-delivered") not in api.texts(mina.id)


async def test_mapping_survives_a_restart_and_expires(tmp_path: Path, runner: str) -> None:
    """After a restart staff still reach the young person; 31 idle days later, nobody."""
    async with FakeBotAPI() as api:
        group = api.group(is_forum=True)
        settings = settings_for(api, tmp_path, staff_chat_id=group.id)
        clock = FixedClock(TUESDAY)
        leyla = api.user(first_name="Leyla", language_code="en")
        async with bot_running(api, settings, clock, runner):
            await open_relay(api, leyla, "en")
            await api.push_text(leyla, "hi")
            copy = await api.wait_for_call("copyMessage", chat_id=group.id)
            thread = copy["message_thread_id"]
        staff = api.user(first_name="Anna")
        api.set_member(group, staff)
        async with bot_running(api, settings, clock, runner) as conversation:
            await api.push_group_text(group, staff, "still here", message_thread_id=thread)
            await api.wait_for(lambda: api.texts(leyla.id)[-1] == "still here")
            user = conversation.pseudonyms.of(leyla.id)
            clock.moment += timedelta(days=31)
            someone = api.user(first_name="Other", language_code="sv")
            await api.push_text(someone, "/start")  # any update runs the daily expiry
            await api.wait_for(lambda: bool(api.texts(someone.id)))
            assert await conversation.store.relay(user) is None
            # Staff are told in the topic, so nobody writes into it in vain.
            expired = conversation.library.t("sv", "relay-staff-expired", days=30)
            note = await api.wait_for_call("sendMessage", chat_id=group.id, text=expired)
            assert note["message_thread_id"] == thread
            copies = len(api.calls("copyMessage"))
            await api.push_group_text(group, staff, "hello?", message_thread_id=thread)
            await api.settled()
            assert len(api.calls("copyMessage")) == copies


async def test_closed_link_expires_on_a_quiet_day(relayed: Relayed) -> None:
    """After /close and the grace period, a staff message alone runs the expiry: it does not
    reach the young person, and the topic says why."""
    api, group, lib, clock = relayed.api, relayed.group, relayed.lib, relayed.clock
    omar = api.user(first_name="Omar", language_code="ar")
    await open_relay(api, omar, "ar")
    await api.push_text(omar, "مرحبا")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    thread = copy["message_thread_id"]
    staff = staff_member(relayed)
    await api.push_group_text(group, staff, "/close", message_thread_id=thread)
    closed = lib.t("sv", "relay-staff-closed", days=7)
    await api.wait_for(lambda: closed in api.texts(group.id))
    clock.moment += timedelta(days=8)
    await api.push_group_text(group, staff, "one more thing", message_thread_id=thread)
    gone = lib.t("sv", "relay-staff-expired-closed")
    note = await api.wait_for_call("sendMessage", chat_id=group.id, text=gone)
    assert note["message_thread_id"] == thread
    user = relayed.conversation.pseudonyms.of(omar.id)
    assert await relayed.conversation.store.relay(user) is None
    await api.settled()
    assert "one more thing" not in api.texts(omar.id)
    assert lib.t("sv", "relay-staff-is-closed", days=7) not in api.texts(group.id)


async def test_voice_and_photos_travel_both_ways(relayed: Relayed) -> None:
    """A voice message goes to staff and a photo with a caption comes back, both copied."""
    api, group = relayed.api, relayed.group
    hamid = api.user(first_name="Hamid", language_code="fa")
    await open_relay(api, hamid, "fa-AF")
    voice = {"file_id": "v1", "file_unique_id": "u1", "duration": 3, "mime_type": "audio/ogg"}
    sent = await api.push_message(hamid, voice=voice)
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    assert copy["message_id"] == sent
    copies = [m for m in api.chat_messages(group.id) if m.kind == "copy"]
    assert len(copies) == 1 and "voice" in copies[0].extra
    staff = staff_member(relayed)
    photo = [{"file_id": "p1", "file_unique_id": "q1", "width": 800, "height": 600}]
    await api.push_message(
        group,
        from_user=staff,
        message_thread_id=copy["message_thread_id"],
        photo=photo,
        caption="/close is not in a caption command",
    )
    await api.wait_for_call("copyMessage", chat_id=hamid.id, from_chat_id=group.id)
    got = [m for m in api.chat_messages(hamid.id) if m.kind == "copy"]
    assert got and "photo" in got[-1].extra


async def test_busy_staff_group_says_on_its_way(
    relayed: Relayed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the copy has to wait (a busy group), the young person hears at once."""
    monkeypatch.setattr(bridge, "QUEUED_SECONDS", 0.0)
    api, lib = relayed.api, relayed.lib
    sami = api.user(first_name="Sami", language_code="sv")
    await open_relay(api, sami, "sv")
    await api.push_text(sami, "Hej")
    delivered = lib.t("sv", "relay-delivered")
    await api.wait_for(lambda: api.texts(sami.id)[-1] == delivered)
    assert api.texts(sami.id)[-2] == lib.t("sv", "relay-queued")


async def test_staff_messages_reach_the_young_person_in_order(relayed: Relayed) -> None:
    """A slow copy does not let the staff's next messages in the topic overtake it."""
    api, group = relayed.api, relayed.group
    nora = api.user(first_name="Nora", language_code="sv")
    await open_relay(api, nora, "sv")
    await api.push_text(nora, "hej")
    copy = await api.wait_for_call("copyMessage", chat_id=group.id)
    staff = api.user(first_name="Per")
    api.inject_failures("copyMessage", 200, 1, delay=0.5)  # the first answer is slow
    for n in range(3):
        await api.push_group_text(
            group, staff, f"svar {n}", message_thread_id=copy["message_thread_id"]
        )

    def copied() -> list[int]:
        return [c["message_id"] for c in api.calls("copyMessage") if c["chat_id"] == nora.id]

    await api.wait_for(lambda: len(copied()) == 3)
    assert copied() == sorted(copied()), "the answers arrived out of order"
