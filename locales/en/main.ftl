# Nästa steg: user interface strings, English (the reference language).
# Every language folder must have the same keys. Text may use <b>bold</b> and <i>italic</i>.
# { $name } is filled in by the bot: keep it as it is.

## About this language
language-name = English
language-direction = ltr
language-telegram-codes = en
language-order = 2

## Language choice (shown in every language at once)
choose-language = Hello! Choose your language:

## Main menu
menu-text =
    <b>Nästa steg – your next step</b>
    You got a no to your asylum application. You are not alone, and there is help. What do you want to know?
menu-sheet = I got a rejection – what now?
menu-legal = Free legal help
menu-places = Places to go, activities
menu-emergency = Emergency and helplines
menu-talk = Talk to someone
menu-language = Language
menu-about = About and privacy

## Buttons on every screen
button-back = ‹ Back
button-menu = ☰ Menu
button-previous = ‹ Previous
button-more = Read more ›
button-next-section = Next: { $title } ›
button-map = 📍 Show on map
button-website = 🌐 Website
button-telegram = ✈️ Telegram

## The information sheet
sheet-intro = <b>I got a rejection – what now?</b>
    Choose a topic. Read in any order; you can always come back.
section-checked = Facts checked { $date }.
section-draft = This translation has not yet been reviewed. If something is unclear, ask someone who helps you.

## Lists of organisations
list-legal = <b>Free legal help</b>
    These organisations give legal advice for free. Your public counsel (your lawyer) is also free.
list-places = <b>Places to go, activities</b>
    Places where you can meet people, get support and take part in activities.
list-support = <b>Support and advice</b>
list-emergency = <b>Emergency and helplines</b>
    In danger right now? Call <b>112</b>.
helpline-line = { $name }: { $phone }

## One organisation
org-languages = 🗣 Languages: { $languages }
org-phone = 📞 { $phone }
org-hours = 🕒 { $hours } – { $status }
org-address = 🏠 { $address }
org-website = 🌐 { $url }
org-email = ✉️ { $email }
org-telegram = ✈️ { $username }
org-unverified = Some details are not yet confirmed. Check the website or ask when you contact them.
org-checked = Checked { $date }.

## Opening hours (Swedish time)
hours-always = 🕒 Open day and night, every day
hours-open-now = open now, until { $time }
hours-opens-at = closed now, opens { $day } at { $time }
hours-closed = closed now

## Talk to someone
talk-text =
    <b>Talk to someone</b>
    You do not have to decide anything alone. The organisations here talk with young people in your situation. You do not have to give your name.
    Migrationsverket is also on the list. It is the authority that decides your case, not a support organisation.
    Feeling very bad, at any age? Call <b>90101</b>, day and night. Under 18? BRIS answers day and night: <b>116 111</b>. In danger: <b>112</b>.
    Choose an organisation to see how to reach it:

## Help and privacy
help-text =
    <b>How to use Nästa steg</b>
    Press the buttons to move around. ‹ Back takes you one step back, ☰ Menu to the start.
    Commands: /menu – main menu, /language – change language, /privacy – what we store, /forget – delete what the bot remembers about you.
about-text =
    <b>About Nästa steg</b>
    Information for young people who came to Sweden alone and got a first no to their asylum application. Made together with organisations that help young people. It is not a lawyer and not an authority: always check with your public counsel or guardian.

    <b>Your privacy</b>
    • The bot does not save your name, your number or what you write.
    • It remembers only the language you chose, stored under a secret code instead of your Telegram account, and deletes it after a year without use.
    • It counts how many times each page is opened per day, without knowing by whom.
    • If you write to staff through the bot, it keeps the link to your chat only while that conversation is open, and deletes it after { $days ->
        [one] a day
       *[other] { $days } days
    } without messages, when the conversation ends, or at /forget. Your messages are not stored.
    • /forget deletes your language choice at once.
    • Telegram (the company) can see that you use this bot. If someone may look at your phone, you can delete the chat.

## Answers to things the bot does not understand
only-text = I can't open pictures, stickers, voice or files. Please use the buttons.
unknown-command = I don't know that command.
stale-button = That button is old, so here is the menu.
forgotten = Done. The bot no longer remembers your language. Write /start to begin again.
error-generic = Sorry, something went wrong. Please try again, or write /menu.

## Telegram's command menu and bot description
command-start = Start and choose language
command-menu = Main menu
command-language = Change language
command-help = How to use the bot
command-privacy = About and privacy
command-forget = Delete what the bot remembers about you
bot-short-description = Information and help after a no to your asylum application, in Swedish, English, Arabic and Dari.
bot-description = Nästa steg helps young people who came to Sweden alone and got a first no to their asylum application: what it means, how to appeal in time, your rights, and who can help. Free and anonymous.

## Stay safe: keeping this chat private on the phone
# Draft: written by the team, not yet reviewed by a native speaker.
menu-safe = 🛡️ Stay safe
safe-text =
    <b>Keep this chat safe on your phone</b>
    You decide who sees your chats. These steps help if someone else might look at your phone.

    <b>⏱ Let messages delete themselves</b>
    Open this chat and tap ⋮ at the top (on iPhone: tap the bot's name, then ⋯). Choose <i>Auto-delete</i> and pick 1 day or 1 week. After that, messages in this chat disappear on their own.

    <b>🔒 Lock Telegram with a code</b>
    Settings → Privacy and Security → Passcode Lock. Telegram then asks for your code every time it opens. Also turn off message preview (Settings → Notifications and Sounds), so a locked screen does not show what staff wrote.

    <b>🗂 Hide this chat</b>
    Swipe the chat to the left in your chat list, or press and hold it, and choose <i>Archive</i>. It leaves your main list.

    <b>🧹 Delete everything</b>
    Send /forget: the bot forgets you and deletes the messages in this chat from the last 48 hours. You can always come back with /start.

    If you are in danger now, call 112.
