# Nästa steg: messages to the staff chat (not seen by young people).

staff-reloaded = ✓ Innehållet är uppdaterat och används nu av boten.
staff-reload-failed =
    ✗ Ändringen används inte: boten visar fortfarande den senaste fungerande versionen. Rätta detta och spara igen:
    { $problems }
