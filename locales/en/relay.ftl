# Nästa steg: writing to staff through the bot (the relay).

## For the young person

relay-button = ✍️ Write to staff here
relay-choose =
    <b>Who do you want to write to?</b>

    Choose an organisation. If you do not know, choose “Whoever can help”.
relay-anyone = 🤝 Whoever can help
# Used as { $org } in relay-intro when the young person chose “Whoever can help”.
relay-anyone-org = the organisations behind this bot
relay-intro =
    <b>Write to staff here</b>

    Your messages go to staff of <b>{ $org }</b>. They see a made-up name, not your name, number or username. You do not need to give your name.

    The bot does not store your messages. The link between you and the conversation is deleted after { $days ->
        [one] a day
       *[other] { $days } days
    } without messages, { $grace ->
        [one] a day
       *[other] { $grace } days
    } after staff close the conversation, or when you send /forget.

    This is not an emergency service. In danger, call <b>112</b>. If you feel very bad, at any age: call 90101 (Mind Självmordslinjen). If you are under 18, you can also call BRIS on 116 111.
# { $hours } is a list like “Mon–Fri 09:00–16:00”.
relay-hours = Staff usually answer: { $hours }
relay-confirm = ✅ Start writing
relay-started = You can write your message now. You can also send a photo, a document or a voice message. Staff answer here, in this chat.
relay-end = End conversation
relay-ended = The conversation has ended. The link to it is deleted.
relay-delivered = ✓ Delivered to staff.
# Sent after a message that arrives when staff are not working. { $day } is a weekday, { $time } a time.
relay-delivered-closed =
    ✓ Delivered to staff. They are not working now and usually answer from { $day } at { $time }.

    In danger, call <b>112</b>. If you feel very bad, at any age: call <b>90101</b>, day and night. If you are under 18, you can also call BRIS on <b>116 111</b>, day and night.
relay-closed = Staff have closed this conversation. Thank you for writing. You can start a new one from “Talk to someone” at any time.
relay-is-closed = Staff have closed this conversation, so your message was not sent. You can start a new conversation.
relay-new = ✍️ Start a new conversation
relay-wait = You are sending many messages quickly. Please wait a minute and write again.
relay-queued = ✓ Received. Many people are writing right now, so it may take a few minutes before your message reaches staff.
relay-sos = 🆘 Help now
relay-call-button = 📞 Ask for a call back
relay-call-ask = If you want staff to call you, press “Share my phone number” below. Only staff see your number, and the bot does not store it. You do not have to share it.
relay-call-share = 📞 Share my phone number
relay-call-no = ✖️ Not now
relay-call-thanks = Thank you. Staff can now see your number and can call you.
relay-call-cancelled = OK. Your number was not shared.
relay-call-other = That is someone else's contact, so it was not sent. To share your own number, press “Share my phone number”.
forget-wiped = The bot also deleted the messages in this chat from the last 48 hours, where Telegram allows it.
forget-wipe-incomplete = The bot could not delete all the messages in this chat just now. You can delete the chat yourself: press and hold the chat and choose Delete.

## For staff, in the staff group

relay-staff-new = New conversation: { $pseudonym }, language { $language }, to { $desk }. Write in this topic to answer. /close ends the conversation, /answer sends a prepared answer.
relay-staff-blocked = The young person has blocked the bot: the message could not be delivered.
relay-staff-closed = The conversation is closed. The link to the young person is deleted in { $days ->
        [one] a day
       *[other] { $days } days
    }; until then /reopen opens it again.
relay-staff-ended = The young person ended the conversation.
relay-staff-forgot = The young person used /forget: the conversation is ended and the link to them is deleted.
relay-staff-callback = 📞 The young person asks to be called back on: { $phone }
relay-staff-is-closed = This conversation is closed, so your message was not sent. Write /reopen within { $days ->
        [one] a day
       *[other] { $days } days
    } of closing to open it again.
relay-staff-reopened = The conversation is open again.
relay-staff-answer-sent = Sent the prepared answer “{ $name }” in { $language }:
relay-staff-answers = Prepared answers. Write /answer and a name, for example /answer { $example }:
relay-staff-no-answers = There are no prepared answers yet. They are written in content/relay.yaml.
relay-staff-answer-missing = The prepared answer “{ $name }” has no { $language } version yet, so it was not sent.
relay-staff-expired = No messages for { $days ->
        [one] a day
       *[other] { $days } days
    }: the link to the young person is deleted. Nothing written here reaches them now. If they write again, a new topic opens.
