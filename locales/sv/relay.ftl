# Nästa steg: skriva till personal genom boten (förmedlingen).

## For the young person

relay-button = ✍️ Skriv till personal här
relay-choose =
    <b>Vem vill du skriva till?</b>

    Välj en organisation. Om du inte vet, välj ”Vem som helst som kan hjälpa”.
relay-anyone = 🤝 Vem som helst som kan hjälpa
# Used as { $org } in relay-intro when the young person chose “Whoever can help”.
relay-anyone-org = organisationerna bakom boten
relay-intro =
    <b>Skriv till personal här</b>

    Dina meddelanden går till personal på <b>{ $org }</b>. De ser ett påhittat namn, inte ditt namn, nummer eller användarnamn. Du behöver inte skriva ditt namn.

    Boten sparar inte dina meddelanden. Kopplingen mellan dig och samtalet raderas efter { $days ->
        [one] en dag
       *[other] { $days } dagar
    } utan meddelanden, { $grace ->
        [one] en dag
       *[other] { $grace } dagar
    } efter att personalen avslutat samtalet eller när du skickar /forget.

    Det här är ingen akuttjänst. Ring <b>112</b> om du är i fara. Mår du mycket dåligt, oavsett ålder: ring 90101 (Mind Självmordslinjen). Är du under 18 kan du också ringa BRIS på 116 111.
# { $hours } is a list like “Mon–Fri 09:00–16:00”.
relay-hours = Personalen brukar svara: { $hours }
relay-confirm = ✅ Börja skriva
relay-started = Nu kan du skriva ditt meddelande. Du kan också skicka en bild, ett dokument eller ett röstmeddelande. Personalen svarar här, i den här chatten.
relay-end = Avsluta samtalet
relay-ended = Samtalet är avslutat. Kopplingen till det är raderad.
relay-delivered = ✓ Skickat till personalen.
# Sent after a message that arrives when staff are not working. { $day } is a weekday, { $time } a time.
relay-delivered-closed =
    ✓ Skickat till personalen. De arbetar inte just nu och brukar svara från { $day } kl. { $time }.

    Ring <b>112</b> om du är i fara. Mår du mycket dåligt, oavsett ålder: ring <b>90101</b>, dygnet runt. Är du under 18 kan du också ringa BRIS på <b>116 111</b>, dygnet runt.
relay-closed = Personalen har avslutat samtalet. Tack för att du skrev. Du kan börja ett nytt samtal från ”Prata med någon” när du vill.
relay-is-closed = Personalen har avslutat samtalet, så ditt meddelande skickades inte. Du kan börja ett nytt samtal.
relay-new = ✍️ Börja ett nytt samtal
relay-wait = Du skickar många meddelanden snabbt. Vänta en minut och skriv sedan igen.
relay-queued = ✓ Mottaget. Många skriver just nu, så det kan ta några minuter innan ditt meddelande når personalen.
relay-sos = 🆘 Hjälp nu
relay-call-button = 📞 Be om att bli uppringd
relay-call-ask = Om du vill att personalen ringer dig, tryck på ”Dela mitt telefonnummer” här nedanför. Bara personalen ser ditt nummer, och boten sparar det inte. Du behöver inte dela det.
relay-call-share = 📞 Dela mitt telefonnummer
relay-call-no = ✖️ Inte nu
relay-call-thanks = Tack. Personalen kan nu se ditt nummer och kan ringa dig.
relay-call-cancelled = Okej. Ditt nummer delades inte.
relay-call-other = Det är någon annans kontakt, så den skickades inte. Tryck på ”Dela mitt telefonnummer” om du vill dela ditt eget nummer.
forget-wiped = Boten raderade också meddelandena i den här chatten från de senaste 48 timmarna, där Telegram tillåter det.
forget-wipe-incomplete = Boten kunde inte radera alla meddelanden i den här chatten just nu. Du kan radera chatten själv: håll fingret på chatten och välj Radera.

## For staff, in the staff group

relay-staff-new = Nytt samtal: { $pseudonym }, språk { $language }, till { $desk }. Skriv i det här ämnet för att svara. /close avslutar samtalet, /answer skickar ett färdigt svar.
relay-staff-blocked = Den unga personen har blockerat boten: meddelandet kunde inte levereras.
relay-staff-closed = Samtalet är avslutat. Kopplingen till den unga personen raderas om { $days ->
        [one] en dag
       *[other] { $days } dagar
    }; till dess öppnar /reopen samtalet igen.
relay-staff-ended = Den unga personen avslutade samtalet.
relay-staff-forgot = Den unga personen använde /forget: samtalet är avslutat och kopplingen till personen är raderad.
relay-staff-callback = 📞 Den unga personen vill bli uppringd på: { $phone }
relay-staff-is-closed = Samtalet är avslutat, så ditt meddelande skickades inte. Skriv /reopen inom { $days ->
        [one] en dag
       *[other] { $days } dagar
    } efter att samtalet avslutades för att öppna det igen.
