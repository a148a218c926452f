"""Usage statistics: counts from a scripted session, uniques, funnel, suppression, outputs, CLI."""

from __future__ import annotations

import argparse
import csv
import io
import json
import struct
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_conversation
from bot.core.conversation import Conversation, Event
from bot.core.pseudonym import Pseudonyms
from bot.core.uniques import DailyUniques
from bot.screens.library import Library
from bot.settings import Settings
from bot.staff.stats import (
    UNIQUE_DAILY_SUM,
    FirstResponse,
    Row,
    build_report,
    duration,
    last_full_weeks,
    period_of,
    shown,
    weighted_median,
)
from bot.staff.stats_cli import add_arguments
from bot.staff.stats_formats import to_csv, to_json, to_summary, to_table
from bot.storage.base import Count, Store
from bot.storage.memory import MemoryStore
from bot.storage.sqlite import DB_NAME, SqliteStore
from tests.conftest import CONTENT, KEY, LOCALES, SEAL, FixedClock, settings_for
from tests.support.fakebotapi import FakeBotAPI
from tests.support.running import MODES, bot_running, shipped_library
from tests.test_cli import run

DAY = date(2026, 11, 24)
# chat id -> (language chosen, buttons pressed afterwards); 107 starts and leaves.
USERS: dict[int, tuple[str | None, list[str]]] = {
    555000101: ("sv", ["sheet", "s:appeal", "o:bris:emergency", "talk"]),
    555000102: ("sv", ["sheet", "s:appeal"]),
    555000103: ("ar", ["sheet", "s:your-rights", "talk"]),
    555000104: ("fa-AF", ["list:legal"]),
    555000105: ("fa-AF", []),
    555000106: ("en", ["sheet", "s:appeal", "o:bris:emergency"]),
    5550001070: (None, []),
}


def noon() -> FixedClock:
    """Tuesday 24 November 2026, 14:00 in Stockholm."""
    return FixedClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))


async def play(conversation: Conversation, times: int = 1) -> None:
    """Run the scripted session: every user starts, picks a language and presses buttons."""
    for _ in range(times):
        for chat, (language, buttons) in USERS.items():
            await conversation.handle(Event("command", chat, "start", app_language="en"))
            if language is None:
                continue
            await conversation.handle(Event("button", chat, f"lang:{language}"))
            for data in buttons:
                await conversation.handle(Event("button", chat, data))


async def session(library: Library, store: Store, clock: FixedClock) -> Conversation:
    """A conversation over `store` after the scripted session, uniques flushed."""
    conversation = Conversation(library, store, Pseudonyms(KEY), clock)
    await play(conversation)
    await conversation.uniques.flush()
    return conversation


def total(counts: list[Count], event: str, subject: str | None = None) -> int:
    """Sum the counts of an event (and subject)."""
    return sum(c.n for c in counts if c.event == event and subject in (None, c.subject))


async def test_session_counts(library: Library) -> None:
    """The scripted session leaves exactly the expected anonymous counts."""
    store = MemoryStore()
    await session(library, store, noon())
    counts = await store.counts(DAY, DAY)
    assert total(counts, "start") == 7
    assert {c.language: c.n for c in counts if c.event == "language"} == {
        "sv": 2,
        "ar": 1,
        "fa-AF": 2,
        "en": 1,
    }
    assert total(counts, "sheet") == 4
    assert total(counts, "section", "appeal") == 3
    assert total(counts, "section", "your-rights") == 1
    assert total(counts, "organisation", "bris") == 2
    assert total(counts, "talk") == 2
    assert total(counts, "list", "legal") == 1


async def test_uniques_through_the_conversation(library: Library) -> None:
    """Each person counts once a day however often they come back, under their language."""
    store = MemoryStore()
    clock = noon()
    conversation = Conversation(library, store, Pseudonyms(KEY), clock)
    await play(conversation, times=3)
    assert conversation.uniques.totals() == {"sv": 2, "ar": 1, "fa-AF": 2, "en": 1, "-": 1}
    old_salt = conversation.uniques.salt
    clock.moment += timedelta(days=1)
    await conversation.handle(Event("command", 555000101, "menu"))
    assert conversation.uniques.salt not in (None, old_salt)
    assert conversation.uniques.totals() == {"sv": 1}
    stored = await store.counts(DAY, DAY)
    assert total(stored, "unique") == 7
    assert {c.language: c.n for c in stored if c.event == "unique"}["sv"] == 2