relay-staff-expired-closed = The grace period after /close is over: the link to the young person is deleted. Nothing written here reaches them now.
relay-undelivered = ⚠️ Your message could not reach staff just now. Please try again later. You can also contact the organisations directly: their numbers are under “Talk to someone”. In an emergency, call 112.
relay-staff-group-broken = ⚠️ A message for { $desk } could not be delivered: the bot cannot open topics in that organisation's group ({ $reason }). Check that the group has topics turned on and that the bot is an administrator allowed to manage topics. The young person was asked to try again later.
relay-topics-wait = You have started several new conversations in a short time, so this message was not sent. Please wait an hour and write again. In an emergency, call 112.
relay-staff-moved = This conversation has moved to another staff group (the young person chose another organisation, or the groups were changed). Nothing written here reaches them now.
relay-staff-unknown-command = Not sent: { $command } is not a command here. The commands are /close, /reopen, /answer, /transfer, /mute and /unmute. To send a text that starts with “/”, put another character first.
relay-staff-ambiguous = ⚠️ More than one conversation was linked to this topic (the staff group was changed), so nothing written here was sent. Each young person's next message opens a new topic.
relay-staff-unreadable = The link to the young person could not be read after the bot's secret key changed, so it was deleted. Nothing written here reaches them now. If they write again, a new topic opens.

## Handing over to another organisation: the young person is asked first
# Draft: written by the team, not yet reviewed by a native speaker.
# { $current } and { $to } are organisation names; { $offers } is what { $to } does.
handover-ask =
    <b>Staff at { $current } suggest that { $to } takes over your conversation.</b>
    They think { $to } can help you better with your question. You decide: nothing changes unless you say yes.
handover-offers = What { $to } does: { $offers }
handover-what-moves = If you say yes, your next messages go to { $to }, here in this same chat. Staff there see a new made-up name and a short note from the staff who answered you until now. They do not see your earlier messages. If you say no, everything stays as it is.
handover-yes = ✅ Yes, hand it over
handover-no = ✖️ No, stay here
handover-moved = ✓ Done. From now on, staff at <b>{ $to }</b> answer you, here in this chat. They see a new made-up name.
handover-stays = OK. Nothing changes: staff at { $current } keep answering you here.
# Sent when staff have paused the conversation; it must not say more than this.
relay-muted = Staff will answer you later.

## For staff: handing over, who is waiting, muting
relay-staff-transfer-usage = Write /transfer and the id of an organisation, and a short note for its staff if you like, for example /transfer farr Needs help with housing. Organisations: { $desks }
relay-staff-transfer-same = This conversation is already with { $desk }.
relay-staff-transfer-asked = The young person was asked in { $language } whether { $desk } may take over. Nothing moves until they say yes.
relay-staff-transfer-refused = The young person said no to the handover: the conversation stays here.
relay-staff-transfer-done = ➡️ With the young person's consent, the conversation moved to { $to }. Nothing written here reaches them any more.
relay-staff-handed-over = ➡️ Handed over from { $current } with the young person's consent: { $pseudonym }, language { $language }, to { $to }. Their earlier messages stay with { $current }; the note from its staff follows, if they wrote one. Write in this topic to answer.
relay-staff-waiting = { $count ->
        [one] One conversation is waiting for an answer:
       *[other] { $count } conversations are waiting for an answer, longest first:
    }
relay-staff-waited = { $hours } h { $minutes } min
relay-staff-waiting-none = Nobody in this group is waiting for an answer.
relay-staff-muted = 🔇 Muted for { $hours } h, until { $day } { $time }. The young person's messages are not copied here; they are only told that staff will answer later. /unmute ends it.
relay-staff-mute-usage = Write /mute and a number of hours from 1 to { $most }, for example /mute 24.
relay-staff-unmuted = 🔊 The mute is lifted: the young person's messages are copied here again.
relay-staff-not-muted = This conversation is not muted.