relay-staff-reopened = Samtalet är öppet igen.
relay-staff-answer-sent = Skickade det färdiga svaret ”{ $name }” på { $language }:
relay-staff-answers = Färdiga svar. Skriv /answer och ett namn, till exempel /answer { $example }:
relay-staff-no-answers = Det finns inga färdiga svar än. De skrivs i content/relay.yaml.
relay-staff-answer-missing = Det färdiga svaret ”{ $name }” finns inte på { $language } än, så det skickades inte.
relay-staff-expired = Inga meddelanden på { $days ->
        [one] en dag
       *[other] { $days } dagar
    }: kopplingen till den unga personen är raderad. Det som skrivs här når inte fram längre. Om personen skriver igen öppnas ett nytt ämne.
relay-staff-expired-closed = Tiden efter /close har gått ut: kopplingen till den unga personen är raderad. Det som skrivs här når inte fram längre.
relay-undelivered = ⚠️ Ditt meddelande kunde inte nå personalen just nu. Försök igen senare. Du kan också kontakta organisationerna direkt: numren finns under ”Prata med någon”. Ring 112 vid en nödsituation.
relay-staff-group-broken = ⚠️ Ett meddelande till { $desk } kunde inte levereras: boten kan inte öppna ämnen i organisationens grupp ({ $reason }). Kontrollera att gruppen har ämnen påslagna och att boten är administratör med rätt att hantera ämnen. Den unga personen ombads försöka igen senare.
relay-topics-wait = Du har startat flera nya samtal på kort tid, så det här meddelandet skickades inte. Vänta en timme och skriv sedan igen. Ring 112 om det är akut.
relay-staff-moved = Det här samtalet har flyttats till en annan personalgrupp (den unga personen valde en annan organisation, eller grupperna ändrades). Det som skrivs här når inte fram längre.
relay-staff-unknown-command = Skickades inte: { $command } är inget kommando här. Kommandona är /close, /reopen, /answer, /transfer, /mute och /unmute. Vill du skicka en text som börjar med ”/”, skriv ett annat tecken först.
relay-staff-ambiguous = ⚠️ Fler än ett samtal var kopplat till det här ämnet (personalgruppen byttes), så inget som skrevs här skickades. Varje ung persons nästa meddelande öppnar ett nytt ämne.
relay-staff-unreadable = Kopplingen till den unga personen gick inte att läsa efter att botens hemliga nyckel bytts, så den raderades. Det som skrivs här når inte fram längre. Om personen skriver igen öppnas ett nytt ämne.

## Lämna över till en annan organisation: den unga personen tillfrågas först
# Utkast (draft): skrivet av teamet, ännu inte granskat av en modersmålstalare.
# { $current } och { $to } är organisationers namn; { $offers } är vad { $to } gör.
handover-ask =
    <b>Personalen på { $current } föreslår att { $to } tar över ditt samtal.</b>
    De tror att { $to } kan hjälpa dig bättre med din fråga. Du bestämmer: ingenting ändras om du inte säger ja.
handover-offers = Det här gör { $to }: { $offers }
handover-what-moves = Om du säger ja går dina nästa meddelanden till { $to }, här i samma chatt. Personalen där ser ett nytt påhittat namn och en kort anteckning från personalen som har svarat dig hittills. De ser inte dina tidigare meddelanden. Om du säger nej blir allt som förut.
handover-yes = ✅ Ja, lämna över
handover-no = ✖️ Nej, stanna här
handover-moved = ✓ Klart. Från och med nu svarar personalen på <b>{ $to }</b> dig, här i den här chatten. De ser ett nytt påhittat namn.
handover-stays = Okej. Ingenting ändras: personalen på { $current } fortsätter att svara dig här.
# Skickas när personalen har pausat samtalet; det får inte säga mer än så här.
relay-muted = Personalen svarar dig senare.

## För personalen: lämna över, vem som väntar, tysta
relay-staff-transfer-usage = Skriv /transfer och id för en organisation, och gärna en kort anteckning till dess personal, till exempel /transfer farr Behöver hjälp med boende. Organisationer: { $desks }
relay-staff-transfer-same = Det här samtalet är redan hos { $desk }.
relay-staff-transfer-asked = Den unga personen har fått frågan på { $language } om { $desk } får ta över. Ingenting flyttas förrän hen säger ja.
relay-staff-transfer-refused = Den unga personen sa nej till att lämna över: samtalet stannar här.
relay-staff-transfer-done = ➡️ Med den unga personens samtycke flyttade samtalet till { $to }. Det som skrivs här når inte hen längre.
relay-staff-handed-over = ➡️ Överlämnat från { $current } med den unga personens samtycke: { $pseudonym }, språk { $language }, till { $to }. De tidigare meddelandena stannar hos { $current }; anteckningen från dess personal följer, om de skrev någon. Skriv i det här ämnet för att svara.
relay-staff-waiting = { $count ->
        [one] Ett samtal väntar på svar:
       *[other] { $count } samtal väntar på svar, längst väntat först:
    }
relay-staff-waited = { $hours } h { $minutes } min
relay-staff-waiting-none = Ingen i den här gruppen väntar på svar.
relay-staff-muted = 🔇 Tystat i { $hours } h, till { $day } { $time }. Den unga personens meddelanden kopieras inte hit; hen får bara veta att personalen svarar senare. /unmute avslutar det.
relay-staff-mute-usage = Skriv /mute och ett antal timmar från 1 till { $most }, till exempel /mute 24.
relay-staff-unmuted = 🔊 Tystnaden är hävd: den unga personens meddelanden kopieras hit igen.
relay-staff-not-muted = Det här samtalet är inte tystat.
