# Nästa steg: publicera innehåll från redaktörsgruppen i Telegram (ses inte av unga).
# Ord inom { $... } fylls i av boten: filnamn, namn, antal, datum.

publish-export-caption = Innehållet som boten visar just nu (content/ och locales/).
publish-howto =
    Så ändrar du innehållet:
    1. Öppna zip-filen ovan. Ändra den fil du vill, till exempel content/sheet/sv.md (informationsbladet på svenska), content/organisations.yaml (organisationer, telefon, öppettider) eller locales/sv/main.ftl (knappar och korta texter).
    2. Skicka tillbaka filen hit som fil (gem-ikonen → Fil). En enda fil går bra, eller flera i en zip-fil. En .ftl-fil eller en inläsning (.ogg): skriv språket i bildtexten, till exempel fa-AF.
    3. Boten kontrollerar filen och svarar med vad som ändras, och skickar de ändrade skärmarna. Inget ändras ännu.
    4. Skriv /publish för att göra ändringen synlig för alla, eller /discard för att släppa den.
    /versions visar de senaste versionerna, /rollback tar tillbaka den förra (/rollback 3 tar tillbaka version 3).
    Bara gruppens administratörer kan ändra innehållet.

publish-not-admin = Bara administratörer i den här gruppen kan ändra innehållet. Be en administratör att skicka filen eller skriva kommandot.
publish-download-failed = Det gick inte att hämta filen från Telegram. Försök igen om en stund.

publish-refused-too-large = ✗ Filen är för stor (högst { $limit } MB). Skicka bara de filer du har ändrat.
publish-refused-file-too-large = ✗ { $name } är för stor (högst { $limit } MB per fil).
publish-refused-not-zip = ✗ Zip-filen går inte att öppna. Packa filerna igen och skicka på nytt.
publish-refused-too-many = ✗ Zip-filen har { $count } filer; högst { $limit } går. Skicka bara de filer du har ändrat.
publish-refused-unknown-place = ✗ { $name } hör inte hemma i innehållet. Använd samma mappar och filnamn som i zip-filen från /content.
publish-refused-unknown-type = ✗ { $name }: boten tar bara emot .md, .yaml, .ftl och .ogg, eller en zip-fil med sådana.
publish-refused-unknown-language = ✗ Språket { $language } finns inte. Skriv ett av dessa i bildtexten: { $languages }.
publish-refused-which-language = ✗ Boten vet inte vilket språk { $name } är på. Skicka filen igen och skriv språket i bildtexten, till exempel fa-AF.
publish-refused-link = ✗ { $name } är en länk, inte en fil. Packa de riktiga filerna.
publish-refused-encrypted = ✗ { $name } är lösenordsskyddad. Packa filerna utan lösenord.
publish-refused-bomb = ✗ { $name } packas upp till mycket mer än den tar plats. Boten öppnar den inte.
publish-refused-twice = ✗ { $name } finns två gånger i zip-filen.
publish-refused-not-text = ✗ { $name } är inte sparad som vanlig text (UTF-8). Spara den som oformaterad text och skicka igen.
publish-refused-empty = ✗ Zip-filen innehåller inga filer från innehållet.

publish-broken =
    ✗ Ändringen kan inte användas. Inget har ändrats. Rätta { $count ->
        [one] felet
       *[other] de { $count } felen
    } och skicka filen igen:
publish-nothing-changed = Filen är likadan som det som redan visas. Inget att publicera.
publish-staged = ✓ Kontrollerat. Det här ändras när du skriver /publish (filer: { $files }):
publish-staged-next = Skriv /publish för att göra ändringen synlig för alla, eller /discard för att släppa den.
publish-warnings = { $count } saker att titta på (ändringen kan ändå publiceras):
    { $warnings }

publish-change-sections = { $language }: ändrade avsnitt: { $names }
publish-new-sections = { $language }: nya avsnitt: { $names }
publish-removed-sections = { $language }: borttagna avsnitt: { $names }
publish-change-strings = { $language }: { $count ->
        [one] en knapp eller kort text ändras
       *[other] { $count } knappar och korta texter ändras
    }, till exempel { $examples }
publish-change-audio = { $language }: ny eller ändrad inläsning: { $names }
publish-change-organisations = Ändrade organisationer: { $names }
publish-new-organisations = Nya organisationer: { $names }
publish-removed-organisations = Borttagna organisationer: { $names }
publish-change-sheet-details = Uppgifter om avsnitt (datum, källor, knappar, granskning): { $names }
publish-change-deadline = Regeln för "När går min tid ut?" ändras.
publish-change-relay = "Skriv till personal här" ändras (organisationer, svarstider eller färdiga svar).
publish-change-glossary = Ordlistan ändras.
publish-change-other = Andra filer: { $files }
publish-stale = Granskningen av översättningen till { $language } av "{ $section }" gäller inte längre: den svenska texten har ändrats. Uppdatera översättningen och be om en ny granskning.
publish-swedish-changed = Den svenska texten i "{ $section }" ändras, men inte översättningarna till { $languages }. Se till att de uppdateras.

publish-preview-caption = { $count ->
        [one] Den ändrade skärmen
       *[other] De { $count } ändrade skärmarna
    }, så som de kommer att se ut. Öppna filen i en webbläsare.
publish-preview-title = Nästa steg: ändrade skärmar
publish-preview-before = Före

publish-nothing-staged = Det finns ingen ändring som väntar. Skicka en fil först (se /content).
publish-discarded = Ändringen är släppt. Inget har ändrats.
publish-done = ✓ Publicerat som version { $number }. Boten visar det nya innehållet nu. Ångra med /rollback.
publish-anonymous = en administratör
publish-commit-message = Innehåll publicerat från Telegram (version { $number }, { $editor })

publish-versions-title = De senaste versionerna (nyast först):
publish-version-start = #{ $number } · { $when } · innehållet innan det första publicerades från Telegram
publish-version-server = #{ $number } · { $when } · ändrat direkt på servern: { $files }
publish-version-publish = #{ $number } · { $when } · { $editor }: { $files }
publish-version-rollback = #{ $number } · { $when } · { $editor }: tillbaka till version { $restored }
publish-versions-hint = /rollback N tar tillbaka version N; /rollback utan nummer tar tillbaka den förra.
publish-versions-none = Inget har publicerats från Telegram ännu.
publish-rollback-unknown = Det finns ingen version { $number }. Se /versions.
publish-rollback-same = Version { $number } är redan det som visas.
publish-rollback-done = ✓ Version { $restored } är tillbaka (sparad som version { $number }). Boten visar den nu.
