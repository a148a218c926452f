# Nästa steg: skriva till personal genom boten (förmedlingen).

relay-button = ✍️ Skriv till personal här
relay-intro =
    <b>Skriv till personal här</b>

    Dina meddelanden går till personal på organisationerna bakom boten. De ser ett påhittat namn, inte ditt namn, nummer eller användarnamn. Du behöver inte skriva ditt namn.

    Boten sparar inte dina meddelanden. Kopplingen mellan dig och samtalet raderas efter 30 dagar utan meddelanden, när personalen avslutar samtalet eller när du skickar /forget.

    Det här är ingen akuttjänst. Ring <b>112</b> om du är i fara. Barn och unga kan ringa BRIS på 116 111.
relay-confirm = ✅ Börja skriva
relay-started = Nu kan du skriva ditt meddelande. Personalen svarar här, oftast inom några dagar.
relay-end = Avsluta samtalet
relay-ended = Samtalet är avslutat. Kopplingen till det är raderad.
relay-delivered = ✓ Skickat till personalen.
relay-closed = Personalen har avslutat samtalet. Tack för att du skrev. Du kan börja ett nytt samtal från ”Prata med någon” när du vill.
relay-wait = Du skickar många meddelanden snabbt. Vänta en minut och skriv sedan igen.
relay-staff-blocked = Den unga personen har blockerat boten: meddelandet kunde inte levereras.
relay-staff-closed = Samtalet är avslutat och kopplingen till den unga personen är raderad.
relay-staff-ended = Den unga personen avslutade samtalet.
