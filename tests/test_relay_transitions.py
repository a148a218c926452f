"""End to end, in every runner and mode: a handover with consent, who is waiting, a mute,
answering hours on a public holiday, and staff replies that cannot be forwarded."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.titles import MARKS
from bot.screens.library import Library
from bot.screens.relay import desk_name
from tests.support.fakebotapi import FakeBotAPI, FakeChat, FakeUser, Msg
from tests.support.running import MODES
from tests.test_relay import Relayed, open_relay, routes, running, staff_member

KARIM_ID = 777000321


@pytest.fixture(params=MODES)
def runner(request: pytest.FixtureRequest) -> str:
    """Each runner, by polling and by webhook, in turn."""
    return str(request.param)


def plain(text: str) -> str:
    """A text without Fluent's invisible isolation marks around its variables."""
    return text.replace("\u2068", "").replace("\u2069", "")


def plain_t(lib: Library, language: str, key: str, /, **args: object) -> str:
    """A UI string without isolation marks."""
    return plain(lib.t(language, key, **args))


def in_topic(api: FakeBotAPI, group: FakeChat, thread: int | None) -> list[str]:
    """The bot's texts in one topic of a group, without isolation marks."""
    return [plain(m.text) for m in api.chat_messages(group) if m.message_thread_id == thread]


def last(api: FakeBotAPI, chat: FakeChat) -> str:
    """The bot's last text in a group's General topic, without isolation marks."""
    texts = in_topic(api, chat, None)
    return texts[-1] if texts else ""


async def counted(r: Relayed, event: str) -> set[str]:
    """The subjects counted today for `event`."""
    today = r.conversation.today()
    return {c.subject for c in await r.conversation.store.counts(today, today) if c.event == event}


async def first_message(r: Relayed, user: FakeUser, text: str, group: FakeChat) -> int:
    """Write, wait for the copy in `group` and the notice after it (the wait is noted
    before the notice); return the topic's thread id."""
    before = len(r.api.chat_messages(user.id))
    await r.api.push_text(user, text)
    copy = await r.api.wait_for_call("copyMessage", chat_id=group.id, from_chat_id=user.id)
    await r.api.wait_for(lambda: len(r.api.chat_messages(user.id)) > before)
    await r.api.settled()
    return int(copy["message_thread_id"])


@pytest.fixture
async def relayed(tmp_path: Path, runner: str) -> AsyncIterator[Relayed]:
    """The bot with the repository's content and a staff forum group."""
    async with running(tmp_path, runner) as r:
        yield r


