# Nästa steg: user interface strings, Swedish. Translated from en/main.ftl (the reference language).
# Every language folder must have the same keys. Text may use <b>bold</b> and <i>italic</i>.
# { $name } is filled in by the bot: keep it as it is.

## About this language
language-name = Svenska
language-direction = ltr
language-telegram-codes = sv
language-order = 1

## Language choice (shown in every language at once)
choose-language = Hej! Välj ditt språk:

## Main menu
menu-text =
    <b>Nästa steg</b>
    Du har fått nej på din asylansökan. Du är inte ensam, och det finns hjälp. Vad vill du veta?
menu-sheet = Jag fick avslag – vad nu?
menu-legal = Gratis juridisk hjälp
menu-places = Träffpunkter och aktiviteter
menu-emergency = Akut hjälp och stödlinjer
menu-talk = Prata med någon
menu-language = Språk
menu-about = Om boten och integritet

## Buttons on every screen
button-back = ‹ Tillbaka
button-menu = ☰ Meny
button-previous = ‹ Föregående
button-more = Läs mer ›
button-next-section = Nästa: { $title } ›
button-map = 📍 Visa på kartan
button-website = 🌐 Webbplats
button-telegram = ✈️ Telegram

## The information sheet
sheet-intro = <b>Jag fick avslag – vad nu?</b>
    Välj ett ämne. Läs i vilken ordning du vill. Du kan alltid gå tillbaka.
section-checked = Uppgifterna kontrollerades { $date }.
section-draft = Den här texten är inte granskad än. Om något är oklart, fråga någon som hjälper dig.

## Lists of organisations
list-legal = <b>Gratis juridisk hjälp</b>
    De här organisationerna ger juridisk rådgivning gratis. Ditt offentliga biträde (din jurist) är också gratis.
list-places = <b>Träffpunkter och aktiviteter</b>
    Ställen där du kan träffa andra, få stöd och vara med på aktiviteter.
list-support = <b>Stöd och råd</b>
list-emergency = <b>Akut hjälp och stödlinjer</b>
    Är du i fara just nu? Ring <b>112</b>.
helpline-line = { $name }: { $phone }

## One organisation
org-languages = 🗣 Språk: { $languages }
org-phone = 📞 { $phone }
org-hours = 🕒 { $hours } – { $status }
org-address = 🏠 { $address }
org-website = 🌐 { $url }
org-email = ✉️ { $email }
org-telegram = ✈️ { $username }
org-unverified = Vissa uppgifter är inte bekräftade än. Kolla webbplatsen eller fråga när du kontaktar dem.
org-checked = Kontrollerat { $date }.

## Opening hours (Swedish time)
hours-always = 🕒 Öppet dygnet runt, alla dagar
hours-open-now = öppet nu, till { $time }
hours-opens-at = stängt nu, öppnar { $day } kl. { $time }
hours-closed = stängt nu

## Talk to someone
talk-text =
    <b>Prata med någon</b>
    Du behöver inte bestämma något ensam. Organisationerna här pratar med unga i din situation. Du behöver inte säga ditt namn.
    Migrationsverket finns också i listan. Det är myndigheten som beslutar i ditt ärende, inte en hjälporganisation.
    Mår du mycket dåligt, oavsett ålder? Ring <b>90101</b>, dygnet runt. Under 18? BRIS svarar dygnet runt: <b>116 111</b>. I fara: <b>112</b>.
    Välj en organisation för att se hur du når dem:

## Help and privacy
help-text =
    <b>Så använder du Nästa steg</b>
    Tryck på knapparna för att gå runt. ‹ Tillbaka tar dig ett steg bakåt, ☰ Meny tar dig till början.
    Kommandon: /menu – huvudmeny, /language – byt språk, /privacy – vad vi sparar, /forget – radera det boten minns om dig.
about-text =
    <b>Om Nästa steg</b>
    Information för unga som kom ensamma till Sverige och har fått ett första nej på sin asylansökan. Gjord tillsammans med organisationer som hjälper unga. Nästa steg är ingen advokat och ingen myndighet: kolla alltid med ditt offentliga biträde eller din gode man.

    <b>Din integritet</b>
    • Boten sparar inte ditt namn, ditt nummer eller det du skriver.
    • Den minns bara språket du valde. Det sparas under en hemlig kod i stället för ditt Telegram-konto, och raderas efter ett år om du inte använder boten.
    • Den räknar hur många gånger varje sida öppnas per dag, utan att veta av vem.
    • Om du skriver till personal genom boten sparas kopplingen till din chatt bara medan samtalet pågår. Den raderas efter { $days ->
        [one] en dag
       *[other] { $days } dagar
    } utan meddelanden, när samtalet avslutas eller med /forget. Dina meddelanden sparas inte.
    • /forget raderar ditt språkval direkt.
    • Telegram (företaget) kan se att du använder den här boten. Om någon kanske tittar i din telefon kan du radera chatten.

## Answers to things the bot does not understand
only-text = Jag kan inte öppna bilder, stickers, röstmeddelanden eller filer. Använd knapparna.
unknown-command = Det kommandot känner jag inte till.
stale-button = Den knappen är gammal, så här är menyn.
forgotten = Klart. Boten minns inte längre ditt språk. Skriv /start för att börja om.
error-generic = Förlåt, något gick fel. Försök igen, eller skriv /menu.

## Telegram's command menu and bot description
command-start = Starta och välj språk
command-menu = Huvudmeny
command-language = Byt språk
command-help = Så använder du boten
command-privacy = Om boten och integritet
command-forget = Radera det boten minns om dig
bot-short-description = Information och hjälp efter nej på asylansökan, på svenska, engelska, arabiska och dari.
bot-description = Nästa steg hjälper unga som kom ensamma till Sverige och har fått ett första nej på sin asylansökan: vad det betyder, hur du överklagar i tid, dina rättigheter och vem som kan hjälpa dig. Gratis och anonymt.

## Säker chatt: håll den här chatten privat i telefonen
# Utkast (draft): skrivet av teamet, ännu inte granskat av en modersmålstalare.
menu-safe = 🛡️ Säker chatt
safe-text =
    <b>Håll den här chatten säker i din telefon</b>
    Du bestämmer vem som ser dina chattar. De här stegen hjälper om någon annan kan titta i din telefon.

    <b>⏱ Låt meddelanden radera sig själva</b>
    Öppna den här chatten och tryck på ⋮ högst upp (på iPhone: tryck på botens namn och sedan ⋯). Välj <i>Automatisk radering</i> och välj 1 dag eller 1 vecka. Sedan försvinner meddelandena i chatten av sig själva.

    <b>🔒 Lås Telegram med en kod</b>
    Inställningar → Integritet och säkerhet → Lösenkodslås. Då frågar Telegram efter din kod varje gång appen öppnas. Stäng också av förhandsvisning av meddelanden (Inställningar → Aviseringar och ljud), så att en låst skärm inte visar vad personalen skrev.

    <b>🗂 Göm chatten</b>
    Dra chatten åt vänster i chattlistan, eller håll fingret på den, och välj <i>Arkivera</i>. Då försvinner den från huvudlistan.

    <b>🧹 Radera allt</b>
    Skicka /forget: boten glömmer dig och raderar meddelandena i den här chatten från de senaste 48 timmarna. Du kan alltid komma tillbaka med /start.

    Om du är i fara nu, ring 112.
