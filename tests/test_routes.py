"""The route table: every route builds data that parses back to it; anything else is None."""

from __future__ import annotations

from datetime import date

import pytest

from bot.screens import routes

EVERY_ROUTE: list[routes.Route] = [
    routes.Menu(),
    routes.Sheet(),
    routes.Talk(),
    routes.About(),
    routes.Languages(),
    routes.Lang("fa-AF"),
    routes.Section("appeal"),
    routes.Section("appeal", 2),
    routes.OrgList("legal"),
    routes.Org("bris", "emergency"),
    routes.Org("bris", "talk"),
    routes.Pin("bris"),
    routes.Listen("appeal"),
    routes.Sos(),
    routes.RelayChoose(),
    routes.RelayDesk("any"),
    routes.RelayStart("radda-barnen"),
    routes.RelayCall(),
    routes.RelayEnd(),
    routes.HandoverAnswer(123456, True),
    routes.HandoverAnswer(7, False),
    routes.Safe(),
    routes.Safe("radda-barnen"),
    routes.DeadlineAsk(),
    routes.DeadlineAsk(date(2026, 11, 10)),
    routes.DeadlinePick(3),
    routes.DeadlinePick(routes.WRITTEN),
    routes.DeadlinePick(routes.UNKNOWN),
    routes.DeadlineDay(date(2026, 11, 10)),
    routes.DeadlineDay(date(2026, 11, 10), 2),
    routes.DeadlineDay(date(2026, 12, 1), routes.WRITTEN),
]


@pytest.mark.parametrize("route", EVERY_ROUTE, ids=lambda r: type(r).__name__)
def test_every_route_round_trips(route: routes.Route) -> None:
    """`parse(route.data)` gives the same route back, within 64 bytes."""
    assert routes.parse(route.data) == route
    assert len(route.data.encode()) <= routes.MAX_DATA


@pytest.mark.parametrize(
    "data,route",
    [
        ("s:appeal:1", routes.Section("appeal", 1)),
        ("o:bris:emergency", routes.Org("bris", "emergency")),
        ("relay:on", routes.RelayStart("any")),
        ("relay:on:any", routes.RelayStart("any")),
        ("dl:2026-11-10", routes.DeadlineDay(date(2026, 11, 10), routes.UNKNOWN)),
        ("dl", routes.DeadlineAsk()),
        ("lang", routes.Languages()),
        ("sos", routes.Sos()),
    ],
)
def test_buttons_already_in_chats_still_parse(data: str, route: routes.Route) -> None:
    """The data of buttons built by earlier versions keeps its meaning."""
    assert routes.parse(data) == route


@pytest.mark.parametrize(
    "data",
    [
        "",
        "x",
        "menu:extra",
        "sos:1",
        "s:",
        "s:../../etc/passwd",
        "s:appeal:1234",
        "s:appeal:-1",
        "s:appeal:1:2",
        "list:secret",
        "o:bris",
        "o:bris:../../etc",
        "o::",
        "pin:",
        "lang:",
        "relay:x",
        "relay:d:",
        "relay:hv:12:x",
        "relay:hv:-1:y",
        "relay:hv:1234567890123:y",
        "safe:../x",
        "safe:a:b",
        "dl:9999-99-99",
        "dl:2026-11-3",
        "dl:2026-11-24x",
        "dl:0",
        "dl:53",
        "dl:d",
        "dl:x:2026-11-10",
        "dl:3:2026-11-10:1",
        "s:" + "a" * 80,
        "😀" * 40,
    ],
)
def test_forged_data_parses_to_none(data: str) -> None:
    """Data no version of the bot built is refused (the conversation shows the menu)."""
    assert routes.parse(data) is None
