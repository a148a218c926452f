# Nästa steg: the appeal-deadline helper ("When is my deadline?"), English (reference).
# { $day } and { $days } are filled in by the bot: keep them as they are.

deadline-button = 📅 When is my deadline?
deadline-today = Today
deadline-yesterday = Yesterday
deadline-pick =
    <b>When is my deadline?</b>
    First look at your decision. Does it give a last day, or a time other than three weeks? Then that is what counts, not what the bot works out.
    On which day did you get the decision (the meeting where it was given to you)?
    Choose the day, or write the date, for example 3/11/2026.
deadline-future = That day has not come yet. Please choose the day you got the decision.
deadline-last-day = Counting three weeks, your appeal must have <b>reached</b> Migrationsverket by: <b>{ $day }</b>
deadline-days-left = Days left: <b>{ $days }</b>
deadline-last-day-today = <b>Today is the last day.</b>
deadline-now = <b>What to do now:</b> contact your public counsel (your lawyer) today. If you have none or cannot reach them, contact an organisation that gives free legal help.
deadline-passed = With this date, the last day was { $day }, and it has passed. Do not give up: ask for legal help right away. Your public counsel or a free legal-aid organisation can look at your decision and tell you what you can do now.
deadline-too-old = That date was more than a year ago. Please check that it is right.
deadline-caveat = Important: what your decision says always counts. Check it with your public counsel or guardian.
deadline-rule = Counted according to { $basis }.
deadline-other-day = 📅 Choose another day

## What does the decision say? (asked first), the calendar and the answer
# Draft: written by the team, not yet reviewed by a native speaker.
deadline-ask =
    <b>When is my deadline?</b>
    What does your decision say about the time to appeal? Look for the word “överklaga” (appeal) in the decision, or ask your public counsel.
# { $day } is the date the person wrote.
deadline-ask-date = You wrote <b>{ $day }</b>. What does your decision say about the time to appeal?
# A button. { $weeks } chooses the text, { $count } is the same number in the language's digits.
deadline-option =
    { $weeks ->
        [1] One week
        [2] Two weeks
        [3] Three weeks
       *[other] { $count } weeks
    }
deadline-option-usual = { $option } (the usual)
deadline-option-written = 📅 A last day is written in my decision
deadline-option-is-written = 📅 This is the last day in my decision
deadline-option-unknown = ❓ I don't know
deadline-unknown = <b>Ask for legal help first.</b> Your public counsel (your lawyer) or an organisation that gives free legal help can read the decision with you and tell you your last day. You can also count the usual time below.
deadline-pick-written =
    <b>Which last day is written in your decision?</b>
    Choose the day, or write the date, for example 3/11/2026.
deadline-pact = From June 2026 new EU rules apply (the EU Pact on Migration and Asylum). They may give a shorter time for some decisions.
deadline-counted =
    Counted with { $weeks ->
        [1] one week
        [2] two weeks
        [3] three weeks
       *[other] { $count } weeks
    } from the day you got the decision.
deadline-read-back = I read this as <b>{ $day }</b>. Is that right?
deadline-yes = ✅ Yes
deadline-no = 📅 No, pick on the calendar
