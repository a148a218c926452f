"""The relay between a young person and staff: the core, which knows nothing of Telegram.

A young person's messages are copied (never forwarded, so no name or id travels) into one
forum topic per conversation in a staff group, titled with a random made-up name, the
language and the organisation chosen. Staff answers in the topic are copied back. In a
topic, `/close` ends the conversation, `/reopen` opens it again within the grace period,
`/answer <name>` sends a prepared answer from content/relay.yaml in the young person's
language. The bot keeps no message: only the relay row in the store (see bot/storage/base.py).

Each runner implements `RelayPort` (a handful of Bot API calls) and calls `from_young`,
`from_staff` and `note`; everything else is decided here, the same for every runner.

- port.py: what a runner provides and hands in; `wipe_chat` for /forget
- limits.py: the flood limit and the once-per-window notices, on an injected clock
- notes.py: the bot's notes into staff groups, behind young people's messages
- staff.py: what staff write in a topic (copies and commands)
- bridge.py: `StaffRelay`, the young person's side and the facade

Beside the package: bot/core/handover.py (`/transfer`, with the young person's consent),
bot/core/waiting.py (`/waiting`, `/mute`, topic names by state, bot/core/titles.py).
"""

from bot.content.model import ANY
from bot.core.relay.bridge import StaffRelay, topic_name
from bot.core.relay.port import (
    FromStaff,
    FromYoung,
    Keyboard,
    RelayPort,
    TopicGone,
    Unreachable,
    wipe_chat,
)

__all__ = [
    "ANY",
    "FromStaff",
    "FromYoung",
    "Keyboard",
    "RelayPort",
    "StaffRelay",
    "TopicGone",
    "Unreachable",
    "topic_name",
    "wipe_chat",
]
