# Nästa steg: writing to staff through the bot (the relay).

relay-button = ✍️ Write to staff here
relay-intro =
    <b>Write to staff here</b>

    Your messages go to staff of the organisations behind this bot. They see a made-up name, not your name, number or username. You do not need to give your name.

    The bot does not store your messages. The link between you and the conversation is deleted after 30 days without messages, when staff close the conversation, or when you send /forget.

    This is not an emergency service. In danger, call <b>112</b>. Children and young people can call BRIS on 116 111.
relay-confirm = ✅ Start writing
relay-started = You can write your message now. Staff answer here, usually within a few days.
relay-end = End conversation
relay-ended = The conversation has ended. The link to it is deleted.
relay-delivered = ✓ Delivered to staff.
relay-closed = Staff have closed this conversation. Thank you for writing. You can start a new one from “Talk to someone” at any time.
relay-wait = You are sending many messages quickly. Please wait a minute and write again.
relay-staff-blocked = The young person has blocked the bot: the message could not be delivered.
relay-staff-closed = The conversation is closed and the link to the young person is deleted.
relay-staff-ended = The young person ended the conversation.
