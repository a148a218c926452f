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
