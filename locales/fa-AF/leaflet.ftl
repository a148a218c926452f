# Nästa steg: ورق چاپی (`python -m bot leaflet`).

leaflet-qr = این کد را اسکن کن تا Nästa steg در تلگرام به زبان دری باز شود.
leaflet-contacts = چه کسی می‌تواند کمک کند؟
