# Nästa steg: den tryckta foldern (`python -m bot leaflet`).

# Under QR-koden, som öppnar boten på det här språket.
leaflet-qr = Skanna för att öppna Nästa steg i Telegram, på svenska.
# Rubrik för organisationer och stödlinjer.
leaflet-contacts = Vem kan hjälpa?
