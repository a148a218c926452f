# Nästa steg: the printed leaflet (`python -m bot leaflet`).

# Under the QR code, which opens the bot in this language.
leaflet-qr = Scan to open Nästa steg in Telegram, in English.
# Heading of the organisations and helplines.
leaflet-contacts = Who can help