async def test_funnel_and_suppression(library: Library) -> None:
    """The funnel follows the steps; small counts become "<5" unless suppression is off."""
    store = MemoryStore()
    await session(library, store, noon())
    counts = await store.counts(DAY, DAY)
    report = build_report(counts, DAY, DAY, "day", 5)
    steps = {r.subject: r.count for r in report.funnel}
    assert steps == {
        "1 started": 7,
        "2 chose a language": 6,
        "3 opened the sheet": 4,
        "4 opened a contact": 2,
        "5 talked to someone": 2,
    }
    assert {r.period for r in report.funnel} == {"2026-11-24"}
    assert shown(4, 5) == "<5" and shown(5, 5) == 5 and shown(0, 5) == 0 and shown(1, 0) == 1
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    start = next(r for r in rows if r["event"] == "start")
    assert start["count"] == "7"
    talk = next(r for r in rows if r["event"] == "talk" and r["language"] == "sv")
    assert talk["count"] == "<5"
    exact = list(csv.DictReader(io.StringIO(to_csv(build_report(counts, DAY, DAY, "day", 0)))))
    assert next(r for r in exact if r["event"] == "talk" and r["language"] == "sv")["count"] == "1"


async def test_csv_and_json_have_the_same_rows(library: Library) -> None:
    """CSV and JSON carry period, language, event, subject and count for every row."""
    store = MemoryStore()
    await session(library, store, noon())
    report = build_report(await store.counts(DAY, DAY), DAY, DAY, "week", 5)
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert list(rows[0]) == ["period", "language", "event", "subject", "count"]
    data = json.loads(to_json(report))
    assert data["by"] == "week" and data["suppress_below"] == 5
    assert [{k: str(v) for k, v in r.items()} for r in data["rows"]] == rows
    assert {r["period"] for r in rows} == {"2026-W48"}
    assert any(r["event"] == UNIQUE_DAILY_SUM for r in rows)
    assert not any(r["event"] == "unique" for r in rows)
    assert any("not knowable" in note for note in data["notes"])


def test_period_labels_and_default_period() -> None:
    """Days, ISO weeks (across a year end) and months are labelled; the default is 4 weeks."""
    assert period_of(DAY, "day") == "2026-11-24"
    assert period_of(DAY, "week") == "2026-W48"
    assert period_of(date(2027, 1, 1), "week") == "2026-W53"
    assert period_of(DAY, "month") == "2026-11"
    assert last_full_weeks(DAY) == (date(2026, 10, 26), date(2026, 11, 22))
    assert last_full_weeks(date(2026, 11, 23)) == (date(2026, 10, 26), date(2026, 11, 22))


def test_table_shows_restart_caveat_next_to_uniques() -> None:
    """The table puts restarts beside daily uniques and explains the double counting."""
    counts = [
        Count(DAY, "-", "restart", "", 2),
        Count(DAY, "sv", "unique", "", 12),
        Count(DAY, "ar", "unique", "", 3),
    ]
    table = to_table(build_report(counts, DAY, DAY, "day", 5))
    line = next(x for x in table.splitlines() if x.startswith("2026-11-24") and "<5" in x)
    assert line.split() == ["2026-11-24", "<5", "12", "*", "2"]  # 15 would give ar away
    assert "counted twice" in table and "restarts" in table
    assert (
        Row("2026-11-24", "sv", "unique", "", 12) in build_report(counts, DAY, DAY, "day", 5).rows
    )