async def test_handover_in_dari_asked_refused_asked_again_accepted(
    tmp_path: Path, runner: str
) -> None:
    """Dari: asked, refused (staff told), asked again, accepted; the next message opens a
    topic in FARR's own group with the staff note and a new made-up name; the old topic is
    told and takes nothing more; no identifier anywhere."""
    own: dict[str, FakeChat] = {}

    def relay_yaml(api: FakeBotAPI) -> str:
        own["farr"] = api.group(title="FARR staff", is_forum=True)
        return (
            "desks:\n  - organisation: radda-barnen\n"
            f"  - organisation: farr\n    staff_chat: {own['farr'].id}\n"
            "    hours: [{days: mon-fri, open: '09:00', close: '16:00'}]\n"
        )

    async with running(tmp_path, runner, relay_yaml) as r:
        api, group, lib, farr = r.api, r.group, r.lib, own["farr"]
        karim = api.user(id=KARIM_ID, first_name="Karim", username="karim_k", language_code="fa")
        await open_relay(api, karim, "fa-AF", "radda-barnen")
        old = await first_message(r, karim, "سلام، سوال دارم", group)
        old_title = str(api.calls("createForumTopic")[0]["name"])
        staff = staff_member(r)

        async def ask() -> int:
            seen = {m.message_id for m in api.chat_messages(karim.id)}

            def new_question() -> list[Msg]:
                return [
                    m
                    for m in api.chat_messages(karim.id)
                    if m.message_id not in seen and "relay:hv" in str(m.reply_markup)
                ]

            await api.push_group_text(
                group,
                staff,
                "/transfer farr Needs legal help with the appeal",
                message_thread_id=old,
            )
            await api.wait_for(lambda: bool(new_question()))
            question = new_question()[0]
            assert "FARR" in question.text and "Rädda Barnen" in question.text
            assert lib.t("fa-AF", "handover-yes") in str(question.reply_markup)
            assert routes(question.reply_markup)[-1] == "sos"
            asked = plain_t(lib, "sv", "relay-staff-transfer-asked", desk="FARR", language="دری")
            await api.wait_for(lambda: asked[:30] in in_topic(api, group, old)[-1])
            return question.message_id

        # Asked, and refused: nothing moves, staff are told, the buttons go.
        question = await ask()
        asked = next(m for m in api.chat_messages(karim.id) if m.message_id == question)
        yes, no = [d for d in routes(asked.reply_markup) if d.startswith("relay:hv")]
        assert yes.endswith(":y") and no.endswith(":n")
        await api.press(karim, question, no)
        refused = plain_t(lib, "sv", "relay-staff-transfer-refused")
        await api.wait_for(lambda: refused in in_topic(api, group, old))
        await api.wait_for(
            lambda: (
                lib.t("fa-AF", "handover-stays", current=desk_name(lib, "fa-AF", "radda-barnen"))
                in api.texts(karim.id)[-1]
            )
        )
        await api.wait_for(lambda: routes(asked.reply_markup) == ["sos"])
        assert not [c for c in api.calls("createForumTopic") if c["chat_id"] == farr.id]

        # Asked again, and accepted.
        question = await ask()
        asked = next(m for m in api.chat_messages(karim.id) if m.message_id == question)
        buttons = routes(asked.reply_markup)
        await api.press(karim, question, next(d for d in buttons if d.endswith(":y")))
        created = await api.wait_for_call("createForumTopic", chat_id=farr.id)
        new_title = str(created["name"])
        done = plain_t(lib, "sv", "relay-staff-transfer-done", to="FARR")
        await api.wait_for(lambda: done in in_topic(api, group, old))
        moved = re.sub(
            "<[^>]+>", "", lib.t("fa-AF", "handover-moved", to=desk_name(lib, "fa-AF", "farr"))
        )
        await api.wait_for(lambda: any(moved in t for t in api.texts(karim.id)))
        assert "۰۹:۰۰" in next(t for t in api.texts(karim.id) if moved in t)  # the new hours
        new = await api.wait_for_call("copyMessage", chat_id=farr.id)  # the staff note
        thread = int(new["message_thread_id"])
        farr_texts = in_topic(api, farr, thread)
        assert farr_texts[-1].startswith("/transfer farr Needs legal help")
        assert "Rädda Barnen" in farr_texts[0]

        # The next message goes to the new topic; the old one takes nothing more.
        await api.push_text(karim, "سلام FARR")
        await api.wait_for(lambda: "سلام FARR" in in_topic(api, farr, thread))
        copies = len(api.calls("copyMessage"))
        await api.push_group_text(group, staff, "are you there?", message_thread_id=old)
        await api.settled()
        assert len(api.calls("copyMessage")) == copies
        assert "are you there?" not in api.texts(karim.id)
        farr_staff = api.user(first_name="Per")
        api.set_member(farr, farr_staff)
        await api.push_group_text(farr, farr_staff, "Hej, FARR här", message_thread_id=thread)
        back = await api.wait_for_call("copyMessage", chat_id=karim.id, from_chat_id=farr.id)
        assert back["protect_content"] is True

        # A new made-up name, not linkable to the old one; no identifier anywhere.
        old_name, new_name = old_title.split(" ")[1], new_title.split(" ")[1]
        assert old_name != new_name and new_title.startswith(MARKS["new"])
        assert old_name not in " ".join(api.texts(farr)) + new_title
        assert new_name not in " ".join(api.texts(group))
        everything = " ".join([*api.texts(group), *api.texts(farr), new_title, old_title])
        for secret in ("Karim", "karim", str(KARIM_ID)):
            assert secret not in everything
        # The old topic's name says it moved, once its rename window allows.
        r.clock.moment += timedelta(minutes=6)
        await api.push_group_text(group, staff, "/waiting")
        renamed = await api.wait_for_call("editForumTopic", chat_id=group.id, message_thread_id=old)
        assert renamed["name"] == old_title.replace(MARKS["new"], MARKS["moved"])
        assert await counted(r, "handover") == {"radda-barnen>farr"}


