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