async def test_cli_csv_and_png_chart(library: Library, tmp_path: Path) -> None:
    """`python -m bot stats` reads the store read-only and writes CSV and a PNG chart."""
    data = tmp_path / "data"
    settings = Settings(
        data_dir=data, content_dir=CONTENT, locales_dir=LOCALES, key_file=tmp_path / "k" / "key"
    )
    conversation = await build_conversation(settings, clock=noon(), library=shipped_library())
    await play(conversation)
    await conversation.uniques.flush()
    await conversation.store.close()
    before = (data / DB_NAME).read_bytes()
    chart = tmp_path / "usage.png"
    env = {"HOME": str(tmp_path), "BOT_DATA_DIR": str(data), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    args = ["stats", "--from", "2026-11-23", "--to", "2026-11-29", "--by", "day"]
    result = run([*args, "--format", "csv", "--chart", str(chart)], env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["period"] for r in rows} == {"2026-11-24"}
    assert next(r for r in rows if r["event"] == "start")["count"] == "7"
    assert next(r for r in rows if r["event"] == "restart")["count"] == "<5"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data / DB_NAME).read_bytes() == before
    table = run([*args, "--suppress", "0"], env)
    assert table.returncode == 0, table.stderr
    assert "Unique users per day" in table.stdout and "talked to someone" in table.stdout
    weekly = run(["stats", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "json"], env)
    assert json.loads(weekly.stdout)["rows"][0]["period"] == "2026-W48"


def test_cli_without_data_says_so(tmp_path: Path) -> None:
    """With no store yet, `stats` says so in one line instead of creating one."""
    result = run(["stats"], {"HOME": str(tmp_path), "BOT_DATA_DIR": str(tmp_path / "none")})
    assert result.returncode == 1 and "no statistics yet" in result.stderr
    assert not (tmp_path / "none").exists()