async def test_waiting_list_longest_first_and_topic_names(relayed: Relayed) -> None:
    """/waiting lists who waits, longest first, with topic links; names show the state and
    are renamed at most once per window."""
    r = relayed
    api, group, lib, clock = r.api, r.group, r.lib, r.clock
    staff = staff_member(r)
    first, second = api.user(first_name="Amal"), api.user(first_name="Reza")
    await open_relay(api, first, "ar")
    await open_relay(api, second, "fa-AF")
    one = await first_message(r, first, "مرحبا", group)
    clock.moment += timedelta(minutes=50)
    two = await first_message(r, second, "سلام", group)
    clock.moment += timedelta(minutes=75)
    await api.push_group_text(group, staff, "/waiting")
    await api.wait_for(lambda: "2 h 5 min" in last(api, group), 3)
    listing = [m for m in api.chat_messages(group) if m.message_thread_id is None][-1]
    assert last(api, group).index("2 h 5 min") < last(api, group).index("1 h 15 min")
    internal = str(group.id)[4:]
    links = [e["url"] for e in listing.entities if e["type"] == "text_link"]
    assert links == [f"https://t.me/c/{internal}/{one}", f"https://t.me/c/{internal}/{two}"]
    assert all(
        name.startswith(MARKS["new"]) for name in (c["name"] for c in api.calls("createForumTopic"))
    )

    # An answer takes the first off the list and renames its topic.
    await api.push_group_text(group, staff, "We are here", message_thread_id=one)
    answered = await api.wait_for_call("editForumTopic", message_thread_id=one)
    assert answered["name"].startswith(MARKS["answered"])
    await api.push_group_text(group, staff, "/waiting", message_thread_id=two)
    await api.wait_for(
        lambda: in_topic(api, group, two)[-1].startswith(
            plain_t(lib, "sv", "relay-staff-waiting", count=1)[:10]
        )
    )
    assert "1 h 15 min" in in_topic(api, group, two)[-1]

    # Writing again soon after: waiting, but the rename waits for its window.
    await api.push_text(first, "شكرا، سؤال آخر")
    await api.wait_for_call("copyMessage", n=2, chat_id=group.id, from_chat_id=first.id)
    await api.settled()
    assert len(api.calls("editForumTopic")) == 1
    clock.moment += timedelta(minutes=6)
    await api.push_group_text(group, staff, "/waiting")
    waiting = await api.wait_for_call("editForumTopic", n=2)
    assert waiting["message_thread_id"] == one and waiting["name"].startswith(MARKS["waiting"])
    await api.push_group_text(group, staff, "/close", message_thread_id=two)
    closed = await api.wait_for_call("editForumTopic", message_thread_id=two)
    assert closed["name"].startswith(MARKS["closed"])
    await api.push_group_text(group, staff, "/waiting")
    await api.wait_for(lambda: "0 h 6 min" in last(api, group) and "1 h" not in last(api, group))


async def test_mute_and_unmute(relayed: Relayed) -> None:
    """A muted sender is not copied and hears only "later" (once), with help now; /unmute
    copies again; the mute is counted."""
    r = relayed
    api, group, lib = r.api, r.group, r.lib
    staff = staff_member(r)
    omid = api.user(first_name="Omid", language_code="fa")
    await open_relay(api, omid, "fa-AF")
    thread = await first_message(r, omid, "first", group)
    await api.push_group_text(group, staff, "/mute 24", message_thread_id=thread)
    await api.wait_for(lambda: in_topic(api, group, thread)[-1].startswith("🔇"))
    assert "24 h" in in_topic(api, group, thread)[-1]
    copies = len(api.calls("copyMessage"))
    later = lib.t("fa-AF", "relay-muted")
    await api.push_text(omid, "spam one")
    await api.wait_for(lambda: api.texts(omid.id)[-1] == later)
    assert routes(api.chat_messages(omid.id)[-1].reply_markup)[0] == "sos"
    await api.push_text(omid, "spam two")
    await api.settled()
    assert api.texts(omid.id).count(later) == 1
    assert len(api.calls("copyMessage")) == copies
    await api.push_group_text(group, staff, "/unmute", message_thread_id=thread)
    unmuted = plain_t(lib, "sv", "relay-staff-unmuted")
    await api.wait_for(lambda: unmuted in in_topic(api, group, thread))
    await api.push_text(omid, "back again")
    await api.wait_for(lambda: "back again" in in_topic(api, group, thread))
    await api.push_group_text(group, staff, "/mute forever", message_thread_id=thread)
    await api.wait_for(lambda: "/mute 24" in in_topic(api, group, thread)[-1])
    assert await counted(r, "relay-mute") == {"any"}


