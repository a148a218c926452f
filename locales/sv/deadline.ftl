# Nästa steg: hjälpen med sista dagen att överklaga ("När är min sista dag?"), svenska.
# { $day } och { $days } fylls i av boten: låt dem stå som de är.

deadline-button = 📅 När är min sista dag?
deadline-today = I dag
deadline-yesterday = I går
deadline-pick =
    <b>När är min sista dag?</b>
    Titta först i ditt beslut. Står där en sista dag, eller en annan tid än tre veckor? Då är det den som gäller, inte det boten räknar ut.
    Vilken dag fick du beslutet (mötet där du fick det)?
    Välj dagen, eller skriv datumet, till exempel 3/11/2026.
deadline-future = Den dagen har inte kommit än. Välj dagen då du fick beslutet.
deadline-last-day = Räknat med tre veckor måste ditt överklagande ha <b>kommit fram</b> till Migrationsverket senast: <b>{ $day }</b>
deadline-days-left = Dagar kvar: <b>{ $days }</b>
deadline-last-day-today = <b>I dag är sista dagen.</b>
deadline-now = <b>Gör så här nu:</b> kontakta ditt offentliga biträde (din jurist) redan i dag. Har du inget, eller når du inte fram, kontakta en organisation som ger gratis juridisk hjälp.
deadline-passed = Med det datumet var sista dagen { $day }, och den har passerat. Ge inte upp: be om juridisk hjälp direkt. Ditt offentliga biträde eller en organisation med gratis juridisk hjälp kan titta på ditt beslut och berätta vad du kan göra nu.
deadline-too-old = Det datumet var för mer än ett år sedan. Kontrollera att det stämmer.
deadline-caveat = Viktigt: det som står i ditt beslut gäller alltid. Kontrollera det med ditt offentliga biträde eller din gode man.
deadline-rule = Räknat enligt { $basis }.
deadline-other-day = 📅 Välj en annan dag

## Vad står i beslutet? (frågan först), kalendern och svaret
# Utkast (draft): skrivet av teamet, ännu inte granskat av en modersmålstalare.
deadline-ask =
    <b>När är min sista dag?</b>
    Vad står det i ditt beslut om tiden för att överklaga? Titta efter ordet ”överklaga” i beslutet, eller fråga ditt offentliga biträde.
# { $day } är datumet som personen skrev.
deadline-ask-date = Du skrev <b>{ $day }</b>. Vad står det i ditt beslut om tiden för att överklaga?
# En knapp. { $weeks } väljer texten, { $count } är samma tal skrivet med språkets siffror.
deadline-option =
    { $weeks ->
        [1] En vecka
        [2] Två veckor
        [3] Tre veckor
       *[other] { $count } veckor
    }
deadline-option-usual = { $option } (det vanliga)
deadline-option-written = 📅 Det står en sista dag i mitt beslut
deadline-option-is-written = 📅 Det är sista dagen i mitt beslut
deadline-option-unknown = ❓ Jag vet inte
deadline-unknown = <b>Be om juridisk hjälp först.</b> Ditt offentliga biträde (en jurist, ofta en advokat) eller en organisation som ger gratis juridisk hjälp kan läsa beslutet med dig och säga vilken din sista dag är. Du kan också räkna med den vanliga tiden här under.
deadline-pick-written =
    <b>Vilken sista dag står i ditt beslut?</b>
    Välj dagen, eller skriv datumet, till exempel 3/11/2026.
deadline-pact = Från juni 2026 gäller EU:s nya regler (migrations- och asylpakten). De kan ge kortare tid för vissa beslut.
deadline-counted =
    Räknat med { $weeks ->
        [1] en vecka
        [2] två veckor
        [3] tre veckor
       *[other] { $count } veckor
    } från dagen du fick beslutet.
deadline-read-back = Jag läser det som <b>{ $day }</b>. Stämmer det?
deadline-yes = ✅ Ja
deadline-no = 📅 Nej, välj i kalendern