def test_stats_options_parse() -> None:
    """The options parse into dates, a grouping, a format and a threshold."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--from", "2026-11-01", "--by", "month", "--suppress", "0"])
    assert args.first == date(2026, 11, 1) and args.by == "month" and args.suppress == 0
    assert parser.parse_args([]).suppress == 5 and parser.parse_args([]).format == "table"


def id_patterns(chat: int) -> list[bytes]:
    """A chat id as text and as 4- and 8-byte big- and little-endian integers."""
    patterns = [str(chat).encode(), struct.pack(">q", chat), struct.pack("<q", chat)]
    if chat < 2**31:
        patterns += [struct.pack(">i", chat), struct.pack("<i", chat)]
    return patterns


@pytest.mark.parametrize("flush", [True, False])
async def test_no_chat_id_anywhere_in_the_data_dir(
    library: Library, tmp_path: Path, flush: bool
) -> None:
    """After a whole session with the SQLite store, no byte sequence of any chat id is on disk."""
    store = await SqliteStore.open(tmp_path / "data" / DB_NAME, SEAL)
    clock = noon()
    conversation = Conversation(library, store, Pseudonyms(KEY), clock, DailyUniques(clock, store))
    await play(conversation, times=2)
    clock.moment += timedelta(days=1)
    await play(conversation)
    if flush:
        await conversation.uniques.flush()
    await store.close()
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert files
    blob = b"".join(p.read_bytes() for p in files)
    for chat in USERS:
        for pattern in id_patterns(chat):
            assert pattern not in blob, (chat, pattern)


@pytest.mark.parametrize("mode", MODES)
async def test_staff_stats_command(tmp_path: Path, mode: str) -> None:
    """`/stats` in the staff chat answers with suppressed weekly figures; elsewhere it does not
    (each runner and mode)."""
    async with FakeBotAPI() as api:
        staff = api.group(title="Staff")
        settings = settings_for(api, tmp_path, staff_chat_id=staff.id)
        conversation = await build_conversation(settings, clock=noon(), library=shipped_library())
        week = date(2026, 11, 16)
        await conversation.store.count(week, "sv", "start", "", 9)
        await conversation.store.count(week, "sv", "talk", "", 2)
        await conversation.store.count(week, "sv", "unique", "", 8)
        async with bot_running(api, settings, mode, conversation=conversation):
            member = api.user(id=777000555, language_code="sv")
            await api.push_text(member, "/stats")
            await api.push_group_text(staff, member, "/stats")
            await api.wait_for(lambda: len(api.chat_messages(staff.id)) == 1)
            text = api.chat_messages(staff.id)[0].text
            assert "2026-W47" in text and "talked to someone" in text
            assert "<5" in text and "not knowable" in text
            await api.wait_for(lambda: len(api.chat_messages(member.id)) == 1)
            assert "2026-W47" not in api.chat_messages(member.id)[0].text


# The relay to staff: Monday 16 to Sunday 22 November 2026 is ISO week 47, then week 48.
W47 = date(2026, 11, 16)
W48 = date(2026, 11, 23)


def answers(day: date, language: str, minutes: dict[int, int]) -> list[Count]:
    """First-response counts: {minutes: how many conversations} answered on `day`."""
    return [Count(day, language, "first-response", str(m), n) for m, n in minutes.items()]


def relay_counts() -> list[Count]:
    """Relay starts over two weeks (some of them older, without a desk) and first responses."""
    return [
        Count(W47, "sv", "relay", "radda-barnen", 4),
        Count(W47 + timedelta(days=2), "sv", "relay", "radda-barnen", 3),
        Count(W47, "ar", "relay", "radda-barnen", 2),
        Count(W47, "fa-AF", "relay", "any", 3),
        Count(W47 + timedelta(days=1), "fa-AF", "relay", "", 3),
        Count(W47, "en", "relay", "", 1),
        Count(W48, "sv", "relay", "any", 1),
        # Week 47: 7 answers, median 137 minutes (odd n).
        *answers(W47, "sv", {0: 1, 30: 1, 137: 1}),
        *answers(W47 + timedelta(days=3), "ar", {137: 1, 200: 1}),
        *answers(W47 + timedelta(days=6), "fa-AF", {2880: 2}),
        # Week 48: 2 answers only.
        *answers(W48, "sv", {10: 1, 20: 1}),
    ]


def test_relay_starts_by_desk_and_language_suppressed() -> None:
    """Relay starts are summed per week, desk and language; "" is "any"; small counts hidden."""
    report = build_report(relay_counts(), W47, W48 + timedelta(days=6), "week", 5)
    starts = {(r.period, r.subject, r.language): r.count for r in report.relay}
    assert starts == {
        ("2026-W47", "radda-barnen", "sv"): 7,
        ("2026-W47", "radda-barnen", "ar"): 2,
        ("2026-W47", "any", "fa-AF"): 6,
        ("2026-W47", "any", "en"): 1,
        ("2026-W48", "any", "sv"): 1,
    }
    assert not any(r.event == "relay" and r.subject == "" for r in report.rows)
    table = to_table(report)
    section = table.partition("Relay to staff")[2].partition("All counts")[0]
    lines = {tuple(x.split()[:2]): x.split()[2:] for x in section.splitlines() if "-W4" in x}
    # Columns: ar, en, fa-AF, sv; no total, which would give a "<5" away.
    assert lines[("2026-W47", "radda-barnen")] == ["<5", "0", "0", "7"]
    assert lines[("2026-W47", "any")] == ["0", "<5", "6", "0"]
    assert lines[("2026-W48", "any")] == ["0", "0", "0", "<5"]
    exact = build_report(relay_counts(), W47, W48, "week", 0)
    assert "<" not in to_table(exact).partition("Relay to staff")[2].partition("All counts")[0]


def test_median_first_response_odd_and_even() -> None:
    """The median is the middle answer of the period, all languages together; of an even
    number of answers, the mean of the two middle ones rounded to whole minutes."""
    assert weighted_median({0: 1, 30: 1, 137: 2, 200: 1, 2880: 2}) == 137
    assert weighted_median({10: 1, 20: 1}) == 15
    assert weighted_median({10: 1, 13: 1}) == 12  # 11.5 rounded half up
    assert weighted_median({1: 3, 100: 1, 7: 0}) == 1
    assert weighted_median({5: 2, 9: 2, 40: 2}) == 9
    assert weighted_median({}) is None
    counts = relay_counts()
    week = build_report(counts, W47, W48, "week", 0)
    assert week.first_response == [
        FirstResponse("2026-W47", 7, 137),
        FirstResponse("2026-W48", 2, 15),
    ]
    # An even week: one more answer of 3000 minutes moves the median to (137 + 200) / 2.
    more = build_report([*counts, *answers(W47, "en", {3000: 1})], W47, W48, "week", 5)
    assert more.first_response[0] == FirstResponse("2026-W47", 8, 169)
    table = to_table(more).partition("Staff first response")[2]
    assert next(x for x in table.splitlines() if x.startswith("2026-W47")).split() == [
        "2026-W47",
        "8",
        "2",
        "h",
        "49",
        "min",
    ]
    assert duration(0) == "0 min" and duration(59) == "59 min" and duration(60) == "1 h"
    assert duration(137) == "2 h 17 min" and duration(4560) == "3 d 4 h"
    assert duration(2880) == "2 d"


def test_first_response_suppressed_below_threshold() -> None:
    """With fewer answered conversations than the threshold, n is "<5" and no median shows."""
    report = build_report(relay_counts(), W47, W48, "week", 5)
    table = to_table(report)
    section = table.partition("Staff first response")[2].partition("All counts")[0]
    lines = [x.split() for x in section.splitlines() if x.startswith("2026-W")]
    assert lines == [["2026-W47", "7", "2", "h", "17", "min"], ["2026-W48", "<5", "-"]]
    data = json.loads(to_json(report))
    assert data["relay"]["first_response"][1] == {
        "period": "2026-W48",
        "answered": "<5",
        "median_minutes": None,
    }
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    w48 = [r for r in rows if r["period"] == "2026-W48" and r["event"] == "first-response"]
    assert [(r["subject"], r["count"]) for r in w48] == [("answered", "<5")]
    assert "15" not in section
    assert any("median" in note and "fewer than 5" in note for note in report.notes)
    # By day, every day of week 47 has fewer than 5 answers: no median at all.
    daily = build_report(relay_counts(), W47, W48, "day", 5)
    assert all(f.shown_median(5) is None for f in daily.first_response)
    assert build_report(relay_counts(), W47, W48, "week", 0).first_response[1].shown_median(0)


def test_first_response_rows_are_not_ordinary_rows() -> None:
    """The per-minute first-response counts never reach the rows, the funnel or the table."""
    report = build_report(relay_counts(), W47, W48, "day", 0)
    assert not any(r.event == "first-response" for r in report.all_rows())
    table = to_table(report).partition("All counts")[2]
    assert "first-response" not in table and "2880" not in table
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    first = {r["subject"] for r in rows if r["event"] == "first-response"}
    assert first == {"answered", "median-minutes"}
    assert {r["language"] for r in rows if r["event"] == "first-response"} == {"*"}
    odd = [Count(W47, "sv", "first-response", "soon", 1), Count(W47, "sv", "start", "", 5)]
    strange = build_report(odd, W47, W47, "week", 5)
    assert strange.first_response == [] and [r.event for r in strange.rows] == ["start"]
    assert any("unreadable" in note for note in strange.notes)


def test_csv_json_and_summary_carry_the_relay_part() -> None:
    """CSV and JSON rows carry relay starts and first responses (plain minutes); JSON has a
    "relay" part; the staff summary shows the relay section; old keys stay as they were."""
    report = build_report(relay_counts(), W47, W48, "week", 5)
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert list(rows[0]) == ["period", "language", "event", "subject", "count"]
    pick = {(r["period"], r["language"], r["event"], r["subject"]): r["count"] for r in rows}
    assert pick[("2026-W47", "sv", "relay", "radda-barnen")] == "7"
    assert pick[("2026-W47", "en", "relay", "any")] == "<5"
    assert pick[("2026-W47", "*", "first-response", "answered")] == "7"
    assert pick[("2026-W47", "*", "first-response", "median-minutes")] == "137"
    data = json.loads(to_json(report))
    assert set(data) == {"from", "to", "by", "suppress_below", "notes", "rows", "relay"}
    assert [{k: str(v) for k, v in r.items()} for r in data["rows"]] == rows
    assert {"period": "2026-W47", "desk": "any", "language": "fa-AF", "count": 6} in data["relay"][
        "starts"
    ]
    assert {"period": "2026-W47", "desk": "any", "language": "en", "count": "<5"} in data["relay"][
        "starts"
    ]
    assert data["relay"]["first_response"][0] == {
        "period": "2026-W47",
        "answered": 7,
        "median_minutes": 137,
    }
    summary = to_summary(report)
    assert "Relay to staff" in summary and "radda-barnen" in summary
    assert "2 h 17 min" in summary and "All counts" not in summary
    assert any(line.startswith("* Relay:") for line in summary.splitlines())


def test_no_relay_data_says_so() -> None:
    """Without relay counts the section says so, and the JSON relay part is empty."""
    report = build_report([Count(DAY, "sv", "start", "", 9)], DAY, DAY, "week", 5)
    assert report.relay == [] and report.first_response == []
    assert "(none recorded)" in to_table(report).partition("Relay to staff")[2]
    assert json.loads(to_json(report))["relay"] == {"starts": [], "first_response": []}
    assert not any(note.startswith("Relay:") for note in report.notes)


def test_totals_do_not_undo_suppression() -> None:
    """A total beside a "<5" is hidden (else ar = total - the rest), in the CLI's table,
    CSV and JSON and in the staff chat's /stats summary; totals of large parts stay."""
    counts = [
        Count(DAY, "ar", "unique", "", 3),
        Count(DAY, "fa-AF", "unique", "", 9),
        Count(DAY, "sv", "unique", "", 12),
        Count(DAY, "ar", "start", "", 3),
        Count(DAY, "sv", "start", "", 12),
        Count(DAY, "sv", "sheet", "", 7),
        Count(DAY, "fa-AF", "sheet", "", 6),
    ]
    report = build_report(counts, DAY, DAY, "day", 5)
    for text in (to_table(report), to_summary(report)):
        line = next(x for x in text.splitlines() if x.startswith("2026-11-24") and "<5" in x)
        assert line.split() == ["2026-11-24", "<5", "9", "12", "*", "0"], line
        assert "24" not in line.split()[1:] and "15" not in text.split()
        funnel = text.split("Funnel")[1].splitlines()[3].split()
        assert funnel[:4] == ["2026-11-24", "*", "0", "13"]  # started hidden, sheet 13
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    started = next(r for r in rows if r["event"] == "funnel" and r["subject"] == "1 started")
    assert started["count"] == "*"
    data = json.loads(to_json(report))
    assert {"period": "2026-11-24", "language": "*", "event": "funnel",
            "subject": "1 started", "count": "*"} in data["rows"]  # fmt: skip