async def test_a_public_holiday_gets_the_closed_answer(tmp_path: Path, runner: str) -> None:
    """On Christmas Eve staff do not answer (the next working day is said), unless relay.yaml
    says a desk is open that day."""

    def relay_yaml(api: FakeBotAPI) -> str:
        return (
            "hours: [{days: mon-fri, open: '09:00', close: '16:00'}]\n"
            "desks:\n  - organisation: radda-barnen\n  - organisation: farr\n"
            "    open_on_holidays: [2026-12-24]\n"
        )

    async with running(tmp_path, runner, relay_yaml) as r:
        api, lib = r.api, r.lib
        r.clock.moment = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)  # Thursday, 11:00 here
        sara, mina = api.user(first_name="Sara"), api.user(first_name="Mina")
        await open_relay(api, sara, "en", "radda-barnen")
        await api.push_text(sara, "hello")
        await api.wait_for(lambda: "112" in api.texts(sara.id)[-1])
        assert "Monday" in api.texts(sara.id)[-1] and "09:00" in api.texts(sara.id)[-1]
        await open_relay(api, mina, "en", "farr")
        await api.push_text(mina, "hello")
        await api.wait_for(lambda: api.texts(mina.id)[-1] == lib.t("en", "relay-delivered"))


async def test_staff_replies_and_prepared_answers_are_protected(relayed: Relayed) -> None:
    """Staff replies and prepared answers cannot be forwarded or saved from the phone."""
    r = relayed
    api, group = r.api, r.group
    staff = staff_member(r)
    lina = api.user(first_name="Lina", language_code="en")
    await open_relay(api, lina, "en")
    thread = await first_message(r, lina, "hi", group)
    await api.push_group_text(group, staff, "Hello Lina", message_thread_id=thread)
    copy = await api.wait_for_call("copyMessage", chat_id=lina.id)
    assert copy["protect_content"] is True
    await api.push_group_text(group, staff, "/answer danger", message_thread_id=thread)
    await api.wait_for(lambda: "112" in api.texts(lina.id)[-1])
    sent = [c for c in api.calls("sendMessage") if c["chat_id"] == lina.id][-1]
    assert sent["protect_content"] is True
    assert api.chat_messages(lina.id)[-1].protected


async def test_stay_safe_from_the_menu_and_the_relay_explanation(relayed: Relayed) -> None:
    """Stay safe opens from the menu and from the relay explanation, and goes back there."""
    api, lib = relayed.api, relayed.lib
    zahra = api.user(first_name="Zahra", language_code="fa")
    await api.push_text(zahra, "/start")
    await api.wait_for(lambda: len(api.chat_messages(zahra.id)) == 1)
    screen = api.chat_messages(zahra.id)[0]

    async def press(data: str) -> None:
        edited = screen.edited
        await api.press(zahra, screen.message_id, data)
        await api.wait_for(lambda: screen.edited == edited + 1)

    await press("lang:fa-AF")
    await press("safe")
    assert "/forget" in screen.text and "112" in screen.text
    assert lib.t("fa-AF", "menu-safe") not in screen.text  # the screen, not the menu
    await press("menu")
    for data in ("talk", "relay", "relay:d:radda-barnen", "safe:radda-barnen"):
        await press(data)
    assert "/forget" in screen.text
    assert routes(screen.reply_markup)[0] == "relay:d:radda-barnen"
