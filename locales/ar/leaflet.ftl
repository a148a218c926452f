# Nästa steg: المطوية المطبوعة (`python -m bot leaflet`).

leaflet-qr = امسح الرمز لفتح Nästa steg في تيليغرام باللغة العربية.
leaflet-contacts = من يمكنه المساعدة؟