def test_chart_into_a_directory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stats --chart <directory>` says in one line that it cannot write there."""
    data = tmp_path / "data"
    data.mkdir()
    import sqlite3

    with sqlite3.connect(data / DB_NAME) as db:
        db.execute(
            "CREATE TABLE counts (day TEXT, language TEXT, event TEXT, subject TEXT, n INTEGER)"
        )
        db.execute("INSERT INTO counts VALUES ('2026-11-20', 'sv', 'start', '', 6)")
    db.close()
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(
        ["--from", "2026-11-16", "--to", "2026-11-22", "--chart", str(tmp_path)]
    )
    from bot.staff.stats_cli import run as run_stats

    assert run_stats(data, DB_NAME, args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write the chart" in err[0], err


def test_sources_and_typed_answers_by_day_suppressed() -> None:
    """Poster sources and typed-word answers are counted by day and hidden below 5."""
    day = date(2026, 11, 23)
    counts = [
        Count(day, "fa-AF", "source", "malmo-poster", 7),
        Count(day, "-", "source", "malmo-poster", 2),
        Count(day, "sv", "typed", "crisis", 1),
        Count(day, "sv", "typed", "s:appeal", 5),
    ]
    report = build_report(counts, day, day, "day", 5)
    rows = {
        (lang, event, subject): value for _, lang, event, subject, value in report.output_rows()
    }
    assert rows[("fa-AF", "source", "malmo-poster")] == 7
    assert rows[("-", "source", "malmo-poster")] == "<5"
    assert rows[("sv", "typed", "crisis")] == "<5"
    assert rows[("sv", "typed", "s:appeal")] == 5
    table = to_table(report)
    assert "malmo-poster" in table and "2026-11-23" in table
