# Nästa steg: hjälpen med sista dagen att överklaga ("När är min sista dag?"), svenska.
# { $day } och { $days } fylls i av boten: låt dem stå som de är.

deadline-button = 📅 När är min sista dag?
deadline-today = Idag
deadline-yesterday = Igår
deadline-pick =
    <b>När är min sista dag?</b>
    Vilken dag fick du beslutet (mötet där du fick det)?
    Välj dagen, eller skriv datumet, till exempel 3/11/2026.
deadline-future = Den dagen har inte kommit än. Välj dagen då du fick beslutet.
deadline-last-day = Ditt överklagande måste ha <b>kommit fram</b> till Migrationsverket senast: <b>{ $day }</b>
deadline-days-left = Dagar kvar: <b>{ $days }</b>
deadline-last-day-today = <b>Idag är sista dagen.</b>
deadline-now = <b>Gör så här nu:</b> kontakta ditt offentliga biträde (din advokat) redan idag. Har du inget, eller når du inte fram, kontakta en organisation som ger gratis juridisk hjälp.
deadline-passed = Med det datumet var sista dagen { $day }, och den har passerat. Ge inte upp: be om juridisk hjälp direkt. Ditt offentliga biträde eller en organisation med gratis juridisk hjälp kan titta på ditt beslut och berätta vad du kan göra nu.
deadline-too-old = Det datumet är mer än ett år sedan. Kontrollera att det stämmer.
deadline-caveat = Viktigt: det är tidsfristen som står i ditt beslut som gäller. Kontrollera den med ditt offentliga biträde eller din gode man.
deadline-rule = Räknat enligt { $basis }.
deadline-other-day = 📅 Välj en annan dag
